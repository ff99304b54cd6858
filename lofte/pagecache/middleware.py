"""The page cache's middleware: answer anonymous GETs from the shared cache, keep what it may.

Early in MIDDLEWARE (after WhiteNoise, before sessions, locale and auth), so a hit costs one
look-up of the content version in the shared cache and, on an app server that has served the
page since the version last changed, none more: the page itself is then in this process's
memory (`_local`), found by a key that holds the version, so it is exactly as fresh as the
shared cache says. A miss renders the page through the rest of the stack and keeps it.
"""

import hashlib
import re
import secrets
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.middleware.csrf import (
    CSRF_ALLOWED_CHARS,
    CSRF_SECRET_LENGTH,
    CsrfViewMiddleware,
)
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

from lofte.languages import chosen_language
from lofte.pagecache import versions

# The public pages and files kept: view names (namespace:name). Anything else is never kept.
CACHED_PAGES = frozenset(
    {
        "front:home",
        "legal:privacy",
        "api:docs",
        "promises:detail",
        "promises:whole",
        "promises:whole_pdf",
        "promises:json",
        "promises:contact",
        "promises:commitment",
        "actors:detail",
        "progress:timeline",
        "progress:feed",
        "progress:report",
        "progress:report_pdf",
        "progress:report_xlsx",
        "events:index",
        "events:detail",
        "events:event_ics",
        "events:ical",
        "participation:comments",
        "participation:commitment_comments",
        "participation:surveys",
        "participation:survey",
        "participation:results",
        "participation:results_csv",
        "lagesbild:index",
        "lagesbild:detail",
        "lagesbild:csv",
        "lagesbild:pdf",
        "incidents:public",
        "national:kommuner",
        "national:kommun",
        "evaluation:catalogue",
        "evaluation:entry",
        "evaluation:report",
        "evaluation:report_csv",
        "evaluation:report_pdf",
        "opendata:catalogue_ttl",
        "opendata:catalogue_rdf",
        "opendata:package_zip",
        "opendata:package_json",
        "opendata:package_csv",
    }
)
# In a kept page these stand for what is made afresh for each answer. Text from people is
# escaped in HTML, so a "<" never comes from it.
CSRF_PLACEHOLDER = b"<lofte-csrf-token>"
NONCE_PLACEHOLDER = b"<lofte-csp-nonce>"
CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")([A-Za-z0-9]{32,64})(")')
KEY_PREFIX = "pagecache:page:"
MODIFIED_PREFIX = "pagecache:modified:"
LOCAL_MAX_ENTRIES = 300
PATHS_MAX = 10_000

_csrf = CsrfViewMiddleware(lambda request: None)
_local = OrderedDict()  # key -> (expires at, monotonic, Entry)
_cacheable_paths = {}  # (language, path) -> bool


class Entry:
    """A kept answer: status, headers, the body with placeholders, its validators."""

    # What is kept in the shared cache; `parts` is made from it in each process.
    KEPT = ("status", "headers", "body", "csrf", "nonce", "etag", "modified")
    __slots__ = (*KEPT, "parts")

    def __init__(self, status, headers, body, csrf, nonce, etag, modified):
        self.status, self.headers, self.body = status, headers, body
        self.csrf, self.nonce, self.etag, self.modified = csrf, nonce, etag, modified
        self._cut()

    def _cut(self):
        # The body cut at its CSRF placeholders, once: searching 140 kB for them on every
        # answer was a third of what a kept page cost beyond a bare view.
        self.parts = tuple(self.body.split(CSRF_PLACEHOLDER)) if self.csrf else None

    def __getstate__(self):
        return tuple(getattr(self, name) for name in self.KEPT)

    def __setstate__(self, state):
        for name, value in zip(self.KEPT, state, strict=True):
            setattr(self, name, value)
        self._cut()

    def response(self, request):
        """Return this page as an answer to `request`, its per-visitor parts made afresh."""
        body = self.body
        if self.csrf:
            _csrf.process_request(request)  # the visitor's CSRF secret, or a new one
            parts = self.parts
            body = parts[0] + b"".join(_csrf_token(request).encode() + p for p in parts[1:])
        if self.nonce:
            body = body.replace(NONCE_PLACEHOLDER, str(request.csp_nonce).encode())
        response = HttpResponse(body, status=self.status)
        for name, value in self.headers:
            response.headers[name] = value
        response.headers["Content-Length"] = str(len(body))
        etag = self.etag
        if self.csrf:
            _csrf.process_response(request, response)  # sets the cookie, Vary: Cookie
            if etag:
                # The copy a browser holds is good while its token is: for the same secret.
                secret = hashlib.sha256(request.META["CSRF_COOKIE"].encode()).hexdigest()
                etag = f'"{etag[1:-1]}-{secret[:16]}"'
        if etag:
            response.headers["ETag"] = etag
            if self.modified:
                response.headers["Last-Modified"] = http_date(self.modified)
            return get_conditional_response(
                request, etag=etag, last_modified=self.modified, response=response
            )
        return response


def _csrf_string():
    """A random string of CSRF_SECRET_LENGTH of CSRF_ALLOWED_CHARS, as Django makes one, from
    one call for random bytes (get_random_string's one call per character is the largest
    cost of a kept page's answer). Bytes of 248 and over are dropped: no character is likelier.
    """
    n = len(CSRF_ALLOWED_CHARS)
    limit = 256 - 256 % n
    chars = []
    while len(chars) < CSRF_SECRET_LENGTH:
        chars += [CSRF_ALLOWED_CHARS[b % n] for b in secrets.token_bytes(48) if b < limit]
    return "".join(chars[:CSRF_SECRET_LENGTH])


def _csrf_token(request):
    """django.middleware.csrf.get_token, on _csrf_string: the visitor's secret (or a new one,
    whose cookie CsrfViewMiddleware.process_response then sets), masked afresh. The tests post
    with it under Django's own CSRF check."""
    secret = request.META.get("CSRF_COOKIE")
    if secret is None:
        secret = request.META["CSRF_COOKIE"] = _csrf_string()
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    mask = _csrf_string()
    chars, n = CSRF_ALLOWED_CHARS, len(CSRF_ALLOWED_CHARS)
    cipher = "".join(
        chars[(chars.index(x) + chars.index(y)) % n] for x, y in zip(secret, mask, strict=True)
    )
    return mask + cipher


def _language(request):
    """The page's language, or None when the reader is to be sent to another language."""
    code = translation.get_language_from_path(request.path_info)
    if code:
        return code
    chosen = chosen_language(request)
    if chosen and chosen != settings.LANGUAGE_CODE:
        return None  # ReadersLanguageMiddleware redirects
    return settings.LANGUAGE_CODE


def _is_cacheable(code, path):
    """True when `path` (in language `code`) is one of CACHED_PAGES; remembered per process."""
    known = _cacheable_paths.get((code, path))
    if known is None:
        if len(_cacheable_paths) >= PATHS_MAX:
            _cacheable_paths.clear()
        with translation.override(code):
            try:
                match = resolve(path)
            except Resolver404:
                known = False
            else:
                known = match.view_name in CACHED_PAGES
        _cacheable_paths[(code, path)] = known
    return known


def _anonymous(request):
    cookies = request.COOKIES
    return not (
        settings.SESSION_COOKIE_NAME in cookies
        or "messages" in cookies
        or "HTTP_AUTHORIZATION" in request.META
    )


def _page_id(request, code):
    return "|".join(
        (
            request.scheme,
            request.get_host(),
            request.path,
            request.META.get("QUERY_STRING", ""),
            code,
        )
    )


def _local_get(key):
    found = _local.get(key)
    if found is None:
        return None
    expires, entry = found
    if expires < time.monotonic():
        _local.pop(key, None)
        return None
    _local.move_to_end(key)
    return entry


def _local_put(key, entry, seconds):
    _local[key] = (time.monotonic() + seconds, entry)
    while len(_local) > LOCAL_MAX_ENTRIES:
        _local.popitem(last=False)


def clear_local():
    """Forget this process's copies (tests; the shared cache decides freshness anyway)."""
    _local.clear()
    _cacheable_paths.clear()


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self._respond(request)
        # A change is on every server's next page before this answer is sent.
        versions.flush_between_transactions()
        return response

    def _respond(self, request):
        if (
            not settings.PAGE_CACHE
            or request.method not in ("GET", "HEAD")
            or not _anonymous(request)
        ):
            return self.get_response(request)
        code = _language(request)
        if code is None or not _is_cacheable(code, request.path_info):
            return self.get_response(request)
        try:
            page_id = _page_id(request, code)
        except DisallowedHost:
            return self.get_response(request)  # the stack answers 400
        version = versions.current()
        key = (
            KEY_PREFIX
            + hashlib.sha256(
                f"{page_id}|{timezone.localdate().isoformat()}|{version}".encode()
            ).hexdigest()
        )
        entry = _local_get(key)
        if entry is None:
            entry = cache.get(key)
            if entry is not None:
                _local_put(key, entry, settings.PAGE_CACHE_SECONDS)
        if entry is not None:
            return entry.response(request)

        response = self.get_response(request)
        entry = self._keepable(request, response, page_id)
        if entry is None:
            return response
        cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
        _local_put(key, entry, settings.PAGE_CACHE_SECONDS)
        return entry.response(request)

    def _keepable(self, request, response, page_id):
        """Return the response as an Entry to keep, or None when it must not be kept."""
        user = getattr(request, "user", None)
        if (
            request.method != "GET"
            or response.status_code != 200
            or response.streaming
            or (user is not None and user.is_authenticated)
            or set(response.cookies) - {settings.CSRF_COOKIE_NAME}
            or any(
                word in response.get("Cache-Control", "")
                for word in ("private", "no-store", "no-cache")
            )
            or len(response.content) > settings.PAGE_CACHE_MAX_BYTES
        ):
            return None
        body = response.content
        body, csrf = CSRF_INPUT.subn(lambda m: m[1] + CSRF_PLACEHOLDER + m[3], body)
        nonce = getattr(request, "_csp_nonce", None)
        has_nonce = bool(nonce) and nonce.encode() in body
        if has_nonce:
            body = body.replace(nonce.encode(), NONCE_PLACEHOLDER)
        patch_vary_headers(response, ("Cookie",))
        etag = modified = None
        if has_nonce:
            # Each answer has its own nonce, and a 304 would pair a new policy with an old
            # page: nothing to revalidate, and for this visitor only.
            response.headers["Cache-Control"] = "private, no-cache"
        else:
            # Browsers may keep it but ask each time (no-cache), so a change is seen at once;
            # an unchanged page costs them a 304. With a resident's form (a CSRF token) the
            # copy is this visitor's (private), its ETag made for their CSRF secret, and no
            # Last-Modified: a date cannot say whether their token is still good.
            response.headers["Cache-Control"] = "private, no-cache" if csrf else "no-cache"
            etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
            modified = None if csrf else _next_modified(page_id)
        dropped = {"Content-Length", "ETag", "Last-Modified"}
        headers = [(k, v) for k, v in response.headers.items() if k not in dropped]
        return Entry(response.status_code, headers, body, bool(csrf), has_nonce, etag, modified)


def _next_modified(page_id):
    """Now, in whole seconds, but always later than the page's last Last-Modified: a visitor
    holding the copy before a change, made the same second, never gets a 304 for it."""
    key = MODIFIED_PREFIX + hashlib.sha256(page_id.encode()).hexdigest()
    now = int(time.time())
    previous = cache.get(key) or 0
    modified = max(now, previous + 1)
    cache.set(key, modified, 7 * 24 * 3600)
    return modified
