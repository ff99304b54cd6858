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

Pages and their places: "detail" (first, summary, commitment_card, end) gets `commitments`
and `events` (the upcoming ones it shows), and "commitment" (first, follow_up, end) gets
`commitment`; the follow-up's "dashboard" (end) gets only the promise, its "report" (end)
also `period` (None for the whole promise).
"first" comes right after the heading, "end" closes the page's content; both pages
also have "head", for a part's stylesheet. "whole" (first; gets `commitments` and `events`),
"contact" and "json" (gets `commitments` and `events`; only what a function does to the objects
counts) are called before their page reads anything, so an app may change the objects in place
(the translations app puts the reader's language's texts on them).
"""

_added = {}


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
        ctx.update(added)
    return ctx
