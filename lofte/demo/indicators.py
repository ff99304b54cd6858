"""The demo's lägesbild statistics for Göteborg, imported from real public files.

- SCB's socio-economic area type of every RegSO (2022), as exported from PxWeb;
- Brå's reported crimes in Göteborg 2010–2025 and its four stadsområden 2021–2025;
- the Police's events of 14–22 August 2026, counted per week (all of them named only by
  their county, so Göteborg's count is Västra Götalands län's).

They go through the same importers as an analyst's upload, for Göteborg only, making the
RegSO (with SCB's codes) and stadsområden they name."""

from pathlib import Path

from lofte.indicators.actions import record_import, save_import
from lofte.indicators.importing import IndicatorSpec, check_file, options_for
from lofte.indicators.models import IndicatorImport
from lofte.indicators.national import SOCIO_ECONOMIC_AREA_TYPE, national
from lofte.kommuner.models import Kommun

DATA = Path(__file__).parent / "data"
Format = IndicatorImport.Format
FILES = [
    (
        Format.PXWEB,
        "regso_socioekonomisk_index_2022.csv",
        {"indicator": IndicatorSpec(**national(SOCIO_ECONOMIC_AREA_TYPE))},
    ),
    (Format.BRA, "bra-goteborg-history_extract.csv", {}),
    (Format.POLICE_EVENTS, "events_2026-08-22.json", {}),
]


def load_demo_indicators(kommun_code="1480"):
    """Import the demo's files for Göteborg; return the saved imports."""
    kommun = Kommun.objects.get(code=kommun_code)
    records = []
    for fmt, name, extra in FILES:
        data = (DATA / name).read_bytes()
        options = options_for(create_areas=True, **extra)
        plan = check_file(fmt, data, options=options, scope=kommun)
        if plan.errors:
            raise ValueError(f"{name}: {plan.errors[0]}")
        record = record_import(
            format=fmt,
            via=IndicatorImport.Via.COMMAND,
            data=data,
            file_name=name,
            kommun=kommun,
            options=options,
        )
        records.append(save_import(plan, record))
    return records
