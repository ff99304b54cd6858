import re

import pytest

from lofte.api.models import ApiToken, hash_token
from lofte.promises.models import Promise
from lofte.testing import make_promise

pytestmark = pytest.mark.django_db


def test_a_person_makes_a_token_and_sees_it_only_once(client, erik):
    client.force_login(erik)
    answer = client.post("/konto/api-nycklar/", {"name": "Föreningens system"})
    assert answer.status_code == 201
    raw = re.search(r'id="new-token">(lofte_[^<]+)<', answer.content.decode()).group(1)
    token = ApiToken.objects.get(user=erik)
    assert token.key_hash == hash_token(raw) and token.name == "Föreningens system"
    again = client.get("/konto/api-nycklar/").content.decode()
    assert raw not in again and token.prefix in again


def test_a_token_needs_a_name(client, erik):
    client.force_login(erik)
    answer = client.post("/konto/api-nycklar/", {"name": ""})
    assert answer.status_code == 400
    assert not ApiToken.objects.exists()


def test_a_person_revokes_their_own_token_and_not_anothers(client, erik, fatima):
    mine, _ = ApiToken.create_for(erik, "Mitt")
    theirs, _ = ApiToken.create_for(fatima, "Deras")
    client.force_login(erik)
    assert client.post(f"/konto/api-nycklar/{theirs.pk}/aterkalla/").status_code == 404
    assert client.post(f"/konto/api-nycklar/{mine.pk}/aterkalla/").status_code == 302
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert not mine.is_active and theirs.is_active
    assert client.get(f"/konto/api-nycklar/{mine.pk}/aterkalla/").status_code == 405


def test_tokens_are_for_logged_in_people(client):
    answer = client.get("/konto/api-nycklar/")
    assert answer.status_code == 302 and "/konto/logga-in/" in answer["Location"]


def test_the_account_page_links_to_the_tokens(client, dana):
    client.force_login(dana)
    assert 'href="/konto/api-nycklar/"' in client.get("/konto/").content.decode()


def test_the_documentation_links_the_schema_the_catalogue_and_the_packages(client, promise):
    make_promise("utkast", status=Promise.Status.DRAFT, kommun="1480")
    page = client.get("/oppna-data/").content.decode()
    assert 'href="/api/v1/openapi.json"' in page
    assert 'href="/oppna-data/katalog.rdf"' in page
    assert 'href="/oppna-data/testby/datapaket.zip"' in page
    assert "/oppna-data/utkast/" not in page
    assert "/api/v1/promises/{slug}/commitments" in page
    english = client.get("/en/oppna-data/").content.decode()
    assert "Open data and API" in english


def test_every_page_links_the_open_data_in_its_footer(client, promise):
    assert 'href="/oppna-data/"' in client.get("/").content.decode()


def test_the_promise_page_links_its_data_package(client, promise):
    page = client.get("/medborgarloften/testby/").content.decode()
    assert 'href="/oppna-data/testby/datapaket.zip"' in page
    assert 'href="/api/v1/promises/testby"' in page
