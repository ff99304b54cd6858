"""Actors report on their commitments: the list, the form, its rules, its evidence."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from lofte.actors.models import Organisation
from lofte.followup.models import MeasureValue, Update
from lofte.history.models import Change
from lofte.promises.models import Commitment, Measure, Membership

pytestmark = pytest.mark.django_db


def en(name, args):
    """Return the English address of a page (reverse() follows the language of the last request)."""
    with translation.override("sv"):
        return "/en" + reverse(name, args=args)


def commitments(promise):
    return list(promise.commitments().order_by("order"))


def list_url(promise):
    return en("followup:my_commitments", [promise.slug])


def edit_url(promise, period, commitment):
    return en("followup:edit_update", [promise.slug, period.pk, commitment.pk])


def form_data(commitment, version=0, action="save", values=None, **fields):
    data = {
        "version": version,
        "action": action,
        "status": "",
        "text": "",
        "evidence_url": "",
        "is_publishable": "on",
    }
    data.update(fields)
    for measure in commitment.measures.all():
        data[f"measure_{measure.pk}"] = (values or {}).get(measure.pk, "")
    return data


@pytest.fixture
def c0(promise):
    return commitments(promise)[0]


@pytest.fixture
def q1(periods):
    return periods[0]


# Who may open the reporting pages


def test_anonymous_is_sent_to_log_in(client, promise, periods, c0, q1):
    for url in (list_url(promise), edit_url(promise, q1, c0)):
        response = client.get(url)
        assert response.status_code == 302
        assert "/konto/logga-in/" in response["Location"]


def test_a_user_without_rights_is_refused(client, promise, periods, dana, c0, q1):
    client.force_login(dana)
    assert client.get(list_url(promise)).status_code == 403
    assert client.get(edit_url(promise, q1, c0)).status_code == 403
    assert client.post(edit_url(promise, q1, c0), form_data(c0, text="x")).status_code == 403
    assert not Update.objects.exists()


def test_a_coordinator_of_another_promise_is_refused(client, promise, periods, charlie, c0, q1):
    client.force_login(charlie)
    assert client.get(list_url(promise)).status_code == 403
    assert client.get(edit_url(promise, q1, c0)).status_code == 403


def test_a_draft_promise_is_a_404_to_non_members(client, draft, erik):
    client.force_login(erik)
    assert client.get(list_url(draft)).status_code == 404


def test_unknown_periods_and_commitments_are_404(
    client, promise, other_promise, periods, erik, c0, q1
):
    client.force_login(erik)
    other = commitments(other_promise)[0]
    assert client.get(edit_url(promise, q1, other)).status_code == 404
    url = en("followup:edit_update", [promise.slug, 99999, c0.pk])
    assert client.get(url).status_code == 404


def test_fatima_cannot_open_or_post_eriks_commitment(
    client, promise, periods, erik, fatima, c0, q1
):
    client.force_login(fatima)
    assert client.get(edit_url(promise, q1, c0)).status_code == 403
    response = client.post(edit_url(promise, q1, c0), form_data(c0, text="Mitt", status="done"))
    assert response.status_code == 403
    assert not Update.objects.exists()
    assert not Change.objects.exists()


# The list of commitments


def test_erik_sees_his_actors_commitments_by_period_newest_first(client, promise, periods, erik):
    client.force_login(erik)
    response = client.get(list_url(promise))
    assert response.status_code == 200
    rows_by_period = response.context["rows_by_period"]
    assert [p.name for p, _rows in rows_by_period] == [p.name for p in reversed(periods)]
    titles = [row["commitment"].title for row in rows_by_period[0][1]]
    assert titles == ["Åtagande 0 i testby", "Åtagande 2 i testby", "Åtagande 3 i testby"]


def test_the_list_shows_each_updates_state_and_flags_overdue_ones(
    client, promise, periods, erik, c0, q1
):
    c2 = commitments(promise)[2]
    Update.objects.create(commitment=c0, period=q1, status="done", text="x", state="approved")
    Update.objects.create(
        commitment=c2, period=q1, text="", state="returned", review_comment="Lägg till antal."
    )
    client.force_login(erik)
    response = client.get(list_url(promise))
    rows = dict(response.context["rows_by_period"])[q1]
    # A returned update is still owed: overdue here as on the dashboard, which reminds of it.
    assert [(r["state"], r["overdue"]) for r in rows] == [
        ("approved", False),
        ("returned", True),
        (None, True),
    ]
    html = response.content.decode()
    assert "Lägg till antal." in html
    assert "Overdue" in html
    assert edit_url(promise, q1, c0) in html


def test_a_commitment_that_owes_no_report_is_not_overdue_in_the_list(
    client, promise, periods, erik, c0, q1
):
    c2, c3 = commitments(promise)[2:4]
    c0.status = "done"  # finished: owes nothing more
    c0.save()
    c2.starts_on = q1.ends_on + datetime.timedelta(days=1)  # starts after the quarter
    c2.save()
    client.force_login(erik)
    response = client.get(list_url(promise))
    rows = dict(response.context["rows_by_period"])[q1]
    assert [(r["commitment"], r["overdue"]) for r in rows] == [
        (c0, False),
        (c2, False),
        (c3, True),
    ]
    assert 'class="overdue"' not in client.get(edit_url(promise, q1, c0)).content.decode()
    assert 'class="overdue"' in client.get(edit_url(promise, q1, c3)).content.decode()


def test_a_period_that_has_not_started_is_not_listed(client, promise, periods, erik):
    future = periods[-1]
    future.starts_on = datetime.date.today() + datetime.timedelta(days=30)
    future.ends_on = future.starts_on + datetime.timedelta(days=60)
    future.due_on = future.ends_on
    future.save()
    client.force_login(erik)
    names = [p.name for p, _rows in client.get(list_url(promise)).context["rows_by_period"]]
    assert future.name not in names


def test_an_editor_of_several_actors_sees_all_labelled_by_organisation(
    client, promise, periods, erik
):
    Membership.objects.create(
        user=erik,
        promise=promise,
        role=Membership.Role.EDITOR,
        organisation=Organisation.objects.get(slug="aktor-testby-2"),
    )
    client.force_login(erik)
    response = client.get(list_url(promise))
    rows = response.context["rows_by_period"][0][1]
    assert len(rows) == 4
    assert response.context["several_orgs"]
    labels = {r["commitment"].order: [a.slug for a in r["for_orgs"]] for r in rows}
    assert labels[1] == ["aktor-testby-2"]
    assert labels[2] == ["aktor-testby-0", "aktor-testby-2"]
    assert "for Aktör testby 2" in response.content.decode()


def test_the_list_takes_a_bounded_number_of_queries(client, promise, periods, erik):
    client.force_login(erik)
    client.get(list_url(promise))
    with CaptureQueriesContext(connection) as small:
        client.get(list_url(promise))
    organisation = Organisation.objects.get(slug="aktor-testby-0")
    focus_area = commitments(promise)[0].focus_area
    for i in range(10):
        c = Commitment.objects.create(focus_area=focus_area, title=f"Mer {i}", order=10 + i)
        c.actors.add(organisation)
        Measure.objects.create(commitment=c, name="Antal", unit="st")
        Update.objects.create(commitment=c, period=periods[0], text="x")
    with CaptureQueriesContext(connection) as large:
        response = client.get(list_url(promise))
    assert len(response.context["rows_by_period"][0][1]) == 13
    assert len(large) == len(small)


# Filing an update


def test_erik_files_a_draft_then_submits_it(client, promise, periods, erik, c0, q1):
    measure = c0.measures.get()
    client.force_login(erik)
    page = client.get(edit_url(promise, q1, c0))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert 'inputmode="decimal"' in html
    assert "Antal träffar (st)" in html and "Target: 10 st" in html

    response = client.post(
        edit_url(promise, q1, c0), form_data(c0, text="Halvvägs", values={measure.pk: "4"})
    )
    assert response.status_code == 302
    update = Update.objects.get()
    assert (update.state, update.text, update.submitted_at, update.created_by) == (
        "draft",
        "Halvvägs",
        None,
        erik,
    )
    assert update.values.get().value == Decimal("4")

    response = client.post(
        edit_url(promise, q1, c0),
        form_data(
            c0,
            version=update.version,
            action="submit",
            status="done",
            text="Tio träffar hölls.",
            values={measure.pk: "10"},
        ),
    )
    assert response.status_code == 302
    update.refresh_from_db()
    assert update.state == "submitted" and update.status == "done"
    assert update.submitted_at is not None
    assert update.version == 2
    assert update.values.get().value == Decimal("10")
    changes = list(Change.objects.of(update).order_by("pk"))
    assert [c.action for c in changes] == ["created", "submitted"]
    assert changes[0].fields["measure:Antal träffar"] == [None, "4.00"]
    assert changes[1].fields["measure:Antal träffar"] == ["4.00", "10.00"]
    assert changes[1].fields["state"] == ["draft", "submitted"]
    assert all(c.user == erik for c in changes)


def test_submitting_needs_a_status_and_a_text(client, promise, periods, erik, c0, q1):
    client.force_login(erik)
    response = client.post(edit_url(promise, q1, c0), form_data(c0, action="submit"))
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"status", "text"}
    html = response.content.decode()
    assert 'role="alert"' in html
    assert 'aria-describedby="id_text_helptext id_text_errors"' in html
    assert not Update.objects.exists()


def test_a_draft_needs_nothing(client, promise, periods, erik, c0, q1):
    client.force_login(erik)
    response = client.post(edit_url(promise, q1, c0), form_data(c0))
    assert response.status_code == 302
    assert Update.objects.get().state == "draft"


def test_a_swedish_decimal_comma_is_accepted(client, promise, periods, erik, c0, q1):
    measure = c0.measures.get()
    client.force_login(erik)
    client.post(edit_url(promise, q1, c0), form_data(c0, values={measure.pk: "12,5"}))
    assert MeasureValue.objects.get().value == Decimal("12.5")
    page = client.get(edit_url(promise, q1, c0)).content.decode()
    assert 'value="12,5"' in page


@pytest.mark.parametrize("bad", ["-3", "tolv", "1,2,3", "12345678901234", "1,234"])
def test_a_bad_number_is_a_form_error_not_a_crash(client, promise, periods, erik, c0, q1, bad):
    measure = c0.measures.get()
    client.force_login(erik)
    response = client.post(edit_url(promise, q1, c0), form_data(c0, values={measure.pk: bad}))
    assert response.status_code == 400
    assert f"measure_{measure.pk}" in response.context["form"].errors
    assert not Update.objects.exists()


def test_emptying_a_value_removes_it_and_records_the_change(client, promise, periods, erik, c0, q1):
    measure = c0.measures.get()
    client.force_login(erik)
    client.post(edit_url(promise, q1, c0), form_data(c0, text="a", values={measure.pk: "3"}))
    update = Update.objects.get()
    client.post(edit_url(promise, q1, c0), form_data(c0, version=1, text="a"))
    assert not MeasureValue.objects.exists()
    update.refresh_from_db()
    assert update.version == 2
    assert Change.objects.of(update).first().fields == {"measure:Antal träffar": ["3.00", None]}


def test_a_bad_link_is_a_form_error(client, promise, periods, erik, c0, q1):
    client.force_login(erik)
    response = client.post(edit_url(promise, q1, c0), form_data(c0, evidence_url="inte en länk"))
    assert response.status_code == 400
    assert "evidence_url" in response.context["form"].errors


def test_a_made_up_state_or_version_is_a_form_error(client, promise, periods, erik, c0, q1):
    client.force_login(erik)
    for bad in ({"status": "perfect"}, {"version": "x"}, {"action": "publish"}):
        response = client.post(edit_url(promise, q1, c0), form_data(c0, **bad))
        assert response.status_code == 400
    assert not Update.objects.exists()


# Evidence


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_an_upload_too_big_is_a_form_error(client, promise, periods, erik, c0, q1, media):
    client.force_login(erik)
    big = SimpleUploadedFile("rapport.pdf", b"0" * (5 * 1024 * 1024 + 1), "application/pdf")
    response = client.post(edit_url(promise, q1, c0), {**form_data(c0), "evidence_file": big})
    assert response.status_code == 400
    assert "evidence_file" in response.context["form"].errors
    assert not Update.objects.exists()


def test_an_upload_of_the_wrong_type_is_a_form_error(client, promise, periods, erik, c0, q1, media):
    client.force_login(erik)
    script = SimpleUploadedFile("virus.exe", b"MZ", "application/octet-stream")
    response = client.post(edit_url(promise, q1, c0), {**form_data(c0), "evidence_file": script})
    assert response.status_code == 400
    assert "evidence_file" in response.context["form"].errors
    assert list(media.iterdir()) == []


def test_a_program_renamed_to_pdf_is_a_form_error(client, promise, periods, erik, c0, q1, media):
    client.force_login(erik)
    fake = SimpleUploadedFile("bevis.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    response = client.post(edit_url(promise, q1, c0), {**form_data(c0), "evidence_file": fake})
    assert response.status_code == 400
    with translation.override("en"):
        assert "not a real PDF file" in str(response.context["form"].errors["evidence_file"])
    assert list(media.iterdir()) == []


def upload(client, promise, period, commitment, **fields):
    pdf = SimpleUploadedFile("bevis.pdf", b"%PDF-1.4 bevis", "application/pdf")
    data = {**form_data(commitment, **fields), "evidence_file": pdf}
    return client.post(edit_url(promise, period, commitment), data)


def evidence_url(promise, update):
    return en("followup:evidence", [promise.slug, update.pk])


def test_an_uploaded_file_is_kept_and_served_to_the_people_who_may_see_it(
    client, promise, periods, erik, fatima, alice, dana, c0, q1, media
):
    client.force_login(erik)
    assert upload(client, promise, q1, c0, text="Se bilagan").status_code == 302
    update = Update.objects.get()
    assert update.evidence_file.name.endswith(".pdf")
    url = evidence_url(promise, update)

    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 bevis"
    assert response["Content-Disposition"].startswith("attachment")

    client.force_login(alice)
    assert client.get(url).status_code == 200
    client.force_login(fatima)  # commitment 0 is not hers, and the update is not published
    assert client.get(url).status_code == 403
    client.force_login(dana)
    assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302

    update.state, update.status = "approved", "done"
    update.save()
    client.force_login(dana)
    assert client.get(url).status_code == 200
    client.logout()
    assert client.get(url).status_code == 200


def test_evidence_without_a_file_is_a_404(client, promise, periods, alice, c0, q1):
    update = Update.objects.create(commitment=c0, period=q1, text="x")
    client.force_login(alice)
    assert client.get(evidence_url(promise, update)).status_code == 404
    assert client.get(en("followup:evidence", [promise.slug, 999])).status_code == 404


def test_a_saved_file_can_be_removed(client, promise, periods, erik, c0, q1, media):
    client.force_login(erik)
    upload(client, promise, q1, c0)
    update = Update.objects.get()
    client.post(edit_url(promise, q1, c0), form_data(c0, version=1, remove_file="on"))
    update.refresh_from_db()
    assert not update.evidence_file


# Approved and returned updates


def test_an_approved_update_is_read_only_for_erik(client, promise, periods, erik, c0, q1):
    Update.objects.create(commitment=c0, period=q1, status="done", text="Klart", state="approved")
    client.force_login(erik)
    page = client.get(edit_url(promise, q1, c0))
    assert page.status_code == 200
    html = page.content.decode()
    assert "can no longer be changed" in html
    assert '<form method="post" enctype' not in html
    response = client.post(edit_url(promise, q1, c0), form_data(c0, version=1, text="Ändrat"))
    assert response.status_code == 403
    assert Update.objects.get().text == "Klart"


def test_a_coordinator_may_still_correct_an_approved_update(
    client, promise, periods, alice, c0, q1
):
    Update.objects.create(commitment=c0, period=q1, status="done", text="Klart", state="approved")
    client.force_login(alice)
    response = client.post(
        edit_url(promise, q1, c0), form_data(c0, version=1, status="done", text="Klart, rättat")
    )
    assert response.status_code == 302
    update = Update.objects.get()
    assert (update.text, update.state) == ("Klart, rättat", "approved")


def test_a_returned_update_shows_the_comment_and_can_be_resubmitted(
    client, promise, periods, erik, c0, q1
):
    Update.objects.create(
        commitment=c0,
        period=q1,
        status="ongoing",
        text="x",
        state="returned",
        review_comment="Skriv hur många som kom.",
    )
    client.force_login(erik)
    html = client.get(edit_url(promise, q1, c0)).content.decode()
    assert "Skriv hur många som kom." in html
    assert "Returned for changes" in html
    response = client.post(
        edit_url(promise, q1, c0),
        form_data(c0, version=1, action="submit", status="ongoing", text="Tolv kom."),
    )
    assert response.status_code == 302
    assert Update.objects.get().state == "submitted"


# History


def history_url(promise):
    return en("followup:history", [promise.slug])


def test_the_history_is_for_coordinators_and_readers(
    client, promise, periods, alice, erik, dana, charlie
):
    client.logout()
    assert client.get(history_url(promise)).status_code == 302
    for user in (erik, dana, charlie):
        client.force_login(user)
        assert client.get(history_url(promise)).status_code == 403
    reader = User.objects.create_user("rut")
    Membership.objects.create(user=reader, promise=promise, role=Membership.Role.READER)
    for user in (alice, reader):
        client.force_login(user)
        assert client.get(history_url(promise)).status_code == 200


def test_the_history_shows_who_changed_what_newest_first_in_pages(
    client, promise, periods, alice, erik, c0, q1
):
    measure = c0.measures.get()
    client.force_login(erik)
    client.post(edit_url(promise, q1, c0), form_data(c0, text="Först", values={measure.pk: "2"}))
    client.post(edit_url(promise, q1, c0), form_data(c0, version=1, text="Sedan"))
    client.force_login(alice)
    response = client.get(history_url(promise))
    html = response.content.decode()
    assert html.index("Först → Sedan") < html.index("– → Först")
    assert "Antal träffar: 2.00 → –" in html
    assert "Erik" in html

    for _ in range(60):
        Change.objects.create(promise=promise, target=c0, user=alice, action="status")
    first = client.get(history_url(promise))
    assert len(first.context["page"].object_list) == 50
    with CaptureQueriesContext(connection) as queries:
        second = client.get(history_url(promise) + "?sida=2")
    assert len(second.context["page"].object_list) == 12
    assert len(queries) < 15
    assert client.get(history_url(promise) + "?sida=abc").status_code == 200


def test_a_coordinator_correcting_a_waiting_update_keeps_it_waiting(
    client, promise, periods, alice, c0, q1
):
    Update.objects.create(commitment=c0, period=q1, status="done", text="Klar", state="submitted")
    client.force_login(alice)
    assert "Save changes" in client.get(edit_url(promise, q1, c0)).content.decode()
    client.post(edit_url(promise, q1, c0), form_data(c0, version=1, status="done", text="Klart"))
    assert Update.objects.get().state == "submitted"


def test_erik_saving_his_waiting_update_as_a_draft_takes_it_back(
    client, promise, periods, erik, c0, q1
):
    Update.objects.create(commitment=c0, period=q1, status="done", text="Klar", state="submitted")
    client.force_login(erik)
    client.post(edit_url(promise, q1, c0), form_data(c0, version=1, status="done", text="Klart"))
    assert Update.objects.get().state == "draft"


def test_nobody_reports_on_a_period_that_has_not_begun(client, promise, erik):
    import datetime

    from lofte.followup.models import ReportingPeriod

    future = ReportingPeriod.objects.create(
        promise=promise,
        name="Framtiden",
        starts_on=datetime.date(2999, 1, 1),
        ends_on=datetime.date(2999, 3, 31),
        due_on=datetime.date(2999, 4, 15),
    )
    c = promise.commitments().order_by("order").first()
    client.force_login(erik)
    assert client.get(f"/uppfoljning/testby/rapportera/{future.pk}/{c.pk}/").status_code == 404
