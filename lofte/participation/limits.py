"""Rate limits on what residents send without an account: comments and survey responses.

Counted by the shared rate limits (`lofte.ratelimit.hit`: atomic across workers, in Redis or
the database); `over_limit` is the one place this app counts.

No address is kept in clear. The client is known by `client_key`: an HMAC of its address
(`ratelimit.client_key`: IPv6 by its /64) with a key derived from SECRET_KEY. A plain hash of
an IPv4 address can be reversed by trying all four billion; a salted one cannot without the
secret. The shared store hashes it again and keeps it only for the limit's window.
"""

from django.utils.crypto import salted_hmac

from lofte import ratelimit

# (name, how many, per how many seconds). A citizen dialogue meeting may answer a survey on
# one wifi, from one address: the limits per client leave room for a room full of people.
COMMENTS_PER_CLIENT = ("participation-comment-client", 10, 10 * 60)
COMMENTS_PER_TARGET = ("participation-comment-target", 60, 60 * 60)
RESPONSES_PER_CLIENT = ("participation-response-client", 40, 10 * 60)


def client_key(request):
    """Return a salted hash of the client's address; the same for a whole IPv6 /64."""
    address = ratelimit.client_key(request)
    return salted_hmac("lofte.participation.limits", address).hexdigest()[:32]


def over_limit(limit, key):
    """Count one event for `key` under `limit` (name, most, window); return True once there
    have been more than `most` in the window."""
    name, most, window = limit
    return ratelimit.hit(name, key, window) > most
