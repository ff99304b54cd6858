"""A resident whose browser asks for Arabic reads the promise right to left on a phone."""

import pytest

from lofte.browser import axe_violations

pytestmark = pytest.mark.browser


def test_an_arabic_reader_gets_the_promise_right_to_left_on_a_360_px_phone(
    browser, live_server, demo
):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, device_scale_factor=2, locale="ar"
    )
    page = context.new_page()
    page.goto(live_server.url + "/medborgarloften/hisings-backa/")
    assert page.url == live_server.url + "/ar/medborgarloften/hisings-backa/"
    assert page.evaluate("document.documentElement.lang") == "ar"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert page.locator("h1").inner_text() == "وعد المواطنين لحي هيسينغس باكا"
    # A text nobody translated reads left to right, in Swedish, with the note in Arabic.
    background = page.locator("p[lang=sv]").first
    assert background.evaluate("e => getComputedStyle(e).direction") == "ltr"
    assert axe_violations(page) == []
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"page is {width} px wide"

    # The switch, a plain link, remembers Swedish over what the browser asks for.
    page.get_by_role("link", name="Svenska").click()
    assert page.url == live_server.url + "/medborgarloften/hisings-backa/"
    page.goto(live_server.url + "/medborgarloften/hisings-backa/hela/")
    assert page.evaluate("document.documentElement.lang") == "sv"
    context.close()


def test_the_arabic_persian_and_somali_pages_pass_axe_on_a_phone(browser, live_server, demo):
    commitment = demo.commitments().get(title="Läxhjälp efter skoltid")
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    problems = {}
    for path in (
        f"/ar/medborgarloften/hisings-backa/ataganden/{commitment.pk}/",
        "/ar/medborgarloften/hisings-backa/hela/",
        "/fa/medborgarloften/hisings-backa/",
        "/so/medborgarloften/hisings-backa/",
    ):
        assert page.goto(live_server.url + path).status == 200
        found = axe_violations(page)
        if page.evaluate("document.documentElement.scrollWidth") > 360:
            found.append("wider than 360 px")
        if found:
            problems[path] = found
    context.close()
    assert problems == {}
