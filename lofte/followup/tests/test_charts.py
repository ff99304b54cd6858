"""A measure's chart is drawn on a time scale: a quarter without a value is a gap in the line,
not a point as close as the others."""

import datetime
import xml.etree.ElementTree as ET
from decimal import Decimal
from types import SimpleNamespace

from django.utils import translation

from lofte.followup.charts import render_svg

NS = "{http://www.w3.org/2000/svg}"


def quarter(year, q):
    starts = datetime.date(year, 3 * q - 2, 1)
    ends = datetime.date(year + (q == 4), (3 * q) % 12 + 1, 1) - datetime.timedelta(days=1)
    name = f"Kvartal {q} {year}"
    return SimpleNamespace(name=name, label=name, starts_on=starts, ends_on=ends)


MEASURE = SimpleNamespace(name="Besök", unit="st", baseline=None, target=Decimal(40))


def draw(points):
    with translation.override("en"):
        return ET.fromstring(str(render_svg(MEASURE, points, "chart-t")))


def xs(tree):
    return [float(c.get("cx")) for c in tree.iter(f"{NS}circle")]


def test_a_missed_quarter_breaks_the_line_and_leaves_its_room():
    points = [(quarter(2024, 1), 10), (quarter(2024, 2), 20), (quarter(2024, 4), 30)]
    tree = draw(points)
    # One line from Q1 to Q2; Q4 stands alone as a point.
    lines = tree.findall(f".//{NS}polyline")
    assert [len(line.get("points").split()) for line in lines] == [2]
    first, second, third = xs(tree)
    # Q1 → Q2 is one quarter, Q2 → Q4 two: twice the room, give or take the quarters' lengths.
    assert 1.9 < (third - second) / (second - first) < 2.1
    desc = tree.find(f"{NS}desc").text
    assert "No value was published between Kvartal 2 2024 and Kvartal 4 2024." in desc


def test_quarters_in_a_row_make_one_unbroken_line():
    points = [(quarter(2024, q), 10 * q) for q in (1, 2, 3, 4)]
    tree = draw(points)
    lines = tree.findall(f".//{NS}polyline")
    assert len(lines) == 1 and len(lines[0].get("points").split()) == 4
    gaps = [b - a for a, b in zip(xs(tree), xs(tree)[1:], strict=False)]
    assert max(gaps) - min(gaps) < 0.05 * max(gaps)


def test_a_quarter_is_named_in_the_readers_language_and_another_name_as_written():
    from lofte.followup.models import ReportingPeriod

    quarter = ReportingPeriod(name="Kvartal 3 2024")
    own = ReportingPeriod(name="Sommarlovet 2024")
    for language, expected in (
        ("sv", "Kvartal 3 2024"),
        ("en", "Quarter 3 2024"),
        ("ar", "الربع 3 من 2024"),
        ("fa", "سه‌ماههٔ 3 سال 2024"),
        ("so", "Rubuca 3 ee 2024"),
    ):
        with translation.override(language):
            assert quarter.label == expected
            assert own.label == "Sommarlovet 2024"
