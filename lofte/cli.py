"""The `lofte` command: `lofte demo`, or any Django management command."""

import argparse
import os
import secrets
import subprocess
import sys
from pathlib import Path

from gunicorn.app.base import BaseApplication


def demo(argv):
    parser = argparse.ArgumentParser(
        prog="lofte demo",
        description="Run Löfte with the Hisings Backa demo data on an embedded SQLite database.",
    )
    parser.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (8000)")
    parser.add_argument(
        "--data-dir", default=".demo", help="where the SQLite database is kept (./.demo)"
    )
    args = parser.parse_args(argv)

    data_dir = Path(args.data_dir).resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    key_file = data_dir / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
    url = f"http://127.0.0.1:{args.port}/"
    os.environ.update(
        DATABASE_URL=f"sqlite:///{data_dir / 'lofte.sqlite3'}",
        SECRET_KEY=key_file.read_text().strip(),
        # Served as in production, except that the demo speaks plain http on this machine.
        DEBUG="0",
        HTTPS="0",
        LOFTE_DEMO="1",
        SITE_URL=url.rstrip("/"),
        MEDIA_ROOT=str(data_dir / "media"),
        ALLOWED_HOSTS="127.0.0.1,localhost",
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lofte.settings")

    import django
    from django.core.management import call_command
    from django.db import connections

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)

    from lofte.demo.data import DEMO_LOGINS
    from lofte.promises.models import Promise

    if not Promise.objects.exists():
        print("Loading the Hisings Backa demo data…")
        call_command("load_demo", verbosity=0)
    print()
    print(f"Löfte demo: {url}")
    print(f"Hisings Backa: {url}medborgarloften/hisings-backa/")
    print(f"Log in at {url}konto/logga-in/ as:")
    for username, password, what in DEMO_LOGINS:
        print(f"  {username:<12} {password:<14} {what}")
    print(f"Data kept in {data_dir}")
    connections.close_all()  # the workers open their own
    worker = start_worker()
    print(f"Background worker: process {worker.pid}")
    print()
    sys.stdout.flush()
    # No control socket: it lives in a fixed place in $HOME, shared by every gunicorn there.
    options = {"workers": 2, "threads": 4, "control_socket_disable": True}
    try:
        Server({"bind": f"127.0.0.1:{args.port}", **options}).run()
    finally:
        stop_worker(worker)


def start_worker():
    """Start `lofte worker` beside the demo's gunicorn, on the same database; on Linux it is
    also told to stop if the demo dies without stopping it."""

    def end_with_parent():
        try:
            import ctypes
            import signal

            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except OSError:
            pass  # not Linux: the finally in demo() stops it

    return subprocess.Popen(
        [sys.executable, "-m", "lofte", "worker"],
        preexec_fn=end_with_parent if sys.platform == "linux" else None,
    )


def stop_worker(worker):
    """Stop the worker (it finishes the task in hand first), or kill it after 20 s."""
    if worker.poll() is not None:
        return
    worker.terminate()
    try:
        worker.wait(20)
    except subprocess.TimeoutExpired:
        worker.kill()
    except ChildProcessError:
        pass  # gunicorn's master reaped it already


class Server(BaseApplication):
    """gunicorn in this process, serving Löfte's WSGI application the way production does
    (static files through WhiteNoise), with the given gunicorn settings."""

    def __init__(self, options):
        self.options = {"preload_app": True, **options}
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from lofte.wsgi import application

        return application


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "demo":
        return demo(argv[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lofte.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["lofte", *argv])
