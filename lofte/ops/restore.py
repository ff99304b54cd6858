"""`lofte restore`: a backup back into an empty installation, checked before anything is written.

A restore reads the archive twice. The first reading checks everything: that the archive is
whole and every member matches its SHA-256, that the manifest is for this engine and for
migrations this Löfte knows, and that the database copy can be read back; it writes only to
a scratch directory. The second reading writes the uploaded files, each checked again before
it is stored; then the database is replaced in one transaction and migrated to this version.
If anything fails after the first file is stored, the files written are deleted again and the
database is left as it was, so the installation is as empty as it was before.
"""

import json
import tarfile
import tempfile
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import SuspiciousFileOperation
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.files.utils import validate_file_name
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from lofte.ops import databases
from lofte.ops.archive import (
    DATABASE_FILES,
    ENGINE_NAMES,
    FORMAT,
    MANIFEST,
    MEDIA,
    SUMS,
    BackupError,
    HashingReader,
    parse_sums,
    stored_files,
)

CHUNK = 1024 * 1024
# Each file is held here while its checksum is checked, in memory up to this size.
SPOOL = 8 * 1024 * 1024


@dataclass
class Checked:
    """A backup whose every member matched its checksum."""

    manifest: dict
    sums: dict  # member: sha256
    media: list  # names of the uploaded files, as the storage knows them
    database: Path  # the database copy, extracted to a scratch directory
    migrated: int = 0  # migrations applied after a restore


def check_backup(path, scratch, *, installation=False):
    """Read the whole archive and return it as Checked; raise BackupError if it is not whole.

    With `installation`, also refuse a backup of another engine or of a newer schema than
    this installation's, as soon as the manifest is read.
    """
    manifest = sums = database = None
    found, media = {}, []
    with _reading(path) as tar:
        top = None
        for member in tar:
            folder, _, name = member.name.partition("/")
            top = top or folder
            if member.isdir() and folder == top:
                continue
            if folder != top or not member.isfile() or not name:
                raise BackupError(f"{member.name} is not part of a Löfte backup.")
            if name in found or (name == SUMS and sums is not None):
                raise BackupError(f"The archive holds {name} twice.")
            reader = HashingReader(tar.extractfile(member))
            if name == MANIFEST:
                manifest = _parse_manifest(reader.read())
                if installation:
                    _refuse_unless_it_fits(manifest)
            elif name == SUMS:
                sums = parse_sums(reader.read())
                continue
            elif name in DATABASE_FILES.values():
                database = Path(scratch) / name
                with database.open("wb") as file:
                    while file.write(reader.read(CHUNK)):
                        pass
            elif name.startswith(MEDIA):
                media.append(_media_name(name))
                while reader.read(CHUNK):
                    pass
            else:
                raise BackupError(f"{member.name} is not part of a Löfte backup.")
            found[name] = reader.hexdigest()
    if manifest is None:
        raise BackupError(f"The archive has no {MANIFEST}: it is not a Löfte backup.")
    if sums is None:
        raise BackupError(f"The archive has no {SUMS}: it is damaged or incomplete.")
    for name in sorted(found.keys() | sums.keys()):
        if name not in sums:
            raise BackupError(f"{name} is in the archive but not in {SUMS}.")
        if name not in found:
            raise BackupError(f"{name} is listed in {SUMS} but missing from the archive.")
        if found[name] != sums[name]:
            raise BackupError(f"{name} does not match its SHA-256 checksum: the backup is damaged.")
    if database is None or database.name != manifest["database"]:
        raise BackupError(f"The archive does not hold the database {manifest['database']}.")
    databases.check_database_file(database, manifest["engine"])
    return Checked(manifest, sums, media, database)


def restore_backup(path):
    """Restore the backup into this empty installation and return it as Checked."""
    _refuse_unless_empty()
    with tempfile.TemporaryDirectory(prefix="lofte-restore-") as scratch:
        checked = check_backup(path, scratch, installation=True)
        written = []
        try:
            _store_files(path, checked, written)
            databases.load_database(checked.database)
        except BaseException:
            for name in written:
                default_storage.delete(name)
            raise
    executor = MigrationExecutor(connection)
    checked.migrated = len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    try:
        call_command("migrate", interactive=False, verbosity=0)
    except Exception as error:
        raise BackupError(
            f"The backup was restored, but migrating it to this version of Löfte failed "
            f"({error}); run lofte migrate to see why."
        ) from error
    return checked


def _store_files(path, checked, written):
    """Store every uploaded file of the backup, each checked before it is stored."""
    expected = set(checked.media)
    with _reading(path) as tar:
        for member in tar:
            name = member.name.partition("/")[2]
            if not member.isfile() or not name.startswith(MEDIA):
                continue
            stored = _media_name(name)
            with tempfile.SpooledTemporaryFile(SPOOL) as spool:
                reader = HashingReader(tar.extractfile(member))
                while spool.write(reader.read(CHUNK)):
                    pass
                if reader.hexdigest() != checked.sums.get(name) or stored not in expected:
                    raise BackupError(f"{path} changed while it was being restored.")
                spool.seek(0)
                try:
                    saved = default_storage.save(stored, File(spool, name=stored))
                except OSError as error:
                    raise BackupError(f"Cannot store {stored}: {error}.") from error
            written.append(saved)
            if saved != stored:
                raise BackupError(f"{stored} appeared in the file storage during the restore.")
            expected.remove(stored)
    if expected:
        raise BackupError(f"{path} changed while it was being restored.")


def _refuse_unless_empty():
    """Raise BackupError unless the database and the file storage hold nothing yet."""
    rows = databases.rows_in_use()
    files = []
    for name in stored_files(default_storage):
        files.append(name)
        if len(files) > 3:
            break
    if not rows and not files:
        return
    held = []
    if rows:
        tables = ", ".join(f"{table} ({count})" for table, count in sorted(rows.items())[:5])
        more = f" and {len(rows) - 5} more tables" if len(rows) > 5 else ""
        held.append(f"the database holds rows in {tables}{more}")
    if files:
        held.append(f"the file storage (MEDIA_ROOT) holds {', '.join(files[:3])}")
        if len(files) > 3:
            held[-1] += " and more"
    raise BackupError(
        f"This installation is not empty: {'; '.join(held)}. A backup is restored only into "
        f"an empty installation, so nothing here is overwritten: point DATABASE_URL at a new "
        f"database (a new SQLite file, or one made with createdb) and MEDIA_ROOT at an empty "
        f"folder, and run lofte restore again. To keep what is here, take a backup of it first."
    )


def _refuse_unless_it_fits(manifest):
    """Raise BackupError unless this installation can take the backup described."""
    here = databases.engine()
    if manifest["engine"] != here:
        there = ENGINE_NAMES.get(manifest["engine"], manifest["engine"])
        raise BackupError(
            f"This backup holds a {there} database, and this installation uses "
            f"{ENGINE_NAMES[here]}: restore it into an installation whose DATABASE_URL points "
            f"at {there}."
        )
    unknown = databases.unknown_migrations(manifest["migrations"])
    if unknown:
        listed = ", ".join(unknown[:5]) + (" …" if len(unknown) > 5 else "")
        raise BackupError(
            f"This backup was made by a newer Löfte ({manifest['lofte']}): its database has "
            f"migrations this version does not know ({listed}). Install that version of Löfte "
            f"or a newer one, then restore."
        )


def _parse_manifest(data):
    try:
        manifest = json.loads(data)
        if manifest["format"] > FORMAT:
            raise BackupError(
                f"This backup was made by a newer Löfte ({manifest.get('lofte')}), in backup "
                f"format {manifest['format']}: install that version or a newer one to restore it."
            )
        if (
            manifest["format"] != FORMAT
            or manifest["engine"] not in DATABASE_FILES
            or not isinstance(manifest["migrations"], list)
            or not all(isinstance(m, str) and "." in m for m in manifest["migrations"])
            or not isinstance(manifest["rows"], dict)
            or not all(isinstance(manifest[key], str) for key in ("lofte", "created", "database"))
        ):
            raise ValueError(manifest)
    except (ValueError, KeyError, TypeError) as error:
        raise BackupError(f"{MANIFEST} is not the manifest of a Löfte backup.") from error
    return manifest


def _media_name(member):
    name = member.removeprefix(MEDIA)
    try:
        validate_file_name(name, allow_relative_path=True)
    except SuspiciousFileOperation as error:
        raise BackupError(f"{member} is not a file name Löfte would store.") from error
    return name


@contextmanager
def _reading(path):
    """Open the archive as a stream; turn a damaged or foreign one into a BackupError."""
    try:
        file = open(path, "rb")  # closed with the archive below
    except OSError as error:
        raise BackupError(f"Cannot open {path}: {error.strerror}.") from error
    try:
        with file, tarfile.open(fileobj=file, mode="r|gz") as tar:
            yield tar
    except (tarfile.TarError, EOFError, zlib.error) as error:
        raise BackupError(f"{path} is damaged or not a Löfte backup ({error}).") from error
