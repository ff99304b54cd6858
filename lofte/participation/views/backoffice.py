"""Residents' voice for a promise's coordinators: the moderation queue, how the promise takes
comments, the survey builder and the answers in free text.

Every page is for those who may change the promise (`Promise.can_be_changed_by`: its
coordinators and superusers): a draft is a 404 to everyone else, as on every page of a
promise, and a published promise's back office a 403.
"""

import datetime

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from lofte.history.versioned import EditConflict
from lofte.participation.actions import (
    SurveyLocked,
    change_settings,
    known_names,
    moderate_comment,
    remove_answer_text,
    save_survey,
    set_survey_state,
)
from lofte.participation.forms import (
    ModerationForm,
    QuestionFormSet,
    SettingsForm,
    SurveyForm,
    question_initial,
)
from lofte.participation.models import Answer, Comment, ParticipationSettings, Question, Survey
from lofte.personal import looks_personal
from lofte.promises.models import Promise

PER_PAGE = 20
LOCKED_MESSAGE = gettext_lazy(
    "Someone has answered the survey: its questions can no longer change. Nothing was saved."
)


def coordinated_promise(request, slug):
    """Return the promise if the user may change it: 404 for a draft they cannot see, 403 for
    the rest. Anonymous users are sent to log in before this."""
    promise = Promise.objects.select_related("area").get_visible_or_404(request.user, slug)
    if not promise.can_be_changed_by(request.user):
        raise PermissionDenied
    return promise


def _int(value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 <= number < 2**31 else None


@login_required
def queue(request, slug):
    promise = coordinated_promise(request, slug)
    states = dict(Comment.State.choices)
    state = request.GET.get("visa", Comment.State.WAITING)
    if state not in states:
        state = Comment.State.WAITING
    found = Comment.objects.filter(promise=promise, state=state).select_related(
        "commitment", "moderated_by"
    )
    # The queue is read oldest first; what was decided, the latest decision first.
    if state == Comment.State.WAITING:
        found = found.order_by("created_at", "pk")
    else:
        found = found.order_by("-moderated_at", "-created_at", "-pk")
    counts = dict(
        Comment.objects.filter(promise=promise)
        .order_by()
        .values_list("state")
        .annotate(n=Count("id"))
    )
    ctx = {
        "promise": promise,
        "state": state,
        "tabs": [(value, label, counts.get(value, 0)) for value, label in states.items()],
        "page": Paginator(found, PER_PAGE).get_page(request.GET.get("sida")),
        "settings": ParticipationSettings.for_promise(promise),
    }
    return render(request, "participation/queue.html", ctx)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def moderate(request, slug, pk):
    promise = coordinated_promise(request, slug)
    comment = get_object_or_404(
        Comment.objects.select_related("commitment", "moderated_by"), promise=promise, pk=pk
    )
    comment.promise = promise
    form = ModerationForm(request.POST or None, comment=comment)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                moderate_comment(
                    comment,
                    data["decision"],
                    request.user,
                    data["version"],
                    reason=data["reason"],
                    note=data["note"],
                    reply=data["reply"],
                )
            except EditConflict as conflict:
                form.add_error(None, conflict.message)
                comment = Comment.objects.select_related("commitment", "moderated_by").get(
                    pk=comment.pk
                )
                status = 409
            else:
                return redirect(reverse("dialog:queue", args=[promise.slug]))
    ctx = {"promise": promise, "comment": comment, "form": form}
    return render(request, "participation/moderate.html", ctx, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def settings_page(request, slug):
    promise = coordinated_promise(request, slug)
    settings = ParticipationSettings.for_promise(promise)
    form = SettingsForm(request.POST or None, instance=settings)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            change_settings(
                settings,
                request.user,
                form.cleaned_data["version"],
                comments_open=form.cleaned_data["comments_open"],
                moderation=form.cleaned_data["moderation"],
            )
        except EditConflict as conflict:
            form.add_error(None, conflict.message)
            status = 409
        else:
            return redirect(reverse("dialog:queue", args=[promise.slug]))
    return render(
        request, "participation/settings.html", {"promise": promise, "form": form}, status=status
    )


# Surveys --------------------------------------------------------------------------------------


@login_required
def survey_list(request, slug):
    promise = coordinated_promise(request, slug)
    surveys = Survey.objects.filter(promise=promise).annotate(answers=Count("responses"))
    ctx = {"promise": promise, "surveys": surveys, "today": timezone.localdate()}
    return render(request, "participation/survey_list.html", ctx)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def survey_edit(request, slug, pk=None):
    promise = coordinated_promise(request, slug)
    if pk is None:
        today = timezone.localdate()
        survey = Survey(promise=promise, opens_on=today, closes_on=today + datetime.timedelta(30))
        survey.version = 0
        locked = False
    else:
        survey = get_object_or_404(Survey, promise=promise, pk=pk)
        survey.promise = promise
        locked = survey.responses.exists()
    data = request.POST or None
    form = SurveyForm(data, instance=survey)
    questions = None
    if not locked:
        # A POST carries every question whole: the questions saved now are only the form's
        # starting point, and someone may have changed them since it was opened.
        initial = question_initial(survey) if survey.pk and data is None else None
        questions = QuestionFormSet(data, initial=initial, prefix="fragor")
    status = 200
    if request.method == "POST":
        valid = form.is_valid()
        valid = (questions is None or questions.is_valid()) and valid
        if valid:
            try:
                save_survey(
                    form.instance,
                    request.user,
                    form.cleaned_data["version"],
                    None if questions is None else questions.questions(),
                )
            except EditConflict as conflict:
                form.add_error(None, conflict.message)
                status = 409
            except SurveyLocked:
                form.add_error(None, LOCKED_MESSAGE)
                status = 409
            else:
                return redirect(reverse("dialog:survey_edit", args=[promise.slug, survey.pk]))
    ctx = {
        "promise": promise,
        "survey": survey,
        "form": form,
        "questions": questions,
        "locked": locked,
        "saved_questions": list(survey.questions.prefetch_related("choices")) if locked else [],
    }
    return render(request, "participation/survey_edit.html", ctx, status=status)


@login_required
@require_POST
def survey_state(request, slug, pk):
    """Publish a survey, or take it back to draft while nobody has answered it."""
    promise = coordinated_promise(request, slug)
    survey = get_object_or_404(Survey, promise=promise, pk=pk)
    survey.promise = promise
    state = request.POST.get("state")
    version = _int(request.POST.get("version"))
    if state not in Survey.State.values or version is None:
        return render(
            request,
            "participation/survey_state_refused.html",
            {"promise": promise, "survey": survey, "message": _("Choose publish or draft.")},
            status=400,
        )
    message = None
    if state == Survey.State.PUBLISHED and not survey.questions.exists():
        message = _("Add a question before you publish the survey.")
    else:
        try:
            set_survey_state(survey, state, request.user, version)
        except EditConflict as conflict:
            message = conflict.message
        except SurveyLocked:
            message = _("Someone has answered the survey: it stays published.")
    if message:
        ctx = {"promise": promise, "survey": survey, "message": message}
        return render(request, "participation/survey_state_refused.html", ctx, status=409)
    return redirect(reverse("dialog:survey_edit", args=[promise.slug, survey.pk]))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def free_text(request, slug, pk):
    """The survey's answers in free text: read by the coordinators, never published. One that
    holds personal data can have its text removed."""
    promise = coordinated_promise(request, slug)
    survey = get_object_or_404(Survey, promise=promise, pk=pk)
    survey.promise = promise
    answers = Answer.objects.filter(
        question__survey=survey, question__kind=Question.Kind.TEXT
    ).select_related("question")
    if request.method == "POST":
        answer = get_object_or_404(answers, pk=_int(request.POST.get("answer")) or 0)
        remove_answer_text(answer, request.user, promise)
        url = reverse("dialog:free_text", args=[promise.slug, survey.pk])
        page = _int(request.POST.get("sida"))
        return redirect(f"{url}?sida={page}" if page else url)
    answers = answers.exclude(text="", text_removed=False).order_by(
        "question__order", "question_id", "-pk"
    )
    page = Paginator(answers, PER_PAGE).get_page(request.GET.get("sida"))
    page.object_list = list(page.object_list)
    names = known_names(promise)
    for answer in page.object_list:
        answer.signs = [Comment.FLAGS[s] for s in looks_personal(answer.text, names)]
    ctx = {"promise": promise, "survey": survey, "page": page}
    return render(request, "participation/free_text.html", ctx)
