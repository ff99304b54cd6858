"""The Content-Security-Policy in a real Chromium: the harness sees violations, the admin has none.

Every browser test fails on a violation (lofte/conftest.py, `no_security_policy_violations`);
these tests show that the check can fail, and drive the admin, whose scripts must all be files.
"""

import pytest

from lofte.events.models import Event

pytestmark = pytest.mark.browser

STRICT = "default-src 'self'; script-src 'self'; style-src 'self'"


def test_the_harness_reports_inline_script_and_style_that_the_policy_refuses(browser):
    page = browser.new_page()
    page.route(
        "http://lofte.invalid/",
        lambda route: route.fulfill(
            body='<p style="color: red">x</p><script>document.title = "ran"</script>',
            headers={"Content-Type": "text/html", "Content-Security-Policy": STRICT},
        ),
    )
    page.goto("http://lofte.invalid/")
    assert page.title() != "ran"
    problems = " ".join(browser.take_problems())
    page.close()
    assert "script-src" in problems
    assert "style-src" in problems


def test_a_coordinator_edits_a_promise_and_an_event_in_the_admin_without_a_violation(
    browser, live_server, demo
):
    page = browser.new_page()
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "polis")
    page.fill("#id_password", "demo-polis")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")

    response = page.goto(live_server.url + f"/admin/promises/promise/{demo.pk}/change/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    # The two-box picker is drawn by the admin's JavaScript: it ran.
    assert page.locator(".selector-available").count() >= 1
    page.locator(".add-row a").first.click()

    event = Event.objects.filter(promise=demo).first()
    page.goto(live_server.url + f"/admin/events/event/{event.pk}/change/")
    page.locator(".datetimeshortcuts a").first.click()  # "Today", from DateTimeShortcuts.js
    page.goto(live_server.url + "/admin/events/event/?starts_at__year=2024")
    assert page.locator("#result_list").count() == 1
    page.close()
