"""Waits after failed logins, on the site's login page and the admin's.

Two counts, each kept a day from its first failure (`lofte.ratelimit`, shared by all workers):
- an account from one address: five failures are free, then each one means a wait;
- one address, whatever the accounts: twenty are free, then the same waits.
The waits grow, 1, 2, 4, 8 and at most 15 minutes, and only the address that failed waits: an
attacker elsewhere cannot lock a coordinator out, and one on the same network only briefly. A
login that succeeds clears its account's count from that address.
"""

import math

from django.utils.translation import ngettext

from lofte import ratelimit

REMEMBER = 24 * 3600  # seconds a count of failures is kept from the first one
FIRST_WAIT, LONGEST_WAIT = 60, 15 * 60  # seconds
FREE_PER_ACCOUNT, FREE_PER_ADDRESS = 5, 20


def wait_after(failures, free):
    """Return the seconds to wait after `failures` failures of which `free` need no wait."""
    if failures < free:
        return 0
    return min(FIRST_WAIT * 2 ** min(failures - free, 10), LONGEST_WAIT)


class LoginThrottle:
    """The counts that one login attempt (an account name from an address) falls under."""

    def __init__(self, request, username):
        address = ratelimit.client_key(request)
        self.limits = [
            ("login-account", f"{username.strip().casefold()}|{address}", FREE_PER_ACCOUNT),
            ("login-address", address, FREE_PER_ADDRESS),
        ]

    def seconds_to_wait(self):
        return max(ratelimit.peek(f"{name}-wait", key)[1] for name, key, _free in self.limits)

    def failed(self):
        for name, key, free in self.limits:
            wait = wait_after(ratelimit.hit(name, key, REMEMBER), free)
            if wait:
                ratelimit.hit(f"{name}-wait", key, wait)

    def succeeded(self):
        name, key, _free = self.limits[0]
        ratelimit.reset(name, key)


def wait_message(seconds):
    minutes = max(1, math.ceil(seconds / 60))
    return ngettext(
        "Too many failed logins. Please wait %(minutes)s minute and try again.",
        "Too many failed logins. Please wait %(minutes)s minutes and try again.",
        minutes,
    ) % {"minutes": minutes}
