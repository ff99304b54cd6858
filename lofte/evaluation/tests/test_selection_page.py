import re

import pytest

from lofte.evaluation import actions
from lofte.evaluation.models import SelectionChange
from lofte.evaluation.tests import builders as b
from lofte.evaluation.tests.test_comparison import TREATED, city  # noqa: F401


@pytest.fixture
def selection(city, axel):  # noqa: F811
    areas, crimes = city
    made, _choice = actions.choose_comparison_areas(axel, areas[TREATED], crimes, b.START)
    return made


def url(selection):
    return f"/vad-fungerar/jamforelse/{selection.pk}/"


@pytest.mark.parametrize("persona", ["axel", "greta"])
def test_the_kommuns_analysts_and_coordinators_see_the_result_chart_and_reasons(
    client, request, persona, selection
):
    client.force_login(request.getfixturevalue(persona))
    html = client.get(url(selection)).content.decode()
    assert "Brott minskade med uppskattningsvis" in html
    assert "jämfört med liknande områden" in html
    assert '<svg role="img"' in html and "Siffrorna i diagrammet" in html
    assert "inte granne" in html
    assert "Skillnad-i-skillnader" in html
    assert html.count("valt enligt regeln") == 10
    # The checks: the synthetic control's change after the start, the placebo in time.
    assert re.search(r"<dd>-?\d+ % efter starten mot de viktade jämförelseområdena</dd>", html)
    assert "Ett falskt startdatum" in html


def test_an_added_area_is_kept_with_its_reason(client, axel, selection, city):  # noqa: F811
    areas, _crimes = city
    client.force_login(axel)
    chosen = set(selection.areas.values_list("area", flat=True))
    extra = next(a for a in areas.values() if a.pk not in chosen and a != areas[TREATED])
    response = client.post(url(selection), {"add": "1", "add-area": extra.pk, "add-reason": "Lik"})
    assert response.status_code == 302
    change = selection.changes.last()
    assert (change.action, change.area, change.reason, change.user) == (
        SelectionChange.Action.ADDED,
        extra,
        "Lik",
        axel,
    )
    assert "Lik" in client.get(url(selection)).content.decode()


def test_removing_an_area_without_a_reason_is_refused(client, axel, selection):
    client.force_login(axel)
    first = selection.areas.first().area
    response = client.post(url(selection), {"remove": "1", "remove-area": first.pk})
    assert response.status_code == 200
    assert selection.areas.filter(area=first).exists()
    assert not selection.changes.filter(action="removed").exists()


def test_a_page_without_enough_data_says_why_instead_of_a_number(client, axel, selection):
    selection.area.indicator_values.filter(period_label="2023").update(
        value=None, status="suppressed"
    )
    client.force_login(axel)
    html = client.get(url(selection)).content.decode()
    assert "Ingen skattning kan ges" in html
    assert "undertryckta eller saknas för 2023" in html
    assert "uppskattningsvis" not in html


@pytest.mark.parametrize("persona", ["mats", "alice", "erik", "rosa", "dana"])
def test_no_one_else_sees_or_changes_the_evaluation(client, request, persona, selection):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url(selection)).status_code == 403
    first = selection.areas.first().area
    posted = {"remove": "1", "remove-area": first.pk, "remove-reason": "Nej"}
    assert client.post(url(selection), posted).status_code == 403
    assert selection.areas.filter(area=first).exists()


def test_an_anonymous_visitor_is_asked_to_log_in(client, selection):
    response = client.get(url(selection))
    assert response.status_code == 302 and "logga-in" in response["Location"]
