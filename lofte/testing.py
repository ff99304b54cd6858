"""Builders for tests and benchmarks: small promises made in code, no fixtures files."""

import datetime
from itertools import cycle

from django.conf import settings
from django.core.cache import cache

from lofte.actors.models import ContactPerson, Organisation
from lofte.areas.models import Area
from lofte.kommuner.models import Kommun
from lofte.promises.models import Commitment, FocusArea, Goal, Measure, Promise


def get_kommun(code):
    """Return the Kommun with this SCB code (1480 Göteborg, 1280 Malmö), loading SCB's list
    first if a flush emptied it."""
    Kommun.objects.load()
    return Kommun.objects.get(code=code)


def make_promise(
    slug="testby",
    *,
    status=Promise.Status.PUBLISHED,
    actors=3,
    commitments=4,
    focus_areas=("Skola", "Fritid"),
    kommun=None,
):
    """Make a promise with goals, focus areas, actors, commitments and measures.

    With `kommun` (a Kommun or its SCB code) the promise and its area belong to that kommun;
    its actors stay national rows, as organisations made before kommuner owned them are.
    """
    if isinstance(kommun, str):
        kommun = get_kommun(kommun)
    area = Area.objects.create(
        name=f"Området {slug}", kind=Area.Kind.MELLANOMRADE, code=slug[:10], kommun=kommun
    )
    promise = Promise.objects.create(
        title=f"Medborgarlöfte {slug}",
        slug=slug,
        kommun=kommun,
        area=area,
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2025, 12, 31),
        status=status,
        summary=f"Ett tryggare {slug}.",
        background="Bakgrund.",
    )
    goals = [Goal.objects.create(promise=promise, title=f"Mål {i}", order=i) for i in range(1, 3)]
    areas = [
        FocusArea.objects.create(
            promise=promise, name=name, slug=name.lower(), why=f"Därför {name}.", order=i
        )
        for i, name in enumerate(focus_areas)
    ]
    kinds = cycle([k for k, _ in Organisation.Kind.choices])
    orgs = [
        Organisation.objects.create(
            name=f"Aktör {slug} {i}", slug=f"aktor-{slug}-{i}", kind=next(kinds), is_example=True
        )
        for i in range(actors)
    ]
    for i in range(commitments):
        c = Commitment.objects.create(
            focus_area=areas[i % len(areas)],
            title=f"Åtagande {i} i {slug}",
            description="Vi gör något.",
            status=Commitment.Status.ONGOING,
            order=i,
        )
        c.actors.add(orgs[i % len(orgs)], orgs[(i + 1) % len(orgs)])
        c.goals.add(goals[i % len(goals)])
        Measure.objects.create(commitment=c, name="Antal träffar", unit="st", target=10)
    contact = ContactPerson.objects.create(
        name=f"Kontakt {slug}",
        role="Kommunpolis",
        organisation=orgs[0],
        phone="000-000 00 00",
        email=f"kontakt.{slug}@example.se",
        is_press_contact=True,
        is_public=True,
    )
    promise.contacts.add(contact)
    return promise


def snapshot():
    """Return every row of every table but the sessions, which a login writes: compare two to
    show that a refused request changed nothing."""
    from django.db import connection

    tables = sorted(set(connection.introspection.django_table_names()) - {"django_session"})
    with connection.cursor() as cursor:
        rows = {}
        for table in tables:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)} ORDER BY 1")
            rows[table] = cursor.fetchall()
    return rows


def form_values(html, form_id):
    """Return what a browser would post from the form, as the test client takes it."""
    import lxml.html

    form = next(f for f in lxml.html.fromstring(html).forms if f.get("id") == form_id)
    data = {}
    for name, value in form.form_values():
        data.setdefault(name, []).append(value)
    return data


# Löfte served in another process, for tests that need a real server --------------------------


def free_port():
    """Return a TCP port on 127.0.0.1 that nothing listens on now."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def send(port, method, path, body=b"", headers=None, timeout=30):
    """Send one request to 127.0.0.1:port; return (status, {header: value}, body bytes)."""
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def wait_until_serving(port, process, seconds=60):
    """Wait until /healthz answers 200; raise if the process ends or the time runs out."""
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server ended with {process.returncode}")
        try:
            if send(port, "GET", "/healthz", timeout=2)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"nothing answered on port {port} within {seconds} s")


def stop(process):
    """End a server started with start_new_session=True, and everything it started."""
    import os
    import signal
    import subprocess

    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def shared_keys():
    """Return every key this site holds in the cache and the rate-limit counters."""
    if settings.REDIS_URL:
        import redis

        client = redis.Redis.from_url(settings.REDIS_URL)
        prefix = settings.CACHES["default"]["KEY_PREFIX"]
        return [key.decode() for key in client.scan_iter(f"{prefix}:*")]
    from django.db import connection

    from lofte.ratelimit.models import Counter

    table = connection.ops.quote_name(settings.CACHES["default"]["LOCATION"])
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT cache_key FROM {table}")  # the table is a setting, not input
        keys = [row[0] for row in cursor.fetchall()]
    return keys + list(Counter.objects.values_list("key", flat=True))


def forget_cache_and_rate_limits():
    """Empty this site's cache and rate-limit counts, as if their windows had all ended.

    In Redis only this site's keys go (its KEY_PREFIX): others may share the server.
    """
    if settings.REDIS_URL:
        import redis

        client = redis.Redis.from_url(settings.REDIS_URL)
        prefix = settings.CACHES["default"]["KEY_PREFIX"]
        keys = list(client.scan_iter(f"{prefix}:*"))
        if keys:
            client.delete(*keys)
        return
    from lofte.ratelimit.models import Counter

    cache.clear()
    Counter.objects.all().delete()


def run_background_work(worker_id="test-worker"):
    """Run every task that is due on the database queue in this process, as `lofte worker`
    does (without its connection upkeep, which would end a test's transaction); return how
    many ran. Tasks reach the queue on commit: call it after django_capture_on_commit_callbacks
    (execute=True) or in a transactional test."""
    from django_tasks_db.models import DBTaskResult

    from lofte.background.worker import make_worker

    worker = make_worker(worker_id=worker_id, batch=True)
    ran = 0
    while result := DBTaskResult.objects.ready().first():
        result.claim(worker_id)
        worker.run_task(result)
        ran += 1
    return ran
