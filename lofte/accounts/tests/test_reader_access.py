"""Rosa, a reader of `testby`, may not see or change who has a role in it."""

import pytest
from django.urls import reverse
from django.utils import translation

from lofte.accounts.models import Invitation
from lofte.promises.models import Membership

pytestmark = pytest.mark.django_db


def people_url(promise):
    with translation.override("sv"):
        return "/en" + reverse("accounts:people", args=[promise.slug])


def test_rosa_may_not_open_the_people_page(client, promise, rosa):
    client.force_login(rosa)
    assert client.get(people_url(promise)).status_code == 403


def test_rosa_may_not_invite_anyone(client, promise, rosa):
    client.force_login(rosa)
    data = {"action": "invite", "email": "nina@example.se", "role": "coordinator"}
    assert client.post(people_url(promise), data).status_code == 403
    assert not Invitation.objects.exists()
    assert Membership.objects.filter(promise=promise).count() == 1
