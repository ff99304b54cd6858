"""A real `lofte worker` killed in the middle of mailing subscribers: another worker takes the
work up once its lease runs out, and nobody is mailed twice."""

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

SETUP = """
from lofte.followup.jobs import notify_later
from lofte.followup.models import ReportingPeriod, Subscription
from lofte.followup.tests.conftest import make_update
from lofte.testing import make_promise
from django.utils import timezone
promise = make_promise("dod")
period = ReportingPeriod.objects.bulk_create(ReportingPeriod.quarters_for(promise))[0]
update = make_update(promise.commitments().first(), period)
Subscription.objects.bulk_create(
    Subscription(promise=promise, email=f"b{i}@example.se", token=f"t{i}",
                 confirmed_at=timezone.now())
    for i in range(SUBSCRIBERS)
)
notify_later(update)
"""
SUBSCRIBERS = 20


def query(db, sql):
    """Rows of a query on the workers' database: a SQLite file, or a PostgreSQL URL."""
    if str(db).startswith("postgres"):
        import psycopg

        with psycopg.connect(str(db), autocommit=True) as c:
            return c.execute(sql).fetchall()
    with sqlite3.connect(db) as c:
        return c.execute(sql).fetchall()


def job_row(db):
    # The one notifying the subscribers (the worker's schedule starts other work beside it).
    sql = "SELECT status, attempts, reason FROM background_job WHERE kind = '%s'"
    return query(db, sql % "followup.notify_subscribers")[0]


def deliveries(db):
    return dict(query(db, "SELECT state, count(*) FROM background_delivery GROUP BY state"))


@pytest.fixture
def database(tmp_path):
    """A SQLite file; or, when the suite runs on PostgreSQL (or WORKER_TEST_POSTGRES names a
    server), a new database on that server, dropped afterwards."""
    server = os.environ.get("WORKER_TEST_POSTGRES")
    if not server and os.environ.get("DATABASE_URL", "").startswith("postgres"):
        server = os.environ["DATABASE_URL"]
    if not server:
        db = tmp_path / "lofte.sqlite3"
        yield db, f"sqlite:///{db}"
        return
    import psycopg

    name = f"lofte_worker_death_{os.getpid()}"
    with psycopg.connect(server, autocommit=True) as c:
        c.execute(f"DROP DATABASE IF EXISTS {name}")
        c.execute(f"CREATE DATABASE {name}")
    url = server.rsplit("/", 1)[0] + "/" + name
    try:
        yield url, url
    finally:
        with psycopg.connect(server, autocommit=True) as c:
            c.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def mailed(mail_dir):
    text = "".join(p.read_text() for p in Path(mail_dir).iterdir())
    return re.findall(r"^To: (\S+)$", text, re.MULTILINE)


def wait_for(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_a_killed_worker_s_job_is_finished_by_another_and_nobody_is_mailed_twice(
    tmp_path, database
):
    db, database_url = database
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "EMAIL_BACKEND": "lofte.background.tests.slow_mail.SlowBackend",
        "SLOW_MAIL_DIR": str(mail_dir),
        "LOFTE_JOB_LEASE_SECONDS": "3",
        "LOFTE_JOB_RETRY_SECONDS": "0",
        "DJANGO_SETTINGS_MODULE": "lofte.settings",
    }
    env.pop("TEST_DATABASE_NAME", None)
    run = {"env": env, "cwd": tmp_path, "check": True, "capture_output": True}
    subprocess.run([sys.executable, "-m", "lofte", "migrate", "-v0"], **run)
    setup = SETUP.replace("SUBSCRIBERS", str(SUBSCRIBERS))
    subprocess.run([sys.executable, "-m", "lofte", "shell", "-c", setup], **run)
    assert job_row(db)[0] == "queued"

    worker = ["-m", "lofte", "worker", "--interval", "0.1", "--upkeep", "0.5"]
    first = subprocess.Popen([sys.executable, *worker], env=env, cwd=tmp_path)
    try:
        assert wait_for(lambda: deliveries(db).get("sent", 0) >= 5, 60)
        first.send_signal(signal.SIGKILL)  # dies mid-send: no chance to say so
        first.wait(10)
    finally:
        first.kill()
    status, attempts, _reason = job_row(db)
    assert (status, attempts) == ("running", 1)
    sent_before = len(mailed(mail_dir))
    assert 5 <= sent_before < SUBSCRIBERS

    second = subprocess.Popen([sys.executable, *worker], env=env, cwd=tmp_path)
    try:
        assert wait_for(lambda: job_row(db)[0] == "done", 60), job_row(db)
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(20)
    status, attempts, reason = job_row(db)
    assert (status, attempts) == ("done", 2)
    assert "lease ran out" in reason
    addresses = mailed(mail_dir)
    assert len(addresses) == len(set(addresses))  # nobody twice
    # The one mail in flight when the worker died may be in doubt (recorded as sending, not
    # sent again): never twice, at most one per dead worker unsent.
    assert len(addresses) >= SUBSCRIBERS - 1
    states = deliveries(db)
    assert states.get("sent", 0) == len(addresses)
    assert states.get("sent", 0) + states.get("sending", 0) == SUBSCRIBERS
