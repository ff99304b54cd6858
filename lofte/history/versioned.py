"""Record changes and refuse silent overwrites.

Every write through Löfte's own forms goes through `versioned_save`: it saves only if nobody
changed the row since the form was opened, and records what changed in history.
"""

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from lofte.history.models import Change


class EditConflict(Exception):
    """Someone else saved the object after this person opened it."""

    message = _(
        "Someone else changed this while you were editing it. Your changes are not saved: "
        "they are still in the form below. Look at the current version, then save again."
    )

    def __init__(self, current):
        super().__init__(self.message)
        self.current = current

    def __str__(self):
        return str(self.message)  # in the language active where it is shown


def field_value(obj, name):
    value = getattr(obj, name)
    if hasattr(value, "pk"):
        return str(value)
    return value if isinstance(value, (int, float, bool, type(None))) else str(value)


def diff(old, new, names):
    """Return {name: [old, new]} for the fields that differ."""
    changes = {}
    for name in names:
        before = field_value(old, name) if old is not None else None
        after = field_value(new, name)
        if before != after:
            changes[name] = [before, after]
    return changes


@transaction.atomic
def versioned_save(obj, expected_version, fields, *, user, promise, action="changed", public=False):
    """Save `fields` of obj if its version is still `expected_version`; record the change.

    Raises EditConflict with the current row when someone else saved first.
    """
    model = type(obj)
    if obj.pk is None:
        obj.version = 1
        obj.save()
        changes = diff(None, obj, fields)
        action = "created"
    else:
        current = model.objects.select_for_update().get(pk=obj.pk)
        if current.version != expected_version:
            raise EditConflict(current)
        changes = diff(current, obj, fields)
        if not changes:
            return None
        obj.version = expected_version + 1
        updated = model.objects.filter(pk=obj.pk, version=expected_version).update(
            version=F("version") + 1, **{name: getattr(obj, name) for name in fields}
        )
        if not updated:  # SQLite does not lock on select_for_update: this guards it there
            raise EditConflict(model.objects.get(pk=obj.pk))
    return record(obj, user=user, promise=promise, action=action, fields=changes, public=public)


def record(obj, *, user, promise, action, fields=None, public=False):
    return Change.objects.create(
        promise=promise,
        target=obj,
        user=user if user and user.is_authenticated else None,
        action=action,
        fields=fields or {},
        is_public=public,
    )
