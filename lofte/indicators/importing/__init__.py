"""Importing indicator values from files: parse → check → save.

Parsing (one module per format: `pxweb`, `jsonstat`, `bra`, `police`) reads bytes into
values that still name their areas as the file does, with row-level errors. Checking
(`checking`) looks the areas and indicators up and compares each value with the stored one,
into a `Plan`; neither step writes. Only a plan without errors is saved, in one transaction,
by `lofte.indicators.actions.save_import`. The commands and the upload page both go through
`check_file`, so they accept and refuse the same files.
"""

from dataclasses import asdict

from lofte.areas.models import Area
from lofte.indicators.importing.base import (
    MAX_IMPORT_BYTES,
    MAX_IMPORT_MEGABYTES,
    FileProblem,
    IndicatorSpec,
    Progress,
    RowError,
    check_size,
    no_progress,
)
from lofte.indicators.importing.bra import parse_bra
from lofte.indicators.importing.checking import CHANGED, NEW, UNCHANGED, Plan, check
from lofte.indicators.importing.jsonstat import parse_jsonstat
from lofte.indicators.importing.police import COUNT_COUNTIES, SKIP_COUNTIES, parse_police_events
from lofte.indicators.importing.pxweb import parse_pxweb
from lofte.indicators.models import IndicatorImport

Format = IndicatorImport.Format

__all__ = [
    "CHANGED",
    "COUNT_COUNTIES",
    "MAX_IMPORT_BYTES",
    "MAX_IMPORT_MEGABYTES",
    "NEW",
    "SKIP_COUNTIES",
    "UNCHANGED",
    "FileProblem",
    "IndicatorSpec",
    "Plan",
    "Progress",
    "RowError",
    "check_file",
    "check_size",
    "options_for",
]


def options_for(
    *, indicator=None, area_kind=Area.Kind.REGSO, counties=COUNT_COUNTIES, create_areas=False
):
    """Return an import's options as JSON, to keep with an upload until it is confirmed."""
    return {
        "indicator": asdict(indicator) if indicator else None,
        "area_kind": area_kind,
        "counties": counties,
        "create_areas": create_areas,
    }


def parse_file(format, data, options, progress=no_progress):
    """Return what the file holds, by its format; raise FileProblem when it cannot be read."""
    spec = IndicatorSpec(**options["indicator"]) if options.get("indicator") else None
    kind = options.get("area_kind") or Area.Kind.REGSO
    if format == Format.PXWEB:
        if spec is None:
            raise FileProblem("A PxWeb export needs an indicator.")
        return parse_pxweb(data, indicator=spec, area_kind=kind, progress=progress)
    if format == Format.JSONSTAT:
        return parse_jsonstat(data, indicator=spec, area_kind=kind, progress=progress)
    if format == Format.BRA:
        return parse_bra(data, progress=progress)
    if format == Format.POLICE_EVENTS:
        counties = options.get("counties") or COUNT_COUNTIES
        return parse_police_events(data, counties=counties, progress=progress)
    raise FileProblem(f"Unknown format {format!r}")


def check_file(format, data, *, options, scope=None, progress=no_progress):
    """Return the Plan for importing a file (row errors in plan.errors); write nothing.

    `scope` is the kommun the import is for: rows about other kommuner are skipped and
    counted in a note. Raises FileProblem when the file as a whole cannot be used."""
    check_size(len(data))
    parsed = parse_file(format, data, options, progress)
    return check(parsed, scope=scope, create_areas=bool(options.get("create_areas")))
