"""Finding the area a row of a file names: by code, or by name within a kommun.

Files name areas in many ways: SCB writes "Göteborg (Backa Röd)", "1480 Göteborg" or
"1480R006"; Brå writes "Göteborg kommun" and "Stadsområde Hisingen (Gbg)"; the Police write
"Göteborg" or "Västra Götalands län". A parser turns each into a `Place`; `PlaceFinder` looks
it up among the `Area` rows, and plans a new area where that is allowed, writing nothing.

Kommun areas (`Area(kind=kommun, code=<SCB code>)`) and län areas (`Area(kind=other,
code=<länskod>)`, as `areas` has no kind for a län yet) come from the `Kommun` registry and
are made on demand. RegSO, DeSO and the city's own areas are made only when asked
(`create=True`), without a boundary: a boundary comes later from SCB or the city. The
Police's vulnerable areas are never made from a name: they are what the Police drew.
"""

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _

from lofte.areas.models import Area
from lofte.kommuner.models import Kommun

COUNTY = "county"  # a län: stored as Area.Kind.LAN with the länskod as its code
NATION = "nation"  # Sweden as a whole: no area in Löfte, rows are skipped

NAME_MAX = Area._meta.get_field("name").max_length
# The city's own divisions: named within a kommun.
CITY_KINDS = {Area.Kind.STADSOMRADE, Area.Kind.MELLANOMRADE, Area.Kind.OWN}
CREATABLE_BY_NAME = {Area.Kind.REGSO, Area.Kind.DESO, *CITY_KINDS}

# SCB's key from DeSO 2018 to RegSO 2020 (CC0), cut to each RegSO's kommun, code and name.
REGSO_CSV = Path(__file__).parent / "data" / "regso2020.csv"

REGSO_CODE = re.compile(r"\d{4}R\d{3}")
DESO_CODE = re.compile(r"\d{4}[A-C]\d{4}")
KOMMUN_CODE = re.compile(r"\d{4}")
COUNTY_CODE = re.compile(r"\d{2}")


def name_key(text):
    """Return a name as compared: Unicode NFC, any case, runs of spaces as one.

    SCB writes "Kortedala  södra" with two spaces in some tables and one in others."""
    return " ".join(unicodedata.normalize("NFC", text or "").casefold().split())


def short_key(text):
    """Return a name without Brå's decorations: "Stadsområde Hisingen (Gbg)" → "hisingen"."""
    key = re.sub(r"\s*\([^()]*\)$", "", name_key(text))
    return re.sub(r"^(stadsområde|stadsomrade|stadsdel|stadsdelsnämnd|sdn)\s+", "", key)


@cache
def _regso_rows():
    with open(REGSO_CSV, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@cache
def regso_reference():
    """Return {(kommun code, name key): RegSO code} from SCB's key (3,363 RegSO)."""
    return {(r["kommun_code"], name_key(r["regso_name"])): r["regso_code"] for r in _regso_rows()}


@cache
def regso_names():
    """Return {RegSO code: name as SCB writes it}."""
    return {r["regso_code"]: r["regso_name"] for r in _regso_rows()}


def code_kind(code):
    """Return the kind of area a code names (RegSO, DeSO, kommun, län), or None."""
    if REGSO_CODE.fullmatch(code):
        return Area.Kind.REGSO
    if DESO_CODE.fullmatch(code):
        return Area.Kind.DESO
    if KOMMUN_CODE.fullmatch(code):
        return Area.Kind.KOMMUN
    if COUNTY_CODE.fullmatch(code):
        return COUNTY
    return None


@dataclass(frozen=True)
class Place:
    """How a file names an area, before it is looked up."""

    label: str  # as the file writes it, for messages
    kind: str  # an Area.Kind, COUNTY or NATION
    code: str = ""
    name: str = ""
    kommun: str = ""  # the name or code of the kommun it lies in, when the file says


@dataclass(frozen=True)
class NewArea:
    """An area to make when the import is saved."""

    kind: str
    name: str
    code: str
    kommun_id: int | None

    def __str__(self):
        return self.name


class UnknownPlace(Exception):
    """No area fits (or several do); the message says which, in the reader's language."""


class OutsidePlace(Exception):
    """The place lies outside what the import covers: skipped, and counted in a note."""


class PlaceFinder:
    """Look up places among the areas, caching what it read; plan new areas, write nothing."""

    def __init__(self, *, scope=None, create=False):
        self.scope = scope
        self.create = create
        kommuner = list(Kommun.objects.all())
        self.kommun_by_code = {k.code: k for k in kommuner}
        self.kommun_by_key = {name_key(k.name): k for k in kommuner}
        self.counties = {k.county_code: k.county_name for k in kommuner}
        self.county_by_key = {name_key(name): code for code, name in self.counties.items()}
        self._areas = {}  # kommun id → [Area]
        self._new = {}

    def kommun(self, text):
        """Return the Kommun a text names ("1480", "Göteborg", "Göteborgs kommun"), or None."""
        text = (text or "").strip()
        match = re.fullmatch(r"(\d{4})(?:\s+.*)?", text)
        if match:
            return self.kommun_by_code.get(match[1])
        key = name_key(text)
        if key == "region gotland":
            key = "gotland"
        for candidate in (key, re.sub(r"s? kommun$", "", key)):
            if candidate in self.kommun_by_key:
                return self.kommun_by_key[candidate]
        return None

    def county(self, text):
        """Return the länskod a text names ("14", "Västra Götalands län"), or None."""
        text = (text or "").strip()
        match = re.fullmatch(r"(\d{2})(?:\s+.*)?", text)
        if match:
            return match[1] if match[1] in self.counties else None
        return self.county_by_key.get(name_key(text))

    def find(self, place):
        """Return the Area (or a NewArea to make) a place names.

        Raises UnknownPlace when none or several fit, OutsidePlace when it lies outside the
        import's kommun."""
        if place.kind == NATION:
            raise OutsidePlace(_("the whole country"))
        if place.kind == COUNTY:
            return self._county_area(place)
        if place.kind == Area.Kind.KOMMUN:
            kommun = self.kommun(place.code or place.name or place.label)
            if kommun is None:
                raise UnknownPlace(_("“%(place)s” is not a municipality.") % {"place": place.label})
            self._check_scope(kommun)
            return self._kommun_area(kommun)
        if place.code:
            return self._coded_area(place)
        return self._named_area(place)

    def _check_scope(self, kommun):
        if self.scope is not None and kommun.pk != self.scope.pk:
            raise OutsidePlace(kommun.name)

    def _areas_in(self, kommun):
        if kommun.pk not in self._areas:
            self._areas[kommun.pk] = list(Area.objects.filter(kommun=kommun))
        return self._areas[kommun.pk]

    def _planned(self, kind, name, code, kommun_id):
        if len(name) > NAME_MAX:
            raise UnknownPlace(
                _("An area's name may be at most %(max)s characters.") % {"max": NAME_MAX}
            )
        key = (kind, code or name_key(name), kommun_id)
        return self._new.setdefault(key, NewArea(kind, name, code, kommun_id))

    def _kommun_area(self, kommun):
        for area in self._areas_in(kommun):
            if area.kind == Area.Kind.KOMMUN and area.code == kommun.code:
                return area
        return self._planned(Area.Kind.KOMMUN, kommun.name, kommun.code, kommun.pk)

    def _county_area(self, place):
        code = self.county(place.code or place.name or place.label)
        if code is None:
            raise UnknownPlace(_("“%(place)s” is not a county.") % {"place": place.label})
        if self.scope is not None and self.scope.county_code != code:
            raise OutsidePlace(self.counties[code])
        if code not in self._areas:
            self._areas[code] = list(
                Area.objects.filter(kind=Area.Kind.LAN, code=code, kommun__isnull=True)
            )
        if self._areas[code]:
            return self._areas[code][0]
        return self._planned(Area.Kind.LAN, self.counties[code], code, None)

    def _coded_area(self, place):
        kommun = self.kommun_by_code.get(place.code[:4])
        if kommun is None:
            raise UnknownPlace(_("“%(place)s” is not a known area code.") % {"place": place.label})
        self._check_scope(kommun)
        found = [a for a in self._areas_in(kommun) if a.kind == place.kind and a.code == place.code]
        if len(found) == 1:
            return found[0]
        if found:
            raise UnknownPlace(_("Several areas have the code “%(code)s”.") % {"code": place.code})
        name = place.name
        if not name and place.kind == Area.Kind.REGSO:
            name = regso_names().get(place.code, "")
        if self.create and place.kind in CREATABLE_BY_NAME and name:
            return self._planned(place.kind, name, place.code, kommun.pk)
        raise UnknownPlace(self._unknown_message(place, kommun))

    def _named_area(self, place):
        kommun = self.kommun(place.kommun) if place.kommun else self.scope
        if kommun is None:
            if place.kommun:
                raise UnknownPlace(
                    _("“%(kommun)s” is not a municipality.") % {"kommun": place.kommun}
                )
            raise UnknownPlace(
                _("“%(place)s” does not say which municipality it lies in; choose one.")
                % {"place": place.label}
            )
        self._check_scope(kommun)
        candidates = [a for a in self._areas_in(kommun) if a.kind == place.kind]
        key = name_key(place.name)
        code = ""
        if place.kind == Area.Kind.REGSO:
            code = regso_reference().get((kommun.code, key), "")
        found = [a for a in candidates if name_key(a.name) == key or (code and a.code == code)]
        if not found:
            short = short_key(place.name)
            found = [a for a in candidates if short_key(a.name) == short]
        if len(found) == 1:
            return found[0]
        if found:
            raise UnknownPlace(
                _("Several areas in %(kommun)s are called “%(name)s”; use their codes.")
                % {"kommun": kommun.name, "name": place.name}
            )
        if self.create and place.kind in CREATABLE_BY_NAME:
            return self._planned(place.kind, place.name.strip(), code, kommun.pk)
        raise UnknownPlace(self._unknown_message(place, kommun))

    def _unknown_message(self, place, kommun):
        return _(
            "There is no area “%(place)s” (%(kind)s) in %(kommun)s. Add the area first, or let "
            "the import create missing areas."
        ) % {
            "kind": Area.Kind(place.kind).label,
            "place": place.name or place.label,
            "kommun": kommun.name,
        }
