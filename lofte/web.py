"""The site's own address, for every absolute URL Löfte gives out.

E-mails, the Atom feed, the iCalendar feed, schema.org data, the JSON's links, hreflang
alternates and the address printed in PDFs all name the site by SITE_URL, never by the
request's Host header: the same page has the same address whichever allowed hostname or
scheme (a proxy that ends TLS) the request came through, and e-mails sent without a request
agree with pages.
"""

from urllib.parse import urlsplit

from django.conf import settings


def absolute_url(path):
    """Return the absolute address of `path` (which starts with "/") on this site."""
    return settings.SITE_URL.rstrip("/") + path


def site_host():
    """Return SITE_URL's host name, for identifiers that must stay the same (tag URIs, UIDs)."""
    return urlsplit(settings.SITE_URL).hostname or "lofte"
