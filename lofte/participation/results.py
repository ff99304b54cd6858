"""A survey's results as published: counts and shares per option, the scale's distribution
and median, with small counts suppressed (lofte.suppression.suppress_row).

One rule for the results page, its charts and the CSV: each is drawn from `survey_results`.

What is published, per question, is one row of counts that adds up to the number of
respondents (which is shown):
- one choice and the scale: the count per option (or point) and "no answer";
- several choices: per option, how many chose it; its row is chosen / not chosen, so an
  option chosen by all but a few is hidden as well as one chosen by only a few;
- free text: how many answered in words and "no answer"; the words are never published.
Nothing is published before `threshold()` people have answered. The median of a scale is
shown only when none of its counts is hidden: it could otherwise narrow a hidden one down.
"""

from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from lofte.participation.models import Answer, Question
from lofte.suppression import suppress_row, threshold

NO_ANSWER = _("no answer")


@dataclass
class Cell:
    """One published number: a label, its count and its share of the respondents; count and
    share are None when the number is hidden."""

    label: str
    count: int | None
    share: float | None
    is_no_answer: bool = False

    @property
    def hidden(self):
        return self.count is None

    @property
    def percent(self):
        return None if self.share is None else round(self.share * 100)


@dataclass
class QuestionResult:
    number: int
    question: Question
    cells: list
    median: float | None = None
    median_hidden: bool = False

    @property
    def has_hidden(self):
        return any(c.hidden for c in self.cells)

    @property
    def several(self):
        return self.question.kind == Question.Kind.MULTIPLE


@dataclass
class SurveyResults:
    survey: object
    respondents: int
    threshold: int
    questions: list = field(default_factory=list)

    @property
    def enough(self):
        """Whether any result is published: at least `threshold` people have answered."""
        return self.respondents >= self.threshold

    @property
    def has_hidden(self):
        return any(q.has_hidden for q in self.questions)


def survey_results(survey, questions=None, below=None):
    """Return the SurveyResults of `survey`, in three queries after its questions.

    `questions`: the survey's questions with their choices prefetched, if already fetched.
    """
    below = threshold() if below is None else below
    if questions is None:
        questions = list(survey.questions.prefetch_related("choices"))
    respondents = survey.responses.count()
    results = SurveyResults(survey, respondents, below)
    if not results.enough:
        return results
    counts = {}
    for question_id, choice_id, value, n in (
        Answer.objects.filter(question__survey=survey)
        .order_by()
        .values_list("question_id", "choice_id", "value")
        .annotate(n=Count("id"))
    ):
        counts[question_id, choice_id, value] = n
    answered = dict(
        Answer.objects.filter(question__survey=survey)
        .order_by()
        .values_list("question_id")
        .annotate(n=Count("response_id", distinct=True))
    )
    for number, q in enumerate(questions, start=1):
        results.questions.append(
            _question_result(number, q, counts, answered.get(q.pk, 0), respondents, below)
        )
    return results


def _question_result(number, question, counts, answered, respondents, below):
    if question.kind == Question.Kind.MULTIPLE:
        cells = []
        for choice in question.choices.all():
            n = counts.get((question.pk, choice.pk, None), 0)
            hidden = 0 in suppress_row([n, respondents - n], below)
            cells.append(_cell(choice.label, None if hidden else n, respondents))
        return QuestionResult(number, question, cells)

    if question.kind == Question.Kind.SINGLE:
        labels = [c.label for c in question.choices.all()]
        row = [counts.get((question.pk, c.pk, None), 0) for c in question.choices.all()]
    elif question.kind == Question.Kind.SCALE:
        labels = [label for _value, label in question.scale_points()]
        row = [counts.get((question.pk, None, v), 0) for v in Question.SCALE]
    else:
        labels = [_("answered in words")]
        row = [answered]
    row.append(respondents - answered)
    hidden = suppress_row(row, below)
    cells = [
        _cell(label, None if i in hidden else n, respondents)
        for i, (label, n) in enumerate(zip([*labels, NO_ANSWER], row, strict=True))
    ]
    cells[-1].is_no_answer = True
    result = QuestionResult(number, question, cells)
    if question.kind == Question.Kind.SCALE:
        if hidden:
            result.median_hidden = True
        else:
            result.median = median(dict(zip(Question.SCALE, row, strict=False)))
    return result


def _cell(label, count, respondents):
    share = None if count is None or not respondents else count / respondents
    return Cell(str(label), count, share)


def median(distribution):
    """Return the median of {value: count}: the mean of the two middle values when the count
    is even; None when there are no values."""
    total = sum(distribution.values())
    if not total:
        return None

    def value_at(position):  # in the values sorted, counting from 0
        seen = 0
        for value in sorted(distribution):
            seen += distribution[value]
            if position < seen:
                return value

    return (value_at((total - 1) // 2) + value_at(total // 2)) / 2


def csv_rows(results):
    """Return the rows of the results' CSV: the same numbers the page shows, ".." for a hidden
    one (as Swedish official statistics mark them)."""
    rows = [[_("question no."), _("question"), _("answer"), _("count"), _("share (%)")]]
    shown = results.respondents if results.enough or not results.respondents else ".."
    rows.append(["", _("respondents"), "", shown, ""])
    for q in results.questions:
        for cell in q.cells:
            rows.append(
                [
                    q.number,
                    q.question.text,
                    cell.label,
                    ".." if cell.hidden else cell.count,
                    ".." if cell.hidden else cell.percent,
                ]
            )
        if q.question.kind == Question.Kind.SCALE:
            shown = ".." if q.median_hidden else ("" if q.median is None else q.median)
            rows.append([q.number, q.question.text, _("median"), shown, ""])
    return rows
