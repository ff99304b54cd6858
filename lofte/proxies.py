"""Who the client is, behind a reverse proxy we trust, and no one else's word for it.

With `TRUSTED_PROXIES` set, a request that comes from one of those addresses has its client
address taken from X-Forwarded-For (the nearest address that is not itself a trusted proxy),
and may say it came over https in X-Forwarded-Proto (`SECURE_PROXY_SSL_HEADER`). A request from
anywhere else has both headers dropped before any other code sees them, so no one can pick the
address that rate limits and login waits count against, or pass as https.
"""

import ipaddress

from django.conf import settings

FORWARDED = ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO")


def _networks(entries):
    return [ipaddress.ip_network(entry, strict=False) for entry in entries]


def _address(text):
    try:
        return ipaddress.ip_address((text or "").strip())
    except ValueError:
        return None


def _trusted(address, proxies):
    return address is not None and any(address in net for net in proxies)


def client_address(proxy_addr, forwarded_for, proxies):
    """Return the client's address from a trusted proxy's X-Forwarded-For."""
    # Each proxy appends the address it heard from: read from the right, past our own proxies.
    for hop in reversed((forwarded_for or "").split(",")):
        address = _address(hop)
        if address is None:
            # Garbled: count the request against the proxy rather than trust what lies beyond.
            return proxy_addr
        if not _trusted(address, proxies):
            return str(address)
    return proxy_addr


class TrustedProxyMiddleware:
    """Set REMOTE_ADDR to the real client; drop forwarded headers that no trusted proxy sent."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.proxies = _networks(settings.TRUSTED_PROXIES)

    def __call__(self, request):
        meta = request.META
        if _trusted(_address(meta.get("REMOTE_ADDR")), self.proxies):
            meta["REMOTE_ADDR"] = client_address(
                meta["REMOTE_ADDR"], meta.get("HTTP_X_FORWARDED_FOR"), self.proxies
            )
        else:
            for header in FORWARDED:
                meta.pop(header, None)
        return self.get_response(request)
