"""The reader's language: Accept-Language, the remembered switch, right to left."""

import pytest

PAGE = "/medborgarloften/testby/"


@pytest.mark.parametrize(
    ("accept", "prefix"),
    [
        ("ar", "/ar"),
        ("ar-SA,ar;q=0.9,en;q=0.5", "/ar"),
        ("so,sv;q=0.5", "/so"),
        ("fa-IR", "/fa"),
        ("en-GB,en;q=0.9", "/en"),
    ],
)
def test_a_browser_asking_for_a_language_is_sent_to_the_page_in_it(client, promise, accept, prefix):
    response = client.get(PAGE + "?fokus=skola", headers={"accept-language": accept})
    assert response.status_code == 302
    assert response.url == f"{prefix}{PAGE}?fokus=skola"
    assert "Accept-Language" in response["Vary"] and "Cookie" in response["Vary"]


@pytest.mark.parametrize("accept", ["sv-SE,sv;q=0.9,en;q=0.8", "de-DE,de", "", "*"])
def test_swedish_or_an_unknown_language_stays_on_the_swedish_page(client, promise, accept):
    response = client.get(PAGE, headers={"accept-language": accept})
    assert response.status_code == 200
    assert '<html lang="sv" dir="ltr">' in response.content.decode()
    assert "Accept-Language" in response["Vary"]


def test_the_switch_remembers_the_choice_over_what_the_browser_asks_for(client, promise):
    response = client.get("/sprak/sv/?next=/ar/medborgarloften/testby/")
    assert response.url == PAGE
    assert response.cookies["lofte_language"].value == "sv"
    assert response.cookies["lofte_language"]["httponly"]
    # The browser asks for Arabic; the reader chose Swedish.
    again = client.get(PAGE, headers={"accept-language": "ar"})
    assert again.status_code == 200

    client.get("/sprak/so/?next=" + PAGE)
    assert client.get(PAGE).url == "/so" + PAGE


def test_the_switch_is_a_plain_link_on_every_page_and_keeps_the_filters(client, promise):
    html = client.get(PAGE + "?fokus=skola").content.decode()
    for code in ("sv", "en", "ar", "so", "fa"):
        assert f'href="/sprak/{code}/?next=/medborgarloften/testby/%3Ffokus%3Dskola"' in html
    response = client.get("/sprak/ar/?next=/medborgarloften/testby/%3Ffokus%3Dskola")
    assert response.url == "/ar/medborgarloften/testby/?fokus=skola"


def test_the_switch_never_sends_anyone_to_another_site(client, db):
    for next_url in ("https://evil.example/", "//evil.example/", "javascript:alert(1)"):
        response = client.get("/sprak/en/", {"next": next_url})
        assert response.url in ("/en/", "/"), next_url


def test_the_switch_refuses_a_language_the_site_does_not_have(client, db):
    assert client.get("/sprak/de/?next=/").status_code == 404


def test_a_form_sent_to_a_swedish_address_is_never_redirected(client, promise):
    response = client.post(PAGE + "synpunkter/", {}, headers={"accept-language": "ar"})
    assert response.status_code != 302 or not response.url.startswith("/ar/")


def test_back_office_and_admin_addresses_without_a_language_are_left_alone(client, db):
    assert client.get("/healthz", headers={"accept-language": "ar"}).status_code == 200
    response = client.get("/admin/", headers={"accept-language": "ar"})
    assert not response.url.startswith("/ar/")


@pytest.mark.parametrize(
    ("code", "direction", "word"),
    [
        ("ar", "rtl", "الأهداف"),
        ("fa", "rtl", "اهداف"),
        ("so", "ltr", "Yoolalka"),
        ("en", "ltr", "Goals"),
    ],
)
def test_each_language_has_its_pages_with_lang_and_direction(
    client, promise, code, direction, word
):
    response = client.get(f"/{code}{PAGE}")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{code}" dir="{direction}">' in html
    assert word in html


def test_dates_follow_the_readers_language(client, promise):
    assert "1 januari 2024" in client.get(PAGE).content.decode()
    assert "1 January 2024" in client.get("/en" + PAGE).content.decode()
    assert "يناير" in client.get("/ar" + PAGE).content.decode()
    assert "Janaayo" in client.get("/so" + PAGE).content.decode()
