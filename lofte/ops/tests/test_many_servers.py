"""Two app servers behind one address share everything a person's requests need.

Two gunicorn instances on their own ports, each its own processes, on one database (a SQLite
file, or a new database on the suite's PostgreSQL server): a login made on one holds on the
other, a rate limit counted on one applies on the other, a file uploaded through one is
downloaded through the other. Twice: with the database cache and the files on a disk both
servers share; and with Redis (the suite's REDIS_URL, or the local one when it answers) and
the files in an S3 bucket (moto's server on 127.0.0.1), each server with a MEDIA_ROOT of its
own that must stay empty.
"""

import json
import os
import re
import secrets
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

import pytest

from lofte.testing import free_port, send, stop, wait_until_serving

ROOT = Path(__file__).resolve().parents[3]
CSRF = "c" * 32  # a CSRF secret: Django takes it as the form's token too
PDF = b"%PDF-1.4\n% evidence uploaded through the first server\n"
PASSWORD = "ett-langt-losenord-1"
LOCAL_REDIS = "redis://127.0.0.1:6379/0"


def build_site():
    """Run in the servers' environment: migrate, add the test promise, an editor and a period;
    print what the test needs as JSON."""
    from django.contrib.auth.models import User
    from django.core.management import call_command

    from lofte.actors.models import Organisation
    from lofte.followup.models import ReportingPeriod
    from lofte.promises.models import Membership
    from lofte.testing import make_promise

    call_command("migrate", verbosity=0)
    promise = make_promise("testby")
    period = ReportingPeriod.objects.bulk_create(ReportingPeriod.quarters_for(promise))[0]
    erik = User.objects.create_user("erik", "erik@example.se", PASSWORD)
    User.objects.create_user("greta", "greta@example.se", PASSWORD)
    User.objects.create_user("olle", "olle@example.se", PASSWORD)
    Membership.objects.create(
        user=erik,
        promise=promise,
        role=Membership.Role.EDITOR,
        organisation=Organisation.objects.get(slug="aktor-testby-0"),
    )
    commitment = promise.commitments().order_by("order").first()
    print(json.dumps({"report": f"/uppfoljning/testby/rapportera/{period.pk}/{commitment.pk}/"}))


def redis_url():
    """Return the Redis to test with: the suite's, else the local one if it answers."""
    import redis

    url = os.environ.get("REDIS_URL") or LOCAL_REDIS
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return None
    return url


@pytest.fixture(scope="module")
def s3():
    """An S3 server on 127.0.0.1 (moto) with an empty bucket; its settings for Löfte."""
    import boto3
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    settings = {
        "AWS_STORAGE_BUCKET_NAME": f"lofte-{uuid.uuid4().hex[:12]}",
        "AWS_S3_ENDPOINT_URL": f"http://127.0.0.1:{port}",
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
    }
    client = boto3.client(
        "s3",
        endpoint_url=settings["AWS_S3_ENDPOINT_URL"],
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    client.create_bucket(Bucket=settings["AWS_STORAGE_BUCKET_NAME"])
    yield settings, client
    server.stop()


def _database(run, tmp):
    """Return a DATABASE_URL for a new database and a function that drops it."""
    pg = os.environ.get("DATABASE_URL", "")
    if not pg.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{tmp / 'lofte.sqlite3'}", lambda: None
    import psycopg

    name = f"lofte_servers_{run}"
    server = pg.replace("postgres://", "postgresql://", 1)
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')

    return urlunsplit(urlsplit(pg)._replace(path=f"/{name}")), drop


@pytest.fixture(scope="module", params=["database cache, shared disk", "redis, s3"])
def servers(request, tmp_path_factory):
    """Two gunicorn instances (two workers each) of one site; yield their ports and more."""
    tmp = tmp_path_factory.mktemp("servers")
    run = secrets.token_hex(6)
    on_s3 = request.param == "redis, s3"
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "TEST_DATABASE_NAME", "REDIS_URL", "MEDIA_ROOT")
        and not key.startswith("AWS_")
    }
    database_url, drop = _database(run, tmp)
    env.update(
        DJANGO_SETTINGS_MODULE="lofte.settings",
        DATABASE_URL=database_url,
        SECRET_KEY=secrets.token_urlsafe(40),  # every server of a site has the same key
        DEBUG="0",
        HTTPS="0",
        ALLOWED_HOSTS="127.0.0.1",
        CACHE_KEY_PREFIX=f"lofte-servers-{run}",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        MEDIA_ROOT=str(tmp / "shared-media"),
    )
    bucket = None
    if on_s3:
        url = redis_url()
        if url is None:
            pytest.skip(f"no Redis answers at REDIS_URL or {LOCAL_REDIS}")
        env["REDIS_URL"] = url
        s3_settings, client = request.getfixturevalue("s3")
        env.update(s3_settings)
        bucket = (client, s3_settings["AWS_STORAGE_BUCKET_NAME"])
    built = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); "
            "from lofte.ops.tests.test_many_servers import build_site; build_site()",
        ],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    processes, ports, logs = [], [], []
    try:
        for name in ("a", "b"):
            server_env = dict(env)
            if on_s3:  # no disk in common: each server's own MEDIA_ROOT, which must stay empty
                server_env["MEDIA_ROOT"] = str(tmp / f"media-{name}")
            port = free_port()
            log = open(tmp / f"gunicorn-{name}.log", "w+")  # noqa: SIM115 - closed below
            logs.append(log)
            processes.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "gunicorn",
                        "lofte.wsgi:application",
                        f"--bind=127.0.0.1:{port}",
                        "--workers=2",
                        "--threads=2",
                        "--no-control-socket",
                        "--log-level=warning",
                    ],
                    env=server_env,
                    cwd=ROOT,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )  # fmt: skip
            )
            ports.append(port)
        for port, process in zip(ports, processes, strict=True):
            wait_until_serving(port, process)
        yield {
            "ports": ports,
            "logs": logs,
            "tmp": tmp,
            "bucket": bucket,
            "redis": env.get("REDIS_URL"),
            "prefix": env["CACHE_KEY_PREFIX"],
            **json.loads(built.stdout),
        }
    finally:
        for process in processes:
            stop(process)
        for log in logs:
            log.close()
        if env.get("REDIS_URL"):
            import redis

            client = redis.Redis.from_url(env["REDIS_URL"])
            keys = list(client.scan_iter(f"{env['CACHE_KEY_PREFIX']}:*"))
            if keys:
                client.delete(*keys)
        drop()


def post(port, path, fields, cookies="", headers=None):
    body = urlencode({"csrfmiddlewaretoken": CSRF, **fields}).encode()
    return send(
        port,
        "POST",
        path,
        body,
        {
            "Cookie": f"csrftoken={CSRF}; {cookies}",
            "Content-Type": "application/x-www-form-urlencoded",
            **(headers or {}),
        },
    )


def log_in(port, username, password=PASSWORD):
    """Log in through the login form; return the status, the session cookie and the page."""
    status, headers, body = post(
        port, "/konto/logga-in/", {"username": username, "password": password}
    )
    session = re.search(r"sessionid=([^;]+)", headers.get("Set-Cookie", ""))
    return status, session.group(1) if session else None, body.decode()


def multipart(fields, files):
    """Encode a form with files as a browser does: (body, content type)."""
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
        parts.append(f"{head}{value}\r\n".encode())
    for name, (filename, data, content_type) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'
        )
        parts.append(head.encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def no_tracebacks(servers):
    for log in servers["logs"]:
        log.seek(0)
        text = log.read()
        assert "Traceback" not in text, text[-3000:]


def test_a_login_made_on_one_server_holds_on_the_other(servers):
    a, b = servers["ports"]
    status, session, _ = log_in(a, "greta")
    assert status == 302 and session
    status, _, body = send(b, "GET", "/konto/", headers={"Cookie": f"sessionid={session}"})
    assert status == 200
    assert "greta" in body.decode()
    # Logging out on the second server ends the session on the first too.
    status, _, _ = post(b, "/konto/logga-ut/", {}, f"sessionid={session}")
    assert status == 302
    status, headers, _ = send(a, "GET", "/konto/", headers={"Cookie": f"sessionid={session}"})
    assert status == 302 and "/konto/logga-in/" in headers["Location"]
    no_tracebacks(servers)


def test_failed_logins_on_one_server_make_the_other_wait_too(servers):
    a, b = servers["ports"]
    for _ in range(5):  # the free failures for one account from one address, on the first
        status, session, _ = log_in(a, "olle", "fel-losenord")
        assert status == 200 and session is None
    # The right password, on the second server: refused with the wait.
    status, session, body = log_in(b, "olle")
    assert status == 200 and session is None
    assert "För många misslyckade inloggningar" in body
    no_tracebacks(servers)


def test_subscriptions_counted_on_both_servers_stop_at_the_one_limit(servers):
    a, b = servers["ports"]
    statuses = [
        post((a, b)[i % 2], "/medborgarloften/testby/prenumerera/", {"email": f"n{i}@x.se"})[0]
        for i in range(8)
    ]
    assert statuses == [200] * 5 + [429] * 3
    no_tracebacks(servers)


def test_a_file_uploaded_through_one_server_is_downloaded_through_the_other(servers):
    a, b = servers["ports"]
    report = servers["report"]
    status, session, _ = log_in(a, "erik")
    assert status == 302 and session
    cookies = f"sessionid={session}; csrftoken={CSRF}"
    body, content_type = multipart(
        {
            "csrfmiddlewaretoken": CSRF,
            "status": "ongoing",
            "text": "Vi har träffats tre gånger.",
            "is_publishable": "on",
            "version": "0",
            "action": "save",
        },
        {"evidence_file": ("protokoll.pdf", PDF, "application/pdf")},
    )
    status, headers, answer = send(
        a, "POST", report, body, {"Cookie": cookies, "Content-Type": content_type}
    )
    assert status == 302, answer.decode()[-2000:]
    status, _, page = send(b, "GET", report, headers={"Cookie": cookies})
    assert status == 200
    evidence = re.search(r'href="(/uppfoljning/testby/bevis/\d+/)"', page.decode()).group(1)

    status, headers, data = send(b, "GET", evidence, headers={"Cookie": cookies})
    assert status == 200 and data == PDF
    assert "protokoll.pdf" in headers["Content-Disposition"]
    # A draft's evidence is for those who report on it: a reader is sent to log in.
    status, headers, data = send(b, "GET", evidence)
    assert status == 302 and "/konto/logga-in/" in headers["Location"] and PDF not in data

    tmp = servers["tmp"]
    if servers["bucket"]:
        client, bucket = servers["bucket"]
        stored = client.list_objects_v2(Bucket=bucket)["Contents"]
        assert [o["Key"].rsplit("/", 1)[-1] for o in stored] == ["protokoll.pdf"]
        assert client.get_object(Bucket=bucket, Key=stored[0]["Key"])["Body"].read() == PDF
        grants = client.get_object_acl(Bucket=bucket, Key=stored[0]["Key"])["Grants"]
        assert not [g for g in grants if "AllUsers" in g["Grantee"].get("URI", "")]
        assert not any(p.is_file() for d in ("media-a", "media-b") for p in (tmp / d).rglob("*"))
    else:
        files = [p for p in (tmp / "shared-media").rglob("*") if p.is_file()]
        assert [p.read_bytes() for p in files] == [PDF]
    no_tracebacks(servers)
