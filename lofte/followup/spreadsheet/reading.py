"""Reading an upload: XLSX or CSV bytes into rows with parsed cells and cell-level problems."""

import csv
import io
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

from lofte.followup.models import Update
from lofte.followup.spreadsheet.archive import ArchiveProblem, check_archive, not_xlsx
from lofte.followup.spreadsheet.columns import (
    COLUMN,
    COLUMNS,
    MAX_COLUMNS,
    MAX_ROWS,
    REQUIRED,
    SHEET_TITLE,
    STATUS_LABELS,
)
from lofte.promises.models import Commitment
from lofte.text import (
    CSV_CELL_LIMIT,
    CsvReader,
    clean_text,
    from_csv_text,
    text_from_person,
)

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
TEXT_MAX = Update._meta.get_field("text").max_length  # the same limit as the web form's
VALUE_LIMIT = Decimal("10000000000")  # MeasureValue.value: 12 digits, 2 of them decimals
CENT = Decimal("0.01")
MAX_DIGITS = 19  # ids and versions: the database keeps them below 2**63
SHOWN_MAX = 40  # characters of a cell repeated in a message

STATUS_WORDS = {
    **{label: value for value, label in STATUS_LABELS.items()},
    **{value.value: value for value in Commitment.Status},
    "pagar": Commitment.Status.ONGOING,
    "canceled": Commitment.Status.CANCELLED,
}
YES = {"ja", "j", "yes", "y", "true", "sant", "1", "x"}
NO = {"nej", "n", "no", "false", "falskt", "0"}


class FileProblem(Exception):
    """The file as a whole cannot be used (unreadable, empty, missing columns)."""


@dataclass
class RowError:
    row: int
    message: str

    def __str__(self):
        return _("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}


@dataclass
class Row:
    number: int
    commitment_id: int | None = None
    measure_id: int | None = None
    value: Decimal | None = None
    status: str = ""
    text: str = ""
    publishable: bool | None = None
    version: int | None = None  # of the update when the template was made; None: no update
    knows_version: bool = False  # False when the file has no version column
    period_id: int | None = None  # the period of the template; None: no period column
    has_errors: bool = False

    @property
    def is_empty(self):
        """A row the actor left as it was sent: nothing to report on it."""
        return self.value is None and not self.status and not self.text


def read_table(name, data):
    """Return [(row number, [cells])] from XLSX or CSV bytes, the header row first.

    Raises FileProblem when the file is neither, or cannot be read."""
    if not data:
        raise FileProblem(_("The file is empty."))
    if len(data) > MAX_UPLOAD_BYTES:
        raise FileProblem(_("The file is larger than %(max)s MB.") % {"max": 2})
    lower = (name or "").lower()
    if data[:4] == b"PK\x03\x04" or lower.endswith(".xlsx"):
        return _read_xlsx(data)
    if lower.endswith((".csv", ".txt")):
        return _read_csv(data)
    raise FileProblem(_("Upload an XLSX or CSV file."))


def _read_xlsx(data):
    from openpyxl import load_workbook

    try:
        check_archive(data)
    except ArchiveProblem as problem:
        raise FileProblem(str(problem)) from None
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        # openpyxl raises many kinds of errors on a damaged file; all mean the same to a person.
        raise FileProblem(not_xlsx()) from None
    try:
        ws = wb[SHEET_TITLE] if SHEET_TITLE in wb.sheetnames else wb.worksheets[0]
        # At most MAX_COLUMNS: openpyxl would fill every row out to the declared dimension.
        rows = ws.iter_rows(values_only=True, max_col=MAX_COLUMNS)
        table = _filled_rows(enumerate(rows, start=1))
    except FileProblem:
        raise
    except Exception:
        raise FileProblem(not_xlsx()) from None
    finally:
        wb.close()
    return table


def _filled_rows(numbered_rows):
    """Return [(number, cells)] of the rows with content, with at most MAX_ROWS of them."""
    table, blank_streak = [], 0
    for number, cells in numbered_rows:
        cells = list(cells)[:MAX_COLUMNS]
        if all(_blank(c) for c in cells):
            blank_streak += 1
            # A sheet formatted down to row 1,048,576 has nothing more to say after a while.
            if blank_streak > 1000:
                break
            continue
        blank_streak = 0
        if len(table) > MAX_ROWS:
            raise FileProblem(_too_many_rows())
        table.append((number, cells))
    return table


def _too_many_rows():
    return _("The file has more than %(max)s rows; split it into smaller files.") % {
        "max": MAX_ROWS
    }


def _read_csv(data):
    if b"\x00" in data:
        raise FileProblem(_not_csv())
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Windows saves "CSV (semicolon separated)" in Windows-1252.
        text = data.decode("cp1252", errors="replace")
    first = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first.count)
    try:
        reader = CsvReader(text, delimiter=delimiter)
        table = _filled_rows(enumerate(reader, start=1))
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise FileProblem(
                _(
                    "A cell of the file holds more than %(max)s characters, far more than any "
                    "column takes. Check the file and upload it again."
                )
                % {"max": CSV_CELL_LIMIT}
            ) from None
        raise FileProblem(_not_csv()) from None
    return table


def _not_csv():
    return _("The file could not be read as CSV text. Save it as CSV (UTF-8) and upload it again.")


def shown(value):
    """Return a cell as a message repeats it: its first characters, control characters out."""
    text = " ".join(clean_text(str(value)).split())
    return text if len(text) <= SHOWN_MAX else text[:SHOWN_MAX] + "…"


def _blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def parse_rows(table):
    """Return (rows, errors): the data rows with their cells parsed, and cell-level problems.

    Raises FileProblem for an empty file or missing columns."""
    if not table:
        raise FileProblem(_("The file is empty."))
    header_number, header = table[0]
    positions = {}
    for i, cell in enumerate(header):
        text = "" if cell is None else str(cell).replace("\ufeff", "")
        name = " ".join(text.split()).casefold()
        for col in COLUMNS:
            if name in col.names() and col.key not in positions:
                positions[col.key] = i
    missing = [COLUMN[key].header for key in REQUIRED if key not in positions]
    if missing:
        raise FileProblem(
            _("The file lacks these columns: %(columns)s. Start from the template for the period.")
            % {"columns": ", ".join(missing)}
        )

    rows, errors = [], []
    for number, cells in table[1:]:

        def cell(key, cells=cells):
            i = positions.get(key)
            return cells[i] if i is not None and i < len(cells) else None

        row = Row(number)
        problems = []
        row.commitment_id = _parse_id(cell("commitment_id"), problems, "commitment")
        row.measure_id = _parse_id(cell("measure_id"), problems, "measure")
        row.value = _parse_value(cell("value"), problems)
        row.status = _parse_status(cell("status"), problems)
        row.text = _parse_text(cell("text"), problems)
        row.publishable = _parse_yes_no(cell("publishable"), problems)
        row.knows_version = "version" in positions
        row.version = _parse_version(cell("version"), problems)
        row.period_id = _parse_period(cell("period_id"), problems)
        errors.extend(RowError(number, p) for p in problems)
        row.has_errors = bool(problems)
        rows.append(row)
    return rows, errors


def _whole_number(value):
    """Return the whole number in a cell (12, 12.0, "12") if an id could be that large, or None."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    elif isinstance(value, str):
        text = value.strip()
        # Checked before int(), which refuses more than 4,300 digits.
        if not (text.isascii() and text.isdecimal() and len(text) <= MAX_DIGITS):
            return None
        value = int(text)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) < 10**MAX_DIGITS:
        return value
    return None


def _parse_id(value, problems, kind):
    if _blank(value):
        return None
    number = _whole_number(value)
    if number is not None:
        return number
    if kind == "commitment":
        problems.append(_("Commitment id '%(value)s' is not a number.") % {"value": shown(value)})
    else:
        problems.append(_("Measure id '%(value)s' is not a number.") % {"value": shown(value)})
    return None


def _parse_version(value, problems):
    if _blank(value):
        return None
    number = _whole_number(value)
    if number is not None:
        return number
    problems.append(
        _(
            "Version '%(value)s' is not a number. Do not change the grey columns; download a new "
            "template."
        )
        % {"value": shown(value)}
    )
    return None


def _parse_period(value, problems):
    found = []
    number = _parse_version(value, found)
    if found:
        problems.append(
            _(
                "Period id '%(value)s' is not a number. Do not change the grey columns; download "
                "a new template."
            )
            % {"value": shown(value)}
        )
    return number


def parse_decimal(value):
    """Return the Decimal in a cell ("12", "12,5", "1 200", 12.5), or raise ValueError."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, (int, float, Decimal)):
        number = Decimal(str(value))
    elif isinstance(value, str):
        text = "".join(value.split()).replace("\u2212", "-")
        if "," in text and "." not in text:
            text = text.replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(value) from None
    else:
        raise ValueError(value)
    if not number.is_finite():
        raise ValueError(value)
    return number


def _parse_value(value, problems):
    if _blank(value):
        return None
    try:
        number = parse_decimal(value)
    except ValueError:
        problems.append(_("Value '%(value)s' is not a number.") % {"value": shown(value)})
        return None
    if abs(number) < VALUE_LIMIT:  # rounding 1e26 to cents needs more digits than Decimal has
        number = number.quantize(CENT, rounding=ROUND_HALF_UP)
    if number < 0:
        problems.append(
            _("Value %(value)s is negative; values cannot be below zero.") % {"value": shown(value)}
        )
        return None
    if number >= VALUE_LIMIT:
        problems.append(_("Value %(value)s is too large.") % {"value": shown(value)})
        return None
    return abs(number)  # -0.00 is 0


def _parse_status(value, problems):
    if _blank(value):
        return ""
    word = " ".join(str(value).split()).casefold()
    if word in STATUS_WORDS:
        return STATUS_WORDS[word]
    problems.append(
        _("Unknown status '%(value)s'. Use one of: %(choices)s.")
        % {"value": shown(value), "choices": ", ".join(STATUS_LABELS.values())}
    )
    return ""


def _parse_text(value, problems):
    if _blank(value):
        return ""
    text = text_from_person(from_csv_text(str(value)))
    if len(text) > TEXT_MAX:
        problems.append(
            _("The text is %(length)s characters long; at most %(max)s are allowed.")
            % {"length": len(text), "max": TEXT_MAX}
        )
    return text


def _parse_yes_no(value, problems):
    if _blank(value):
        return None
    if isinstance(value, bool):
        return value
    word = str(value).strip().casefold()
    if word in YES:
        return True
    if word in NO:
        return False
    problems.append(
        _("'May be published' must be ja or nej, not '%(value)s'.") % {"value": shown(value)}
    )
    return None
