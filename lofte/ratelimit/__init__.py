"""Rate limits that hold across every worker and server: atomic counters in a shared store.

`hit(name, key, window)` counts one event and returns how many there have been in the window,
which starts at the first event and lasts `window` seconds. With `REDIS_URL` the counter is a
Redis key (INCR and EXPIRE in one script); otherwise a database row changed by one UPDATE.
Keys are hashed: the store holds no one's address or username. When Redis does not answer,
nothing is counted and the error is logged: logins and subscriptions go on, unlimited, rather
than fail for everyone.

    if ratelimit.hit("subscribe", ratelimit.client_key(request), 600) > 5:
        ...  # refuse
"""

import datetime
import functools
import hashlib
import ipaddress
import logging
import math

import redis
from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Case, F, Value, When
from django.utils import timezone

# INCR, and set the expiry on the window's first event (or on a key that somehow has none).
_HIT_SCRIPT = """
local count = redis.call('INCR', KEYS[1])
if count == 1 or redis.call('TTL', KEYS[1]) < 0 then
    redis.call('EXPIRE', KEYS[1], ARGV[1])
end
return count
"""

logger = logging.getLogger(__name__)


def client_key(request):
    """Return the client's address as a key; IPv6 by its /64, which one subscriber holds whole."""
    address = request.META.get("REMOTE_ADDR", "")
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        if parsed.ipv4_mapped:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def hit(name, key, window):
    """Count one event for `key` under `name`; return the count in the current window."""
    if settings.REDIS_URL:
        return _unless_redis_fails(_redis_hit, _store_key(name, key), window, otherwise=0)
    return _db_hit(_store_key(name, key), window)


def peek(name, key):
    """Return (count, seconds until the window ends) without counting; (0, 0) if none."""
    if settings.REDIS_URL:
        return _unless_redis_fails(_redis_peek, _store_key(name, key), otherwise=(0, 0))
    return _db_peek(_store_key(name, key))


def reset(name, key):
    """Forget the count for `key` under `name`."""
    if settings.REDIS_URL:
        _unless_redis_fails(_redis_reset, _store_key(name, key), otherwise=None)
    else:
        _counters().filter(key=_store_key(name, key)).delete()


def _store_key(name, key):
    digest = hashlib.sha256(f"{name}\0{key}".encode()).hexdigest()[:40]
    # The cache's prefix keeps sites (and test runs) that share one Redis apart.
    return cache.make_key(f"ratelimit:{name}:{digest}")


def _counters():
    # Imported late: this package is an app, loaded before its models may be.
    from lofte.ratelimit.models import Counter

    return Counter.objects


@functools.cache
def _redis(url):
    # A Redis that does not answer must not hold a request up for long.
    return redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)


def _unless_redis_fails(function, *args, otherwise):
    try:
        return function(_redis(settings.REDIS_URL), *args)
    except redis.RedisError:
        logger.exception("Rate limits not counted: Redis at REDIS_URL does not answer")
        return otherwise


def _redis_hit(client, key, window):
    return int(client.eval(_HIT_SCRIPT, 1, key, int(window)))


def _redis_reset(client, key):
    client.delete(key)


def _redis_peek(client, key):
    with client.pipeline() as pipe:
        count, ttl_ms = pipe.get(key).pttl(key).execute()
    if count is None or ttl_ms <= 0:
        return 0, 0
    return int(count), math.ceil(ttl_ms / 1000)


def _db_hit(key, window):
    counters = _counters()
    now = timezone.now()
    ends = now + datetime.timedelta(seconds=window)
    for _attempt in range(2):
        with transaction.atomic():
            # One statement: the database counts two workers' hits one after the other, and
            # an ended window starts again at 1.
            ended = {"expires_at__lte": now}
            changed = counters.filter(key=key).update(
                count=Case(When(**ended, then=Value(1)), default=F("count") + 1),
                expires_at=Case(When(**ended, then=Value(ends)), default=F("expires_at")),
            )
            if changed:
                # This transaction holds the row until it commits: the count read is ours.
                return counters.values_list("count", flat=True).get(key=key)
            try:
                with transaction.atomic():
                    counters.create(key=key, count=1, expires_at=ends)
            except IntegrityError:
                continue  # another worker made the row first: count on it
            # Ended windows go when new ones start, so the table stays as small as the traffic.
            counters.filter(expires_at__lte=now).delete()
            return 1
    raise RuntimeError(f"could not count {key}")


def _db_peek(key):
    now = timezone.now()
    row = _counters().filter(key=key, expires_at__gt=now).first()
    if row is None:
        return 0, 0
    return row.count, math.ceil((row.expires_at - now).total_seconds())
