"""Residents' voice on the promise's own pages (lofte.promises.pages): the newest published
comments, the comment form, the open surveys, and for coordinators what waits for them.

Registered by ParticipationConfig.ready(), so promises shows them without importing this app.
A fixed number of queries, whatever the number of comments: the newest few, not all.
"""

from django.utils import timezone

from lofte.participation.forms import CommentForm
from lofte.participation.models import Comment, ParticipationSettings, Survey
from lofte.promises import pages

NEWEST = 5
PARTS = {"head": ["participation/_head.html"], "end": ["participation/_voice.html"]}


def _voice(request, promise, commitment=None):
    settings = ParticipationSettings.for_promise(promise)
    published = Comment.objects.published().filter(promise=promise)
    if commitment is not None:
        published = published.filter(commitment=commitment)
    newest = list(published.select_related("commitment").newest_first()[: NEWEST + 1])
    voice = {
        "settings": settings,
        "comments": newest[:NEWEST],
        "more_comments": len(newest) > NEWEST,
        "commitment": commitment,
        "form": CommentForm() if settings.accepts_comments else None,
        "show_about": commitment is None,
        "open_surveys": [],
        "other_surveys": False,
        "waiting": None,
    }
    if commitment is None:
        today = timezone.localdate()
        surveys = list(Survey.objects.published().filter(promise=promise))
        voice["open_surveys"] = [s for s in surveys if s.is_open(today)]
        voice["other_surveys"] = len(voice["open_surveys"]) < len(surveys)
    if promise.can_be_changed_by(request.user):
        voice["waiting"] = Comment.objects.waiting().filter(promise=promise).count()
    return voice


@pages.adds_to("detail")
def voice_on_the_promise_page(request, promise, **objects):
    return {"voice": _voice(request, promise), "parts": PARTS}


@pages.adds_to("commitment")
def voice_on_the_commitment_page(request, promise, *, commitment, **objects):
    return {
        "voice": _voice(request, promise, commitment),
        "parts": PARTS,
    }
