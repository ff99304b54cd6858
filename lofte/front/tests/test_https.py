"""HTTPS by default without DEBUG: HSTS, the redirect, Secure cookies; and trusted proxies only.

The suite itself runs with HTTPS off (lofte/conftest.py), as the demo does; the defaults are
checked in a fresh process with the environment a deployment has.
"""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import RequestFactory

from lofte.proxies import TrustedProxyMiddleware, _networks, client_address

ROOT = Path(__file__).resolve().parents[3]
# Whatever the suite runs with, a fresh process sees only what each test gives it.
LOFTE_VARIABLES = (
    "DEBUG", "HTTPS", "DATABASE_URL", "TEST_DATABASE_NAME", "SECRET_KEY", "ALLOWED_HOSTS",
    "REDIS_URL", "TRUSTED_PROXIES", "STATIC_ROOT", "STATIC_MANIFEST", "LOFTE_DEMO",
    "CACHE_KEY_PREFIX", "DJANGO_SETTINGS_MODULE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by the browser tests for themselves
)  # fmt: skip


def lofte_env(**variables):
    env = {k: v for k, v in os.environ.items() if k not in LOFTE_VARIABLES}
    return {**env, **variables}


def settings_with(**variables):
    """Return the HTTPS settings that lofte.settings gives in a process with these variables."""
    code = (
        "import json; from lofte import settings as s; print(json.dumps([s.SECURE_SSL_REDIRECT,"
        " s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=lofte_env(**variables),
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    redirect, hsts, session_secure, csrf_secure = json.loads(out)
    return {"redirect": redirect, "hsts": hsts, "secure_cookies": session_secure and csrf_secure}


def test_without_debug_https_is_on_by_default():
    assert settings_with() == {"redirect": True, "hsts": 365 * 24 * 3600, "secure_cookies": True}


@pytest.mark.parametrize("variables", [{"HTTPS": "0"}, {"DEBUG": "1"}])
def test_https_is_off_with_https_0_as_the_demo_sets_it_or_with_debug(variables):
    assert settings_with(**variables) == {"redirect": False, "hsts": 0, "secure_cookies": False}


def readme_production_variables():
    """Return the variables the README's "Running it for real" exports, `…` made real."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Running it for real", 1)[1].split("\n## ", 1)[0]
    variables = {}
    for line in re.findall(r"^ {4}export (.+)$", section, re.M):
        for name, value in (item.split("=", 1) for item in line.split()):
            variables[name] = secrets.token_urlsafe(50) if value == "…" else value
    return variables


def test_the_deploy_check_finds_nothing_with_only_the_readmes_production_variables():
    variables = readme_production_variables()
    assert {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"} <= set(variables)
    result = subprocess.run(
        [sys.executable, "-m", "lofte", "check", "--deploy", "--fail-level", "DEBUG"],
        env=lofte_env(**variables),
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.fixture
def https(settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 365 * 24 * 3600
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    return settings


@pytest.mark.django_db
def test_plain_http_is_sent_to_https_and_https_gets_hsts(client, https):
    response = client.get("/medborgarloften/?x=1")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/medborgarloften/?x=1"
    secure = client.get("/", secure=True)
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


@pytest.mark.django_db
def test_a_health_check_over_plain_http_is_answered_not_redirected(client, https):
    assert client.get("/healthz").status_code == 200


@pytest.mark.django_db
def test_the_login_cookies_are_secure_over_https(client, https, alice):
    response = client.post(
        "/konto/logga-in/", {"username": "alice", "password": "secret-pass-1"}, secure=True
    )
    assert response.status_code == 302
    assert response.cookies["sessionid"]["secure"] is True
    assert response.cookies["csrftoken"]["secure"] is True


@pytest.fixture
def behind_proxy(https):
    https.TRUSTED_PROXIES = ["10.0.0.1"]
    https.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    return https


@pytest.mark.django_db
def test_the_trusted_proxy_may_say_the_request_came_over_https(client, behind_proxy):
    response = client.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200


@pytest.mark.django_db
def test_anyone_else_saying_https_is_still_redirected(client, behind_proxy):
    response = client.get("/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 301


PROXIES = _networks(["10.0.0.1", "10.1.0.0/16", "fd00::/8"])


@pytest.mark.parametrize(
    "forwarded_for, client",
    [
        ("203.0.113.5", "203.0.113.5"),
        # A client may send its own X-Forwarded-For: only the hop our proxy added counts.
        ("1.2.3.4, 203.0.113.5", "203.0.113.5"),
        ("203.0.113.5, 10.1.2.3", "203.0.113.5"),  # through a second proxy of ours
        ("2001:db8::7, fd00::1", "2001:db8::7"),
        ("", "10.0.0.1"),
        ("not an address", "10.0.0.1"),
        ("203.0.113.5, junk", "10.0.0.1"),
        ("10.1.0.9", "10.0.0.1"),  # only proxies: the request is the proxy's own
    ],
)
def test_the_client_is_the_nearest_address_that_is_not_a_trusted_proxy(forwarded_for, client):
    assert client_address("10.0.0.1", forwarded_for, PROXIES) == client


def passed_on(settings, **meta):
    """Return the request.META that the middleware passes on for a request with `meta`."""
    request = RequestFactory().get("/", **meta)
    return TrustedProxyMiddleware(lambda request: request.META)(request)


def test_forwarded_headers_from_anyone_but_a_trusted_proxy_are_dropped(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    meta = passed_on(
        settings,
        REMOTE_ADDR="198.51.100.7",
        HTTP_X_FORWARDED_FOR="203.0.113.5",
        HTTP_X_FORWARDED_PROTO="https",
    )
    assert meta["REMOTE_ADDR"] == "198.51.100.7"
    assert "HTTP_X_FORWARDED_FOR" not in meta and "HTTP_X_FORWARDED_PROTO" not in meta


def test_without_trusted_proxies_no_forwarded_header_is_believed(settings):
    settings.TRUSTED_PROXIES = []
    meta = passed_on(settings, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert meta["REMOTE_ADDR"] == "127.0.0.1"
    assert "HTTP_X_FORWARDED_FOR" not in meta


def test_a_trusted_proxy_gives_the_client_address(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    meta = passed_on(settings, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5")
    assert meta["REMOTE_ADDR"] == "203.0.113.5"
