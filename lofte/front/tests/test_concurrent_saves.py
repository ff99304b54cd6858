"""Twenty people saving the same thing at once, on a real server and a real SQLite file: each
gets a save or a conflict (409), never a 500 ("database is locked")."""

import json
import os
import secrets
import subprocess
import sys
import threading
from urllib.parse import urlencode

import pytest

from lofte.testing import free_port, send, stop, wait_until_serving

PEOPLE = 20
CSRF = "c" * 32  # a CSRF secret: Django takes it as the form's token too


def build_site():
    """Run in the server's environment: migrate the SQLite file, add the test promise, two of
    the cast and what each form saves, and print what the test needs as JSON."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import User
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command

    from lofte.actors.models import Organisation
    from lofte.followup.actions import save_update
    from lofte.followup.models import ReportingPeriod, Update
    from lofte.promises.models import Membership
    from lofte.testing import make_promise

    call_command("migrate", verbosity=0)
    promise = make_promise("testby")
    period = ReportingPeriod.objects.bulk_create(ReportingPeriod.quarters_for(promise))[0]
    alice = User.objects.create_user("alice", "alice@example.se", is_staff=True)
    erik = User.objects.create_user("erik", "erik@example.se")
    Membership.objects.create(user=alice, promise=promise, role=Membership.Role.COORDINATOR)
    Membership.objects.create(
        user=erik,
        promise=promise,
        role=Membership.Role.EDITOR,
        organisation=Organisation.objects.get(slug="aktor-testby-0"),
    )
    c0, c1, c2, c3 = promise.commitments().order_by("order")
    draft = save_update(
        Update(commitment=c0, period=period, status="ongoing", text="Ett"), {}, erik, 0, False
    )
    waiting = save_update(
        Update(commitment=c1, period=period, status="done", text="Två"), {}, erik, 0, True
    )

    def session(user):
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        return store.session_key

    measure = c3.measures.get()
    print(
        json.dumps(
            {
                "alice": session(alice),
                "erik": session(erik),
                "update": {
                    "url": f"/uppfoljning/testby/rapportera/{period.pk}/{c0.pk}/",
                    "version": draft.version,
                    "measure": f"measure_{c0.measures.get().pk}",
                },
                "review": {
                    "url": f"/uppfoljning/testby/granska/{waiting.pk}/",
                    "version": waiting.version,
                },
                "admin": {
                    "url": f"/admin/promises/commitment/{c3.pk}/change/",
                    "data": {
                        "focus_area": c3.focus_area_id,
                        "actors": [a.pk for a in c3.actors.all()],
                        "goals": [g.pk for g in c3.goals.all()],
                        "title": c3.title,
                        "description": c3.description,
                        "status": c3.status,
                        "order": c3.order,
                        "opened_version": c3.version,
                        "measures-TOTAL_FORMS": 1,
                        "measures-INITIAL_FORMS": 1,
                        "measures-0-id": measure.pk,
                        "measures-0-commitment": c3.pk,
                        "measures-0-name": measure.name,
                        "measures-0-unit": measure.unit,
                        "measures-0-target": "10",
                        "measures-0-higher_is_better": "on",
                    },
                },
                "import": {
                    "url": "/uppfoljning/testby/import/",
                    "period": period.pk,
                    "commitment": c2.pk,
                    "measure": c2.measures.get().pk,
                },
            }
        )
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Löfte served by gunicorn (2 processes of 10 threads) on a fresh SQLite file."""
    data = tmp_path_factory.mktemp("concurrent")
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "TEST_DATABASE_NAME")}
    env.update(
        DJANGO_SETTINGS_MODULE="lofte.settings",
        DATABASE_URL=f"sqlite:///{data / 'lofte.sqlite3'}",
        SECRET_KEY=secrets.token_urlsafe(40),
        DEBUG="0",
        HTTPS="0",
        ALLOWED_HOSTS="127.0.0.1",
        MEDIA_ROOT=str(data / "media"),
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    built = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); "
            "from lofte.front.tests.test_concurrent_saves import build_site; build_site()",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    port = free_port()
    log = open(data / "gunicorn.log", "w+")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "lofte.wsgi:application",
            f"--bind=127.0.0.1:{port}",
            "--workers=2",
            "--threads=10",
            "--preload",
            "--no-control-socket",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_until_serving(port, server)
        yield {"port": port, "log": log, **json.loads(built.stdout)}
    finally:
        stop(server)
        log.close()


def post_together(site, person, path, bodies, content_type):
    """POST each body from its own thread, all released at once; return the statuses and
    what the server logged meanwhile."""
    site["log"].seek(0, os.SEEK_END)
    logged_before = site["log"].tell()
    headers = {
        "Cookie": f"sessionid={site[person]}; csrftoken={CSRF}",
        "Content-Type": content_type,
    }
    start = threading.Barrier(len(bodies))
    statuses = [None] * len(bodies)

    def one(i):
        start.wait()
        statuses[i] = send(site["port"], "POST", path, bodies[i], headers)[0]

    threads = [threading.Thread(target=one, args=(i,)) for i in range(len(bodies))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    site["log"].seek(logged_before)
    return statuses, site["log"].read()


def form(**fields):
    return urlencode({"csrfmiddlewaretoken": CSRF, **fields}, doseq=True).encode()


URLENCODED = "application/x-www-form-urlencoded"


def assert_one_saved_and_the_rest_conflicts(answers, saved):
    statuses, log = answers
    assert sorted(statuses) == sorted([saved] + [409] * (PEOPLE - 1)), log[-3000:]
    assert "Traceback" not in log


def test_twenty_reports_of_the_same_update_save_one_and_refuse_the_rest(site):
    update = site["update"]
    bodies = [
        form(
            version=update["version"],
            action="save",
            status="ongoing",
            text=f"Skrivet av nummer {i}",
            is_publishable="on",
            **{update["measure"]: i},
        )
        for i in range(PEOPLE)
    ]
    answers = post_together(site, "erik", update["url"], bodies, URLENCODED)
    assert_one_saved_and_the_rest_conflicts(answers, 302)


def test_twenty_approvals_of_the_same_update_approve_it_once(site):
    review = site["review"]
    body = form(decision="approve", version=review["version"], comment="")
    answers = post_together(site, "alice", review["url"], [body] * PEOPLE, URLENCODED)
    assert_one_saved_and_the_rest_conflicts(answers, 302)


def test_twenty_admin_edits_of_the_same_commitment_save_one(site):
    admin = site["admin"]
    bodies = [
        form(**(admin["data"] | {"title": f"Rubrik {i}"}), _save="Spara") for i in range(PEOPLE)
    ]
    answers = post_together(site, "alice", admin["url"], bodies, URLENCODED)
    assert_one_saved_and_the_rest_conflicts(answers, 302)


def test_twenty_imports_of_the_same_file_save_it_once(site):
    imp = site["import"]
    boundary = "lofte-" + secrets.token_hex(8)

    def multipart(i):
        csv = (
            "Åtagande-id;Mått-id;Värde;Status;Vad har gjorts;Version (ändra inte)\r\n"
            f"{imp['commitment']};{imp['measure']};{i};pågår;Import nummer {i};\r\n"
        )
        fields = {"csrfmiddlewaretoken": CSRF, "period": imp["period"], "mode": "draft"}
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
            for name, value in fields.items()
        ]
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="f.csv"\r\n'
            f"Content-Type: text/csv\r\n\r\n{csv}\r\n--{boundary}--\r\n"
        )
        return "".join(parts).encode()

    bodies = [multipart(i) for i in range(PEOPLE)]
    content_type = f"multipart/form-data; boundary={boundary}"
    answers = post_together(site, "alice", imp["url"], bodies, content_type)
    assert_one_saved_and_the_rest_conflicts(answers, 200)
