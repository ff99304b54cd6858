from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, Value
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lofte import search
from lofte.actors.models import ContactPerson, Organisation
from lofte.areas.models import Area
from lofte.kommuner.models import Kommun, KommunMembership
from lofte.web import linked_url

# Published promises and archived ones kept for the record: what anyone may read.
PUBLIC_STATUSES = ["published", "archived"]


def count_statuses(items, choices=None, *, zeros=False):
    """Return [(status, label, count)] of the items' `status`, in the order of `choices`.

    `choices` are (status, label) pairs, a commitment's lifecycle by default; statuses that
    do not occur are left out unless `zeros` (a table with a column for each status).
    """
    counts = {}
    for item in items:
        counts[item.status] = counts.get(item.status, 0) + 1
    choices = Commitment.Status.choices if choices is None else choices
    return [(s, label, counts.get(s, 0)) for s, label in choices if zeros or s in counts]


class PromiseQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status__in=PUBLIC_STATUSES)

    def _with_role(self, user, roles):
        """Return the condition "the user has one of these promise roles in it": by a
        membership of the promise, or through a role in the promise's kommun
        (Promise.KOMMUN_ROLES)."""
        condition = Q(pk__in=Membership.objects.filter(user=user, role__in=roles).values("promise"))
        kommun_roles = [k for k, role in Promise.KOMMUN_ROLES.items() if role in roles]
        if kommun_roles:
            condition |= Q(kommun__in=Kommun.objects.with_role(user, *kommun_roles))
        return condition

    def visible_to(self, user):
        """Published and archived promises for everyone; drafts also for the people with a
        role in them (a membership, or the kommun's coordinators and analysts)."""
        if user.is_superuser:
            return self.all()
        if not user.is_authenticated:
            return self.public()
        return self.filter(
            Q(status__in=PUBLIC_STATUSES) | self._with_role(user, Membership.Role.values)
        )

    def search(self, query):
        """Promises whose title, summary or background match `query` (lofte.search)."""
        # The fields, in this order, are the GIN index's of migration 0006: change both.
        return search.matching(self, ["title", "summary", "background"], query)

    def get_visible_or_404(self, user, slug):
        """Return the promise with this slug if the user may see it, else raise Http404.

        Every page of a promise fetches it through this, so a draft is a 404 to everyone
        without a role in it, on every page and in every format.
        """
        return get_object_or_404(self.visible_to(user), slug=slug)

    def editable_by(self, user):
        """Promises the user coordinates: as a coordinator of the promise, or as a coordinator
        of its kommun."""
        if user.is_superuser:
            return self.all()
        if not user.is_authenticated:
            return self.none()
        return self.filter(self._with_role(user, [Membership.Role.COORDINATOR]))

    def having_member(self, user):
        """Promises the user has any role in: a membership, or as a coordinator or analyst of
        the promise's kommun."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(self._with_role(user, Membership.Role.values))

    def people_visible_to(self, user):
        """Promises whose people the user may see: who has which role, their names and
        addresses, who changed what. Coordinators' and superusers', not readers' or editors'.

        The people page, the history page and the admin's memberships and history all ask this.
        """
        return self.editable_by(user)

    def with_content(self, commitment_parts=("actors", "goals", "measures")):
        """Prefetch everything the whole-promise views (page, print, PDF, JSON) show.

        The promise page asks for none of the commitments' parts: it gives them their actors
        with Commitment.fetch_parts, and fetches the measures of those it shows in detail once
        it knows which (Promise.lists_details).
        """
        # Each commitment's actors as a list, `actor_list` (Commitment.fetch_parts gives the
        # same): a query set per commitment, as prefetch_related builds otherwise, cost the
        # largest promise's page 15 ms.
        parts = [
            models.Prefetch("actors", to_attr="actor_list") if part == "actors" else part
            for part in commitment_parts
        ]
        commitments = Commitment.objects.prefetch_related(*parts)
        return self.select_related("area", "kommun", "previous").prefetch_related(
            "goals",
            models.Prefetch("focus_areas__commitments", queryset=commitments),
            models.Prefetch(
                "contacts",
                queryset=ContactPerson.objects.public().select_related("organisation"),
                to_attr="public_contacts",
            ),
        )


class Promise(models.Model):
    """A medborgarlöfte: a public, time-bound promise to the residents of an area."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        ARCHIVED = "archived", _("archived")

    # The promise page shows each commitment's description and follow-up when it lists at most
    # this many. A larger list (one promise in five of a national data set, 151 at most) shows
    # each one's title, status and actors, and the details one focus area at a time: the
    # whole list with details was 734 kB of HTML for a phone to load, and took the server over
    # 250 ms to render.
    DETAILED_LIST_LIMIT = 40

    # The roles a kommun gives in each of its promises: its coordinators coordinate them, its
    # analysts read them as a promise's readers do; its local reporters get none.
    KOMMUN_ROLES = {
        KommunMembership.Role.COORDINATOR: "coordinator",
        KommunMembership.Role.ANALYST: "reader",
    }

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    # Empty only for promises made before kommuner owned them, until someone chooses one: every
    # form requires it (`lofte check --database default` names those still without one).
    kommun = models.ForeignKey(
        Kommun,
        models.PROTECT,
        null=True,
        related_name="promises",
        verbose_name=_("municipality"),
        help_text=_("The municipality that owns the promise; its coordinators coordinate it."),
    )
    area = models.ForeignKey(Area, models.PROTECT, related_name="promises", verbose_name=_("area"))
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    summary = models.TextField(_("summary"), max_length=2000)
    background = models.TextField(_("background"), max_length=10000, blank=True)
    previous = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="followed_by",
        verbose_name=_("follows the earlier promise"),
    )
    contacts = models.ManyToManyField(
        ContactPerson, blank=True, related_name="promises", verbose_name=_("contact persons")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PromiseQuerySet.as_manager()

    class Meta:
        ordering = ["-period_start", "title"]
        verbose_name = _("medborgarlöfte")
        verbose_name_plural = _("medborgarlöften")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("promises:detail", args=[self.slug])

    def clean(self):
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period cannot end before it starts.")})

    @property
    def is_public(self):
        return self.status in PUBLIC_STATUSES

    def can_be_changed_by(self, user):
        return Promise.objects.editable_by(user).filter(pk=self.pk).exists()

    def shows_people_to(self, user):
        return Promise.objects.people_visible_to(user).filter(pk=self.pk).exists()

    def roles_by_user(self, users):
        """Return {user id: set of Membership roles} of these users (ids) in the promise: their
        memberships' roles and those their kommun roles give them (KOMMUN_ROLES)."""
        roles = {}
        for user_id, role in Membership.objects.filter(promise=self, user__in=users).values_list(
            "user_id", "role"
        ):
            roles.setdefault(user_id, set()).add(role)
        through_kommun = KommunMembership.objects.filter(
            kommun=self.kommun_id, user__in=users, role__in=list(self.KOMMUN_ROLES)
        )
        for user_id, role in through_kommun.values_list("user_id", "role"):
            roles.setdefault(user_id, set()).add(self.KOMMUN_ROLES[role])
        return roles

    def roles_of(self, user):
        """Return the set of Membership roles the user has in the promise (roles_by_user); a
        superuser counts as a coordinator."""
        if user.is_superuser:
            return {Membership.Role.COORDINATOR}
        if not user.is_authenticated:
            return set()
        return self.roles_by_user([user.pk]).get(user.pk, set())

    def actors(self):
        """Return the organisations with a commitment in this promise, each once."""
        return Organisation.objects.filter(commitments__focus_area__promise=self).distinct()

    def commitments(self):
        return Commitment.objects.filter(focus_area__promise=self)

    # The *_from_prefetch methods work on what with_content() fetched, without queries.

    def commitments_from_prefetch(self):
        return [c for fa in self.focus_areas.all() for c in fa.commitments.all()]

    def actors_from_prefetch(self):
        """Return the actors of the prefetched commitments, each once, by name."""
        actors = {a.pk: a for c in self.commitments_from_prefetch() for a in c.actor_list}
        return sorted(actors.values(), key=lambda a: a.name.casefold())

    def names_behind(self):
        """Return (names of the Police's organisations in the promise, its kommun's name or ""):
        who stands behind it, for every page's footer. From what with_content() fetched when it
        did, otherwise in one query."""
        if "focus_areas" in getattr(self, "_prefetched_objects_cache", {}) and (
            Promise.kommun.is_cached(self) or self.kommun_id is None
        ):
            police = [a.name for a in self.actors_from_prefetch() if a.kind == a.Kind.POLICE]
            return police, self.kommun.name if self.kommun_id else ""
        rows = (
            Organisation.objects.filter(
                kind=Organisation.Kind.POLICE, commitments__focus_area__promise=self
            )
            .annotate(role=Value("police"))
            .values_list("role", "name")
            .order_by()
            .union(
                Kommun.objects.filter(pk=self.kommun_id)
                .annotate(role=Value("kommun"))
                .values_list("role", "name")
                .order_by()
            )
        )
        police, kommun = [], ""
        for role, name in rows:
            if role == "police":
                police.append(name)
            else:
                kommun = name
        return sorted(police, key=str.casefold), kommun

    def sections_from_prefetch(self, focus_area="", kind=""):
        """Return [(focus_area, [commitment])] that the promise page's filters leave: only the
        focus area with slug `focus_area` if given, only commitments with an actor of `kind`
        if given."""
        return [
            (
                fa,
                [
                    c
                    for c in fa.commitments.all()
                    if not kind or any(a.kind == kind for a in c.actor_list)
                ],
            )
            for fa in self.focus_areas.all()
            if not focus_area or fa.slug == focus_area
        ]

    @classmethod
    def lists_details(cls, shown, focus_area=""):
        """Return True if the promise page shows the details of the `shown` commitments: when
        they are few enough, or when the reader chose one focus area to see them."""
        return bool(focus_area) or len(shown) <= cls.DETAILED_LIST_LIMIT

    def to_dict(self, events=()):
        """Return the whole promise as open data; expects with_content()."""
        return {
            "format": "lofte-promise/1",
            "slug": self.slug,
            "title": self.title,
            "status": self.status,
            "kommun": self.kommun.to_dict() if self.kommun_id else None,
            "area": self.area.to_dict(),
            "period": {"start": self.period_start.isoformat(), "end": self.period_end.isoformat()},
            "summary": self.summary,
            "background": self.background,
            "follows": self.previous.slug if self.previous and self.previous.is_public else None,
            "goals": [g.to_dict() for g in self.goals.all()],
            "focus_areas": [
                {
                    "slug": fa.slug,
                    "name": fa.name,
                    "why": fa.why,
                    "commitments": [c.to_dict() for c in fa.commitments.all()],
                }
                for fa in self.focus_areas.all()
            ],
            "actors": [a.to_dict() for a in self.actors_from_prefetch()],
            "events": [e.to_dict() for e in events],
            "contacts": [c.to_dict() for c in self.public_contacts],
            "updated_at": self.updated_at.isoformat(),
        }


class MembershipQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(promise__in=Promise.objects.people_visible_to(user))

    def coordinators(self):
        return self.filter(role=Membership.Role.COORDINATOR)

    def editors(self):
        return self.filter(role=Membership.Role.EDITOR)


class Membership(models.Model):
    """A person's rights in one promise; an actor's editor also names the organisation."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("coordinator")
        EDITOR = "editor", _("actor's editor")
        READER = "reader", _("reader")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    promise = models.ForeignKey(
        Promise, models.CASCADE, related_name="memberships", verbose_name=_("promise")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("organisation"),
        help_text=_("For an actor's editor: the organisation they report for."),
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "promise", "role"],
                condition=Q(organisation__isnull=True),
                name="unique_membership",
            ),
            models.UniqueConstraint(
                fields=["user", "promise", "role", "organisation"],
                condition=Q(organisation__isnull=False),
                name="unique_membership_per_organisation",
            ),
            # An editor reports for an organisation; the other roles span the whole promise.
            models.CheckConstraint(
                condition=Q(role="editor", organisation__isnull=False)
                | (~Q(role="editor") & Q(organisation__isnull=True)),
                name="editor_has_organisation",
            ),
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self):
        if self.organisation_id:
            return f"{self.user} – {self.promise} ({self.get_role_display()}, {self.organisation})"
        return f"{self.user} – {self.promise} ({self.get_role_display()})"

    def clean(self):
        if self.role == self.Role.EDITOR and not self.organisation_id:
            raise ValidationError(
                {"organisation": _("An actor's editor reports for an organisation.")}
            )
        if self.role != self.Role.EDITOR and self.organisation_id:
            raise ValidationError(
                {"organisation": _("Only an actor's editor has an organisation.")}
            )

    def get_work_url(self):
        """Return where this member works: an editor reports, the others start at the dashboard."""
        name = "followup:my_commitments" if self.role == self.Role.EDITOR else "followup:dashboard"
        return reverse(name, args=[self.promise.slug])


class Goal(models.Model):
    promise = models.ForeignKey(
        Promise, models.CASCADE, related_name="goals", verbose_name=_("promise")
    )
    title = models.CharField(_("goal"), max_length=300)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self):
        return self.title

    def to_dict(self):
        return {"id": self.pk, "title": self.title, "description": self.description}


class FocusArea(models.Model):
    promise = models.ForeignKey(
        Promise, models.CASCADE, related_name="focus_areas", verbose_name=_("promise")
    )
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100)
    why = models.TextField(_("why it matters"), max_length=2000, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["promise", "slug"], name="unique_focus_area_slug")
        ]
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")

    def __str__(self):
        return f"{self.name} ({self.promise})"


class CommitmentQuerySet(models.QuerySet):
    def search(self, query):
        """Commitments whose title or description match `query` (lofte.search)."""
        # The fields, in this order, are the GIN index's of migration 0006: change both.
        return search.matching(self, ["title", "description"], query)

    def reportable_by(self, user):
        """Commitments the user may report on: all in promises they coordinate, and those of
        the organisations they are an editor for."""
        if user.is_superuser:
            return self.all()
        if not user.is_authenticated:
            return self.none()
        coordinated = Promise.objects.editable_by(user)
        editor_of = (
            Membership.objects.editors()
            .filter(user=user, promise=models.OuterRef("focus_area__promise"))
            .values("organisation")
        )
        return self.filter(
            Q(focus_area__promise__in=coordinated) | Q(actors__in=models.Subquery(editor_of))
        ).distinct()


class Commitment(models.Model):
    """One concrete commitment by one or more actors, in one focus area."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        ONGOING = "ongoing", _("ongoing")
        DONE = "done", _("done")
        DELAYED = "delayed", _("delayed")
        CANCELLED = "cancelled", _("cancelled")

    class Factor(models.TextChoices):
        PROTECTIVE = "protective", _("strengthens a protective factor")
        RISK = "risk", _("reduces a risk factor")

    focus_area = models.ForeignKey(
        FocusArea, models.CASCADE, related_name="commitments", verbose_name=_("focus area")
    )
    actors = models.ManyToManyField(
        Organisation, related_name="commitments", verbose_name=_("actors")
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    target_group = models.CharField(_("target group"), max_length=300, blank=True)
    goals = models.ManyToManyField(
        Goal, blank=True, related_name="commitments", verbose_name=_("goals it serves")
    )
    factor_kind = models.CharField(
        _("kind of factor"), max_length=20, choices=Factor.choices, blank=True
    )
    factor = models.CharField(
        _("factor addressed"),
        max_length=300,
        blank=True,
        help_text=_("The protective or risk factor it addresses, e.g. 'success in school'."),
    )
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    # Raised by every change through Löfte's own forms, so two people editing at once
    # get a conflict instead of overwriting each other (lofte.history.versioned_save).
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        ordering = ["focus_area__order", "order", "pk"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return linked_url("promises:commitment", self.focus_area.promise.slug, self.pk)

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("A commitment cannot end before it starts.")})

    @staticmethod
    def fetch_parts(commitments, *, actors=True, measures=True):
        """Give each of `commitments` its `actor_list` (by name) and `measure_list`, and
        return them: three queries, and one instance per organisation however many of the
        commitments it acts in. prefetch_related builds an organisation per pair and a
        manager and query set per commitment: 40 of the 230 ms of a 151-commitment dashboard.
        """
        commitments = list(commitments)
        ids = [c.pk for c in commitments]
        if actors:
            by_commitment = {pk: [] for pk in ids}
            pairs = Commitment.actors.through.objects.filter(commitment__in=ids).values_list(
                "organisation_id", "commitment_id"
            )
            acting = {}
            for organisation_id, commitment_id in pairs:
                acting.setdefault(organisation_id, []).append(commitment_id)
            for organisation in Organisation.objects.filter(pk__in=list(acting)):  # by name
                for commitment_id in acting[organisation.pk]:
                    by_commitment[commitment_id].append(organisation)
            for c in commitments:
                c.actor_list = by_commitment[c.pk]
        if measures:
            by_commitment = {pk: [] for pk in ids}
            for m in Measure.objects.filter(commitment__in=ids):  # Measure's order
                by_commitment[m.commitment_id].append(m)
            for c in commitments:
                c.measure_list = by_commitment[c.pk]
        return commitments

    def can_be_reported_by(self, user):
        return Commitment.objects.reportable_by(user).filter(pk=self.pk).exists()

    @property
    def is_finished(self):
        """Done or cancelled: it owes no more reports."""
        return self.status in (self.Status.DONE, self.Status.CANCELLED)

    def share_of_time_gone(self, on):
        """Return how much of the commitment's time has passed on the day `on`, 0 to 1.

        Its time runs from its own start to its own end, each the promise's when not set.
        This is where a straight line from the baseline to the target says a measure should
        be (Measure.progress).
        """
        promise = self.focus_area.promise
        start = self.starts_on or promise.period_start
        end = self.ends_on or promise.period_end
        if end <= start:
            return 1.0 if on >= end else 0.0
        return min(1.0, max(0.0, (on - start).days / (end - start).days))

    def to_dict(self):
        """Return the commitment as open data; expects its `actor_list` (with_content(),
        Commitment.fetch_parts) and its goals and measures prefetched."""
        return {
            "id": self.pk,
            "title": self.title,
            "description": self.description,
            "target_group": self.target_group,
            "status": self.status,
            "actors": [a.slug for a in self.actor_list],
            "goals": [g.pk for g in self.goals.all()],
            "factor": {"kind": self.factor_kind, "text": self.factor} if self.factor else None,
            "starts_on": self.starts_on.isoformat() if self.starts_on else None,
            "ends_on": self.ends_on.isoformat() if self.ends_on else None,
            "measures": [m.to_dict() for m in self.measures.all()],
        }


@dataclass(frozen=True)
class MeasureProgress:
    """How far a measure's value has come towards its target: see Measure.progress()."""

    NO_VALUE = "no_value"
    NO_TARGET = "no_target"
    REACHED = "reached"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    SHORT = "short"  # short of the target; whether that is behind cannot be told

    LABELS = {
        NO_VALUE: _("no value yet"),
        NO_TARGET: _("no target"),
        REACHED: _("target reached"),
        ON_TRACK: _("on track"),
        BEHIND: _("behind"),
        SHORT: _("target not reached yet"),
    }

    state: str
    # The share of the way from the start to the target, 0 to 1; None when it cannot be told.
    share: float | None = None
    # Better than the target, not only at it (share stays 1).
    past_target: bool = False
    # The share of the commitment's time gone, when it was given.
    time_gone: float | None = None

    @property
    def reached(self):
        return self.state == self.REACHED

    @property
    def behind(self):
        return self.state == self.BEHIND

    @property
    def percent(self):
        return None if self.share is None else round(self.share * 100)

    @property
    def time_gone_percent(self):
        return None if self.time_gone is None else round(self.time_gone * 100)

    @property
    def label(self):
        return self.LABELS[self.state]

    def __str__(self):
        """Say it in words, e.g. "60% of the way to the target, behind" or "target reached"."""
        if self.share is None or self.reached:
            return str(self.label)
        if self.time_gone is None:
            return _("%(percent)s%% of the way to the target") % {"percent": self.percent}
        return _("%(percent)s%% of the way to the target, %(state)s") % {
            "percent": self.percent,
            "state": self.label,
        }


class Measure(models.Model):
    """What is counted to follow up a commitment."""

    commitment = models.ForeignKey(
        Commitment, models.CASCADE, related_name="measures", verbose_name=_("commitment")
    )
    name = models.CharField(_("what is counted"), max_length=300)
    unit = models.CharField(_("unit"), max_length=50)
    baseline = models.DecimalField(
        _("baseline"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    target = models.DecimalField(
        _("target"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    higher_is_better = models.BooleanField(_("higher is better"), default=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")

    def __str__(self):
        return self.name

    def progress(self, value, time_gone=None):
        """Return the MeasureProgress of `value`: how far it has come towards the target.

        The one rule for the promise page's bars, the commitment's chart, the dashboard's
        commitments at risk and the follow-up report:

        - No value, or no target: nothing to measure against (NO_VALUE, NO_TARGET, share None).
        - At the target or better (>= when higher is better, <= when lower is): REACHED,
          share 1, `past_target` when strictly better.
        - Otherwise the share is the part of the way from the baseline to the target that the
          value has come, clamped at 0 (it went the wrong way) and below 1. Without a
          baseline, a higher-is-better measure starts at 0 (a count from nothing); a
          lower-is-better one has no honest start (from 0 the way would run backwards), so
          its share is None: not reached, how far unknown. A baseline at or beyond the
          target leaves no way to go: a value short of the target has share 0.
        - With `time_gone` (Commitment.share_of_time_gone), the value is BEHIND when its share
          is less than the share of the time gone, a straight line from the baseline at the
          start to the target at the end, and ON_TRACK otherwise. An unknown share is BEHIND
          only once the time is up; before that it is SHORT, as is any value short of the
          target when no time is given.
        """
        if value is None:
            return MeasureProgress(MeasureProgress.NO_VALUE, time_gone=time_gone)
        if self.target is None:
            return MeasureProgress(MeasureProgress.NO_TARGET, time_gone=time_gone)
        value = value if isinstance(value, Decimal) else Decimal(str(value))
        sign = 1 if self.higher_is_better else -1
        ahead = sign * (value - self.target)
        if ahead >= 0:
            return MeasureProgress(
                MeasureProgress.REACHED, share=1.0, past_target=ahead > 0, time_gone=time_gone
            )
        start = self.baseline
        if start is None and self.higher_is_better:
            start = Decimal(0)
        share = None
        if start is not None:
            way = sign * (self.target - start)
            share = max(0.0, float(sign * (value - start) / way)) if way > 0 else 0.0
        if time_gone is None or (share is None and time_gone < 1):
            state = MeasureProgress.SHORT
        elif share is None or share < time_gone:
            state = MeasureProgress.BEHIND
        else:
            state = MeasureProgress.ON_TRACK
        return MeasureProgress(state, share=share, time_gone=time_gone)

    def to_dict(self):
        return {
            "id": self.pk,
            "name": self.name,
            "unit": self.unit,
            "baseline": float(self.baseline) if self.baseline is not None else None,
            "target": float(self.target) if self.target is not None else None,
            "higher_is_better": self.higher_is_better,
        }
