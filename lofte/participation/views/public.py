"""Residents' voice as residents see it: comments and ideas, surveys and their results.

Nothing here asks who someone is. A comment or a response is refused without a word to a
robot that fills in the hidden honeypot field (it is told "thank you" and nothing is saved),
and counted against rate limits per client (a salted hash of its address, kept in the cache
for the limit's window) and, for comments, per promise or commitment.
"""

import csv
import io

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from lofte.participation.actions import post_comment, submit_response
from lofte.participation.charts import share_bars
from lofte.participation.forms import AnswerForm, CommentForm
from lofte.participation.limits import (
    COMMENTS_PER_CLIENT,
    COMMENTS_PER_TARGET,
    RESPONSES_PER_CLIENT,
    client_key,
    over_limit,
)
from lofte.participation.models import Comment, ParticipationSettings, Survey
from lofte.participation.results import csv_rows, survey_results
from lofte.promises.models import Commitment, Promise
from lofte.text import csv_text

COMMENTS_PER_PAGE = 20
# The surveys a browser has answered, in its session: one response per survey and session.
ANSWERED = "participation:answered"


@require_http_methods(["GET", "HEAD", "POST"])
def comments(request, slug):
    promise = Promise.objects.select_related("area").get_visible_or_404(request.user, slug)
    return _comments_page(request, promise, None)


@require_http_methods(["GET", "HEAD", "POST"])
def commitment_comments(request, slug, pk):
    promise = Promise.objects.select_related("area").get_visible_or_404(request.user, slug)
    commitment = get_object_or_404(
        Commitment.objects.select_related("focus_area"), focus_area__promise=promise, pk=pk
    )
    return _comments_page(request, promise, commitment)


def _comments_page(request, promise, commitment):
    settings = ParticipationSettings.for_promise(promise)
    form = CommentForm(request.POST or None)
    status = 200
    ctx = {"promise": promise, "commitment": commitment, "settings": settings, "form": form}
    if request.method == "POST":
        if not settings.accepts_comments:
            status = 403
        elif form.caught:
            return redirect(_thanks_url(promise, commitment, published=False))
        elif form.is_valid():
            target = f"commitment-{commitment.pk}" if commitment else f"promise-{promise.pk}"
            if over_limit(COMMENTS_PER_CLIENT, client_key(request)) or over_limit(
                COMMENTS_PER_TARGET, target
            ):
                ctx["rate_limited"] = True
                status = 429
            else:
                comment = post_comment(
                    promise,
                    commitment,
                    kind=form.cleaned_data["kind"],
                    text=form.cleaned_data["text"],
                    language=form.cleaned_data["language"],
                    promise_settings=settings,
                )
                published = comment.state == Comment.State.PUBLISHED
                return redirect(_thanks_url(promise, commitment, published=published))
    published = Comment.objects.published().filter(promise=promise)
    if commitment is not None:
        published = published.filter(commitment=commitment)
    published = published.select_related("commitment").newest_first()
    ctx["page"] = Paginator(published, COMMENTS_PER_PAGE).get_page(request.GET.get("sida"))
    return render(request, "participation/comments.html", ctx, status=status)


def _thanks_url(promise, commitment, *, published):
    url = reverse("participation:comment_thanks", args=[promise.slug])
    query = []
    if commitment is not None:
        query.append(f"atagande={commitment.pk}")
    if published:
        query.append("publicerad=1")
    return url + ("?" + "&".join(query) if query else "")


def comment_thanks(request, slug):
    promise = Promise.objects.select_related("area").get_visible_or_404(request.user, slug)
    commitment = None
    chosen = request.GET.get("atagande", "")
    if chosen.isdigit() and len(chosen) < 19:
        commitment = Commitment.objects.filter(focus_area__promise=promise, pk=chosen).first()
    ctx = {
        "promise": promise,
        "commitment": commitment,
        "published": request.GET.get("publicerad") == "1",
    }
    return render(request, "participation/comment_thanks.html", ctx)


# Surveys --------------------------------------------------------------------------------------


def surveys(request, slug):
    promise = Promise.objects.select_related("area").get_visible_or_404(request.user, slug)
    today = timezone.localdate()
    found = list(Survey.objects.visible_to(request.user, promise))
    ctx = {
        "promise": promise,
        "open": [s for s in found if s.is_open(today)],
        "coming": [s for s in found if s.is_published and s.opens_on > today],
        "closed": [s for s in found if s.is_published and s.has_closed(today)],
        "drafts": [s for s in found if not s.is_published],
    }
    return render(request, "participation/surveys.html", ctx)


def _survey(request, slug, pk):
    promise = Promise.objects.select_related("area").get_visible_or_404(request.user, slug)
    survey = get_object_or_404(Survey.objects.visible_to(request.user, promise), pk=pk)
    survey.promise = promise
    return promise, survey


@require_http_methods(["GET", "HEAD", "POST"])
def survey(request, slug, pk):
    promise, survey = _survey(request, slug, pk)
    questions = list(survey.questions.prefetch_related("choices"))
    answered = survey.pk in request.session.get(ANSWERED, [])
    form = AnswerForm(request.POST or None, questions=questions)
    status = 200
    ctx = {"promise": promise, "survey": survey, "form": form, "answered": answered}
    if request.method == "POST":
        if not survey.accepts_answers():
            status = 403
        elif answered:
            status = 409
        elif form.caught:
            return redirect("participation:survey_thanks", promise.slug, survey.pk)
        elif form.is_valid():
            if over_limit(RESPONSES_PER_CLIENT, client_key(request)):
                ctx["rate_limited"] = True
                status = 429
            else:
                submit_response(survey, form.answers())
                request.session[ANSWERED] = [*request.session.get(ANSWERED, []), survey.pk]
                if not request.user.is_authenticated:
                    # Remembered until the browser closes: one response per browser session,
                    # and no cookie that outlives it.
                    request.session.set_expiry(0)
                return redirect("participation:survey_thanks", promise.slug, survey.pk)
    ctx["today"] = timezone.localdate()
    return render(request, "participation/survey.html", ctx, status=status)


def survey_thanks(request, slug, pk):
    promise, survey = _survey(request, slug, pk)
    return render(
        request, "participation/survey_thanks.html", {"promise": promise, "survey": survey}
    )


def results(request, slug, pk):
    promise, survey = _survey(request, slug, pk)
    public = survey.results_are_public()
    ctx = {"promise": promise, "survey": survey, "public": public, "results": None}
    if public or promise.can_be_changed_by(request.user):
        found = survey_results(survey)
        for q in found.questions:
            q.chart = share_bars(q.cells, f"question-{q.number}-chart", q.question.text)
        ctx["results"] = found
    return render(request, "participation/results.html", ctx)


def results_csv(request, slug, pk):
    promise, survey = _survey(request, slug, pk)
    if not (survey.results_are_public() or promise.can_be_changed_by(request.user)):
        raise Http404
    # For Swedish Excel, as follow-up's CSV: UTF-8 with BOM, semicolons, decimal comma.
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for row in csv_rows(survey_results(survey)):
        writer.writerow([_csv_cell(value) for value in row])
    body = ("\ufeff" + out.getvalue()).encode("utf-8")
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{promise.slug}-enkat-{survey.pk}-resultat.csv"'
    )
    return response


def _csv_cell(value):
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return csv_text(str(value))
