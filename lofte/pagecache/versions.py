"""The content version: one token in the shared cache that every committed content write changes.

Writes are seen at the SQL level, by an execute wrapper on every database connection
(`watch_connection`, on `connection_created`), so `save()`, `QuerySet.update()`,
`bulk_create`, `bulk_update`, deletes and raw SQL all count, from a web worker, a command or a
background worker. A write to a table no page shows (`ignored_tables`: sessions, the cache
table itself, rate-limit counters, …) does not. Inside a transaction the token changes at the first
write and again once it has committed (`transaction.on_commit`), so no reader can keep a copy
of the old content under the token that is current after the commit.

The token is random, never a counter: if the cache loses it (evicted, Redis restarted), the
next reader makes a new one, and no page kept under an old token can ever match again.
"""

import atexit
import base64
import pickle
import re
import secrets
import threading

from django.apps import apps
from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache
from django.db import DEFAULT_DB_ALIAS, connections, router

KEY = "pagecache:version"
# Statements that change nothing: reads, transactions, settings.
READS = ("SELECT", "SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN", "COMMIT", "SET", "SHOW", "PRAGMA")
READS += ("EXPLAIN",)
DDL = ("CREATE", "ALTER", "DROP", "COMMENT")
CONTROL = ("SET", "BEGIN", "START", "SAVEPOINT", "RELEASE", "ROLLBACK", "COMMIT", "PRAGMA")
TABLE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?([\w.]+)"?', re.IGNORECASE)
# Logging in saves only the time of the login, which no public page shows.
LAST_LOGIN = re.compile(r'^\s*UPDATE\s+"?auth_user"?\s+SET\s+"?last_login"?\s*=\s*%s\s+WHERE', re.I)
# Tables of other apps' machinery no page shows, by prefix: the background tasks' queue.
IGNORED_PREFIXES = ("django_tasks",)
IGNORED_MODELS = (
    "sessions.Session",
    "ratelimit.Counter",
    "indicators.ApiCall",
    "indicators.ApiThrottle",
    "api.ApiToken",
    "admin.LogEntry",
    # The background work's own bookkeeping (leases renewed every 20 s, deliveries, schedule):
    # shown only on coordinators' pages, which are never cached.
    "background.Job",
    "background.Delivery",
    "background.ScheduleRun",
)


_state = threading.local()  # per thread, as connections are: .pending, .read_since_bump


def current():
    """Return the content version, making one if the cache has none."""
    flush()
    _state.read_since_bump = True
    token = _read()
    if token is None:
        cache.add(KEY, secrets.token_hex(8), None)
        token = cache.get(KEY)
    return token


def _read():
    """cache.get(KEY), read straight from the database cache's table when that is the cache:
    the one look-up of every kept page's answer, a third of the cost of DatabaseCache.get
    (whose stored form, base64 of a pickle, this reads; the version is kept without expiry)."""
    backend = caches["default"]
    if not isinstance(backend, DatabaseCache):
        return cache.get(KEY)
    connection = connections[router.db_for_read(backend.cache_model_class)]
    table = connection.ops.quote_name(backend._table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT value FROM {table} WHERE cache_key = %s",  # noqa: S608 (a table name)
            [backend.make_and_validate_key(KEY)],
        )
        row = cursor.fetchone()
    return pickle.loads(base64.b64decode(row[0].encode())) if row else None


def bump():
    """Replace the content version: every page kept so far is stale."""
    _state.pending = False
    _state.read_since_bump = False
    cache.set(KEY, secrets.token_hex(8), None)


def flush():
    """Make the bump a write left pending (`WriteWatcher`), if any."""
    if getattr(_state, "pending", False):
        bump()


def flush_between_transactions():
    """flush(), unless a transaction is open: the bump would commit or roll back with it (the
    transaction's own bump after its commit is registered already)."""
    if not connections[DEFAULT_DB_ALIAS].in_atomic_block:
        flush()


_ignored = None


def ignored_tables():
    global _ignored
    if _ignored is None:
        tables = {
            apps.get_model(label)._meta.db_table
            for label in IGNORED_MODELS
            if apps.is_installed(apps.get_app_config(label.split(".")[0]).name)
        }
        for alias in settings.CACHES.values():
            if alias["BACKEND"].endswith("DatabaseCache"):
                tables.add(alias["LOCATION"])
        _ignored = frozenset(tables)
    return _ignored


def changes_content(sql):
    """True when `sql` may change what a page shows (unknown statements count as changes).

    Schema changes are left to `migrate`, which bumps once it has finished (`after_migrate`).
    """
    head = sql.lstrip(" \t\r\n(")[:10].upper()  # "(SELECT …) UNION (SELECT …)" too
    if head.startswith(READS) or head.startswith(DDL):
        return False
    match = TABLE.match(sql)
    if match is None:
        return True  # DDL, TRUNCATE, anything else: assume the worst
    table = match.group(1).lower()
    if table in ignored_tables() or table.startswith(IGNORED_PREFIXES):
        return False
    return not LAST_LOGIN.match(sql)


def _bump_after_commit(alias, sql):
    """Bump once the current transaction of `alias` commits (at once, outside one).

    With the database cache, a statement whose rows have not been read yet (SQLite keeps an
    INSERT … RETURNING open until then) would make the cache's own write on the same
    connection fail, silently. Then, and inside a transaction, the bump is left pending, and
    made before the next statement outside a transaction, when the version is next
    read, when the page cache's middleware hands back the response, at the end of a request
    and when the process exits.
    """
    connection = connections[alias]
    if not connection.in_atomic_block:
        if "RETURNING" in sql.upper() and isinstance(caches["default"], DatabaseCache):
            _state.pending = True
        else:
            _bump_guarded()
        return
    # Once per transaction (a rolled-back savepoint's callback is gone, so look again): soon,
    # which a database cache keeps inside this very transaction, and again after the commit,
    # for Redis, where a reader may have kept the old content under the first new token. The
    # first is needed again only once this thread has read the version since.
    if not any(func is bump for _sids, func, _robust in connection.run_on_commit):
        _state.pending = True
        connection.on_commit(bump)
    elif getattr(_state, "read_since_bump", True):
        _state.pending = True


class WriteWatcher:
    """Execute wrapper: after a statement that changes content succeeds, bump on commit."""

    def __init__(self, alias):
        self.alias = alias

    def __call__(self, execute, sql, params, many, context):
        # A pending bump is made only between transactions: inside one it would commit or
        # roll back with it, and before a SET TRANSACTION it would break it.
        if (
            getattr(_state, "pending", False)
            and not _in_bump()
            and not connections[self.alias].in_atomic_block
            and not sql.lstrip()[:10].upper().startswith(CONTROL)
        ):
            _bump_guarded()
        result = execute(sql, params, many, context)
        if not _migrating and changes_content(sql):
            _bump_after_commit(self.alias, sql)
        return result


def _in_bump():
    return getattr(_state, "bumping", False)


def _bump_guarded():
    """bump() from inside a statement's wrapper: its own statements must not recurse."""
    _state.bumping = True
    try:
        bump()
    finally:
        _state.bumping = False


def watch_connection(sender, connection, **kwargs):
    if not any(isinstance(w, WriteWatcher) for w in connection.execute_wrappers):
        connection.execute_wrappers.append(WriteWatcher(connection.alias))


# While `migrate` runs, the cache's table may not exist yet: one bump when it has finished (a
# deploy runs migrate, so new templates are never answered with pages the old ones made).
_migrating = False


def before_migrate(**kwargs):
    global _migrating
    _migrating = True


def flush_at_request_end(**kwargs):
    flush_between_transactions()


def _flush_at_exit():
    try:
        flush_between_transactions()
    except Exception:  # noqa: BLE001 (the cache or database may be gone by now)
        pass


atexit.register(_flush_at_exit)


def after_migrate(**kwargs):
    global _migrating
    _migrating = False
    bump()
