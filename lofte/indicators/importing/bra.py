"""Brå's reported crimes as CSV, in either of two layouts (columns found by name):

- `year,area,crime_type,count,…`: one short key per crime type (`alla_brott`, `misshandel`);
- `year,area_scheme,area,category,subcategory,count,…`: Brå's own label of the category
  (`"Misshandel inkl. grov (5, 6 §)"`), the short key beside it (sometimes empty), and which
  area system the area belongs to (`kommun`, `stadsomrade_2021`, `sdn_2011_2020`).

Each crime category is one indicator; both layouts give the same indicator for the same
category, so their values meet. A count of `..` is suppressed by Brå and an empty count is
unknown: both are stored without a number, never as zero.

Areas: "Göteborg kommun" is the kommun; other areas ("Stadsområde Hisingen (Gbg)",
"Hisingen") are the city's areas of the kommun the file is about: the one kommun it names,
or the one the import is for.
"""

import re

from django.utils.translation import gettext as _

from lofte.areas.models import Area
from lofte.indicators.importing.base import (
    MAX_VALUES,
    FileProblem,
    IndicatorSpec,
    Parsed,
    ParsedValue,
    decode,
    make_slug,
    no_progress,
    read_cell,
)
from lofte.indicators.importing.pxweb import numbered_rows, sniff_delimiter
from lofte.indicators.models import Indicator
from lofte.indicators.periods import parse_period
from lofte.indicators.places import CITY_KINDS, COUNTY, NATION, Place, name_key

SOURCE = "Brå, anmälda brott"
SOURCE_URL = "https://bra.se/statistik/kriminalstatistik/anmalda-brott"
LICENCE = "Brå: publicerad statistik får användas fritt med angiven källa"
METHOD = (
    "Anmälda brott under året, efter brottets plats. Antalet speglar också hur benägna "
    "människor är att anmäla och hur mycket polisen själv upptäcker, så en ökning kan vara "
    "både fler brott och fler anmälningar. Brå redovisar “..” där uppgiften inte kan lämnas."
)

# key: (Brå's label, the name an analyst reads)
CATEGORIES = {
    "totalt": ("Totalt antal brott", "Anmälda brott, totalt"),
    "misshandel": ("Misshandel inkl. grov (5, 6 §)", "Anmäld misshandel"),
    "ran": ("Rån, inkl. grovt (5, 6 §)", "Anmälda rån"),
    "valdtakt": ("Våldtäkt inkl. grov (1, 4 §)", "Anmälda våldtäkter"),
    "sexuellt-ofredande": ("Sexuellt ofredande (10 §)", "Anmälda sexuella ofredanden"),
    "inbrott": (
        "Stöld genom inbrott, inbrottsstöld i bostad, ej av skjutvapen (1, 2, 4, 4 a§)",
        "Anmälda inbrott",
    ),
    "bostadsinbrott-lagenhet": ("Lägenhet", "Anmälda bostadsinbrott i lägenhet"),
    "bostadsinbrott-villa": ("Villa, radhus o.d.", "Anmälda bostadsinbrott i villa eller radhus"),
    "cykelstold": ("Cykel", "Anmälda cykelstölder"),
    "biltillgrepp": ("Fullbordat biltilgrepp", "Anmälda biltillgrepp"),
    "stold-ur-fordon": ("Ur och från motordrivet fordon", "Anmälda stölder ur eller från fordon"),
    "skadegorelse": ("12 kap. Skadegörelsebrott", "Anmälda skadegörelsebrott"),
}
ALIASES = {"alla-brott": "totalt", "bilstold": "biltillgrepp"}
BY_LABEL = {name_key(label): key for key, (label, _name) in CATEGORIES.items()}

COLUMNS = {
    "year": {"year", "år", "ar", "period"},
    "area": {"area", "område", "omrade", "region"},
    "scheme": {"area_scheme", "indelning", "områdesindelning"},
    "crime_type": {"crime_type", "brottstyp"},
    "category": {"category", "brottskategori", "kategori"},
    "subcategory": {"subcategory", "underkategori"},
    "count": {"count", "antal", "value", "värde"},
    "source_url": {"source_url", "källa", "kalla"},
}


def indicator_for(category="", key=""):
    """Return the IndicatorSpec of a Brå category, by its label or short key."""
    key = ALIASES.get(_key(key), _key(key))
    known = BY_LABEL.get(name_key(category)) or (key if key in CATEGORIES else "")
    if known:
        label, name = CATEGORIES[known]
    else:
        known = key or _key(category)
        label, name = category or key, f"Anmälda brott: {category or key}"
    return IndicatorSpec(
        slug=f"bra-{known}"[:100],
        name=name[:200],
        unit="anmälda brott",
        theme=Indicator.Theme.CRIME,
        direction=Indicator.Direction.NEUTRAL,
        source=SOURCE,
        source_url=SOURCE_URL,
        licence=LICENCE,
        description=f"Brå: {label}"[:1000],
        method=METHOD,
    )


def _key(text):
    return make_slug(text, 80)


def bra_place(area, scheme=""):
    """Return the Place a Brå area names; `scheme` is the area system, when the file says."""
    scheme = name_key(scheme)
    key = name_key(area)
    if scheme == "kommun" or (not scheme and key.endswith(" kommun")):
        return Place(area, Area.Kind.KOMMUN, name=area)
    if scheme in ("lan", "län") or (not scheme and key.endswith(" län")):
        return Place(area, COUNTY, name=area)
    if scheme in ("riket", "land", "sverige") or key in ("riket", "hela landet", "sverige"):
        return Place(area, NATION)
    if not scheme or re.search(r"stadsomr", scheme) or key.startswith("stadsområde"):
        return Place(area, Area.Kind.STADSOMRADE, name=area)
    if re.search(r"stadsdel|sdn|omrade|område", scheme):
        # The former stadsdelar and other divisions of Brå's are no system of SCB's or the
        # city's of today: the kommun's own areas.
        return Place(area, Area.Kind.OWN, name=area)
    return None


def parse_bra(data, *, progress=no_progress):
    """Read Brå's CSV (either layout) into one indicator per crime category."""
    text = decode(data)
    total = text.count("\n") + 1
    rows = numbered_rows(text, sniff_delimiter(text))
    header = next((row for _line, row in rows if any(c.strip() for c in row)), None)
    columns = _columns(header or [])
    parsed = Parsed()
    kommun_names = set()
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        parsed.rows += 1
        if parsed.rows % 500 == 0:
            progress(line, total)
        cell = {name: row[i].strip() if i < len(row) else "" for name, i in columns.items()}
        if len(row) < len(header):
            parsed.error(
                line,
                _("The row has %(cells)s cells, the header %(columns)s.")
                % {"cells": len(row), "columns": len(header)},
            )
            continue
        period = parse_period(cell["year"])
        if period is None:
            parsed.error(line, _("“%(year)s” is not a year.") % {"year": cell["year"]})
            continue
        if not cell["area"]:
            parsed.error(line, _("The area is empty."))
            continue
        place = bra_place(cell["area"], cell.get("scheme", ""))
        if place is None:
            parsed.error(
                line,
                _("“%(scheme)s” is not an area system Löfte knows.") % {"scheme": cell["scheme"]},
            )
            continue
        if place.kind == Area.Kind.KOMMUN:
            kommun_names.add(name_key(re.sub(r"\s+kommun$", "", cell["area"], flags=re.I)))
        category = cell.get("category", "")
        key = cell.get("crime_type") or cell.get("subcategory", "")
        if not category and not key:
            parsed.error(line, _("The crime category is empty."))
            continue
        try:
            value, status = read_cell(cell["count"])
        except ValueError as e:
            parsed.error(line, str(e))
            continue
        parsed.source = parsed.source or cell.get("source_url", "")[:200]
        parsed.values.append(
            ParsedValue(line, indicator_for(category, key), place, period, value, status)
        )
        if len(parsed.values) > MAX_VALUES:
            raise FileProblem(
                _("The file has more than %(max)s values; import it in parts.")
                % {"max": MAX_VALUES}
            )
    progress(total, total)
    if not parsed.rows:
        raise FileProblem(_("The file has a header but no rows."))
    _place_city_areas(parsed, kommun_names)
    return parsed


def _columns(header):
    """Return {column name: position}; raise FileProblem when required columns are missing."""
    keys = [name_key(h) for h in header]
    found = {}
    for name, aliases in COLUMNS.items():
        for i, key in enumerate(keys):
            if key in aliases:
                found[name] = i
                break
    missing = [n for n in ("year", "area", "count") if n not in found]
    if "crime_type" not in found and "category" not in found:
        missing.append("crime_type / category")
    if missing:
        raise FileProblem(
            _(
                "This is not one of Brå's layouts: the columns %(missing)s are missing. "
                "Expected year,area,crime_type,count or "
                "year,area_scheme,area,category,subcategory,count."
            )
            % {"missing": ", ".join(missing)}
        )
    return found


def _place_city_areas(parsed, kommun_names):
    """Place the city's areas in the one kommun the file names, when it names one."""
    if len(kommun_names) != 1:
        return
    (kommun,) = kommun_names
    for value in parsed.values:
        if value.place.kind in CITY_KINDS and not value.place.kommun:
            p = value.place
            value.place = Place(p.label, p.kind, p.code, p.name, kommun)
