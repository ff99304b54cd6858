"""The demo's residents' voice: a few example comments on Hisings Backa and two example surveys,
all marked as examples."""

import pytest
from django.utils import timezone

from lofte.demo.load import load_demo
from lofte.participation.models import Comment, Survey
from lofte.participation.results import survey_results

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def promise(db):
    return load_demo()


def test_every_example_comment_and_survey_says_it_is_an_example(promise):
    assert Comment.objects.filter(promise=promise).count() >= 5
    for comment in Comment.objects.all():
        assert comment.text.startswith("(Exempel)")
    for survey in Survey.objects.all():
        assert survey.title.startswith("(Exempel)")
        assert survey.intro.startswith("Exempel:")


def test_some_example_comments_are_published_with_replies_and_some_wait(promise):
    published = Comment.objects.published().filter(promise=promise)
    assert published.count() >= 4
    assert published.exclude(reply="").exists()
    assert published.exclude(commitment=None).exists() and published.filter(commitment=None)
    held = Comment.objects.waiting().get(text__contains="070-")
    assert held.flags == ["phone", "name"]


def test_the_closed_example_survey_shows_its_results_with_small_counts_hidden(promise):
    survey = Survey.objects.get(title="(Exempel) Trygghetsenkät hösten 2025")
    assert survey.results_are_public()
    results = survey_results(survey, below=5)
    assert results.respondents == 60
    first = {c.label: c.count for c in results.questions[0].cells}
    assert first == {
        "Varje dag": 21,
        "Några gånger i veckan": 24,
        "Sällan": None,
        "Aldrig": None,
        "inget svar": 0,
    }
    assert results.questions[2].median == 3


def test_the_open_example_survey_can_be_answered_whenever_the_demo_runs(promise):
    survey = Survey.objects.get(title__startswith="(Exempel) Inför")
    assert survey.accepts_answers(timezone.localdate())
    assert not survey_results(survey, below=5).enough  # three answers: too few to show
