"""Which texts of a promise can be translated, and putting their translations in place.

`texts_of(promise)` lists them for the coordinators' page and the spreadsheet, in the order a
resident reads them. `translate(objects, language)` puts a language's translations on objects
a page has already fetched, in one query, and marks each text with the language it is shown in
(`text_languages`, read by the template filters in lofte/languages.py): a text not yet
translated stays Swedish.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from lofte.events.models import Event
from lofte.followup.models import ReportingPeriod, Update
from lofte.promises.models import Promise
from lofte.translations.models import (
    EASY_READ_MODELS,
    FIELDS,
    Translation,
    digest,
    label_of,
    max_length,
)


@dataclass
class Text:
    """One translatable text: an object's field, its Swedish source and where it sits."""

    obj: object
    field: str
    where: str

    @property
    def source(self):
        return getattr(self.obj, self.field) or ""

    @property
    def key(self):
        return f"{label_of(self.obj)}:{self.obj.pk}:{self.field}"

    @property
    def digest(self):
        return digest(self.source)

    @property
    def max_length(self):
        return max_length(self.obj, self.field)

    @property
    def field_label(self):
        return str(self.obj._meta.get_field(self.field).verbose_name)


def objects_of(promise):
    """Return the promise's objects with public texts, in reading order, each with where it
    sits ("Commitment 3"); the promise refetched with its content."""
    promise = Promise.objects.with_content().get(pk=promise.pk)
    found = [(promise, _("The promise"))]
    found += [(g, _("Goal %(n)s") % {"n": n}) for n, g in enumerate(promise.goals.all(), 1)]
    n_commitment = 0
    for n_area, fa in enumerate(promise.focus_areas.all(), 1):
        found.append((fa, _("Focus area %(n)s") % {"n": n_area}))
        for c in fa.commitments.all():
            n_commitment += 1
            where = _("Commitment %(n)s") % {"n": n_commitment}
            found.append((c, where))
            found += [(m, where + " · " + _("measure")) for m in c.measures.all()]
    found += [(p, _("Reporting period")) for p in ReportingPeriod.objects.filter(promise=promise)]
    updates = (
        Update.objects.published()
        .filter(commitment__focus_area__promise=promise)
        .select_related("period")
        .order_by("period__starts_on", "pk")
    )
    found += [(u, _("Update for %(period)s") % {"period": u.period.label}) for u in updates]
    found += [(e, _("Event")) for e in Event.objects.filter(promise=promise).order_by("starts_at")]
    found += [(c, _("Contact")) for c in promise.public_contacts]
    return promise, found


def texts_of(promise):
    """Return the promise's translatable texts that have a Swedish source, in reading order."""
    _promise, found = objects_of(promise)
    return [
        Text(obj, field, where)
        for obj, where in found
        for field in FIELDS[label_of(obj)]
        if getattr(obj, field)
    ]


def easy_read_objects(promise):
    """Return the promise and its commitments, which may carry an easy-Swedish summary."""
    promise, found = objects_of(promise)
    return [(obj, where) for obj, where in found if label_of(obj) in EASY_READ_MODELS]


def translate(objects, language):
    """Put `language`'s translations on these objects, in place, and mark each text's
    language; return the objects. Swedish, or no objects, costs no query."""
    objects = [o for o in objects if o is not None]
    for obj in objects:
        obj.text_languages = {}
    if language == settings.LANGUAGE_CODE or not objects:
        return objects
    # A page may hold one row as several objects (a goal of the promise and of a commitment).
    by_key = {}
    for o in objects:
        by_key.setdefault((o._meta.label_lower, o.pk), []).append(o)
    rows = Translation.objects.translations().of_objects(objects).filter(language=language)
    for row in rows:
        for obj in by_key.get((row.model_label, row.object_id), []):
            if row.field in FIELDS.get(label_of(obj), ()) and row.text:
                setattr(obj, row.field, row.text)
                obj.text_languages[row.field] = language
    return objects


def attach_easy_read(objects):
    """Set `easy_read` (the easy-Swedish summary, or "") on these promises and commitments."""
    objects = [o for o in objects if o is not None]
    for obj in objects:
        obj.easy_read = ""
    if not objects:
        return objects
    by_key = {}
    for o in objects:
        by_key.setdefault((o._meta.label_lower, o.pk), []).append(o)
    for row in Translation.objects.easy_read().of_objects(objects):
        for obj in by_key.get((row.model_label, row.object_id), []):
            obj.easy_read = row.text
    return objects
