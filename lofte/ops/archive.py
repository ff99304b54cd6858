"""The backup archive: its members, its checksums, and the uploaded files it carries.

One `lofte-backup-<UTC time>.tar.gz` holds one folder of the same name with, in this order:
`manifest.json` (what the backup is: format, Löfte version, engine, migrations, rows per
table), the database copy (`database.sqlite3` or `database.pgdump`), the uploaded files under
`media/`, and last `SHA256SUMS`, the SHA-256 of every other member in `sha256sum` format, so
an extracted backup can be checked by hand with `sha256sum -c SHA256SUMS`.
"""

import hashlib
import posixpath

FORMAT = 1
MANIFEST = "manifest.json"
SUMS = "SHA256SUMS"
MEDIA = "media/"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


class HashingReader:
    """A file-like reader that keeps the SHA-256 and size of what passed through it."""

    def __init__(self, file):
        self.file = file
        self.sha256 = hashlib.sha256()
        self.size = 0

    def read(self, size=-1):
        data = self.file.read(size)
        self.sha256.update(data)
        self.size += len(data)
        return data

    def hexdigest(self):
        return self.sha256.hexdigest()


def format_sums(sums):
    """Return {name: sha256} as a SHA256SUMS file, escaping names as GNU sha256sum does."""
    lines = []
    for name, digest in sums.items():
        if "\\" in name or "\n" in name:
            escaped = name.replace("\\", "\\\\").replace("\n", "\\n")
            lines.append(f"\\{digest}  {escaped}\n")
        else:
            lines.append(f"{digest}  {name}\n")
    return "".join(lines).encode()


def parse_sums(data):
    """Return {name: sha256} from a SHA256SUMS file; raise BackupError if it is not one."""
    sums = {}
    try:
        text = data.decode()
    except UnicodeDecodeError as error:
        raise BackupError(f"{SUMS} is not text.") from error
    for number, line in enumerate(text.splitlines(), 1):
        escaped = line.startswith("\\")
        digest, separator, name = line.removeprefix("\\").partition("  ")
        if not separator or len(digest) != 64 or not name:
            raise BackupError(f"{SUMS} line {number} is not '<sha256>  <name>'.")
        if escaped:
            name = name.replace("\\\\", "\0").replace("\\n", "\n").replace("\0", "\\")
        if name in sums:
            raise BackupError(f"{SUMS} names {name} twice.")
        sums[name] = digest.lower()
    return sums


def stored_files(storage, path=""):
    """Yield the name of every file in the storage, folder by folder, in a stable order."""
    try:
        folders, files = storage.listdir(path)
    except FileNotFoundError:  # a MEDIA_ROOT nobody has uploaded to yet
        return
    for name in sorted(files):
        yield posixpath.join(path, name)
    for folder in sorted(folders):
        yield from stored_files(storage, posixpath.join(path, folder))
