"""`lofte backup` writes one archive: whole or not at all, for its owner's eyes, checkable."""

import datetime
import io
import json
import re
import subprocess
import tarfile
from importlib.metadata import version
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from lofte.followup.models import ReportingPeriod, Update
from lofte.ops import databases
from lofte.ops.archive import BackupError
from lofte.ops.backup import make_backup
from lofte.ops.tests.conftest import EVIDENCE, the_backup
from lofte.promises.models import Commitment
from lofte.testing import make_promise


@pytest.fixture
def promise(transactional_db, media):
    promise = make_promise("testby")
    default_storage.save("evidence/2025/01/protokoll.pdf", ContentFile(b"%PDF-1.4 protokoll"))
    return promise


@pytest.fixture
def backups(tmp_path):
    (tmp_path / "backups").mkdir()
    return tmp_path / "backups"


def backup(directory):
    output, errors = io.StringIO(), io.StringIO()
    call_command("backup", str(directory), stdout=output, stderr=errors)
    return output.getvalue(), errors.getvalue()


def test_a_backup_is_one_archive_that_only_its_owner_can_read(original):
    assert list(original.parent.iterdir()) == [original]
    assert re.fullmatch(r"lofte-backup-\d{8}T\d{6}Z\.tar\.gz", original.name)
    assert original.stat().st_mode & 0o777 == 0o600


def test_the_manifest_comes_first_and_the_checksums_last(original):
    with tarfile.open(original) as tar:
        names = [m.name.partition("/")[2] for m in tar]

    database = "database.sqlite3" if connection.vendor == "sqlite" else "database.pgdump"
    assert names == ["manifest.json", database, *(f"media/{n}" for n in EVIDENCE), "SHA256SUMS"]


def test_an_extracted_backup_checks_with_sha256sum(original, tmp_path):
    with tarfile.open(original) as tar:
        tar.extractall(tmp_path, filter="data")
    (folder,) = tmp_path.iterdir()

    check = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=folder, capture_output=True)

    assert check.returncode == 0, check.stdout
    assert check.stdout.decode().count(": OK") == 5


def test_the_manifest_says_what_the_backup_holds(original):
    with tarfile.open(original) as tar:
        manifest = json.load(tar.extractfile(tar.next()))

    assert manifest["format"] == 1
    assert manifest["lofte"] == version("lofte")
    assert manifest["engine"] == connection.vendor
    assert "followup.0001_initial" in manifest["migrations"]
    assert "promises.0001_initial" in manifest["migrations"]
    assert manifest["rows"]["promises_promise"] == 1
    assert manifest["rows"]["promises_commitment"] == 4
    assert manifest["rows"]["followup_update"] == 0


def test_a_backup_says_what_it_wrote_and_which_files_named_in_the_database_are_missing(
    promise, backups
):
    period = ReportingPeriod.quarters_for(promise)[0]
    period.save()
    Update.objects.create(
        commitment=promise.commitments().first(),
        period=period,
        text="Vi höll tre träffar.",
        status=Commitment.Status.ONGOING,
        evidence_file="evidence/2025/01/borta.pdf",
    )

    output, errors = backup(backups)

    assert output.startswith(f"Wrote {the_backup(backups)} (")
    assert "1 uploaded files" in output
    assert "1 files the database refers to are not in the file storage" in errors
    assert "evidence/2025/01/borta.pdf" in errors


def test_a_backup_that_fails_leaves_no_file_behind(promise, backups, monkeypatch):
    def unreadable(name, mode="rb"):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(default_storage, "open", unreadable)

    with pytest.raises(CommandError, match="Cannot copy evidence/2025/01/protokoll.pdf"):
        backup(backups)
    assert list(backups.iterdir()) == []


def test_a_backup_into_a_folder_that_does_not_exist_is_refused(tmp_path):
    with pytest.raises(CommandError, match="is not a directory"):
        backup(tmp_path / "saknas")


def test_a_backup_is_not_written_into_media_root(media):
    (media / "backups").mkdir(parents=True)

    with pytest.raises(CommandError, match="is inside MEDIA_ROOT"):
        backup(media / "backups")
    assert list((media / "backups").iterdir()) == []


def test_a_second_backup_in_the_same_second_does_not_overwrite_the_first(promise, backups):
    now = datetime.datetime(2026, 1, 31, 3, 15, tzinfo=datetime.UTC)
    first = make_backup(backups, now=now).path
    written = first.read_bytes()

    with pytest.raises(BackupError, match="exists already"):
        make_backup(backups, now=now)
    assert first.read_bytes() == written
    assert first.name == "lofte-backup-20260131T031500Z.tar.gz"


def test_the_postgresql_clients_find_the_connection_and_password_in_their_environment(
    monkeypatch,
):
    settings = {
        "NAME": "lofte",
        "USER": "lofte",
        "PASSWORD": "hemligt lösen",
        "HOST": "db.example.se",
        "PORT": 5433,
        "OPTIONS": {"sslmode": "verify-full", "pool": True},
    }
    monkeypatch.setattr(databases, "connection", SimpleNamespace(settings_dict=settings))
    calls = []

    def run(args, **kwargs):
        calls.append((args, kwargs["env"]))
        return subprocess.CompletedProcess(args, 0, b"", b"")

    monkeypatch.setattr(subprocess, "run", run)

    databases.check_database_file("database.pgdump", "postgresql")

    ((args, env),) = calls
    assert args == ("pg_restore", "--list", "database.pgdump")
    assert env["PGPASSWORD"] == "hemligt lösen"
    assert (env["PGHOST"], env["PGPORT"], env["PGUSER"], env["PGDATABASE"]) == (
        "db.example.se",
        "5433",
        "lofte",
        "lofte",
    )
    assert env["PGSSLMODE"] == "verify-full"
