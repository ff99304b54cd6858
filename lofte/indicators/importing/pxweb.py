"""SCB's PxWeb CSV exports, as the statistical database's "save as" writes them.

An export may start with a title line, has a header row, the data, then (after a blank row)
a metadata footer: source, contact, notes, a reference code. It may have a byte-order mark,
CRLF line ends, commas, semicolons or tabs between cells, and be UTF-8 or Windows-1252.

Two layouts:
- wide: the area in the first column and one column per period ("2022", "2022K1",
  "Folkmängd 2022"): `,2022` / `Göteborg (Backa Röd),3`;
- long: columns for the area, the period and the value: `region,år,värde`.

Areas are written "Kommun (Area)" (SCB's RegSO tables: "Göteborg (Backa Röd)"), as codes
("1480R006", "1480 Göteborg"), or as a kommun or län name. A table with more dimensions than
area and period (sex, age) must be cut to one value per area and period in PxWeb first.
"""

import csv
import re

from django.utils.translation import gettext as _

from lofte.areas.models import Area
from lofte.indicators.importing.base import (
    MAX_VALUES,
    FileProblem,
    Parsed,
    ParsedValue,
    decode,
    no_progress,
    quoted,
    read_cell,
)
from lofte.indicators.periods import parse_period, trailing_period
from lofte.indicators.places import COUNTY, NATION, Place, code_kind, name_key
from lofte.text import CsvReader

PERIOD_HEADERS = {"år", "ar", "tid", "period", "year", "time", "kvartal", "månad", "vecka"}
AREA_HEADERS = {"region", "område", "omrade", "area", "kommun", "regso", "deso", "län"}
NATION_NAMES = {"riket", "sverige", "hela riket", "00 riket"}
KOMMUN_AND_AREA = re.compile(r"(?P<kommun>[^()]+?)\s*\((?P<area>.+)\)")


def sniff_delimiter(text):
    """Return the delimiter of the first line that has one: comma, semicolon or tab."""
    for line in text.splitlines()[:20]:
        counts = {d: line.count(d) for d in (",", ";", "\t")}
        best = max(counts, key=counts.get)
        if counts[best]:
            return best
    return ","


def numbered_rows(text, delimiter):
    """Yield (first line of the row, cells); a quoted cell may span lines."""
    reader = CsvReader(text, delimiter=delimiter)
    line = 1
    try:
        for row in reader:
            yield line, row
            line = reader.line_num + 1
    except csv.Error as e:
        raise FileProblem(
            _("Line %(line)s cannot be read as CSV: %(error)s") % {"line": line, "error": e}
        ) from e


def pxweb_place(label, area_kind=Area.Kind.REGSO):
    """Return the Place an SCB label names."""
    match = KOMMUN_AND_AREA.fullmatch(label)
    if match:
        return Place(label, area_kind, name=match["area"].strip(), kommun=match["kommun"])
    first, _sep, rest = label.partition(" ")
    kind = code_kind(first)
    if name_key(label) in NATION_NAMES or first == "00":
        return Place(label, NATION)
    if kind in (Area.Kind.REGSO, Area.Kind.DESO):
        return Place(label, kind, code=first, name=rest.strip())
    if kind == Area.Kind.KOMMUN:
        return Place(label, Area.Kind.KOMMUN, code=first, name=rest.strip())
    if kind == COUNTY or name_key(label).endswith(" län"):
        return Place(label, COUNTY, code=first if kind == COUNTY else "", name=label)
    return Place(label, Area.Kind.KOMMUN, name=label)


def parse_pxweb(data, *, indicator, area_kind=Area.Kind.REGSO, progress=no_progress):
    """Read a PxWeb CSV export into values of one indicator (an IndicatorSpec)."""
    text = decode(data)
    total = text.count("\n") + 1
    parsed = Parsed()
    rows = numbered_rows(text, sniff_delimiter(text))
    header_line, header = _header(rows)
    layout = _layout(header)
    for line, row in rows:
        if not any(cell.strip() for cell in row) or len(row) < 2:
            _read_footer(parsed, rows)
            break
        parsed.rows += 1
        if parsed.rows % 500 == 0:
            progress(line, total)
        _read_row(parsed, line, row, header, layout, indicator, area_kind)
        if len(parsed.values) > MAX_VALUES:
            raise FileProblem(
                _("The file has more than %(max)s values; import it in parts.")
                % {"max": MAX_VALUES}
            )
    progress(total, total)
    if not parsed.rows:
        raise FileProblem(
            _("Line %(line)s is a header, but no data rows follow it.") % {"line": header_line}
        )
    return parsed


def _header(rows):
    """Return the header row: the first with two cells or more, after any title lines."""
    for line, row in rows:
        if len(row) >= 2 and any(cell.strip() for cell in row):
            return line, [cell.strip() for cell in row]
    raise FileProblem(_("This is not a PxWeb CSV export: no header row with two columns."))


def _layout(header):
    """Return ("wide", {column: period}) or ("long", (area, period, value columns))."""
    periods = {i: trailing_period(h) for i, h in enumerate(header) if i > 0}
    periods = {i: p for i, p in periods.items() if p}
    if periods:
        others = [h for i, h in enumerate(header) if i > 0 and i not in periods]
        if others:
            raise FileProblem(
                _(
                    "Columns other than the area and its periods: %(columns)s. Choose one value "
                    "for each of them in PxWeb and export again."
                )
                % {"columns": quoted(others)}
            )
        return "wide", periods
    keys = [name_key(h) for h in header]
    period_columns = [i for i, k in enumerate(keys) if k in PERIOD_HEADERS]
    if len(header) != 3 or len(period_columns) != 1:
        raise FileProblem(
            _(
                "The header (%(header)s) names no periods. A PxWeb export has the area in the "
                "first column and either one column per period (“2022”) or the columns area, "
                "period and value (“region,år,värde”)."
            )
            % {"header": quoted(header)}
        )
    period = period_columns[0]
    area_columns = [i for i, k in enumerate(keys) if k in AREA_HEADERS and i != period]
    area = area_columns[0] if area_columns else (0 if period != 0 else 1)
    value = ({0, 1, 2} - {area, period}).pop()
    return "long", (area, period, value)


def _read_row(parsed, line, row, header, layout, indicator, area_kind):
    if len(row) > len(header) and any(cell.strip() for cell in row[len(header) :]):
        parsed.error(
            line,
            _("The row has %(cells)s cells, the header %(columns)s.")
            % {"cells": len(row), "columns": len(header)},
        )
        return
    kind, columns = layout
    area_column = 0 if kind == "wide" else columns[0]
    label = row[area_column].strip() if len(row) > area_column else ""
    if not label:
        parsed.error(line, _("The area is empty."))
        return
    place = pxweb_place(label, area_kind)
    if kind == "wide":
        cells = [(period, row[i] if i < len(row) else "") for i, period in columns.items()]
    else:
        _area, period_column, value_column = columns
        period = parse_period(row[period_column]) if period_column < len(row) else None
        if period is None:
            parsed.error(
                line,
                _("“%(period)s” is not a year, quarter, month or week.")
                % {"period": row[period_column].strip() if period_column < len(row) else ""},
            )
            return
        cells = [(period, row[value_column] if value_column < len(row) else "")]
    for period, cell in cells:
        try:
            value, status = read_cell(cell)
        except ValueError as e:
            parsed.error(
                line, _("%(period)s: %(problem)s") % {"period": period.label, "problem": e}
            )
            continue
        parsed.values.append(ParsedValue(line, indicator, place, period, value, status))


def _read_footer(parsed, rows):
    """Take the source from the metadata footer ("Källa:" then "SCB"); the rest is notes."""
    try:
        lines = [" ".join(c.strip() for c in row if c.strip()) for _line, row in rows]
    except FileProblem:
        return  # a footer that is not CSV does not stop the data above it
    for i, text in enumerate(lines[:-1]):
        if name_key(text) in ("källa:", "source:") and lines[i + 1]:
            parsed.source = lines[i + 1][:200]
            return
