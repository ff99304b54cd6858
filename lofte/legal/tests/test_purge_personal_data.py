"""`lofte purge_personal_data` deletes personal data when its time is up, and not before; the
privacy page states the same numbers of days."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from lofte.events.models import Registration
from lofte.events.tests.test_event_pages import make_event
from lofte.followup.models import Subscription
from lofte.legal.models import ProblemReport
from lofte.participation.models import Comment

NOW = timezone.now()


def ago(days, hours=0):
    return NOW - datetime.timedelta(days=days, hours=hours)


def purge(*args):
    out = StringIO()
    call_command("purge_personal_data", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def data(promise):
    """Two of each kind: one just past its time (default settings), one just within it."""
    old_event = make_event(promise, ago(31, 3), title="Gammalt")
    recent_event = make_event(promise, ago(29, 3), title="Nyligen")
    for n, event in enumerate([old_event, recent_event]):
        Registration.objects.create(
            event=event, email=f"r{n}@example.se", state="confirmed", token=f"t{n}"
        )
    for n, days in enumerate([8, 6]):
        subscription = Subscription.objects.create(
            promise=promise, email=f"s{n}@example.se", token=f"s{n}"
        )
        Subscription.objects.filter(pk=subscription.pk).update(created_at=ago(days))
    Subscription.objects.create(
        promise=promise, email="kvar@example.se", token="k", confirmed_at=ago(400)
    )
    Subscription.objects.filter(email="kvar@example.se").update(created_at=ago(400))
    for days in (91, 89):
        Comment.objects.create(
            promise=promise, text=f"Avvisad {days}", state="rejected", moderated_at=ago(days)
        )
    Comment.objects.create(
        promise=promise,
        text="Publicerad",
        state="published",
        published_at=ago(500),
        moderated_at=ago(500),
    )
    for days in (366, 364):
        report = ProblemReport.objects.create(description=f"Rapport {days}")
        ProblemReport.objects.filter(pk=report.pk).update(created_at=ago(days))


def test_it_deletes_what_is_past_its_time_and_keeps_the_rest(data):
    out = purge()

    assert "registrations: deleted 1 (kept 30 days)" in out
    assert list(Registration.objects.values_list("event__title", flat=True)) == ["Nyligen"]
    assert sorted(Subscription.objects.values_list("email", flat=True)) == [
        "kvar@example.se",
        "s1@example.se",
    ]
    assert sorted(Comment.objects.values_list("text", flat=True)) == ["Avvisad 89", "Publicerad"]
    assert list(ProblemReport.objects.values_list("description", flat=True)) == ["Rapport 364"]


def test_running_it_again_deletes_nothing_more(data):
    purge()

    out = purge()

    assert "deleted 0" in out and "deleted 1" not in out


def test_a_dry_run_counts_and_deletes_nothing(data):
    out = purge("--dry-run")

    assert "registrations: would delete 1" in out
    assert "problem_reports: would delete 1" in out
    assert Registration.objects.count() == 2
    assert ProblemReport.objects.count() == 2


@override_settings(
    KEEP_REGISTRATIONS_DAYS=1,
    KEEP_UNCONFIRMED_SUBSCRIPTIONS_DAYS=100,
    KEEP_REJECTED_COMMENTS_DAYS=0,
    KEEP_PROBLEM_REPORTS_DAYS=1000,
)
def test_the_settings_decide_how_long(data):
    purge()

    assert Registration.objects.count() == 0
    assert Subscription.objects.count() == 3
    assert list(Comment.objects.values_list("text", flat=True)) == ["Publicerad"]
    assert ProblemReport.objects.count() == 2


@override_settings(KEEP_REGISTRATIONS_DAYS=14, KEEP_PROBLEM_REPORTS_DAYS=180)
def test_the_privacy_page_states_the_same_days(client, db):
    html = client.get("/personuppgifter/").content.decode()

    assert "Allt raderas 14 dagar efter evenemanget" in html
    assert "Rapporten raderas 180 dagar efter att den kom in." in html
    assert "raderas adressen efter 7 dagar" in html
    assert "raderas 90 dagar efter att den avvisades" in html


def test_the_privacy_page_is_in_english_too(client, db):
    html = client.get("/en/personuppgifter/").content.decode()

    assert "How we handle personal data" in html
    assert "Everything is deleted 30 days after the event" in html
