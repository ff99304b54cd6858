"""What the benchmarks that serve Löfte with gunicorn share: the project's Python, a free port,
one request, waiting for /healthz, stopping the server, percentiles.

Only 127.0.0.1 is ever requested. Standard library only: the load runs from any Python 3.
"""

import http.client
import math
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # the only address the benchmarks ever send a request to
REQUEST_TIMEOUT = 10  # seconds; a request slower than this counts as an error


def python():
    """Return the project's virtualenv Python, or the one running this script."""
    venv = ROOT / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def free_port():
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def get(port, path):
    """Send one GET on a fresh connection (sync workers close it anyway); return the status."""
    conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def percentile_ms(sorted_latencies, p):
    """Nearest-rank percentile in milliseconds."""
    if not sorted_latencies:
        return float("nan")
    rank = max(1, math.ceil(p / 100 * len(sorted_latencies)))
    return sorted_latencies[rank - 1] * 1000


def run_checked(args, env, what):
    result = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{what} failed:\n{result.stdout}{result.stderr}")


def wait_for_health(port, server, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            return False
        try:
            if get(port, "/healthz") == 200:
                return True
        except OSError:
            pass
        time.sleep(0.2)
    return False


def stop(server):
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
