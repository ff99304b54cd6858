"""Incident reporting in a real Chromium: a caretaker reports from a 360 px phone, with and
without the position button; the coordinator's summaries and the residents' page pass axe."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import expect

from lofte.actors.models import Organisation
from lofte.areas.models import Area
from lofte.browser import axe_violations
from lofte.incidents.examples import load_example_incidents
from lofte.incidents.models import IncidentReport, Place
from lofte.kommuner.models import Kommun, KommunMembership

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


def yesterday():
    return (timezone.localdate() - datetime.timedelta(days=1)).isoformat()


def log_in(context, live_server, username):
    page = context.new_page()
    page.goto(live_server.url + "/en/konto/logga-in/")
    page.fill("#id_username", username)
    page.fill("#id_password", "secret-pass-1")
    page.click("form button[type=submit]")
    page.wait_for_url("**/konto/")
    return page


@pytest.fixture
def people(transactional_db):
    goteborg = Kommun.objects.get(code="1480")
    housing = Organisation.objects.create(
        name="Bostadsbolaget Exempel", slug="bostad-exempel", kind="housing", is_example=True
    )
    area = Area.objects.create(name="Backa", kind="mellanomrade", code="71", kommun=goteborg)
    Place.objects.create(kommun=goteborg, name="Selma Lagerlöfs torg", area=area)
    for username, role, organisation in (
        ("vera", "reporter", housing),
        ("cora", "coordinator", None),
    ):
        user = User.objects.create_user(username, password="secret-pass-1")
        KommunMembership.objects.create(
            user=user, kommun=goteborg, role=role, organisation=organisation
        )
    return goteborg


def test_a_caretaker_reports_from_a_phone_with_the_position_button(browser, live_server, people):
    context = browser.new_context(
        viewport=PHONE,
        geolocation={"latitude": 57.746512, "longitude": 11.987034},
        permissions=["geolocation"],
    )
    page = log_in(context, live_server, "vera")
    page.goto(live_server.url + "/en/kommun/goteborg/incidenter/rapportera/")
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.locator("[style]").count() == 0
    page.check("text=Klotter")
    page.click("[data-use-position]")
    # Waits without evaluating a string, which the Content-Security-Policy forbids.
    expect(page.locator("#id_latitude")).to_have_value("57.746512")
    page.fill("#id_occurred_on", yesterday())
    page.fill("#id_time_of_day", "07:15")
    page.fill("#id_text", "Kalle Anka klottrade på elskåpet.")
    page.click("form button[type=submit]")
    # Held: the text looks like a name; the page says so accessibly, the position is kept.
    page.wait_for_selector("#id_not_personal")
    assert axe_violations(page) == []
    assert page.input_value("#id_latitude") == "57.746512"
    page.fill("#id_text", "Nytt klotter på elskåpet.")
    page.click("form button[type=submit]")
    page.wait_for_selector(".messages")
    report = IncidentReport.objects.get()
    assert (str(report.latitude), str(report.longitude)) == ("57.746512", "11.987034")
    assert report.part_of_day == "morning"
    context.close()


def test_without_javascript_the_form_works_with_a_named_place(browser, live_server, people):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = log_in(context, live_server, "vera")
    page.goto(live_server.url + "/en/kommun/goteborg/incidenter/rapportera/")
    assert not page.locator("[data-use-position]").is_visible()
    page.check("text=Trasig belysning")
    page.select_option("#id_place", label="Selma Lagerlöfs torg")
    page.fill("#id_occurred_on", yesterday())
    page.fill("#id_time_of_day", "06:30")
    page.fill("#id_text", "Anna Svensson sa att lampan är trasig.")
    page.click("form button[type=submit]")
    # Held: the text looks like a name. The reporter removes it and sends again.
    page.wait_for_selector("#id_not_personal")
    page.fill("#id_text", "Lampan vid entrén är trasig.")
    page.click("form button[type=submit]")
    page.wait_for_selector(".messages")
    assert IncidentReport.objects.get().place.name == "Selma Lagerlöfs torg"
    context.close()


def test_the_summaries_and_the_residents_page_pass_axe(browser, live_server, people):
    load_example_incidents(people, 300)
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    page = log_in(context, live_server, "cora")
    for path in ("oversikt/", "oversikt/?period=2025-W10", "rapporter/", "checklista/", "platser/"):
        page.goto(live_server.url + "/en/kommun/goteborg/incidenter/" + path)
        assert axe_violations(page) == [], path
        assert page.locator("[style]").count() == 0, path
    phone = browser.new_context(viewport=PHONE).new_page()
    phone.goto(live_server.url + "/kommun/goteborg/incidenter/")
    assert axe_violations(phone) == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()
