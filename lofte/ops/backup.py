"""`lofte backup`: the database and the uploaded files, in one archive, while the site runs."""

import datetime
import io
import json
import os
import tarfile
import tempfile
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from django.core.files.storage import default_storage

from lofte.ops.archive import (
    ENGINE_NAMES,
    FORMAT,
    MANIFEST,
    MEDIA,
    SUMS,
    BackupError,
    HashingReader,
    format_sums,
    stored_files,
)
from lofte.ops.databases import copy_database


@dataclass
class Backup:
    """A backup written: where it is, and what it holds."""

    path: Path
    manifest: dict
    files: int
    missing: list  # files the database refers to that were not in the storage


def lofte_version():
    try:
        return version("lofte")
    except PackageNotFoundError:
        return "unknown"


def make_backup(directory, *, now=None):
    """Write lofte-backup-<UTC time>.tar.gz into the directory and return it as a Backup.

    The database is copied first, at one moment, and the files after it: uploads are written
    before the rows that name them and never removed once named, so every file the copied
    rows refer to is still there to be archived. The archive appears under its name only
    when it is complete, readable by its owner alone: it holds personal data.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise BackupError(f"{directory} is not a directory.")
    if _inside_media_root(directory):
        raise BackupError(
            f"{directory} is inside MEDIA_ROOT, where every backup would hold the ones before "
            f"it: write backups somewhere else."
        )
    now = now or datetime.datetime.now(datetime.UTC)
    name = f"lofte-backup-{now:%Y%m%dT%H%M%SZ}"
    path = directory / f"{name}.tar.gz"
    if path.exists():
        raise BackupError(f"{path} exists already.")
    partial = directory / f".{name}.tar.gz.partial"
    with tempfile.TemporaryDirectory(prefix="lofte-backup-") as scratch:
        database = copy_database(scratch)
        manifest = {
            "format": FORMAT,
            "lofte": lofte_version(),
            "created": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "engine": database.engine,
            "server_version": database.server_version,
            "database": database.path.name,
            "migrations": database.migrations,
            "rows": database.rows,
        }
        try:
            descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except OSError as error:
            raise BackupError(f"Cannot write in {directory}: {error.strerror}.") from error
        try:
            with os.fdopen(descriptor, "wb") as output:
                with tarfile.open(fileobj=output, mode="w:gz", compresslevel=6) as tar:
                    archived = _write(tar, name, manifest, database, now)
                output.flush()
                os.fsync(output.fileno())
            os.rename(partial, path)
        except OSError as error:
            partial.unlink(missing_ok=True)
            raise BackupError(f"Cannot write {path}: {error}.") from error
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    _sync_directory(directory)
    missing = sorted(database.files - archived)
    return Backup(path, manifest, len(archived), missing)


def _write(tar, name, manifest, database, now):
    """Write the members of the archive; return the names of the files archived."""
    sums = {}
    mtime = now.timestamp()

    def add(member, reader, size, modified=mtime):
        info = tarfile.TarInfo(f"{name}/{member}")
        info.size, info.mtime, info.mode = size, modified, 0o600
        hashing = HashingReader(reader)
        tar.addfile(info, hashing)
        sums[member] = hashing.hexdigest()

    data = json.dumps(manifest, indent=1, sort_keys=True).encode()
    add(MANIFEST, io.BytesIO(data), len(data))
    with database.path.open("rb") as file:
        add(database.path.name, file, database.path.stat().st_size)
    archived = set()
    for stored in stored_files(default_storage):
        try:
            with default_storage.open(stored, "rb") as file:
                modified = default_storage.get_modified_time(stored).timestamp()
                add(MEDIA + stored, file, default_storage.size(stored), modified)
        except OSError as error:
            raise BackupError(f"Cannot copy {stored} into the backup: {error}.") from error
        archived.add(stored)
    data = format_sums(sums)
    add(SUMS, io.BytesIO(data), len(data))
    return archived


def _inside_media_root(directory):
    try:
        media_root = Path(default_storage.path("")).resolve()
    except NotImplementedError:  # files kept elsewhere than on this machine
        return False
    directory = directory.resolve()
    return directory == media_root or media_root in directory.parents


def _sync_directory(directory):
    """Make the archive's new name survive a power cut."""
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def describe(manifest, files):
    """Return one line on what a backup holds."""
    rows = sum(manifest["rows"].values())
    engine = ENGINE_NAMES.get(manifest["engine"], manifest["engine"])
    return (
        f"{engine} database of Löfte {manifest['lofte']} taken {manifest['created']}: "
        f"{rows} rows in {len(manifest['rows'])} tables; {files} uploaded files."
    )
