import json

import pytest
from django.conf import settings

from lofte.actors.models import ContactPerson

pytestmark = pytest.mark.django_db


def get_json(client, slug="testby"):
    response = client.get(f"/medborgarloften/{slug}/lofte.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def test_it_has_the_documented_shape(client, promise):
    doc = get_json(client)
    assert doc["format"] == "lofte-promise/1"
    assert set(doc) >= {
        "slug",
        "title",
        "status",
        "area",
        "period",
        "summary",
        "background",
        "goals",
        "focus_areas",
        "actors",
        "events",
        "contacts",
        "links",
        "updated_at",
    }
    assert doc["slug"] == "testby"
    assert doc["period"] == {"start": "2024-01-01", "end": "2025-12-31"}
    assert doc["area"]["kind"] == "mellanomrade"
    assert [g["title"] for g in doc["goals"]] == ["Mål 1", "Mål 2"]
    assert [fa["slug"] for fa in doc["focus_areas"]] == ["skola", "fritid"]
    commitment = doc["focus_areas"][0]["commitments"][0]
    assert set(commitment) == {
        "id",
        "title",
        "description",
        "target_group",
        "status",
        "actors",
        "goals",
        "factor",
        "starts_on",
        "ends_on",
        "measures",
    }
    assert commitment["measures"][0]["target"] == 10.0


def test_every_actor_of_a_commitment_is_in_the_actor_list(client, promise):
    doc = get_json(client)
    slugs = {a["slug"] for a in doc["actors"]}
    used = {s for fa in doc["focus_areas"] for c in fa["commitments"] for s in c["actors"]}
    assert used == slugs
    assert len(slugs) == promise.actors().count()


def test_it_counts_every_commitment_once(client, promise):
    doc = get_json(client)
    ids = [c["id"] for fa in doc["focus_areas"] for c in fa["commitments"]]
    assert sorted(ids) == sorted(promise.commitments().values_list("pk", flat=True))


def test_it_keeps_private_contact_details_out(client, promise):
    secret = ContactPerson.objects.create(
        name="Privat Person",
        role="Handläggare",
        organisation=promise.actors().first(),
        phone="000-111 11 11",
        email="privat@example.se",
        is_public=False,
    )
    promise.contacts.add(secret)
    text = client.get("/medborgarloften/testby/lofte.json").content.decode()
    assert "Privat Person" not in text and "privat@example.se" not in text
    assert "kontakt.testby@example.se" in text


def test_it_has_absolute_links_and_allows_other_sites_to_read_it(client, promise):
    response = client.get("/medborgarloften/testby/lofte.json")
    doc = json.loads(response.content)
    assert doc["links"]["html"] == f"{settings.SITE_URL}/medborgarloften/testby/"
    assert doc["links"]["ical"] == f"{settings.SITE_URL}/medborgarloften/testby/kalender.ics"
    assert response["Access-Control-Allow-Origin"] == "*"


def test_it_keeps_swedish_characters_readable(client, promise):
    raw = client.get("/medborgarloften/testby/lofte.json").content.decode("utf-8")
    assert "Åtagande" in raw
