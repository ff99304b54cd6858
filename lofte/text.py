"""Text from people and spreadsheets, made safe for every format Löfte writes.

A pasted Word line break is a vertical tab; XML (Atom) and XLSX cannot hold it or most other
control characters, so they are taken out where text comes in and again where it goes out.
A cell that starts like a formula is kept as text, so a spreadsheet never runs what an actor
typed.
"""

import csv
import io
import re

from django.utils.text import normalize_newlines

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def clean_text(text):
    """Return text without control characters other than tab, newline and carriage return."""
    if not isinstance(text, str):
        return text
    return _CONTROL.sub("", text.replace("\x0b", "\n"))


def text_from_person(text):
    """Return text typed or pasted by a person as Löfte keeps it: line breaks as "\n",
    no control characters, no space around it. Length limits count this text, so a form
    (whose browser sends "\r\n") and a spreadsheet cell give the same count."""
    return clean_text(normalize_newlines(text)).strip()


def format_decimal(value, comma=True):
    """Return a stored number the way a person writes it: 12.50 → "12,5"."""
    if value is None:
        return ""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",") if comma else text


def xlsx_row(values):
    """Return the values ready for openpyxl's append: strings cleaned."""
    return [clean_text(v) for v in values]


def keep_formulas_as_text(sheet):
    """Store every cell openpyxl took for a formula as plain text; Löfte writes no formulas."""
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"


def csv_text(value):
    """Return a CSV cell a spreadsheet program will not run: an apostrophe before a formula."""
    value = clean_text(value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def from_csv_text(value):
    """Undo csv_text on a cell read back from a CSV file."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value


# Python's default csv.field_size_limit. The limit is process-wide and libraries raise it
# (frictionless sets it to sys.maxsize on import), so Löfte's readers keep their own.
CSV_CELL_LIMIT = 131_072


class CsvReader:
    """csv.reader over text that refuses a cell longer than CSV_CELL_LIMIT with csv.Error,
    whatever csv.field_size_limit() another library has set; has csv.reader's line_num."""

    def __init__(self, text, delimiter=","):
        self._reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    def __iter__(self):
        return self

    def __next__(self):
        row = next(self._reader)
        if any(len(cell) > CSV_CELL_LIMIT for cell in row):
            raise csv.Error(f"field larger than field limit ({CSV_CELL_LIMIT})")
        return row

    @property
    def line_num(self):
        return self._reader.line_num
