"""Bulk follow-up through a spreadsheet: build the template, read and check an upload.

The sheet is in Swedish (actors fill it in Swedish); its headers are found by name, so the
columns may come in any order and extra ones are ignored. Reading never writes: `check_rows`
turns the rows into a plan, or into row-level problems, and only a clean plan is saved, in
one transaction, by `save_plan`.

The template carries each update's version, so an upload cannot silently overwrite what
someone changed online after the template was downloaded: such a row is an error, unless
it would write nothing. A file without the version column (an old template, a hand-made
CSV) may only create updates; a row that would change an existing one is an error too.
"""

import csv
import io
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from lofte.promises.models import Commitment
from lofte.text import clean_text, csv_text, from_csv_text, keep_formulas_as_text, xlsx_row

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
TEXT_MAX = 5000
VALUE_LIMIT = Decimal("10000000000")  # MeasureValue.value: 12 digits, 2 of them decimals
SHEET_TITLE = "Uppföljning"
INSTRUCTIONS_TITLE = "Instruktioner"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int
    editable: bool = False
    aliases: tuple = ()

    def names(self):
        return {n.casefold() for n in (self.key, self.header, *self.aliases)}


COLUMNS = [
    Column("commitment_id", "Åtagande-id", 12, aliases=("commitment id", "åtagande id")),
    Column("focus_area", "Fokusområde", 16, aliases=("focus area",)),
    Column("commitment", "Åtagande", 40, aliases=("commitment",)),
    Column("actors", "Aktörer", 28, aliases=("actors",)),
    Column("measure_id", "Mått-id", 10, aliases=("measure id", "mått id")),
    Column("measure", "Mått", 28, aliases=("measure",)),
    Column("unit", "Enhet", 10, aliases=("unit",)),
    Column("baseline", "Utgångsvärde", 13, aliases=("baseline",)),
    Column("target", "Målvärde", 11, aliases=("target",)),
    Column("value", "Värde", 11, editable=True, aliases=("value",)),
    Column("status", "Status", 13, editable=True),
    Column("text", "Vad har gjorts", 50, editable=True, aliases=("what was done",)),
    Column("publishable", "Får publiceras", 15, editable=True, aliases=("may be published",)),
    # The version of the commitment's update when the template was made; empty if none.
    Column("version", "Version (ändra inte)", 12, aliases=("version (do not change)",)),
]
COLUMN = {c.key: c for c in COLUMNS}
REQUIRED = ["commitment_id", "measure_id", "value", "status", "text"]

# The dropdown in the sheet; the parser also accepts the English values and labels.
STATUS_LABELS = {
    Commitment.Status.PLANNED: "planerat",
    Commitment.Status.ONGOING: "pågår",
    Commitment.Status.DONE: "klart",
    Commitment.Status.DELAYED: "försenat",
    Commitment.Status.CANCELLED: "inställt",
}
STATUS_WORDS = {
    **{label: value for value, label in STATUS_LABELS.items()},
    **{value.value: value for value in Commitment.Status},
    "pagar": Commitment.Status.ONGOING,
    "canceled": Commitment.Status.CANCELLED,
}
YES = {"ja", "j", "yes", "y", "true", "sant", "1", "x"}
NO = {"nej", "n", "no", "false", "falskt", "0"}

INSTRUCTIONS = [
    "Så fyller du i mallen",
    "",
    "1. Varje rad är ett mått för ett åtagande under perioden. Ett åtagande utan mått har en rad.",
    "2. Skriv värdet för perioden i kolumnen Värde: ett tal, t.ex. 12 eller 12,5. "
    "Inga negativa tal.",
    "3. Välj Status i listan: planerat, pågår, klart, försenat eller inställt.",
    "4. Skriv i Vad har gjorts vad ni har gjort under perioden. Status och text gäller hela "
    "åtagandet: skriv dem på en av dess rader, eller likadant på alla.",
    "5. Får publiceras: ja om invånarna får läsa texten när den har godkänts, annars nej.",
    "6. Ändra inte de grå kolumnerna. Åtagande-id och Mått-id talar om vad raden gäller, och "
    "Version visar vilken version av uppdateringen mallen bygger på. Om någon ändrar en "
    "uppdatering på webben efter att du laddade ner mallen sparas ingenting: ladda då ner "
    "en ny mall och för in dina ändringar där.",
    "7. Rader som du lämnar tomma (inget värde, ingen status, ingen text) hoppas över.",
    "8. Ladda upp filen på sidan Importera uppföljning. Om någon rad är fel sparas ingenting, "
    "och sidan visar vilka rader som behöver rättas.",
    "9. En uppdatering som redan är godkänd kan inte ändras härifrån: be samordnaren skicka "
    "tillbaka den först.",
    "",
    "Du kan också spara filen som CSV (semikolon eller komma) med samma kolumnrubriker.",
]


class FileProblem(Exception):
    """The file as a whole cannot be used (unreadable, empty, missing columns)."""


@dataclass
class RowError:
    row: int
    message: str

    def __str__(self):
        return _("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}


@dataclass
class StaleRow(RowError):
    """A row made from an older state of the commitment's update than the stored one.

    check_rows writes the message once it has looked up who changed the update last."""

    commitment: Commitment = None
    update: object = None  # the stored Update, or None when it was deleted
    knows_version: bool = True


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
    has_errors: bool = False

    @property
    def is_empty(self):
        """A row the actor left as it was sent: nothing to report on it."""
        return self.value is None and not self.status and not self.text


@dataclass
class Planned:
    """What one commitment's update will become."""

    commitment: Commitment
    update: object  # the existing Update, or None
    status: str
    text: str
    is_publishable: bool
    values: dict = field(default_factory=dict)  # {measure_id: Decimal}
    changed: bool = True
    expected_version: int = 0  # the update's version the file was made from (0: none)


# Building the template ------------------------------------------------------------------


def fmt_decimal(value, comma=False):
    """Return a stored value the way a person writes it: 12.50 → "12,5" with comma=True."""
    if value is None:
        return ""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",") if comma else text


def template_rows(commitments, updates):
    """Return the template's rows as dicts by column key; the values of existing updates
    are filled in, and status, text and publishable on the commitment's first row only."""
    rows = []
    for c in commitments:
        update = updates.get(c.pk)
        values = {v.measure_id: v.value for v in update.values.all()} if update else {}
        base = {
            "commitment_id": c.pk,
            "focus_area": c.focus_area.name,
            "commitment": c.title,
            "actors": ", ".join(a.name for a in c.actors.all()),
            "version": update.version if update else None,
        }
        first = {
            "status": STATUS_LABELS.get(update.status, "") if update else "",
            "text": update.text if update else "",
            "publishable": "ja" if (update is None or update.is_publishable) else "nej",
        }
        measures = list(c.measures.all()) or [None]
        for i, m in enumerate(measures):
            row = dict(base)
            if i == 0:
                row.update(first)
            if m is not None:
                row.update(
                    measure_id=m.pk,
                    measure=m.name,
                    unit=m.unit,
                    baseline=m.baseline,
                    target=m.target,
                    value=values.get(m.pk),
                )
            rows.append(row)
    return rows


def build_xlsx(rows):
    """Return the template as XLSX bytes: fixed columns grey and locked, header frozen."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_TITLE
    grey = PatternFill(fill_type="solid", fgColor="E7E7E7")
    head = PatternFill(fill_type="solid", fgColor="1F3A5F")
    ws.append([c.header for c in COLUMNS])
    for i, col in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=1, column=i)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = head
        ws.column_dimensions[get_column_letter(i)].width = col.width
    for row in rows:
        ws.append(xlsx_row(_xlsx_value(row.get(c.key)) for c in COLUMNS))
    keep_formulas_as_text(ws)
    last = max(len(rows) + 1, 2)
    for r in range(2, last + 1):
        for i, col in enumerate(COLUMNS, start=1):
            cell = ws.cell(row=r, column=i)
            if col.editable:
                cell.protection = Protection(locked=False)
            else:
                cell.fill = grey
            if col.key in ("commitment", "text", "measure"):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    letter = {c.key: get_column_letter(i) for i, c in enumerate(COLUMNS, start=1)}
    statuses = DataValidation(
        type="list",
        formula1='"%s"' % ",".join(STATUS_LABELS.values()),
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Status",
        error="Välj planerat, pågår, klart, försenat eller inställt.",
    )
    statuses.add(f"{letter['status']}2:{letter['status']}{last}")
    yes_no = DataValidation(type="list", formula1='"ja,nej"', allow_blank=True)
    yes_no.add(f"{letter['publishable']}2:{letter['publishable']}{last}")
    numbers = DataValidation(
        type="decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        error="Skriv ett tal som är 0 eller större.",
    )
    numbers.add(f"{letter['value']}2:{letter['value']}{last}")
    for dv in (statuses, yes_no, numbers):
        ws.add_data_validation(dv)
    ws.freeze_panes = "A2"
    # Locked without a password: it guards against slips, not against the actor.
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.formatCells = False

    help_sheet = wb.create_sheet(INSTRUCTIONS_TITLE)
    help_sheet.column_dimensions["A"].width = 110
    for line in INSTRUCTIONS:
        help_sheet.append([line])
    help_sheet["A1"].font = Font(bold=True, size=14)
    for cell in help_sheet["A"]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")

    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _xlsx_value(value):
    return "" if value is None else value


def build_csv(rows):
    """Return the template as CSV for Swedish Excel: UTF-8 with BOM, semicolons, decimal comma."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([c.header for c in COLUMNS])
    for row in rows:
        cells = []
        for c in COLUMNS:
            value = row.get(c.key)
            if isinstance(value, Decimal):
                value = fmt_decimal(value, comma=True)
            cells.append("" if value is None else csv_text(value))
        writer.writerow(cells)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


# Reading an upload ----------------------------------------------------------------------


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
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        # openpyxl raises many kinds of errors on a damaged file; all mean the same to a person.
        raise FileProblem(_not_xlsx()) from None
    try:
        ws = wb[SHEET_TITLE] if SHEET_TITLE in wb.sheetnames else wb.worksheets[0]
        table = _filled_rows(enumerate(ws.iter_rows(values_only=True), start=1))
    except FileProblem:
        raise
    except Exception:
        raise FileProblem(_not_xlsx()) from None
    finally:
        wb.close()
    return table


def _filled_rows(numbered_rows):
    """Return [(number, cells)] of the rows with content, with at most MAX_ROWS of them."""
    table, blank_streak = [], 0
    for number, cells in numbered_rows:
        if all(_blank(c) for c in cells):
            blank_streak += 1
            # A sheet formatted down to row 1,048,576 has nothing more to say after a while.
            if blank_streak > 1000:
                break
            continue
        blank_streak = 0
        if len(table) > MAX_ROWS:
            raise FileProblem(_too_many_rows())
        table.append((number, list(cells)))
    return table


def _not_xlsx():
    return _(
        "The file could not be read as an Excel workbook (XLSX). Save it again as "
        ".xlsx or as CSV, and upload it again."
    )


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
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        table = _filled_rows(enumerate(reader, start=1))
    except csv.Error:
        raise FileProblem(_not_csv()) from None
    return table


def _not_csv():
    return _("The file could not be read as CSV text. Save it as CSV (UTF-8) and upload it again.")


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

        def cell(key):
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
        errors.extend(RowError(number, p) for p in problems)
        row.has_errors = bool(problems)
        rows.append(row)
    return rows, errors


def _parse_id(value, problems, kind):
    if _blank(value):
        return None
    if isinstance(value, bool):
        value = str(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = str(value).strip()
    if text.isascii() and text.isdecimal():
        return int(text)
    if kind == "commitment":
        problems.append(_("Commitment id '%(value)s' is not a number.") % {"value": text})
    else:
        problems.append(_("Measure id '%(value)s' is not a number.") % {"value": text})
    return None


def _parse_version(value, problems):
    if _blank(value):
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = str(value).strip()
    if text.isascii() and text.isdecimal():
        return int(text)
    problems.append(
        _("Version '%(value)s' is not a number. Do not change the grey columns; download a new "
          "template.")
        % {"value": text}
    )
    return None


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
        problems.append(_("Value '%(value)s' is not a number.") % {"value": str(value).strip()})
        return None
    shown = str(value).strip()
    if number < 0:
        problems.append(
            _("Value %(value)s is negative; values cannot be below zero.") % {"value": shown}
        )
        return None
    number = number.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if number >= VALUE_LIMIT:
        problems.append(_("Value %(value)s is too large.") % {"value": shown})
        return None
    return number


def _parse_status(value, problems):
    if _blank(value):
        return ""
    word = " ".join(str(value).split()).casefold()
    if word in STATUS_WORDS:
        return STATUS_WORDS[word]
    problems.append(
        _("Unknown status '%(value)s'. Use one of: %(choices)s.")
        % {"value": str(value).strip(), "choices": ", ".join(STATUS_LABELS.values())}
    )
    return ""


def _parse_text(value, problems):
    if _blank(value):
        return ""
    text = clean_text(from_csv_text(str(value))).strip()
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
        _("'May be published' must be ja or nej, not '%(value)s'.") % {"value": str(value).strip()}
    )
    return None


# Checking rows against the promise ------------------------------------------------------


def check_upload(name, data, commitments, updates, *, submit):
    """Read, parse and check an uploaded file: return (plan, row errors, skipped rows).

    Raises FileProblem when the file as a whole cannot be used or has nothing to import."""
    rows, parse_errors = parse_rows(read_table(name, data))
    plan, check_errors, skipped = check_rows(rows, commitments, updates, submit=submit)
    errors = sorted(parse_errors + check_errors, key=lambda e: e.row)
    if not errors and not plan:
        raise FileProblem(_("No row has a value, a status or a text to import."))
    return plan, errors, skipped


def check_rows(rows, commitments, updates, *, submit):
    """Return (plan, errors, skipped) for parsed rows.

    commitments: {id: Commitment} of the promise, with measures prefetched;
    updates: {commitment id: Update} for the period, with values prefetched.
    The plan holds one Planned per commitment the file reports on."""
    errors = []
    groups = {}  # commitment id -> [rows], in file order
    skipped = 0
    for row in rows:
        if row.has_errors:  # already reported by parse_rows
            continue
        if row.is_empty:
            skipped += 1
            continue
        if row.commitment_id is None:
            errors.append(RowError(row.number, _("The commitment id is missing.")))
            continue
        commitment = commitments.get(row.commitment_id)
        if commitment is None:
            errors.append(
                RowError(
                    row.number,
                    _("Commitment %(id)s does not belong to this promise.")
                    % {"id": row.commitment_id},
                )
            )
            continue
        measure_ids = {m.pk for m in commitment.measures.all()}
        if row.measure_id is not None and row.measure_id not in measure_ids:
            errors.append(
                RowError(
                    row.number,
                    _("Measure %(measure)s does not belong to commitment %(commitment)s.")
                    % {"measure": row.measure_id, "commitment": row.commitment_id},
                )
            )
            continue
        if row.measure_id is None and row.value is not None:
            errors.append(
                RowError(
                    row.number,
                    _("A value needs a measure id; this row names no measure of commitment %(id)s.")
                    % {"id": row.commitment_id},
                )
            )
            continue
        groups.setdefault(row.commitment_id, []).append(row)

    plan = []
    for commitment_id, group in groups.items():
        planned, group_errors = _plan_commitment(
            commitments[commitment_id], updates.get(commitment_id), group, submit=submit
        )
        errors.extend(group_errors)
        if planned is not None:
            plan.append(planned)
    _explain_stale([e for e in errors if isinstance(e, StaleRow)])
    errors.sort(key=lambda e: e.row)
    return plan, errors, skipped


def _explain_stale(stale):
    """Write the messages of stale rows, naming who changed each update last and when."""
    from django.contrib.contenttypes.models import ContentType

    from lofte.followup.models import Update
    from lofte.history.models import Change

    last = {}
    stored = [e.update.pk for e in stale if e.update is not None]
    if stored:
        changes = Change.objects.filter(
            content_type=ContentType.objects.get_for_model(Update), object_id__in=stored
        ).select_related("user")
        for change in changes:  # newest first
            last.setdefault(change.object_id, change)
    for error in stale:
        params = {"commitment": error.commitment.title}
        if error.update is None:
            error.message = _(
                "The update for “%(commitment)s” was deleted after this template was "
                "downloaded. Download a new template."
            ) % params
            continue
        change = last.get(error.update.pk)
        at = change.at if change else error.update.updated_at
        date = formats.date_format(timezone.localtime(at), "DATETIME_FORMAT")
        if change and change.user:
            name = change.user.get_full_name() or change.user.get_username()
            params["when"] = _("by %(name)s on %(date)s") % {"name": name, "date": date}
        else:
            params["when"] = _("on %(date)s") % {"date": date}
        if error.knows_version:
            error.message = _(
                "The update for “%(commitment)s” was changed after this template was "
                "downloaded (%(when)s). Download a new template."
            ) % params
        else:
            error.message = _(
                "“%(commitment)s” already has an update for this period (last changed "
                "%(when)s), and this file has no Version column to show which version it "
                "was made from. Download a new template and make your changes there."
            ) % params


def _stale_row(group, update):
    """Return the first row made from another version of the update than the stored one,
    or None. Without a version column, any stored update counts as another version."""
    current = update.version if update is not None else None
    for row in group:
        if not row.knows_version:
            return row if update is not None else None
        if row.version != current:
            return row
    return None


def _agreed(group, attr, message, errors):
    """Return the one non-empty value of attr in the group's rows; report rows that differ."""
    first = None
    for row in group:
        value = getattr(row, attr)
        if value in ("", None):
            continue
        if first is None:
            first = row
        elif value != getattr(first, attr):
            params = {"id": row.commitment_id, "row": first.number}
            errors.append(RowError(row.number, message % params))
    return getattr(first, attr) if first else None


def _plan_commitment(commitment, update, group, *, submit):
    errors = []
    values, seen = {}, {}
    for row in group:
        if row.measure_id is None or row.value is None:
            continue
        if row.measure_id in values and values[row.measure_id] != row.value:
            errors.append(
                RowError(
                    row.number,
                    _(
                        "Measure %(measure)s appears again with a different value "
                        "(first on row %(row)s)."
                    )
                    % {"measure": row.measure_id, "row": seen[row.measure_id]},
                )
            )
            continue
        values[row.measure_id] = row.value
        seen.setdefault(row.measure_id, row.number)
    status = _agreed(
        group,
        "status",
        _("The rows of commitment %(id)s disagree on the status (see row %(row)s)."),
        errors,
    )
    text = _agreed(
        group,
        "text",
        _("The rows of commitment %(id)s disagree on what was done (see row %(row)s)."),
        errors,
    )
    publishable = _agreed(
        group,
        "publishable",
        _(
            "The rows of commitment %(id)s disagree on whether it may be published "
            "(see row %(row)s)."
        ),
        errors,
    )
    if errors:
        return None, errors

    old_values = {v.measure_id: v.value for v in update.values.all()} if update else {}
    planned = Planned(
        commitment=commitment,
        update=update,
        status=status or (update.status if update else commitment.status),
        text=text if text is not None else (update.text if update else ""),
        is_publishable=(
            publishable if publishable is not None else (update.is_publishable if update else True)
        ),
        values=values,
    )
    versions = {row.version for row in group if row.knows_version} - {None}
    if versions:
        planned.expected_version = versions.pop()
    content_changed = (
        update is None
        or planned.status != update.status
        or planned.text != update.text
        or planned.is_publishable != update.is_publishable
        or any(old_values.get(m) != v for m, v in values.items())
    )
    state_changed = submit and update is not None and update.state in (
        update.State.DRAFT,
        update.State.RETURNED,
    )
    planned.changed = content_changed or state_changed
    first_row = group[0].number
    if update is not None and update.state == update.State.APPROVED and content_changed:
        return None, [
            RowError(
                first_row,
                _(
                    "Commitment %(id)s is already approved for this period; ask the coordinator "
                    "to return it before changing it."
                )
                % {"id": commitment.pk},
            )
        ]
    # After the approved check: a new template would not get past that one either.
    stale = _stale_row(group, update)
    if stale is not None and planned.changed:
        # A row that would write nothing cannot overwrite anything: it passes.
        return None, [
            StaleRow(
                stale.number, "", commitment, update, knows_version=stale.knows_version
            )
        ]
    if submit and planned.changed and not planned.text:
        return None, [
            RowError(
                first_row,
                _("Commitment %(id)s: describe what was done before submitting it for approval.")
                % {"id": commitment.pk},
            )
        ]
    return planned, []


# Saving a checked plan ------------------------------------------------------------------


@transaction.atomic
def save_plan(plan, *, period, user, submit):
    """Create or update each planned Update and its values through save_update; all or
    nothing. Returns (updated, unchanged). Raises EditConflict if someone saved meanwhile."""
    from lofte.followup.actions import save_update
    from lofte.followup.models import Update

    updated = unchanged = 0
    for planned in plan:
        if not planned.changed:
            unchanged += 1
            continue
        update = planned.update or Update(
            commitment=planned.commitment, period=period, created_by=user
        )
        # The version the file was made from: a change since then is an EditConflict.
        expected = planned.expected_version if update.pk else 0
        update.status = planned.status
        update.text = planned.text
        update.is_publishable = planned.is_publishable
        save_update(update, planned.values, user, expected, submit)
        updated += 1
    return updated, unchanged
