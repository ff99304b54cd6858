"""Proof that the estimates are honest: synthetic panels with a known effect.

Each panel is like a city's areas over a few years of quarters: areas of very different size
(area effects), a city-wide movement over time that is not a straight line (period effects),
and counts more spread out than Poisson's (negative binomial, overdispersion `alpha`: the
variance is μ + αμ²). One area is treated from `start` on, with a known effect on the log scale
(0: no effect). Over many panels the 95 % interval must cover the true effect in about 95 % of
them, and with no effect claim one in about 5 %.
"""

import time
from dataclasses import dataclass

import numpy as np

from lofte.evaluation.estimation import COUNT, RATE, Panel, did

EFFECTS = (0.0, 0.0, -0.1, -0.25, 0.15)  # zero twice: the false-positive rate needs many


def panel(rng, effect, areas=20, periods=12, start=6, alpha=0.15, low=15, high=250):
    """Return one synthetic count Panel with a known effect (log scale) for area 0."""
    level = np.log(rng.uniform(low, high, areas))
    city = np.cumsum(rng.normal(0, 0.08, periods))
    series = {}
    for i in range(areas):
        mu = np.exp(level[i] + city + np.where((i == 0) & (np.arange(periods) >= start), effect, 0))
        series[i] = [int(y) for y in rng.negative_binomial(1 / alpha, 1 / (1 + alpha * mu))]
    return Panel([f"P{t}" for t in range(periods)], series, 0, start, COUNT)


def rate_panel(rng, effect, areas=20, periods=12, start=6, noise=1.5):
    """Return one synthetic rate Panel (a share in per cent): area and period effects and
    normal noise, a known effect in percentage points for area 0."""
    level = rng.uniform(10, 40, areas)
    city = np.cumsum(rng.normal(0, 0.5, periods))
    series = {}
    for i in range(areas):
        treated = np.where((i == 0) & (np.arange(periods) >= start), effect, 0.0)
        values = level[i] + city + treated + rng.normal(0, noise, periods)
        series[i] = [float(v) for v in values]
    return Panel([f"P{t}" for t in range(periods)], series, 0, start, RATE)


@dataclass
class Coverage:
    sims: int
    coverage: float  # share of intervals covering the true effect
    false_positive_rate: float  # share of zero-effect panels with a clear effect
    zero_effect_sims: int
    seconds: float

    def line(self):
        return (
            f"RESULT sims={self.sims} coverage={self.coverage:.3f} "
            f"false_positive_rate={self.false_positive_rate:.3f} seconds={self.seconds:.1f}"
        )


def coverage(sims=200, seed=20240227, effects=EFFECTS, make=panel, **panel_options):
    """Run `sims` simulations of panels made by `make` and return their Coverage."""
    rng = np.random.default_rng(seed)
    began = time.monotonic()
    covered = zero = false_positives = 0
    for i in range(sims):
        effect = effects[i % len(effects)]
        estimate = did(make(rng, effect, **panel_options))
        covered += estimate.covers(effect)
        if effect == 0:
            zero += 1
            false_positives += estimate.is_clear
    false_positive_rate = false_positives / zero if zero else 0.0
    return Coverage(sims, covered / sims, false_positive_rate, zero, time.monotonic() - began)
