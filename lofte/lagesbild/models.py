"""The lägesbild (Lag 2023:196, § 4): a kommun's picture of crime in an area, its analysis,
the prioritised problems it names, and the action plan that links them to commitments.

Who sees what is decided here, once (`LagesbildQuerySet`): the public sees published ones;
the kommun's coordinators and analysts (and superusers) also drafts, and change them.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lofte.indicators.models import IndicatorValue
from lofte.kommuner.models import Kommun, KommunMembership

# The roles in a kommun that build its lägesbild.
EDITING_ROLES = (KommunMembership.Role.COORDINATOR, KommunMembership.Role.ANALYST)


class LagesbildQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Lagesbild.Status.PUBLISHED)

    def editable_by(self, user):
        """Lägesbilder of the kommuner where the user is coordinator or analyst."""
        if user.is_superuser:
            return self.all()
        if not user.is_authenticated:
            return self.none()
        return self.filter(kommun__in=Kommun.objects.with_role(user, *EDITING_ROLES))

    def visible_to(self, user):
        """Published ones for everyone; drafts for those who may change them."""
        if user.is_superuser:
            return self.all()
        if not user.is_authenticated:
            return self.published()
        editable = Kommun.objects.with_role(user, *EDITING_ROLES)
        return self.filter(Q(status=Lagesbild.Status.PUBLISHED) | Q(kommun__in=editable))

    def get_visible_or_404(self, user, kommun_slug, pk):
        """Return the lägesbild if the user may see it, else raise Http404 (a draft is a
        404 to everyone outside its kommun's coordinators and analysts)."""
        return get_object_or_404(
            self.visible_to(user).select_related("kommun", "area"),
            kommun__slug=kommun_slug,
            pk=pk,
        )

    def may_start_in(self, user, kommun):
        """Return True if the user may start a lägesbild in the kommun."""
        return user.is_superuser or (
            Kommun.objects.with_role(user, *EDITING_ROLES).filter(pk=kommun.pk).exists()
        )

    def acted_on_by(self, promise):
        """Lägesbilder with a problem that one of the promise's commitments addresses."""
        return self.filter(problems__commitments__focus_area__promise=promise).distinct()


class Lagesbild(models.Model):
    """A kommun's lägesbild of one area for a period: the mapping, other information, the
    analysis and its prioritised problems."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    kommun = models.ForeignKey(
        Kommun, models.PROTECT, related_name="lagesbilder", verbose_name=_("municipality")
    )
    area = models.ForeignKey(
        "areas.Area", models.PROTECT, related_name="lagesbilder", verbose_name=_("area")
    )
    title = models.CharField(_("title"), max_length=200)
    period_start = models.DateField(_("mapping from"))
    period_end = models.DateField(_("mapping to"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    other_information = models.TextField(
        _("other information"),
        max_length=10000,
        blank=True,
        help_text=_("Other relevant information: dialogues, safety walks, partners' views."),
    )
    analysis = models.TextField(
        _("analysis"),
        max_length=20000,
        blank=True,
        help_text=_("The analysis of the mapping: causes, and which problems come first."),
    )
    is_example = models.BooleanField(
        _("example"), default=False, help_text=_("Made up for the demo; the page says so.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # Raised by every save through Löfte's own forms: two people editing at once get a
    # conflict instead of overwriting each other (lofte.lagesbild.actions).
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = LagesbildQuerySet.as_manager()

    class Meta:
        ordering = ["kommun", "-period_end", "title"]
        verbose_name = _("lägesbild")
        verbose_name_plural = _("lägesbilder")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="lagesbild_period_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("lagesbild:detail", args=[self.kommun.slug, self.pk])

    @property
    def is_public(self):
        return self.status == self.Status.PUBLISHED

    def can_be_changed_by(self, user):
        return Lagesbild.objects.editable_by(user).filter(pk=self.pk).exists()


class Problem(models.Model):
    """A problem the analysis names, in order of priority; the commitments that address it
    make the action plan."""

    lagesbild = models.ForeignKey(
        Lagesbild, models.CASCADE, related_name="problems", verbose_name=_("lägesbild")
    )
    order = models.PositiveIntegerField(_("priority"), default=1)
    title = models.CharField(_("problem"), max_length=300)
    description = models.TextField(_("description"), max_length=3000, blank=True)
    commitments = models.ManyToManyField(
        "promises.Commitment",
        blank=True,
        related_name="problems",
        verbose_name=_("commitments that address it"),
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["lagesbild", "order", "pk"]
        verbose_name = _("prioritised problem")
        verbose_name_plural = _("prioritised problems")

    def __str__(self):
        return self.title


class OutcomeMeasure(models.Model):
    """How a promise's goal is measured: an indicator in an area, from a baseline period on.

    The values are the indicator's (IndicatorValue), never typed in here."""

    goal = models.ForeignKey(
        "promises.Goal", models.CASCADE, related_name="outcome_measures", verbose_name=_("goal")
    )
    indicator = models.ForeignKey(
        "indicators.Indicator",
        models.PROTECT,
        related_name="outcome_measures",
        verbose_name=_("indicator"),
    )
    area = models.ForeignKey(
        "areas.Area", models.PROTECT, related_name="outcome_measures", verbose_name=_("area")
    )
    baseline_from = models.DateField(
        _("baseline from"),
        null=True,
        blank=True,
        help_text=_("The baseline is the first value from this day on; empty: the first value."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["goal", "order", "pk"]
        verbose_name = _("outcome measure")
        verbose_name_plural = _("outcome measures")

    def __str__(self):
        return f"{self.goal}: {self.indicator} ({self.area})"

    def series(self, values=None):
        """Return (baseline, later values): IndicatorValues of the indicator and area in
        period order from the baseline on. `values` may be the prefetched ones."""
        if values is None:
            values = IndicatorValue.objects.filter(indicator=self.indicator_id, area=self.area_id)
            values = list(values.in_period_order())
        values = [
            v
            for v in values
            if v.indicator_id == self.indicator_id
            and v.area_id == self.area_id
            and (self.baseline_from is None or v.period_start >= self.baseline_from)
        ]
        values.sort(key=lambda v: (v.period_kind, v.period_start))
        return (values[0] if values else None), values[1:]
