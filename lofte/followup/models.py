import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lofte.promises.models import PUBLIC_STATUSES, Commitment, Measure, Promise

# Evidence uploads: documents and pictures only, and small enough for a phone connection.
EVIDENCE_EXTENSIONS = ["pdf", "jpg", "jpeg", "png", "docx", "xlsx", "odt"]
EVIDENCE_MAX_BYTES = 5 * 1024 * 1024


# What each allowed kind of file starts with: a renamed program is refused whatever its name.
EVIDENCE_SIGNATURES = {
    "pdf": [b"%PDF-"],
    "jpg": [b"\xff\xd8\xff"],
    "jpeg": [b"\xff\xd8\xff"],
    "png": [b"\x89PNG\r\n\x1a\n"],
    "docx": [b"PK\x03\x04"],  # Office and OpenDocument files are zip archives
    "xlsx": [b"PK\x03\x04"],
    "odt": [b"PK\x03\x04"],
}


def validate_evidence_content(upload):
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    signatures = EVIDENCE_SIGNATURES.get(extension)
    if signatures is None:
        return  # FileExtensionValidator says what is wrong with the name
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(sig) for sig in signatures):
        raise ValidationError(
            _("The file is not a real %(kind)s file. Save it again as %(kind)s and upload that."),
            params={"kind": extension.upper()},
        )


def validate_evidence_size(upload):
    if upload.size > EVIDENCE_MAX_BYTES:
        raise ValidationError(
            _("The file is %(size)s MB; at most %(max)s MB is allowed."),
            params={"size": round(upload.size / 1024 / 1024, 1), "max": 5},
        )


# How `ReportingPeriod.quarters_for` names a quarter, in Swedish (content is written in Swedish).
QUARTER_NAME = re.compile(r"Kvartal ([1-4]) (\d{4})")


class ReportingPeriodQuerySet(models.QuerySet):
    def due(self, today=None):
        """Periods whose due date has passed."""
        return self.filter(due_on__lt=today or timezone.localdate())

    def started(self, today=None):
        """Periods that have begun: actors may report on them."""
        return self.filter(starts_on__lte=today or timezone.localdate())


class ReportingPeriod(models.Model):
    """A period actors report on, e.g. a quarter, with the date the reports are due."""

    promise = models.ForeignKey(
        Promise, models.CASCADE, related_name="periods", verbose_name=_("promise")
    )
    name = models.CharField(_("name"), max_length=100)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    due_on = models.DateField(_("reports due"))

    objects = ReportingPeriodQuerySet.as_manager()

    class Meta:
        ordering = ["starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["promise", "starts_on"], name="unique_period_start")
        ]
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")

    def __str__(self):
        return self.name

    @property
    def label(self):
        """The period's name as the reader says it: a quarter named the way `quarters_for`
        names it ("Kvartal 1 2024") in the active language ("Quarter 1 2024", "الربع 1 2024");
        any other name as the coordinators wrote it."""
        match = QUARTER_NAME.fullmatch(self.name)
        if match is None:
            return self.name
        return _("Quarter %(number)s %(year)s") % {"number": match[1], "year": match[2]}

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("A period cannot end before it starts.")})
        if self.ends_on and self.due_on and self.due_on < self.ends_on:
            raise ValidationError({"due_on": _("Reports cannot be due before the period ends.")})

    def expects_report(self, commitment, has_update=False):
        """Return True if the commitment owes a report for this period.

        The one rule for the dashboard, the reminders, the actor's list, the import template
        and the report: a finished (done or cancelled) commitment owes nothing more, and one
        that runs wholly outside the period owes nothing for it; a commitment that has an
        update for the period anyway is judged on it.
        """
        if has_update:
            return True
        if commitment.is_finished:
            return False
        if commitment.starts_on and commitment.starts_on > self.ends_on:
            return False
        if commitment.ends_on and commitment.ends_on < self.starts_on:
            return False
        return True

    def is_missing_report(self, commitment, state):
        """Return True if the commitment owes a report for this period and has not handed one
        in; `state` is that of its update for the period, None when there is none."""
        if state in Update.HANDED_IN:
            return False
        return self.expects_report(commitment, has_update=state is not None)

    def is_overdue(self, commitment, state, today=None):
        """Return True if the report is missing (is_missing_report) and was due before today."""
        late = self.due_on < (today or timezone.localdate())
        return late and self.is_missing_report(commitment, state)

    @classmethod
    def quarters_for(cls, promise, days_to_report=15):
        """Return unsaved quarterly periods covering the promise's period."""
        periods = []
        year, quarter = promise.period_start.year, (promise.period_start.month - 1) // 3
        while True:
            starts = datetime.date(year, quarter * 3 + 1, 1)
            if starts > promise.period_end:
                return periods
            next_year, next_quarter = (year + 1, 0) if quarter == 3 else (year, quarter + 1)
            ends = datetime.date(next_year, next_quarter * 3 + 1, 1) - datetime.timedelta(days=1)
            periods.append(
                cls(
                    promise=promise,
                    name=f"Kvartal {quarter + 1} {year}",
                    starts_on=max(starts, promise.period_start),
                    ends_on=min(ends, promise.period_end),
                    due_on=min(ends, promise.period_end) + datetime.timedelta(days=days_to_report),
                )
            )
            year, quarter = next_year, next_quarter

    @classmethod
    def create_missing_quarters(cls, promise):
        """Save the quarters of the promise that do not exist yet (by start); return them."""
        taken = set(cls.objects.filter(promise=promise).values_list("starts_on", flat=True))
        return cls.objects.bulk_create(
            [q for q in cls.quarters_for(promise) if q.starts_on not in taken]
        )


class UpdateQuerySet(models.QuerySet):
    def published(self):
        """Approved updates marked publishable, in public promises: what residents see."""
        return self.filter(
            state=Update.State.APPROVED,
            is_publishable=True,
            commitment__focus_area__promise__status__in=PUBLIC_STATUSES,
        )

    def states(self):
        """Return {(commitment_id, period_id): state} of these updates."""
        rows = self.values_list("commitment_id", "period_id", "state")
        return {(c, p): state for c, p, state in rows}


class Update(models.Model):
    """What an actor did for a commitment in a reporting period."""

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("waiting for approval")
        APPROVED = "approved", _("approved")
        RETURNED = "returned", _("returned for changes")

    # Handed in and not sent back: what counts as "reported" for a period.
    HANDED_IN = frozenset({State.SUBMITTED, State.APPROVED})

    commitment = models.ForeignKey(
        Commitment, models.CASCADE, related_name="updates", verbose_name=_("commitment")
    )
    period = models.ForeignKey(
        ReportingPeriod, models.CASCADE, related_name="updates", verbose_name=_("period")
    )
    status = models.CharField(
        _("status of the commitment"), max_length=20, choices=Commitment.Status.choices
    )
    # The limits are read by the forms, the import and the admin: one limit per field.
    text = models.TextField(_("what was done"), max_length=5000)
    evidence_url = models.URLField(_("link to evidence"), max_length=2000, blank=True)
    evidence_file = models.FileField(
        _("evidence file"),
        upload_to="evidence/%Y/%m/",
        blank=True,
        validators=[
            FileExtensionValidator(EVIDENCE_EXTENSIONS),
            validate_evidence_size,
            validate_evidence_content,
        ],
    )
    is_publishable = models.BooleanField(_("may be published"), default=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)
    review_comment = models.TextField(_("coordinator's comment"), max_length=2000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = UpdateQuerySet.as_manager()

    class Meta:
        ordering = ["period__starts_on", "commitment__order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["commitment", "period"], name="one_update_per_period")
        ]
        verbose_name = _("update")
        verbose_name_plural = _("updates")

    def __str__(self):
        return f"{self.commitment} – {self.period}"

    @property
    def is_public(self):
        return self.state == self.State.APPROVED and self.is_publishable


class MeasureValue(models.Model):
    """The value of a measure for the period of an update."""

    update = models.ForeignKey(
        Update, models.CASCADE, related_name="values", verbose_name=_("update")
    )
    measure = models.ForeignKey(
        Measure, models.CASCADE, related_name="values", verbose_name=_("measure")
    )
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["measure_id"]
        constraints = [
            models.UniqueConstraint(fields=["update", "measure"], name="one_value_per_measure")
        ]
        verbose_name = _("measure value")
        verbose_name_plural = _("measure values")

    def __str__(self):
        return f"{self.measure}: {self.value}"


class Subscription(models.Model):
    """A resident's e-mail subscription to a promise's published updates.

    The address is used for nothing else; it is confirmed before any update is sent, and
    every e-mail has a one-click unsubscribe link.
    """

    promise = models.ForeignKey(
        Promise, models.CASCADE, related_name="subscriptions", verbose_name=_("promise")
    )
    email = models.EmailField(_("e-mail"))
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(max_length=10, default="sv")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["promise", "email"], name="one_subscription_each")
        ]
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")

    def __str__(self):
        return f"{self.email} → {self.promise}"


class Reminder(models.Model):
    """A reminder sent to an actor about a period, so the scheduler sends each one once."""

    period = models.ForeignKey(ReportingPeriod, models.CASCADE, related_name="reminders")
    organisation = models.ForeignKey(
        "actors.Organisation", models.CASCADE, related_name="reminders"
    )
    sent_at = models.DateTimeField(auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-sent_at"]
        indexes = [models.Index(fields=["period", "organisation"])]

    def __str__(self):
        return f"{self.organisation} – {self.period} ({self.sent_at:%Y-%m-%d})"
