"""The kommun's pages in a real Chromium: WCAG 2.1 AA by axe-core on a 360 px phone."""

import pytest

from lofte.browser import axe_violations
from lofte.followup.tests.test_backoffice_browser import PHONE, log_in, problems_on

pytestmark = pytest.mark.browser


def test_the_kommun_coordinators_pages_pass_axe_on_a_360_px_phone(browser, live_server, demo):
    paths = [
        "/kommun/goteborg/personer/",
        f"/uppfoljning/{demo.slug}/personer/",
        "/konto/",
        "/en/kommun/goteborg/personer/",
    ]
    context = browser.new_context(viewport=PHONE, device_scale_factor=2)
    page = log_in(context, live_server, "kommun", "demo-kommun")
    problems = problems_on(page, live_server, paths)
    # The invitation form with its errors.
    page.goto(live_server.url + "/kommun/goteborg/personer/")
    page.select_option("#id_role", "reporter")
    page.fill("#id_email", "ny.rapportor@example.se")
    page.click("form.form button[type=submit]")
    page.wait_for_selector("#id_organisation_errors")
    on_errors = axe_violations(page)
    context.close()
    assert problems == {}
    assert on_errors == []


def test_the_analysts_and_the_reporters_account_pass_axe(browser, live_server, demo):
    for username in ("analytiker", "rapportor"):
        context = browser.new_context(viewport=PHONE, device_scale_factor=2)
        page = log_in(context, live_server, username, f"demo-{username}")
        assert problems_on(page, live_server, ["/konto/"]) == {}, username
        context.close()
