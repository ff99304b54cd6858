"""The API's token authentication and its rate limits on lofte.ratelimit's shared counters."""

from django.conf import settings
from ninja.errors import Throttled
from ninja.security import HttpBearer
from ninja.throttling import BaseThrottle

from lofte import ratelimit
from lofte.api.models import ApiToken

# Wrong tokens one address may send in ten minutes before it is answered 429.
BAD_TOKENS = 20


class SharedLimit(BaseThrottle):
    """A rate limit on lofte.ratelimit's shared counters, keyed by token or client address."""

    def __init__(self, name, setting, window=60):
        self.name, self.setting, self.window = name, setting, window

    def allow_request(self, request):
        token = getattr(request, "auth", None)
        key = f"token:{token.pk}" if isinstance(token, ApiToken) else ratelimit.client_key(request)
        return ratelimit.hit(self.name, key, self.window) <= getattr(settings, self.setting)

    def wait(self):
        return self.window


class TokenAuth(HttpBearer):
    """`Authorization: Bearer lofte_…`: the request acts as the token's owner."""

    def authenticate(self, request, token):
        found = ApiToken.objects.authenticate(token)
        if found is None:
            # Guesses are counted per address and answered 429 past the limit; a valid token
            # always works, so nobody behind the same address is locked out by them.
            if ratelimit.hit("api-bad-token", ratelimit.client_key(request), 600) > BAD_TOKENS:
                raise Throttled(wait=600)
            return None
        found.mark_used()
        request.user = found.user
        return found
