"""Many residents registering at once never get more places than the event has.

Run in a fresh process on a real SQLite file (the test database in memory cannot be shared
by threads), or on a fresh database of the suite's PostgreSQL server when DATABASE_URL names
one. Each thread has its own connection, as each worker does. `register` locks the event's
row (SELECT … FOR UPDATE on PostgreSQL; on SQLite every write transaction begins IMMEDIATE),
so the count of places it reads is the count it writes against.
"""

import json
import os
import secrets
import subprocess
import sys

PEOPLE = 16
CAPACITY = 5


def race(places_of):
    """Run in the child process: register PEOPLE at once; print the states and places taken."""
    import threading

    from django.core.management import call_command
    from django.db import connection

    from lofte.events.actions import register
    from lofte.events.models import Registration
    from lofte.events.tests.test_event_pages import FUTURE, make_event
    from lofte.testing import make_promise

    call_command("migrate", verbosity=0)
    event = make_event(make_promise("testby"), FUTURE, registration=True, capacity=CAPACITY)
    start = threading.Barrier(PEOPLE)
    errors = []

    def one(n):
        try:
            start.wait()
            register(event, f"person{n}@example.se", places_of(n))
        except Exception as error:  # the test reports every failure
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=one, args=(n,)) for n in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    states = list(Registration.objects.values_list("state", flat=True))
    print(json.dumps({"errors": errors, "states": states, "taken": event.places_taken()}))


def _run(tmp_path, places):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "TEST_DATABASE_NAME")}
    env.update(
        DJANGO_SETTINGS_MODULE="lofte.settings",
        DATABASE_URL=f"sqlite:///{tmp_path / 'lofte.sqlite3'}",
        SECRET_KEY=secrets.token_urlsafe(40),
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    postgres = os.environ.get("DATABASE_URL", "")
    if postgres.startswith(("postgres://", "postgresql://")):
        import psycopg

        name = f"lofte_race_{secrets.token_hex(6)}"
        server = postgres.replace("postgres://", "postgresql://", 1)
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = server.rsplit("/", 1)[0] + "/" + name
    code = (
        "import django; django.setup(); "
        "from lofte.events.tests.test_concurrent_registrations import race; "
        f"race(lambda n: {places})"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_sixteen_registrations_at_once_fill_five_places_and_queue_the_rest(tmp_path):
    result = _run(tmp_path, "1")

    assert result["errors"] == []
    assert result["states"].count("confirmed") == CAPACITY
    assert result["states"].count("waiting") == PEOPLE - CAPACITY
    assert result["taken"] == CAPACITY


def test_groups_registering_at_once_never_take_more_places_than_there_are(tmp_path):
    result = _run(tmp_path, "2 + n % 2")

    assert result["errors"] == []
    assert len(result["states"]) == PEOPLE
    assert 0 < result["taken"] <= CAPACITY
