"""Registering for an event in a real Chromium on a 360 px phone: every page passes axe-core's
WCAG 2.1 AA rules, nothing sticks out sideways, and it all works without JavaScript."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone

from lofte.browser import phone_problems as check
from lofte.events.models import Event, Registration

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


def upcoming(promise):
    """An event ahead of today with registration (the demo's own events have all been)."""
    starts = timezone.now() + datetime.timedelta(days=14)
    return Event.objects.create(
        promise=promise,
        title="Dialogmöte om nästa löfte",
        place_name="Träffpunkt Backa (exempel)",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        registration=True,
        capacity=40,
    )


def test_a_resident_on_a_phone_registers_and_cancels(browser, live_server, demo):
    event = upcoming(demo)
    context = browser.new_context(viewport=PHONE, device_scale_factor=2)
    page = context.new_page()
    page.goto(live_server.url + event.get_absolute_url())
    assert "40 platser kvar" in page.content()
    assert check(page) == []

    # A mistyped address: the error is on the page, in Swedish, and axe is still content.
    page.fill("#id_email", "inte-en-adress")
    page.click("form.registration-form button[type=submit]")
    page.wait_for_selector(".errors[role=alert]")
    assert "Skriv en e-postadress som namn@example.se." in page.content()
    assert check(page) == []

    page.fill("#id_email", "boende@example.se")
    page.select_option("#id_places", "3")
    page.click("form.registration-form button[type=submit]")
    page.wait_for_url("**/anmalan/tack/")
    assert check(page) == []
    registration = Registration.objects.get(email="boende@example.se")
    assert (registration.places, registration.state) == (3, "confirmed")

    link = re.search(r"http\S+/avboka/", mail.outbox[-1].body).group(0)
    page.goto(live_server.url + urlsplit(link).path)
    assert check(page) == []
    page.click("main form button[type=submit]")
    page.wait_for_selector("[role=status]")
    assert page.locator("h1").inner_text() == "Din anmälan är avbokad"
    assert check(page) == []
    assert not Registration.objects.filter(email="boende@example.se").exists()
    context.close()


def test_registering_works_without_javascript(browser, live_server, demo):
    event = upcoming(demo)
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/en" + event.get_absolute_url())
    assert not page.locator("#id_webbplats").is_visible()
    page.fill("#id_email", "utan-js@example.se")
    page.click("form.registration-form button[type=submit]")
    page.wait_for_url("**/anmalan/tack/")
    assert Registration.objects.get(email="utan-js@example.se").language == "en"
    context.close()


def test_an_event_with_its_record_and_the_report_pass_axe_on_a_phone(browser, live_server, demo):
    recorded = Event.objects.get(record__isnull=False)
    context = browser.new_context(viewport=PHONE, device_scale_factor=2)
    page = context.new_page()
    problems = {}
    for path in [
        recorded.get_absolute_url(),
        "/en" + recorded.get_absolute_url(),
        "/medborgarloften/hisings-backa/rapport/",
    ]:
        assert page.goto(live_server.url + path).status == 200, path
        found = check(page)
        if found:
            problems[path] = found
    assert "Ungefär 45 personer kom." in page.content()
    context.close()
    assert problems == {}
