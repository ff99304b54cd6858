"""Writes on events: registering, cancelling (the waiting list moves up), reminding.

Every change of who holds a place runs with the event's row locked (`select_for_update`; on
SQLite every write transaction is BEGIN IMMEDIATE), so two registrations at once never give
out more places than there are. E-mail goes once the transaction has committed: a mail never
tells of a place that a rollback took back.
"""

import secrets
import smtplib

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from lofte.events.models import Event, EventRecord, Registration
from lofte.web import absolute_url


def register(event, email, places=1):
    """Register `email` for `places` places: confirmed if they fit, else on the waiting list.

    Return the registration. An address already registered gets its registration back,
    unchanged, and the mail again: the answer must not tell anyone who has registered.
    """
    registration = _register(event, email, places)
    _mail(registration, "registered")
    return registration


@transaction.atomic
def _register(event, email, places):
    event = Event.objects.select_for_update().get(pk=event.pk)
    email = email.strip().lower()
    existing = event.registrations.filter(email=email).first()
    if existing is not None:
        registration = existing
    else:
        fits = not event.registrations.waiting_in_line().exists() and (
            event.places_taken() + places <= event.capacity
        )
        try:
            with transaction.atomic():
                registration = Registration.objects.create(
                    event=event,
                    email=email,
                    places=places,
                    state=Registration.State.CONFIRMED if fits else Registration.State.WAITING,
                    token=secrets.token_urlsafe(32),
                    language=translation.get_language() or settings.LANGUAGE_CODE,
                )
        except IntegrityError:
            registration = event.registrations.get(email=email)
    return registration


def cancel(registration):
    """Cancel the registration; the waiting list moves up into the places it frees.

    Return the registrations that moved up, each mailed."""
    moved = _cancel(registration)
    for waiting in moved:
        _mail(waiting, "moved_up")
    return moved


@transaction.atomic
def _cancel(registration):
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    deleted, _kinds = Registration.objects.filter(pk=registration.pk).delete()
    if not deleted:
        return []
    return _move_up(event)


def _move_up(event):
    """Give free places to the waiting list in the order they came; the first who does not fit
    keeps everyone behind them waiting, so nobody is passed by a smaller group."""
    free = event.capacity - event.places_taken()
    moved = []
    for waiting in event.registrations.waiting_in_line():
        if waiting.places > free:
            break
        waiting.state = Registration.State.CONFIRMED
        waiting.save(update_fields=["state"])
        free -= waiting.places
        moved.append(waiting)
    return moved


def send_reminders(now=None, promise=None):
    """Mail each confirmed registrant once, the day before the event; return how many were sent.

    Each registration is marked before its mail goes (one conditional UPDATE), so two runs at
    once, or a run after a crash, never mail anyone twice: at most once, never twice. A mail
    the server refused is unmarked, so the next run (a background job's retry) sends it.
    With `promise`, only its events."""
    now = now or timezone.now()
    sent = 0
    registrations = Registration.objects.to_remind(now).select_related("event__promise")
    if promise is not None:
        registrations = registrations.filter(event__promise=promise)
    for registration in registrations:
        claimed = Registration.objects.filter(pk=registration.pk, reminded_at__isnull=True).update(
            reminded_at=now
        )
        if not claimed:
            continue
        if _mail(registration, "reminder"):
            sent += 1
        else:
            Registration.objects.filter(pk=registration.pk, reminded_at=now).update(
                reminded_at=None
            )
    return sent


def save_record(event, *, attendance, raised):
    """Save what happened at the event; return the record."""
    record, _created = EventRecord.objects.update_or_create(
        event=event, defaults={"attendance": attendance, "raised": raised}
    )
    return record


def _mail(registration, kind):
    """Send the registrant the mail of `kind` in the language they registered in; return True
    when it went."""
    event = registration.event
    with translation.override(registration.language):
        ctx = {
            "event": event,
            "promise": event.promise,
            "registration": registration,
            "waiting": registration.state == Registration.State.WAITING,
            "event_url": absolute_url(event.get_absolute_url()),
            "cancel_url": absolute_url(registration.get_cancel_url()),
        }
        subject = render_to_string(f"events/email/{kind}_subject.txt", ctx)
        body = render_to_string(f"events/email/{kind}_body.txt", ctx)
    try:
        send_mail(" ".join(subject.split()), body, None, [registration.email])
    except (smtplib.SMTPException, OSError):
        return False
    return True
