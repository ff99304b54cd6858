"""A deleted object takes its translations with it (they point at it by content type and id)."""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete

from lofte.translations.models import FIELDS, Translation


def _forget_translations(sender, instance, **kwargs):
    Translation.objects.filter(
        content_type=ContentType.objects.get_for_model(sender), object_id=instance.pk
    ).delete()


for _label in FIELDS:
    post_delete.connect(
        _forget_translations, sender=apps.get_model(_label), dispatch_uid=f"translations-{_label}"
    )
