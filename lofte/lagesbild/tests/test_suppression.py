"""Small counts of incident reports are hidden the same way on the lägesbild's map, its
tables, the CSV and the PDF: with secondary suppression, so that neither a total nor another
table nor two overlapping areas give a hidden count away."""

import datetime

import pytest

from lofte.lagesbild import content, exports, mapping
from lofte.lagesbild.tests.conftest import add_reports, give_boundary, square
from lofte.suppression import TOTAL, is_safe

pytestmark = pytest.mark.django_db

D = datetime.date(2025, 5, 5)
WEST, EAST = (11.905, 57.705), (11.915, 57.705)


def hidden_cells(suppressed):
    return {c for c in suppressed.hidden}


def test_a_small_cell_hides_more_so_that_no_total_gives_it_away(mapped, goteborg):
    lb, west, east = mapped
    add_reports(
        goteborg,
        [
            (*WEST, "Klotter", D, 7),
            (*WEST, "Brand", D, 2),  # small: hidden
            (*EAST, "Klotter", D, 8),
            (*EAST, "Brand", D, 9),
            (11.93, 57.705, "Brand", D, 3),  # in the east RegSO but outside the area
        ],
    )
    found = mapping.build(lb, threshold=5)
    table, suppressed = found.incidents.by_area, found.incidents.suppressed["by_area"]
    assert sorted(label for _k, label in table.rows) == ["Väster", "Öster"]
    assert table.total == 26  # the report outside the area is not counted
    columns = [name for _k, name in table.columns]
    brand = columns.index("Brand")
    assert suppressed.is_hidden(0, brand)
    # Secondary: the row and column of the hidden cell each hide one more, and every hidden
    # number lies on a cycle of hidden numbers: subtraction recovers none.
    assert len(suppressed.hidden) >= 4
    for cell in suppressed.hidden:
        assert is_safe(cell, suppressed.values, suppressed.hidden)
    assert suppressed.shown(TOTAL, TOTAL) == 26


def test_the_page_the_csv_the_pdf_and_the_map_hide_the_same_cells(client, mapped, goteborg):
    lb, west, east = mapped
    add_reports(
        goteborg,
        [(*WEST, "Klotter", D, 7), (*WEST, "Brand", D, 2), (*EAST, "Klotter", D, 8)],
    )
    html = client.get(lb.get_absolute_url()).content.decode()
    csv_text = client.get(lb.get_absolute_url() + "lagesbild.csv").content.decode()
    from django.contrib.auth.models import AnonymousUser

    tables = content.gather(lb, AnonymousUser()).tables
    rows = tables["incidents_by_area"].rows
    west_row = next(r for r in rows if r[0] == "Väster")
    assert ".." in west_row  # Brand (2) and what protects it
    assert ";".join(str(v) for v in west_row) in csv_text.splitlines()
    assert "<td>..</td>" in html
    # The map's label of the west part gives its total as the table does: hidden here.
    west_total = west_row[-1]
    assert f"rapporter: {west_total}" in html or f"reports: {west_total}" in html
    assert "Brand" in csv_text
    pdf = client.get(lb.get_absolute_url() + "lagesbild.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_a_small_total_is_hidden_in_both_tables_that_share_it(mapped, goteborg):
    lb, _west, _east = mapped
    add_reports(goteborg, [(*WEST, "Klotter", D, 3)])
    found = mapping.build(lb, threshold=5)
    for name in ("by_area", "by_quarter"):
        assert found.incidents.suppressed[name].is_hidden(TOTAL, TOTAL), name


def test_a_grand_total_one_table_must_hide_is_hidden_in_the_other_too():
    """The rule the page's two tables share (lofte.suppression.suppress_together)."""
    from lofte.suppression import suppress_together

    result = suppress_together({"small": [[3]], "large": [[30, 0]]}, 5)
    assert result["small"].is_hidden(TOTAL, TOTAL)
    assert result["large"].is_hidden(TOTAL, TOTAL)
    assert not suppress_together({"large": [[30, 0]]}, 5)["large"].is_hidden(TOTAL, TOTAL)


def test_overlapping_areas_count_each_report_once(mapped, goteborg):
    """Two RegSO that overlap (simplified boundaries do) must not count a report twice: the
    rows would then no longer add up, and the difference would give a cell away."""
    lb, west, east = mapped
    from lofte.areas.models import AreaBoundary

    AreaBoundary.objects.filter(area=west).delete()
    give_boundary(west, square(11.88, 57.69, 11.912, 57.72))  # reaches into the east one
    add_reports(goteborg, [(11.911, 57.705, "Klotter", D, 6), (*EAST, "Klotter", D, 6)])
    found = mapping.build(lb, threshold=5)
    table = found.incidents.by_area
    assert sum(table.row_totals) == table.total == 12


def test_reports_outside_the_period_are_not_counted(mapped, goteborg):
    lb, _w, _e = mapped
    add_reports(goteborg, [(*WEST, "Klotter", datetime.date(2024, 12, 31), 9)])
    assert mapping.build(lb).incidents.by_area.total == 0


def test_the_csv_writes_every_table(client, mapped, goteborg):
    lb, _w, _e = mapped
    text = client.get(lb.get_absolute_url() + "lagesbild.csv").content.decode("utf-8-sig")
    for title in [t.title for t in exports.tables(content.gather(lb, _anonymous()))]:
        assert title in text
    assert text.splitlines()[0] == "Testområdets lägesbild"


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


def test_only_finished_quarters_are_counted(mapped, goteborg):
    """A count that still grows would give each new report away by the difference."""
    from django.utils import timezone

    lb, _w, _e = mapped
    today = timezone.localdate()
    lb.period_start, lb.period_end = today.replace(month=1, day=1), today
    lb.save()
    add_reports(goteborg, [(*WEST, "Klotter", today, 9)])
    found = mapping.build(lb)
    assert found.incidents.by_area.total == 0
    assert all(
        code < f"{today.year}-Q{(today.month - 1) // 3 + 1}"
        for code, _l in found.incidents.by_quarter.rows
    )


def test_reports_far_from_the_area_are_neither_fetched_nor_counted_but_unplaced_ones_are_said(
    mapped, goteborg
):
    """A kommun of hundreds of thousands of reports sends only those in the area's box."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from lofte.incidents.models import IncidentReport

    lb, _w, _e = mapped
    categories = add_reports(goteborg, [(*WEST, "Klotter", D, 6), (12.5, 58.2, "Klotter", D, 40)])
    IncidentReport.objects.create(
        kommun=goteborg,
        category=categories["Klotter"],
        occurred_on=D,
        part_of_day="evening",
        place=goteborg.incident_places.create(name="Okänd plats"),
    )
    torget = goteborg.incident_places.create(name="Torget", longitude=WEST[0], latitude=WEST[1])
    IncidentReport.objects.create(
        kommun=goteborg,
        category=categories["Klotter"],
        occurred_on=D,
        part_of_day="evening",
        place=torget,
    )
    with CaptureQueriesContext(connection) as ctx:
        found = mapping.build(lb, threshold=5)
    assert found.incidents.by_area.total == 7  # six points and one at a place in the area
    assert found.incidents.without_position == 1
    fetched = [q["sql"] for q in ctx.captured_queries if "incidents_incidentreport" in q["sql"]]
    counted = [sql for sql in fetched if "COUNT(" in sql]
    listed = [sql for sql in fetched if "COUNT(" not in sql]
    assert len(counted) == 1 and len(listed) == 2  # points, and reports at named places
    assert all("11.9" in sql and "57.7" in sql for sql in listed)  # the boundary's box


def test_each_report_is_counted_once_in_its_part_of_the_area_and_in_its_quarter(mapped, goteborg):
    """The counts themselves, cell by cell: a RegSO's part, the rest of the area, quarters."""
    from lofte.areas.models import AreaBoundary
    from lofte.incidents.models import IncidentReport

    lb, west, east = mapped
    AreaBoundary.objects.filter(area=east).delete()  # its half is now "elsewhere in the area"
    categories = add_reports(
        goteborg,
        [
            (*WEST, "Klotter", datetime.date(2025, 2, 10), 6),
            (*WEST, "Brand", datetime.date(2025, 5, 5), 7),
            (*EAST, "Klotter", datetime.date(2025, 9, 30), 8),
        ],
    )
    torget = goteborg.incident_places.create(name="Torget", longitude=WEST[0], latitude=WEST[1])
    IncidentReport.objects.create(
        kommun=goteborg,
        category=categories["Brand"],
        occurred_on=datetime.date(2025, 12, 31),
        part_of_day="evening",
        place=torget,
        is_example=True,
    )
    found = mapping.build(lb, threshold=5).incidents
    klotter, brand = categories["Klotter"].pk, categories["Brand"].pk
    assert found.by_area.cells == {(west.pk, klotter): 6, (west.pk, brand): 8, (None, klotter): 8}
    assert [label for key, label in found.by_area.rows] == ["Väster", "På annan plats i området"]
    assert found.by_quarter.cells == {
        ("2025-Q1", klotter): 6,
        ("2025-Q2", brand): 7,
        ("2025-Q3", klotter): 8,
        ("2025-Q4", brand): 1,
    }
    assert sorted(pk for pk, _n in found.by_area.columns) == sorted([klotter, brand])
    assert found.has_examples is True
