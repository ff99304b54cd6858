"""Reporting in a real Chromium: an actor on a phone reports, a coordinator approves, residents
see it."""

import pytest
from django.contrib.auth.models import User

from lofte.actors.models import Organisation
from lofte.browser import axe_violations
from lofte.followup.models import ReportingPeriod, Update
from lofte.promises.models import Membership
from lofte.testing import make_promise

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


def log_in(context, live_server, username):
    page = context.new_page()
    page.goto(live_server.url + "/en/konto/logga-in/")
    page.fill("#id_username", username)
    page.fill("#id_password", "secret-pass-1")
    page.click("form button[type=submit]")
    page.wait_for_url("**/konto/")
    return page


@pytest.mark.django_db(transaction=True)
def test_an_actor_reports_on_a_phone_and_residents_see_the_approved_status(browser, live_server):
    promise = make_promise("webbstad")
    ReportingPeriod.objects.bulk_create(ReportingPeriod.quarters_for(promise))
    commitment = promise.commitments().order_by("order").first()
    measure = commitment.measures.get()
    editor = User.objects.create_user("erika", password="secret-pass-1", first_name="Erika")
    Membership.objects.create(
        user=editor,
        promise=promise,
        role=Membership.Role.EDITOR,
        organisation=Organisation.objects.get(slug="aktor-webbstad-0"),
    )
    coordinator = User.objects.create_user("anna", password="secret-pass-1", first_name="Anna")
    Membership.objects.create(user=coordinator, promise=promise, role=Membership.Role.COORDINATOR)

    # The actor's editor, on a phone.
    phone = browser.new_context(viewport=PHONE, device_scale_factor=2)
    page = log_in(phone, live_server, "erika")
    page.goto(live_server.url + "/en/uppfoljning/webbstad/rapportera/")
    assert axe_violations(page) == []
    newest = ReportingPeriod.objects.filter(promise=promise).order_by("-starts_on").first()
    page.click(f"#report-{newest.pk}-{commitment.pk} a.report-link")
    page.wait_for_selector("h1")
    assert page.locator("h1").inner_text() == commitment.title
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    page.check("input[name=status][value=done]")
    page.fill(f"#id_measure_{measure.pk}", "12,5")
    page.fill("#id_text", "Vi höll tolv och en halv träff.")
    page.click("button[name=action][value=submit]")
    page.wait_for_url("**/rapportera/")
    update = Update.objects.get()
    assert update.state == Update.State.SUBMITTED
    assert str(update.values.get().value) == "12.50"
    phone.close()

    # The coordinator approves.
    desk = browser.new_context()
    page = log_in(desk, live_server, "anna")
    page.goto(live_server.url + "/en/uppfoljning/webbstad/granska/")
    page.click(f"a[href$='/granska/{update.pk}/']")
    page.wait_for_selector("button[name=decision][value=approve]")
    assert axe_violations(page) == []
    page.click("button[name=decision][value=approve]")
    page.wait_for_url("**/granska/")
    desk.close()

    # A resident sees the new status on the public page.
    resident = browser.new_context(viewport=PHONE)
    page = resident.new_page()
    page.goto(live_server.url + "/en/medborgarloften/webbstad/")
    status = page.locator(f"#commitment-{commitment.pk} .status").first.inner_text()
    assert status == "Done"
    resident.close()
