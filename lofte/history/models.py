from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
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
