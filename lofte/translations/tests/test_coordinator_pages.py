"""The coordinators' translations pages: who may use them, and what they save."""

import pytest
from django.utils.translation import override

from lofte.promises.models import Commitment
from lofte.translations.content import texts_of
from lofte.translations.models import EASY_READ, Translation

PAGES = [
    "/oversattningar/testby/",
    "/oversattningar/testby/ar/",
    "/oversattningar/testby/lattlast/",
    "/oversattningar/testby/en/export.xlsx",
]


@pytest.mark.parametrize("who", ["alice", "bob", "greta"])
@pytest.mark.parametrize("url", PAGES)
def test_the_promise_s_coordinators_open_every_page(client, request, who, url):
    client.force_login(request.getfixturevalue(who))
    response = client.get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("who", ["charlie", "mats", "erik", "rosa", "axel", "dana"])
@pytest.mark.parametrize("url", PAGES)
def test_everyone_else_logged_in_is_refused(client, request, promise, who, url):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url).status_code == 403
    assert client.post(url, {}).status_code in (403, 405)
    assert not Translation.objects.exists()


def test_staff_without_a_role_is_refused(client, promise, django_user_model):
    staff = django_user_model.objects.create_user("stina", password="x", is_staff=True)
    client.force_login(staff)
    for url in PAGES:
        assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", PAGES)
def test_anonymous_readers_are_sent_to_log_in(client, promise, url):
    response = client.get(url)
    assert response.status_code == 302 and "logga-in" in response.url


def test_a_draft_s_translations_are_a_404_to_a_coordinator_of_another_promise(
    client, draft, charlie
):
    client.force_login(charlie)
    assert client.get("/oversattningar/utkast/").status_code == 404


def test_an_unknown_language_is_a_404(client, alice):
    client.force_login(alice)
    assert client.get("/oversattningar/testby/sv/").status_code == 404
    assert client.get("/oversattningar/testby/de/").status_code == 404


def _fields(promise):
    with override("en"):
        return {f"{t.where}|{t.field}": f"t{n}" for n, t in enumerate(texts_of(promise))}


def test_a_coordinator_saves_translations_and_an_empty_box_removes_one(client, alice, promise):
    client.force_login(alice)
    fields = _fields(promise)
    response = client.post(
        "/oversattningar/testby/ar/",
        {fields["The promise|title"]: "وعد تيستبي", fields["Goal 1|title"]: "الهدف الأول"},
    )
    assert response.status_code == 302
    row = Translation.objects.get(field="title", language="ar", content_type__model="promise")
    assert row.text == "وعد تيستبي" and row.updated_by == alice and row.promise == promise
    assert Translation.objects.count() == 2
    page = client.get("/oversattningar/testby/ar/").content.decode()
    assert 'lang="ar" dir="rtl"' in page and "وعد تيستبي" in page

    client.post("/oversattningar/testby/ar/", {fields["The promise|title"]: "وعد تيستبي"})
    assert Translation.objects.count() == 1


def test_a_changed_swedish_text_shows_its_translation_as_outdated(client, alice, promise):
    client.force_login(alice)
    fields = _fields(promise)
    client.post("/oversattningar/testby/en/", {fields["The promise|summary"]: "A safer testby."})
    assert (
        "changed since this was translated"
        not in client.get("/en/oversattningar/testby/en/").content.decode()
    )
    promise.summary = "Ett ännu tryggare testby."
    promise.save()
    page = client.get("/en/oversattningar/testby/en/").content.decode()
    assert "The Swedish text has changed since this was translated." in page
    overview = client.get("/en/oversattningar/testby/").content.decode()
    assert "<td>1</td>" in overview  # one outdated in English


def test_a_too_long_translation_is_refused_with_the_form_shown_again(client, alice, promise):
    client.force_login(alice)
    fields = _fields(promise)
    response = client.post("/oversattningar/testby/en/", {fields["The promise|title"]: "x" * 401})
    assert response.status_code == 400
    assert not Translation.objects.exists()


def test_a_coordinator_writes_easy_swedish_summaries(client, alice, promise):
    client.force_login(alice)
    c = Commitment.objects.filter(focus_area__promise=promise).first()
    response = client.post(
        "/oversattningar/testby/lattlast/", {"e0": "Ett lätt löfte.", "e1": "Lätt."}
    )
    assert response.status_code == 302
    assert set(Translation.objects.filter(field=EASY_READ).values_list("text", flat=True)) == {
        "Ett lätt löfte.",
        "Lätt.",
    }
    assert "Ett lätt löfte." in client.get("/medborgarloften/testby/").content.decode()
    assert c.pk in Translation.objects.filter(field=EASY_READ).values_list("object_id", flat=True)


def test_a_deleted_commitment_takes_its_translations_with_it(client, alice, promise):
    client.force_login(alice)
    fields = _fields(promise)
    client.post("/oversattningar/testby/en/", {fields["Commitment 1|title"]: "Commitment one"})
    assert Translation.objects.count() == 1
    Commitment.objects.get(pk=Translation.objects.get().object_id).delete()
    assert not Translation.objects.exists()
