"""Helpers for the page cache's tests: tell a kept page from a fresh one."""

import pytest
from django.test import Client

from lofte.pagecache import middleware


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    """The cache on, and no copy left in this process from an earlier test."""
    settings.PAGE_CACHE = True
    middleware.clear_local()
    yield
    middleware.clear_local()


def get(client, url, **extra):
    """GET url; return (response, True when it was made afresh rather than kept).

    A kept page is answered before the session middleware, so its request has no session.
    """
    response = client.get(url, **extra)
    return response, hasattr(response.wsgi_request, "session")


def kept(client, url, **extra):
    """GET url twice: the second must come from the cache; return its response."""
    first, _fresh = get(client, url, **extra)
    assert first.status_code == 200, url
    second, fresh = get(client, url, **extra)
    assert second.status_code == 200 and not fresh, f"{url} was not kept"
    return second


@pytest.fixture
def resident():
    """An anonymous resident's browser, with CSRF checks on as in a real browser."""
    return Client(enforce_csrf_checks=True)
