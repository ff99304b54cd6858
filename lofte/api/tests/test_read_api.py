import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lofte.events.models import Event
from lofte.followup.models import MeasureValue, Update
from lofte.promises.models import Commitment, Promise
from lofte.testing import make_promise

pytestmark = pytest.mark.django_db


def publish_update(commitment, period, *, text="Vi träffades.", publishable=True):
    update = Update.objects.create(
        commitment=commitment,
        period=period,
        status=Commitment.Status.ONGOING,
        text=text,
        state=Update.State.APPROVED,
        is_publishable=publishable,
        reviewed_at=timezone.now(),
    )
    MeasureValue.objects.create(update=update, measure=commitment.measures.first(), value=4)
    return update


@pytest.fixture
def reported(promise, periods):
    """Two published updates, one approved but not publishable, one draft."""
    commitments = list(promise.commitments().order_by("order"))
    publish_update(commitments[0], periods[0])
    publish_update(commitments[1], periods[0])
    publish_update(commitments[2], periods[0], text="Hemligt.", publishable=False)
    Update.objects.create(commitment=commitments[3], period=periods[0], text="Utkast.")
    return commitments


def test_the_promise_list_shows_published_promises_and_not_drafts(client, promise):
    make_promise("utkast", status=Promise.Status.DRAFT, kommun="1480")
    answer = client.get("/api/v1/promises")
    assert answer.status_code == 200
    data = answer.json()
    assert [p["slug"] for p in data["items"]] == ["testby"]
    assert data["count"] == 1
    assert data["items"][0]["kommun"] == {
        "code": "1480",
        "name": "Göteborg",
        "county": "Västra Götalands län",
    }
    assert data["items"][0]["links"]["data_package"].endswith("/oppna-data/testby/datapaket.zip")


def test_a_draft_promise_is_not_found(client, promise):
    make_promise("utkast", status=Promise.Status.DRAFT, kommun="1480")
    for path in ["/api/v1/promises/utkast", "/api/v1/promises/utkast/commitments"]:
        answer = client.get(path)
        assert answer.status_code == 404
        assert answer.json()["detail"]


def test_promises_can_be_filtered_by_kommun(client, promise, other_promise):
    data = client.get("/api/v1/promises?kommun=1280").json()
    assert [p["slug"] for p in data["items"]] == ["annanstad"]


def test_a_promise_has_goals_focus_areas_actors_and_periods_but_no_contacts(
    client, promise, periods
):
    data = client.get("/api/v1/promises/testby").json()
    assert [fa["slug"] for fa in data["focus_areas"]] == ["skola", "fritid"]
    assert data["actors"] == ["aktor-testby-0", "aktor-testby-1", "aktor-testby-2"]
    assert len(data["periods"]) == 8
    text = client.get("/api/v1/promises/testby").content.decode()
    assert "@" not in text
    assert "000-000" not in text and "Kontakt testby" not in text


def test_commitments_carry_actors_goals_and_measures(client, promise):
    data = client.get("/api/v1/promises/testby/commitments").json()
    assert data["count"] == 4
    first = data["items"][0]
    assert first["actors"] == ["aktor-testby-0", "aktor-testby-1"]
    assert first["measures"][0]["target"] == 10.0
    assert first["promise"] == "testby" and first["focus_area"] == "skola"
    one = client.get(f"/api/v1/commitments/{first['id']}").json()
    assert one == first


def test_a_commitment_of_a_draft_promise_is_not_found(client):
    draft = make_promise("utkast", status=Promise.Status.DRAFT, kommun="1480")
    commitment = draft.commitments().first()
    assert client.get(f"/api/v1/commitments/{commitment.pk}").status_code == 404


def test_only_published_updates_are_shown(client, reported):
    data = client.get("/api/v1/promises/testby/updates").json()
    assert data["count"] == 2
    assert {u["commitment"] for u in data["items"]} == {reported[0].pk, reported[1].pk}
    assert data["items"][0]["values"][0]["value"] == "4.00"
    text = client.get("/api/v1/promises/testby/updates").content.decode()
    assert "Hemligt" not in text and "Utkast" not in text
    one = client.get(f"/api/v1/promises/testby/updates?commitment={reported[1].pk}").json()
    assert [u["commitment"] for u in one["items"]] == [reported[1].pk]


def test_updates_of_a_draft_promise_are_not_shown(client, reported, promise):
    promise.status = Promise.Status.DRAFT
    promise.save()
    assert client.get("/api/v1/promises/testby/updates").status_code == 404


def test_actors_are_those_of_public_promises(client, promise):
    make_promise("utkast", status=Promise.Status.DRAFT, kommun="1480")
    data = client.get("/api/v1/actors?limit=100").json()
    assert {a["slug"] for a in data["items"]} == {f"aktor-testby-{i}" for i in range(3)}
    assert client.get("/api/v1/actors/aktor-utkast-0").status_code == 404
    assert client.get("/api/v1/actors/aktor-testby-0").json()["name"] == "Aktör testby 0"


def test_events_are_listed(client, promise):
    start = timezone.make_aware(datetime.datetime(2024, 4, 20, 11))
    Event.objects.create(
        promise=promise, title="Start", place_name="Torget", starts_at=start, ends_at=start
    )
    data = client.get("/api/v1/promises/testby/events").json()
    assert [e["title"] for e in data["items"]] == ["Start"]
    assert data["items"][0]["url"].endswith(
        f"/medborgarloften/testby/handelser/{data['items'][0]['id']}/"
    )


def test_kommuner_are_paginated_with_links(client):
    data = client.get("/api/v1/kommuner?limit=100&offset=100").json()
    assert data["count"] == 290
    assert len(data["items"]) == 100
    assert data["next"].endswith("limit=100&offset=200")
    assert data["previous"].endswith("limit=100&offset=0")
    assert client.get("/api/v1/kommuner/1480").json()["name"] == "Göteborg"
    assert client.get("/api/v1/kommuner/9999").status_code == 404


def test_a_page_larger_than_the_limit_is_refused_in_json(client):
    answer = client.get("/api/v1/kommuner?limit=101")
    assert answer.status_code == 400
    assert "limit" in " ".join(answer.json()["errors"])
    assert client.get("/api/v1/kommuner?offset=-1").status_code == 400
    assert client.get("/api/v1/commitments/99999999999999999999").status_code == 400


def test_an_unknown_api_address_answers_in_json(client):
    answer = client.get("/api/v1/nothing/here")
    assert answer.status_code == 404
    assert answer["Content-Type"] == "application/json"


def test_the_schema_is_openapi_3_and_names_every_resource(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    paths = set(schema["paths"])
    for path in [
        "/api/v1/kommuner",
        "/api/v1/promises",
        "/api/v1/promises/{slug}",
        "/api/v1/actors",
        "/api/v1/promises/{slug}/commitments",
        "/api/v1/promises/{slug}/updates",
        "/api/v1/promises/{slug}/events",
    ]:
        assert path in paths


def test_reads_are_rate_limited(client, settings):
    settings.API_READS_PER_MINUTE = 3
    codes = [client.get("/api/v1/kommuner/1480").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]


def _grow(promise, periods, n):
    """Give the promise n more commitments, each with a published update and an event."""
    focus_area = promise.focus_areas.first()
    actor = promise.actors().first()
    start = timezone.make_aware(datetime.datetime(2024, 5, 1, 18))
    for i in range(n):
        c = Commitment.objects.create(focus_area=focus_area, title=f"Mer {i}", order=10 + i)
        c.actors.add(actor)
        c.measures.create(name="Antal", unit="st")
        publish_update(c, periods[1])
        Event.objects.create(
            promise=promise, title=f"Möte {i}", place_name="Torget", starts_at=start, ends_at=start
        )


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/promises",
        "/api/v1/promises/testby",
        "/api/v1/promises/testby/commitments",
        "/api/v1/promises/testby/updates",
        "/api/v1/promises/testby/events",
        "/api/v1/actors",
        "/api/v1/kommuner",
    ],
)
def test_each_read_takes_the_same_number_of_queries_at_two_sizes(client, promise, periods, path):
    _grow(promise, periods, 2)
    client.get(path)  # warm: the rate limit's counter row exists from here on
    with CaptureQueriesContext(connection) as small:
        assert client.get(path).status_code == 200
    _grow(promise, periods, 20)
    with CaptureQueriesContext(connection) as large:
        assert client.get(path).status_code == 200
    assert len(large) == len(small)
    # The rate limit's counter takes two of them.
    assert len(small) <= 10


def test_the_read_api_is_open_data_only_even_for_a_coordinator(client, alice):
    """Reads show what residents see, whoever asks: a draft stays out for its coordinator too."""
    from lofte.promises.models import Membership

    draft = make_promise("utkast", status=Promise.Status.DRAFT, kommun="1480")
    Membership.objects.create(user=alice, promise=draft, role=Membership.Role.COORDINATOR)
    client.force_login(alice)
    assert client.get("/api/v1/promises/utkast").status_code == 404
    assert [p["slug"] for p in client.get("/api/v1/promises").json()["items"]] == ["testby"]
