import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"OK"


def test_healthz_answers_503_when_the_database_does_not(client, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def fail(*args, **kwargs):
        raise OSError("database down")

    monkeypatch.setattr(CursorWrapper, "execute", fail)
    assert client.get("/healthz").status_code == 503


def test_the_demo_banner_shows_only_in_the_demo(client):
    assert "exempeldata" not in client.get("/").content.decode()
    with override_settings(DEMO=True):
        assert "exempeldata" in client.get("/").content.decode()


def test_login_leads_to_the_account_page_with_my_promises(client, alice):
    response = client.post(
        "/konto/logga-in/", {"username": "alice", "password": "secret-pass-1"}, follow=True
    )
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == "/konto/"
    assert "Medborgarlöfte testby" in html and "samordnare, publicerat" in html


def test_a_wrong_password_says_so_in_swedish(client, alice):
    response = client.post("/konto/logga-in/", {"username": "alice", "password": "fel"})
    assert response.status_code == 200
    assert "Fel användarnamn eller lösenord" in response.content.decode()


def test_the_account_page_needs_a_login(client):
    response = client.get("/konto/")
    assert response.status_code == 302 and response["Location"].startswith("/konto/logga-in/")


@override_settings(SITE_URL="https://lofte.example.se")
def test_every_page_names_its_other_languages_with_absolute_addresses(client):
    html = client.get("/").content.decode()
    assert '<link rel="alternate" hreflang="en" href="https://lofte.example.se/en/">' in html
    assert '<link rel="alternate" hreflang="sv" href="https://lofte.example.se/">' in html
