"""The site's own address, for every absolute URL Löfte gives out.

E-mails, the Atom feed, the iCalendar feed, schema.org data, the JSON's links, hreflang
alternates and the address printed in PDFs all name the site by SITE_URL, never by the
request's Host header: the same page has the same address whichever allowed hostname or
scheme (a proxy that ends TLS) the request came through, and e-mails sent without a request
agree with pages.
"""

from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language


def absolute_url(path):
    """Return the absolute address of `path` (which starts with "/") on this site."""
    return settings.SITE_URL.rstrip("/") + path


def site_host():
    """Return SITE_URL's host name, for identifiers that must stay the same (tag URIs, UIDs)."""
    return urlsplit(settings.SITE_URL).hostname or "lofte"


def linked_url(viewname, *args):
    """reverse(viewname, args=args), remembered: for the links a page repeats hundreds of times
    (each commitment's actors on a large promise's page took a tenth of its time in reverse).

    Remembered per URL configuration, language (the /en/ prefix) and script prefix, and
    forgotten when the URL configuration setting changes (tests override it).
    """
    return _linked_url(viewname, args, get_urlconf(), get_language(), get_script_prefix())


@lru_cache(maxsize=20_000)
def _linked_url(viewname, args, urlconf, language, script_prefix):
    return reverse(viewname, urlconf=urlconf, args=args)


@receiver(setting_changed)
def _forget_linked_urls(setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _linked_url.cache_clear()
