"""Every page of residents' voice runs the same number of queries with few or many comments,
questions and answers (a few more than the threshold, so that results are shown at both)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lofte.participation.actions import submit_response
from lofte.participation.models import Choice, Comment, Question
from lofte.participation.tests.conftest import make_comment, make_survey

pytestmark = pytest.mark.django_db


def count(client, url):
    ContentType.objects.clear_cache()  # the same start for both sizes
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def fill(promise, n):
    """n published and n waiting comments, half on commitments, with replies; a closed survey
    with n responses and n more questions."""
    commitments = list(promise.commitments())
    for i in range(n):
        commitment = commitments[i % len(commitments)] if i % 2 else None
        make_comment(promise, f"Publicerad {i}.", commitment=commitment, reply="Svar." * (i % 2))
        make_comment(
            promise, f"Väntar {i}.", commitment=commitment, state="waiting", published_at=None
        )
    survey = make_survey(promise, opens=-30, closes=-1)
    for i in range(n):
        q = Question.objects.create(survey=survey, order=10 + i, kind="single", text=f"Extra {i}")
        Choice.objects.bulk_create(Choice(question=q, order=j, label=f"Val {j}") for j in range(3))
    questions = list(survey.questions.prefetch_related("choices"))
    for i in range(n):
        items = []
        for q in questions:
            if q.kind in ("single", "multiple"):
                items.append((q, [c.pk for c in q.choices.all()][: 1 + i % 2], None, ""))
            elif q.kind == "scale":
                items.append((q, [], 1 + i % 5, ""))
            else:
                items.append((q, [], None, f"Svar {i}"))
        submit_response(survey, items)
    make_survey(promise, title="Öppen")
    return survey


PAGES = {
    "promise": lambda s: "/en/medborgarloften/{slug}/",
    "commitment": lambda s: "/en/medborgarloften/{slug}/ataganden/{commitment}/",
    "comments": lambda s: "/en/medborgarloften/{slug}/synpunkter/",
    "commitment comments": lambda s: (
        "/en/medborgarloften/{slug}/ataganden/{commitment}/synpunkter/"
    ),
    "surveys": lambda s: "/en/medborgarloften/{slug}/enkater/",
    "survey": lambda s: f"/en/medborgarloften/{{slug}}/enkater/{s.pk}/",
    "results": lambda s: f"/en/medborgarloften/{{slug}}/enkater/{s.pk}/resultat/",
    "results csv": lambda s: f"/en/medborgarloften/{{slug}}/enkater/{s.pk}/resultat.csv",
    "queue": lambda s: "/en/dialog/{slug}/",
    "published queue": lambda s: "/en/dialog/{slug}/?visa=published",
    "moderate": lambda s: "/en/dialog/{slug}/synpunkter/{comment}/",
    "survey list": lambda s: "/en/dialog/{slug}/enkater/",
    "survey edit": lambda s: f"/en/dialog/{{slug}}/enkater/{s.pk}/",
    "free text": lambda s: f"/en/dialog/{{slug}}/enkater/{s.pk}/fritext/",
}


@pytest.mark.parametrize("page", PAGES)
def test_a_page_runs_as_many_queries_for_six_comments_as_for_forty(client, page, root):
    from lofte.testing import make_promise

    client.force_login(root)
    counted = []
    for slug, n in (("liten", 6), ("stor", 40)):
        promise = make_promise(slug, commitments=6)
        survey = fill(promise, n)
        url = PAGES[page](survey).format(
            slug=slug,
            commitment=promise.commitments().order_by("order")[1].pk,
            comment=Comment.objects.filter(promise=promise).first().pk,
        )
        counted.append(count(client, url))
    small, large = counted
    assert small == large
    # The promise page's hooks from other apps (the lägesbild's links, the evaluation's
    # evidence) each read once more.
    assert large <= 22
