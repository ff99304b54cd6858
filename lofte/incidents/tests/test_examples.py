"""Example incident reports for the demo: made up, marked, plausible, never personal."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.db.models.functions import ExtractMonth

from lofte.incidents.examples import load_example_incidents
from lofte.incidents.models import IncidentReport
from lofte.incidents.tests.conftest import make_report
from lofte.personal import check_text

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 30)


def test_example_reports_are_marked_and_in_hisings_backas_places(goteborg):
    assert load_example_incidents(goteborg, 400, today=TODAY) == 400
    reports = IncidentReport.objects.filter(kommun=goteborg)
    assert reports.count() == reports.filter(is_example=True).count() == 400
    places = set(reports.exclude(place=None).values_list("place__name", flat=True))
    assert {"Selma Lagerlöfs torg", "Poseidonvarvet"} <= places
    areas = set(reports.exclude(area=None).values_list("area__name", flat=True))
    assert areas == {"Backa Röd", "Backa centrala", "Backa östra"}
    # A tenth are positions, without an area until geometry can place them.
    assert 0 < reports.filter(place=None, area=None).count() < 80
    assert all(TODAY - datetime.timedelta(days=730) <= r.occurred_on < TODAY for r in reports)


def test_example_texts_hold_no_personal_data(goteborg):
    load_example_incidents(goteborg, 300, today=TODAY)
    places = IncidentReport.objects.exclude(place=None).values_list("place__name", flat=True)
    for text in set(IncidentReport.objects.values_list("text", flat=True)):
        assert not check_text(text, set(places)), text


def test_example_reports_follow_the_seasons(goteborg):
    load_example_incidents(goteborg, 1500, today=TODAY)

    def by_month(name):
        rows = (
            IncidentReport.objects.filter(category__name=name)
            .annotate(m=ExtractMonth("occurred_on"))
            .values("m")
            .annotate(n=Count("pk"))
        )
        return {r["m"]: r["n"] for r in rows}

    lighting, litter = by_month("Trasig belysning"), by_month("Nedskräpning")
    assert lighting.get(12, 0) > 3 * lighting.get(6, 0)
    assert litter.get(7, 0) > 2 * litter.get(1, 0)


def test_loading_again_replaces_the_examples_and_keeps_real_reports(goteborg, torget):
    real = make_report(goteborg, place=torget)
    load_example_incidents(goteborg, 50, today=TODAY)
    load_example_incidents(goteborg, 20, today=TODAY, seed=2)
    assert IncidentReport.objects.filter(is_example=True).count() == 20
    assert IncidentReport.objects.filter(pk=real.pk).exists()


def test_the_command_loads_examples_for_a_kommun_by_code_or_slug(goteborg):
    out = io.StringIO()
    call_command("load_example_incidents", "--kommun", "1480", "--count", "30", stdout=out)
    assert "30 example incident reports in Göteborg" in out.getvalue()
    call_command("load_example_incidents", "--kommun", "goteborg", "--count", "5", stdout=out)
    assert IncidentReport.objects.count() == 5
    with pytest.raises(CommandError):
        call_command("load_example_incidents", "--kommun", "9999", stdout=out)
