"""Published and hidden updates shared by the follow-up tests."""

import datetime

import pytest
from django.utils import timezone

from lofte.followup.models import MeasureValue, Update
from lofte.promises.models import Commitment


def reviewed(day):
    return timezone.make_aware(datetime.datetime(2025, 1, day, 12, 0))


def make_update(commitment, period, text="Vi höll tre träffar.", *, value=None, **extra):
    fields = {
        "status": Commitment.Status.ONGOING,
        "state": Update.State.APPROVED,
        "is_publishable": True,
        "reviewed_at": reviewed(1),
    }
    fields.update(extra)
    update = Update.objects.create(commitment=commitment, period=period, text=text, **fields)
    if value is not None:
        MeasureValue.objects.create(update=update, measure=commitment.measures.first(), value=value)
    return update


@pytest.fixture
def hidden(promise, periods):
    """Updates residents must never see, each with a secret text, on commitment 1."""
    c = promise.commitments().get(order=1)
    return [
        make_update(c, periods[0], "HEMLIGT-UTKAST", state=Update.State.DRAFT, reviewed_at=None),
        make_update(c, periods[1], "HEMLIGT-INLAMNAT", state=Update.State.SUBMITTED),
        make_update(c, periods[2], "HEMLIGT-RETURNERAT", state=Update.State.RETURNED),
        make_update(c, periods[3], "HEMLIGT-EJ-PUBLICERBART", is_publishable=False),
    ]


SECRETS = ["HEMLIGT-UTKAST", "HEMLIGT-INLAMNAT", "HEMLIGT-RETURNERAT", "HEMLIGT-EJ-PUBLICERBART"]
