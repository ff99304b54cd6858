"""Rate limits on what residents send without an account: comments and survey responses.

Counted in Django's cache, as the subscription form on main counts (lofte/followup): `add()`
starts a window, `incr()` counts in it. A colleague is moving rate limits into a shared
module with atomic counting across workers (`lofte.ratelimit.hit(name, key, window)` on the
`security` branch); `over_limit` is the one place to switch to it.

No address is kept in clear. The client is known by `client_key`: an HMAC of its address
(IPv6 by its /64) with a key derived from SECRET_KEY, so the cache holds a salted hash, not an
address, and only for as long as the window lasts (the cache entry expires with it).
"""

import ipaddress

from django.core.cache import cache
from django.utils.crypto import salted_hmac

PREFIX = "lofte:participation:"

# (name, how many, per how many seconds). A citizen dialogue meeting may answer a survey on
# one wifi, from one address: the limits per client leave room for a room full of people.
COMMENTS_PER_CLIENT = ("comment-client", 10, 10 * 60)
COMMENTS_PER_TARGET = ("comment-target", 60, 60 * 60)
RESPONSES_PER_CLIENT = ("response-client", 40, 10 * 60)


def client_key(request):
    """Return a salted hash of the client's address; the same for a whole IPv6 /64."""
    address = request.META.get("REMOTE_ADDR", "")
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        parsed = None
    if parsed is not None and parsed.version == 6:
        if parsed.ipv4_mapped:
            address = str(parsed.ipv4_mapped)
        else:
            address = str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return salted_hmac("lofte.participation.limits", address).hexdigest()[:32]


def over_limit(limit, key):
    """Count one event for `key` under `limit` (name, most, window); return True once there
    have been more than `most` in the window."""
    name, most, window = limit
    cache_key = f"{PREFIX}{name}:{key}"
    cache.add(cache_key, 0, window)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # the window ended between add() and incr()
        cache.set(cache_key, 1, window)
        count = 1
    return count > most
