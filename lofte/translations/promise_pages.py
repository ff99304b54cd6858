"""Translations and easy Swedish on the promise's own pages (lofte.promises.pages).

Registered by TranslationsConfig.ready(). Each page's texts are replaced, in place, by the
reader's language's translations (one query), before the page or any other part reads them;
a Swedish page gets the easy-Swedish summary shown first instead (one query). Registered as
`pages.localise`'s way too, for the updates and events the apps below fetch themselves.
"""

from django.conf import settings
from django.utils.translation import get_language

from lofte.promises import pages
from lofte.translations.content import attach_easy_read, translate

PARTS = {"first": ["translations/_easy_read.html"]}

# Texts the apps below fetch themselves (updates, events) go through the same translate().
pages.localises(translate)


def _promise_objects(promise, commitments, details=True, goals=True):
    """The promise's texts and its commitments', with their measures unless the page lists the
    commitments without `details` (and did not fetch those), and with the goals each serves
    where the page shows them (the whole promise; the promise page shows the promise's)."""
    objects = [promise, *promise.goals.all(), *promise.focus_areas.all()]
    for c in commitments:
        if details:
            objects += [c, *(c.goals.all() if goals else ()), *c.measures.all()]
        else:
            objects.append(c)
    objects += getattr(promise, "public_contacts", [])
    return objects


def _in_language(promise, commitments, events=(), details=True, goals=True):
    language = get_language()
    translate([*_promise_objects(promise, commitments, details, goals), *events], language)
    if language == settings.LANGUAGE_CODE:
        attach_easy_read([promise, *commitments])
    return {"parts": PARTS}


@pages.adds_to("detail")
def translated_promise_page(request, promise, commitments=(), events=(), details=True, **objects):
    return _in_language(promise, commitments, events, details, goals=False)


@pages.adds_to("whole")
def translated_whole_page(request, promise, commitments=(), events=(), **objects):
    return _in_language(promise, commitments, events)


@pages.adds_to("contact")
def translated_contact_page(request, promise, **objects):
    return _in_language(promise, [])


@pages.adds_to("commitment")
def translated_commitment_page(request, promise, commitment, **objects):
    language = get_language()
    translate(
        [
            promise,
            commitment,
            commitment.focus_area,
            *commitment.goals.all(),
            *commitment.measures.all(),
        ],
        language,
    )
    if language == settings.LANGUAGE_CODE:
        attach_easy_read([commitment])
    return {"parts": PARTS}


@pages.adds_to("json")
def translated_json(request, promise, commitments=(), events=(), **objects):
    translate([*_promise_objects(promise, commitments), *events], get_language())
    return {}
