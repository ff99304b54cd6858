import pytest

from lofte.actors.models import Organisation
from lofte.promises.models import Promise

pytestmark = pytest.mark.django_db


def test_it_lists_the_actors_commitments_across_promises(client, promise, other_promise):
    actor = Organisation.objects.get(slug="aktor-testby-1")
    other = other_promise.commitments().first()
    other.actors.add(actor)
    html = client.get("/aktorer/aktor-testby-1/").content.decode()
    assert actor.name in html and actor.get_kind_display().capitalize() in html
    for c in promise.commitments().filter(actors=actor):
        assert c.title in html
    assert other.title in html and "Medborgarlöfte annanstad" in html
    assert "fiktivt exempel" in html


def test_it_hides_commitments_in_drafts_from_anonymous(client, promise, draft):
    actor = Organisation.objects.get(slug="aktor-testby-1")
    secret = draft.commitments().first()
    secret.actors.add(actor)
    html = client.get("/aktorer/aktor-testby-1/").content.decode()
    assert secret.title not in html


def test_it_is_404_for_an_actor_only_in_drafts_or_unknown(client, draft):
    assert client.get("/aktorer/aktor-utkast-0/").status_code == 404
    assert client.get("/aktorer/finns-inte/").status_code == 404


def test_it_shows_a_draft_commitment_to_a_member_of_the_draft(client, draft):
    from django.contrib.auth.models import User

    from lofte.promises.models import Membership

    user = User.objects.create_user("m", password="x-secret-1")
    Membership.objects.create(user=user, promise=draft, role=Membership.Role.READER)
    client.force_login(user)
    html = client.get("/aktorer/aktor-utkast-0/").content.decode()
    assert draft.commitments().filter(actors__slug="aktor-utkast-0").first().title in html
    assert Promise.objects.get(slug="utkast").title in html
