"""Parts that apps above promises add to its pages, without promises importing them.

An app registers a function for a page, usually in its AppConfig.ready():

    @pages.adds_to("detail")
    def follow_up(request, promise, **objects):
        return {"progress": ..., "parts": {"summary": ["followup/_progress_summary.html"]}}

The page's view calls `pages.context(page, request, promise, **objects)` and adds what comes
back to its template context. What a function returns is merged: the lists under "parts"
(template names, by the place on the page they go) are joined, other keys are set. A template
includes each part where it belongs:

    {% for template in parts.summary %}{% include template %}{% endfor %}

Pages and their places: "detail" (first, summary, commitment_card, end) gets `commitments`,
`events` (the upcoming ones it shows) and `details` (whether the cards show their details and
the commitment_card parts: Promise.lists_details), and "commitment" (first, follow_up, end) gets
`commitment`; the follow-up's "dashboard" (end) gets only the promise, its "report" (end)
also `period` (None for the whole promise).
"first" comes right after the heading, "end" closes the page's content; both pages
also have "head", for a part's stylesheet. "whole" (first; gets `commitments` and `events`),
"contact" and "json" (gets `commitments` and `events`; only what a function does to the objects
counts) are called before their page reads anything, so an app may change the objects in place
(the translations app puts the reader's language's texts on them).

Texts fetched by an app below the translations (follow-up's updates, events) are put in the
reader's language by `pages.localise(objects)`, after fetching and before showing them: one
rule for every page, feed and file, with no import of the app that knows the translations
(it registers itself with `@pages.localises`).

Downloads of a page (the follow-up report's PDF and spreadsheet) show what the apps above add
as `sections`: a list of `Section`s, joined like "parts", made from the same data as the
page's own part, so a PDF says what the page says.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import get_language

_added = {}
_localisers = []


@dataclass
class Section:
    """A part an app adds to a page's downloads: a heading, paragraphs, and a table (its
    column heads and rows of plain values), written as the PDF and the spreadsheet can."""

    heading: str
    paragraphs: list = field(default_factory=list)
    columns: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    # The sheet's name in a spreadsheet (at most 31 characters); the heading when empty.
    sheet: str = ""


def adds_to(page):
    """Register the decorated function as adding to `page`'s context."""

    def register(func):
        if func not in _added.setdefault(page, []):
            _added[page].append(func)
        return func

    return register


def context(page, request, promise, **objects):
    """Return what the registered functions add to `page`, merged; {"parts": {}} if none."""
    ctx = {"parts": {}}
    for func in _added.get(page, []):
        added = dict(func(request, promise, **objects))
        for place, templates in added.pop("parts", {}).items():
            ctx["parts"].setdefault(place, []).extend(templates)
        if "sections" in added:
            ctx.setdefault("sections", []).extend(added.pop("sections"))
        ctx.update(added)
    return ctx


def localises(func):
    """Register func(objects, language) as putting a language's texts on fetched objects."""
    if func not in _localisers:
        _localisers.append(func)
    return func


def localise(objects, language=None):
    """Put the texts of `language` (the reader's, by default) on these objects, in place, and
    mark each text's language for `lang_attrs` and `untranslated`; return them as a list.

    Whatever no one translated stays Swedish. None among the objects is skipped; Swedish costs
    no query.
    """
    objects = [o for o in objects if o is not None]
    language = language or get_language() or settings.LANGUAGE_CODE
    for func in _localisers:
        func(objects, language)
    return objects
