"""Writes of translations and easy-Swedish summaries: each call all or nothing.

Every write is kept in history (lofte.history: on the translated object, who, when, the old
and the new text, never public), and a form may say which version of each text the person
saw: a text someone else saved since is refused, with nothing saved (`TranslationConflict`).
"""

from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import F

from lofte.history.versioned import EditConflict, record
from lofte.text import text_from_person
from lofte.translations.models import EASY_READ, Translation, digest

# The history's name for a translation's change: "<language>:<field>", on the object.
HISTORY_ACTION = "translated"


class TranslationConflict(EditConflict):
    """Someone else saved some of these texts after the person opened the form: `current`
    holds {text key: the Translation now stored, or None}."""


def history_key(language, field):
    return f"{language}:{field}"


def _key(obj, field):
    """As content.Text.key."""
    return f"{obj._meta.label_lower}:{obj.pk}:{field}"


def _where(obj, field, language):
    return {
        "content_type": ContentType.objects.get_for_model(obj),
        "object_id": obj.pk,
        "field": field,
        "language": language,
    }


def _write(promise, obj, field, language, text, source_digest, user, seen=None):
    """Keep `text` as obj's field in language, or forget it when it is empty; return True
    when something changed. With `seen` (the version the person saw, 0 for none), a text
    saved by someone else since raises TranslationConflict."""
    text = text_from_person(text or "")
    where = _where(obj, field, language)
    row = Translation.objects.select_for_update().filter(**where).first()
    old = row.text if row else ""
    if (row and row.text == text and row.source_digest == source_digest) or (not row and not text):
        return False
    if seen is not None and (row.version if row else 0) != seen:
        raise TranslationConflict({_key(obj, field): row})
    if not text:
        row.delete()
    elif row is None:
        try:
            with transaction.atomic():
                Translation.objects.create(
                    **where,
                    promise=promise,
                    text=text,
                    source_digest=source_digest,
                    updated_by=user,
                )
        except IntegrityError as error:  # made by someone else in between
            current = Translation.objects.filter(**where).first()
            raise TranslationConflict({_key(obj, field): current}) from error
    else:
        # Conditional: SQLite does not lock on select_for_update; this guards it there.
        updated = Translation.objects.filter(pk=row.pk, version=row.version).update(
            text=text, source_digest=source_digest, updated_by=user, version=F("version") + 1
        )
        if not updated:
            current = Translation.objects.filter(pk=row.pk).first()
            raise TranslationConflict({_key(obj, field): current})
    if old != text:
        record(
            obj,
            user=user,
            promise=promise,
            action=HISTORY_ACTION,
            fields={history_key(language, field): [old, text]},
        )
    return True


@transaction.atomic
def save_translations(promise, language, translated, user, seen=None):
    """Save [(Text, translation)] of the promise in language (an empty one is removed);
    return how many changed. Each records the digest of the Swedish text it translates.

    `seen` ({Text.key: version the person saw, 0 for none}) refuses, all together and with
    nothing saved, every text someone else changed since: TranslationConflict."""
    seen = seen or {}
    return _all_or_conflict(
        partial(_write, promise, t.obj, t.field, language, text, t.digest, user, seen.get(t.key))
        for t, text in translated
    )


@transaction.atomic
def save_easy_read(promise, summaries, user, seen=None):
    """Save [(promise or commitment, easy-Swedish summary)]; return how many changed.
    `seen` as for save_translations, by `easy_read_key(obj)`."""
    seen = seen or {}
    return _all_or_conflict(
        partial(
            _write, promise, obj, EASY_READ, "sv", text, "", user, seen.get(_key(obj, EASY_READ))
        )
        for obj, text in summaries
    )


def easy_read_key(obj):
    return _key(obj, EASY_READ)


def _all_or_conflict(writes):
    """Run every write, each in a savepoint; return how many changed. When any met a newer
    version, raise one TranslationConflict naming them all (the caller's atomic undoes all)."""
    changed, conflicts = 0, {}
    for write in writes:
        try:
            with transaction.atomic():
                changed += write()
        except TranslationConflict as conflict:
            conflicts.update(conflict.current)
    if conflicts:
        raise TranslationConflict(conflicts)
    return changed


@transaction.atomic
def change_translation(row, text, user, seen=None):
    """Change one stored translation (the admin's way): to `text`, made from the Swedish text
    as it is now, or away when empty; kept in history, refused if saved since version `seen`.
    Return True when something changed."""
    obj = row.content_type.get_object_for_this_type(pk=row.object_id)
    source = "" if row.field == EASY_READ else digest(getattr(obj, row.field, "") or "")
    return _write(row.promise, obj, row.field, row.language, text, source, user, seen)
