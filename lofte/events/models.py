import datetime
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lofte.promises.models import Promise


class EventQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at")

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at")


class Event(models.Model):
    """A meeting, launch or activity where residents meet the promise."""

    promise = models.ForeignKey(
        Promise, models.CASCADE, related_name="events", verbose_name=_("promise")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    place_name = models.CharField(_("place"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    audience = models.CharField(
        _("audience"), max_length=200, blank=True, help_text=_("Who it is for, e.g. 'everyone'.")
    )
    registration = models.BooleanField(
        _("registration"),
        default=False,
        help_text=_("Residents register with an e-mail address; a waiting list opens when full."),
    )
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("How many may come. Needed when registration is on."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", args=[self.promise.slug, self.pk])

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("An event cannot end before it starts.")})
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Give both latitude and longitude, or neither."))
        if self.registration and not self.capacity:
            raise ValidationError(
                {"capacity": _("Give the number of places to open registration.")}
            )

    def has_ended(self, now=None):
        return self.ends_at < (now or timezone.now())

    def accepts_registrations(self, now=None):
        """Return True if residents may register now: registration is on, the event not begun."""
        return (
            self.registration and bool(self.capacity) and self.starts_at > (now or timezone.now())
        )

    def places_taken(self):
        """Return how many places the confirmed registrations hold."""
        taken = self.registrations.filter(state=Registration.State.CONFIRMED).aggregate(
            n=Sum("places")
        )["n"]
        return taken or 0

    def registration_counts(self):
        """Return the counts a coordinator and a resident may see: never who registered."""
        counts = self.registrations.aggregate(
            confirmed=Sum("places", filter=Q(state=Registration.State.CONFIRMED)),
            waiting=Sum("places", filter=Q(state=Registration.State.WAITING)),
        )
        confirmed, waiting = counts["confirmed"] or 0, counts["waiting"] or 0
        return {
            "confirmed": confirmed,
            "waiting": waiting,
            "left": max((self.capacity or 0) - confirmed, 0),
        }

    def calendar_links(self):
        """Return the addresses that add this one event to Google's and Outlook's web calendars."""
        location = ", ".join(filter(None, [self.place_name, self.address]))
        utc = datetime.UTC

        def stamp(moment):
            return moment.astimezone(utc).strftime("%Y%m%dT%H%M%SZ")

        google = urlencode(
            {
                "action": "TEMPLATE",
                "text": self.title,
                "dates": f"{stamp(self.starts_at)}/{stamp(self.ends_at)}",
                "details": self.description[:1000],
                "location": location,
            }
        )
        outlook = urlencode(
            {
                "path": "/calendar/action/compose",
                "rru": "addevent",
                "subject": self.title,
                "startdt": self.starts_at.astimezone(utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "enddt": self.ends_at.astimezone(utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "body": self.description[:1000],
                "location": location,
            }
        )
        return {
            "google": f"https://calendar.google.com/calendar/render?{google}",
            "outlook": f"https://outlook.live.com/calendar/0/deeplink/compose?{outlook}",
        }

    @property
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None

    def to_dict(self):
        return {
            "id": self.pk,
            "title": self.title,
            "description": self.description,
            "place_name": self.place_name,
            "address": self.address,
            "coordinates": [float(self.latitude), float(self.longitude)]
            if self.has_coordinates
            else None,
            "starts_at": timezone.localtime(self.starts_at).isoformat(),
            "ends_at": timezone.localtime(self.ends_at).isoformat(),
            "audience": self.audience,
        }


# How many places one registration may hold: a family, not a whole class.
MAX_PLACES = 6


class RegistrationQuerySet(models.QuerySet):
    def waiting_in_line(self):
        return self.filter(state=Registration.State.WAITING).order_by("created_at", "pk")

    def to_remind(self, now=None):
        """Return the confirmed registrations for events starting before tomorrow ends that
        have had no reminder yet."""
        now = now or timezone.now()
        tomorrow = timezone.localdate(now) + datetime.timedelta(days=1)
        until = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time.max))
        return self.filter(
            state=Registration.State.CONFIRMED,
            reminded_at__isnull=True,
            event__starts_at__gt=now,
            event__starts_at__lte=until,
        )

    def expired(self, days, now=None):
        """Return the registrations for events that ended more than `days` days ago."""
        cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
        return self.filter(event__ends_at__lt=cutoff)


class Registration(models.Model):
    """A resident's registration for an event: an e-mail address and a number of places.

    Personal data: shown to no one, not in the admin either; coordinators see counts. The
    address is used for the confirmation, moving up from the waiting list and the reminder,
    and deleted after the event (`lofte purge_personal_data`).
    """

    class State(models.TextChoices):
        CONFIRMED = "confirmed", _("has a place")
        WAITING = "waiting", _("on the waiting list")

    event = models.ForeignKey(
        Event, models.CASCADE, related_name="registrations", verbose_name=_("event")
    )
    email = models.EmailField(_("e-mail"))
    places = models.PositiveSmallIntegerField(
        _("places"), default=1, validators=[MinValueValidator(1), MaxValueValidator(MAX_PLACES)]
    )
    state = models.CharField(_("state"), max_length=20, choices=State.choices)
    # The secret in the cancel link: random, so that it reveals nothing and cannot be guessed.
    token = models.CharField(max_length=64, unique=True)
    language = models.CharField(max_length=10, default="sv")
    created_at = models.DateTimeField(auto_now_add=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "email"], name="one_registration_each")
        ]
        ordering = ["created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")

    def __str__(self):
        # Never the address: delete pages and logs name registrations.
        return f"{self.event} #{self.pk}"

    def get_cancel_url(self):
        return reverse("events:cancel", args=[self.token])


class EventRecord(models.Model):
    """What happened at an event, written by the promise's coordinators afterwards: how many
    came and what residents raised. Public, on the event page and in the follow-up report."""

    event = models.OneToOneField(
        Event, models.CASCADE, related_name="record", verbose_name=_("event")
    )
    attendance = models.PositiveIntegerField(
        _("how many came"),
        validators=[MaxValueValidator(100_000)],
        help_text=_("An estimate will do."),
    )
    raised = models.TextField(
        _("what residents raised"),
        max_length=2000,
        help_text=_("Write no names or other personal data."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("record of an event")
        verbose_name_plural = _("records of events")

    def __str__(self):
        return str(self.event)
