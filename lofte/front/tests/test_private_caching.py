"""Back-office pages and files with personal data are `private, no-store`; public pages are not."""

import pytest
from django.core.files.base import ContentFile

from lofte.followup.tests.conftest import make_update

pytestmark = pytest.mark.django_db


def kept_by_no_one(response):
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives


@pytest.fixture
def approved(promise, periods, tmp_path, settings):
    """A published update of commitment 0 with an evidence file."""
    settings.MEDIA_ROOT = tmp_path
    update = make_update(promise.commitments().get(order=0), periods[0])
    update.evidence_file.save("bevis.pdf", ContentFile(b"%PDF-1.4 bevis"))
    return update


def test_every_back_office_page_of_a_coordinator_is_kept_by_no_one(client, alice, periods):
    client.force_login(alice)
    paths = [
        "/konto/",
        "/uppfoljning/testby/",
        "/uppfoljning/testby/granska/",
        "/uppfoljning/testby/historik/",
        "/uppfoljning/testby/perioder/",
        "/uppfoljning/testby/personer/",
        f"/uppfoljning/testby/mall-{periods[0].pk}.xlsx",
        "/en/uppfoljning/testby/",
        "/admin/",
        "/admin/promises/promise/",
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert kept_by_no_one(response), (path, response.get("Cache-Control"))


def test_an_editors_report_form_is_kept_by_no_one(client, erik):
    client.force_login(erik)
    response = client.get("/uppfoljning/testby/rapportera/")
    assert response.status_code == 200
    assert kept_by_no_one(response)


def test_the_login_pages_are_kept_by_no_one(client):
    assert kept_by_no_one(client.get("/konto/logga-in/"))
    assert kept_by_no_one(client.get("/admin/login/"))


def test_an_evidence_file_is_kept_by_no_one_even_when_public(client, approved):
    response = client.get(f"/uppfoljning/testby/bevis/{approved.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert kept_by_no_one(response)


def test_a_public_page_seen_by_someone_logged_in_is_kept_by_no_one(client, alice):
    client.force_login(alice)
    assert kept_by_no_one(client.get("/medborgarloften/testby/"))


def test_a_public_page_for_anyone_is_not_marked_private(client, promise, settings):
    settings.PAGE_CACHE = True
    response = client.get("/medborgarloften/testby/hela/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-cache"  # kept anywhere, asked for each time


def test_a_public_page_with_a_residents_form_is_kept_by_the_browser_only(client, promise, settings):
    """Its CSRF token (and cookie) are this visitor's: no shared proxy may hand them on."""
    settings.PAGE_CACHE = True
    response = client.get("/medborgarloften/testby/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-cache"
