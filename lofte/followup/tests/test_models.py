import datetime

import pytest

from lofte.actors.models import Organisation
from lofte.followup.models import ReportingPeriod
from lofte.promises.models import Commitment

pytestmark = pytest.mark.django_db


def test_quarters_cover_the_promise_period_and_are_due_after_they_end(promise, periods):
    assert len(periods) == 8
    assert periods[0].name == "Kvartal 1 2024"
    assert (periods[0].starts_on, periods[0].ends_on) == (
        datetime.date(2024, 1, 1),
        datetime.date(2024, 3, 31),
    )
    assert periods[0].due_on == datetime.date(2024, 4, 15)
    assert periods[-1].ends_on == promise.period_end


def test_quarters_are_clipped_to_a_promise_that_starts_mid_quarter(promise):
    promise.period_start = datetime.date(2024, 2, 27)
    promise.period_end = datetime.date(2024, 8, 10)
    quarters = ReportingPeriod.quarters_for(promise)
    assert [(q.starts_on, q.ends_on) for q in quarters] == [
        (datetime.date(2024, 2, 27), datetime.date(2024, 3, 31)),
        (datetime.date(2024, 4, 1), datetime.date(2024, 6, 30)),
        (datetime.date(2024, 7, 1), datetime.date(2024, 8, 10)),
    ]


def test_an_editor_may_report_only_on_their_own_actors_commitments(
    promise, erik, fatima, alice, dana
):
    c = list(promise.commitments().order_by("order"))
    assert c[0].can_be_reported_by(erik) and not c[0].can_be_reported_by(fatima)
    assert c[2].can_be_reported_by(erik) and c[2].can_be_reported_by(fatima)
    assert c[1].can_be_reported_by(fatima) and not c[1].can_be_reported_by(erik)
    assert all(x.can_be_reported_by(alice) for x in c)
    assert not any(x.can_be_reported_by(dana) for x in c)
    assert set(Commitment.objects.reportable_by(erik)) == {c[0], c[2], c[3]}


def test_an_editor_of_one_promise_reports_nothing_in_another(promise, other_promise, erik):
    # Erik's organisation also acts in annanstad, but his rights are in testby only.
    other_promise.commitments().first().actors.add(Organisation.objects.get(slug="aktor-testby-0"))
    assert (
        not Commitment.objects.reportable_by(erik)
        .filter(focus_area__promise=other_promise)
        .exists()
    )
