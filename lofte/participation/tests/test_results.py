"""Survey results are published as aggregates once the survey has closed, with small counts
hidden so that no hidden count can be worked out from what is shown."""

import csv
import io
import random

import pytest

from lofte.participation.actions import submit_response
from lofte.participation.charts import share_bars
from lofte.participation.models import Choice, Question
from lofte.participation.results import median, survey_results
from lofte.participation.tests.conftest import make_survey
from lofte.suppression import suppress_row

pytestmark = pytest.mark.django_db


# The rule for one row of counts ---------------------------------------------------------------


def rows(length, total):
    """Every row of `length` counts adding up to `total`."""
    if length == 1:
        yield (total,)
        return
    for first in range(total + 1):
        for rest in rows(length - 1, total - first):
            yield (first, *rest)


def derivable(row, hidden):
    """Return the hidden positions whose count someone could work out from the shown counts and
    the total (which is published): every row that agrees with what is shown has the same
    count there. A zero is shown unless everything is hidden, so a hidden count is known to be
    at least 1 unless everything is hidden."""
    shown = {i: n for i, n in enumerate(row) if i not in hidden}
    low = 0 if len(hidden) == len(row) else 1
    possible = {i: set() for i in hidden}
    for candidate in rows(len(row), sum(row)):
        if all(candidate[i] == n for i, n in shown.items()) and all(
            candidate[i] >= low for i in hidden
        ):
            for i in hidden:
                possible[i].add(candidate[i])
    return sorted(i for i, values in possible.items() if len(values) < 2)


@pytest.mark.parametrize("threshold", [2, 3, 5])
@pytest.mark.parametrize("length", [2, 3, 4])
def test_no_hidden_count_of_any_small_row_can_be_worked_out(threshold, length):
    checked = 0
    for total in range(threshold, 13):
        for row in rows(length, total):
            hidden = suppress_row(list(row), threshold)
            assert {i for i, n in enumerate(row) if 0 < n < threshold} <= hidden, row
            assert derivable(row, hidden) == [], (row, sorted(hidden))
            checked += 1
    assert checked > 50


def test_no_hidden_count_of_random_longer_rows_can_be_worked_out():
    chance = random.Random(20251215)
    for _ in range(300):
        row = [chance.choice([0, 0, 1, 2, 3, 4, 5, 6, 9, 14]) for _ in range(chance.randint(2, 6))]
        if sum(row) < 5 or sum(row) > 16:
            continue
        hidden = suppress_row(row, 5)
        assert derivable(tuple(row), hidden) == [], (row, sorted(hidden))


@pytest.mark.parametrize(
    "row, hidden",
    [
        ([21, 24, 12, 3, 0], {3, 2}),  # the smallest shown count joins the small one
        ([10, 10, 10], set()),  # nothing small, nothing hidden
        ([1, 1, 10], {0, 1, 2}),  # two 1s add up to 2: one more is needed
        ([3, 4, 10], {0, 1}),  # two small ones hide each other
        ([0, 7, 0], set()),  # zeros are shown
        ([4, 0, 0], {0, 1, 2}),  # a small count alone with zeros: everything is hidden
        ([5, 5, 1, 5], {0, 2}),  # on a tie the first is hidden
    ],
)
def test_suppression_hides_the_small_counts_and_what_would_give_them_away(row, hidden):
    assert suppress_row(row, 5) == hidden


def test_the_threshold_is_the_setting_suppress_below(settings):
    settings.SUPPRESS_BELOW = 3
    assert suppress_row([3, 4, 10]) == set()
    settings.SUPPRESS_BELOW = 5
    assert suppress_row([3, 4, 10]) == {0, 1}


@pytest.mark.parametrize(
    "distribution, expected",
    [
        ({1: 1}, 1),
        ({1: 1, 2: 1}, 1.5),
        ({1: 2, 5: 1}, 1),
        ({2: 3, 4: 3}, 3),
        ({1: 0, 3: 4, 5: 1}, 3),
        ({}, None),
        ({1: 0}, None),
    ],
)
def test_the_median_of_a_scale(distribution, expected):
    assert median(distribution) == expected


# Results of a survey --------------------------------------------------------------------------


def answer_many(survey, answers):
    """Submit one response per item: {kind: choice indexes, a value or a text}."""
    q = {x.kind: x for x in survey.questions.all()}
    choices = {kind: list(q[kind].choices.all()) for kind in ("single", "multiple")}
    for given in answers:
        items = []
        if given.get("single") is not None:
            items.append((q["single"], [choices["single"][given["single"]].pk], None, ""))
        if given.get("multiple"):
            picked = [choices["multiple"][i].pk for i in given["multiple"]]
            items.append((q["multiple"], picked, None, ""))
        if given.get("scale") is not None:
            items.append((q["scale"], [], given["scale"], ""))
        if given.get("text"):
            items.append((q["text"], [], None, given["text"]))
        submit_response(survey, items)


@pytest.fixture
def closed(promise):
    """A closed survey of 20 responses: small counts in every kind of question."""
    survey = make_survey(promise, opens=-30, closes=-1)
    answers = (
        [{"single": 0, "multiple": [0, 1], "scale": 5, "text": "Mer ljus."}] * 3
        + [{"single": 1, "multiple": [0, 1], "scale": 4}] * 12
        + [{"single": 1, "multiple": [0], "scale": 3}] * 3
        + [{"multiple": [0, 2], "scale": 2}] * 2
    )
    answer_many(survey, answers)
    return survey


def cells(results, number):
    return [(c.label, c.count, c.percent) for c in results.questions[number - 1].cells]


def test_results_count_and_share_every_answer_and_hide_the_small_ones(closed):
    results = survey_results(closed)
    assert (results.respondents, results.enough) == (20, True)
    # One choice: 3, 15, 0 and 2 without an answer; 3 and 2 are small and hide each other.
    assert cells(results, 1) == [
        ("Varje dag", None, None),
        ("Ibland", 15, 75),
        ("Aldrig", 0, 0),
        ("inget svar", None, None),
    ]
    # Several choices: 20 chose "Torget", so 0 did not; 15 "Parken"; 2 "Hållplatsen" hidden.
    assert cells(results, 2) == [
        ("Torget", 20, 100),
        ("Parken", 15, 75),
        ("Hållplatsen", None, None),
    ]
    # The scale: 2 of "2" and 3 of "3" are small; 3 of "5" is small too.
    assert cells(results, 3) == [
        ("1 – Mycket otrygg", 0, 0),
        ("2", None, None),
        ("3", None, None),
        ("4", 12, 60),
        ("5 – Mycket trygg", None, None),
        ("inget svar", 0, 0),
    ]
    assert results.questions[2].median_hidden and results.questions[2].median is None
    # Free text: 3 answered in words, 17 did not; only the count, never the words.
    assert cells(results, 4) == [("svarade med egna ord", None, None), ("inget svar", None, None)]


def test_an_option_chosen_by_all_but_a_few_is_hidden_too(promise):
    survey = make_survey(promise, opens=-30, closes=-1)
    answer_many(
        survey, [{"multiple": [0, 1], "scale": 3}] * 8 + [{"multiple": [1], "scale": 3}] * 2
    )
    results = survey_results(survey)
    # 8 of 10 chose "Torget": the 2 who did not are as telling as 2 who did.
    assert cells(results, 2)[0] == ("Torget", None, None)
    assert cells(results, 2)[1] == ("Parken", 10, 100)


def test_the_median_is_shown_when_nothing_of_the_scale_is_hidden(promise):
    survey = make_survey(promise, opens=-30, closes=-1)
    answer_many(survey, [{"scale": 2}] * 5 + [{"scale": 4}] * 6)
    results = survey_results(survey)
    assert results.questions[2].median == 4
    assert not results.questions[2].median_hidden


def test_nothing_is_published_before_the_threshold_is_reached(client, promise, settings):
    survey = make_survey(promise, opens=-30, closes=-1)
    answer_many(survey, [{"scale": 3}] * 4)
    results = survey_results(survey)
    assert (results.respondents, results.enough, results.questions) == (4, False, [])
    html = client.get(f"/en/medborgarloften/testby/enkater/{survey.pk}/resultat/").content.decode()
    assert "Fewer than 5 people have answered" in html
    assert "<svg" not in html
    rows_ = read_csv(client, survey)
    assert rows_[1][3] == ".."
    assert len(rows_) == 2
    settings.SUPPRESS_BELOW = 4
    assert survey_results(survey).enough


def test_no_hidden_count_of_a_random_survey_can_be_worked_out_from_its_page(promise):
    """The property at the level of what a survey publishes: every question's row, rebuilt
    from the page's numbers and the respondents, gives no hidden count away."""
    chance = random.Random(7)
    for _round in range(6):
        survey = make_survey(promise, opens=-30, closes=-1, title=f"Enkät {_round}")
        n = chance.randint(5, 14)
        answer_many(
            survey,
            [
                {
                    "single": chance.choice([0, 1, 1, 2, None]),
                    "multiple": [i for i in range(3) if chance.random() < 0.5],
                    "scale": chance.choice([1, 2, 3, 3, 4, 4, 5, None]),
                    "text": chance.choice(["", "Ja."]),
                }
                for _ in range(n)
            ],
        )
        results = survey_results(survey, below=4)
        truth = true_rows(survey, n)
        for q, true in zip(results.questions, truth, strict=True):
            if q.question.kind == Question.Kind.MULTIPLE:
                for cell, count in zip(q.cells, true, strict=True):
                    row = (count, n - count)
                    hidden = {0, 1} if cell.hidden else set()
                    assert derivable(row, hidden) == []
            else:
                hidden = {i for i, cell in enumerate(q.cells) if cell.hidden}
                assert [c.count for c in q.cells if not c.hidden] == [
                    true[i] for i in range(len(true)) if i not in hidden
                ]
                assert derivable(tuple(true), hidden) == [], (q.question.kind, true, hidden)


def true_rows(survey, respondents):
    """The unsuppressed counts of each question, as the results rows are built."""
    found = []
    for q in survey.questions.all():
        answers = q.answers.all()
        if q.kind == "multiple":
            found.append([answers.filter(choice=c).count() for c in q.choices.all()])
            continue
        if q.kind == "single":
            row = [answers.filter(choice=c).count() for c in q.choices.all()]
        elif q.kind == "scale":
            row = [answers.filter(value=v).count() for v in range(1, 6)]
        else:
            row = [answers.count()]
        found.append([*row, respondents - sum(row)])
    return found


def read_csv(client, survey):
    response = client.get(f"/en/medborgarloften/testby/enkater/{survey.pk}/resultat.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_the_page_and_the_csv_show_the_same_numbers(client, closed):
    page = client.get(f"/en/medborgarloften/testby/enkater/{closed.pk}/resultat/")
    assert page.status_code == 200
    shown = [
        (q.number, c.label, c.count) for q in page.context["results"].questions for c in q.cells
    ]
    rows_ = read_csv(client, closed)
    assert rows_[0] == ["question no.", "question", "answer", "count", "share (%)"]
    assert rows_[1] == ["", "respondents", "", "20", ""]
    from_csv = [
        (int(r[0]), r[2], None if r[3] == ".." else int(r[3]))
        for r in rows_[2:]
        if r[2] != "median"
    ]
    assert from_csv == shown
    assert ["3", "Hur trygg känner du dig?", "median", "..", ""] in rows_


def test_the_results_page_draws_a_chart_with_its_numbers_in_a_table(client, closed):
    html = client.get(f"/en/medborgarloften/testby/enkater/{closed.pk}/resultat/").content.decode()
    assert html.count('<svg role="img"') == 4
    assert '<desc id="question-1-chart-desc">Varje dag: hidden; Ibland: 75% (15)' in html
    assert '<th scope="row">Ibland</th><td>15</td><td>75%</td>' in html
    assert "Mer ljus." not in html  # the words are never published
    assert "The median is not shown, because some numbers are hidden." in html


def test_a_hidden_number_gets_no_bar():
    from lofte.participation.results import Cell

    svg = share_bars([Cell("A", None, None), Cell("B", 4, 0.5)], "c", "Titel")
    assert svg.count("<rect") == 1
    assert 'width="135.0"' in svg
    assert "dolt" in svg  # tests run in Swedish


def test_a_spreadsheet_never_runs_what_a_coordinator_wrote_as_an_option(client, promise):
    survey = make_survey(promise, opens=-30, closes=-1)
    Choice.objects.filter(label="Varje dag").update(label='=HYPERLINK("http://x.example")')
    answer_many(survey, [{"single": 0, "scale": 3}] * 6)
    rows_ = read_csv(client, survey)
    assert [
        "1",
        "Hur ofta är du ute på kvällen?",
        '\'=HYPERLINK("http://x.example")',
        "6",
        "100",
    ] in rows_


def test_the_median_in_the_csv_has_a_decimal_comma(client, promise):
    survey = make_survey(promise, opens=-30, closes=-1)
    answer_many(survey, [{"scale": 2}] * 5 + [{"scale": 3}] * 5)
    rows_ = read_csv(client, survey)
    assert ["3", "Hur trygg känner du dig?", "median", "2,5", ""] in rows_
