import datetime
import json
import re
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from lofte.events.models import Event
from lofte.testing import make_promise

STOCKHOLM = ZoneInfo("Europe/Stockholm")
FUTURE = datetime.datetime(2099, 4, 18, 11, 0, tzinfo=STOCKHOLM)  # a Saturday, summer time
PAST = datetime.datetime(2001, 1, 20, 18, 0, tzinfo=STOCKHOLM)  # a Saturday, winter time


@pytest.fixture(autouse=True)
def swedish():
    """Build URLs in Swedish: a request to /en/ leaves English active in the thread."""
    with translation.override("sv"):
        yield


def make_event(promise, starts_at=FUTURE, hours=3, **fields):
    fields.setdefault("title", "Trygghetsvandring")
    fields.setdefault("place_name", "Torget")
    return Event.objects.create(
        promise=promise,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=hours),
        **fields,
    )


def json_ld(response):
    html = response.content.decode()
    found = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


@pytest.fixture
def walk(promise):
    return make_event(
        promise,
        title="Trygghetsvandring i centrum",
        description="Vi går tillsammans genom centrum.\n\nTa med reflexväst.",
        place_name="Stadshuset",
        address="Storgatan 1, 123 45 Testby",
        audience="alla som bor i Testby",
        latitude="59.329300",
        longitude="18.068600",
    )


# The list of events


def test_it_splits_upcoming_and_past_events(client, promise):
    make_event(promise, FUTURE, title="Framtida möte")
    make_event(promise, PAST, title="Gammalt möte")

    response = client.get(reverse("events:index", args=["testby"]))

    assert response.status_code == 200
    html = response.content.decode()
    upcoming, past = html.split('id="past"')
    assert "Framtida möte" in upcoming and "Gammalt möte" not in upcoming
    assert "Gammalt möte" in past and "Framtida möte" not in past


def test_it_lists_upcoming_events_soonest_first(client, promise):
    make_event(promise, FUTURE + datetime.timedelta(days=7), title="Andra mötet")
    make_event(promise, FUTURE, title="Första mötet")

    html = client.get(reverse("events:index", args=["testby"])).content.decode()

    assert html.index("Första mötet") < html.index("Andra mötet")


def test_it_shows_when_where_and_for_whom_in_the_list(client, walk):
    response = client.get(reverse("events:index", args=["testby"]))

    assert response.context["upcoming"][0] == walk
    html = response.content.decode()
    assert (
        f'href="{walk.get_absolute_url()}" lang="sv" dir="ltr">Trygghetsvandring i centrum</a>'
        in html
    )
    assert '<time datetime="2099-04-18T11:00:00+02:00">lördag 18 april 2099, 11:00</time>' in html
    assert '<time datetime="2099-04-18T14:00:00+02:00">14:00</time>' in html
    # Each text marked with its language: the place (translatable) and the address.
    assert (
        '<span lang="sv" dir="ltr">Stadshuset</span>, '
        '<span lang="sv" dir="ltr">Storgatan 1, 123 45 Testby</span>'
    ) in html
    assert "alla som bor i Testby" in html


def test_it_shows_both_dates_of_an_event_over_several_days(client, promise):
    make_event(promise, FUTURE, hours=30)

    html = client.get(reverse("events:index", args=["testby"])).content.decode()

    assert "lördag 18 april 2099, 11:00</time> – " in html
    assert "söndag 19 april 2099, 17:00</time>" in html


def test_the_list_and_the_event_page_say_when_in_the_same_words(client, promise):
    same_day = make_event(promise, FUTURE, hours=3)
    overnight = make_event(promise, FUTURE, hours=30)
    listing = client.get(reverse("events:index", args=["testby"])).content.decode()

    for event, when in [
        (
            same_day,
            '<time datetime="2099-04-18T11:00:00+02:00">lördag 18 april 2099, 11:00</time>'
            '–<time datetime="2099-04-18T14:00:00+02:00">14:00</time>',
        ),
        (
            overnight,
            '<time datetime="2099-04-18T11:00:00+02:00">lördag 18 april 2099, 11:00</time>'
            ' – <time datetime="2099-04-19T17:00:00+02:00">söndag 19 april 2099, 17:00</time>',
        ),
    ]:
        assert f'<p class="meta">{when}</p>' in listing
        assert f"<dd>{when}</dd>" in client.get(event.get_absolute_url()).content.decode()


def test_it_says_so_when_there_are_no_events(client, promise):
    response = client.get("/en" + reverse("events:index", args=["testby"]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "No upcoming events are planned right now." in html
    assert "No events have taken place yet." in html


def test_it_links_to_the_promise_and_the_calendar(client, promise):
    response = client.get(reverse("events:index", args=["testby"]))

    html = response.content.decode()
    assert f'href="{promise.get_absolute_url()}"' in html
    assert f'<a class="button" href="{reverse("events:ical", args=["testby"])}">' in html


def test_the_list_announces_its_calendar_feed(client, promise):
    html = client.get(reverse("events:index", args=["testby"])).content.decode()

    head = html.split("</head>")[0]
    assert (
        f'<link rel="alternate" type="text/calendar" '
        f'href="{reverse("events:ical", args=["testby"])}"' in head
    )


def test_the_list_has_one_h1(client, walk):
    html = client.get(reverse("events:index", args=["testby"])).content.decode()

    assert html.count("<h1") == 1


def test_it_runs_as_many_queries_for_twelve_events_as_for_two(client, promise):
    def count_queries(number_of_events):
        Event.objects.all().delete()
        for i in range(number_of_events):
            starts_at = FUTURE if i % 2 else PAST
            make_event(promise, starts_at + datetime.timedelta(days=i), title=f"Möte {i}")
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("events:index", args=["testby"]))
        assert response.status_code == 200
        assert response.content.decode().count('class="card"') == number_of_events
        return len(queries)

    assert count_queries(2) == count_queries(12)


def test_it_runs_as_many_queries_for_a_member_whatever_the_number_of_events(client, alice, promise):
    client.force_login(alice)

    def count_queries(number_of_events):
        Event.objects.all().delete()
        for i in range(number_of_events):
            make_event(promise, FUTURE + datetime.timedelta(days=i))
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("events:index", args=["testby"]))
        return len(queries)

    assert count_queries(2) == count_queries(12)


# One event


def test_it_shows_an_event(client, walk):
    response = client.get(walk.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 lang="sv" dir="ltr">Trygghetsvandring i centrum</h1>' in html
    assert "<p>Vi går tillsammans genom centrum.</p>" in html
    assert '<time datetime="2099-04-18T11:00:00+02:00">lördag 18 april 2099, 11:00</time>' in html
    assert "Stadshuset" in html
    assert "Storgatan 1, 123 45 Testby" in html
    assert "alla som bor i Testby" in html
    assert html.count("<h1") == 1


def test_it_links_the_coordinates_to_openstreetmap(client, walk):
    html = client.get(walk.get_absolute_url()).content.decode()

    osm = "https://www.openstreetmap.org/?mlat=59.3293&amp;mlon=18.0686#map=17/59.3293/18.0686"
    assert f'<a href="{osm}">' in html
    assert "(59.3293, 18.0686)" in html


def test_it_shows_no_map_link_without_coordinates(client, promise):
    event = make_event(promise)

    html = client.get(event.get_absolute_url()).content.decode()

    assert "openstreetmap.org" not in html


def test_it_says_that_a_past_event_has_taken_place(client, promise):
    event = make_event(promise, PAST)

    response = client.get(event.get_absolute_url())

    assert response.context["is_past"] is True
    assert 'class="notice"' in response.content.decode()


def test_the_event_links_to_the_promise_the_list_and_the_calendar(client, walk, promise):
    html = client.get(walk.get_absolute_url()).content.decode()

    assert f'href="{promise.get_absolute_url()}"' in html
    assert f'href="{reverse("events:index", args=["testby"])}"' in html
    head = html.split("</head>")[0]
    assert (
        f'<link rel="alternate" type="text/calendar" '
        f'href="{reverse("events:ical", args=["testby"])}"' in head
    )


def test_it_describes_the_event_as_schema_org_json_ld(client, walk):
    data = json_ld(client.get(walk.get_absolute_url()))

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Event"
    assert data["name"] == "Trygghetsvandring i centrum"
    assert data["description"].startswith("Vi går tillsammans")
    assert data["startDate"] == "2099-04-18T11:00:00+02:00"
    assert data["endDate"] == "2099-04-18T14:00:00+02:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["@type"] == "Place"
    assert data["location"]["name"] == "Stadshuset"
    assert data["location"]["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Storgatan 1, 123 45 Testby",
        "addressCountry": "SE",
    }
    assert data["location"]["geo"]["latitude"] == pytest.approx(59.3293)
    assert data["url"] == f"{settings.SITE_URL}{walk.get_absolute_url()}"


def test_the_json_ld_has_the_winter_offset_in_winter(client, promise):
    event = make_event(promise, PAST)

    data = json_ld(client.get(event.get_absolute_url()))

    assert data["startDate"] == "2001-01-20T18:00:00+01:00"
    assert "geo" not in data["location"]
    assert data["location"]["address"] == {"@type": "PostalAddress", "addressCountry": "SE"}


def test_the_json_ld_names_the_actors_as_organizers(client, walk):
    data = json_ld(client.get(walk.get_absolute_url()))

    assert {o["name"] for o in data["organizer"]} == {
        "Aktör testby 0",
        "Aktör testby 1",
        "Aktör testby 2",
    }
    assert {o["@type"] for o in data["organizer"]} == {"Organization"}


def test_the_json_ld_names_the_promise_when_it_has_no_actors(client, db):
    promise = make_promise("tomby", actors=1, commitments=0)
    event = make_event(promise)

    data = json_ld(client.get(event.get_absolute_url()))

    assert data["organizer"] == [
        {
            "@type": "Organization",
            "name": "Medborgarlöfte tomby",
            "url": f"{settings.SITE_URL}{promise.get_absolute_url()}",
        }
    ]


def test_the_json_ld_cannot_close_its_script_element(client, promise):
    event = make_event(promise, title="</script><script>alert(1)</script>")

    response = client.get(event.get_absolute_url())

    head = response.content.decode().split("</head>")[0]
    assert "<script>alert(1)" not in head
    assert json_ld(response)["name"] == "</script><script>alert(1)</script>"


# Who may see what


def test_it_answers_404_for_an_unknown_promise(client, db):
    assert client.get(reverse("events:index", args=["finns-inte"])).status_code == 404
    assert client.get(reverse("events:detail", args=["finns-inte", 1])).status_code == 404


def test_it_answers_404_for_an_unknown_event(client, promise):
    assert client.get(reverse("events:detail", args=["testby", 999])).status_code == 404


def test_it_answers_404_for_an_event_of_another_promise(client, promise, other_promise):
    elsewhere = make_event(other_promise)

    response = client.get(reverse("events:detail", args=["testby", elsewhere.pk]))

    assert response.status_code == 404


@pytest.mark.parametrize("name", ["events:index", "events:detail"])
def test_it_hides_events_of_a_draft_from_anonymous(client, draft, name):
    event = make_event(draft)
    args = ["utkast", event.pk] if name == "events:detail" else ["utkast"]

    assert client.get(reverse(name, args=args)).status_code == 404


@pytest.mark.parametrize("person", ["dana", "charlie"])
def test_it_hides_events_of_a_draft_from_people_outside_it(client, draft, person, request):
    client.force_login(request.getfixturevalue(person))
    event = make_event(draft)

    assert client.get(reverse("events:index", args=["utkast"])).status_code == 404
    assert client.get(event.get_absolute_url()).status_code == 404


def test_it_shows_events_of_a_draft_to_its_member_with_a_notice(client, alice, draft):
    from lofte.promises.models import Membership

    Membership.objects.create(user=alice, promise=draft, role=Membership.Role.COORDINATOR)
    client.force_login(alice)
    event = make_event(draft)

    for url in (reverse("events:index", args=["utkast"]), event.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 200
        assert '<p class="notice" role="note">' in response.content.decode()


def test_it_shows_no_draft_notice_on_a_published_promise(client, promise):
    response = client.get(reverse("events:index", args=["testby"]))

    assert 'class="notice"' not in response.content.decode()


def test_it_shows_events_of_a_draft_to_a_superuser(client, draft, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "r@example.se", "x"))
    event = make_event(draft)

    assert client.get(event.get_absolute_url()).status_code == 200


# Languages


def test_the_english_page_is_in_english(client, walk):
    url, event_url = reverse("events:index", args=["testby"]), walk.get_absolute_url()
    response = client.get(f"/en{url}")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert "Upcoming events" in html
    assert "Saturday 18 April 2099, 11:00" in html
    assert f'href="/en{event_url}" lang="sv" dir="ltr">Trygghetsvandring i centrum</a>' in html


def test_the_swedish_page_is_in_swedish(client, promise):
    html = client.get(reverse("events:index", args=["testby"])).content.decode()

    assert '<html lang="sv"' in html
