"""Writes of translations and easy-Swedish summaries: each call all or nothing."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from lofte.text import text_from_person
from lofte.translations.models import EASY_READ, Translation


def _write(promise, obj, field, language, text, source_digest, user):
    """Keep `text` as obj's field in language, or forget it when it is empty; return True
    when something changed."""
    text = text_from_person(text or "")
    where = {
        "content_type": ContentType.objects.get_for_model(obj),
        "object_id": obj.pk,
        "field": field,
        "language": language,
    }
    if not text:
        deleted, _ = Translation.objects.filter(**where).delete()
        return bool(deleted)
    row = Translation.objects.filter(**where).first()
    if row and row.text == text and row.source_digest == source_digest:
        return False
    Translation.objects.update_or_create(
        **where,
        defaults={
            "promise": promise,
            "text": text,
            "source_digest": source_digest,
            "updated_by": user,
        },
    )
    return True


@transaction.atomic
def save_translations(promise, language, translated, user):
    """Save [(Text, translation)] of the promise in language (an empty one is removed);
    return how many changed. Each records the digest of the Swedish text it translates."""
    return sum(
        _write(promise, t.obj, t.field, language, text, t.digest, user) for t, text in translated
    )


@transaction.atomic
def save_easy_read(promise, summaries, user):
    """Save [(promise or commitment, easy-Swedish summary)]; return how many changed."""
    return sum(_write(promise, obj, EASY_READ, "sv", text, "", user) for obj, text in summaries)
