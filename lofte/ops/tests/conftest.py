"""Scratch installations and archive surgery for the backup tests.

A scratch installation is a second Löfte on the same engine as the test database (a SQLite
file, or a new PostgreSQL database next to the test database) with its own MEDIA_ROOT, run
as its own process through the `lofte` command, as an operator would.
"""

import hashlib
import io
import os
import sqlite3
import subprocess
import sys
import tarfile
from contextlib import closing
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from lofte.ops.archive import SUMS, format_sums
from lofte.testing import make_promise

EVIDENCE = {
    "evidence/2025/01/a.pdf": b"%PDF-1.4 a",
    "evidence/2025/01/b.pdf": b"%PDF-1.4 b",
    "evidence/2025/02/c.pdf": b"%PDF-1.4 c",
}


class Installation:
    """A Löfte installation of its own: a database, a MEDIA_ROOT, the `lofte` command."""

    def __init__(self, directory, database):
        self.media = directory / "media"
        self.database = database
        if connection.vendor == "sqlite":
            url = f"sqlite:///{directory / 'lofte.sqlite3'}"
        else:
            s = connection.settings_dict
            user = quote(s["USER"] or "", safe="")
            password = f":{quote(s['PASSWORD'], safe='')}" if s["PASSWORD"] else ""
            url = f"postgres://{user}{password}@{s['HOST']}:{s['PORT'] or 5432}/{database}"
        self.env = {
            **os.environ,
            "DATABASE_URL": url,
            "MEDIA_ROOT": str(self.media),
            "SECRET_KEY": "scratch",
        }
        self.env.pop("TEST_DATABASE_NAME", None)

    def python(self, *args, **kwargs):
        """Start `python <args>` in this installation; return the process."""
        return subprocess.Popen([sys.executable, *args], env=self.env, text=True, **kwargs)

    def run_python(self, *args):
        """Run `python <args>` here; return its output, or fail the test with its errors."""
        done = subprocess.run([sys.executable, *args], env=self.env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def run(self, *args):
        """Run `lofte <args>` here; return its output, or fail the test with its errors."""
        return self.run_python("-m", "lofte", *args)

    def rows(self):
        """Return every row of this installation's database (see `every_row`)."""
        if connection.vendor == "sqlite":
            db = sqlite3.connect(self.database, detect_types=SQLITE_TYPES)
        else:
            db = _pg_connect(self.database)
        with closing(db):
            return every_row(db)


# The types Django's SQLite backend gives columns, so rows read here compare with its own.
SQLITE_TYPES = sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES


def _pg_connect(name):
    import psycopg

    s = connection.settings_dict
    return psycopg.connect(
        host=s["HOST"],
        port=s["PORT"] or 5432,
        user=s["USER"],
        password=s["PASSWORD"] or None,
        dbname=name,
        autocommit=True,
    )


@pytest.fixture
def installation(tmp_path):
    """Make scratch installations, `installation("name")`; drop their databases after."""
    made = []

    def make(name):
        directory = tmp_path / name
        directory.mkdir()
        if connection.vendor == "sqlite":
            made.append(Installation(directory, directory / "lofte.sqlite3"))
        else:
            database = f"{connection.settings_dict['NAME']}_{name}"
            with _pg_connect("postgres") as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
                admin.execute(f'CREATE DATABASE "{database}"')
            made.append(Installation(directory, database))
        return made[-1]

    yield make
    if connection.vendor == "postgresql":
        with _pg_connect("postgres") as admin:
            for scratch in made:
                admin.execute(f'DROP DATABASE IF EXISTS "{scratch.database}" WITH (FORCE)')


@pytest.fixture(scope="module")
def original(django_db_setup, django_db_blocker, tmp_path_factory):
    """A backup of a promise with three evidence files, made once per module, in a folder of
    its own; then the database is emptied again."""
    directory = tmp_path_factory.mktemp("original")
    (directory / "backups").mkdir()
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=directory / "media"):
        make_promise("testby")
        for name, data in EVIDENCE.items():
            default_storage.save(name, ContentFile(data))
        call_command("backup", str(directory / "backups"), verbosity=0)
        call_command("flush", interactive=False, verbosity=0)
        connection.close()  # as a transactional test leaves it
    return the_backup(directory / "backups")


@pytest.fixture
def media(settings, tmp_path):
    """This installation's MEDIA_ROOT: empty, in the test's own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def rows_here():
    """Return every row of the test database, read as `Installation.rows` reads its own."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        return every_row(connection.connection)
    with closing(_pg_connect(connection.settings_dict["NAME"])) as db:
        return every_row(db)


def every_row(db):
    """Return {table: sorted rows} of every table but the cache's, sequences included, of a
    DB-API connection."""
    cursor = db.cursor()
    if isinstance(db, sqlite3.Connection):  # sqlite_sequence holds the next ids
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    else:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
    # The cache's table is no installation's data: the page cache's version changes with
    # every write, a restore's included (lofte/pagecache).
    tables = sorted(name for (name,) in cursor.fetchall() if name != "lofte_cache")
    rows = {}
    for table in tables:
        cursor.execute(f'SELECT * FROM "{table}"')
        rows[table] = sorted(cursor.fetchall(), key=repr)
    if not isinstance(db, sqlite3.Connection):
        cursor.execute(
            "SELECT sequencename, last_value FROM pg_sequences "
            "WHERE schemaname = current_schema() ORDER BY 1"
        )
        rows["(sequences)"] = cursor.fetchall()
    return rows


def every_file(root):
    """Return {relative path: SHA-256} of every file under the folder."""
    root = Path(root)
    if not root.exists():
        return {}
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def the_backup(directory):
    """Return the one backup archive in the folder."""
    (archive,) = Path(directory).glob("lofte-backup-*.tar.gz")
    return archive


def members(archive):
    """Return the folder name and [(member, bytes)] of a backup archive, in order."""
    with tarfile.open(archive, "r:gz") as tar:
        found = [(m.name, tar.extractfile(m).read()) for m in tar if m.isfile()]
    top = found[0][0].partition("/")[0]
    return top, [(name.partition("/")[2], data) for name, data in found]


def write_members(archive, top, contents, *, sums=True):
    """Write [(member, bytes)] as a backup archive; with `sums`, a SHA256SUMS that fits them."""
    contents = [(name, data) for name, data in contents if name != SUMS or not sums]
    if sums:
        digests = {name: hashlib.sha256(data).hexdigest() for name, data in contents}
        contents.append((SUMS, format_sums(digests)))
    with tarfile.open(archive, "w:gz") as tar:
        for name, data in contents:
            info = tarfile.TarInfo(f"{top}/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return archive
