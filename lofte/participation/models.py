"""Residents' voice: comments and ideas on a promise or a commitment, and short surveys.

No model here holds who a resident is: no name, no address, no account, no IP address and no
session key. A comment is its text, what it is about and when it came; a survey response is
its answers and the day it came. Rate limits count in the cache, by a salted hash that lives
as long as the limit's window (lofte.participation.limits).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lofte.promises.models import Commitment, Promise

# The languages a resident may say a comment is written in, each by its own name. The page
# marks the text with it (lang=…), so that a screen reader reads it in the right voice.
TEXT_LANGUAGES = [
    ("sv", "svenska"),
    ("en", "English"),
    ("ar", "العربية"),
    ("so", "Soomaali"),
    ("fa", "فارسی"),
    ("ti", "ትግርኛ"),
    ("ku", "Kurdî"),
    ("fi", "suomi"),
    ("pl", "polski"),
    ("tr", "Türkçe"),
    ("uk", "українська"),
    ("bs", "bosanski"),
]
# Right-to-left among them; the page also says dir="auto" for any text.
RTL_LANGUAGES = {"ar", "fa"}


class ParticipationSettings(models.Model):
    """How a promise takes comments. A promise without a row has the defaults."""

    class Moderation(models.TextChoices):
        BEFORE = "before", _("before publishing: every comment waits for a coordinator")
        AFTER = "after", _("after publishing: a comment without warning signs is published at once")

    promise = models.OneToOneField(
        Promise,
        models.CASCADE,
        related_name="participation_settings",
        verbose_name=_("promise"),
    )
    comments_open = models.BooleanField(_("residents may leave comments"), default=True)
    # Public bodies moderate before publishing by default: nothing is shown that nobody read.
    moderation = models.CharField(
        _("moderation"), max_length=10, choices=Moderation.choices, default=Moderation.BEFORE
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("participation settings")
        verbose_name_plural = _("participation settings")

    def __str__(self):
        return str(self.promise)

    @classmethod
    def for_promise(cls, promise):
        """Return the promise's settings, or unsaved defaults when it has none."""
        found = cls.objects.filter(promise=promise).first()
        if found is None:
            found = cls(promise=promise, version=0)
        found.promise = promise
        return found

    @property
    def accepts_comments(self):
        """Comments are taken on a published promise whose coordinators have not closed them;
        an archived promise has ended and a draft is not public."""
        return self.comments_open and self.promise.status == Promise.Status.PUBLISHED


class CommentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state=Comment.State.PUBLISHED)

    def waiting(self):
        return self.filter(state=Comment.State.WAITING)

    def newest_first(self):
        return self.order_by("-published_at", "-created_at", "-pk")


class Comment(models.Model):
    """A resident's comment, idea or question on a promise or one of its commitments."""

    class Kind(models.TextChoices):
        COMMENT = "comment", _("comment")
        IDEA = "idea", _("idea")
        QUESTION = "question", _("question")

    class State(models.TextChoices):
        WAITING = "waiting", _("waiting for moderation")
        PUBLISHED = "published", _("published")
        REJECTED = "rejected", _("rejected")

    class Reason(models.TextChoices):
        PERSONAL_DATA = "personal_data", _("holds personal data")
        OFF_TOPIC = "off_topic", _("off topic")
        OFFENSIVE = "offensive", _("offensive")
        SPAM = "spam", _("spam or advertising")
        DUPLICATE = "duplicate", _("says the same as another comment")
        OTHER = "other", _("another reason")

    # What the checks on arrival found (lofte.personal); any of them holds a
    # comment for a coordinator, whatever the promise's moderation.
    FLAGS = {
        "personal_number": _("a personal identity number"),
        "phone": _("a phone number"),
        "email": _("an e-mail address"),
        "name": _("what may be a person's name"),
        "link": _("a link"),
    }

    promise = models.ForeignKey(
        Promise, models.CASCADE, related_name="comments", verbose_name=_("promise")
    )
    commitment = models.ForeignKey(
        Commitment,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("commitment"),
        help_text=_("Empty when the comment is about the whole promise."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.COMMENT)
    text = models.TextField(_("text"), max_length=1000)
    language = models.CharField(_("language of the text"), max_length=12, blank=True)
    flags = models.JSONField(_("warning signs"), default=list, blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.WAITING
    )
    created_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    reject_reason = models.CharField(
        _("reason for rejecting"), max_length=20, choices=Reason.choices, blank=True
    )
    reject_note = models.CharField(_("note on the reason"), max_length=500, blank=True)
    reply = models.TextField(_("coordinators' public reply"), max_length=2000, blank=True)
    replied_at = models.DateTimeField(_("replied"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderated by"),
    )
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["promise", "state", "-published_at"], name="comment_listing"),
            models.Index(fields=["commitment", "state", "-published_at"], name="comment_about"),
        ]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self):
        # Never the text: history pages name a comment to readers of the promise too.
        return _("%(kind)s no. %(number)s") % {
            "kind": self.get_kind_display().capitalize(),
            "number": self.pk,
        }

    def get_absolute_url(self):
        return reverse("dialog:moderate", args=[self.promise.slug, self.pk])

    @property
    def flag_labels(self):
        return [self.FLAGS[f] for f in self.flags if f in self.FLAGS]

    @property
    def is_rtl(self):
        return self.language in RTL_LANGUAGES


class SurveyQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state=Survey.State.PUBLISHED)

    def open_on(self, day):
        return self.published().filter(opens_on__lte=day, closes_on__gte=day)

    def visible_to(self, user, promise):
        """Surveys of `promise` the user may see: published ones, and drafts for those who
        may change the promise."""
        surveys = self.filter(promise=promise)
        if promise.can_be_changed_by(user):
            return surveys
        return surveys.published()


class Survey(models.Model):
    """A short survey of a promise's citizen dialogue, answered without an account."""

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    promise = models.ForeignKey(
        Promise, models.CASCADE, related_name="surveys", verbose_name=_("promise")
    )
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), max_length=2000, blank=True)
    opens_on = models.DateField(_("opens"))
    closes_on = models.DateField(_("closes"), help_text=_("The last day to answer."))
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = SurveyQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="survey_closes_after_opening"
            )
        ]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("participation:survey", args=[self.promise.slug, self.pk])

    @property
    def is_published(self):
        return self.state == self.State.PUBLISHED

    def is_open(self, day=None):
        day = day or timezone.localdate()
        return self.is_published and self.opens_on <= day <= self.closes_on

    def has_closed(self, day=None):
        return (day or timezone.localdate()) > self.closes_on

    def accepts_answers(self, day=None):
        """Open, on a published promise: an archived promise has ended, a draft is not public."""
        return self.is_open(day) and self.promise.status == Promise.Status.PUBLISHED

    def results_are_public(self, day=None):
        """Results are published once the survey has closed: answers given while it is open
        are not swayed by those before them."""
        return self.is_published and self.has_closed(day)


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("one choice")
        MULTIPLE = "multiple", _("several choices")
        SCALE = "scale", _("scale from 1 to 5")
        TEXT = "text", _("free text")

    SCALE = range(1, 6)

    survey = models.ForeignKey(
        Survey, models.CASCADE, related_name="questions", verbose_name=_("survey")
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind of question"), max_length=20, choices=Kind.choices)
    text = models.CharField(_("question"), max_length=300)
    required = models.BooleanField(_("must be answered"), default=False)
    scale_low_label = models.CharField(_("what 1 means"), max_length=100, blank=True)
    scale_high_label = models.CharField(_("what 5 means"), max_length=100, blank=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.text

    @property
    def has_choices(self):
        return self.kind in (self.Kind.SINGLE, self.Kind.MULTIPLE)

    def scale_points(self):
        """Return [(value, label)] of the scale: "1 – Mycket otryggt", "2", … "5 – …"."""
        ends = {1: self.scale_low_label, 5: self.scale_high_label}
        return [(v, f"{v} – {ends[v]}" if ends.get(v) else str(v)) for v in self.SCALE]


class Choice(models.Model):
    question = models.ForeignKey(
        Question, models.CASCADE, related_name="choices", verbose_name=_("question")
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    label = models.CharField(_("option"), max_length=200)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("option")
        verbose_name_plural = _("options")

    def __str__(self):
        return self.label


class Response(models.Model):
    """One resident's answers to a survey. Only the day is kept, not the time: a time could be
    matched against a server's logs."""

    survey = models.ForeignKey(
        Survey, models.CASCADE, related_name="responses", verbose_name=_("survey")
    )
    submitted_on = models.DateField(_("answered on"), default=timezone.localdate)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")

    def __str__(self):
        return f"{self.survey} ({self.submitted_on})"


class Answer(models.Model):
    """One answer: a choice (one row per option chosen), a value on the scale, or a text."""

    response = models.ForeignKey(
        Response, models.CASCADE, related_name="answers", verbose_name=_("response")
    )
    question = models.ForeignKey(
        Question, models.CASCADE, related_name="answers", verbose_name=_("question")
    )
    choice = models.ForeignKey(
        Choice,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="answers",
        verbose_name=_("option"),
    )
    value = models.PositiveSmallIntegerField(_("value"), null=True, blank=True)
    text = models.TextField(_("text"), max_length=2000, blank=True)
    # A coordinator took the text out (it held personal data); the answer still counts.
    text_removed = models.BooleanField(_("text removed"), default=False)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=1, value__lte=5),
                name="answer_value_on_the_scale",
            )
        ]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self):
        return _("Answer no. %(number)s") % {"number": self.pk}
