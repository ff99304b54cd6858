"""The analyst edits the lägesbild and its problems: clear errors, and a concurrent save is
never silently overwritten."""

import pytest

from lofte.lagesbild.models import Lagesbild, Problem
from lofte.promises.models import Commitment

pytestmark = pytest.mark.django_db


def form(lb, **changes):
    data = {
        "title": lb.title,
        "area": lb.area_id,
        "period_start": lb.period_start.isoformat(),
        "period_end": lb.period_end.isoformat(),
        "status": lb.status,
        "other_information": lb.other_information,
        "analysis": lb.analysis,
        "version": lb.version,
    }
    return data | changes


def test_the_analyst_writes_the_analysis_and_publishes(client, axel, draft_lb):
    client.force_login(axel)
    url = f"/kommun/goteborg/lagesbild/{draft_lb.pk}/redigera/"
    response = client.post(url, form(draft_lb, analysis="Ny analys.", status="published"))
    assert response.status_code == 302
    draft_lb.refresh_from_db()
    assert draft_lb.analysis == "Ny analys."
    assert draft_lb.is_public and draft_lb.published_at is not None
    assert draft_lb.updated_by == axel and draft_lb.version == 2


def test_a_stale_form_is_refused_with_a_409_and_keeps_the_input(client, axel, greta, draft_lb):
    url = f"/kommun/goteborg/lagesbild/{draft_lb.pk}/redigera/"
    client.force_login(greta)
    assert client.post(url, form(draft_lb, analysis="Gretas analys.")).status_code == 302
    client.force_login(axel)
    response = client.post(url, form(draft_lb, analysis="Axels analys."))  # version 1: stale
    assert response.status_code == 409
    assert "Axels analys." in response.content.decode()
    assert "Någon annan" in response.content.decode() or "Someone else" in response.content.decode()
    assert Lagesbild.objects.get(pk=draft_lb.pk).analysis == "Gretas analys."


def test_bad_input_gets_clear_errors_not_a_500(client, axel, draft_lb, mats):
    client.force_login(axel)
    url = f"/kommun/goteborg/lagesbild/{draft_lb.pk}/redigera/"
    response = client.post(url, form(draft_lb, period_end="2024-01-01", title=""))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert Lagesbild.objects.get(pk=draft_lb.pk).title == "Lägesbild testby"
    # An area of another kommun is not a choice.
    from lofte.areas.models import Area

    malmo_area = Area.objects.create(
        name="Rosengård", kind="own", kommun=mats.kommun_memberships.get().kommun
    )
    response = client.post(url, form(draft_lb, area=malmo_area.pk))
    assert response.status_code == 400
    assert Lagesbild.objects.get(pk=draft_lb.pk).area_id == draft_lb.area_id


def test_a_problem_is_linked_to_the_kommuns_commitments_only(
    client, axel, draft_lb, promise, other_promise
):
    client.force_login(axel)
    ours = promise.commitments().first()
    theirs = other_promise.commitments().first()
    url = f"/kommun/goteborg/lagesbild/{draft_lb.pk}/problem/ny/"
    response = client.post(url, {"order": 2, "title": "Klotter", "commitments": [theirs.pk]})
    assert response.status_code == 400
    response = client.post(url, {"order": 2, "title": "Klotter", "commitments": [ours.pk]})
    assert response.status_code == 302
    problem = Problem.objects.get(title="Klotter")
    assert list(problem.commitments.all()) == [ours]
    assert list(Commitment.objects.filter(problems__lagesbild=draft_lb)) == [ours]


def test_a_stale_problem_form_is_refused(client, axel, greta, draft_lb):
    problem = draft_lb.problems.get()
    url = f"/kommun/goteborg/lagesbild/{draft_lb.pk}/problem/{problem.pk}/"
    client.force_login(greta)
    assert client.post(url, {"order": 1, "title": "Gretas", "version": 1}).status_code == 302
    client.force_login(axel)
    assert client.post(url, {"order": 1, "title": "Axels", "version": 1}).status_code == 409
    assert Problem.objects.get(pk=problem.pk).title == "Gretas"


def test_removing_a_problem(client, greta, draft_lb):
    problem = draft_lb.problems.get()
    client.force_login(greta)
    url = f"/kommun/goteborg/lagesbild/{draft_lb.pk}/problem/{problem.pk}/ta-bort/"
    assert client.post(url).status_code == 302
    assert not draft_lb.problems.exists()
