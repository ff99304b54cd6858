"""The accessibility statement, its report form and the privacy page in a real Chromium, on a
360 px phone and without JavaScript: axe-core's WCAG 2.1 AA rules find nothing."""

import re

import pytest

from lofte.browser import phone_problems as check
from lofte.legal.models import ProblemReport

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
# The form's action keeps its "#report" (back to the form, on errors): the browser carries it on.
THANKS = re.compile(r"/tillganglighet/tack/(#report)?$")


def test_a_resident_reports_a_problem_on_a_phone(browser, live_server, demo):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2)
    page = context.new_page()
    page.goto(live_server.url + "/medborgarloften/hisings-backa/")
    assert check(page) == []
    page.click("footer a[href='/tillganglighet/']")
    page.wait_for_url("**/tillganglighet/")
    assert page.locator("h1").inner_text() == "Tillgänglighet för Löfte"
    assert check(page) == []

    page.click("form.problem-form button[type=submit]")
    page.wait_for_selector(".errors[role=alert]")
    assert "Beskriv problemet." in page.content()
    assert check(page) == []

    page.fill("#id_page", "Startsidan")
    page.fill("#id_description", "Länkarna i sidfoten är svåra att träffa.")
    page.click("form.problem-form button[type=submit]")
    page.wait_for_url(THANKS)
    assert check(page) == []
    assert ProblemReport.objects.get().description == "Länkarna i sidfoten är svåra att träffa."
    context.close()


def test_the_statement_and_the_privacy_page_pass_axe_in_both_languages(
    browser, live_server, transactional_db
):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2)
    page = context.new_page()
    problems = {}
    for path in [
        "/tillganglighet/",
        "/en/tillganglighet/",
        "/tillganglighet/tack/",
        "/personuppgifter/",
        "/en/personuppgifter/",
    ]:
        assert page.goto(live_server.url + path).status == 200, path
        found = check(page)
        if found:
            problems[path] = found
    context.close()
    assert problems == {}


def test_reporting_works_without_javascript(browser, live_server, transactional_db):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/en/tillganglighet/")
    assert not page.locator("#id_webbplats").is_visible()
    page.fill("#id_description", "Utan JavaScript.")
    page.click("form.problem-form button[type=submit]")
    page.wait_for_url(THANKS)
    assert ProblemReport.objects.get().description == "Utan JavaScript."
    context.close()
