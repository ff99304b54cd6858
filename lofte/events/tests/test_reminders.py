"""The reminder the day before: to those with a place, once, never twice."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from lofte.events.actions import register, send_reminders
from lofte.events.models import Registration
from lofte.events.tests.test_event_pages import make_event


def tomorrow_at(hour):
    day = timezone.localdate() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def tomorrows(promise):
    return make_event(promise, tomorrow_at(18), title="Kvällsmöte", registration=True, capacity=1)


def test_those_with_a_place_are_reminded_once_and_those_waiting_not(tomorrows):
    register(tomorrows, "plats@example.se")
    register(tomorrows, "vantar@example.se")
    mail.outbox.clear()

    out = StringIO()
    call_command("send_event_reminders", stdout=out)

    assert out.getvalue() == "1 reminders sent.\n"
    [message] = mail.outbox
    assert message.to == ["plats@example.se"]
    assert message.subject == "Påminnelse: Kvällsmöte"
    assert "/anmalan/" in message.body and "/avboka/" in message.body
    assert Registration.objects.get(email="plats@example.se").reminded_at is not None

    call_command("send_event_reminders", stdout=StringIO())
    assert len(mail.outbox) == 1


def test_no_reminder_for_events_later_than_tomorrow_or_already_begun(promise):
    later = make_event(
        promise, tomorrow_at(18) + datetime.timedelta(days=1), registration=True, capacity=5
    )
    begun = make_event(
        promise, timezone.now() - datetime.timedelta(minutes=5), registration=True, capacity=5
    )
    register(later, "senare@example.se")
    Registration.objects.create(
        event=begun, email="borjat@example.se", state="confirmed", token="t-begun"
    )
    mail.outbox.clear()

    assert send_reminders() == 0
    assert mail.outbox == []


def test_someone_who_moves_up_after_the_reminders_went_out_is_reminded_on_the_next_run(tomorrows):
    first = register(tomorrows, "forst@example.se")
    register(tomorrows, "sen@example.se")
    assert send_reminders() == 1

    from lofte.events.actions import cancel

    cancel(first)
    mail.outbox.clear()

    assert send_reminders() == 1
    assert mail.outbox[0].to == ["sen@example.se"]


def test_a_reminder_claimed_by_another_run_is_not_sent_again(tomorrows):
    registration = register(tomorrows, "plats@example.se")
    # Another run marked it between this run's query and its send.
    Registration.objects.filter(pk=registration.pk).update(reminded_at=timezone.now())
    mail.outbox.clear()

    assert send_reminders() == 0
    assert mail.outbox == []
