"""Fetching the Police's events from their API, within the rules the Police set for it.

The Police ask clients to send a User-Agent, use HTTPS, wait at least 10 seconds between
calls, make at most 60 calls an hour and 1,440 a day, and treat 404 as final. The calls are
logged in the database (`ApiCall`), under a row lock (`ApiThrottle`), so the limits hold
across runs and across processes started at the same time.
"""

import datetime
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lofte.indicators.importing import MAX_IMPORT_BYTES
from lofte.indicators.models import ApiCall, ApiThrottle

API = "polisen-events"
EVENTS_URL = "https://polisen.se/api/events"
MIN_INTERVAL = datetime.timedelta(seconds=10)
PER_HOUR = 60
PER_DAY = 1440
TIMEOUT = 30  # seconds
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


class FetchStopped(Exception):
    """The fetch stopped: a 404, a limit reached, a timeout or an error. Not retried."""


@dataclass
class Response:
    status: int
    body: bytes


def urllib_transport(url, headers, timeout):
    """GET the URL; return its status and body (at most the import size limit, plus one byte)."""
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310
            return Response(answer.status, answer.read(MAX_IMPORT_BYTES + 1))
    except urllib.error.HTTPError as e:
        return Response(e.code, b"")
    except TimeoutError as e:
        raise FetchStopped(
            _("The Police's API did not answer within %(s)s seconds.") % {"s": timeout}
        ) from e
    except urllib.error.URLError as e:
        if isinstance(e.reason, TimeoutError):
            raise FetchStopped(
                _("The Police's API did not answer within %(s)s seconds.") % {"s": timeout}
            ) from e
        raise FetchStopped(
            _("The Police's API could not be reached: %(e)s") % {"e": e.reason}
        ) from e


def user_agent(contact):
    """Return the User-Agent: Löfte, its version, the site and who to contact."""
    try:
        release = version("lofte")
    except PackageNotFoundError:
        release = "dev"
    return f"Lofte/{release} (+{settings.SITE_URL}; {contact})"


class Throttle:
    """Keep calls to one API at least MIN_INTERVAL apart and within the hourly and daily caps."""

    def __init__(self, api=API, *, now=None, sleep=None):
        self.api = api
        self.now = now or timezone.now
        self.sleep = sleep or (lambda seconds: time.sleep(seconds))

    def reserve(self, url):
        """Wait until a call is allowed and log it; return the ApiCall. Raise FetchStopped
        when the hour's or the day's calls are spent."""
        while True:
            with transaction.atomic():
                ApiThrottle.objects.get_or_create(api=self.api)
                ApiThrottle.objects.select_for_update().get(api=self.api)
                now = self.now()
                calls = ApiCall.objects.filter(api=self.api)
                calls.filter(at__lt=now - datetime.timedelta(days=2)).delete()
                if calls.filter(at__gt=now - datetime.timedelta(days=1)).count() >= PER_DAY:
                    raise FetchStopped(
                        _("%(n)s calls to the Police's API in the last day: wait before the next.")
                        % {"n": PER_DAY}
                    )
                if calls.filter(at__gt=now - datetime.timedelta(hours=1)).count() >= PER_HOUR:
                    raise FetchStopped(
                        _("%(n)s calls to the Police's API in the last hour: wait before the next.")
                        % {"n": PER_HOUR}
                    )
                last = calls.order_by("-at").values_list("at", flat=True).first()
                wait = (last + MIN_INTERVAL - now).total_seconds() if last else 0
                if wait <= 0:
                    return ApiCall.objects.create(api=self.api, at=now, url=url[:500])
            self.sleep(wait)


def events_url(base=EVENTS_URL, *, locations=(), types=(), date=""):
    """Return the API address with its filters: places and types joined by ";" as the API asks."""
    params = {}
    if locations:
        params["locationname"] = ";".join(locations)
    if types:
        params["type"] = ";".join(types)
    if date:
        params["DateTime"] = date
    return base + ("?" + urllib.parse.urlencode(params) if params else "")


def fetch_events(url, *, contact, transport=urllib_transport, throttle=None):
    """Fetch the events at the URL, politely; return the body. Raise FetchStopped otherwise."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme != "https" and parts.hostname not in LOCAL_HOSTS:
        raise FetchStopped(_("The Police's API is called over HTTPS only."))
    if not contact:
        raise FetchStopped(_("Say who to contact about the calls (LOFTE_CONTACT or --contact)."))
    call = (throttle or Throttle()).reserve(url)
    headers = {"User-Agent": user_agent(contact), "Accept": "application/json"}
    response = transport(url, headers, TIMEOUT)
    call.status = response.status
    call.save(update_fields=["status"])
    if response.status == 404:
        raise FetchStopped(_("The Police's API answered 404 (not found). This is final: stopping."))
    if response.status != 200:
        raise FetchStopped(
            _("The Police's API answered %(status)s. Stopping; try again later.")
            % {"status": response.status}
        )
    if len(response.body) > MAX_IMPORT_BYTES:
        raise FetchStopped(_("The Police's API answered with more than the import size limit."))
    return response.body
