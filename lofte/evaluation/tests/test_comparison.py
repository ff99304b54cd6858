import datetime

import pytest
from django.core.exceptions import PermissionDenied

from lofte.evaluation import actions, comparison
from lofte.evaluation import estimation as est
from lofte.evaluation.models import ComparisonArea, SelectionChange
from lofte.evaluation.tests import builders as b

TREATED = (1, 1)
# The eight areas around (1, 1) touch it: neighbours, never comparison areas.
AROUND = {(c, r) for c in (0, 1, 2) for r in (0, 1, 2)} - {TREATED}


@pytest.fixture
def city(goteborg):
    areas = b.grid(goteborg)
    crimes = b.indicator()
    for (c, r), area in areas.items():
        level = 100 if (c, r) == TREATED else 40 + 12 * c + 7 * r
        growth = 0.02 if (c + r) % 2 else 0.0
        effect = -0.3 if (c, r) == TREATED else 0.0
        b.values(crimes, area, b.series(level, growth, effect, wobble=0.03, seed=c + r))
    return areas, crimes


def test_the_rule_never_chooses_a_neighbour_of_the_treated_area(city):
    areas, crimes = city
    choice = comparison.choose(areas[TREATED], crimes, b.START, n=50)
    chosen = {c.area for c in choice.chosen}
    assert not chosen & {areas[k] for k in AROUND}
    assert {a for a, why in choice.left_out.items() if why == "neighbour"} == {
        areas[k] for k in AROUND
    }
    assert len(chosen) == 24 - 1 - 8


def test_a_wider_buffer_leaves_out_areas_near_but_not_touching(city):
    areas, crimes = city
    choice = comparison.choose(areas[TREATED], crimes, b.START, buffer_m=700, n=50)
    # (3, 1) is one square (about 600 m) east of the treated area's eastern neighbour.
    assert choice.left_out[areas[3, 1]] == "neighbour"
    assert areas[4, 1] in {c.area for c in choice.chosen}


def test_the_rule_ranks_areas_alike_in_level_and_trend_first(city):
    areas, crimes = city
    twin = areas[5, 3]
    crimes.values.filter(area=twin).delete()
    b.values(crimes, twin, b.series(100, 0.0, wobble=0.03, seed=4))
    choice = comparison.choose(areas[TREATED], crimes, b.START, n=3)
    assert choice.chosen[0].area == twin
    assert len(choice.chosen) == 3
    assert choice.periods == ["2016", "2017", "2018", "2019", "2020", "2021"]
    scores = [c.score for c in choice.chosen]
    assert scores == sorted(scores)


def test_an_area_with_a_suppressed_value_before_the_start_is_left_out(city):
    areas, crimes = city
    areas[4, 2].indicator_values.filter(period_label="2018").update(value=None, status="suppressed")
    choice = comparison.choose(areas[TREATED], crimes, b.START, n=50)
    assert choice.left_out[areas[4, 2]] == "unknown_before"


def test_a_different_socio_economic_type_pushes_an_area_down(city):
    areas, crimes = city
    socio = b.indicator("index", theme="socio_economic")
    for area in areas.values():
        b.values(socio, area, [3] * 10)
    twin = areas[5, 3]
    crimes.values.filter(area=twin).delete()
    b.values(crimes, twin, b.series(100, 0.0, wobble=0.03, seed=4))
    without_socio = comparison.choose(areas[TREATED], crimes, b.START, n=50)
    assert without_socio.chosen[0].area == twin
    socio.values.filter(area=twin).update(value=1)
    choice = comparison.choose(areas[TREATED], crimes, b.START, socio=socio, n=50)
    assert choice.chosen[-1].area == twin
    assert choice.chosen[-1].facts["socio"] == [1.0, 3.0]


def test_each_chosen_area_says_why_in_words(city, swedish):
    areas, crimes = city
    choice = comparison.choose(areas[TREATED], crimes, b.START, n=1)
    text = comparison.reason_text(choice.chosen[0].facts)
    assert "inte granne" in text and "km" in text
    assert "nivå före starten" in text


def test_the_analysts_changes_to_the_selection_are_all_kept(city, axel):
    areas, crimes = city
    selection, choice = actions.choose_comparison_areas(axel, areas[TREATED], crimes, b.START, n=6)
    assert selection.areas.count() == 6
    first = selection.areas.first().area
    actions.remove_comparison_area(axel, selection, first, "Nytt bostadsområde 2020.")
    actions.add_comparison_area(axel, selection, areas[5, 0], "Liknande skolor.")
    changes = list(selection.changes.values_list("action", "area_name", "reason", "user"))
    assert [c[0] for c in changes] == ["chosen"] * 6 + ["removed", "added"]
    assert changes[-2] == ("removed", first.name, "Nytt bostadsområde 2020.", axel.pk)
    assert changes[-1] == ("added", "Ruta 5-0", "Liknande skolor.", axel.pk)
    added = selection.areas.get(area=areas[5, 0])
    assert added.chosen_by == ComparisonArea.ChosenBy.ANALYST
    assert added.reason_text() == "Liknande skolor."
    # Choosing again by the rule keeps the history and says what it replaced.
    actions.choose_comparison_areas(axel, areas[TREATED], crimes, b.START, n=6)
    assert selection.changes.filter(action=SelectionChange.Action.REMOVED).count() == 7


def test_a_change_needs_a_reason(city, axel):
    areas, crimes = city
    selection, _choice = actions.choose_comparison_areas(axel, areas[TREATED], crimes, b.START)
    with pytest.raises(ValueError):
        actions.add_comparison_area(axel, selection, areas[5, 0], "  ")


def test_only_the_kommuns_coordinators_and_analysts_change_a_selection(
    city, axel, greta, mats, alice, dana
):
    areas, crimes = city
    selection, _choice = actions.choose_comparison_areas(axel, areas[TREATED], crimes, b.START)
    assert selection.can_be_changed_by(greta)
    for outsider in (mats, alice, dana):
        assert not selection.can_be_changed_by(outsider)
        with pytest.raises(PermissionDenied):
            actions.add_comparison_area(outsider, selection, areas[5, 0], "Varför inte.")


def test_a_selection_gives_a_panel_that_recovers_the_known_fall(city, axel):
    areas, crimes = city
    selection, _choice = actions.choose_comparison_areas(axel, areas[TREATED], crimes, b.START)
    panel = selection.panel()
    assert panel.periods[panel.start] == "2022"
    assert len(panel.comparisons) == 10
    result = est.evaluate(panel)
    assert result.refusals == []
    assert result.estimate.covers(-0.357) or result.estimate.covers(-0.3)
    assert result.estimate.effect == pytest.approx(-0.3, abs=0.05)


def test_a_suppressed_value_in_the_promises_area_gives_a_reason_not_a_number(city, axel):
    areas, crimes = city
    selection, _choice = actions.choose_comparison_areas(axel, areas[TREATED], crimes, b.START)
    areas[TREATED].indicator_values.filter(period_label="2023").update(
        value=None, status="suppressed"
    )
    result = selection.evaluate()
    assert result.estimate is None
    assert [r.code for r in result.refusals] == ["treated_unknown"]


def test_displacement_compares_the_ring_of_neighbours_and_gives_the_wdd(city, axel):
    areas, crimes = city
    selection, _choice = actions.choose_comparison_areas(axel, areas[TREATED], crimes, b.START)
    result = selection.displacement()
    assert set(result.ring) == {areas[k] for k in AROUND}
    assert result.evaluation.estimate is not None
    # The neighbours did not change: no displacement beyond ordinary variation.
    assert not result.evaluation.estimate.is_clear
    assert result.wdd is not None and result.wdd.wdd < 0


def test_areas_drawn_after_the_start_are_compared_on_their_first_day(city):
    areas, crimes = city
    from lofte.areas.models import AreaBoundary

    AreaBoundary.objects.update(valid_from=datetime.date(2025, 1, 1))
    choice = comparison.choose(areas[TREATED], crimes, b.START, n=50)
    assert len(choice.chosen) == 24 - 1 - 8
    assert "no_boundary" not in choice.left_out.values()
