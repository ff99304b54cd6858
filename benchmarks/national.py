"""Löfte at national size on PostgreSQL: p50/p95/p99 and queries of its heaviest pages.

Usage: benchmarks/national [--database-url postgres://…/lofte_national_bench] [--scale 1]
       [--seed 1] [--requests 30] [--pdf-requests 8]

Creates the database if it is missing, migrates it and loads the synthetic national data set
(`lofte generate_national_data`) unless it already holds the one for this scale and seed.
Then sends each page's requests in this process through Django's test client, which runs
the whole middleware stack, and prints a line per page. The last line is `RESULT …`.
Exits 1 if a page does not answer 200 or a goal is missed. See benchmarks/README.md.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/lofte_national_bench"
PAGE_GOAL_MS = 200  # p95 of every page and the dashboard, uncached
PDF_GOAL_MS = 3000  # p95 of the follow-up report PDF


def percentile(values, share):
    """Nearest rank, as benchmarks/run does."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))]


def machine_ms():
    """Return the median time of rendering one fixed template of 2,000 rows: how fast this
    machine does Django's kind of work just now. Printed before and after the pages, so that
    runs on a busier or slower machine (this one's speed drifts 1.5-2 times within an hour)
    can be told apart from changes in the code."""
    from django.template import Context, Template

    template = Template(
        "{% for r in rows %}<tr><td>{{ r.name }}</td><td>{{ r.value|floatformat:2 }}</td>"
        "</tr>{% endfor %}"
    )
    rows = [{"name": f"rad {i}", "value": i / 7} for i in range(2000)]
    times = []
    for _ in range(11):
        started = time.perf_counter()
        template.render(Context({"rows": rows}))
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def ensure_database(url):
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--database-url", default=os.environ.get("NATIONAL_DATABASE_URL", DEFAULT_URL)
    )
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--requests", type=int, default=30, help="per page")
    parser.add_argument("--pdf-requests", type=int, default=8)
    args = parser.parse_args()
    if not args.database_url.startswith("postgres"):
        parser.error("--database-url must be a postgres:// URL")
    ensure_database(args.database_url)
    os.environ["DATABASE_URL"] = args.database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.national_settings"
    import django

    django.setup()
    from django.core.management import call_command

    from lofte.synthetic import generate

    print(f"nproc={os.cpu_count()}, load average before starting: {os.getloadavg()[0]:.2f}")
    call_command("migrate", verbosity=0)
    wanted = generate.marker(args.scale, args.seed)
    if generate.existing_marker() == wanted:
        print(f"reusing the synthetic data set ({wanted})")
        generated = "reused"
    else:
        print(f"generating the synthetic data set ({wanted}) …", flush=True)
        result = generate.generate(args.scale, args.seed, log=lambda line: print("  " + line))
        generated = f"{result.seconds['total']:.0f}"
        print(f"generated in {generated} s")
    return measure(args, generated)


def measure(args, generated):
    from django.contrib.auth import get_user_model
    from django.core.cache import caches
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from lofte.incidents.models import IncidentReport
    from lofte.kommuner.models import Kommun
    from lofte.lagesbild.models import Lagesbild
    from lofte.ops.memory import freeze
    from lofte.promises.models import FocusArea, Promise
    from lofte.synthetic.generate import PREFIX

    User = get_user_model()

    promises = list(
        Promise.objects.filter(slug__startswith=PREFIX)
        .annotate(n=Count("focus_areas__commitments"))
        .order_by("-n", "pk")
        .values_list("slug", "n", "kommun__code")
    )
    largest, typical = promises[0], promises[len(promises) // 2]
    kommun = Kommun.objects.annotate(n=Count("promises")).order_by("-n", "code").first()
    # The lägesbild with the most incident reports to map: its kommun's.
    reports = dict(
        IncidentReport.objects.filter(kommun__in=Lagesbild.objects.values("kommun"))
        .values_list("kommun")
        .annotate(n=Count("pk"))
    )
    lagesbild = max(
        Lagesbild.objects.published().order_by("pk"), key=lambda lb: reports.get(lb.kommun_id, 0)
    )
    print(
        f"largest promise {largest[0]} ({largest[1]} commitments), typical {typical[0]} "
        f"({typical[1]}), kommun {kommun.slug} ({kommun.n} promises), lägesbild in "
        f"{lagesbild.kommun.slug} ({reports.get(lagesbild.kommun_id, 0)} incident reports)"
    )
    # The largest promise lists its commitments briefly (Promise.lists_details); its largest
    # focus area is where a reader sees the most details at once.
    focus_area = (
        FocusArea.objects.filter(promise__slug=largest[0])
        .annotate(n=Count("commitments"))
        .order_by("-n", "pk")
        .first()
    )
    anonymous = Client()

    def coordinator_of(code):
        """A client logged in as the synthetic coordinator of the kommun with `code`."""
        client = Client()
        client.force_login(User.objects.get(username=f"{PREFIX}samordnare-{code}"))
        return client

    def clear():
        for alias in caches:
            caches[alias].clear()

    def run(label, client, url, n, cached=False):
        times, cpu, queries = [], [], []
        clear()
        for i in range(n + 2):  # two to warm up
            if not cached:
                clear()
            with CaptureQueriesContext(connection) as ctx:
                started, started_cpu = time.perf_counter(), time.process_time()
                response = client.get(url, secure=True)
                if getattr(response, "streaming", False):
                    b"".join(response.streaming_content)
                elapsed = (time.perf_counter() - started) * 1000
                used = (time.process_time() - started_cpu) * 1000
            if response.status_code != 200:
                print(f"{label} {url}: status {response.status_code}")
                sys.exit(1)
            if i == 1:
                # As a server worker does after its first requests (lofte.ops.memory).
                freeze()
            if i >= 2:
                times.append(elapsed)
                cpu.append(used)
                queries.append(len(ctx.captured_queries))
        row = {
            "p50": percentile(times, 0.50),
            "p95": percentile(times, 0.95),
            "p99": percentile(times, 0.99),
            "cpu_p95": percentile(cpu, 0.95),
            "queries": max(queries),
            "mean": statistics.mean(times),
        }
        print(
            f"{label:<34} {url}: n={n} p50_ms={row['p50']:.0f} p95_ms={row['p95']:.0f} "
            f"p99_ms={row['p99']:.0f} cpu_p95_ms={row['cpu_p95']:.0f} queries={row['queries']}",
            flush=True,
        )
        return row

    machine_before = machine_ms()
    print(f"machine: a fixed template of 2,000 rows renders in {machine_before:.1f} ms")
    n, pdf_n = args.requests, args.pdf_requests
    big, usual = f"/medborgarloften/{largest[0]}/", f"/medborgarloften/{typical[0]}/"
    rows = {
        "promise": run("promise (typical)", anonymous, usual, n),
        "promise_largest": run("promise (largest)", anonymous, big, n),
        "promise_focus_area": run(
            "promise (largest, one focus area)", anonymous, f"{big}?fokus={focus_area.slug}", n
        ),
        "promise_cached": run("promise cached", anonymous, big, n, cached=True),
        "dashboard": run(
            "dashboard (typical)", coordinator_of(typical[2]), f"/uppfoljning/{typical[0]}/", n
        ),
        "dashboard_largest": run(
            "dashboard (largest)", coordinator_of(largest[2]), f"/uppfoljning/{largest[0]}/", n
        ),
        "kommuner": run("national view", anonymous, "/kommuner/", n),
        "kommun": run("kommun page", anonymous, f"/kommuner/{kommun.slug}/", n),
        "lagesbild": run("lägesbild", anonymous, lagesbild.get_absolute_url(), n),
        "search": run("search", anonymous, "/sok/?q=nattvandring+torget", n),
        "pdf": run("report PDF (typical)", anonymous, f"{usual}rapport.pdf", pdf_n),
        "pdf_largest": run("report PDF (largest)", anonymous, f"{big}rapport.pdf", pdf_n),
    }
    machine_after = machine_ms()
    print(f"machine: the same template after the pages, {machine_after:.1f} ms")
    cache = rows["promise_cached"]["queries"] < rows["promise_largest"]["queries"]
    if not cache:
        print("no page cache in the middleware stack yet: cached = uncached")
    pages = [k for k in rows if not k.startswith("pdf") and k != "promise_cached"]
    slowest = max(pages, key=lambda k: rows[k]["p95"])
    pdf_p95 = max(rows["pdf"]["p95"], rows["pdf_largest"]["p95"])
    met = rows[slowest]["p95"] < PAGE_GOAL_MS and pdf_p95 < PDF_GOAL_MS
    print(
        f"goals: pages and dashboard p95 < {PAGE_GOAL_MS} ms (slowest: {slowest} "
        f"{rows[slowest]['p95']:.0f} ms), report PDF p95 < {PDF_GOAL_MS} ms "
        f"({pdf_p95:.0f} ms): {'met' if met else 'MISSED'}"
    )
    figures = " ".join(f"{k}_p95_ms={rows[k]['p95']:.0f}" for k in rows)
    queries = max(rows[k]["queries"] for k in rows if k != "promise_cached")
    print(
        f"RESULT scale={args.scale:g} generate_s={generated} {figures} "
        f"promise_cached={'yes' if cache else 'none'} max_queries={queries} "
        f"machine_before_ms={machine_before:.1f} machine_after_ms={machine_after:.1f} "
        f"goals={'met' if met else 'missed'}"
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
