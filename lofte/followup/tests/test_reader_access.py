"""Rosa, a reader of `testby`, sees all of its follow-up and changes none of it."""

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation

from lofte.actors.models import Organisation
from lofte.followup.actions import save_update
from lofte.followup.models import ReportingPeriod, Update
from lofte.history.models import Change
from lofte.promises.models import Membership

pytestmark = pytest.mark.django_db


def en(name, *args):
    with translation.override("sv"):
        return "/en" + reverse(name, args=args)


@pytest.fixture
def c0(promise):
    return promise.commitments().order_by("order").first()


@pytest.fixture
def as_rosa(client, rosa):
    client.force_login(rosa)
    return client


def submitted(commitment, period, user):
    update = Update(commitment=commitment, period=period, status="done", text="Tio träffar.")
    measure = commitment.measures.first()
    return save_update(update, {measure.pk: 10}, user, 0, submit=True)


def test_rosa_is_a_reader_and_not_staff(rosa, promise):
    assert not rosa.is_staff
    assert rosa.memberships.get(promise=promise).role == "reader"


def test_rosa_sees_the_dashboard_without_the_reminder_buttons(as_rosa, promise, periods, erik):
    response = as_rosa.get(en("followup:dashboard", promise.slug))
    assert response.status_code == 200
    assert response.context["can_remind"] is False
    assert en("followup:remind", promise.slug) not in response.content.decode()


def test_rosa_is_not_offered_links_to_coordinator_pages(as_rosa, promise):
    page = as_rosa.get(en("followup:dashboard", promise.slug)).content.decode()
    assert en("followup:history", promise.slug) in page
    for name in ("followup:review_list", "followup:periods", "followup:import"):
        assert en(name, promise.slug) not in page


def test_rosa_sees_the_history(as_rosa, promise, periods, erik, c0):
    submitted(c0, periods[0], erik)
    response = as_rosa.get(en("followup:history", promise.slug))
    assert response.status_code == 200
    assert (
        len(response.context["page"].object_list) == Change.objects.filter(promise=promise).count()
    )


def test_rosa_has_no_reporting_list_and_may_not_file_an_update(as_rosa, promise, periods, c0):
    assert as_rosa.get(en("followup:my_commitments", promise.slug)).status_code == 403
    url = en("followup:edit_update", promise.slug, periods[0].pk, c0.pk)
    assert as_rosa.get(url).status_code == 403
    data = {"version": 0, "action": "submit", "status": "done", "text": "Klart"}
    assert as_rosa.post(url, data).status_code == 403
    assert not Update.objects.exists()


def test_rosa_may_not_edit_an_existing_update(as_rosa, promise, periods, erik, c0):
    update = submitted(c0, periods[0], erik)
    url = en("followup:edit_update", promise.slug, periods[0].pk, c0.pk)
    data = {"version": update.version, "action": "save", "status": "done", "text": "Ändrat"}
    assert as_rosa.post(url, data).status_code == 403
    update.refresh_from_db()
    assert update.text == "Tio träffar."


def test_rosa_may_not_review(as_rosa, promise, periods, erik, c0):
    update = submitted(c0, periods[0], erik)
    assert as_rosa.get(en("followup:review_list", promise.slug)).status_code == 403
    url = en("followup:review", promise.slug, update.pk)
    assert as_rosa.get(url).status_code == 403
    for decision in ("approve", "return"):
        data = {"version": update.version, "decision": decision, "comment": "Nej"}
        assert as_rosa.post(url, data).status_code == 403
    update.refresh_from_db()
    assert update.state == Update.State.SUBMITTED


def test_rosa_may_not_download_the_template_or_import(as_rosa, promise, periods):
    assert as_rosa.get(en("followup:template", promise.slug, periods[0].pk)).status_code == 403
    assert as_rosa.get(en("followup:import", promise.slug)).status_code == 403
    data = {"period": periods[0].pk, "mode": "submit"}
    assert as_rosa.post(en("followup:import", promise.slug), data).status_code == 403
    assert not Update.objects.exists()


def test_rosa_may_not_send_reminders(as_rosa, promise, periods, erik):
    url = en("followup:remind", promise.slug)
    organisation = Organisation.objects.get(slug="aktor-testby-0")
    assert (
        as_rosa.post(url, {"period": periods[0].pk, "organisation": organisation.pk}).status_code
        == 403
    )
    assert as_rosa.post(url, {"all": "1"}).status_code == 403
    assert mail.outbox == []


def test_rosa_may_not_manage_periods(as_rosa, promise):
    url = en("followup:periods", promise.slug)
    assert as_rosa.get(url).status_code == 403
    assert as_rosa.post(url, {"quarters": "1"}).status_code == 403
    data = {
        "name": "Extra",
        "starts_on": "2026-01-01",
        "ends_on": "2026-03-31",
        "due_on": "2026-04-15",
    }
    assert as_rosa.post(url, data).status_code == 403
    assert not ReportingPeriod.objects.exists()


def test_rosa_may_download_an_unpublished_evidence_file_of_testby(
    as_rosa, promise, periods, erik, c0, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    update = submitted(c0, periods[0], erik)
    update.evidence_file.save("bevis.pdf", ContentFile(b"%PDF-1.4 bevis"))
    assert not Update.objects.published().filter(pk=update.pk).exists()
    response = as_rosa.get(en("followup:evidence", promise.slug, update.pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 bevis"


def test_rosa_may_not_download_evidence_of_another_promise(
    as_rosa, other_promise, charlie, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    period = ReportingPeriod.objects.bulk_create(ReportingPeriod.quarters_for(other_promise))[0]
    commitment = other_promise.commitments().order_by("order").first()
    update = submitted(commitment, period, charlie)
    update.evidence_file.save("bevis.pdf", ContentFile(b"%PDF-1.4 annan"))
    response = as_rosa.get(en("followup:evidence", other_promise.slug, update.pk))
    assert response.status_code == 403


def test_a_reader_does_not_see_who_was_given_or_lost_a_role(client, promise, alice, rosa, dana):
    from lofte.accounts.actions import invite, remove_membership

    membership = invite(promise, "dana@example.se", Membership.Role.READER, None, invited_by=alice)
    remove_membership(membership, by=alice)
    client.force_login(rosa)
    html = client.get("/uppfoljning/testby/historik/").content.decode()
    assert "dana@example.se" not in html and "dana" not in html
    client.force_login(alice)
    assert "dana" in client.get("/uppfoljning/testby/historik/").content.decode()
