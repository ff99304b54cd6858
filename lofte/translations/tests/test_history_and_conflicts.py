"""A translation's history (who changed it, when, what it read before), edits of the same
translation that never overwrite each other silently, and translations in the admin."""

import re

import pytest
from django.utils.translation import override

from lofte.history.models import Change
from lofte.translations.actions import save_translations
from lofte.translations.content import texts_of
from lofte.translations.models import Translation

EDIT = "/oversattningar/testby/ar/"


def _fields(promise):
    with override("en"):
        return {f"{t.where}|{t.field}": (f"t{n}", t) for n, t in enumerate(texts_of(promise))}


def _title(promise):
    return _fields(promise)["The promise|title"]


def _opened(client):
    """The form as the person opened it: every box and hidden version, as the browser sends it."""
    html = client.get(EDIT).content.decode()
    data = dict(re.findall(r'<input type="hidden" name="(t\d+_v)" value="(\d+)"', html))
    for name, text in re.findall(r'<textarea name="(t\d+)"[^>]*>\n?([^<]*)</textarea>', html):
        data[name] = text
    assert data, "the form has no boxes"
    return data


@pytest.fixture
def translated(promise, alice):
    name, text = _title(promise)
    save_translations(promise, "ar", [(text, "وعد تيستبي")], alice)
    return name, text


def test_every_save_is_kept_in_history_with_who_when_and_the_old_text(
    client, promise, alice, bob, translated
):
    name, text = translated
    client.force_login(bob)
    data = _opened(client)
    data[name] = "وعد تيستبي الجديد"
    assert client.post(EDIT, data).status_code == 302
    changes = list(Change.objects.of(promise).filter(action="translated"))
    assert [c.user for c in changes] == [bob, alice]  # newest first
    assert changes[0].fields == {"ar:title": ["وعد تيستبي", "وعد تيستبي الجديد"]}
    assert not any(c.is_public for c in changes)
    page = client.get(f"{EDIT}historik/", {"text": text.key}).content.decode()
    assert page.index("وعد تيستبي الجديد") < page.index("Alice")
    assert "Bob" in page and "وعد تيستبي" in page


def test_the_edit_page_links_each_text_s_history(client, promise, alice, translated):
    _name, text = translated
    client.force_login(alice)
    html = client.get(EDIT).content.decode()
    assert f"/oversattningar/testby/ar/historik/?text={text.key}".replace(":", "%3A") in html


@pytest.mark.parametrize("who", ["alice", "bob", "greta"])
def test_the_promise_s_coordinators_read_a_translation_s_history(
    client, request, promise, translated, who
):
    client.force_login(request.getfixturevalue(who))
    response = client.get(f"{EDIT}historik/", {"text": translated[1].key})
    assert response.status_code == 200
    assert "وعد تيستبي" in response.content.decode()


@pytest.mark.parametrize("who", ["charlie", "mats", "erik", "rosa", "axel", "dana"])
def test_no_one_else_reads_a_translation_s_history(client, request, promise, translated, who):
    client.force_login(request.getfixturevalue(who))
    response = client.get(f"{EDIT}historik/", {"text": translated[1].key})
    assert response.status_code == 403
    assert "وعد تيستبي" not in response.content.decode()


def test_staff_without_a_role_and_anonymous_readers_never_read_the_history(
    client, promise, translated, django_user_model
):
    url = f"{EDIT}historik/?text={translated[1].key}"
    response = client.get(url)
    assert response.status_code == 302 and "logga-in" in response.url
    client.force_login(django_user_model.objects.create_user("stina", is_staff=True))
    assert client.get(url).status_code == 403


def test_an_unknown_text_has_no_history_page(client, promise, alice):
    client.force_login(alice)
    assert client.get(f"{EDIT}historik/", {"text": "promises.promise:0:title"}).status_code == 404
    assert client.get(f"{EDIT}historik/").status_code == 404


def test_two_coordinators_editing_the_same_translation_never_overwrite_each_other(
    client, promise, alice, bob, translated
):
    name, _text = translated
    client.force_login(alice)
    alices = _opened(client)
    client.force_login(bob)
    bobs = _opened(client)
    bobs[name] = "نص بوب"
    assert client.post(EDIT, bobs).status_code == 302
    # Alice saves the form she opened before Bob saved: refused, nothing of hers saved.
    client.force_login(alice)
    alices[name] = "نص أليس"
    response = client.post(EDIT, alices)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else changed this while you were editing it" in html or (
        "Någon annan ändrade" in html
    )
    assert "نص أليس" in html  # her text is still in the box
    assert "نص بوب" in html  # and what is stored now is shown beside it
    assert Translation.objects.get(field="title", language="ar").text == "نص بوب"
    # Having seen it, she saves again: now meant, and saved.
    again = _opened_from(html)
    assert client.post(EDIT, again).status_code == 302
    assert Translation.objects.get(field="title", language="ar").text == "نص أليس"


def _opened_from(html):
    data = dict(re.findall(r'<input type="hidden" name="(t\d+_v)" value="(\d+)"', html))
    for name, text in re.findall(r'<textarea name="(t\d+)"[^>]*>\n?([^<]*)</textarea>', html):
        data[name] = text
    return data


def test_the_conflict_message_is_in_the_reader_s_language(client, promise, alice, translated):
    name, _text = translated
    client.force_login(alice)
    data = _opened(client)
    Translation.objects.filter(field="title", language="ar").update(version=7, text="أحدث")
    data[name] = "نص"
    html = client.post(EDIT, data).content.decode()
    # The back office is Swedish for a Swedish coordinator.
    assert "Någon annan sparade texten under tiden. Nu lyder den: ”أحدث”" in html


def test_a_new_translation_made_meanwhile_by_someone_else_is_not_overwritten(
    client, promise, alice, bob
):
    client.force_login(alice)
    data = _opened(client)
    name, text = _title(promise)
    save_translations(promise, "ar", [(text, "من بوب")], bob)
    data[name] = "من أليس"
    assert client.post(EDIT, data).status_code == 409
    assert Translation.objects.get(field="title", language="ar").text == "من بوب"


def test_an_untouched_box_does_not_conflict_with_another_s_change_elsewhere(
    client, promise, alice, bob, translated
):
    name, text = translated
    goal_name, goal = _fields(promise)["Goal 1|title"]
    client.force_login(alice)
    data = _opened(client)
    save_translations(promise, "ar", [(text, "تغيير بوب")], bob)
    data[name] = "تغيير بوب"  # as it now reads: no change of hers there
    data[goal_name] = "الهدف الأول"
    assert client.post(EDIT, data).status_code == 302
    saved = Translation.objects.get(content_type__model="goal", language="ar")
    assert saved.object_id == goal.obj.pk and saved.text == "الهدف الأول"
    assert Translation.objects.get(content_type__model="promise").text == "تغيير بوب"


# The admin


def _admin_change(pk):
    return f"/admin/translations/translation/{pk}/change/"


@pytest.fixture
def other_translation(other_promise, charlie):
    with override("en"):
        text = next(t for t in texts_of(other_promise) if t.field == "title")
    save_translations(other_promise, "ar", [(text, "وعد مدينة أخرى")], charlie)
    return Translation.objects.get(promise=other_promise)


def test_a_coordinator_sees_only_their_promises_translations_in_the_admin(
    client, promise, greta, translated, other_translation
):
    client.force_login(greta)
    html = client.get("/admin/translations/translation/").content.decode()
    mine = Translation.objects.get(promise=promise)
    assert _admin_change(mine.pk) in html
    assert _admin_change(other_translation.pk) not in html
    assert client.get(_admin_change(other_translation.pk)).status_code in (302, 403, 404)
    assert client.get(_admin_change(mine.pk)).status_code == 200


def test_a_superuser_sees_every_translation_in_the_admin(
    client, promise, translated, other_translation, django_user_model
):
    client.force_login(django_user_model.objects.create_superuser("root", "r@example.se", "x"))
    html = client.get("/admin/translations/translation/").content.decode()
    assert _admin_change(other_translation.pk) in html
    assert _admin_change(Translation.objects.get(promise=promise).pk) in html


def test_a_coordinator_of_another_kommun_never_sees_this_promise_s_translations_in_the_admin(
    client, promise, mats, translated, other_translation
):
    client.force_login(mats)
    html = client.get("/admin/translations/translation/").content.decode()
    row = Translation.objects.get(promise=promise)
    assert _admin_change(other_translation.pk) in html and _admin_change(row.pk) not in html
    assert client.get(_admin_change(row.pk)).status_code in (302, 403, 404)
    client.post(_admin_change(row.pk), {"text": "اختراق", "opened_version": row.version})
    row.refresh_from_db()
    assert row.text == "وعد تيستبي"


@pytest.mark.parametrize("who", ["erik", "rosa", "axel"])
def test_readers_editors_and_others_see_no_translations_in_the_admin(
    client, request, promise, translated, who
):
    user = request.getfixturevalue(who)
    user.is_staff = True
    user.save()
    client.force_login(user)
    response = client.get("/admin/translations/translation/")
    assert response.status_code == 403
    row = Translation.objects.get(promise=promise)
    assert client.get(_admin_change(row.pk)).status_code in (302, 403, 404)


def test_an_admin_change_is_kept_in_history_and_a_stale_one_refused(
    client, promise, greta, bob, translated
):
    row = Translation.objects.get(promise=promise)
    client.force_login(greta)
    form = client.get(_admin_change(row.pk)).content.decode()
    assert 'name="opened_version" value="1"' in form  # the form carries what she opened
    response = client.post(
        _admin_change(row.pk), {"text": "نص غريتا", "opened_version": row.version}
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.text == "نص غريتا" and row.version == 2
    latest = Change.objects.of(promise).filter(action="translated").first()
    assert latest.user == greta and latest.fields["ar:title"] == ["وعد تيستبي", "نص غريتا"]
    stale = client.post(_admin_change(row.pk), {"text": "قديم", "opened_version": 1})
    assert stale.status_code == 409
    row.refresh_from_db()
    assert row.text == "نص غريتا"


def test_two_coordinators_editing_the_same_easy_swedish_summary_never_overwrite_each_other(
    client, promise, alice, bob
):
    url = "/oversattningar/testby/lattlast/"
    client.force_login(alice)
    alices = _opened_from(client.get(url).content.decode().replace("e0", "t0"))
    client.force_login(bob)
    assert client.post(url, {"e0": "Bobs sammanfattning.", "e0_v": "0"}).status_code == 302
    client.force_login(alice)
    response = client.post(url, {"e0": "Alices sammanfattning.", "e0_v": alices["t0_v"]})
    assert response.status_code == 409
    assert "Alices sammanfattning." in response.content.decode()
    assert Translation.objects.get(field="easy_read").text == "Bobs sammanfattning."
    assert Change.objects.of(promise).filter(action="translated").get().user == bob
