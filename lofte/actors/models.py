from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lofte.kommuner.models import KommunMembership
from lofte.registries import Registry, RegistryQuerySet, coordinated_promises
from lofte.web import linked_url


class OrganisationQuerySet(RegistryQuerySet):
    # A promise uses an organisation that acts in one of its commitments or that one of its
    # actor's editors reports for.
    promise_lookups = ("commitments__focus_area__promise", "memberships__promise")
    # A local actor's row is also its kommun's coordinators' to look after.
    kommun_roles = (KommunMembership.Role.COORDINATOR,)


class Organisation(Registry):
    """An actor: an organisation that promises something."""

    class Kind(models.TextChoices):
        POLICE = "police", _("police area")
        MUNICIPAL = "municipal", _("municipal administration")
        HOUSING = "housing", _("housing company")
        SPORTS = "sports", _("sports club")
        NONPROFIT = "nonprofit", _("non-profit organisation")
        BUSINESS = "business", _("business")
        SCHOOL = "school", _("school")
        FAITH = "faith", _("faith community")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    is_example = models.BooleanField(
        _("fictional example"),
        default=False,
        help_text=_("A made-up organisation in demo data; pages say so."),
    )
    kommun = models.ForeignKey(
        "kommuner.Kommun",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("municipality"),
        help_text=_(
            "The municipality a local actor works in; its coordinators may change it. Empty for "
            "a national or regional actor, such as the Police."
        ),
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return linked_url("actors:detail", self.slug)

    def to_dict(self):
        return {
            "slug": self.slug,
            "name": self.name,
            "kind": self.kind,
            "website": self.website,
            "description": self.description,
            "is_example": self.is_example,
        }


class ContactPersonQuerySet(RegistryQuerySet):
    promise_lookups = ("promises",)

    def public(self):
        return self.filter(is_public=True)

    def viewable_by(self, user):
        """Personal data: seen by the coordinators of its promises, and one in no promise by
        whoever added it."""
        if user.is_superuser:
            return self.all()
        if not user.is_authenticated:
            return self.none()
        theirs = coordinated_promises(user)
        return self.filter(self._used(among=theirs) | (~self._used() & Q(created_by=user)))

    def deletable_by(self, user):
        # Deleting a contact takes it only out of promises the user coordinates.
        return self.changeable_by(user)


class ContactPerson(Registry):
    """A contact person. Personal data: shown only when marked public."""

    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200)
    organisation = models.ForeignKey(
        Organisation,
        models.CASCADE,
        related_name="contacts",
        verbose_name=_("organisation"),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_press_contact = models.BooleanField(_("press contact"), default=False)
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_("Shown on public pages and in open data. Only where the role makes it public."),
    )

    objects = ContactPersonQuerySet.as_manager()

    class Meta:
        ordering = ["-is_press_contact", "name"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")

    def __str__(self):
        return f"{self.name}, {self.role}"

    def to_dict(self):
        return {
            "name": self.name,
            "role": self.role,
            "organisation": self.organisation.slug,
            "phone": self.phone,
            "email": self.email,
            "press_contact": self.is_press_contact,
        }
