import csv
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

# SCB's 290 kommuner with their codes and län (CC0), as the Police events data publishes them.
KOMMUNER_CSV = Path(__file__).parent / "data" / "kommuner.csv"


def read_kommuner(path=KOMMUNER_CSV):
    """Return [{code, name, county_code, county_name}] from SCB's list of kommuner."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        return [
            {
                "code": row["municipality_code"].strip(),
                "name": row["municipality_name"].strip(),
                "county_code": row["county_code"].strip(),
                "county_name": row["county_name"].strip(),
            }
            for row in csv.DictReader(f)
        ]


def kommun_slugs(kommuner):
    """Return {code: slug}: the name without diacritics, plus the code where two names meet
    (Håbo and Habo)."""
    counts = Counter(slugify(k["name"]) for k in kommuner)
    return {
        k["code"]: slugify(k["name"]) + (f"-{k['code']}" if counts[slugify(k["name"])] > 1 else "")
        for k in kommuner
    }


class KommunQuerySet(models.QuerySet):
    def load(self):
        """Create SCB's kommuner if there are none (a new database, or one emptied by flush)."""
        if self.exists():
            return
        kommuner = read_kommuner()
        slugs = kommun_slugs(kommuner)
        self.bulk_create(self.model(slug=slugs[k["code"]], **k) for k in kommuner)

    def with_role(self, user, *roles):
        """Kommuner where the user has one of the roles (a KommunMembership.Role each)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            pk__in=KommunMembership.objects.filter(user=user, role__in=roles).values("kommun")
        )

    def coordinated_by(self, user):
        return self.with_role(user, KommunMembership.Role.COORDINATOR)

    def people_visible_to(self, user):
        """Kommuner whose people (who has which role, names, addresses) the user may see and
        manage: their coordinators' and every kommun for superusers; not analysts' or local
        reporters'. The kommun's people page and the admin's roles in municipalities ask this.
        """
        if user.is_superuser:
            return self.all()
        return self.coordinated_by(user)


class Kommun(models.Model):
    """One of Sweden's 290 municipalities: the owner of its promises and its lägesbild."""

    code = models.CharField(
        _("municipality code"), max_length=4, unique=True, help_text=_("SCB's code, e.g. 1480.")
    )
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    county_code = models.CharField(_("county code"), max_length=2)
    county_name = models.CharField(_("county"), max_length=100)

    objects = KommunQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return self.name

    def to_dict(self):
        return {"code": self.code, "name": self.name, "county": self.county_name}

    def shows_people_to(self, user):
        return Kommun.objects.people_visible_to(user).filter(pk=self.pk).exists()


class KommunMembershipQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Roles of the kommuner whose people the user may see."""
        return self.filter(kommun__in=Kommun.objects.people_visible_to(user))

    def coordinators(self):
        return self.filter(role=KommunMembership.Role.COORDINATOR)

    def analysts(self):
        return self.filter(role=KommunMembership.Role.ANALYST)

    def reporters(self):
        return self.filter(role=KommunMembership.Role.REPORTER)


class KommunMembership(models.Model):
    """A person's role in one kommun: its lägesbild and local reporting.

    Coordinator: the kommun's crime-prevention coordinator (or its kommunpolis): runs the
    lägesbild, its areas and checklists, and the kommun's people. Analyst: builds the
    lägesbild (imports, analysis). Local reporter: a partner's staff member (a housing
    company's caretaker, a security guard) who reports incidents in places for their
    organisation.
    """

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("coordinator")
        ANALYST = "analyst", _("analyst")
        REPORTER = "reporter", _("local reporter")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="kommun_memberships",
        verbose_name=_("user"),
    )
    kommun = models.ForeignKey(
        Kommun, models.CASCADE, related_name="memberships", verbose_name=_("municipality")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        "actors.Organisation",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="kommun_memberships",
        verbose_name=_("organisation"),
        help_text=_("For a local reporter: the partner organisation they report for."),
    )

    objects = KommunMembershipQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kommun", "role"], name="unique_kommun_membership"
            ),
            # A local reporter reports for a partner organisation; the others for the kommun.
            models.CheckConstraint(
                condition=models.Q(role="reporter", organisation__isnull=False)
                | (~models.Q(role="reporter") & models.Q(organisation__isnull=True)),
                name="reporter_has_organisation",
            ),
        ]
        verbose_name = _("role in a municipality")
        verbose_name_plural = _("roles in municipalities")

    def __str__(self):
        if self.organisation_id:
            return f"{self.user} – {self.kommun} ({self.get_role_display()}, {self.organisation})"
        return f"{self.user} – {self.kommun} ({self.get_role_display()})"

    def clean(self):
        if self.role == self.Role.REPORTER and not self.organisation_id:
            raise ValidationError(
                {"organisation": _("A local reporter reports for a partner organisation.")}
            )
        if self.role != self.Role.REPORTER and self.organisation_id:
            raise ValidationError({"organisation": _("Only a local reporter has an organisation.")})

    def get_work_url(self):
        """Return where this person starts: their roles and the links to their work are on
        their account page, under the kommun."""
        return reverse("front:account") + f"#kommun-{self.kommun.slug}"
