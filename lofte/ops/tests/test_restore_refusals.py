"""A restore that cannot be done whole is refused, or undone, and changes nothing."""

import io
import json
import shutil

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from lofte.ops import databases
from lofte.ops.archive import BackupError
from lofte.ops.tests.conftest import every_file, members, rows_here, write_members


@pytest.fixture
def backup(original, transactional_db, media, tmp_path):
    """A copy of the original backup, to damage as a test likes, and an empty installation."""
    return shutil.copy(original, tmp_path / original.name)


@pytest.fixture
def empty(backup, media):
    """What the empty installation holds; the test asserts it still holds exactly that."""
    rows = rows_here()
    yield
    assert every_file(media) == {}
    assert rows_here() == rows


def refusal(archive, *options):
    with pytest.raises(CommandError) as error:
        call_command("restore", str(archive), *options, stdout=io.StringIO())
    return str(error.value)


def altered(archive, change):
    """Rewrite the archive with change(members) applied; SHA256SUMS made to fit again."""
    top, contents = members(archive)
    return write_members(archive, top, change(dict(contents)).items())


def manifest_with(**fields):
    def change(contents):
        manifest = json.loads(contents["manifest.json"])
        contents["manifest.json"] = json.dumps({**manifest, **fields}).encode()
        return contents

    return change


def test_a_backup_is_restored_only_into_an_empty_database(backup, media):
    User.objects.create_user("dana")
    rows = rows_here()

    message = refusal(backup)

    assert "not empty" in message
    assert "auth_user (1)" in message
    assert rows_here() == rows
    assert every_file(media) == {}


def test_one_file_in_media_root_is_enough_to_refuse(backup, media):
    default_storage.save("kvar.pdf", ContentFile(b"%PDF-1.4 kvar"))
    rows = rows_here()

    message = refusal(backup)

    assert "MEDIA_ROOT) holds kvar.pdf" in message
    assert rows_here() == rows
    assert list(every_file(media)) == ["kvar.pdf"]


def test_check_reads_a_whole_backup_and_changes_nothing(backup):
    User.objects.create_user("dana")
    rows = rows_here()
    output = io.StringIO()

    call_command("restore", str(backup), "--check", stdout=output)

    assert f"{backup} is whole" in output.getvalue()
    assert "3 uploaded files" in output.getvalue()
    assert rows_here() == rows


def _bytes(transform):
    def damage(archive):
        archive.write_bytes(transform(archive.read_bytes()))

    return damage


def _keep_sums(change):
    def damage(archive):
        top, contents = members(archive)
        write_members(archive, top, change(dict(contents)).items(), sums=False)

    return damage


def _with_sums(change):
    return lambda archive: altered(archive, change)


def _without(name):
    return lambda contents: {k: v for k, v in contents.items() if k != name}


def _plus(name, data):
    return lambda contents: {**contents, name: data}


def _flip_middle_byte(data):
    middle = len(data) // 2
    return data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1 :]


DAMAGES = {
    "not an archive": (_bytes(lambda data: b"inte en backup"), "not a Löfte backup"),
    "empty": (_bytes(lambda data: b""), "not a Löfte backup"),
    "cut short": (_bytes(lambda data: data[: len(data) // 2]), "damaged"),
    "one byte changed": (_bytes(_flip_middle_byte), "damaged"),
    "no manifest": (_with_sums(_without("manifest.json")), "no manifest.json"),
    "no checksums": (_keep_sums(_without("SHA256SUMS")), "no SHA256SUMS"),
    "a file missing": (
        _keep_sums(_without("media/evidence/2025/01/b.pdf")),
        "media/evidence/2025/01/b.pdf is listed in SHA256SUMS but missing",
    ),
    "a file too many": (
        _keep_sums(_plus("media/evidence/extra.pdf", b"%PDF-1.4 extra")),
        "media/evidence/extra.pdf is in the archive but not in SHA256SUMS",
    ),
    # The last file is damaged: the two before it must not have been stored either.
    "a file that does not match its checksum": (
        _keep_sums(_plus("media/evidence/2025/02/c.pdf", b"%PDF-1.4 C")),
        "media/evidence/2025/02/c.pdf does not match its SHA-256 checksum",
    ),
    "a file name outside MEDIA_ROOT": (
        _with_sums(_plus("media/../../utanför.pdf", b"%PDF-1.4 ut")),
        "media/../../utanför.pdf is not a file name Löfte would store",
    ),
    "a manifest that is not one": (
        _with_sums(_plus("manifest.json", b'{"format": 1}')),
        "manifest.json is not the manifest of a Löfte backup",
    ),
}


@pytest.mark.parametrize("damage", DAMAGES, ids=list(DAMAGES))
def test_a_damaged_or_foreign_archive_is_refused_and_nothing_is_written(
    backup, empty, damage, tmp_path
):
    change, expected = DAMAGES[damage]
    change(backup)

    assert expected in refusal(backup, "--check")
    assert expected in refusal(backup)
    assert not (tmp_path / "utanför.pdf").exists()


def test_a_backup_of_another_engine_is_refused(backup, empty):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    altered(backup, manifest_with(engine=other))

    message = refusal(backup)

    here, there = ("SQLite", "PostgreSQL") if other == "postgresql" else ("PostgreSQL", "SQLite")
    assert f"holds a {there} database, and this installation uses {here}" in message


def test_a_backup_from_a_newer_lofte_is_refused(backup, empty):
    manifest = json.loads(dict(members(backup)[1])["manifest.json"])
    future = [*manifest["migrations"], "followup.0099_from_the_future"]
    altered(backup, manifest_with(migrations=future, lofte="9.0.0"))

    message = refusal(backup)

    assert "made by a newer Löfte (9.0.0)" in message
    assert "followup.0099_from_the_future" in message


def test_a_backup_in_a_newer_format_is_refused(backup, empty):
    altered(backup, manifest_with(format=2, lofte="9.0.0"))

    assert "newer Löfte (9.0.0), in backup format 2" in refusal(backup)


def _database_member(contents):
    (name,) = [name for name in contents if name.startswith("database.")]
    return name


def _cut_database(contents):
    name = _database_member(contents)
    return {**contents, name: contents[name][: len(contents[name]) * 9 // 10]}


def test_a_damaged_database_copy_is_refused_before_anything_is_written(backup, empty):
    altered(backup, _cut_database)

    assert "database in the backup" in refusal(backup)


def test_a_database_copy_that_fails_while_loading_leaves_the_installation_as_it_was(
    backup, empty, monkeypatch
):
    # Past the checks (as a copy damaged after them would be), the load itself must fail whole:
    # one transaction in psql that never commits, or SQLite's backup API.
    monkeypatch.setattr(databases, "check_database_file", lambda path, engine: None)
    if connection.vendor == "sqlite":
        altered(backup, lambda contents: {**contents, _database_member(contents): b"x" * 8192})
    else:
        altered(backup, _cut_database)

    message = refusal(backup)

    assert "could not" in message
    assert "left as it was" in message or "SQLite" in message


def test_a_failure_after_the_files_were_stored_removes_them(backup, empty, monkeypatch):
    def fail(path):
        raise BackupError("Out of disk space.")

    monkeypatch.setattr(databases, "load_database", fail)

    assert refusal(backup) == "Out of disk space."
