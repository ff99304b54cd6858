"""The cast every test can use.

alice: police coordinator of the promise `testby`;
bob: kommun coordinator of `testby`;
erik: editor for the actor `aktor-testby-0` in `testby` (reports on its commitments);
fatima: editor for another actor of `testby`, `aktor-testby-2`;
charlie: coordinator of another promise, `annanstad`;
rosa: reader of `testby` (sees its whole follow-up, changes nothing), not staff;
dana: logged in, with no rights in any promise;
anonymous: the test client without a login.

In `testby` (lofte.testing.make_promise) commitment i has the actors i % 3 and (i + 1) % 3:
erik's actor 0 is on commitments 0, 2 and 3; fatima's actor 2 on 1 and 2. So commitment 0
is erik's and not fatima's, and commitment 2 is both.
"""

import os

import pytest
from django.contrib.auth.models import User
from django.utils import translation

from lofte.actors.models import Organisation
from lofte.promises.models import Membership, Promise
from lofte.testing import make_promise


def pytest_configure(config):
    from django.conf import settings

    # Fast hashing: tests make many users, and their passwords protect nothing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate limits live in the cache: every test starts with none spent."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def swedish():
    """Start every test in Swedish: a request to /en/ must not leak English into the next."""
    with translation.override("sv"):
        yield


def _user(username, **extra):
    return User.objects.create_user(username, f"{username}@example.se", "secret-pass-1", **extra)


@pytest.fixture
def promise(db):
    return make_promise("testby")


@pytest.fixture
def other_promise(db):
    return make_promise("annanstad")


def _member(username, promise, role, organisation=None, **extra):
    """Return a new user with a role in the promise (an editor's for the organisation's slug)."""
    user = _user(username, first_name=username.capitalize(), **extra)
    if organisation:
        organisation = Organisation.objects.get(slug=organisation)
    Membership.objects.create(user=user, promise=promise, role=role, organisation=organisation)
    return user


@pytest.fixture
def alice(promise):
    return _member("alice", promise, Membership.Role.COORDINATOR, is_staff=True)


@pytest.fixture
def bob(promise):
    return _member("bob", promise, Membership.Role.COORDINATOR, is_staff=True)


@pytest.fixture
def erik(promise):
    return _member("erik", promise, Membership.Role.EDITOR, "aktor-testby-0")


@pytest.fixture
def fatima(promise):
    return _member("fatima", promise, Membership.Role.EDITOR, "aktor-testby-2")


@pytest.fixture
def rosa(promise):
    return _member("rosa", promise, Membership.Role.READER)


@pytest.fixture
def periods(promise):
    """The quarterly reporting periods of `testby` (2024-01-01 – 2025-12-31): eight."""
    from lofte.followup.models import ReportingPeriod

    return ReportingPeriod.objects.bulk_create(ReportingPeriod.quarters_for(promise))


@pytest.fixture
def charlie(other_promise):
    return _member("charlie", other_promise, Membership.Role.COORDINATOR, is_staff=True)


@pytest.fixture
def dana(db):
    return _user("dana", first_name="Dana")


@pytest.fixture
def draft(db):
    return make_promise("utkast", status=Promise.Status.DRAFT)


@pytest.fixture(scope="session")
def browser():
    """A headless Debian Chromium shared by the browser tests of a run."""
    from playwright.sync_api import sync_playwright

    from lofte.browser import launch

    # Playwright's sync API runs an event loop in this thread; the tests' ORM calls are still
    # synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def demo(transactional_db):
    """The Hisings Backa demo data, for tests against a live server."""
    from lofte.demo.load import load_demo
    from lofte.kommuner.models import Kommun, kommun_slugs, read_kommuner

    if not Kommun.objects.exists():
        # An earlier transactional test emptied every table, the 290 kommuner a migration
        # loaded among them.
        kommuner = read_kommuner()
        slugs = kommun_slugs(kommuner)
        Kommun.objects.bulk_create(Kommun(slug=slugs[k["code"]], **k) for k in kommuner)
    return load_demo()
