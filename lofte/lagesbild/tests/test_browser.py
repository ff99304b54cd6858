"""The demo's lägesbild in a real Chromium: WCAG 2.1 AA by axe-core, a 360 px phone, no
JavaScript needed; the analyst's edit form too."""

import pytest

from lofte.browser import axe_violations
from lofte.lagesbild.models import Lagesbild

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


def test_the_hisings_backa_lagesbild_passes_axe_on_a_phone_without_javascript(
    browser, live_server, demo
):
    lagesbild = Lagesbild.objects.get()
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + lagesbild.get_absolute_url())
    assert page.locator("svg.area-map path.focus").count() == 1
    assert page.locator("svg.line-chart").count() >= 5
    assert page.locator("[style]").count() == 0
    context.close()
    # axe needs JavaScript in the page to run; the page itself needs none.
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + lagesbild.get_absolute_url())
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.goto(live_server.url + "/en" + lagesbild.get_absolute_url())
    assert axe_violations(page) == []
    context.close()


def test_the_analysts_edit_form_passes_axe(browser, live_server, demo):
    lagesbild = Lagesbild.objects.get()
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + "/konto/logga-in/")
    page.fill("#id_username", "analytiker")
    page.fill("#id_password", "demo-analytiker")
    page.click("form button[type=submit]")
    page.wait_for_url("**/konto/")
    page.goto(live_server.url + lagesbild.get_absolute_url() + "redigera/")
    assert axe_violations(page) == []
    page.fill("#id_period_end", "2020-01-01")
    page.click("form button[type=submit]")
    page.wait_for_selector("#id_period_end_errors")
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()
