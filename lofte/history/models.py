from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class ChangeQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)

    def of(self, obj):
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)


# What the actions written by Löfte's code say to a person reading the history.
ACTION_LABELS = {
    "created": _("created"),
    "changed": _("changed"),
    "saved": _("saved as a draft"),
    "submitted": _("submitted for approval"),
    "approved": _("approved"),
    "returned": _("returned for changes"),
    "status": _("status changed"),
    "membership added": _("role given"),
    "membership removed": _("role removed"),
    "translated": _("translated"),
}


EMPTY = "–"  # how a value that was not there reads


@dataclass(frozen=True)
class FieldChange:
    """One field of a Change, in words: its name as people read it, and its old and new value."""

    label: str
    old: str
    new: str

    def __str__(self):
        return gettext("%(field)s changed from “%(old)s” to “%(new)s”") % {
            "field": capfirst(self.label),
            "old": self.old,
            "new": self.new,
        }


class Change(models.Model):
    """One change to a commitment, an update or another followed object: who, when, what."""

    promise = models.ForeignKey(
        "promises.Promise", models.CASCADE, related_name="changes", verbose_name=_("promise")
    )
    content_type = models.ForeignKey(ContentType, models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    action = models.CharField(_("what happened"), max_length=40)
    # {"field": [old, new]} as text, so history survives later changes to the models.
    fields = models.JSONField(_("changed fields"), default=dict, blank=True)
    is_public = models.BooleanField(_("public"), default=False)

    objects = ChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name = _("change")
        verbose_name_plural = _("changes")

    def __str__(self):
        return (
            f"{self.action} {self.content_type.model} {self.object_id} ({self.at:%Y-%m-%d %H:%M})"
        )

    @property
    def action_label(self):
        return ACTION_LABELS.get(self.action, self.action)

    def field_changes(self):
        """Return [FieldChange] for what changed, as every page that shows history says it.

        A model field is named by its verbose name and a choice by its label; a name with a
        prefix ("measure:Antal träffar", written for things that are not fields) by what
        follows the prefix; an empty value reads "–". `fields` holds [old, new] pairs, or
        only the new value in older rows. Fields come in the model's order, the rest by name.
        """
        model = ContentType.objects.get_for_id(self.content_type_id).model_class()
        # PostgreSQL's jsonb keeps no key order: the model's field order, then the rest by name.
        order = {f.name: i for i, f in enumerate(model._meta.get_fields())} if model else {}
        rows = []
        for name in sorted(self.fields or {}, key=lambda n: (order.get(n, len(order)), n)):
            pair = self.fields[name]
            old, new = (list(pair) + [None, None])[:2] if isinstance(pair, list) else (None, pair)
            label, choices = name.split(":", 1)[-1], {}
            try:
                field = model._meta.get_field(name) if model else None
            except FieldDoesNotExist:
                field = None
            if field is not None:
                label = getattr(field, "verbose_name", name)
                choices = dict(getattr(field, "flatchoices", None) or ())
            rows.append(FieldChange(str(label), _shown(old, choices), _shown(new, choices)))
        return rows


def _shown(value, choices):
    if value is None or value == "":
        return EMPTY
    if isinstance(value, (list, dict)):
        return ", ".join(str(v) for v in value) or EMPTY
    return str(choices.get(value, value))
