"""Building the template: the period's commitments and measures as XLSX or CSV."""

import csv
import io
from decimal import Decimal

from lofte.followup.spreadsheet.columns import COLUMNS, SHEET_TITLE, STATUS_LABELS
from lofte.text import csv_text, format_decimal, keep_formulas_as_text, xlsx_row

INSTRUCTIONS_TITLE = "Instruktioner"

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
    "6. Ändra inte de grå kolumnerna. Åtagande-id och Mått-id talar om vad raden gäller, "
    "Period-id vilken period mallen gäller (välj samma period när du laddar upp filen), och "
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


def template_rows(commitments, updates, period=None):
    """Return the template's rows as dicts by column key; the values of existing updates
    are filled in, and status, text and publishable on the commitment's first row only.
    Every row names the period, when given."""
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
            "period_id": period.pk if period else None,
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
        formula1=f'"{",".join(STATUS_LABELS.values())}"',
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
                value = format_decimal(value)
            cells.append("" if value is None else csv_text(value))
        writer.writerow(cells)
    return ("\ufeff" + out.getvalue()).encode("utf-8")
