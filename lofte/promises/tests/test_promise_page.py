import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lofte.actors.models import Organisation
from lofte.promises.models import Commitment
from lofte.testing import make_promise

pytestmark = pytest.mark.django_db


def test_it_shows_summary_goals_focus_areas_commitments_and_actors(client, promise):
    html = client.get("/medborgarloften/testby/").content.decode()
    assert "Medborgarlöfte testby" in html
    assert "Ett tryggare testby." in html
    for goal in promise.goals.all():
        assert goal.title in html
    for fa in promise.focus_areas.all():
        assert fa.name in html and fa.why in html
    for c in promise.commitments():
        assert c.title in html
        assert reverse("promises:commitment", args=["testby", c.pk]) in html
    for a in promise.actors():
        assert a.name in html and a.get_kind_display() in html


def test_it_shows_each_commitments_status(client, promise):
    c = promise.commitments().first()
    c.status = Commitment.Status.DELAYED
    c.save()
    html = client.get("/medborgarloften/testby/").content.decode()
    assert f'<span class="status status-delayed">Försenat</span>' in html


def test_it_filters_by_focus_area(client, promise):
    response = client.get("/medborgarloften/testby/", {"fokus": "skola"})
    html = response.content.decode()
    for c in promise.commitments():
        shown = c.title in html
        assert shown == (c.focus_area.slug == "skola"), c.title


def test_it_filters_by_kind_of_actor(client, promise):
    kind = Organisation.objects.get(slug="aktor-testby-0").kind
    html = client.get("/medborgarloften/testby/", {"aktor": kind}).content.decode()
    for c in promise.commitments():
        expected = any(a.kind == kind for a in c.actors.all())
        assert (c.title in html) == expected, c.title


def test_it_shows_everything_and_says_so_for_an_unknown_filter(client, promise):
    html = client.get("/medborgarloften/testby/", {"fokus": "nope"}).content.decode()
    assert "Det filtret finns inte" in html
    assert all(c.title in html for c in promise.commitments())


def test_it_links_the_json_and_the_calendar_as_alternates(client, promise):
    html = client.get("/medborgarloften/testby/").content.decode()
    assert '<link rel="alternate" type="application/json" href="/medborgarloften/testby/lofte.json"' in html
    assert '<link rel="alternate" type="text/calendar" href="/medborgarloften/testby/kalender.ics"' in html


def test_it_answers_404_for_an_unknown_slug(client, db):
    assert client.get("/medborgarloften/finns-inte/").status_code == 404
    assert client.get("/en/medborgarloften/finns-inte/").status_code == 404


def test_it_is_swedish_by_default_and_english_under_en(client, promise):
    sv = client.get("/medborgarloften/testby/").content.decode()
    en = client.get("/en/medborgarloften/testby/").content.decode()
    assert '<html lang="sv" dir="ltr">' in sv and "Mål" in sv
    assert '<html lang="en" dir="ltr">' in en and "Goals" in en
    # The language switch links to the same page in the other language.
    assert 'href="/en/medborgarloften/testby/"' in sv
    assert 'href="/medborgarloften/testby/"' in en


def test_it_runs_the_same_number_of_queries_for_a_small_and_a_large_promise(client, db):
    make_promise("liten", actors=2, commitments=2)
    make_promise("stor", actors=30, commitments=60, focus_areas=("A", "B", "C", "D"))

    def count(slug):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/medborgarloften/{slug}/").status_code == 200
        return len(ctx.captured_queries)

    small, large = count("liten"), count("stor")
    assert small == large
    assert large <= 12


def test_the_commitment_page_shows_its_actors_goals_and_measures(client, promise):
    c = promise.commitments().first()
    html = client.get(f"/medborgarloften/testby/ataganden/{c.pk}/").content.decode()
    assert c.title in html
    for a in c.actors.all():
        assert a.name in html
    for g in c.goals.all():
        assert g.title in html
    assert "Antal träffar" in html


def test_the_commitment_page_is_404_for_a_commitment_of_another_promise(client, promise, other_promise):
    foreign = other_promise.commitments().first()
    assert client.get(f"/medborgarloften/testby/ataganden/{foreign.pk}/").status_code == 404
    assert client.get("/medborgarloften/testby/ataganden/999999/").status_code == 404


def test_the_whole_promise_page_has_everything_and_a_print_stylesheet(client, promise):
    html = client.get("/medborgarloften/testby/hela/").content.decode()
    assert 'media="print"' in html
    for c in promise.commitments():
        assert c.title in html
    assert "Antal träffar" in html  # measures are on the whole page
    assert "Kontakt testby" in html
    assert "/medborgarloften/testby/hela.pdf" in html


def test_the_pdf_downloads_as_an_attachment(client, promise):
    response = client.get("/medborgarloften/testby/hela.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content.startswith(b"%PDF")


def test_the_contact_page_shows_public_contacts_only(client, promise):
    from lofte.actors.models import ContactPerson

    hidden = ContactPerson.objects.create(
        name="Hemlig Person", role="Handläggare", organisation=Organisation.objects.first(),
        email="hemlig@example.se", is_public=False,
    )
    promise.contacts.add(hidden)
    html = client.get("/medborgarloften/testby/kontakt/").content.decode()
    assert "Kontakt testby" in html and "kontakt.testby@example.se" in html
    assert "Hemlig Person" not in html and "hemlig@example.se" not in html
