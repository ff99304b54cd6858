"""The public lägesbild page: in the law's order, every chart with its table, the estimate
labelled, and a bounded number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lofte.areas.models import Area, AreaClassification
from lofte.indicators.models import Indicator, IndicatorValue
from lofte.lagesbild.models import Lagesbild, OutcomeMeasure, Problem
from lofte.lagesbild.tests.conftest import add_reports

pytestmark = pytest.mark.django_db

D = datetime.date(2025, 5, 5)


def add_values(indicator, area, values):
    for year, value in values:
        IndicatorValue.objects.create(
            indicator=indicator,
            area=area,
            period_kind="year",
            period_start=datetime.date(year, 1, 1),
            period_end=datetime.date(year, 12, 31),
            period_label=str(year),
            value=value,
            status="reported" if value is not None else "suppressed",
        )


def grow(lb, west, east, goteborg, n, start=0):
    """Add n indicators, n years, n RegSO values and n problems: the page's queries must not
    grow with them."""
    kommun_area, _new = Area.objects.get_or_create(
        name="Göteborg", kind="kommun", code="1480", kommun=goteborg
    )
    for i in range(start, start + n):
        ind = Indicator.objects.create(name=f"Brott {i}", slug=f"brott-{i}", theme="crime")
        add_values(ind, lb.area, [(2020 + y, 10 + y) for y in range(n)])
        add_values(ind, kommun_area, [(2020 + y, 100 + y) for y in range(n)])
    if not start:
        socio = Indicator.objects.create(name="Områdestyp", slug="typ", theme="socio_economic")
        add_values(socio, west, [(2022, 1)])
        add_values(socio, east, [(2022, 4)])
    for i in range(start, start + n):
        Problem.objects.create(lagesbild=lb, order=i + 1, title=f"Problem {i}")
    add_reports(goteborg, [(11.905, 57.705, "Klotter", D, 3 * n)])


def test_it_runs_the_same_number_of_queries_for_a_small_and_a_large_lagesbild(
    client, mapped, goteborg
):
    lb, west, east = mapped

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(lb.get_absolute_url()).status_code == 200
        return len(ctx.captured_queries)

    grow(lb, west, east, goteborg, 1)
    small = count()
    grow(lb, west, east, goteborg, 8, start=1)
    large = count()
    assert small == large
    assert large <= 22


def test_it_shows_the_mapping_in_the_laws_order_with_charts_beside_their_tables(
    client, mapped, goteborg
):
    lb, west, east = mapped
    grow(lb, west, east, goteborg, 3)
    AreaClassification.objects.create(area=lb.area, year=2025, klass="utsatt")
    html = client.get(lb.get_absolute_url()).content.decode()
    order = [html.index(f'id="{a}"') for a in ("mapping", "other", "analysis", "action-plan")]
    assert order == sorted(order)
    # A trend chart, an index against the kommun, with its table of raw numbers.
    assert 'id="chart-brott-0"' in html and "Göteborg" in html
    assert html.count('class="line-chart"') == 3
    assert "<td>12</td>" in html and "<td>102</td>" in html
    # The area-weighted socio-economic type, labelled as an estimate with its method: half
    # of the area in type 1, half in type 4.
    assert "2.50" in html
    assert "Uppskattning genom ytviktning" in html
    assert "utsatt område" in html
    assert "Trygghetsvandring i testby." in html
    assert "Problem 2" in html
    assert "test.geojson" in html  # the boundary's source


def test_the_action_plan_shows_only_commitments_of_promises_the_person_may_see(
    client, mapped, promise, greta
):
    from lofte.promises.models import Promise

    lb, _w, _e = mapped
    problem = Problem.objects.create(lagesbild=lb, order=1, title="Rekrytering")
    commitment = promise.commitments().first()
    problem.commitments.add(commitment)
    promise.status = Promise.Status.DRAFT
    promise.save()
    assert commitment.title not in client.get(lb.get_absolute_url()).content.decode()
    csv = client.get(lb.get_absolute_url() + "lagesbild.csv").content.decode()
    assert commitment.title not in csv
    client.force_login(greta)
    assert commitment.title in client.get(lb.get_absolute_url()).content.decode()


def test_the_promise_page_links_to_the_lagesbild_it_acts_on_and_back(client, mapped, promise):
    lb, _w, _e = mapped
    problem = Problem.objects.create(lagesbild=lb, order=1, title="Rekrytering")
    problem.commitments.add(promise.commitments().first())
    page = client.get(promise.get_absolute_url()).content.decode()
    assert lb.get_absolute_url() in page
    assert promise.get_absolute_url() in client.get(lb.get_absolute_url()).content.decode()
    # A draft lägesbild is not linked for the public.
    Lagesbild.objects.filter(pk=lb.pk).update(status="draft")
    assert lb.get_absolute_url() not in client.get(promise.get_absolute_url()).content.decode()


def test_outcome_measures_read_baseline_and_later_values_from_the_indicator(mapped, promise):
    lb, west, _e = mapped
    ind = Indicator.objects.create(name="Brott", slug="brott", theme="crime")
    add_values(ind, west, [(2020, 50), (2021, None), (2022, 40), (2023, 35)])
    goal = promise.goals.first()
    measure = OutcomeMeasure.objects.create(
        goal=goal, indicator=ind, area=west, baseline_from=datetime.date(2021, 1, 1)
    )
    base, later = measure.series()
    assert base.period_label == "2021" and base.value is None  # suppressed: unknown, not 0
    assert [(v.period_label, int(v.value)) for v in later] == [("2022", 40), ("2023", 35)]


def test_the_pdf_says_what_the_page_says(client, mapped, goteborg):
    from io import BytesIO

    from pypdf import PdfReader

    lb, west, east = mapped
    grow(lb, west, east, goteborg, 2)
    response = client.get(lb.get_absolute_url() + "lagesbild.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(response.content)).pages)
    for expected in ["Testområdets lägesbild", "Analysen av testby.", "Problem 1", "2.50"]:
        assert expected in text, expected
    assert "Klotter" in text
