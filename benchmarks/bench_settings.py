"""Settings for the benchmark: Löfte's own settings with a URLconf that adds one yardstick view."""

from lofte.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.bench_urls"
