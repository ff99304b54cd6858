"""The subscription limit holds across gunicorn workers, counted in the shared store.

Each worker is its own process: a count kept in a worker's memory lets every worker take its
own five. The site runs here as in production (DEBUG off), on a database made by `migrate`
(a fresh SQLite file, or a fresh database on the suite's PostgreSQL server) and on Redis when
the suite has REDIS_URL.
"""

import http.client
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[3]
HOST = "127.0.0.1"
SUBSCRIBE = "/medborgarloften/testby/prenumerera/"
POSTS, CLIENTS, LIMIT = 200, 20, 5


def _postgres_url():
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The environment of a production-like site with a migrated database holding `testby`."""
    run = secrets.token_hex(6)
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "TEST_DATABASE_NAME", "DJANGO_SETTINGS_MODULE")
    }
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        DEBUG="0",
        HTTPS="0",
        ALLOWED_HOSTS=HOST,
        CACHE_KEY_PREFIX=f"lofte-workers-{run}",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    pg = _postgres_url()
    if pg:
        import psycopg

        name = f"lofte_workers_{run}"
        server = pg.replace("postgres://", "postgresql://", 1)
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = urlunsplit(urlsplit(pg)._replace(path=f"/{name}"))
    else:
        env["DATABASE_URL"] = f"sqlite:///{tmp_path_factory.mktemp('site') / 'lofte.sqlite3'}"
    lofte = [sys.executable, "-m", "lofte"]
    subprocess.run([*lofte, "migrate", "-v", "0"], env=env, cwd=ROOT, check=True)
    make = "from lofte.testing import make_promise; make_promise('testby')"
    subprocess.run([*lofte, "shell", "-v", "0", "-c", make], env=env, cwd=ROOT, check=True)
    yield env
    if pg:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
    if os.environ.get("REDIS_URL"):
        import redis

        client = redis.Redis.from_url(os.environ["REDIS_URL"])
        keys = list(client.scan_iter(f"{env['CACHE_KEY_PREFIX']}:*"))
        if keys:
            client.delete(*keys)


def test_migrate_makes_the_database_cache_table_unless_the_cache_is_redis(site):
    code = (
        "from django.db import connection; "
        "print('lofte_cache' in connection.introspection.table_names())"
    )
    out = subprocess.run(
        [sys.executable, "-m", "lofte", "shell", "-v", "0", "-c", code],
        env=site,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert out.strip() == str(not site.get("REDIS_URL"))


def free_port():
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def request(port, method, path, body=None, headers=None):
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.getheader("Set-Cookie") or "", response.read().decode()
    finally:
        conn.close()


@pytest.fixture
def gunicorn(site, tmp_path):
    """Serve the site with two sync gunicorn workers; return the port and the log's path."""
    port = free_port()
    log = open(tmp_path / "gunicorn.log", "w")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "lofte.wsgi:application",
            "--bind", f"{HOST}:{port}", "--workers", "2", "--worker-class", "sync",
            "--no-control-socket", "--log-level", "warning",
        ],
        env=site, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while True:
            assert server.poll() is None, (tmp_path / "gunicorn.log").read_text()
            try:
                if request(port, "GET", "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "gunicorn did not answer /healthz"
            time.sleep(0.2)
        yield port, tmp_path / "gunicorn.log"
    finally:
        server.send_signal(signal.SIGQUIT)  # gunicorn's quick shutdown
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def test_two_hundred_concurrent_subscriptions_through_two_workers_let_five_through(gunicorn):
    port, log = gunicorn
    status, cookie, html = request(port, "GET", SUBSCRIBE)
    assert status == 200
    csrf_cookie = re.search(r"csrftoken=([^;]+)", cookie).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={csrf_cookie}",
    }

    def subscribe(i):
        body = urlencode({"csrfmiddlewaretoken": token, "email": f"n{i}@example.se"})
        return request(port, "POST", SUBSCRIBE, body, headers)[0]

    with ThreadPoolExecutor(CLIENTS) as pool:
        statuses = list(pool.map(subscribe, range(POSTS)))
    errors = [line for line in log.read_text().splitlines() if "Too Many Requests" not in line]
    assert sorted(set(statuses)) == [200, 429], "\n".join(errors[-40:])
    assert statuses.count(200) == LIMIT
    assert settings.REDIS_URL == os.environ.get("REDIS_URL", "")
