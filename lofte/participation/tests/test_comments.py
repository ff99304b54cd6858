"""Residents leave comments, ideas and questions without an account; what they write is held
for a coordinator when the promise moderates first or when it looks personal or holds a link."""

import hashlib

import pytest

from lofte.participation import limits
from lofte.participation.forms import CommentForm
from lofte.participation.models import Comment, ParticipationSettings
from lofte.participation.tests.conftest import make_comment
from lofte.promises.models import Promise
from lofte.testing import shared_keys

pytestmark = pytest.mark.django_db

URL = "/en/medborgarloften/testby/synpunkter/"
SV_URL = "/medborgarloften/testby/synpunkter/"


def post(client, text="Fler vuxna ute på kvällarna.", url=URL, ip="203.0.113.7", **fields):
    data = {"kind": "idea", "text": text, "language": "sv"} | fields
    return client.post(url, data, REMOTE_ADDR=ip)


@pytest.fixture
def after(promise):
    """The promise publishes comments at once when they show no warning sign."""
    return ParticipationSettings.objects.create(
        promise=promise, moderation=ParticipationSettings.Moderation.AFTER
    )


def test_a_resident_leaves_an_idea_that_waits_for_a_coordinator(client, promise):
    response = post(client)
    assert response.status_code == 302
    assert response["Location"] == "/en/medborgarloften/testby/synpunkter/tack/"
    comment = Comment.objects.get()
    assert (comment.promise, comment.commitment, comment.kind) == (promise, None, "idea")
    assert comment.text == "Fler vuxna ute på kvällarna."
    assert comment.language == "sv"
    assert comment.state == Comment.State.WAITING
    assert comment.flags == []
    html = client.get("/en/medborgarloften/testby/").content.decode()
    assert "Fler vuxna ute på kvällarna." not in html
    thanks = client.get(response["Location"]).content.decode()
    assert "published when a coordinator of the promise has read it" in thanks


def test_a_comment_on_a_commitment_is_about_that_commitment(client, promise):
    commitment = promise.commitments().order_by("order").last()
    url = f"/en/medborgarloften/testby/ataganden/{commitment.pk}/synpunkter/"
    response = post(client, url=url, kind="question")
    assert response.status_code == 302
    assert f"atagande={commitment.pk}" in response["Location"]
    comment = Comment.objects.get()
    assert (comment.commitment, comment.kind) == (commitment, "question")


def test_the_commitment_page_of_another_promise_takes_no_comment(client, promise, other_promise):
    foreign = other_promise.commitments().first()
    url = f"/en/medborgarloften/testby/ataganden/{foreign.pk}/synpunkter/"
    assert post(client, url=url).status_code == 404
    assert not Comment.objects.exists()


def test_with_moderation_after_publishing_a_plain_comment_is_published_at_once(
    client, promise, after
):
    response = post(client)
    assert "publicerad=1" in response["Location"]
    comment = Comment.objects.get()
    assert comment.state == Comment.State.PUBLISHED
    assert comment.published_at is not None
    assert (
        "Fler vuxna ute på kvällarna." in client.get("/en/medborgarloften/testby/").content.decode()
    )
    assert "Your comment is published." in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    "text, flag",
    [
        ("Min son har personnummer 811218-9876 och behöver hjälp.", "personal_number"),
        ("Ring mig på 070-123 45 67 så berättar jag.", "phone"),
        ("Skriv till mig: boende@example.se", "email"),
        ("Anna Svensson på gården vet vem som gjorde det.", "name"),
        ("Jag heter ahmed och vill hjälpa till.", "name"),
        ("Köp billigt på www.example.com nu", "link"),
        ("Läs mer på https://example.org/sida", "link"),
    ],
)
def test_a_comment_that_looks_personal_or_holds_a_link_waits_even_when_published_at_once(
    client, promise, after, text, flag
):
    post(client, text=text)
    comment = Comment.objects.get()
    assert comment.state == Comment.State.WAITING
    assert flag in comment.flags


def test_the_promise_s_own_places_and_actors_are_not_taken_for_names(client, promise, after):
    post(client, text="Aktör testby 1 gör ett bra jobb i Området testby.")
    assert Comment.objects.get().state == Comment.State.PUBLISHED


def test_the_honeypot_saves_nothing_but_says_thank_you(client, promise):
    response = post(client, webbplats="http://spam.example")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/medborgarloften/testby/synpunkter/tack/")
    assert not Comment.objects.exists()


def test_the_honeypot_is_hidden_from_people_and_screen_readers(client, promise):
    html = client.get(URL).content.decode()
    field = html.split('id="id_webbplats"')[0].rsplit("<div hidden>", 1)
    assert len(field) == 2 and "</div>" not in field[1]


def test_more_than_ten_comments_from_one_client_in_ten_minutes_are_refused(client, promise):
    for i in range(10):
        assert post(client, text=f"Idé nummer {i}.").status_code == 302
    response = post(client, text="Den elfte idén.")
    assert response.status_code == 429
    assert Comment.objects.count() == 10
    html = response.content.decode()
    assert "Nothing was saved" in html
    assert "Den elfte idén." in html  # the text is still in the form
    # Another client is not held back by this one.
    assert post(client, text="Från en annan dator.", ip="198.51.100.9").status_code == 302


def test_more_than_the_limit_to_one_target_is_refused_whoever_sends_it(
    client, promise, monkeypatch
):
    monkeypatch.setattr(
        "lofte.participation.views.public.COMMENTS_PER_TARGET", ("test-comment-target", 3, 3600)
    )
    for i in range(3):
        assert post(client, ip=f"198.51.100.{i + 1}").status_code == 302
    assert post(client, ip="198.51.100.99").status_code == 429
    assert Comment.objects.count() == 3
    # The limit is per promise or commitment: a commitment's page still takes comments.
    commitment = promise.commitments().first()
    url = f"/en/medborgarloften/testby/ataganden/{commitment.pk}/synpunkter/"
    assert post(client, url=url, ip="198.51.100.100").status_code == 302


def test_the_rate_limit_keeps_no_address_in_clear_nor_in_a_plain_hash(client, promise):
    post(client, ip="203.0.113.77")
    stored = repr(shared_keys())
    assert "203.0.113.77" not in stored
    plain = hashlib.sha256(b"203.0.113.77").hexdigest()
    key = limits.client_key(_request("203.0.113.77"))
    assert key != plain and plain[:32] not in stored and "203.0.113.77" not in key


def _request(ip):
    from django.test import RequestFactory

    return RequestFactory().get("/", REMOTE_ADDR=ip)


def test_clients_in_one_ipv6_64_share_a_key_and_others_do_not():
    key = limits.client_key
    assert key(_request("2001:db8:1:2::1")) == key(_request("2001:db8:1:2:ffff::9"))
    assert key(_request("2001:db8:1:3::1")) != key(_request("2001:db8:1:2::1"))
    assert key(_request("::ffff:203.0.113.7")) == key(_request("203.0.113.7"))


def test_nothing_about_who_wrote_a_comment_is_kept(client, promise, dana):
    client.force_login(dana)
    post(client)
    names = {f.name for f in Comment._meta.get_fields()}
    assert not names & {"ip", "ip_address", "user", "session", "email", "name", "author"}
    comment = Comment.objects.get()
    assert comment.moderated_by is None


def test_the_form_says_what_is_wrong_in_swedish(client, promise):
    response = post(client, url=SV_URL, text="   ")
    assert response.status_code == 200
    assert "Skriv din synpunkt, idé eller fråga." in response.content.decode()
    too_long = "a" * 1001
    html = post(client, url=SV_URL, text=too_long).content.decode()
    assert "Säkerställ att detta värde har som mest 1000 tecken (den har 1001)." in html
    html = post(client, url=SV_URL, kind="klagomål").content.decode()
    assert "Välj ett giltigt alternativ." in html
    assert not Comment.objects.exists()


def test_the_text_limit_is_the_model_s_and_the_browser_is_told(client, promise):
    field = CommentForm.base_fields["text"]
    assert field.max_length == Comment._meta.get_field("text").max_length == 1000
    assert 'maxlength="1000"' in client.get(URL).content.decode()


def test_a_line_break_counts_once_against_the_limit(client, promise):
    text = "a" * 499 + "\r\n" + "b" * 500
    assert post(client, text=text).status_code == 302
    assert Comment.objects.get().text == "a" * 499 + "\n" + "b" * 500


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "idea", "text": "Hej\x00då", "language": "sv"},
        {"kind": "idea", "text": "Hej", "language": "xx-ogiltigt"},
        {"text": "Utan sort"},
        {},
        {"kind": ["idea", "question"], "text": ["a", "b"]},
    ],
)
def test_no_input_gives_a_500(client, promise, data):
    response = client.post(URL, data)
    assert response.status_code in (200, 302)


def test_odd_page_numbers_show_a_page(client, promise):
    make_comment(promise)
    for page in ("abc", "0", "-1", "99999999999999999999999"):
        assert client.get(f"{URL}?sida={page}").status_code == 200


def test_closed_comments_show_no_form_and_take_nothing(client, promise):
    ParticipationSettings.objects.create(promise=promise, comments_open=False)
    make_comment(promise, text="Publicerad tidigare.")
    html = client.get("/en/medborgarloften/testby/").content.decode()
    assert 'name="text"' not in html
    assert "This promise takes no more comments." in html
    assert "Publicerad tidigare." in html
    assert post(client).status_code == 403
    assert Comment.objects.count() == 1


def test_an_archived_promise_shows_its_comments_and_takes_no_more(client, promise):
    make_comment(promise, text="Publicerad tidigare.")
    Promise.objects.filter(pk=promise.pk).update(status=Promise.Status.ARCHIVED)
    html = client.get(URL).content.decode()
    assert "Publicerad tidigare." in html and 'name="text"' not in html
    assert post(client).status_code == 403
    assert Comment.objects.count() == 1


def test_published_comments_come_newest_first_twenty_to_a_page(client, promise, other_promise):
    import datetime

    from django.utils import timezone

    start = timezone.now() - datetime.timedelta(days=30)
    for i in range(25):
        make_comment(promise, text=f"Synpunkt {i:02d}.", published_at=start + datetime.timedelta(i))
    make_comment(promise, text="Väntar fortfarande.", state="waiting", published_at=None)
    make_comment(promise, text="Avvisad synpunkt.", state="rejected")
    make_comment(other_promise, text="Från en annan stad.")
    first = client.get(URL)
    shown = [c.text for c in first.context["page"].object_list]
    assert shown == [f"Synpunkt {i:02d}." for i in range(24, 4, -1)]
    second = [c.text for c in client.get(URL + "?sida=2").context["page"].object_list]
    assert second == [f"Synpunkt {i:02d}." for i in range(4, -1, -1)]
    html = first.content.decode()
    for hidden in ("Väntar fortfarande.", "Avvisad synpunkt.", "Från en annan stad."):
        assert hidden not in html


def test_the_promise_page_shows_the_five_newest_and_links_to_all(client, promise):
    import datetime

    from django.utils import timezone

    start = timezone.now() - datetime.timedelta(days=30)
    for i in range(7):
        make_comment(promise, text=f"Synpunkt {i}.", published_at=start + datetime.timedelta(i))
    html = client.get("/en/medborgarloften/testby/").content.decode()
    assert [f"Synpunkt {i}." in html for i in range(7)] == [False, False] + [True] * 5
    assert 'href="/en/medborgarloften/testby/synpunkter/"' in html


def test_the_commitment_page_shows_only_its_own_comments(client, promise):
    first, second = promise.commitments().order_by("order")[:2]
    make_comment(promise, text="Om det första.", commitment=first)
    make_comment(promise, text="Om det andra.", commitment=second)
    make_comment(promise, text="Om hela löftet.")
    html = client.get(f"/en/medborgarloften/testby/ataganden/{first.pk}/").content.decode()
    assert "Om det första." in html
    assert "Om det andra." not in html and "Om hela löftet." not in html
    whole = client.get("/en/medborgarloften/testby/").content.decode()
    assert "Om det andra." in whole and "Om hela löftet." in whole
    assert f'href="/en/medborgarloften/testby/ataganden/{second.pk}/"' in whole


def test_a_comment_is_marked_with_the_language_it_is_written_in(client, promise):
    make_comment(promise, text="نريد المزيد من الإضاءة", language="ar")
    html = client.get(URL).content.decode()
    assert '<p lang="ar" dir="auto">نريد المزيد من الإضاءة</p>' in html


def test_the_language_choices_name_each_language_in_itself(client, promise):
    html = client.get(URL).content.decode()
    assert '<option value="ar" lang="ar">العربية</option>' in html
    assert '<option value="so" lang="so">Soomaali</option>' in html
    assert 'value="" ' in html or 'value="">' in html  # another language


def test_the_form_starts_in_the_language_of_the_page(client, promise):
    assert '<option value="en" selected lang="en">' in client.get(URL).content.decode()
    assert '<option value="sv" selected lang="sv">' in client.get(SV_URL).content.decode()


def test_a_coordinator_sees_what_waits_on_the_promise_page_and_residents_do_not(
    client, promise, alice
):
    make_comment(promise, state="waiting", published_at=None)
    assert "/en/dialog/testby/" not in client.get("/en/medborgarloften/testby/").content.decode()
    client.force_login(alice)
    html = client.get("/en/medborgarloften/testby/").content.decode()
    assert "1 comment waits for moderation" in html
    assert 'href="/en/dialog/testby/"' in html
