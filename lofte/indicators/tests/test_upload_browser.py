"""The analyst's upload in a real Chromium: WCAG 2.1 AA by axe-core on a 360 px phone."""

import pytest

from lofte.browser import axe_violations
from lofte.indicators.models import IndicatorImport
from lofte.indicators.tests.conftest import BRA_SHORT, DATA

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


def log_in(context, live_server):
    page = context.new_page()
    page.goto(live_server.url + "/konto/logga-in/")
    page.fill("#id_username", "analytiker")
    page.fill("#id_password", "demo-analytiker")
    page.click("form button[type=submit]")
    page.wait_for_url("**/konto/")
    return page


def problems(page):
    found = axe_violations(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > PHONE["width"]:
        found.append(f"page is {width} px wide")
    return found


def test_upload_errors_confirmation_and_result_pass_axe_on_a_360_px_phone(
    browser, live_server, demo, tmp_path
):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2)
    page = log_in(context, live_server)
    page.goto(live_server.url + "/indikatorer/importera/")
    assert problems(page) == []

    bad = tmp_path / "fel.csv"
    bad.write_text("year,area,crime_type,count\n2024,Göteborg kommun,misshandel,många\n")
    page.check("#id_format_2")
    page.set_input_files("#id_file", str(bad))
    page.click("form.form button[type=submit]")
    page.wait_for_selector("table.import-errors")
    assert problems(page) == []

    page.check("#id_format_2")
    page.set_input_files("#id_file", str(DATA / BRA_SHORT))
    page.click("form.form button[type=submit]")
    page.wait_for_url("**/indikatorer/importera/*/")
    assert "Bekräfta importen" in page.content()
    assert problems(page) == []

    page.click("button[value=confirm]")
    page.wait_for_url("**/indikatorer/importer/*/")
    assert problems(page) == []
    context.close()
    assert IndicatorImport.objects.filter(via="upload", state="saved").count() == 1
