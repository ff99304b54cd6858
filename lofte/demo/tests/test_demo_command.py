"""`lofte demo` serves the demo the way production is served: gunicorn and WhiteNoise, DEBUG off."""

import os
import subprocess
import sys

import pytest

from lofte.demo.data import DEMO_LOGINS
from lofte.testing import free_port, send, stop, wait_until_serving


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory):
    """`lofte demo` on a free port with its data in a temporary directory."""
    data = tmp_path_factory.mktemp("demo")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "TEST_DATABASE_NAME")}
    env.update(PYTHONUNBUFFERED="1", DEBUG="1")  # the demo decides, not the environment
    output = open(data / "output.txt", "w+")
    process = subprocess.Popen(
        [sys.executable, "-m", "lofte", "demo", "--port", str(port), "--data-dir", str(data)],
        env=env,
        stdout=output,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_until_serving(port, process, seconds=120)
        yield port, output
    finally:
        stop(process)
        output.close()


def get(port, path):
    status, headers, body = send(port, "GET", path)
    return status, headers, body.decode(errors="replace")


@pytest.mark.parametrize(
    "path",
    ["/static/%2e%2e/%2e%2e/settings.py", "/static/../../settings.py", "/static/..%2fcli.py"],
)
def test_a_path_out_of_the_static_folders_is_a_404(demo_server, path):
    port, _output = demo_server
    status, _headers, body = get(port, path)
    assert status == 404
    assert "SECRET_KEY" not in body and "Traceback" not in body


def test_it_serves_the_demo_through_gunicorn_with_the_banner(demo_server):
    port, _output = demo_server
    status, headers, body = get(port, "/medborgarloften/hisings-backa/")
    assert status == 200
    assert headers["Server"] == "gunicorn"  # the development server calls itself WSGIServer
    assert "Medborgarlöfte för Hisings Backa" in body
    assert 'class="demo-banner"' in body


def test_it_serves_static_files_through_whitenoise(demo_server):
    port, _output = demo_server
    status, headers, body = get(port, "/static/lofte/site.css")
    assert status == 200
    assert headers["Content-Type"].startswith("text/css")
    assert "max-age" in headers["Cache-Control"]  # WhiteNoise's; Django's static view sets none
    assert get(port, "/static/admin/css/base.css")[0] == 200


def test_debug_is_off(demo_server):
    port, _output = demo_server
    status, _headers, body = get(port, "/finns-inte/")
    assert status == 404
    assert "URLconf" not in body  # Django's debug page lists the URL patterns


def test_it_prints_the_address_and_the_logins(demo_server):
    port, output = demo_server
    output.seek(0)
    printed = output.read()
    assert f"Löfte demo: http://127.0.0.1:{port}/\n" in printed
    assert f"Hisings Backa: http://127.0.0.1:{port}/medborgarloften/hisings-backa/" in printed
    for username, password, _what in DEMO_LOGINS:
        assert f"  {username:<12} {password:<14} " in printed
    assert "development server" not in printed.lower()


def test_the_demo_runs_a_background_worker_and_stops_it_on_exit(tmp_path):
    """Stopped with SIGTERM to the demo process alone (not its group), the demo stops its
    worker itself."""
    import re
    import signal
    import time

    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "TEST_DATABASE_NAME")}
    env.update(PYTHONUNBUFFERED="1")
    output = open(tmp_path / "output.txt", "w+")
    process = subprocess.Popen(
        [sys.executable, "-m", "lofte", "demo", "--port", str(port), "--data-dir", str(tmp_path)],
        env=env,
        stdout=output,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_until_serving(port, process, seconds=120)
        output.seek(0)
        pid = int(re.search(r"Background worker: process (\d+)", output.read()).group(1))
        os.kill(pid, 0)  # alive
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            assert b"worker" in f.read()
        process.send_signal(signal.SIGTERM)
        process.wait(30)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.2)
        else:
            raise AssertionError("the worker outlived the demo")
    finally:
        stop(process)
        output.close()
