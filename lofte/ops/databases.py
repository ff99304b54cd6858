"""The database in a backup: a consistent copy out, and the whole copy back in, per engine.

SQLite is copied with its online backup API, PostgreSQL with `pg_dump --format=custom` and
put back with `pg_restore` through `psql`. Each copy is taken at one moment while the site
writes, and each is put back in one transaction: the database holds either what it held or
the whole backup, never part of it.
"""

import os
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.db import connection, models, transaction
from django.db.migrations.loader import MigrationLoader

from lofte.ops.archive import DATABASE_FILES, ENGINE_NAMES, BackupError

# The rows `migrate` itself writes into a new database (Django's own, and the reference list
# of Sweden's kommuner), and passing cache entries and rate-limit counts: none of them makes
# an installation non-empty.
MIGRATE_TABLES = {
    "django_migrations",
    "django_content_type",
    "auth_permission",
    "kommuner_kommun",
    "lofte_cache",
    "ratelimit_counter",
}
# Tables whose rows matching the condition are definitions Löfte's migrations bring (the
# national indicators, the national catalogue of what is known to work and its first
# revisions); other rows there are an installation's own.
REFERENCE_ROWS = {
    "indicators_indicator": "kommun_id IS NULL",
    "evaluation_interventionkind": "kommun_id IS NULL AND created_by_id IS NULL",
    "evaluation_interventionkindrevision": "user_id IS NULL AND action = 'created'",
}

# The PostgreSQL clients take the connection from libpq's environment variables, never from
# their command line, which any user of the machine can read with `ps`.
LIBPQ_SETTINGS = {
    "HOST": "PGHOST",
    "PORT": "PGPORT",
    "USER": "PGUSER",
    "NAME": "PGDATABASE",
    "PASSWORD": "PGPASSWORD",
}
LIBPQ_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "options": "PGOPTIONS",
}


@dataclass
class DatabaseCopy:
    """A copy of the database in a file, and what it held at the moment it was taken."""

    path: Path
    engine: str
    rows: dict = field(default_factory=dict)  # table: number of rows
    migrations: list = field(default_factory=list)  # "app.name" of every applied migration
    files: set = field(default_factory=set)  # the stored files its rows refer to
    server_version: int | None = None


def engine():
    """Return the engine of this installation's database: "sqlite" or "postgresql"."""
    if connection.vendor not in DATABASE_FILES:
        raise BackupError(f"Löfte cannot back up or restore a {connection.vendor} database.")
    return connection.vendor


def copy_database(directory):
    """Write a consistent copy of the database into the directory and return it."""
    if connection.in_atomic_block:
        raise BackupError("A backup cannot be taken inside a transaction.")
    path = Path(directory) / DATABASE_FILES[engine()]
    if engine() == "sqlite":
        return _copy_sqlite(path)
    return _copy_postgresql(path)


def _copy_sqlite(path):
    connection.ensure_connection()
    copy = sqlite3.connect(path)
    try:
        # In one step: the site keeps reading while it runs, and no write lands half in it.
        connection.connection.backup(copy)
        cursor = copy.cursor()
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
        return DatabaseCopy(path, "sqlite", *_describe(cursor, [t for (t,) in cursor.fetchall()]))
    finally:
        copy.close()


def _copy_postgresql(path):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        (snapshot,) = cursor.fetchone()
        # pg_dump reads the snapshot this transaction sees, so the counts below describe
        # exactly the rows it dumps.
        _run_client(
            "pg_dump",
            "--format=custom",
            f"--snapshot={snapshot}",
            f"--file={path}",
            "--no-password",
        )
        tables = connection.introspection.table_names(cursor)
        copy = DatabaseCopy(path, "postgresql", *_describe(cursor, tables))
    copy.server_version = connection.pg_version
    return copy


def _describe(cursor, tables):
    """Return the rows per table, the applied migrations and the stored files referred to."""
    quote = connection.ops.quote_name
    rows = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
        rows[table] = cursor.fetchone()[0]
    migrations = []
    if "django_migrations" in rows:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        migrations = [f"{app}.{name}" for app, name in cursor.fetchall()]
    files = set()
    for model in apps.get_models():
        table = model._meta.db_table
        for model_field in model._meta.concrete_fields:
            if isinstance(model_field, models.FileField) and table in rows:
                column = quote(model_field.column)
                cursor.execute(f"SELECT {column} FROM {quote(table)} WHERE {column} <> ''")
                files.update(name for (name,) in cursor.fetchall() if name)
    return rows, migrations, files


def check_database_file(path, engine):
    """Raise BackupError unless the file is a database this engine can read back."""
    if engine == "sqlite":
        try:
            copy = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
            try:
                result = copy.execute("PRAGMA integrity_check").fetchall()
            finally:
                copy.close()
        except sqlite3.DatabaseError as error:
            raise BackupError(f"The database in the backup cannot be read: {error}.") from error
        if result != [("ok",)]:
            problems = "; ".join(str(row[0]) for row in result[:3])
            raise BackupError(f"The database in the backup is damaged: {problems}.")
    else:
        _run_client("pg_restore", "--list", str(path), what="The database in the backup")


def load_database(path):
    """Replace the whole database with the copy in the file, in one transaction."""
    if connection.in_atomic_block:
        raise BackupError("A restore cannot run inside a transaction.")
    if engine() == "sqlite":
        _load_sqlite(path)
    else:
        _load_postgresql(path)
    connection.close()  # the next query sees the restored schema from a new connection


def _load_sqlite(path):
    copy = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        connection.ensure_connection()
        # One step is one write transaction on the destination: all pages or none.
        copy.backup(connection.connection)
    except sqlite3.Error as error:
        raise BackupError(f"SQLite could not restore the database: {error}.") from error
    finally:
        copy.close()


def _load_postgresql(path):
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    connection.close()  # hold no lock the restore would wait for
    # psql runs one transaction: drop the (empty) tables `migrate` made, create and fill the
    # backup's, and COMMIT only once pg_restore has ended well. Anything less ends the session
    # without a COMMIT, and PostgreSQL rolls all of it back.
    script = "BEGIN;\nSET LOCAL lock_timeout = '1min';\n"
    if tables:
        script += f"DROP TABLE {', '.join(quote(t) for t in tables)} CASCADE;\n"
    env = libpq_environment(connection.settings_dict)
    with tempfile.TemporaryFile() as psql_errors, tempfile.TemporaryFile() as restore_errors:
        psql = _start(
            ["psql", "--no-psqlrc", "--quiet", "--no-password", "--set=ON_ERROR_STOP=1"],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=psql_errors,
            env=env,
        )
        try:
            restore = _start(
                ["pg_restore", "--no-owner", "--no-privileges", "--file=-", str(path)],
                stdout=subprocess.PIPE,
                stderr=restore_errors,
                env=env,
            )
            try:
                psql.stdin.write(script.encode())
                shutil.copyfileobj(restore.stdout, psql.stdin)
                if restore.wait() == 0:
                    psql.stdin.write(b"COMMIT;\n")
                psql.stdin.close()
            except BrokenPipeError:
                pass  # psql stopped at an error, which it wrote to psql_errors
            finally:
                restore.stdout.close()
                if restore.poll() is None:
                    restore.kill()
                restore.wait()
        finally:
            try:
                psql.stdin.close()
            except BrokenPipeError:
                pass
            psql.wait()
        if psql.returncode != 0:
            raise BackupError(
                f"psql could not restore the database, which was left as it was: "
                f"{_read(psql_errors)}"
            )
        if restore.returncode != 0:
            raise BackupError(
                f"pg_restore could not read the database in the backup; the database was left "
                f"as it was: {_read(restore_errors)}"
            )


def rows_in_use():
    """Return {table: rows} of the tables that hold more than a new installation's."""
    quote = connection.ops.quote_name
    in_use = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table not in MIGRATE_TABLES:
                own = f" WHERE NOT ({REFERENCE_ROWS[table]})" if table in REFERENCE_ROWS else ""
                cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}{own}")
                count = cursor.fetchone()[0]
                if count:
                    in_use[table] = count
    return in_use


def unknown_migrations(applied):
    """Return the applied migrations ("app.name") this version of Löfte does not have."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    for migration in loader.disk_migrations.values():
        known.update(migration.replaces)
    return sorted(m for m in applied if tuple(m.split(".", 1)) not in known)


def libpq_environment(settings_dict):
    """Return the environment that points the PostgreSQL clients at the database."""
    env = dict(os.environ)
    for key, variable in LIBPQ_SETTINGS.items():
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    for option, variable in LIBPQ_OPTIONS.items():
        if settings_dict.get("OPTIONS", {}).get(option):
            env[variable] = str(settings_dict["OPTIONS"][option])
    return env


def _start(args, **kwargs):
    try:
        return subprocess.Popen(args, **kwargs)
    except FileNotFoundError as error:
        raise BackupError(_missing_client(args[0])) from error


def _run_client(*args, what=None):
    """Run a PostgreSQL client against this installation's database; raise if it fails."""
    try:
        result = subprocess.run(
            args,
            env=libpq_environment(connection.settings_dict),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
    except FileNotFoundError as error:
        raise BackupError(_missing_client(args[0])) from error
    if result.returncode != 0:
        errors = result.stderr.decode(errors="replace").strip()
        if what:
            raise BackupError(f"{what} cannot be read: {errors}")
        raise BackupError(f"{args[0]} failed: {errors}")


def _missing_client(program):
    return (
        f"{program} is not installed. Install the PostgreSQL client programs (Debian: "
        f"apt-get install postgresql-client), of the {ENGINE_NAMES['postgresql']} server's "
        f"major version or newer."
    )


def _read(file):
    file.seek(0)
    return file.read().decode(errors="replace").strip()
