"""The national pages in a real Chromium: WCAG 2.1 AA by axe-core on a 360 px phone."""

import pytest

from lofte.browser import phone_problems

pytestmark = pytest.mark.browser


def test_the_national_pages_pass_axe_on_a_360_px_phone(browser, live_server, demo):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    problems = {}
    for path in ("/kommuner/", "/kommuner/goteborg/", "/sok/?q=backa", "/en/sok/?q=skola"):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        found = phone_problems(page)
        if found:
            problems[path] = found
    # The search reaches the demo promise and its commitments.
    page.goto(live_server.url + "/sok/?q=backa")
    assert page.locator("a[href='/medborgarloften/hisings-backa/']").count() >= 1
    context.close()
    assert problems == {}
