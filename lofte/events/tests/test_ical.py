import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from lofte.events.models import Event

STOCKHOLM = ZoneInfo("Europe/Stockholm")
SUMMER = datetime.datetime(2099, 4, 18, 11, 0, tzinfo=STOCKHOLM)
WINTER = datetime.datetime(2001, 1, 20, 18, 0, tzinfo=STOCKHOLM)


@pytest.fixture(autouse=True)
def swedish():
    """Build URLs in Swedish: a request to /en/ leaves English active in the thread."""
    with translation.override("sv"):
        yield


@pytest.fixture
def events(promise):
    return [
        Event.objects.create(
            promise=promise,
            title="Trygghetsvandring i centrum",
            description="Vi går tillsammans; ta med reflexväst, ficklampa och gott humör. " * 4,
            place_name="Stadshuset",
            address="Storgatan 1, 123 45 Testby",
            latitude="59.329300",
            longitude="18.068600",
            starts_at=SUMMER,
            ends_at=SUMMER + datetime.timedelta(hours=3),
            audience="alla",
        ),
        Event.objects.create(
            promise=promise,
            title="Öppet möte om löftet",
            place_name="Biblioteket",
            starts_at=WINTER,
            ends_at=WINTER + datetime.timedelta(hours=2),
        ),
    ]


def get_feed(client, slug="testby"):
    return client.get(reverse("events:ical", args=[slug]))


def vevents_by_summary(response):
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}


def test_it_serves_a_calendar(client, events):
    response = get_feed(client)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    assert calendar["X-WR-CALNAME"] == "Medborgarlöfte testby"
    assert calendar["X-WR-TIMEZONE"] == "Europe/Stockholm"


def test_it_has_every_event_past_and_upcoming(client, events):
    assert set(vevents_by_summary(get_feed(client))) == {
        "Trygghetsvandring i centrum",
        "Öppet möte om löftet",
    }


def test_it_has_no_events_of_other_promises(client, events, other_promise):
    Event.objects.create(
        promise=other_promise, title="Annat", place_name="Där", starts_at=SUMMER, ends_at=SUMMER
    )

    assert len(vevents_by_summary(get_feed(client))) == 2


def test_it_gives_start_and_end_in_stockholm_time(client, events):
    walk = vevents_by_summary(get_feed(client))["Trygghetsvandring i centrum"]

    assert walk.decoded("DTSTART") == SUMMER
    assert walk.decoded("DTEND") == SUMMER + datetime.timedelta(hours=3)
    assert walk["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert walk["DTEND"].params["TZID"] == "Europe/Stockholm"


def test_it_writes_local_times_with_a_tzid(client, events):
    text = get_feed(client).content.decode()

    assert "DTSTART;TZID=Europe/Stockholm:20990418T110000\r\n" in text
    assert "DTSTART;TZID=Europe/Stockholm:20010120T180000\r\n" in text


def test_it_includes_a_vtimezone_for_stockholm(client, events):
    calendar = icalendar.Calendar.from_ical(get_feed(client).content)

    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Stockholm"]
    assert calendar.get_missing_tzids() == set()


def test_it_includes_a_vtimezone_even_without_events(client, promise):
    calendar = icalendar.Calendar.from_ical(get_feed(client).content)

    assert calendar.walk("VEVENT") == []
    assert len(calendar.walk("VTIMEZONE")) == 1


def test_it_describes_each_event(client, events):
    walk = vevents_by_summary(get_feed(client))["Trygghetsvandring i centrum"]

    assert str(walk["DESCRIPTION"]).startswith("Vi går tillsammans; ta med reflexväst, ficklampa")
    assert walk["LOCATION"] == "Stadshuset, Storgatan 1, 123 45 Testby"
    assert walk["GEO"].latitude == pytest.approx(59.3293)
    assert walk["GEO"].longitude == pytest.approx(18.0686)
    assert walk["URL"] == f"{settings.SITE_URL}{events[0].get_absolute_url()}"
    updated_at = events[0].updated_at.replace(microsecond=0)  # iCalendar counts whole seconds
    assert walk.decoded("LAST-MODIFIED") == updated_at
    assert walk.decoded("DTSTAMP") == updated_at


def test_it_leaves_out_what_an_event_does_not_have(client, events):
    meeting = vevents_by_summary(get_feed(client))["Öppet möte om löftet"]

    assert meeting["LOCATION"] == "Biblioteket"
    assert "GEO" not in meeting
    assert "DESCRIPTION" not in meeting


def test_it_keeps_each_uid_across_requests(client, events):
    def uids():
        return {str(e["UID"]) for e in vevents_by_summary(get_feed(client)).values()}

    first = uids()
    assert len(first) == 2
    assert uids() == first
    assert f"event-{events[0].pk}@localhost" in first


def test_it_folds_lines_at_75_octets_and_ends_them_with_crlf(client, events):
    body = get_feed(client).content

    assert body.endswith(b"\r\n")
    lines = body.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines), "the long description is folded"


def test_it_escapes_text_values(client, events):
    text = get_feed(client).content.decode().replace("\r\n ", "")  # unfolded

    assert "DESCRIPTION;LANGUAGE=sv:Vi går tillsammans\\; ta med reflexväst\\, ficklampa" in text


def test_the_calendar_of_a_draft_is_hidden_from_anonymous(client, draft):
    assert get_feed(client, "utkast").status_code == 404


@pytest.mark.parametrize("person", ["dana", "charlie"])
def test_the_calendar_of_a_draft_is_hidden_from_people_outside_it(client, draft, person, request):
    client.force_login(request.getfixturevalue(person))

    assert get_feed(client, "utkast").status_code == 404


def test_the_calendar_of_a_draft_is_shown_to_its_member(client, draft, alice):
    from lofte.promises.models import Membership

    Membership.objects.create(user=alice, promise=draft, role=Membership.Role.COORDINATOR)
    client.force_login(alice)

    assert get_feed(client, "utkast").status_code == 200


def test_it_answers_404_for_an_unknown_promise(client, db):
    assert get_feed(client, "finns-inte").status_code == 404
