"""A promise's coordinators moderate residents' comments: publish, reject with a reason, reply
in public; history keeps who did what, never the resident's text."""

import pytest
from django.contrib.contenttypes.models import ContentType

from lofte.history.models import Change
from lofte.participation.models import Comment, ParticipationSettings
from lofte.participation.tests.conftest import make_comment

pytestmark = pytest.mark.django_db

QUEUE = "/en/dialog/testby/"
SECRET = "Grannen i trapphus B säljer knark."


@pytest.fixture
def waiting(promise):
    return make_comment(promise, text=SECRET, state="waiting", published_at=None, kind="comment")


@pytest.fixture
def as_alice(client, alice):
    client.force_login(alice)
    return client


def moderate(client, comment, decision, **fields):
    url = f"/en/dialog/testby/synpunkter/{comment.pk}/"
    data = {"decision": decision, "version": comment.version} | fields
    return client.post(url, data)


def changes(comment):
    return Change.objects.filter(
        content_type=ContentType.objects.get_for_model(Comment), object_id=comment.pk
    )


def test_publishing_puts_the_comment_on_the_page_and_history_says_who(as_alice, alice, waiting):
    response = moderate(as_alice, waiting, "approve")
    assert response.status_code == 302
    assert response["Location"] == QUEUE
    waiting.refresh_from_db()
    assert waiting.state == Comment.State.PUBLISHED
    assert waiting.published_at is not None
    assert (waiting.moderated_by, waiting.version) == (alice, 2)
    change = changes(waiting).get()
    assert (change.user, change.action, change.is_public) == (alice, "approved", False)
    assert change.fields["state"] == ["waiting", "published"]
    assert SECRET not in repr(change.fields)
    assert SECRET in as_alice.get("/en/medborgarloften/testby/").content.decode()


@pytest.mark.parametrize("reason", [r for r in Comment.Reason.values if r != "other"])
def test_rejecting_with_a_reason_keeps_the_comment_off_the_pages(as_alice, waiting, reason):
    assert moderate(as_alice, waiting, "reject", reason=reason).status_code == 302
    waiting.refresh_from_db()
    assert (waiting.state, waiting.reject_reason) == ("rejected", reason)
    assert changes(waiting).get().fields["reject_reason"] == ["", reason]
    assert SECRET not in as_alice.get("/en/medborgarloften/testby/synpunkter/").content.decode()


def test_rejecting_needs_a_reason_and_another_reason_needs_words_said_in_swedish(
    client, alice, waiting
):
    client.force_login(alice)
    url = f"/dialog/testby/synpunkter/{waiting.pk}/"
    html = client.post(url, {"decision": "reject", "version": 1}).content.decode()
    assert "Välj varför synpunkten avvisas." in html
    html = client.post(url, {"decision": "reject", "reason": "other", "version": 1}).content
    assert "Skriv med några ord varför synpunkten avvisas." in html.decode()
    waiting.refresh_from_db()
    assert waiting.state == Comment.State.WAITING
    assert moderate(client, waiting, "reject", reason="other", note="Reklam för en fest.")
    waiting.refresh_from_db()
    assert (waiting.reject_reason, waiting.reject_note) == ("other", "Reklam för en fest.")


def test_a_comment_rejected_for_personal_data_loses_its_text_everywhere(as_alice, waiting):
    moderate(as_alice, waiting, "reject", reason="personal_data")
    waiting.refresh_from_db()
    assert waiting.text == ""
    assert SECRET not in repr(list(Change.objects.values_list("fields", flat=True)))
    html = as_alice.get(QUEUE + "?visa=rejected").content.decode()
    assert "The text was removed" in html
    # There is nothing left to publish.
    response = moderate(as_alice, waiting, "approve")
    assert response.status_code == 200
    waiting.refresh_from_db()
    assert waiting.state == Comment.State.REJECTED


def test_a_published_comment_can_be_taken_down(as_alice, promise):
    comment = make_comment(promise, text="Publicerad men olämplig.")
    moderate(as_alice, comment, "reject", reason="offensive")
    assert "olämplig" not in as_alice.get("/en/medborgarloften/testby/").content.decode()


def test_a_reply_is_shown_under_the_comment_signed_by_the_coordinators_not_by_name(
    as_alice, waiting
):
    moderate(as_alice, waiting, "approve", reply="Tack, vi har kontaktat polisen.")
    waiting.refresh_from_db()
    assert waiting.reply == "Tack, vi har kontaktat polisen."
    assert waiting.replied_at is not None
    as_alice.logout()
    html = as_alice.get("/en/medborgarloften/testby/synpunkter/").content.decode()
    assert "Reply from the promise's coordinators" in html
    assert "Tack, vi har kontaktat polisen." in html
    assert "Alice" not in html and "alice" not in html


def test_a_reply_can_be_changed_later_and_history_keeps_both(as_alice, alice, waiting):
    moderate(as_alice, waiting, "approve", reply="Första svaret.")
    waiting.refresh_from_db()
    moderate(as_alice, waiting, "reply", reply="Rättat svar.")
    waiting.refresh_from_db()
    assert waiting.reply == "Rättat svar."
    latest = changes(waiting).first()
    assert latest.fields["reply"] == ["Första svaret.", "Rättat svar."]
    assert latest.user == alice


def test_only_a_published_comment_takes_a_reply_on_its_own(as_alice, waiting):
    response = moderate(as_alice, waiting, "reply", reply="Svar.")
    assert response.status_code == 200
    assert "Publish the comment first" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.reply == ""


def test_two_coordinators_at_once_the_second_is_told_and_changes_nothing(
    client, alice, bob, waiting
):
    client.force_login(alice)
    moderate(client, waiting, "approve")  # waiting still carries version 1
    client.force_login(bob)
    response = moderate(client, waiting, "reject", reason="spam")
    assert response.status_code == 409
    assert "Someone else changed this" in response.content.decode()
    waiting.refresh_from_db()
    assert (waiting.state, waiting.moderated_by) == ("published", alice)


@pytest.mark.parametrize(
    "data",
    [
        {"decision": "approve", "version": "abc"},
        {"decision": "bogus", "version": 1},
        {"version": 1},
        {"decision": "approve", "version": "99999999999999999999999"},
        {"decision": "reject", "reason": "nonsense", "version": 1},
        {},
    ],
)
def test_no_input_to_moderation_gives_a_500(as_alice, waiting, data):
    response = as_alice.post(f"/en/dialog/testby/synpunkter/{waiting.pk}/", data)
    assert response.status_code in (200, 409)
    waiting.refresh_from_db()
    assert waiting.state == Comment.State.WAITING


def test_the_queue_lists_waiting_comments_oldest_first_with_their_warning_signs(as_alice, promise):
    import datetime

    from django.utils import timezone

    now = timezone.now()
    older = make_comment(
        promise,
        "Äldst.",
        state="waiting",
        published_at=None,
        created_at=now - datetime.timedelta(2),
    )
    newer = make_comment(
        promise,
        "Ring 070-123 45 67.",
        state="waiting",
        published_at=None,
        flags=["phone"],
        created_at=now - datetime.timedelta(1),
    )
    make_comment(promise, "Redan publicerad.")
    response = as_alice.get(QUEUE)
    assert [c.pk for c in response.context["page"].object_list] == [older.pk, newer.pk]
    html = response.content.decode()
    assert "it seems to hold a phone number" in html
    assert "Redan publicerad." not in html
    assert "Waiting for moderation (2)" in html and "Published (1)" in html
    published = as_alice.get(QUEUE + "?visa=published").content.decode()
    assert "Redan publicerad." in published and "Äldst." not in published
    assert as_alice.get(QUEUE + "?visa=nonsense").status_code == 200


def test_the_queue_s_publish_button_publishes_in_one_click(as_alice, waiting):
    html = as_alice.get(QUEUE).content.decode()
    assert f'action="/en/dialog/testby/synpunkter/{waiting.pk}/"' in html
    assert moderate(as_alice, waiting, "approve").status_code == 302
    waiting.refresh_from_db()
    assert waiting.state == Comment.State.PUBLISHED


def test_a_reader_sees_moderation_in_the_history_but_never_the_resident_s_text(
    client, alice, rosa, waiting
):
    client.force_login(alice)
    moderate(client, waiting, "reject", reason="off_topic")
    client.force_login(rosa)
    html = client.get("/en/uppfoljning/testby/historik/").content.decode()
    assert f"Comment no. {waiting.pk}" in html
    assert SECRET not in html


def test_switching_to_moderation_after_publishing_is_recorded(client, alice, promise):
    client.force_login(alice)
    url = "/en/dialog/testby/installningar/"
    assert client.get(url).status_code == 200
    data = {"comments_open": "on", "moderation": "after", "version": 0}
    assert client.post(url, data).status_code == 302
    settings = ParticipationSettings.objects.get(promise=promise)
    assert settings.moderation == "after"
    change = Change.objects.get(object_id=settings.pk, action="created")
    assert change.user == alice
    data = {"moderation": "before", "version": settings.version}
    assert client.post(url, data).status_code == 302
    settings.refresh_from_db()
    assert (settings.comments_open, settings.moderation) == (False, "before")


def test_two_coordinators_saving_the_first_settings_at_once_get_a_conflict(client, alice, bob):
    url = "/en/dialog/testby/installningar/"
    client.force_login(alice)
    client.post(url, {"comments_open": "on", "moderation": "after", "version": 0})
    client.force_login(bob)
    response = client.post(url, {"moderation": "before", "version": 0})
    assert response.status_code == 409
    assert ParticipationSettings.objects.get().moderation == "after"
