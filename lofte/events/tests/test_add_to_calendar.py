"""Add one event to a calendar: an .ics file of that event, and Google's and Outlook's links."""

from urllib.parse import parse_qs, urlsplit

import icalendar
from django.urls import reverse

from lofte.events.tests.test_event_pages import FUTURE, make_event
from lofte.testing import make_promise
from lofte.web import site_host


def test_the_ics_of_one_event_holds_that_event_only_with_its_feed_uid(client, promise):
    event = make_event(promise, FUTURE, title="Vårfest", address="Torget 1")
    make_event(promise, FUTURE, title="Annat")

    response = client.get(reverse("events:event_ics", args=["testby", event.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    calendar = icalendar.Calendar.from_ical(response.content)
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Vårfest"
    assert str(vevent["UID"]) == f"event-{event.pk}@{site_host()}"
    assert vevent.decoded("DTSTART") == FUTURE
    assert str(vevent["LOCATION"]) == "Torget, Torget 1"


def test_the_web_calendar_links_carry_the_title_times_in_utc_and_place(client, promise):
    event = make_event(promise, FUTURE, title="Vårfest", place_name="Torget")

    html = client.get(event.get_absolute_url()).content.decode()
    links = event.calendar_links()

    google = parse_qs(urlsplit(links["google"]).query)
    assert google["text"] == ["Vårfest"]
    assert google["dates"] == ["20990418T090000Z/20990418T120000Z"]
    assert google["location"] == ["Torget"]
    outlook = parse_qs(urlsplit(links["outlook"]).query)
    assert outlook["startdt"] == ["2099-04-18T09:00:00Z"]
    assert outlook["subject"] == ["Vårfest"]
    assert links["google"].replace("&", "&amp;") in html
    assert reverse("events:event_ics", args=["testby", event.pk]) in html


def test_a_draft_promises_event_file_is_a_404_to_residents(client, goteborg):
    draft = make_promise("utkast", kommun=goteborg, status="draft")
    event = make_event(draft, FUTURE)

    response = client.get(reverse("events:event_ics", args=["utkast", event.pk]))

    assert response.status_code == 404
