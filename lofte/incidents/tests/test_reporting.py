"""A partner's staff reports an incident from a phone: what, when, where, a short text."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from lofte.incidents.models import TEXT_MAX_LENGTH, IncidentCategory, IncidentReport
from lofte.incidents.tests.conftest import category, make_report, report_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_vera(client, vera):
    client.force_login(vera)
    return client


def post(client, goteborg, data):
    return client.post(reverse("incidents:report", args=[goteborg.slug]), data)


def test_the_form_offers_the_kommuns_checklist_and_named_places_and_defaults_to_now(
    as_vera, goteborg, torget
):
    page = as_vera.get(reverse("incidents:report", args=[goteborg.slug]))
    html = page.content.decode()
    assert "Synlig narkotikaförsäljning" in html
    assert "Selma Lagerlöfs torg" in html
    assert page.context["form"].initial["occurred_on"] == timezone.localdate()
    # The position button is for JavaScript to show, from a static file: no inline script.
    assert "incidents/position.js" in html
    assert "<script>" not in html and "style=" not in html


def test_a_report_at_a_named_place_is_saved_with_its_area_and_part_of_day(
    as_vera, goteborg, torget, backa
):
    response = post(as_vera, goteborg, report_form(goteborg, torget))
    assert response.status_code == 302
    report = IncidentReport.objects.get()
    assert (report.place, report.area, report.part_of_day) == (torget, backa, "evening")
    assert report.time_of_day == datetime.time(21, 30)
    assert report.text == "Nytt klotter på busskuren."


def test_a_report_at_a_position_takes_a_swedish_comma_and_has_no_area_yet(as_vera, goteborg):
    data = report_form(goteborg, None, latitude="57,745123", longitude="11,99")
    assert post(as_vera, goteborg, data).status_code == 302
    report = IncidentReport.objects.get()
    assert (str(report.latitude), str(report.longitude)) == ("57.745123", "11.990000")
    assert report.place is None and report.area is None


def test_a_report_needs_a_place_or_a_position_but_not_both(as_vera, goteborg, torget):
    neither = report_form(goteborg, None)
    both = report_form(goteborg, torget, latitude="57.7", longitude="11.9")
    half = report_form(goteborg, None, latitude="57.7")
    for data, message in (
        (neither, "Var hände det?"),
        (both, "inte båda"),
        (half, "både latitud och longitud"),
    ):
        response = post(as_vera, goteborg, data)
        assert response.status_code == 400
        assert message in str(response.context["form"].errors)
    assert not IncidentReport.objects.exists()


def test_a_position_outside_sweden_is_refused_with_a_hint_about_the_order(as_vera, goteborg):
    data = report_form(goteborg, None, latitude="11.99", longitude="57.74")
    response = post(as_vera, goteborg, data)
    assert response.status_code == 400
    assert "inte i Sverige" in str(response.context["form"].errors)


def test_the_time_may_be_left_out_when_the_part_of_the_day_is_given(as_vera, goteborg, torget):
    response = post(as_vera, goteborg, report_form(goteborg, torget, time_of_day=""))
    assert response.status_code == 400
    assert "del av dygnet" in str(response.context["form"].errors)
    data = report_form(goteborg, torget, time_of_day="", part_of_day="night")
    assert post(as_vera, goteborg, data).status_code == 302
    report = IncidentReport.objects.get()
    assert (report.time_of_day, report.part_of_day) == (None, "night")


def test_an_incident_in_the_future_is_refused(as_vera, goteborg, torget):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = post(as_vera, goteborg, report_form(goteborg, torget, occurred_on=tomorrow))
    assert response.status_code == 400
    assert not IncidentReport.objects.exists()


def test_the_text_is_limited_by_the_one_constant(as_vera, goteborg, torget):
    field = IncidentReport._meta.get_field("text")
    assert field.max_length == TEXT_MAX_LENGTH
    too_long = "x" * (TEXT_MAX_LENGTH + 1)
    response = post(as_vera, goteborg, report_form(goteborg, torget, text=too_long))
    assert response.status_code == 400
    assert f'maxlength="{TEXT_MAX_LENGTH}"' in response.content.decode()


def test_a_text_that_looks_like_a_name_is_held_until_the_reporter_confirms(
    as_vera, goteborg, torget
):
    data = report_form(goteborg, torget, text="Anna Svensson klottrade vid torget.")
    held = post(as_vera, goteborg, data)
    assert held.status_code == 400
    assert "Anna Svensson" in str(held.context["form"].errors["text"])
    assert 'name="not_personal"' in held.content.decode()
    assert not IncidentReport.objects.exists()
    assert post(as_vera, goteborg, {**data, "not_personal": "on"}).status_code == 302
    assert IncidentReport.objects.count() == 1


def test_a_known_place_name_in_the_text_is_not_taken_for_a_persons_name(as_vera, goteborg, torget):
    data = report_form(goteborg, torget, text="Trasig lampa vid Selma Lagerlöfs torg.")
    assert post(as_vera, goteborg, data).status_code == 302


def test_a_personal_identity_number_blocks_the_report_even_when_confirmed(
    as_vera, goteborg, torget
):
    data = report_form(goteborg, torget, text="Gärningsman 811218-9876", not_personal="on")
    response = post(as_vera, goteborg, data)
    assert response.status_code == 400
    assert "811218-9876" in str(response.context["form"].errors["text"])
    assert not IncidentReport.objects.exists()


def test_a_retired_category_is_not_offered(as_vera, goteborg, torget):
    IncidentCategory.objects.filter(kommun=goteborg, name="Stenkastning").update(is_active=False)
    page = as_vera.get(reverse("incidents:report", args=[goteborg.slug])).content.decode()
    assert "Stenkastning" not in page
    data = report_form(goteborg, torget, category=category(goteborg, "Stenkastning").pk)
    assert post(as_vera, goteborg, data).status_code == 400


def test_a_kommun_gets_the_default_checklist_on_first_use(client, cora):
    from lofte.kommuner.models import Kommun, KommunMembership

    kiruna = Kommun.objects.get(code="2584")
    KommunMembership.objects.create(user=cora, kommun=kiruna, role="coordinator")
    assert not IncidentCategory.objects.filter(kommun=kiruna).exists()
    client.force_login(cora)
    client.get(reverse("incidents:report", args=[kiruna.slug]))
    names = list(IncidentCategory.objects.filter(kommun=kiruna).values_list("name", flat=True))
    assert names[:3] == ["Skadegörelse", "Klotter", "Nedskräpning"]
    assert IncidentCategory.ensure_checklist(kiruna) == 0


def test_the_reporter_corrects_a_report_within_the_period(as_vera, goteborg, torget, housing, vera):
    report = make_report(goteborg, place=torget, organisation=housing, reporter=vera)
    data = report_form(goteborg, torget, text="Klotter, två meter brett.", version=1)
    url = reverse("incidents:edit", args=[goteborg.slug, report.pk])
    assert as_vera.post(url, data).status_code == 302
    report.refresh_from_db()
    assert (report.text, report.version) == ("Klotter, två meter brett.", 2)
    # A second correction from the same, now stale, form is refused as a conflict.
    response = as_vera.post(url, {**data, "text": "Annat"})
    assert response.status_code == 409
    report.refresh_from_db()
    assert report.text == "Klotter, två meter brett."


def test_after_the_correction_period_the_reporter_can_no_longer_see_or_correct_it(
    as_vera, goteborg, torget, housing, vera
):
    report = make_report(goteborg, place=torget, organisation=housing, reporter=vera)
    IncidentReport.objects.filter(pk=report.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=8)
    )
    url = reverse("incidents:edit", args=[goteborg.slug, report.pk])
    assert as_vera.get(url).status_code == 404
    data = report_form(goteborg, torget, text="Sent ändrat", version=1)
    assert as_vera.post(url, data).status_code == 404
    report.refresh_from_db()
    assert report.text == "Klotter på väggen."


def test_a_coordinator_removes_a_report_with_personal_data(client, goteborg, torget, cora):
    report = make_report(goteborg, place=torget, text="Namn här av misstag")
    client.force_login(cora)
    url = reverse("incidents:remove", args=[goteborg.slug, report.pk])
    assert client.post(url).status_code == 302
    assert not IncidentReport.objects.exists()


def test_moving_a_place_to_another_area_moves_its_reports(client, goteborg, torget, cora):
    from lofte.areas.models import Area

    report = make_report(goteborg, place=torget)
    rod = Area.objects.create(name="Backa Röd", kind="regso", code="1480R006", kommun=goteborg)
    client.force_login(cora)
    url = reverse("incidents:place", args=[goteborg.slug, torget.pk])
    data = {"name": torget.name, "area": rod.pk, "is_active": "on"}
    assert client.post(url, data).status_code == 302
    report.refresh_from_db()
    assert report.area == rod


def test_a_place_name_is_unique_in_the_kommun_whatever_the_case(client, goteborg, torget, cora):
    client.force_login(cora)
    url = reverse("incidents:places", args=[goteborg.slug])
    response = client.post(url, {"name": "selma lagerlöfs TORG"})
    assert response.status_code == 400
    assert "har redan en plats" in str(response.context["form"].errors)


def test_the_checklist_refuses_two_categories_of_the_same_name(client, goteborg, cora):
    client.force_login(cora)
    categories = list(IncidentCategory.objects.filter(kommun=goteborg))
    n = len(categories)
    data = {
        "form-TOTAL_FORMS": str(n + 1),
        "form-INITIAL_FORMS": str(n),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        f"form-{n}-name": "klotter",
        f"form-{n}-order": "5",
        f"form-{n}-is_active": "on",
    }
    for i, c in enumerate(categories):
        data |= {f"form-{i}-id": c.pk, f"form-{i}-name": c.name, f"form-{i}-order": c.order}
    response = client.post(reverse("incidents:checklist", args=[goteborg.slug]), data)
    assert response.status_code == 400
    assert IncidentCategory.objects.filter(kommun=goteborg).count() == n
    data[f"form-{n}-name"] = "Eldning av sopor"
    assert client.post(reverse("incidents:checklist", args=[goteborg.slug]), data).status_code == (
        302
    )
    assert IncidentCategory.objects.filter(kommun=goteborg, name="Eldning av sopor").exists()


@pytest.mark.parametrize(
    "junk",
    [
        {"category": "x", "occurred_on": "igår", "time_of_day": "25:99", "latitude": "abc"},
        {"place": "999999", "latitude": "1e400", "longitude": "NaN"},
        {"occurred_on": "0001-01-01", "version": "-1", "text": "\x00\x0b"},
        {},
    ],
)
def test_no_input_gives_a_server_error(as_vera, goteborg, torget, junk):
    response = post(as_vera, goteborg, {**report_form(goteborg, torget), **junk})
    assert response.status_code in (302, 400)


def test_the_account_page_leads_each_role_to_its_incident_pages(client, goteborg, vera, cora):
    client.force_login(vera)
    page = client.get(reverse("front:account")).content.decode()
    assert reverse("incidents:report", args=[goteborg.slug]) in page
    assert reverse("incidents:reports", args=[goteborg.slug]) in page
    assert reverse("incidents:overview", args=[goteborg.slug]) not in page
    client.force_login(cora)
    page = client.get(reverse("front:account")).content.decode()
    assert reverse("incidents:overview", args=[goteborg.slug]) in page
    assert reverse("incidents:checklist", args=[goteborg.slug]) in page
