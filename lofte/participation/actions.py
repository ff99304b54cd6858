"""Writes of residents' voice: each atomic; what coordinators do is recorded in history.

What a resident sends (a comment, a survey response) is not recorded in history: history
names the person who did something, and a resident is nobody we know.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext

from lofte.history.versioned import EditConflict, record, versioned_save
from lofte.participation.models import (
    Answer,
    Choice,
    Comment,
    ParticipationSettings,
    Question,
    Response,
    Survey,
)
from lofte.personal import warning_signs


class SurveyLocked(Exception):
    """The survey has answers: its questions can no longer change."""


def known_names(promise):
    """Return the names on a promise's pages that are not people's: its area, its actors."""
    names = [promise.area.name, *promise.actors().values_list("name", flat=True)]
    return [n for n in names if n]


@transaction.atomic
def post_comment(promise, commitment, *, kind, text, language, promise_settings=None):
    """Save a resident's comment; published at once only when the promise moderates after
    publishing and the text shows no warning sign (personal data, a link)."""
    promise_settings = promise_settings or ParticipationSettings.for_promise(promise)
    flags = warning_signs(text, known_names(promise))
    now = timezone.now()
    after = promise_settings.moderation == ParticipationSettings.Moderation.AFTER
    publish = after and not flags
    return Comment.objects.create(
        promise=promise,
        commitment=commitment,
        kind=kind,
        text=text,
        language=language,
        flags=flags,
        state=Comment.State.PUBLISHED if publish else Comment.State.WAITING,
        created_at=now,
        published_at=now if publish else None,
    )


# What history keeps of a moderation: never the resident's text.
MODERATION_FIELDS = ["state", "reject_reason", "reject_note", "reply"]


@transaction.atomic
def moderate_comment(comment, decision, user, expected_version, *, reason="", note="", reply=""):
    """Approve, reject or reply to a comment, as `user`; recorded in history.

    "approve" publishes it (with the reply, if one is given), "reject" takes it off the pages
    with a reason, "reply" changes the public reply of a published comment. A comment rejected
    for holding personal data loses its text: nothing is kept that should not be.
    Raises EditConflict when someone else moderated it since `expected_version`.
    """
    now = timezone.now()
    if decision == "approve":
        comment.state = Comment.State.PUBLISHED
        comment.reject_reason = comment.reject_note = ""
        comment.reply = reply
        action = "approved"
    elif decision == "reject":
        comment.state = Comment.State.REJECTED
        comment.reject_reason = reason
        comment.reject_note = note
        action = "changed"
    elif decision == "reply":
        comment.reply = reply
        action = "changed"
    else:
        raise ValueError(f"unknown decision {decision!r}")
    change = versioned_save(
        comment,
        expected_version,
        MODERATION_FIELDS,
        user=user,
        promise=comment.promise,
        action=action,
    )
    if change is None:
        return None
    extra = {"moderated_by": user, "moderated_at": now}
    if decision == "approve" and comment.published_at is None:
        extra["published_at"] = now
    if change.fields.get("reply"):
        extra["replied_at"] = now if comment.reply else None
    if decision == "reject" and reason == Comment.Reason.PERSONAL_DATA:
        extra["text"] = ""
    Comment.objects.filter(pk=comment.pk).update(**extra)
    for name, value in extra.items():
        setattr(comment, name, value)
    return change


@transaction.atomic
def change_settings(promise_settings, user, expected_version, *, comments_open, moderation):
    """Save how the promise takes comments; EditConflict when someone else saved first."""
    promise_settings.comments_open = comments_open
    promise_settings.moderation = moderation
    fields = ["comments_open", "moderation"]
    if promise_settings.pk is None:
        if expected_version != 0:
            raise EditConflict(ParticipationSettings.for_promise(promise_settings.promise))
        try:
            with transaction.atomic():
                return versioned_save(
                    promise_settings, 0, fields, user=user, promise=promise_settings.promise
                )
        except IntegrityError:  # another coordinator saved the first settings meanwhile
            raise EditConflict(
                ParticipationSettings.for_promise(promise_settings.promise)
            ) from None
    return versioned_save(
        promise_settings, expected_version, fields, user=user, promise=promise_settings.promise
    )


SURVEY_FIELDS = ["title", "intro", "opens_on", "closes_on"]


@transaction.atomic
def save_survey(survey, user, expected_version, questions=None):
    """Save a survey's own fields and, when given, its questions (a list of dicts from the
    builder), replacing the old ones; recorded in history.

    Raises EditConflict when someone else saved the survey since `expected_version`, and
    SurveyLocked when questions are given for a survey that has answers.
    """
    creating = survey.pk is None
    versioned_save(survey, expected_version, SURVEY_FIELDS, user=user, promise=survey.promise)
    if questions is None:
        return survey
    if not creating:
        # A question change is a change of the survey: the version rises, once.
        if survey.version == expected_version:
            bumped = Survey.objects.filter(pk=survey.pk, version=expected_version).update(
                version=F("version") + 1
            )
            if not bumped:
                raise EditConflict(Survey.objects.get(pk=survey.pk))
            survey.version = expected_version + 1
        if survey.responses.exists():
            raise SurveyLocked
    old = _describe_questions(survey)
    survey.questions.all().delete()
    for order, spec in enumerate(questions):
        question = Question.objects.create(
            survey=survey,
            order=order,
            kind=spec["kind"],
            text=spec["text"],
            required=spec["required"],
            scale_low_label=spec["scale_low_label"] if spec["kind"] == "scale" else "",
            scale_high_label=spec["scale_high_label"] if spec["kind"] == "scale" else "",
        )
        Choice.objects.bulk_create(
            Choice(question=question, order=i, label=label)
            for i, label in enumerate(spec["options"])
        )
    new = _describe_questions(survey)
    if old != new and not creating:
        # Not a field of the survey: history names it after the prefix, in the site's language
        # as the promise's own texts are (see Change.field_changes).
        with translation.override(settings.LANGUAGE_CODE):
            key = f"questions:{gettext('questions')}"
        record(
            survey, user=user, promise=survey.promise, action="changed", fields={key: [old, new]}
        )
    return survey


def _describe_questions(survey):
    """Return the questions in one line for history, in the site's language:
    "1. Hur trygg…? (skala från 1 till 5) 2. …"."""
    with translation.override(settings.LANGUAGE_CODE):
        return " ".join(
            f"{i}. {q.text} ({q.get_kind_display()})"
            for i, q in enumerate(survey.questions.all(), start=1)
        )


@transaction.atomic
def set_survey_state(survey, state, user, expected_version):
    """Publish a survey, or take it back to draft when nobody has answered it yet."""
    if state == Survey.State.DRAFT and survey.responses.exists():
        raise SurveyLocked
    survey.state = state
    action = "changed"
    return versioned_save(
        survey, expected_version, ["state"], user=user, promise=survey.promise, action=action
    )


@transaction.atomic
def submit_response(survey, answers):
    """Save one resident's answers: [(question, choice ids, value, text)] from AnswerForm."""
    response = Response.objects.create(survey=survey)
    Answer.objects.bulk_create(
        answer
        for question, choice_ids, value, text in answers
        for answer in (
            [Answer(response=response, question=question, choice_id=pk) for pk in choice_ids]
            or [Answer(response=response, question=question, value=value, text=text)]
        )
    )
    return response


@transaction.atomic
def remove_answer_text(answer, user, promise):
    """Take a free-text answer's text out (it held personal data); it still counts as an
    answer. History records who did it, not the text."""
    updated = Answer.objects.filter(pk=answer.pk, text_removed=False).update(
        text="", text_removed=True
    )
    if updated:
        record(
            answer,
            user=user,
            promise=promise,
            action="changed",
            fields={"text_removed": [False, True]},
        )
    return bool(updated)
