from django.db import models
from django.utils.translation import gettext_lazy as _

from lofte.registries import Registry, RegistryQuerySet


class AreaQuerySet(RegistryQuerySet):
    promise_lookups = ("promises",)


class Area(Registry):
    """A named place a promise covers. Boundaries and indicators come with the lägesbild."""

    class Kind(models.TextChoices):
        CITY_AREA = "city_area", _("the city's own area (e.g. mellanområde)")
        VULNERABLE_AREA = "vulnerable_area", _("the Police's vulnerable area")
        REGSO = "regso", _("SCB RegSO")
        DESO = "deso", _("SCB DeSO")
        KOMMUN = "kommun", _("municipality")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind of area"), max_length=20, choices=Kind.choices)
    code = models.CharField(
        _("code"), max_length=40, blank=True, help_text=_("The code in its area system, if any.")
    )
    description = models.TextField(
        _("description"),
        max_length=2000,
        blank=True,
        help_text=_("Which streets or districts it covers."),
    )
    kommun = models.ForeignKey(
        "kommuner.Kommun",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="areas",
        verbose_name=_("municipality"),
        help_text=_("The municipality the area lies in; empty for areas that span several."),
    )

    objects = AreaQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")

    def __str__(self):
        return self.name

    def to_dict(self):
        return {"name": self.name, "kind": self.kind, "code": self.code}
