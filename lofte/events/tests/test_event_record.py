"""After the event: the coordinators' record (how many came, what residents raised), shown on
the event page and in the follow-up report; who may write it; counts, never addresses."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from lofte.events.actions import register
from lofte.events.models import EventRecord
from lofte.events.tests.test_event_pages import FUTURE, PAST, make_event

RAISED = "Belysningen vid gångtunneln.\nFler vuxna ute på kvällarna."


@pytest.fixture
def held(promise):
    event = make_event(
        promise,
        timezone.now() - datetime.timedelta(days=2),
        title="Trygghetsvandring",
        registration=True,
        capacity=10,
    )
    # Registered before it began (straight in the table: the form is closed now).
    event.registrations.create(email="hemlig@example.se", places=2, state="confirmed", token="t1")
    return event


def record_url(event):
    return reverse("events:record", args=[event.promise.slug, event.pk])


def test_a_coordinator_writes_the_record_and_it_is_shown_on_the_event_page(client, alice, held):
    client.force_login(alice)
    page = client.get(record_url(held))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Anmälda: 2 platser tagna, 0 på väntelistan." in html
    assert "hemlig@example.se" not in html

    response = client.post(record_url(held), {"attendance": "35", "raised": RAISED})

    assert response.status_code == 302
    record = EventRecord.objects.get(event=held)
    assert (record.attendance, record.raised) == (35, RAISED)
    client.logout()
    public = client.get(held.get_absolute_url()).content.decode()
    assert "Ungefär 35 personer kom." in public
    assert "<p>Belysningen vid gångtunneln.<br>Fler vuxna ute på kvällarna.</p>" in public


def test_the_record_feeds_the_follow_up_report(client, alice, held):
    EventRecord.objects.create(event=held, attendance=12, raised="Mer fritid för unga.")
    make_event(held.promise, PAST, title="Utan referat")

    html = client.get(reverse("progress:report", args=["testby"])).content.decode()

    assert "Möten med invånare" in html
    assert "Ungefär 12 personer kom." in html
    assert "Mer fritid för unga." in html
    assert "Utan referat" not in html


@pytest.mark.parametrize(
    "persona, status",
    [
        ("alice", 200),  # coordinator of the promise
        ("bob", 200),  # the kommun's coordinator in the promise
        ("greta", 200),  # Göteborg's kommun coordinator
        ("superuser", 200),
        ("rosa", 403),  # reader
        ("erik", 403),  # an actor's editor
        ("axel", 403),  # Göteborg's analyst
        ("charlie", 403),  # coordinator of another promise
        ("mats", 403),  # Malmö's coordinator
        ("dana", 403),  # logged in, no role
        ("staff", 403),  # staff without a role
    ],
)
def test_only_the_promises_coordinators_may_write_the_record(
    request, client, held, persona, status
):
    if persona == "superuser":
        user = User.objects.create_superuser("root", "root@example.se", "x")
    elif persona == "staff":
        user = User.objects.create_user("staff", "staff@example.se", "x", is_staff=True)
    else:
        user = request.getfixturevalue(persona)
    client.force_login(user)

    assert client.get(record_url(held)).status_code == status
    posted = client.post(record_url(held), {"attendance": "5", "raised": "Något."})
    assert posted.status_code == (302 if status == 200 else status)
    assert EventRecord.objects.exists() == (status == 200)


def test_anonymous_residents_are_sent_to_log_in(client, held):
    response = client.get(record_url(held))

    assert response.status_code == 302
    assert "/logga-in/" in response["Location"] or "login" in response["Location"]


def test_a_draft_promises_record_is_a_404_to_a_coordinator_of_another_promise(
    client, charlie, draft
):
    event = make_event(draft, PAST)
    client.force_login(charlie)

    assert client.get(record_url(event)).status_code == 404


def test_bad_input_is_a_clear_error_not_a_500(client, alice, held):
    client.force_login(alice)
    for data in [
        {"attendance": "", "raised": ""},
        {"attendance": "-3", "raised": "x"},
        {"attendance": "många", "raised": "x"},
        {"attendance": "99999999999999999999", "raised": "x"},
        {"attendance": "5", "raised": "x" * 2001},
    ]:
        response = client.post(record_url(held), data)
        assert response.status_code == 400, data
        assert 'class="errors" role="alert"' in response.content.decode()
    assert not EventRecord.objects.exists()


def test_no_record_before_the_event_has_begun(client, alice, promise):
    coming = make_event(promise, FUTURE)
    client.force_login(alice)

    assert "när evenemanget har börjat" in client.get(record_url(coming)).content.decode()
    assert client.post(record_url(coming), {"attendance": "5", "raised": "x"}).status_code == 409
    assert not EventRecord.objects.exists()


def test_the_admin_shows_no_registrant_to_anyone(client, alice, held):
    register(held, "annan@example.se")  # closed now: still, no page may show any address
    root = User.objects.create_superuser("root", "root@example.se", "x")
    for user in (alice, root):
        client.force_login(user)
        change = client.get(reverse("admin:events_event_change", args=[held.pk]))
        delete = client.get(reverse("admin:events_event_delete", args=[held.pk]))
        assert change.status_code == delete.status_code == 200
        for page in (change, delete):
            assert "hemlig@example.se" not in page.content.decode()
        assert client.get("/admin/events/registration/").status_code == 404
