"""Failed logins make the failing address wait, with growing waits, on the site and the admin."""

import pytest
from django.contrib.auth import SESSION_KEY

from lofte import ratelimit
from lofte.front.throttle import wait_after

pytestmark = pytest.mark.django_db

LOGIN = "/konto/logga-in/"
ADMIN_LOGIN = "/admin/login/"
ATTACKER, HOME = "198.51.100.66", "203.0.113.5"


def log_in(client, password, username="alice", url=LOGIN, address=ATTACKER, **headers):
    return client.post(
        url, {"username": username, "password": password}, REMOTE_ADDR=address, **headers
    )


def logged_in(response):
    return response.status_code == 302 and SESSION_KEY in response.wsgi_request.session


def end_the_wait(name, key):
    """As if the wait were over: a wait is a window that ends."""
    ratelimit.reset(f"{name}-wait", key)


def test_five_wrong_passwords_are_answered_as_usual(client, alice):
    for _ in range(5):
        html = log_in(client, "fel").content.decode()
        assert "Fel användarnamn eller lösenord" in html
        assert "Vänta" not in html


def test_after_five_wrong_passwords_even_the_right_one_waits_a_minute_in_swedish(client, alice):
    for _ in range(5):
        log_in(client, "fel")
    response = log_in(client, "secret-pass-1")
    assert not logged_in(response)
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "För många misslyckade inloggningar. Vänta 1 minut och försök sedan igen." in html


def test_thirty_wrong_passwords_in_a_row_are_slowed_to_five(client, alice):
    checked = 0
    for _ in range(30):
        html = log_in(client, "fel").content.decode()
        checked += "Fel användarnamn eller lösenord" in html
    assert checked == 5


def test_the_waits_grow_to_at_most_a_quarter_of_an_hour(client, alice):
    assert [wait_after(n, 5) for n in range(4, 11)] == [0, 60, 120, 240, 480, 900, 900]
    for _ in range(5):
        log_in(client, "fel")
    end_the_wait("login-account", f"alice|{ATTACKER}")
    log_in(client, "fel")
    html = log_in(client, "secret-pass-1").content.decode()
    assert "Vänta 2 minuter" in html


def test_the_rightful_user_at_home_is_not_locked_out_by_an_attacker_elsewhere(client, alice):
    for _ in range(30):
        log_in(client, "fel", address=ATTACKER)
    assert logged_in(log_in(client, "secret-pass-1", address=HOME))


def test_a_login_that_succeeds_clears_the_accounts_count_from_that_address(client, alice):
    for _ in range(4):
        log_in(client, "fel", address=HOME)
    assert logged_in(log_in(client, "secret-pass-1", address=HOME))
    client.logout()
    for _ in range(4):
        log_in(client, "fel", address=HOME)
    assert logged_in(log_in(client, "secret-pass-1", address=HOME))


def test_an_address_that_tries_many_accounts_waits_for_all_of_them(client, alice):
    for i in range(20):
        log_in(client, "fel", username=f"gissning{i}")
    html = log_in(client, "secret-pass-1").content.decode()
    assert "Vänta 1 minut" in html


def test_the_admins_login_waits_too_and_shares_the_count(client, alice):
    for _ in range(3):
        log_in(client, "fel")
    for _ in range(2):
        response = log_in(client, "fel", url=ADMIN_LOGIN)
        assert response.status_code == 200
    response = log_in(client, "secret-pass-1", url=ADMIN_LOGIN)
    assert not logged_in(response)
    assert "Vänta 1 minut" in response.content.decode()


def test_the_admins_login_page_answers_a_visitor_not_yet_logged_in(client):
    assert client.get(ADMIN_LOGIN).status_code == 200


def test_a_made_up_forwarded_address_does_not_escape_the_wait(client, alice):
    for i in range(6):
        log_in(client, "fel", HTTP_X_FORWARDED_FOR=f"192.0.2.{i}")
    response = log_in(client, "secret-pass-1", HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert "Vänta 1 minut" in response.content.decode()


def test_behind_a_trusted_proxy_each_client_address_counts_for_itself(client, alice, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    for _ in range(6):
        log_in(client, "fel", address="10.0.0.1", HTTP_X_FORWARDED_FOR=ATTACKER)
    blocked = log_in(client, "secret-pass-1", address="10.0.0.1", HTTP_X_FORWARDED_FOR=ATTACKER)
    assert "Vänta 1 minut" in blocked.content.decode()
    assert logged_in(log_in(client, "secret-pass-1", address="10.0.0.1", HTTP_X_FORWARDED_FOR=HOME))
