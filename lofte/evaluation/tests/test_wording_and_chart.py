import math

import pytest
from lxml import etree

from lofte.evaluation import estimation as est
from lofte.evaluation import wording
from lofte.evaluation.charts import comparison_line, outcome_chart
from lofte.evaluation.tests.test_estimation import smooth_panel


def estimate(effect, low, high, kind=est.COUNT):
    """An Estimate whose readable effect and interval are the given ones."""
    scale = (lambda v: math.log1p(v)) if kind == est.COUNT else (lambda v: v)
    return est.Estimate(kind, est.OLS, scale(effect), 0.1, scale(low), scale(high), 0.2, 10, 6, 4)


def test_the_result_reads_as_a_sentence_in_swedish():
    text = wording.result_text(estimate(-0.12, -0.25, 0.03), "anmälda brott", language="sv")
    assert text == (
        "Anmälda brott minskade med uppskattningsvis 12 % (95 % intervall −25 % till +3 %) "
        "jämfört med liknande områden: inte tydligt skilt från ingen förändring."
    )


def test_the_result_reads_as_a_sentence_in_english():
    text = wording.result_text(estimate(-0.12, -0.25, 0.03), "reported crimes", language="en")
    assert text == (
        "Reported crimes fell by an estimated 12 % (95 % interval −25 % to +3 %) "
        "compared with similar areas: not clearly different from no change."
    )


def test_a_clear_rise_in_a_rate_is_said_in_its_unit():
    rise = estimate(2.5, 1.0, 4.0, kind=est.RATE)
    text = wording.result_text(rise, "andel otrygga", unit="procentenheter", language="sv")
    assert text.startswith("Andel otrygga ökade med uppskattningsvis 2,5 procentenheter")
    assert "+1,0 procentenheter till +4,0 procentenheter" in text
    assert text.endswith("tydligt skilt från ingen förändring.")


def test_a_change_in_a_share_in_per_cent_is_said_in_percentage_points():
    fall = estimate(-2.1, -3.0, -1.2, kind=est.RATE)
    swedish = wording.result_text(fall, "andel med hög frånvaro", unit="%", language="sv")
    assert swedish.startswith(
        "Andel med hög frånvaro minskade med uppskattningsvis 2,1 procentenheter"
    )
    english = wording.result_text(fall, "share with high absence", unit="%", language="en")
    assert "by an estimated 2.1 percentage points" in english
    assert " %" not in english.split("interval", 1)[0].replace("95 %", "")


def test_a_refusal_is_said_in_words_not_numbers(swedish):
    result = est.evaluate(smooth_panel(-0.3, periods=6, start=3))
    assert result.refusals[0].text() == (
        "Bara 3 perioder före starten; minst 4 behövs för att jämföra trender."
    )


def test_the_method_is_written_out_for_the_model_used(swedish):
    text = wording.method_text(est.did(smooth_panel(-0.3)))
    assert "Skillnad-i-skillnader" in text
    assert "Conley & Taber" in text


def test_the_chart_draws_the_area_against_similar_areas_with_a_table():
    panel = smooth_panel(-0.3)
    result = est.evaluate(panel)
    svg, rows = outcome_chart(result, "Brott", "utfall")
    tree = etree.fromstring(svg.encode())
    assert tree.get("role") == "img"
    assert len(tree.findall("{http://www.w3.org/2000/svg}polyline")) == 3
    assert [r.period for r in rows] == panel.periods
    assert rows[0].treated == panel.series[0][0]
    # Before the start the comparison line is brought to the area's own level.
    before = rows[: panel.start]
    assert sum(r.comparison for r in before) == pytest.approx(sum(r.treated for r in before))


def test_the_comparison_line_leaves_gaps_where_nothing_is_known():
    panel = est.Panel(["a", "b", "c"], {0: [10, 10, 10], 1: [5, None, 5]}, 0, 1)
    assert comparison_line(panel) == [10, None, 10]
