"""The cast every test can use.

`testby` is a promise of Göteborg (1480), `annanstad` one of Malmö (1280).

alice: police coordinator of the promise `testby`;
bob: kommun coordinator of `testby`;
erik: editor for the actor `aktor-testby-0` in `testby` (reports on its commitments);
fatima: editor for another actor of `testby`, `aktor-testby-2`;
charlie: coordinator of another promise, `annanstad`;
rosa: reader of `testby` (sees its whole follow-up, changes nothing), not staff;
dana: logged in, with no rights in any promise;
anonymous: the test client without a login.

Roles in a kommun (KommunMembership), which reach every promise of the kommun:
greta: Göteborg's kommun coordinator (coordinates `testby` through her kommun), staff;
axel: Göteborg's analyst (reads all of `testby`, changes nothing there), staff;
rut: Göteborg's local reporter for the partner `bostadsbolaget-exempel` (nothing in promises);
mats: Malmö's kommun coordinator (coordinates `annanstad`, nothing of Göteborg's), staff.

In `testby` (lofte.testing.make_promise) commitment i has the actors i % 3 and (i + 1) % 3:
erik's actor 0 is on commitments 0, 2 and 3; fatima's actor 2 on 1 and 2. So commitment 0
is erik's and not fatima's, and commitment 2 is both.
"""

import os
import secrets

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.utils import translation

from lofte.actors.models import Organisation
from lofte.kommuner.models import KommunMembership
from lofte.promises.models import Membership, Promise
from lofte.testing import forget_cache_and_rate_limits, get_kommun, make_promise


def pytest_configure(config):
    # Fast hashing: tests make many users, and their passwords protect nothing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The test client and the live server speak plain http, as the demo does (HTTPS=0).
    settings.SECURE_SSL_REDIRECT = False
    settings.SECURE_HSTS_SECONDS = 0
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    # A Redis server is shared: this run's keys, and only they, are this run's to delete.
    settings.CACHES["default"]["KEY_PREFIX"] = f"lofte-test-{secrets.token_hex(6)}"
    # Pages are rendered afresh, so each app's tests count their own pages' queries and may
    # change settings between requests; lofte/pagecache's tests (and those that ask) turn the
    # page cache on.
    settings.PAGE_CACHE = False


def _uses_database(request):
    marker = request.node.get_closest_marker("django_db")
    return marker is not None or bool(
        {"db", "transactional_db", "live_server"} & set(request.fixturenames)
    )


@pytest.fixture(autouse=True)
def empty_cache(request, django_db_blocker):
    """Every test starts with an empty cache and no rate limit spent.

    A test's own database transaction takes back what it cached; what a live-server test left
    in the database cache, or any test in Redis, is emptied here.
    """
    if settings.REDIS_URL:
        forget_cache_and_rate_limits()
    elif _uses_database(request):
        request.getfixturevalue("django_db_setup")
        with django_db_blocker.unblock():
            forget_cache_and_rate_limits()
    yield
    if settings.REDIS_URL:
        forget_cache_and_rate_limits()


@pytest.fixture(autouse=True)
def kommuner(request, django_db_blocker):
    """SCB's kommuner, which a migration loads, are there for every test, also after an
    earlier transactional test's flush emptied every table."""
    if _uses_database(request):
        from lofte.kommuner.models import Kommun

        request.getfixturevalue("django_db_setup")
        with django_db_blocker.unblock():
            Kommun.objects.load()


@pytest.fixture(autouse=True)
def swedish():
    """Start every test in Swedish: a request to /en/ must not leak English into the next."""
    with translation.override("sv"):
        yield


def _user(username, **extra):
    return User.objects.create_user(username, f"{username}@example.se", "secret-pass-1", **extra)


@pytest.fixture
def goteborg(db):
    return get_kommun("1480")


@pytest.fixture
def malmo(db):
    return get_kommun("1280")


@pytest.fixture
def promise(goteborg):
    return make_promise("testby", kommun=goteborg)


@pytest.fixture
def other_promise(malmo):
    return make_promise("annanstad", kommun=malmo)


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


def _kommun_member(username, kommun, role, organisation=None, **extra):
    """Return a new user with a role in the kommun (a local reporter's for the organisation)."""
    user = _user(username, first_name=username.capitalize(), **extra)
    KommunMembership.objects.create(user=user, kommun=kommun, role=role, organisation=organisation)
    return user


@pytest.fixture
def greta(promise, goteborg):
    return _kommun_member("greta", goteborg, KommunMembership.Role.COORDINATOR, is_staff=True)


@pytest.fixture
def axel(promise, goteborg):
    return _kommun_member("axel", goteborg, KommunMembership.Role.ANALYST, is_staff=True)


@pytest.fixture
def partner(goteborg):
    """A housing company in Göteborg whose staff report incidents: not an actor of a promise."""
    return Organisation.objects.create(
        name="Bostadsbolaget (exempel)",
        slug="bostadsbolaget-exempel",
        kind=Organisation.Kind.HOUSING,
        is_example=True,
        kommun=goteborg,
    )


@pytest.fixture
def rut(promise, goteborg, partner):
    return _kommun_member("rut", goteborg, KommunMembership.Role.REPORTER, partner)


@pytest.fixture
def mats(other_promise, malmo):
    return _kommun_member("mats", malmo, KommunMembership.Role.COORDINATOR, is_staff=True)


@pytest.fixture
def draft(goteborg):
    return make_promise("utkast", status=Promise.Status.DRAFT, kommun=goteborg)


@pytest.fixture(scope="session")
def browser():
    """A headless Debian Chromium shared by the browser tests of a run."""
    from playwright.sync_api import sync_playwright

    from lofte.browser import WatchedBrowser, launch

    # Playwright's sync API runs an event loop in this thread; the tests' ORM calls are still
    # synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield WatchedBrowser(browser)
        browser.close()


@pytest.fixture(autouse=True)
def no_security_policy_violations(request):
    """A browser test fails on any Content-Security-Policy violation or policy error."""
    if "browser" not in request.fixturenames:
        yield
        return
    browser = request.getfixturevalue("browser")
    browser.take_problems()
    yield
    problems = browser.take_problems()
    assert not problems, "\n".join(problems)


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
