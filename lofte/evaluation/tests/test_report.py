import datetime

import pytest
from django.utils.html import escape

from lofte.evaluation import estimation
from lofte.evaluation.models import CommitmentKind, ComparisonSelection, InterventionKind
from lofte.evaluation.tests import builders as b
from lofte.evaluation.tests.test_comparison import TREATED, city  # noqa: F401
from lofte.lagesbild.models import OutcomeMeasure
from lofte.promises.models import Commitment, Promise

URL = "/vad-fungerar/medborgarloften/testby/"


@pytest.fixture
def measured(promise, city):  # noqa: F811
    """The testby promise from 2022, its first goal measured by crimes in the grid's (1, 1)."""
    areas, crimes = city
    Promise.objects.filter(pk=promise.pk).update(period_start=b.START)
    promise.refresh_from_db()
    OutcomeMeasure.objects.create(goal=promise.goals.first(), indicator=crimes, area=areas[TREATED])
    return promise


def test_an_analyst_opening_the_report_has_the_comparison_areas_chosen_by_the_rule(
    client, axel, measured
):
    client.force_login(axel)
    html = client.get(URL).content.decode()
    selection = ComparisonSelection.objects.get(promise=measured)
    assert selection.areas.count() == 10
    assert selection.changes.filter(action="chosen", user=axel).count() == 10
    assert "Brott minskade med uppskattningsvis" in html
    assert "Ändra jämförelseområdena" in html
    # A second visit keeps the selection, with no new choices.
    client.get(URL)
    assert selection.changes.count() == 10


def test_anonymous_readers_see_each_goals_result_checks_chart_and_comparison_areas(
    client, axel, measured
):
    html = client.get(URL).content.decode()
    assert "Inga jämförelseområden har valts än" in html
    assert not ComparisonSelection.objects.exists()
    client.force_login(axel)
    client.get(URL)
    client.logout()
    html = client.get(URL).content.decode()
    assert "Mål 1" in html and "Mål 2" in html
    assert "Målet har inget resultatmått än." in html  # goal 2
    assert "Brott minskade med uppskattningsvis" in html and "95 % intervall" in html
    assert '<svg role="img"' in html and "Siffrorna i diagrammet" in html
    assert "Placebokontroller" in html and "Ett falskt startdatum" in html
    assert html.count("inte granne") == 10
    assert "Hänger löftet ihop?" in html
    assert "Ändra jämförelseområdena" not in html and "Åtgärda" not in html


def test_a_report_without_enough_data_says_why_instead_of_a_number(client, axel, measured):
    OutcomeMeasure.objects.get().area.indicator_values.filter(period_label="2023").update(
        value=None, status="suppressed"
    )
    client.force_login(axel)
    html = client.get(URL).content.decode()
    assert "Ingen skattning kan ges" in html
    assert "uppskattningsvis" not in html


def test_the_report_fits_each_outcome_once_in_a_bounded_number_of_queries(
    client, axel, measured, monkeypatch, django_assert_max_num_queries
):
    client.force_login(axel)
    client.get(URL)
    client.logout()
    fitted = []
    real = estimation.evaluate
    monkeypatch.setattr(estimation, "evaluate", lambda panel: fitted.append(1) or real(panel))
    with django_assert_max_num_queries(20):
        assert client.get(URL).status_code == 200
    assert len(fitted) == 1


def test_the_commitments_evidence_is_shown_with_its_source(client, measured, axel):
    kind = InterventionKind.objects.exclude(source="").first()
    commitment = Commitment.objects.filter(focus_area__promise=measured).first()
    CommitmentKind.objects.create(commitment=commitment, kind=kind)
    html = client.get(URL).content.decode()
    assert commitment.title in html and escape(kind.shown_name) in html
    assert escape(kind.source) in html


def test_the_csv_has_each_goals_numbers_and_the_pdf_its_results(client, axel, measured):
    client.force_login(axel)
    client.get(URL)
    client.logout()
    response = client.get(URL + "utvardering.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode()
    lines = text.splitlines()
    assert lines[0].startswith("\ufeffMål;Indikator;Område;Period")
    assert len([line for line in lines if line.startswith("Mål 1;Brott;Ruta 1-1;")]) == 10
    assert "Brott minskade med uppskattningsvis" in text
    pdf = client.get(URL + "utvardering.pdf")
    assert pdf.content.startswith(b"%PDF")
    assert pdf["Content-Disposition"] == 'attachment; filename="utvardering-testby.pdf"'


@pytest.mark.parametrize("suffix", ["", "utvardering.csv", "utvardering.pdf"])
@pytest.mark.parametrize("persona", [None, "dana", "mats"])
def test_a_draft_promises_report_is_a_404_to_people_without_a_role(
    client, request, measured, persona, suffix
):
    Promise.objects.filter(pk=measured.pk).update(status=Promise.Status.DRAFT)
    if persona:
        client.force_login(request.getfixturevalue(persona))
    assert client.get(URL + suffix).status_code == 404


@pytest.mark.parametrize("persona", ["alice", "greta", "axel"])
def test_a_draft_promises_report_is_seen_by_its_people(client, request, measured, persona):
    Promise.objects.filter(pk=measured.pk).update(status=Promise.Status.DRAFT)
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 200


def test_a_coordinator_of_another_kommun_sees_only_the_public_report(client, mats, measured):
    client.force_login(mats)
    html = client.get(URL).content.decode()
    assert "Inga jämförelseområden har valts än" in html
    assert not ComparisonSelection.objects.exists()
    assert "Åtgärda" not in html and "/admin/" not in html


def test_the_promise_page_and_the_lagesbild_page_link_the_report(client, measured, goteborg):
    html = client.get("/medborgarloften/testby/").content.decode()
    assert f'href="{URL}"' in html
    from lofte.lagesbild.models import Lagesbild, Problem

    lb = Lagesbild.objects.create(
        kommun=goteborg,
        area=measured.area,
        title="Lägesbild",
        period_start=datetime.date(2021, 1, 1),
        period_end=datetime.date(2021, 12, 31),
        status=Lagesbild.Status.PUBLISHED,
    )
    Problem.objects.create(lagesbild=lb, title="P").commitments.add(
        Commitment.objects.filter(focus_area__promise=measured).first()
    )
    html = client.get(lb.get_absolute_url()).content.decode()
    assert f'href="{URL}"' in html
