"""Rate-limit counters: windows, peeking, forgetting, and keys that hold no one's address."""

import time

import pytest
from django.test import RequestFactory

from lofte import ratelimit
from lofte.testing import shared_keys

pytestmark = pytest.mark.django_db


def test_hits_are_counted_in_a_window_that_starts_again_when_it_ends():
    assert [ratelimit.hit("test", "a", 1) for _ in range(3)] == [1, 2, 3]
    assert ratelimit.hit("test", "b", 1) == 1
    time.sleep(1.1)
    assert ratelimit.hit("test", "a", 1) == 1


def test_peeking_counts_nothing_and_tells_how_long_the_window_lasts():
    assert ratelimit.peek("test", "a") == (0, 0)
    ratelimit.hit("test", "a", 600)
    ratelimit.hit("test", "a", 600)
    count, seconds = ratelimit.peek("test", "a")
    assert count == 2 and 590 < seconds <= 600
    assert ratelimit.peek("test", "a")[0] == 2


def test_a_window_keeps_the_end_its_first_hit_gave_it():
    ratelimit.hit("test", "a", 600)
    ratelimit.hit("test", "a", 5)
    assert ratelimit.peek("test", "a")[1] > 590


def test_reset_forgets_one_key_only():
    ratelimit.hit("test", "a", 600)
    ratelimit.hit("test", "b", 600)
    ratelimit.reset("test", "a")
    assert ratelimit.peek("test", "a") == (0, 0)
    assert ratelimit.peek("test", "b")[0] == 1


def test_the_store_holds_hashes_not_addresses_or_usernames():
    ratelimit.hit("login-account", "alice|203.0.113.5", 600)
    keys = " ".join(shared_keys())
    assert "ratelimit:login-account:" in keys
    assert "alice" not in keys and "203.0.113.5" not in keys


@pytest.mark.parametrize(
    "address, key",
    [
        ("203.0.113.5", "203.0.113.5"),
        ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:bbbb::9", "2001:db8:1:2::/64"),
        ("::ffff:203.0.113.5", "203.0.113.5"),
        ("", ""),
    ],
)
def test_a_client_is_keyed_by_its_address_and_an_ipv6_client_by_its_64(address, key):
    request = RequestFactory().get("/", REMOTE_ADDR=address)
    assert ratelimit.client_key(request) == key


def test_when_redis_does_not_answer_nothing_is_counted_and_the_error_is_logged(
    settings, caplog, client, alice
):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    assert ratelimit.hit("test", "a", 60) == 0
    assert ratelimit.peek("test", "a") == (0, 0)
    ratelimit.reset("test", "a")
    assert "Redis at REDIS_URL does not answer" in caplog.text
    # Logging in goes on, without waits, rather than failing for everyone.
    response = client.post("/konto/logga-in/", {"username": "alice", "password": "secret-pass-1"})
    assert response.status_code == 302
