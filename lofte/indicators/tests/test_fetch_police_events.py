"""Fetching from the Police's API by its rules, against a local server: never the network."""

import datetime
import http.server
import io
import socket
import threading

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from lofte.indicators import fetching
from lofte.indicators.fetching import (
    PER_DAY,
    PER_HOUR,
    FetchStopped,
    Response,
    Throttle,
    events_url,
    fetch_events,
)
from lofte.indicators.models import ApiCall, IndicatorImport, IndicatorValue
from lofte.indicators.tests.conftest import EVENTS, read

pytestmark = pytest.mark.django_db


class FakePolice(http.server.BaseHTTPRequestHandler):
    answers = []  # (status, body), one per request, the last repeated
    requests = []

    def do_GET(self):  # noqa: N802
        FakePolice.requests.append((self.path, dict(self.headers)))
        status, body = self.answers[min(len(self.requests), len(self.answers)) - 1]
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def police():
    FakePolice.answers, FakePolice.requests = [(200, read(EVENTS))], []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FakePolice)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/api/events"
    server.shutdown()
    server.server_close()


class Clock:
    """A clock the throttle reads and sleeps on, without waiting."""

    def __init__(self):
        self.at = timezone.make_aware(datetime.datetime(2026, 8, 22, 20, 0))
        self.slept = []

    def now(self):
        return self.at

    def sleep(self, seconds):
        self.slept.append(seconds)
        self.at += datetime.timedelta(seconds=seconds)


def test_the_command_fetches_with_a_user_agent_naming_lofte_and_a_contact_and_imports(police):
    out = io.StringIO()
    call_command(
        "fetch_police_events", "--url", police, "--contact", "analys@example.se", stdout=out
    )
    ((path, headers),) = FakePolice.requests
    assert path == "/api/events"
    assert headers["User-Agent"].startswith("Lofte/")
    assert "analys@example.se" in headers["User-Agent"]
    assert "215 nya värden" in out.getvalue()
    record = IndicatorImport.objects.get()
    assert (record.via, record.file_name) == ("fetch", police)
    assert IndicatorValue.objects.count() == 215
    assert ApiCall.objects.get().status == 200


def test_filters_go_to_the_api_joined_as_it_asks(police):
    call_command(
        "fetch_police_events",
        "--url",
        police,
        "--location",
        "Göteborg",
        "--location",
        "Västra Götalands län",
        "--type",
        "Rån",
        "--date",
        "2026-08",
        "--dry-run",
        stdout=io.StringIO(),
    )
    ((path, _headers),) = FakePolice.requests
    assert path == (
        "/api/events?locationname=G%C3%B6teborg%3BV%C3%A4stra+G%C3%B6talands+l%C3%A4n"
        "&type=R%C3%A5n&DateTime=2026-08"
    )
    assert not IndicatorValue.objects.exists()


def test_a_404_stops_the_fetch_for_good(police):
    FakePolice.answers = [(404, b"")]
    with pytest.raises(CommandError, match="404"):
        call_command("fetch_police_events", "--url", police, stdout=io.StringIO())
    assert len(FakePolice.requests) == 1
    assert ApiCall.objects.get().status == 404
    assert not IndicatorImport.objects.exists()


def test_a_server_error_stops_without_a_retry(police):
    FakePolice.answers = [(503, b"")]
    with pytest.raises(CommandError, match="503"):
        call_command("fetch_police_events", "--url", police, stdout=io.StringIO())
    assert len(FakePolice.requests) == 1


def test_a_server_that_does_not_answer_stops_the_fetch_after_the_timeout(monkeypatch):
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()  # accepts the connection, never answers
    monkeypatch.setattr(fetching, "TIMEOUT", 0.5)
    url = f"http://127.0.0.1:{silent.getsockname()[1]}/api/events"
    try:
        with pytest.raises(FetchStopped, match="svarade inte inom"):
            fetch_events(url, contact="x@example.se")
    finally:
        silent.close()
    assert ApiCall.objects.get().status is None


def test_only_https_is_used_for_other_hosts():
    with pytest.raises(FetchStopped, match="HTTPS"):
        fetch_events("http://polisen.se/api/events", contact="x@example.se")
    assert not ApiCall.objects.exists()


def test_calls_wait_ten_seconds_after_the_last_one_also_from_an_earlier_run():
    clock = Clock()
    answers = []

    def transport(url, headers, timeout):
        answers.append(clock.now())
        return Response(200, b"[]")

    for _ in range(3):
        # A new Throttle each time, as a new run of the command would make.
        throttle = Throttle(now=clock.now, sleep=clock.sleep)
        fetch_events(events_url(), contact="x@example.se", transport=transport, throttle=throttle)
    assert clock.slept == [10.0, 10.0]
    assert [(b - a).total_seconds() for a, b in zip(answers, answers[1:], strict=False)] == [10, 10]


def test_at_most_sixty_calls_an_hour_and_1440_a_day():
    clock = Clock()
    ApiCall.objects.bulk_create(
        ApiCall(api=fetching.API, at=clock.at - datetime.timedelta(minutes=59, seconds=i), url="x")
        for i in range(PER_HOUR)
    )
    throttle = Throttle(now=clock.now, sleep=clock.sleep)
    with pytest.raises(FetchStopped, match="60 anrop"):
        throttle.reserve("https://polisen.se/api/events")
    clock.at += datetime.timedelta(minutes=2)
    assert throttle.reserve("https://polisen.se/api/events").at == clock.at

    ApiCall.objects.bulk_create(
        ApiCall(api=fetching.API, at=clock.at - datetime.timedelta(hours=2, seconds=i), url="x")
        for i in range(PER_DAY)
    )
    with pytest.raises(FetchStopped, match="1440 anrop"):
        throttle.reserve("https://polisen.se/api/events")
