import math

import numpy as np
import pytest

from lofte.evaluation import estimation as est
from lofte.evaluation.simulation import coverage, panel, rate_panel


def smooth_panel(effect, kind=est.COUNT, areas=12, periods=10, start=5, seed=1, noise=0.02):
    """A panel with little noise: the estimate must land close to the known effect."""
    rng = np.random.default_rng(seed)
    level = rng.uniform(3, 6, areas)
    city = np.linspace(0, 0.3, periods)
    series = {}
    for i in range(areas):
        treated = np.where((i == 0) & (np.arange(periods) >= start), effect, 0.0)
        log = level[i] + city + treated + rng.normal(0, noise, periods)
        if kind == est.COUNT:
            series[i] = [int(round(math.exp(v))) for v in log]
        else:
            series[i] = [float(v) for v in log]
    return est.Panel([f"{2018 + t}" for t in range(periods)], series, 0, start, kind)


def test_a_known_fall_in_counts_is_recovered_on_a_generated_panel():
    estimate = est.did(smooth_panel(-0.3))
    assert estimate.kind == est.COUNT
    assert estimate.covers(-0.3)
    assert abs(estimate.coefficient + 0.3) < 0.05
    assert estimate.is_clear and estimate.high < 0
    assert estimate.effect == pytest.approx(math.expm1(estimate.coefficient))


def test_overdispersed_counts_get_the_negative_binomial_model():
    estimate = est.did(panel(np.random.default_rng(4), -0.2))
    assert estimate.model == est.NEGATIVE_BINOMIAL
    assert estimate.dispersion > est.OVERDISPERSED
    assert estimate.alpha > 0


def test_poisson_counts_keep_the_poisson_model():
    rng = np.random.default_rng(7)
    series = {i: list(rng.poisson(40 + 5 * i, 10)) for i in range(10)}
    estimate = est.did(est.Panel(list("abcdefghij"), series, 0, 5))
    assert estimate.model == est.POISSON
    assert estimate.alpha is None


def test_a_known_difference_in_a_rate_is_recovered_by_least_squares():
    estimate = est.did(smooth_panel(1.5, kind=est.RATE))
    assert estimate.model == est.OLS
    assert estimate.covers(1.5)
    assert estimate.effect == pytest.approx(estimate.coefficient)
    assert estimate.effect_low < 1.5 < estimate.effect_high


def test_no_effect_gives_an_interval_around_zero():
    estimate = est.did(smooth_panel(0.0))
    assert estimate.covers(0.0)
    assert not estimate.is_clear


def test_it_refuses_with_too_few_periods_before_the_start():
    result = est.evaluate(smooth_panel(-0.3, periods=6, start=3))
    assert result.estimate is None
    assert [r.code for r in result.refusals] == ["too_few_before"]
    assert "3" in result.refusals[0].text()


def test_it_refuses_with_too_few_periods_after_the_start():
    result = est.evaluate(smooth_panel(-0.3, periods=6, start=5))
    assert result.estimate is None
    assert [r.code for r in result.refusals] == ["too_few_after"]


def test_it_refuses_with_too_few_comparison_areas():
    result = est.evaluate(smooth_panel(-0.3, areas=est.MIN_COMPARISON_AREAS))
    assert result.estimate is None
    assert [r.code for r in result.refusals] == ["too_few_comparisons"]


def test_it_refuses_when_the_treated_areas_values_are_suppressed():
    p = smooth_panel(-0.3)
    p.series[0][2] = None
    result = est.evaluate(p)
    assert result.estimate is None
    assert [r.code for r in result.refusals] == ["treated_unknown"]
    assert "2020" in result.refusals[0].text()


def test_a_comparison_area_with_unknown_values_is_left_out_with_its_reason():
    p = smooth_panel(-0.3)
    p.series[3][7] = None
    result = est.evaluate(p)
    assert result.estimate is not None
    assert list(result.excluded) == [3]
    assert result.excluded[3].code == "comparison_unknown"
    assert 3 not in result.panel.series


def test_leaving_out_unknown_comparison_areas_can_leave_too_few():
    p = smooth_panel(-0.3, areas=est.MIN_COMPARISON_AREAS + 1)
    p.series[2][0] = None
    result = est.evaluate(p)
    assert result.estimate is None
    assert result.refusals[0].code == "too_few_comparisons"
    assert result.refusals[0].params["excluded"] == 1


def test_an_area_that_already_diverged_before_the_start_fails_the_pre_trend_check():
    p = smooth_panel(0.0)
    p.series[0] = [round(v * math.exp(0.15 * t)) for t, v in enumerate(p.series[0])]
    trend = est.pre_trend(p)
    assert trend.is_clear
    assert trend.slope == pytest.approx(0.15, abs=0.03)


def test_parallel_areas_pass_the_pre_trend_check():
    assert not est.pre_trend(smooth_panel(-0.3)).is_clear


def test_a_false_start_date_before_the_real_one_shows_no_effect():
    p = smooth_panel(-0.3)
    placebo = est.placebo_in_time(p)
    assert placebo.n_before == 2 and placebo.n_after == 3
    assert not placebo.is_clear


def test_each_comparison_area_as_if_treated_ranks_the_real_effect():
    p = smooth_panel(-0.3)
    real = est.did(p)
    placebos = est.placebo_in_space(p, real)
    assert [x.area for x in placebos.placebos] == p.comparisons
    assert all(x.estimate and x.estimate.covers(0.0) for x in placebos.placebos)
    # The real fall is larger than every placebo's: the smallest rank there is.
    assert placebos.rank_p == pytest.approx(1 / len(p.series))


def test_the_synthetic_control_finds_the_mix_of_areas_the_treated_one_is_made_of():
    rng = np.random.default_rng(2)
    donors = {i: list(rng.uniform(50, 150, 10)) for i in range(1, 7)}
    treated = [0.3 * a + 0.7 * b for a, b in zip(donors[2], donors[5], strict=True)]
    treated = treated[:6] + [v * 0.8 for v in treated[6:]]
    p = est.Panel([str(t) for t in range(10)], {0: treated, **donors}, 0, 6)
    synthetic, refusal = est.synthetic_control(p)
    assert refusal is None
    assert synthetic.weights == pytest.approx({2: 0.3, 5: 0.7}, abs=0.01)
    assert synthetic.pre_rmspe < 0.5
    assert synthetic.relative == pytest.approx(-0.2, abs=0.01)


def test_the_synthetic_control_refuses_with_too_few_comparison_areas():
    p = smooth_panel(-0.3, areas=est.MIN_SYNTHETIC_CONTROL_AREAS)
    synthetic, refusal = est.synthetic_control(p)
    assert synthetic is None
    assert refusal.code == "too_few_for_synthetic"


def test_the_weighted_displacement_difference_matches_a_hand_computation():
    # ΔT = 80 − 100 = −20, ΔC = 95 − 90 = 5, ΔD = 55 − 50 = 5, ΔCD = 42 − 40 = 2:
    # WDD = −20 − 5 + 5 − 2 = −22; variance = the sum of all eight counts = 552.
    result = est.wdd((100, 80), (90, 95), (50, 55), (40, 42))
    assert result.wdd == -22
    assert result.variance == 552
    assert result.se == pytest.approx(23.4947, abs=1e-4)
    assert result.z == pytest.approx(-0.93638, abs=1e-4)
    assert result.low == pytest.approx(-22 - 1.959964 * 23.4947, abs=1e-3)
    assert result.p_value == pytest.approx(0.3491, abs=1e-3)


def test_evaluate_gives_every_check_for_a_panel_that_can_carry_a_conclusion():
    result = est.evaluate(smooth_panel(-0.3))
    assert result.refusals == []
    assert result.estimate.covers(-0.3)
    assert result.pre_trend is not None
    assert result.time_placebo is not None and result.time_placebo_start == 2
    assert len(result.space_placebos.placebos) == 11
    assert result.synthetic is not None


def test_the_95_interval_covers_known_effects_in_a_small_simulation():
    # The full proof (≥200 panels, bounds 90–99 %) is benchmarks/evaluation_coverage.
    result = coverage(sims=60, seed=11)
    assert 0.85 <= result.coverage <= 1.0
    assert result.false_positive_rate <= 0.15
    assert result.zero_effect_sims == 24
    assert result.seconds < 20


def test_the_95_interval_of_a_rate_covers_known_differences_in_a_small_simulation():
    result = coverage(sims=60, seed=12, effects=(0.0, 0.0, -2.0, 3.0, -5.0), make=rate_panel)
    assert 0.85 <= result.coverage <= 1.0
    assert result.false_positive_rate <= 0.15
