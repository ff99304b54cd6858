"""Residents' voice: the cast beyond lofte/conftest.py, and builders for comments and surveys.

frida: staff, with no role in any promise; root: a superuser.
"""

import datetime

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from lofte.participation.models import Choice, Comment, Question, Survey


@pytest.fixture
def frida(db):
    return User.objects.create_user("frida", "frida@example.se", "secret-pass-1", is_staff=True)


@pytest.fixture
def root(db):
    return User.objects.create_superuser("root", "root@example.se", "secret-pass-1")


def make_comment(promise, text="Mer belysning vid busshållplatsen.", **fields):
    now = timezone.now()
    values = {"state": Comment.State.PUBLISHED, "published_at": now, "kind": "idea"}
    values.update(fields)
    return Comment.objects.create(promise=promise, text=text, **values)


def make_survey(promise, *, opens=-10, closes=10, state=Survey.State.PUBLISHED, **fields):
    """A survey open `opens` to `closes` days from today, with one question of each kind."""
    today = timezone.localdate()
    survey = Survey.objects.create(
        promise=promise,
        title=fields.pop("title", "Trygghet i området"),
        intro="Vad tycker du?",
        opens_on=today + datetime.timedelta(opens),
        closes_on=today + datetime.timedelta(closes),
        state=state,
        **fields,
    )
    single = Question.objects.create(
        survey=survey, order=0, kind="single", text="Hur ofta är du ute på kvällen?"
    )
    for i, label in enumerate(["Varje dag", "Ibland", "Aldrig"]):
        Choice.objects.create(question=single, order=i, label=label)
    multiple = Question.objects.create(
        survey=survey, order=1, kind="multiple", text="Var känner du dig otrygg?"
    )
    for i, label in enumerate(["Torget", "Parken", "Hållplatsen"]):
        Choice.objects.create(question=multiple, order=i, label=label)
    Question.objects.create(
        survey=survey,
        order=2,
        kind="scale",
        text="Hur trygg känner du dig?",
        required=True,
        scale_low_label="Mycket otrygg",
        scale_high_label="Mycket trygg",
    )
    Question.objects.create(survey=survey, order=3, kind="text", text="Vad skulle hjälpa?")
    return survey


def answer_data(survey, *, single=0, multiple=(0,), scale=4, text="Mer ljus."):
    """POST data answering make_survey's questions: option indexes, a scale value, a text."""
    q = list(survey.questions.order_by("order"))
    data = {}
    if single is not None:
        data[f"q{q[0].pk}"] = str(q[0].choices.order_by("order")[single].pk)
    choices = list(q[1].choices.order_by("order"))
    data[f"q{q[1].pk}"] = [str(choices[i].pk) for i in multiple]
    if scale is not None:
        data[f"q{q[2].pk}"] = str(scale)
    data[f"q{q[3].pk}"] = text
    return data


def survey_form_data(
    title="Ny enkät", questions=None, *, version=0, opens="2026-01-01", closes="2026-12-31"
):
    """POST data for the survey builder: the survey's fields and its questions, all new."""
    questions = (
        questions
        if questions is not None
        else [{"text": "Hur trygg känner du dig?", "kind": "scale", "scale_low_label": "Otrygg"}]
    )
    data = {
        "title": title,
        "intro": "Om enkäten.",
        "opens_on": opens,
        "closes_on": closes,
        "version": version,
        "fragor-TOTAL_FORMS": len(questions),
        "fragor-INITIAL_FORMS": 0,
        "fragor-MIN_NUM_FORMS": 0,
        "fragor-MAX_NUM_FORMS": 20,
    }
    for i, q in enumerate(questions):
        for name, value in q.items():
            if name == "required":
                if value:
                    data[f"fragor-{i}-required"] = "on"
            else:
                data[f"fragor-{i}-{name}"] = value
    return data
