"""Coordinators build short surveys; residents answer them without an account, once per
browser; answers in free text are read by coordinators and never published."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from lofte.history.models import Change
from lofte.participation.actions import SurveyLocked, save_survey, submit_response
from lofte.participation.models import Answer, Question, Response, Survey
from lofte.participation.tests.conftest import answer_data, make_survey, survey_form_data
from lofte.promises.models import Promise

pytestmark = pytest.mark.django_db

NEW = "/en/dialog/testby/enkater/ny/"


@pytest.fixture
def as_alice(client, alice):
    client.force_login(alice)
    return client


def survey_url(survey, suffix=""):
    return f"/en/medborgarloften/testby/enkater/{survey.pk}/{suffix}"


# The builder ----------------------------------------------------------------------------------

EVERY_KIND = [
    {"text": "Hur ofta?", "kind": "single", "options": "Ofta\nIbland\n\nAldrig\n"},
    {"text": "Var?", "kind": "multiple", "options": "Torget\nParken", "required": True},
    {
        "text": "Hur tryggt?",
        "kind": "scale",
        "scale_low_label": "Otryggt",
        "scale_high_label": "Tryggt",
    },
    {"text": "Något mer?", "kind": "text", "options": "Ignoreras"},
]


def test_a_coordinator_builds_a_survey_with_every_kind_of_question(as_alice, alice, promise):
    response = as_alice.post(NEW, survey_form_data("Trygghet", EVERY_KIND))
    assert response.status_code == 302
    survey = Survey.objects.get()
    assert response["Location"] == f"/en/dialog/testby/enkater/{survey.pk}/"
    assert (survey.promise, survey.title, survey.state) == (promise, "Trygghet", "draft")
    assert (survey.opens_on, survey.closes_on) == (
        datetime.date(2026, 1, 1),
        datetime.date(2026, 12, 31),
    )
    questions = list(survey.questions.all())
    assert [(q.order, q.kind, q.text, q.required) for q in questions] == [
        (0, "single", "Hur ofta?", False),
        (1, "multiple", "Var?", True),
        (2, "scale", "Hur tryggt?", False),
        (3, "text", "Något mer?", False),
    ]
    assert [c.label for c in questions[0].choices.all()] == ["Ofta", "Ibland", "Aldrig"]
    assert not questions[3].choices.exists()
    assert (questions[2].scale_low_label, questions[2].scale_high_label) == ("Otryggt", "Tryggt")
    change = Change.objects.get(content_type=ContentType.objects.get_for_model(Survey))
    assert (change.user, change.action) == (alice, "created")


def test_the_positions_order_the_questions_and_removed_ones_go(as_alice):
    questions = [
        {"text": "Sist", "kind": "text", "ORDER": 3},
        {"text": "Borttagen", "kind": "text", "ORDER": 1, "DELETE": "on"},
        {"text": "Först", "kind": "text", "ORDER": 2},
    ]
    as_alice.post(NEW, survey_form_data(questions=questions))
    assert list(Survey.objects.get().questions.values_list("text", flat=True)) == ["Först", "Sist"]


@pytest.mark.parametrize(
    "questions, message",
    [
        ([], "En enkät behöver minst en fråga."),
        ([{"text": "Ja?", "kind": "single", "options": "Ja"}], "Ge 2 till 10 alternativ"),
        ([{"text": "Ja?", "kind": "multiple", "options": "Ja\nja"}], "Varje alternativ får"),
        ([{"text": "Ja?", "kind": "single", "options": "\n".join("abcdefghijk")}], "(nu 11)"),
        ([{"text": "Ja?", "kind": "single", "options": "a\n" + "b" * 201}], "högst 200 tecken"),
        ([{"text": "", "kind": "scale"}], "Skriv frågan."),
        ([{"text": "Ja?", "kind": "dropdown"}], "Välj ett giltigt alternativ."),
    ],
)
def test_the_builder_says_what_is_wrong_in_swedish(client, alice, questions, message):
    client.force_login(alice)
    response = client.post("/dialog/testby/enkater/ny/", survey_form_data(questions=questions))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Survey.objects.exists()


def test_a_survey_cannot_close_before_it_opens(client, alice):
    client.force_login(alice)
    data = survey_form_data(opens="2026-05-01", closes="2026-04-30")
    html = client.post("/dialog/testby/enkater/ny/", data).content.decode()
    assert "Enkäten kan inte stänga innan den öppnar." in html
    assert not Survey.objects.exists()


def test_more_than_twenty_questions_are_refused(as_alice):
    questions = [{"text": f"Fråga {i}", "kind": "text"} for i in range(21)]
    response = as_alice.post(NEW, survey_form_data(questions=questions))
    assert response.status_code == 200
    assert not Survey.objects.exists()


@pytest.mark.parametrize(
    "broken",
    [
        {"fragor-TOTAL_FORMS": "abc"},
        {"fragor-TOTAL_FORMS": "100000"},
        {"fragor-INITIAL_FORMS": "-5"},
        {"version": "x"},
        {"opens_on": "2026-13-45"},
    ],
)
def test_no_input_to_the_builder_gives_a_500(as_alice, broken):
    response = as_alice.post(NEW, survey_form_data() | broken)
    assert response.status_code in (200, 302)
    for survey in Survey.objects.all():  # what was saved is whole
        assert survey.questions.count() == 1


def test_editing_a_survey_nobody_answered_replaces_its_questions_and_history_says_so(
    as_alice, alice, promise
):
    survey = make_survey(promise, state=Survey.State.DRAFT)
    url = f"/en/dialog/testby/enkater/{survey.pk}/"
    page = as_alice.get(url)
    assert page.context["questions"].initial_form_count() == 4
    data = survey_form_data("Omdöpt", [{"text": "Bara en fråga", "kind": "text"}], version=1)
    assert as_alice.post(url, data).status_code == 302
    survey.refresh_from_db()
    assert survey.title == "Omdöpt"
    assert survey.version == 2
    assert list(survey.questions.values_list("text", flat=True)) == ["Bara en fråga"]
    change = Change.objects.get(object_id=survey.pk, user=alice, fields__has_key="questions:frågor")
    (row,) = change.field_changes()
    assert row.label == "frågor"
    assert row.old.startswith("1. Hur ofta är du ute på kvällen? (ett val) 2.")
    assert row.new == "1. Bara en fråga (fritext)"


def test_an_answered_survey_keeps_its_questions_but_its_dates_can_change(as_alice, promise):
    survey = make_survey(promise)
    submit_response(survey, [])
    url = f"/en/dialog/testby/enkater/{survey.pk}/"
    page = as_alice.get(url)
    assert page.context["questions"] is None
    assert "its questions can no longer change" in page.content.decode()
    data = survey_form_data("Nytt namn", [{"text": "Ny", "kind": "text"}], version=1)
    data["closes_on"] = "2030-01-01"
    assert as_alice.post(url, data).status_code == 302
    survey.refresh_from_db()
    assert (survey.title, survey.closes_on) == ("Nytt namn", datetime.date(2030, 1, 1))
    assert survey.questions.count() == 4


def test_an_answer_that_comes_while_the_questions_are_edited_keeps_them(alice, promise):
    survey = make_survey(promise)
    submit_response(survey, [])
    with pytest.raises(SurveyLocked):
        save_survey(
            survey,
            alice,
            1,
            [
                {
                    "text": "Ny",
                    "kind": "text",
                    "required": False,
                    "options": [],
                    "scale_low_label": "",
                    "scale_high_label": "",
                }
            ],
        )
    survey.refresh_from_db()
    assert survey.questions.count() == 4
    assert survey.version == 1


def test_two_coordinators_editing_at_once_the_second_gets_a_conflict(client, alice, bob, promise):
    survey = make_survey(promise, state=Survey.State.DRAFT)
    url = f"/en/dialog/testby/enkater/{survey.pk}/"
    client.force_login(alice)
    client.post(url, survey_form_data("Alices", version=1))
    client.force_login(bob)
    response = client.post(url, survey_form_data("Bobs", version=1))
    assert response.status_code == 409
    survey.refresh_from_db()
    assert survey.title == "Alices"


def test_publishing_and_taking_back_a_survey_nobody_answered(as_alice, promise):
    survey = make_survey(promise, state=Survey.State.DRAFT)
    url = f"/en/dialog/testby/enkater/{survey.pk}/publicering/"
    assert as_alice.post(url, {"state": "published", "version": 1}).status_code == 302
    survey.refresh_from_db()
    assert survey.state == "published"
    assert as_alice.post(url, {"state": "draft", "version": 2}).status_code == 302
    survey.refresh_from_db()
    assert survey.state == "draft"


def test_an_answered_survey_stays_published(as_alice, promise):
    survey = make_survey(promise)
    submit_response(survey, [])
    url = f"/en/dialog/testby/enkater/{survey.pk}/publicering/"
    response = as_alice.post(url, {"state": "draft", "version": 1})
    assert response.status_code == 409
    assert "it stays published" in response.content.decode()
    survey.refresh_from_db()
    assert survey.state == "published"


@pytest.mark.parametrize(
    "data", [{}, {"state": "open", "version": 1}, {"state": "draft", "version": "x"}]
)
def test_no_input_to_the_publish_button_gives_a_500(as_alice, promise, data):
    survey = make_survey(promise)
    url = f"/en/dialog/testby/enkater/{survey.pk}/publicering/"
    assert as_alice.post(url, data).status_code == 400


def test_a_survey_without_questions_cannot_be_published(as_alice, promise):
    survey = make_survey(promise, state=Survey.State.DRAFT)
    survey.questions.all().delete()
    url = f"/en/dialog/testby/enkater/{survey.pk}/publicering/"
    response = as_alice.post(url, {"state": "published", "version": 1})
    assert response.status_code == 409
    survey.refresh_from_db()
    assert survey.state == "draft"


# Answering ------------------------------------------------------------------------------------


def test_a_resident_answers_every_kind_of_question_once(client, promise):
    survey = make_survey(promise)
    response = client.post(survey_url(survey), answer_data(survey, multiple=(0, 2)))
    assert response.status_code == 302
    assert response["Location"] == survey_url(survey, "tack/")
    response_row = Response.objects.get()
    assert response_row.submitted_on == timezone.localdate()
    q = list(survey.questions.all())
    answers = {(a.question_id, a.choice_id, a.value, a.text) for a in Answer.objects.all()}
    choices = [list(x.choices.all()) for x in q[:2]]
    assert answers == {
        (q[0].pk, choices[0][0].pk, None, ""),
        (q[1].pk, choices[1][0].pk, None, ""),
        (q[1].pk, choices[1][2].pk, None, ""),
        (q[2].pk, None, 4, ""),
        (q[3].pk, None, None, "Mer ljus."),
    }
    # The same browser is thanked and not counted again.
    again = client.post(survey_url(survey), answer_data(survey))
    assert again.status_code == 409
    assert Response.objects.count() == 1
    assert "already answered" in client.get(survey_url(survey)).content.decode()


def test_the_browser_remembers_the_answer_only_until_it_closes(client, promise):
    survey = make_survey(promise)
    response = client.post(survey_url(survey), answer_data(survey))
    cookie = response.cookies["sessionid"]
    assert cookie["expires"] == "" and cookie["max-age"] == ""
    assert "already answered" in client.get(survey_url(survey)).content.decode()


def test_another_browser_may_answer_too(client, promise):
    from django.test import Client

    survey = make_survey(promise)
    client.post(survey_url(survey), answer_data(survey))
    assert Client().post(survey_url(survey), answer_data(survey)).status_code == 302
    assert Response.objects.count() == 2


def test_nothing_links_a_response_to_who_gave_it(client, promise, dana):
    client.force_login(dana)
    survey = make_survey(promise)
    client.post(survey_url(survey), answer_data(survey))
    fields = {f.name for f in Response._meta.get_fields()} | {
        f.name for f in Answer._meta.get_fields()
    }
    assert not fields & {"user", "session", "ip", "ip_address", "created_at", "submitted_at"}


def test_a_question_that_must_be_answered_says_so_in_swedish(client, promise):
    survey = make_survey(promise)
    url = f"/medborgarloften/testby/enkater/{survey.pk}/"
    response = client.post(url, answer_data(survey, scale=None))
    assert response.status_code == 200
    assert "Svara på frågan: den måste besvaras." in response.content.decode()
    assert not Response.objects.exists()


def test_questions_that_may_be_skipped_can_be_skipped(client, promise):
    survey = make_survey(promise)
    data = answer_data(survey, single=None, multiple=(), text="")
    assert client.post(survey_url(survey), data).status_code == 302
    assert list(Answer.objects.values_list("value", flat=True)) == [4]


@pytest.mark.parametrize("field, value", [("scale", "7"), ("scale", "x"), ("single", "999999")])
def test_an_answer_not_offered_is_refused(client, promise, field, value):
    survey = make_survey(promise)
    q = {x.kind: x for x in survey.questions.all()}
    data = answer_data(survey) | {f"q{q[field].pk}": value}
    assert client.post(survey_url(survey), data).status_code == 200
    assert not Response.objects.exists()


def test_an_option_of_another_question_is_refused(client, promise):
    survey = make_survey(promise)
    q = list(survey.questions.all())
    data = answer_data(survey) | {f"q{q[0].pk}": str(q[1].choices.first().pk)}
    assert client.post(survey_url(survey), data).status_code == 200
    assert not Response.objects.exists()


def test_the_honeypot_saves_no_answers_but_says_thank_you(client, promise):
    survey = make_survey(promise)
    response = client.post(survey_url(survey), answer_data(survey) | {"webbplats": "x"})
    assert response.status_code == 302
    assert not Response.objects.exists()


def test_more_than_forty_responses_from_one_client_in_ten_minutes_are_refused(promise):
    from django.test import Client

    survey = make_survey(promise)
    for _ in range(40):
        assert Client().post(survey_url(survey), answer_data(survey)).status_code == 302
    response = Client().post(survey_url(survey), answer_data(survey))
    assert response.status_code == 429
    assert "Nothing was saved" in response.content.decode()
    assert Response.objects.count() == 40


@pytest.mark.parametrize(
    "opens, closes, says",
    [(2, 10, "This survey opens on"), (-10, -1, "This survey has closed")],
)
def test_a_survey_not_open_says_so_and_takes_no_answers(client, promise, opens, closes, says):
    survey = make_survey(promise, opens=opens, closes=closes)
    html = client.get(survey_url(survey)).content.decode()
    assert says in html
    assert "Send my answers" not in html
    assert client.post(survey_url(survey), answer_data(survey)).status_code == 403
    assert not Response.objects.exists()


def test_a_survey_is_open_on_its_first_and_last_day(client, promise):
    first = make_survey(promise, opens=0, closes=3)
    last = make_survey(promise, opens=-3, closes=0)
    for survey in (first, last):
        assert client.post(survey_url(survey), answer_data(survey)).status_code == 302


def test_a_closed_survey_links_to_its_results(client, promise):
    survey = make_survey(promise, opens=-10, closes=-1)
    assert survey_url(survey, "resultat/") in client.get(survey_url(survey)).content.decode()


def test_a_survey_of_an_archived_promise_takes_no_answers(client, promise):
    survey = make_survey(promise)
    Promise.objects.filter(pk=promise.pk).update(status=Promise.Status.ARCHIVED)
    html = client.get(survey_url(survey)).content.decode()
    assert "takes no more answers" in html
    assert client.post(survey_url(survey), answer_data(survey)).status_code == 403


def test_a_coordinator_previews_a_draft_without_a_send_button(as_alice, promise):
    survey = make_survey(promise, state=Survey.State.DRAFT)
    html = as_alice.get(survey_url(survey)).content.decode()
    assert "this survey is not published" in html
    assert "Hur trygg känner du dig?" in html
    assert "Send my answers" not in html
    assert as_alice.post(survey_url(survey), answer_data(survey)).status_code == 403


def test_the_promise_page_links_to_open_surveys_only(client, promise):
    open_survey = make_survey(promise, title="Öppen enkät")
    make_survey(promise, title="Stängd enkät", opens=-20, closes=-2)
    make_survey(promise, title="Utkast", state=Survey.State.DRAFT)
    html = client.get("/en/medborgarloften/testby/").content.decode()
    assert survey_url(open_survey) in html
    assert "Stängd enkät" not in html and "Utkast" not in html
    assert "/en/medborgarloften/testby/enkater/" in html
    listing = client.get("/en/medborgarloften/testby/enkater/").content.decode()
    assert "Öppen enkät" in listing and "Stängd enkät" in listing and "Utkast" not in listing


def test_the_answer_page_groups_choices_in_fieldsets_with_legends(client, promise):
    survey = make_survey(promise)
    html = client.get(survey_url(survey)).content.decode()
    q = list(survey.questions.all())
    assert f'<fieldset id="id_q{q[0].pk}"' in html
    assert (
        '<legend>Hur trygg känner du dig? <span class="meta">(must be answered)</span></legend>'
        in html
    )
    assert "5 – Mycket trygg" in html
    assert f'<label for="id_q{q[3].pk}">Vad skulle hjälpa?</label>' in html


# Answers in free text -------------------------------------------------------------------------


def test_coordinators_read_free_text_and_remove_what_holds_personal_data(as_alice, alice, promise):
    survey = make_survey(promise)
    text_question = survey.questions.get(kind=Question.Kind.TEXT)
    submit_response(survey, [(text_question, [], None, "Ring Anna Svensson på 070-123 45 67.")])
    submit_response(survey, [(text_question, [], None, "Mer ljus i parken.")])
    url = f"/en/dialog/testby/enkater/{survey.pk}/fritext/"
    html = as_alice.get(url).content.decode()
    assert "Mer ljus i parken." in html
    assert "it seems to hold a phone number, what may be a person&#x27;s name" in html or (
        "it seems to hold a phone number, what may be a person's name" in html
    )
    answer = Answer.objects.get(text__startswith="Ring")
    assert as_alice.post(url, {"answer": answer.pk}).status_code == 302
    answer.refresh_from_db()
    assert (answer.text, answer.text_removed) == ("", True)
    change = Change.objects.get(object_id=answer.pk, content_type__model="answer")
    assert (change.user, change.fields) == (alice, {"text_removed": [False, True]})
    assert "Anna Svensson" not in repr(list(Change.objects.values_list("fields", flat=True)))
    assert "The text was removed." in as_alice.get(url).content.decode()


@pytest.mark.parametrize("answer", ["", "abc", "99999999999999999999", "0"])
def test_no_input_to_free_text_removal_gives_a_500(as_alice, promise, answer):
    survey = make_survey(promise)
    url = f"/en/dialog/testby/enkater/{survey.pk}/fritext/"
    assert as_alice.post(url, {"answer": answer}).status_code == 404


def test_an_answer_that_is_not_free_text_cannot_be_removed_there(as_alice, promise):
    survey = make_survey(promise)
    scale = survey.questions.get(kind="scale")
    submit_response(survey, [(scale, [], 3, "")])
    answer = Answer.objects.get()
    url = f"/en/dialog/testby/enkater/{survey.pk}/fritext/"
    assert as_alice.post(url, {"answer": answer.pk}).status_code == 404
