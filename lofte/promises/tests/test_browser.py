"""The public pages in a real Chromium: WCAG 2.1 AA by axe-core, a 360 px phone, no JavaScript."""

import pytest

from lofte.browser import axe_violations
from lofte.events.models import Event

pytestmark = pytest.mark.browser


def public_paths(promise):
    commitment = promise.commitments().first()
    actor = commitment.actors.first()
    event = Event.objects.filter(promise=promise).first()
    return [
        "/",
        "/medborgarloften/hisings-backa/",
        "/medborgarloften/hisings-backa/hela/",
        f"/medborgarloften/hisings-backa/ataganden/{commitment.pk}/",
        f"/aktorer/{actor.slug}/",
        "/medborgarloften/hisings-backa/handelser/",
        f"/medborgarloften/hisings-backa/handelser/{event.pk}/",
        "/medborgarloften/hisings-backa/kontakt/",
        "/en/medborgarloften/hisings-backa/",
        "/konto/logga-in/",
        # Follow-up as residents see it.
        "/medborgarloften/hisings-backa/uppfoljning/",
        "/medborgarloften/hisings-backa/rapport/",
        "/medborgarloften/hisings-backa/prenumerera/",
        "/en/medborgarloften/hisings-backa/rapport/",
    ]


def test_the_demo_promise_page_passes_axe_in_chromium(browser, live_server, demo):
    page = browser.new_page()
    page.goto(live_server.url + "/medborgarloften/hisings-backa/")
    assert page.locator("h1").inner_text() == demo.title
    assert axe_violations(page) == []
    page.close()


def test_every_public_page_passes_axe_on_a_360_px_phone(browser, live_server, demo):
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2)
    page = context.new_page()
    problems = {}
    for path in public_paths(demo):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        found = axe_violations(page)
        # Nothing may stick out sideways on a phone.
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            found.append(f"page is {width} px wide")
        if found:
            problems[path] = found
    context.close()
    assert problems == {}


def test_the_filters_work_without_javascript(browser, live_server, demo):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/medborgarloften/hisings-backa/")
    page.select_option("#fokus", "familj")
    page.click("form.filters button[type=submit]")
    headings = page.locator("section.focus-area h3").all_inner_texts()
    assert headings == ["Familj"]
    assert "fokus=familj" in page.url
    context.close()


def test_a_large_promise_listed_briefly_passes_axe_on_a_phone_and_opens_a_focus_area(
    browser, live_server, transactional_db
):
    from lofte.promises.models import Promise
    from lofte.testing import make_promise

    make_promise("stor", actors=8, commitments=Promise.DETAILED_LIST_LIMIT + 20)
    phone = {"viewport": {"width": 360, "height": 740}}
    context = browser.new_context(**phone)
    page = context.new_page()
    for language in ("", "/ar"):
        page.goto(f"{live_server.url}{language}/medborgarloften/stor/")
        assert page.locator("li.card.brief").count() == Promise.DETAILED_LIST_LIMIT + 20
        assert axe_violations(page) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()
    # A focus area's details are a link away, without JavaScript.
    context = browser.new_context(java_script_enabled=False, **phone)
    page = context.new_page()
    page.goto(f"{live_server.url}/medborgarloften/stor/")
    page.locator("a[href='?fokus=skola#promises']").click()
    assert "fokus=skola" in page.url
    assert page.locator("li.card.brief").count() == 0
    assert page.locator("section.focus-area details").count() == 30
    context.close()
