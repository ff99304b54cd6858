"""Bulk follow-up through a spreadsheet: build the template, read and check an upload.

The sheet is in Swedish (actors fill it in Swedish); its headers are found by name, so the
columns may come in any order and extra ones are ignored. Reading never writes: `check_rows`
turns the rows into a plan, or into row-level problems, and only a clean plan is saved, in
one transaction, by `save_plan`.

The template carries each update's version, so an upload cannot silently overwrite what
someone changed online after the template was downloaded: such a row is an error, unless
it would write nothing. A file without the version column (an old template, a hand-made
CSV) may only create updates; a row that would change an existing one is an error too.

The modules follow the way of a file: `columns` (what the sheet holds, shared), `template`
(building it), `archive` (an XLSX upload's zip, checked before it is parsed), `reading` (an
upload's cells), `checking` (rows against the promise, into a plan) and `saving` (the plan,
in one transaction).
"""

from lofte.followup.spreadsheet.checking import StaleRow, check_rows, check_upload
from lofte.followup.spreadsheet.reading import (
    MAX_UPLOAD_BYTES,
    TEXT_MAX,
    FileProblem,
    parse_rows,
    read_table,
)
from lofte.followup.spreadsheet.saving import save_plan
from lofte.followup.spreadsheet.template import build_csv, build_xlsx, template_rows

__all__ = [
    "MAX_UPLOAD_BYTES",
    "TEXT_MAX",
    "FileProblem",
    "StaleRow",
    "build_csv",
    "build_xlsx",
    "check_rows",
    "check_upload",
    "parse_rows",
    "read_table",
    "save_plan",
    "template_rows",
]
