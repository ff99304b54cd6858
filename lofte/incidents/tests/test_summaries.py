"""Counts per area and category, over time, hotspots and patterns: in the database, in a fixed
number of queries, whatever the number of reports."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lofte.areas.models import Area
from lofte.incidents import summaries
from lofte.incidents.models import IncidentCategory, IncidentReport, Place
from lofte.incidents.summaries import Period
from lofte.incidents.tests.conftest import make_report
from lofte.suppression import TOTAL

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2025, 3, 3)  # week 10 of 2025, in the first quarter


@pytest.fixture
def rod(goteborg):
    return Area.objects.create(name="Backa Röd", kind="regso", code="1480R006", kommun=goteborg)


@pytest.fixture
def varvet(goteborg, rod):
    return Place.objects.create(kommun=goteborg, name="Poseidonvarvet", area=rod)


def on(day, **extra):
    return {"occurred_on": day, **extra}


def test_periods_are_named_parsed_and_stepped():
    q1 = Period.parse("2025-Q1")
    assert (q1.start, q1.end, q1.code) == (
        datetime.date(2025, 1, 1),
        datetime.date(2025, 4, 1),
        "2025-Q1",
    )
    assert q1.previous() == Period("quarter", 2024, 4)
    assert Period.parse("2025-W10").start == MONDAY
    assert Period.parse("2025-w10").code == "2025-W10"
    assert Period.parse("2026-W01").previous() == Period("week", 2025, 52)
    assert Period.parse("2025").next().code == "2026"
    for junk in ("", "2025-Q5", "2025-W54", "abcd", "20x5-Q1", "1800", "2025-"):
        assert Period.parse(junk) is None, junk


def test_counts_per_area_and_category_put_reports_without_an_area_last(
    goteborg, torget, varvet, backa, rod
):
    make_report(goteborg, place=torget, **on(MONDAY))
    make_report(goteborg, place=torget, category="Brand", **on(MONDAY))
    make_report(goteborg, place=varvet, **on(MONDAY))
    make_report(goteborg, point=("57.74", "11.98"), **on(MONDAY))
    categories = list(IncidentCategory.objects.filter(kommun=goteborg))
    table = summaries.by_area_and_category(IncidentReport.objects.all(), categories)
    assert [label for _k, label in table.rows] == ["Backa", "Backa Röd", "Inget område"]
    klotter = categories.index(IncidentCategory.objects.get(kommun=goteborg, name="Klotter"))
    assert [row[klotter] for row in table.matrix()] == [1, 1, 1]
    assert table.row_totals == [2, 1, 1] and table.total == 4


def test_the_series_of_a_quarter_has_every_week_and_of_a_week_every_day(goteborg, torget):
    make_report(goteborg, place=torget, **on(MONDAY))
    make_report(goteborg, place=torget, **on(MONDAY + datetime.timedelta(days=6)))
    categories = list(IncidentCategory.objects.filter(kommun=goteborg))
    quarter = summaries.series(IncidentReport.objects.all(), Period.parse("2025-Q1"), categories)
    assert len(quarter.rows) == 14  # weeks 1–14 of 2025 touch the first quarter
    assert quarter.row_totals[9] == 2  # week 10
    week = summaries.series(IncidentReport.objects.all(), Period.parse("2025-W10"), categories)
    assert week.row_totals == [1, 0, 0, 0, 0, 0, 1]


def test_hotspots_rank_places_and_compare_with_the_period_before(goteborg, torget, varvet):
    for _ in range(3):
        make_report(goteborg, place=varvet, **on(MONDAY))
    make_report(goteborg, place=torget, **on(MONDAY))
    for _ in range(4):
        make_report(goteborg, place=torget, **on(MONDAY - datetime.timedelta(days=7)))
    hot = summaries.hotspots(IncidentReport.objects.all(), Period.parse("2025-W10"))
    assert hot == [
        {"label": "Poseidonvarvet", "count": 3, "previous": 0, "change": 3},
        {"label": "Selma Lagerlöfs torg", "count": 1, "previous": 4, "change": -3},
    ]
    areas = summaries.hotspots(IncidentReport.objects.all(), Period.parse("2025-W10"), by="area")
    assert [h["label"] for h in areas] == ["Backa Röd", "Backa"]


def test_patterns_by_month_weekday_part_of_day_and_hour(goteborg, torget):
    make_report(goteborg, place=torget, **on(MONDAY, time_of_day=datetime.time(23, 10)))
    make_report(goteborg, place=torget, **on(datetime.date(2025, 3, 8), time_of_day=None))
    reports = IncidentReport.objects.all()
    month = summaries.by_pattern(reports, "month")
    assert month.row_totals[2] == 2 and month.total == 2
    weekday = summaries.by_pattern(reports, "weekday")
    assert weekday.row_totals == [1, 0, 0, 0, 0, 1, 0]
    parts = summaries.by_pattern(reports, "part_of_day")
    assert dict(zip([k for k, _l in parts.rows], parts.row_totals, strict=True))["afternoon"] == 2
    hour = summaries.by_pattern(reports, "hour")
    assert hour.row_totals[23] == 1 and hour.total == 1  # only reports with a time
    q1 = summaries.by_pattern(reports, "month", period=Period.parse("2025-Q1"))
    assert [k for k, _l in q1.rows] == [1, 2, 3]


def test_the_public_tables_hide_small_counts_and_share_the_hiding_of_the_grand_total(
    goteborg, torget
):
    for _ in range(3):
        make_report(goteborg, place=torget, **on(MONDAY))
    categories = list(IncidentCategory.objects.filter(kommun=goteborg))
    tables = summaries.public_tables(IncidentReport.objects.all(), categories, 5)
    for _name, (table, suppressed) in tables.items():
        assert suppressed.is_hidden(TOTAL, TOTAL)
        assert all(v is None or v == 0 for row in table.display(suppressed)["rows"] for v in row[1])


def public_page(client, goteborg, period="2025-Q1"):
    return client.get(reverse("incidents:public", args=[goteborg.slug]), {"period": period})


def test_residents_see_counts_of_five_or_more_and_not_the_small_ones(client, goteborg, torget):
    for _ in range(7):
        make_report(goteborg, place=torget, **on(MONDAY))
    for _ in range(2):
        make_report(goteborg, place=torget, category="Brand", **on(MONDAY))
    response = public_page(client, goteborg)
    assert response.status_code == 200
    areas = response.context["areas"]["shown"]
    (label, cells, total) = areas["rows"][0]
    assert label == "Backa"
    assert 7 not in cells and 2 not in cells and total == 9
    html = response.content.decode()
    assert ">..<" in html
    # The individual reports' texts never reach residents.
    assert "Klotter på väggen" not in html


def test_residents_see_only_finished_quarters(client, goteborg):
    from django.utils import timezone

    current = Period.containing("quarter", timezone.localdate())
    assert public_page(client, goteborg, current.code).status_code == 404
    assert public_page(client, goteborg, "2025").status_code == 404
    assert public_page(client, goteborg, "junk").status_code == 404
    assert public_page(client, goteborg, current.previous().code).status_code == 200


def make_many(goteborg, places, n):
    categories = list(IncidentCategory.objects.filter(kommun=goteborg))
    IncidentReport.objects.bulk_create(
        IncidentReport(
            kommun=goteborg,
            category=categories[i % len(categories)],
            occurred_on=MONDAY + datetime.timedelta(days=i % 80),
            time_of_day=datetime.time(i % 24, 0) if i % 3 else None,
            part_of_day="evening",
            place=places[i % len(places)],
            area=places[i % len(places)].area,
        )
        for i in range(n)
    )


def count_queries(client, url, data=None):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, data)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_pages_make_as_many_queries_for_a_thousand_reports_as_for_ten(
    client, goteborg, torget, varvet, cora, vera, housing
):
    overview = reverse("incidents:overview", args=[goteborg.slug])
    public = reverse("incidents:public", args=[goteborg.slug])
    reports = reverse("incidents:reports", args=[goteborg.slug])
    pages = [(overview, {"period": "2025"}), (public, {"period": "2025-Q1"}), (reports, None)]
    client.force_login(cora)
    make_many(goteborg, [torget, varvet], 10)
    small = [count_queries(client, url, data) for url, data in pages]
    make_many(goteborg, [torget, varvet], 1000)
    large = [count_queries(client, url, data) for url, data in pages]
    assert small == large
    assert max(large) <= 25
    client.force_login(vera)
    for i in range(3):
        make_report(goteborg, place=torget, organisation=housing, reporter=vera, text=f"{i}")
    few = count_queries(client, reports)
    for i in range(30):
        make_report(goteborg, place=torget, organisation=housing, reporter=vera, text=f"{i}")
    assert count_queries(client, reports) == few


def test_the_weeks_reports_are_listed_in_full_for_the_coordinator(client, goteborg, torget, cora):
    in_week = make_report(goteborg, place=torget, **on(MONDAY, text="Veckans klotter"))
    make_report(goteborg, place=torget, **on(MONDAY - datetime.timedelta(days=1), text="Förra"))
    client.force_login(cora)
    url = reverse("incidents:reports", args=[goteborg.slug])
    response = client.get(url, {"period": "2025-W10"})
    assert list(response.context["page"].object_list) == [in_week]
    overview = client.get(
        reverse("incidents:overview", args=[goteborg.slug]), {"period": "2025-W10"}
    )
    assert f"{url}?period=2025-W10" in overview.content.decode()


def test_the_threshold_is_the_suppress_below_setting(client, goteborg, torget, settings):
    for _ in range(3):
        make_report(goteborg, place=torget, **on(MONDAY))
    settings.SUPPRESS_BELOW = 3
    shown = public_page(client, goteborg).context["areas"]["shown"]
    assert shown["total"] == 3
    settings.SUPPRESS_BELOW = 4
    assert public_page(client, goteborg).context["areas"]["shown"]["total"] is None
