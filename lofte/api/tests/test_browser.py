"""The open-data page and the tokens page in a real Chromium on a phone: axe-core's WCAG 2.1
AA rules and nothing wider than the screen."""

import pytest

from lofte.followup.tests.test_backoffice_browser import PHONE, log_in, problems_on

pytestmark = pytest.mark.browser


def test_the_open_data_pages_pass_axe_on_a_phone(browser, live_server, demo):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    problems = problems_on(page, live_server, ["/oppna-data/", "/en/oppna-data/"])
    page = log_in(context, live_server, "polis", "demo-polis")
    page.goto(live_server.url + "/konto/api-nycklar/")
    page.fill("#id_name", "Vårt system")
    page.click("form button[type=submit]")
    page.wait_for_selector("#new-token")
    assert page.locator("#new-token").inner_text().startswith("lofte_")
    problems.update(problems_on(page, live_server, ["/konto/api-nycklar/"]))
    page.click("form[action$='/aterkalla/'] button")
    page.wait_for_url("**/konto/api-nycklar/")
    assert "återkallad" in page.content() or "revoked" in page.content()
    problems.update(problems_on(page, live_server, ["/konto/api-nycklar/"]))
    context.close()
    assert problems == {}
