"""Registering for an event: places, the waiting list, cancelling and moving up, with mail."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from lofte.events.actions import cancel, register
from lofte.events.models import Registration
from lofte.events.tests.test_event_pages import FUTURE, PAST, make_event


@pytest.fixture
def meeting(promise):
    return make_event(promise, FUTURE, title="Dialogmöte", registration=True, capacity=3)


def post(client, event, email="anna@example.se", places=1, **extra):
    url = reverse("events:register", args=[event.promise.slug, event.pk])
    return client.post(url, {"email": email, "places": places, **extra})


def cancel_link(message):
    return re.search(r"https?://\S+/anmalan/(\S+)/avboka/", message.body).group(0)


def test_a_resident_registers_with_an_address_and_gets_a_place_and_a_mail(client, meeting):
    response = post(client, meeting, "Anna@Example.se", places=2)

    assert response.status_code == 302
    assert response["Location"] == reverse("events:registered", args=["testby", meeting.pk])
    registration = Registration.objects.get()
    assert (registration.email, registration.places, registration.state) == (
        "anna@example.se",
        2,
        "confirmed",
    )
    [message] = mail.outbox
    assert message.to == ["anna@example.se"]
    assert message.subject == "Du är anmäld till Dialogmöte"
    assert "Du har 2 platser på ”Dialogmöte”." in message.body
    assert cancel_link(message).endswith(f"/anmalan/{registration.token}/avboka/")


def test_when_the_places_are_taken_the_next_goes_on_the_waiting_list(client, meeting):
    post(client, meeting, "a@example.se", places=2)
    post(client, meeting, "b@example.se", places=2)
    post(client, meeting, "c@example.se", places=1)

    states = dict(Registration.objects.values_list("email", "state"))
    # c would fit in the last place, but does not pass b, who waits first.
    assert states == {
        "a@example.se": "confirmed",
        "b@example.se": "waiting",
        "c@example.se": "waiting",
    }
    assert mail.outbox[1].subject == "Du står på väntelistan till Dialogmöte"
    assert meeting.registration_counts() == {"confirmed": 2, "waiting": 3, "left": 1}


def test_registering_again_changes_nothing_and_the_page_says_the_same(client, meeting):
    first = post(client, meeting, "a@example.se")
    again = post(client, meeting, "A@example.se", places=3)

    assert first["Location"] == again["Location"]
    assert Registration.objects.get().places == 1
    assert len(mail.outbox) == 2


def test_cancelling_moves_the_first_on_the_waiting_list_up_and_mails_them(client, meeting):
    post(client, meeting, "a@example.se", places=3)
    post(client, meeting, "b@example.se", places=2)
    post(client, meeting, "c@example.se", places=1)
    link = cancel_link(mail.outbox[0])
    mail.outbox.clear()

    # Opening the link (as a mail scanner does) cancels nothing.
    page = client.get(link)
    assert page.status_code == 200
    assert Registration.objects.count() == 3
    assert "Avboka min anmälan" in page.content.decode()

    response = client.post(link)

    assert response.status_code == 200
    assert "Din anmälan är avbokad" in response.content.decode()
    states = dict(Registration.objects.values_list("email", "state"))
    assert states == {"b@example.se": "confirmed", "c@example.se": "confirmed"}
    assert sorted(m.to[0] for m in mail.outbox) == ["b@example.se", "c@example.se"]
    assert all(m.subject.startswith("En plats har blivit ledig") for m in mail.outbox)


def test_a_larger_group_waiting_first_is_not_passed_by_a_smaller_one(meeting):
    register(meeting, "a@example.se", 1)
    held = register(meeting, "b@example.se", 2)
    register(meeting, "c@example.se", 3)
    register(meeting, "d@example.se", 1)

    moved = cancel(held)

    assert moved == []  # 2 places free, c needs 3 and waits first: d waits behind c
    assert meeting.registration_counts() == {"confirmed": 1, "waiting": 4, "left": 2}


def test_a_cancel_link_used_twice_or_made_up_is_a_clear_404(client, meeting):
    post(client, meeting)
    link = cancel_link(mail.outbox[0])
    client.post(link)

    again = client.post(link)
    made_up = client.get(reverse("events:cancel", args=["x" * 300]))

    assert again.status_code == made_up.status_code == 404
    assert "Den här länken fungerar inte" in again.content.decode()


def test_a_bad_address_or_place_count_is_shown_on_the_event_page_not_a_500(client, meeting):
    for email, places in [
        ("inte-en-adress", 1),
        ("", 1),
        ("a@example.se", 99),
        ("a@example.se", "x"),
    ]:
        response = post(client, meeting, email, places)
        assert response.status_code == 400
        assert 'class="errors" role="alert"' in response.content.decode()
    assert not Registration.objects.exists()
    assert mail.outbox == []


def test_the_honeypot_saves_nothing_and_mails_nothing_but_says_check_your_mail(client, meeting):
    response = post(client, meeting, webbplats="http://spam.example")

    assert response.status_code == 302
    assert not Registration.objects.exists()
    assert mail.outbox == []


def test_registrations_are_rate_limited_per_client(client, meeting):
    for n in range(10):
        assert post(client, meeting, f"p{n}@example.se").status_code == 302

    response = post(client, meeting, "p10@example.se")

    assert response.status_code == 429
    assert Registration.objects.count() == 10


def test_no_registration_for_an_event_without_it_or_one_that_has_begun(client, promise):
    without = make_event(promise, FUTURE)
    past = make_event(promise, PAST, registration=True, capacity=10)
    begun = make_event(
        promise, timezone.now() - datetime.timedelta(hours=1), registration=True, capacity=10
    )

    assert post(client, without).status_code == 409
    assert post(client, past).status_code == 409
    assert post(client, begun).status_code == 409
    assert "Anmälan är stängd" in client.get(begun.get_absolute_url()).content.decode()
    assert not Registration.objects.exists()


def test_the_event_page_shows_places_left_and_the_form_but_no_address(client, meeting):
    register(meeting, "hemlig@example.se", 2)

    html = client.get(meeting.get_absolute_url()).content.decode()

    assert "1 plats kvar" in html
    assert 'name="email"' in html
    assert "hemlig@example.se" not in html


def test_a_full_event_offers_the_waiting_list(client, meeting):
    register(meeting, "a@example.se", 3)

    html = client.get(meeting.get_absolute_url()).content.decode()

    assert "0 platser kvar" in html
    assert "Ställ dig på väntelistan" in html


def test_the_mail_is_in_the_language_the_resident_registered_in(client, meeting):
    url = "/en" + reverse("events:register", args=["testby", meeting.pk])
    client.post(url, {"email": "a@example.se", "places": 1})

    assert mail.outbox[0].subject == "You are registered for Dialogmöte"
    assert Registration.objects.get().language == "en"


def test_the_event_page_runs_the_same_queries_for_few_and_many_registrations(client, promise):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    few = make_event(promise, FUTURE, registration=True, capacity=500)
    many = make_event(promise, FUTURE, registration=True, capacity=500)
    register(few, "a@example.se")
    for n in range(60):
        Registration.objects.create(
            event=many,
            email=f"p{n}@example.se",
            state="confirmed" if n < 50 else "waiting",
            token=f"t{n}",
        )

    def count(event):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(event.get_absolute_url()).status_code == 200
        return len(ctx.captured_queries)

    assert count(few) == count(many) <= 6
