"""Did it work? Comparison areas for an outcome, and what is known to work.

`ComparisonSelection`: the areas a promise's area is compared with for one indicator, each
with why it was chosen; every change the analyst makes is kept (`SelectionChange`).
`InterventionKind`: the catalogue of kinds of intervention with their level of evidence and
the source that says so; `CommitmentKind` tags a commitment with its kind (promises' own
tables stay as they are).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lofte.kommuner.models import Kommun, KommunMembership


def _may_look_after(user, kommun):
    """Coordinators and analysts of the kommun, and superusers: who keeps its evaluations."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if kommun is None:
        return False
    roles = (KommunMembership.Role.COORDINATOR, KommunMembership.Role.ANALYST)
    return Kommun.objects.with_role(user, *roles).filter(pk=kommun.pk).exists()


class ComparisonSelectionQuerySet(models.QuerySet):
    def changeable_by(self, user):
        """Selections whose treated area lies in a kommun the user coordinates or analyses."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        roles = (KommunMembership.Role.COORDINATOR, KommunMembership.Role.ANALYST)
        return self.filter(area__kommun__in=Kommun.objects.with_role(user, *roles))


class ComparisonSelection(models.Model):
    """The comparison areas of one area for one outcome indicator, from a start date."""

    class ValueKind(models.TextChoices):
        COUNT = "count", _("a count (crimes, events, people)")
        RATE = "rate", _("a rate or share")

    promise = models.ForeignKey(
        "promises.Promise",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="comparison_selections",
        verbose_name=_("promise"),
    )
    area = models.ForeignKey(
        "areas.Area", models.PROTECT, related_name="+", verbose_name=_("treated area")
    )
    indicator = models.ForeignKey(
        "indicators.Indicator",
        models.PROTECT,
        related_name="comparison_selections",
        verbose_name=_("outcome indicator"),
    )
    value_kind = models.CharField(
        _("kind of value"), max_length=10, choices=ValueKind.choices, default=ValueKind.COUNT
    )
    socio_economic = models.ForeignKey(
        "indicators.Indicator",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("socio-economic type"),
        help_text=_("The indicator that gives each area its socio-economic type."),
    )
    start = models.DateField(_("start"), help_text=_("The day the promise began."))
    buffer_m = models.PositiveIntegerField(
        _("buffer (m)"),
        default=500,
        help_text=_("Areas within this distance of the treated area are its neighbours."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ComparisonSelectionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("selection of comparison areas")
        verbose_name_plural = _("selections of comparison areas")
        constraints = [
            models.UniqueConstraint(
                fields=["promise", "area", "indicator"], name="one_selection_per_outcome"
            )
        ]

    def __str__(self):
        return f"{self.area} – {self.indicator}"

    def can_be_changed_by(self, user):
        return _may_look_after(user, self.area.kommun)

    def panel(self):
        """The estimators' Panel: the treated area and its comparison areas over time."""
        from lofte.evaluation.comparison import panel_for

        return panel_for(self)

    def evaluate(self):
        """The Evaluation (estimate, checks, or refusals) of this outcome."""
        from lofte.evaluation.estimation import evaluate

        return evaluate(self.panel())

    def displacement(self):
        """The ring of neighbours' own comparison and the weighted displacement difference."""
        from lofte.evaluation.comparison import displacement

        return displacement(self)


class ComparisonArea(models.Model):
    """One area chosen for comparison, and why: the rule's facts, or the analyst's words."""

    class ChosenBy(models.TextChoices):
        RULE = "rule", _("the rule")
        ANALYST = "analyst", _("an analyst")

    selection = models.ForeignKey(
        ComparisonSelection, models.CASCADE, related_name="areas", verbose_name=_("selection")
    )
    area = models.ForeignKey("areas.Area", models.PROTECT, related_name="+", verbose_name=_("area"))
    chosen_by = models.CharField(_("chosen by"), max_length=10, choices=ChosenBy.choices)
    # The rule's facts ({"socio": [area's, treated's], "level": …, "trend": …, "km": …}),
    # said in the reader's language by reason_text().
    facts = models.JSONField(_("facts"), default=dict, blank=True)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    score = models.FloatField(_("distance by the rule"), null=True, blank=True)

    class Meta:
        ordering = ["score", "area__name"]
        verbose_name = _("comparison area")
        verbose_name_plural = _("comparison areas")
        constraints = [
            models.UniqueConstraint(fields=["selection", "area"], name="one_comparison_per_area")
        ]

    def __str__(self):
        return str(self.area)

    def reason_text(self):
        """Why the area was chosen, in the active language."""
        if self.reason:
            return self.reason
        from lofte.evaluation.comparison import reason_text

        return reason_text(self.facts)


class SelectionChange(models.Model):
    """One change to a selection: the rule's choice, or an analyst adding or removing an area."""

    class Action(models.TextChoices):
        CHOSEN = "chosen", _("chosen by the rule")
        ADDED = "added", _("added")
        REMOVED = "removed", _("removed")

    selection = models.ForeignKey(
        ComparisonSelection, models.CASCADE, related_name="changes", verbose_name=_("selection")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)
    action = models.CharField(_("what happened"), max_length=10, choices=Action.choices)
    area = models.ForeignKey("areas.Area", models.SET_NULL, null=True, blank=True, related_name="+")
    area_name = models.CharField(_("area"), max_length=200)
    reason = models.CharField(_("reason"), max_length=500, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("change of comparison areas")
        verbose_name_plural = _("changes of comparison areas")

    def __str__(self):
        return f"{self.get_action_display()} {self.area_name}"


class InterventionKindQuerySet(models.QuerySet):
    def load(self):
        """Create the national catalogue if it is not there (a database emptied by flush)."""
        from lofte.evaluation.catalogue import load_catalogue

        load_catalogue(InterventionKind, InterventionKindRevision)

    def for_kommun(self, kommun):
        """The national catalogue and the kommun's own entries."""
        return self.filter(Q(kommun__isnull=True) | Q(kommun=kommun))

    def changeable_by(self, user):
        """Entries the user may change: their kommun's as its coordinator; all as superuser."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(kommun__in=Kommun.objects.coordinated_by(user))


class InterventionKind(models.Model):
    """A kind of intervention and what is known about whether it works, with its source.

    An entry whose source cannot be cited has the level "unknown", never a guess: the database
    refuses any other level without a source.
    """

    class Evidence(models.TextChoices):
        EFFECTIVE = "effective", _("works: shown in systematic reviews or repeated trials")
        PROMISING = "promising", _("promising: good studies show an effect, not yet repeated")
        NO_EFFECT = "no_effect", _("no clear effect in good studies")
        HARMFUL = "harmful", _("harmful: studies show it makes things worse")
        UNKNOWN = "unknown", _("unknown: no source we can cite")

    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    evidence = models.CharField(
        _("level of evidence"), max_length=12, choices=Evidence.choices, default=Evidence.UNKNOWN
    )
    finding = models.TextField(
        _("what the source found"),
        max_length=2000,
        blank=True,
        help_text=_("In a sentence or two."),
    )
    source = models.CharField(
        _("source"),
        max_length=500,
        blank=True,
        help_text=_("The citable source that gives the level: authors, year, title, publisher."),
    )
    source_url = models.URLField(_("source address"), max_length=500, blank=True)
    kommun = models.ForeignKey(
        Kommun,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
        help_text=_("The municipality that added it; empty for the national catalogue."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = InterventionKindQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("kind of intervention")
        verbose_name_plural = _("kinds of intervention")
        constraints = [
            models.CheckConstraint(
                condition=Q(evidence="unknown") | ~Q(source=""),
                name="a_known_level_has_a_source",
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.evidence != self.Evidence.UNKNOWN and not self.source.strip():
            raise ValidationError(
                {"source": gettext("A level of evidence needs the source that gives it.")}
            )

    @property
    def shown_name(self):
        """The name in the active language (the Swedish one when there is no English one)."""
        from django.utils.translation import get_language

        if self.name_en and (get_language() or "sv").startswith("en"):
            return self.name_en
        return self.name

    def can_be_changed_by(self, user):
        return InterventionKind.objects.changeable_by(user).filter(pk=self.pk).exists()


class InterventionKindRevision(models.Model):
    """One change to a catalogue entry: who, when, and each field's old and new value."""

    kind = models.ForeignKey(
        InterventionKind, models.CASCADE, related_name="revisions", verbose_name=_("entry")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)
    action = models.CharField(_("what happened"), max_length=10)
    fields = models.JSONField(_("changed fields"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("change of a kind of intervention")
        verbose_name_plural = _("changes of kinds of intervention")

    def __str__(self):
        return f"{self.kind} {self.action} {self.at:%Y-%m-%d}"

    def field_changes(self):
        """[(label, old, new)] in words: fields by their names, levels by their labels."""
        rows = []
        for field in InterventionKind._meta.concrete_fields:
            if field.name in (self.fields or {}):
                old, new = self.fields[field.name]
                choices = dict(field.flatchoices or ())
                rows.append(
                    (field.verbose_name, choices.get(old, old) or "", choices.get(new, new) or "")
                )
        return rows


class CommitmentKind(models.Model):
    """A commitment's kind of intervention, for its evidence level beside it."""

    commitment = models.OneToOneField(
        "promises.Commitment",
        models.CASCADE,
        related_name="intervention",
        verbose_name=_("commitment"),
    )
    kind = models.ForeignKey(
        InterventionKind,
        models.PROTECT,
        related_name="commitments",
        verbose_name=_("kind of intervention"),
    )
    tagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    tagged_at = models.DateTimeField(_("when"), auto_now=True)

    class Meta:
        verbose_name = _("kind of a commitment")
        verbose_name_plural = _("kinds of commitments")

    def __str__(self):
        return f"{self.commitment}: {self.kind}"
