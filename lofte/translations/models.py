"""A promise's public texts in the residents' languages, and its easy-Swedish summaries.

One row per text: which object (any model, as a content type and id), which field, which
language. The Swedish text stays on the object itself, the one place it is edited; a
translation keeps the digest of the Swedish text it was made from, so a changed source shows as
outdated and a spreadsheet made from an older source is refused.
"""

import hashlib

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from lofte.promises.models import Promise

# The public texts of a promise that may be translated, by model: what the coordinators' page,
# the spreadsheet and the public pages go through, in this order.
FIELDS = {
    "promises.promise": ("title", "summary", "background"),
    "promises.goal": ("title", "description"),
    "promises.focusarea": ("name", "why"),
    "promises.commitment": ("title", "description", "target_group", "factor"),
    "promises.measure": ("name", "unit"),
    "followup.reportingperiod": ("name",),
    "followup.update": ("text",),
    "events.event": ("title", "description", "place_name", "audience"),
    "actors.contactperson": ("role",),
}
# The short easy-Swedish ("lättläst") summary: a text of its own, in Swedish, on these.
EASY_READ = "easy_read"
EASY_READ_MODELS = ("promises.promise", "promises.commitment")
EASY_READ_MAX_LENGTH = 1000
# A translation may run longer than its Swedish source.
LENGTH_FACTOR = 2


def digest(text):
    """Return the SHA-256 of a Swedish source text, as the translation and export keep it."""
    return hashlib.sha256((text or "").encode()).hexdigest()


def label_of(obj):
    return obj._meta.label_lower


def max_length(obj, field):
    """Return how long a translation of obj's field may be."""
    if field == EASY_READ:
        return EASY_READ_MAX_LENGTH
    return (obj._meta.get_field(field).max_length or 5000) * LENGTH_FACTOR


def translation_languages():
    """Return the languages texts are translated into: every site language but Swedish."""
    return [(c, n) for c, n in settings.LANGUAGES if c != settings.LANGUAGE_CODE]


class TranslationQuerySet(models.QuerySet):
    def of_objects(self, objects):
        """Translations of these objects (any models), in one query."""
        by_model = {}
        for obj in objects:
            by_model.setdefault(obj._meta, set()).add(obj.pk)
        if not by_model:
            return self.none()
        condition = models.Q()
        # By the content type's names, joined: no content type lookups before the query.
        for meta, ids in by_model.items():
            condition |= models.Q(
                content_type__app_label=meta.app_label,
                content_type__model=meta.model_name,
                object_id__in=ids,
            )
        return self.filter(condition).select_related("content_type")

    def easy_read(self):
        return self.filter(field=EASY_READ)

    def translations(self):
        return self.exclude(field=EASY_READ)

    def coordinated_by(self, user):
        """Translations of the promises the user coordinates (all for a superuser)."""
        if user.is_superuser:
            return self
        return self.filter(promise__in=Promise.objects.editable_by(user))


class Translation(models.Model):
    """One public text of a promise in another language, or its easy-Swedish summary."""

    promise = models.ForeignKey(
        Promise, models.CASCADE, related_name="translations", verbose_name=_("promise")
    )
    content_type = models.ForeignKey(ContentType, models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    field = models.CharField(_("field"), max_length=50)
    language = models.CharField(_("language"), max_length=10)
    text = models.TextField(_("text"), max_length=20000)
    # SHA-256 of the Swedish text this translates, when it was saved; empty for easy Swedish.
    source_digest = models.CharField(max_length=64, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Raised by every save: a form opened at an older version is refused, not overwritten.
    version = models.PositiveIntegerField(default=1)

    objects = TranslationQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"],
                name="one_translation_per_text_and_language",
            )
        ]
        indexes = [models.Index(fields=["promise", "language"])]
        verbose_name = _("translation")
        verbose_name_plural = _("translations")

    def __str__(self):
        return f"{self.content_type.model} {self.object_id} {self.field} ({self.language})"

    @property
    def model_label(self):
        return f"{self.content_type.app_label}.{self.content_type.model}"

    def is_outdated(self, source):
        """True when the Swedish source has changed since this was translated."""
        return self.field != EASY_READ and self.source_digest != digest(source)
