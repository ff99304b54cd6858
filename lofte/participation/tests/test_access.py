"""Every page of residents' voice, for every persona, GET and POST: the exact answer, and that a
refused write changes nothing.

Residents' pages are open to everyone on a published promise, with or without an account; the
back office is for the promise's coordinators and superusers. On a draft promise everything
is a 404 to people without a role in it, and nobody can comment or answer.
"""

from dataclasses import dataclass

import pytest
from django.utils import timezone

from lofte.history.models import Change
from lofte.participation.actions import submit_response
from lofte.participation.models import (
    Answer,
    Comment,
    ParticipationSettings,
    Question,
    Response,
    Survey,
)
from lofte.participation.tests.conftest import (
    answer_data,
    make_comment,
    make_survey,
    survey_form_data,
)
from lofte.promises.models import Promise

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "dana", "frida", "charlie", "erik", "rosa", "alice", "root"]
COORDINATORS = {"alice", "root"}
MEMBERS = {"erik", "rosa", "alice", "root"}  # of testby, or above every promise

OK, WRITTEN, LOGIN, DENIED, NOT_FOUND = "200", "302 written", "302 to login", "403", "404"


@dataclass
class World:
    promise: object
    commitment: object
    waiting: object
    open_survey: object
    draft_survey: object
    text_answer: object
    users: dict


@pytest.fixture
def world(promise, alice, charlie, erik, rosa, dana, frida, root):
    open_survey = make_survey(promise)
    q = {question.kind: question for question in open_survey.questions.all()}
    submit_response(open_survey, [(q["scale"], [], 3, ""), (q["text"], [], None, "Mer ljus.")])
    return World(
        promise=promise,
        commitment=promise.commitments().order_by("order").first(),
        waiting=make_comment(promise, state=Comment.State.WAITING, published_at=None),
        open_survey=open_survey,
        draft_survey=make_survey(promise, state=Survey.State.DRAFT, title="Utkastet"),
        text_answer=Answer.objects.get(question=q["text"]),
        users={
            "dana": dana,
            "frida": frida,
            "charlie": charlie,
            "erik": erik,
            "rosa": rosa,
            "alice": alice,
            "root": root,
        },
    )


def snapshot():
    """Everything residents' voice keeps, to tell whether a request wrote anything."""
    return (
        list(Comment.objects.order_by("pk").values_list("pk", "state", "version", "text", "reply")),
        list(Survey.objects.order_by("pk").values_list("pk", "title", "state", "version")),
        list(Question.objects.order_by("pk").values_list("pk", "text")),
        Response.objects.count(),
        list(Answer.objects.order_by("pk").values_list("pk", "text", "text_removed")),
        list(ParticipationSettings.objects.values_list("promise", "comments_open", "moderation")),
        Change.objects.count(),
    )


def base(w):
    return f"/en/medborgarloften/{w.promise.slug}"


def office(w):
    return f"/en/dialog/{w.promise.slug}"


# name: (url, POST data or None when the page takes no POST, public)
VIEWS = {
    "comments": (
        lambda w: f"{base(w)}/synpunkter/",
        lambda w: {"kind": "idea", "text": "Fler papperskorgar.", "language": "sv"},
        True,
    ),
    "commitment_comments": (
        lambda w: f"{base(w)}/ataganden/{w.commitment.pk}/synpunkter/",
        lambda w: {"kind": "question", "text": "När börjar det?", "language": "sv"},
        True,
    ),
    "comment_thanks": (lambda w: f"{base(w)}/synpunkter/tack/", None, True),
    "surveys": (lambda w: f"{base(w)}/enkater/", None, True),
    "survey": (
        lambda w: f"{base(w)}/enkater/{w.open_survey.pk}/",
        lambda w: answer_data(w.open_survey),
        True,
    ),
    "survey_thanks": (lambda w: f"{base(w)}/enkater/{w.open_survey.pk}/tack/", None, True),
    "results": (lambda w: f"{base(w)}/enkater/{w.open_survey.pk}/resultat/", None, True),
    "results_csv": (lambda w: f"{base(w)}/enkater/{w.open_survey.pk}/resultat.csv", None, True),
    "queue": (lambda w: f"{office(w)}/", None, False),
    "moderate": (
        lambda w: f"{office(w)}/synpunkter/{w.waiting.pk}/",
        lambda w: {"decision": "approve", "version": w.waiting.version},
        False,
    ),
    "settings": (
        lambda w: f"{office(w)}/installningar/",
        lambda w: {"comments_open": "on", "moderation": "after", "version": 0},
        False,
    ),
    "survey_list": (lambda w: f"{office(w)}/enkater/", None, False),
    "survey_new": (lambda w: f"{office(w)}/enkater/ny/", lambda w: survey_form_data(), False),
    "survey_edit": (
        lambda w: f"{office(w)}/enkater/{w.draft_survey.pk}/",
        lambda w: survey_form_data("Ändrad", version=w.draft_survey.version),
        False,
    ),
    "survey_state": (
        lambda w: f"{office(w)}/enkater/{w.draft_survey.pk}/publicering/",
        lambda w: {"state": "published", "version": w.draft_survey.version},
        False,
    ),
    "free_text": (
        lambda w: f"{office(w)}/enkater/{w.open_survey.pk}/fritext/",
        lambda w: {"answer": w.text_answer.pk},
        False,
    ),
}
POST_ONLY = {"survey_state"}


def expected(view, method, persona, *, draft):
    """What the persona gets: see the module's docstring."""
    public = VIEWS[view][2]
    if view == "survey_state" and method == "GET":
        return LOGIN if persona == "anonymous" else "405"
    if public:
        if draft and persona not in MEMBERS:
            return NOT_FOUND
        if view == "results_csv":  # the survey is open: its results are not public yet
            return OK if persona in COORDINATORS else NOT_FOUND
        if method == "POST":
            return DENIED if draft else WRITTEN
        return OK
    if persona == "anonymous":
        return LOGIN
    if persona in COORDINATORS:
        return WRITTEN if method == "POST" else OK
    if draft and persona not in MEMBERS:
        return NOT_FOUND
    return DENIED


CASES = [
    (view, method, persona)
    for view, (_url, data, _public) in VIEWS.items()
    for method in (["GET", "POST"] if data else ["GET"])
    for persona in PERSONAS
]


def outcome(response, before):
    written = snapshot() != before
    if response.status_code == 302:
        if "/konto/logga-in/" in response["Location"]:
            return LOGIN + (" but written" if written else "")
        return "302 written" if written else "302 unchanged"
    return str(response.status_code) + (" written" if written else "")


def request(client, world, view, method, persona):
    if persona != "anonymous":
        client.force_login(world.users[persona])
    url, data, _public = VIEWS[view]
    before = snapshot()
    if method == "GET":
        response = client.get(url(world))
    else:
        response = client.post(url(world), data(world))
    return outcome(response, before)


@pytest.mark.parametrize("view, method, persona", CASES)
def test_each_persona_gets_what_its_role_allows_on_a_published_promise(
    client, world, view, method, persona
):
    assert request(client, world, view, method, persona) == expected(
        view, method, persona, draft=False
    )


@pytest.mark.parametrize("view, method, persona", CASES)
def test_a_draft_promise_shows_nothing_to_outsiders_and_takes_no_comment_or_answer(
    client, world, view, method, persona
):
    Promise.objects.filter(pk=world.promise.pk).update(status=Promise.Status.DRAFT)
    assert request(client, world, view, method, persona) == expected(
        view, method, persona, draft=True
    )


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_publish_button_takes_only_a_post(client, world, persona):
    if persona != "anonymous":
        client.force_login(world.users[persona])
    response = client.get(f"{office(world)}/enkater/{world.draft_survey.pk}/publicering/")
    assert response.status_code == (302 if persona == "anonymous" else 405)


@pytest.mark.parametrize("persona", ["dana", "frida", "erik", "rosa"])
def test_only_coordinators_see_results_before_the_survey_closes(client, world, persona):
    client.force_login(world.users[persona])
    response = client.get(f"{base(world)}/enkater/{world.open_survey.pk}/resultat/")
    assert response.context["results"] is None
    assert "published after the last day to answer" in response.content.decode()


def test_a_coordinator_of_another_promise_cannot_reach_this_ones_comments_through_his_own(
    client, world, other_promise, charlie
):
    client.force_login(charlie)
    url = f"/en/dialog/{other_promise.slug}/synpunkter/{world.waiting.pk}/"
    before = snapshot()
    assert client.get(url).status_code == 404
    data = {"decision": "approve", "version": world.waiting.version}
    assert client.post(url, data).status_code == 404
    assert snapshot() == before


def test_a_coordinator_of_another_promise_cannot_edit_this_ones_survey_through_his_own(
    client, world, other_promise, charlie
):
    client.force_login(charlie)
    before = snapshot()
    for suffix in ("", "fritext/"):
        url = f"/en/dialog/{other_promise.slug}/enkater/{world.open_survey.pk}/{suffix}"
        assert client.get(url).status_code == 404
    url = f"/en/dialog/{other_promise.slug}/enkater/{world.draft_survey.pk}/publicering/"
    data = {"state": "published", "version": world.draft_survey.version}
    assert client.post(url, data).status_code == 404
    url = f"/en/dialog/{other_promise.slug}/enkater/{world.open_survey.pk}/fritext/"
    assert client.post(url, {"answer": world.text_answer.pk}).status_code == 404
    assert snapshot() == before


def test_a_published_survey_of_another_promise_is_not_found_under_this_one(
    client, world, other_promise
):
    other = make_survey(other_promise)
    url = f"{base(world)}/enkater/{other.pk}/"
    before = snapshot()
    assert client.get(url).status_code == 404
    assert client.post(url, answer_data(other)).status_code == 404
    assert snapshot() == before


def test_a_draft_survey_is_not_found_by_residents(client, world):
    for suffix in ("", "resultat/", "resultat.csv", "tack/"):
        assert (
            client.get(f"{base(world)}/enkater/{world.draft_survey.pk}/{suffix}").status_code == 404
        )


def test_the_world_is_what_the_matrix_assumes(world):
    assert world.open_survey.accepts_answers(timezone.localdate())
    assert world.waiting.state == Comment.State.WAITING
    assert world.users["frida"].is_staff and not world.users["frida"].memberships.exists()
    assert world.users["root"].is_superuser


@pytest.mark.parametrize("view", [v for v in VIEWS if v not in POST_ONLY and v != "results_csv"])
def test_no_page_has_an_inline_script_or_style_for_a_strict_content_security_policy(
    client, world, view
):
    client.force_login(world.users["alice"])
    html = client.get(VIEWS[view][0](world)).content.decode()
    assert "<script" not in html
    assert " style=" not in html and "<style" not in html


def test_the_back_office_is_kept_by_no_one_even_when_it_sends_someone_to_log_in(client, world):
    def kept_by_no_one(response):
        return {"private", "no-store"} <= {
            d.strip() for d in response.get("Cache-Control", "").split(",")
        }

    response = client.get(f"{office(world)}/")
    assert response.status_code == 302
    assert kept_by_no_one(response)
    client.force_login(world.users["alice"])
    for view in ("queue", "moderate", "survey_edit", "free_text"):
        response = client.get(VIEWS[view][0](world))
        assert response.status_code == 200
        assert kept_by_no_one(response), view
