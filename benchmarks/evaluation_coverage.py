"""Coverage of the evaluation's 95 % intervals over synthetic panels (see the shell script).

Exits non-zero when coverage leaves 90–99 % or the false-positive rate leaves 1–10 %.
"""

import argparse
import sys

import numpy as np
import statsmodels.api as sm

from lofte.evaluation import estimation, simulation


def cluster_robust_coverage(sims, seed):
    """What cluster-robust errors by area would give (shown, not used: one treated area)."""
    rng = np.random.default_rng(seed)
    covered = 0
    for i in range(sims):
        effect = simulation.EFFECTS[i % len(simulation.EFFECTS)]
        panel = simulation.panel(rng, effect)
        after = [lambda k, t, a=panel.treated, s=panel.start: float(k == a and t >= s)]
        y, x = estimation._design(panel, after)
        groups = np.repeat(np.arange(len(panel.series)), len(panel.periods))
        fit = sm.GLM(y, x, family=sm.families.Poisson()).fit(
            cov_type="cluster", cov_kwds={"groups": groups}
        )
        covered += abs(fit.params[-1] - effect) <= 1.96 * fit.bse[-1]
    return covered / sims


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sims", type=int, default=250)
    parser.add_argument("--seed", type=int, default=20240227)
    parser.add_argument("--areas", type=int, default=20)
    parser.add_argument("--periods", type=int, default=12)
    parser.add_argument("--compare-cluster-robust", type=int, default=50, metavar="SIMS")
    args = parser.parse_args()
    if args.sims < 200:
        parser.error("--sims must be at least 200")
    if args.compare_cluster_robust:
        share = cluster_robust_coverage(args.compare_cluster_robust, args.seed)
        print(
            f"for comparison: Poisson with cluster-robust errors by area covers "
            f"{share:.2f} of {args.compare_cluster_robust} (one treated cluster: too narrow)"
        )
    result = simulation.coverage(
        args.sims, args.seed, areas=args.areas, periods=args.periods, start=args.periods // 2
    )
    print(
        f"effects {simulation.EFFECTS} (log scale), {args.areas} areas, {args.periods} periods, "
        f"{result.zero_effect_sims} panels with no effect"
    )
    print(result.line())
    ok = 0.90 <= result.coverage <= 0.99 and 0.01 <= result.false_positive_rate <= 0.10
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
