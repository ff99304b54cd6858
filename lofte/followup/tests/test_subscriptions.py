"""Residents subscribe by e-mail, confirm, get updates and leave with one click."""

import re
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.test import override_settings
from django.utils import timezone

from lofte.followup.models import Subscription, Update
from lofte.followup.notify import notify_subscribers
from lofte.followup.tests.conftest import make_update
from lofte.promises.models import Promise
from lofte.testing import forget_cache_and_rate_limits, shared_keys

pytestmark = pytest.mark.django_db

SUBSCRIBE = "/en/medborgarloften/testby/prenumerera/"


def link(message, kind):
    """Return the path of the confirm or unsubscribe link in an e-mail."""
    found = re.search(rf"https://lofte\.example\.se(/\S*/{kind}/)", message.body)
    assert found, message.body
    return found.group(1)


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "https://lofte.example.se"


class FailingBackend(BaseEmailBackend):
    """A mail server that is down."""

    error = smtplib.SMTPException("Server not reachable")

    def send_messages(self, messages):
        raise self.error


class RefusingBackend(FailingBackend):
    error = ConnectionRefusedError("Connection refused")


@pytest.fixture
def confirmed(promise):
    return Subscription.objects.create(
        promise=promise,
        email="boende@example.se",
        token="bekraftad-token",
        language="en",
        confirmed_at=timezone.now(),
    )


@pytest.fixture
def update(promise, periods):
    return make_update(promise.commitments().first(), periods[0], "Vi öppnade fritidsgården.")


def test_the_form_asks_for_an_address_and_says_what_it_is_used_for(client, promise):
    html = client.get(SUBSCRIBE).content.decode()
    assert 'type="email"' in html and 'name="email"' in html
    assert 'for="id_email"' in html
    assert "We use your address only for these updates" in html
    assert "leave with one click" in html


def test_subscribing_sends_a_confirmation_and_confirming_takes_a_post(client, promise, update):
    response = client.post(SUBSCRIBE, {"email": "Ny@Example.se"})
    assert response.status_code == 200
    assert "Check your e-mail" in response.content.decode()
    subscription = Subscription.objects.get()
    assert subscription.email == "ny@example.se"
    assert subscription.language == "en"
    assert subscription.confirmed_at is None
    assert len(subscription.token) >= 40
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ny@example.se"]
    confirm = link(mail.outbox[0], "bekrafta")
    assert confirm == f"/en/medborgarloften/prenumeration/{subscription.token}/bekrafta/"

    # Unconfirmed: no update mail.
    assert notify_subscribers(update) == 0
    assert len(mail.outbox) == 1

    # A link scanner's GET does not confirm; it shows a button.
    html = client.get(confirm).content.decode()
    assert "<button" in html
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None

    client.post(confirm)
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None


def test_a_confirmed_subscriber_gets_one_mail_per_published_update_with_a_way_out(
    client, promise, confirmed, update
):
    Subscription.objects.create(promise=promise, email="obekraftad@example.se", token="o-token")
    assert notify_subscribers(update) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["boende@example.se"]
    assert update.commitment.title in message.subject
    assert "Kvartal 1 2024" in message.subject
    assert "Vi öppnade fritidsgården." in message.body
    assert "Status: Ongoing" in message.body
    unsubscribe = (
        "https://lofte.example.se/en/medborgarloften/prenumeration/bekraftad-token/avsluta/"
    )
    assert unsubscribe in message.body
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    page = f"/en/medborgarloften/testby/ataganden/{update.commitment_id}/#update-{update.pk}"
    assert page in message.body


def test_the_update_mail_is_in_the_subscribers_language(promise, confirmed, update):
    Subscription.objects.create(
        promise=promise,
        email="svensk@example.se",
        token="sv-token",
        language="sv",
        confirmed_at=timezone.now(),
    )
    notify_subscribers(update)
    by_address = {m.to[0]: m for m in mail.outbox}
    assert "/en/medborgarloften/" in by_address["boende@example.se"].body
    swedish = by_address["svensk@example.se"].body
    assert "https://lofte.example.se/medborgarloften/prenumeration/sv-token/avsluta/" in swedish


@pytest.mark.parametrize(
    "change",
    [
        {"state": Update.State.DRAFT},
        {"state": Update.State.SUBMITTED},
        {"state": Update.State.RETURNED},
        {"is_publishable": False},
    ],
)
def test_nothing_is_sent_for_an_update_residents_may_not_see(confirmed, update, change):
    for name, value in change.items():
        setattr(update, name, value)
    update.save()
    assert notify_subscribers(update) == 0
    assert mail.outbox == []


def test_nothing_is_sent_for_an_update_of_a_promise_that_is_not_public(promise, confirmed, update):
    Promise.objects.filter(pk=promise.pk).update(status=Promise.Status.DRAFT)
    update.refresh_from_db()
    assert notify_subscribers(update) == 0
    assert mail.outbox == []


def test_unsubscribing_shows_a_button_and_the_post_deletes_the_subscription(client, confirmed):
    url = "/en/medborgarloften/prenumeration/bekraftad-token/avsluta/"
    html = client.get(url).content.decode()
    assert "<button" in html and "Unsubscribe" in html
    assert Subscription.objects.exists()
    response = client.post(url)
    assert response.status_code == 200
    assert "You have unsubscribed" in response.content.decode()
    assert not Subscription.objects.exists()


def test_one_click_unsubscribe_works_without_a_csrf_token(confirmed):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/medborgarloften/prenumeration/bekraftad-token/avsluta/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Subscription.objects.exists()


def test_after_unsubscribing_no_more_mail_is_sent(client, confirmed, update):
    client.post("/medborgarloften/prenumeration/bekraftad-token/avsluta/")
    assert notify_subscribers(update) == 0
    assert mail.outbox == []


@pytest.mark.parametrize("kind", ["bekrafta", "avsluta"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_an_unknown_token_gets_a_friendly_404_page(client, db, kind, method):
    response = getattr(client, method)(f"/en/medborgarloften/prenumeration/finns-inte/{kind}/")
    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()


def test_subscribing_again_does_not_reveal_that_the_address_is_already_subscribed(
    client, promise, confirmed
):
    new = client.post(SUBSCRIBE, {"email": "annan@example.se"}).content.decode()
    again = client.post(SUBSCRIBE, {"email": "boende@example.se"}).content.decode()
    strip = lambda html: html.split("<main", 1)[1]  # noqa: E731
    assert strip(new) == strip(again)
    assert Subscription.objects.filter(email="boende@example.se").count() == 1
    confirmed.refresh_from_db()
    # Still confirmed, with the token its earlier e-mails link to.
    assert confirmed.confirmed_at is not None
    assert confirmed.token == "bekraftad-token"


def test_subscribing_again_before_confirming_gives_a_fresh_token_after_ten_minutes(client, promise):
    client.post(SUBSCRIBE, {"email": "ny@example.se"})
    first = Subscription.objects.get().token
    forget_cache_and_rate_limits()  # ten minutes later
    client.post(SUBSCRIBE, {"email": "ny@example.se"})
    assert Subscription.objects.get().token != first
    assert len(mail.outbox) == 2


def test_asking_again_within_ten_minutes_sends_no_second_mail_and_keeps_the_first_link(
    client, promise
):
    first = client.post(SUBSCRIBE, {"email": "ny@example.se"}).content.decode()
    token = Subscription.objects.get().token
    again = client.post(SUBSCRIBE, {"email": "NY@example.se"})
    assert again.status_code == 200
    strip = lambda html: html.split("<main", 1)[1]  # noqa: E731
    assert strip(again.content.decode()) == strip(first)
    assert len(mail.outbox) == 1
    assert Subscription.objects.get().token == token
    assert link(mail.outbox[0], "bekrafta").endswith(f"/{token}/bekrafta/")


def test_the_ten_minutes_count_per_promise(client, promise, other_promise):
    client.post(SUBSCRIBE, {"email": "ny@example.se"})
    client.post("/en/medborgarloften/annanstad/prenumerera/", {"email": "ny@example.se"})
    assert len(mail.outbox) == 2
    assert Subscription.objects.filter(email="ny@example.se").count() == 2


def test_neither_the_cache_nor_the_rate_limits_hold_the_addresses(client, promise):
    client.post(SUBSCRIBE, {"email": "ny@example.se"}, REMOTE_ADDR="203.0.113.9")
    keys = " ".join(shared_keys())
    assert "subscribe:mailed:" in keys
    assert "ratelimit:subscribe:" in keys
    assert "ny@example.se" not in keys
    assert "203.0.113.9" not in keys


def test_a_sixth_request_from_one_address_in_ten_minutes_gets_a_friendly_429(client, promise):
    for i in range(4):
        assert client.post(SUBSCRIBE, {"email": f"n{i}@example.se"}).status_code == 200
    # A bad address counts too: it is a request all the same.
    assert client.post(SUBSCRIBE, {"email": "inte en adress"}).status_code == 200
    response = client.post(SUBSCRIBE, {"email": "n9@example.se"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many tries" in html and "wait ten minutes" in html
    assert html.count("<h1") == 1
    assert len(mail.outbox) == 4
    assert not Subscription.objects.filter(email="n9@example.se").exists()
    # Reading the form is not a request to subscribe.
    assert client.get(SUBSCRIBE).status_code == 200


def test_the_ip_limit_is_per_client_address(client, promise):
    for i in range(5):
        client.post(SUBSCRIBE, {"email": f"n{i}@example.se"}, REMOTE_ADDR="10.0.0.1")

    def status(ip, email):
        return client.post(SUBSCRIBE, {"email": email}, REMOTE_ADDR=ip).status_code

    assert status("10.0.0.1", "x@example.se") == 429
    assert status("10.0.0.2", "x@example.se") == 200
    forget_cache_and_rate_limits()  # ten minutes later
    assert status("10.0.0.1", "y@example.se") == 200


@pytest.mark.parametrize("backend", ["FailingBackend", "RefusingBackend"])
def test_a_mail_failure_shows_a_friendly_error_and_saves_nothing(client, promise, backend):
    with override_settings(EMAIL_BACKEND=f"lofte.followup.tests.test_subscriptions.{backend}"):
        response = client.post(SUBSCRIBE, {"email": "ny@example.se"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "We could not send the e-mail just now." in html
    assert 'aria-describedby="email-error privacy"' in html
    assert 'value="ny@example.se"' in html
    assert not Subscription.objects.exists()
    # Trying again once the server is back works at once: the failure did not count as sent.
    client.post(SUBSCRIBE, {"email": "ny@example.se"})
    assert len(mail.outbox) == 1
    assert Subscription.objects.get().email == "ny@example.se"


def test_a_mail_failure_keeps_an_unconfirmed_subscriptions_earlier_link(client, promise):
    earlier = Subscription.objects.create(promise=promise, email="ny@example.se", token="tidig")
    with override_settings(EMAIL_BACKEND="lofte.followup.tests.test_subscriptions.FailingBackend"):
        client.post(SUBSCRIBE, {"email": "ny@example.se"})
    earlier.refresh_from_db()
    assert earlier.token == "tidig"
    assert earlier.confirmed_at is None


@pytest.mark.parametrize("email", ["", "inte en adress", "a@" + "b" * 260 + ".se"])
def test_a_bad_address_shows_an_error_linked_to_the_field(client, promise, email):
    response = client.post(SUBSCRIBE, {"email": email})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert 'aria-describedby="email-error privacy"' in html
    assert 'aria-invalid="true"' in html
    assert not Subscription.objects.exists()
    assert mail.outbox == []


def test_a_draft_cannot_be_subscribed_to_by_outsiders(client, draft, dana):
    assert client.get("/medborgarloften/utkast/prenumerera/").status_code == 404
    response = client.post("/medborgarloften/utkast/prenumerera/", {"email": "x@example.se"})
    assert response.status_code == 404
    client.force_login(dana)
    assert client.get("/medborgarloften/utkast/prenumerera/").status_code == 404
    assert not Subscription.objects.exists()


def test_the_confirmation_mail_is_in_the_language_of_the_page(client, promise):
    client.post("/medborgarloften/testby/prenumerera/", {"email": "ny@example.se"})
    assert Subscription.objects.get().language == "sv"
    assert "https://lofte.example.se/medborgarloften/prenumeration/" in mail.outbox[0].body


@override_settings(SITE_URL="https://lofte.example.se/")
def test_links_in_mails_have_no_double_slash(client, promise):
    client.post(SUBSCRIBE, {"email": "ny@example.se"})
    assert "example.se//" not in mail.outbox[0].body
