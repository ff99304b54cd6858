"""Check a GeoJSON file of areas before anything is saved: what it would create or change,
and every problem, feature by feature. `actions.py` saves a plan without problems.

Two readers share this: `plan_areas` maps any file's properties to areas of one kind (SCB's
RegSO and DeSO, a city's own divisions), `plan_vulnerable_areas` reads the Police's file of
vulnerable areas with its fixed properties.
"""

import datetime
from dataclasses import dataclass, field

import numpy as np
import shapely
from django.utils.translation import gettext as _

from lofte.areas import geometry as geo
from lofte.areas.models import Area, AreaBoundary, AreaClassification
from lofte.kommuner.models import Kommun

SHOWN_PROPERTIES = 8  # a problem names at most this many of the feature's properties


@dataclass
class Problem:
    """Why a feature (or, with number None, the whole file) cannot be imported."""

    number: int | None
    message: str
    properties: dict = field(default_factory=dict)

    def __str__(self):
        if self.number is None:
            return self.message
        shown = ", ".join(
            f"{key}={value!r}" for key, value in list(self.properties.items())[:SHOWN_PROPERTIES]
        )
        more = "…" if len(self.properties) > SHOWN_PROPERTIES else ""
        return _("Feature %(number)s (%(properties)s): %(message)s") % {
            "number": self.number,
            "properties": shown + more,
            "message": self.message,
        }


@dataclass
class PlannedArea:
    """One feature as it would be saved."""

    number: int
    name: str
    code: str
    kommun: Kommun | None
    boundary: geo.Boundary
    valid_from: datetime.date
    valid_to: datetime.date | None = None
    area: Area | None = None  # the existing area it updates, if any
    latest: AreaBoundary | None = None  # that area's latest boundary
    change: str = ""  # "new area", "new boundary", "replaces", "unchanged"
    classification: dict | None = None  # for the Police's areas: klass, police areas
    properties: dict = field(default_factory=dict)


@dataclass
class Plan:
    kind: str
    source: str
    areas: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    crs: str = ""

    @property
    def repaired(self):
        return [(a.number, a.boundary.repaired) for a in self.areas if a.boundary.repaired]


def plan_areas(
    data,
    *,
    kind,
    name_field,
    code_field="",
    kommun=None,
    kommun_field="",
    valid_from=None,
    source="",
    progress=None,
):
    """Return the Plan for importing `data` (GeoJSON bytes) as areas of `kind`.

    `kommun` (a Kommun) puts every area in one municipality; `kommun_field` reads each
    feature's municipality code from a property instead. Nothing is written.
    """
    plan = Plan(kind=kind, source=source)
    features = _read(data, plan, progress)
    if features is None:
        return plan
    _missing_fields(plan, features, [name_field, code_field, kommun_field])
    if plan.problems:
        return plan
    kommuner = {k.code: k for k in Kommun.objects.all()} if kommun_field else {}
    valid_from = valid_from or datetime.date.today()
    for feature, boundary, message in features:
        props = feature.properties
        problems = [message] if message else []
        name = _text(props.get(name_field))
        if not name:
            problems.append(_("It has no name in %(field)s.") % {"field": name_field})
        code = _text(props.get(code_field)) if code_field else ""
        if code_field and not code:
            problems.append(_("It has no code in %(field)s.") % {"field": code_field})
        area_kommun = kommun
        if kommun_field:
            kommun_code = _kommun_code(props.get(kommun_field))
            area_kommun = kommuner.get(kommun_code)
            if area_kommun is None:
                problems.append(
                    _("%(field)s is %(value)r, which is not a municipality code.")
                    % {"field": kommun_field, "value": props.get(kommun_field)}
                )
        if problems:
            plan.problems.append(Problem(feature.number, " ".join(problems), props))
            continue
        plan.areas.append(
            PlannedArea(
                feature.number, name, code, area_kommun, boundary, valid_from, properties=props
            )
        )
    _no_duplicates(plan, features)
    _match_existing(plan)
    return plan


def plan_vulnerable_areas(data, *, year, valid_from=None, source="", progress=None):
    """Return the Plan for the Police's file of vulnerable areas, classified for `year`.

    Properties: NAMN, KATEGORI (required); AKTUALITET_START (the boundary's first day; when
    blank, `valid_from`), AKTUALITET_SLUT (blank while it holds), LOKALPOLISOMRADE,
    POLISOMRADE, REGION, SPECIALOMRADES_ID (the Police's id, kept as the code). Each area's
    municipality is the one whose areas, already imported, it overlaps most.
    """
    kind = Area.Kind.VULNERABLE_AREA
    plan = Plan(kind=kind, source=source)
    features = _read(data, plan, progress)
    if features is None:
        return plan
    _missing_fields(plan, features, ["NAMN", "KATEGORI"])
    if plan.problems:
        return plan
    for feature, boundary, message in features:
        props = feature.properties
        problems = [message] if message else []
        name = _text(props.get("NAMN"))
        if not name:
            problems.append(_("It has no name in NAMN."))
        klass = parse_category(props.get("KATEGORI"))
        if klass is None:
            problems.append(
                _(
                    "KATEGORI is %(value)r; expected Utsatt område, Särskilt utsatt område "
                    "or Riskområde."
                )
                % {"value": props.get("KATEGORI")}
            )
        starts, ends = props.get("AKTUALITET_START"), props.get("AKTUALITET_SLUT")
        start, end = parse_date(starts), parse_date(ends)
        if start is False or end is False:
            bad = starts if start is False else ends
            problems.append(_("%(value)r is not a date.") % {"value": bad})
        start = start or valid_from
        if start is None:
            problems.append(_("AKTUALITET_START is blank: give the date the boundary holds from."))
        elif end and end <= start:
            problems.append(_("AKTUALITET_SLUT is not after AKTUALITET_START."))
        if problems:
            plan.problems.append(Problem(feature.number, " ".join(problems), props))
            continue
        code = _text(props.get("SPECIALOMRADES_ID"))
        plan.areas.append(
            PlannedArea(
                feature.number,
                name,
                code,
                None,
                boundary,
                start,
                end or None,
                classification={
                    "year": year,
                    "klass": klass,
                    "valid_from": start,
                    "local_police_area": _text(props.get("LOKALPOLISOMRADE")),
                    "police_area": _text(props.get("POLISOMRADE")),
                    "police_region": _text(props.get("REGION")),
                    "source": source[:300],
                },
                properties=props,
            )
        )
    _no_duplicates(plan, features)
    _match_existing(plan)
    found = kommuner_by_overlap([p.boundary.geometry for p in plan.areas])
    for planned, kommun in zip(plan.areas, found, strict=True):
        planned.kommun = kommun or (planned.area.kommun if planned.area else None)
    return plan


def parse_category(value):
    """Return the AreaClassification.Klass of the Police's KATEGORI text, or None."""
    text = " ".join(_text(value).lower().replace("område", " ").split())
    return {
        "utsatt": AreaClassification.Klass.UTSATT,
        "särskilt utsatt": AreaClassification.Klass.SARSKILT_UTSATT,
        "sarskilt utsatt": AreaClassification.Klass.SARSKILT_UTSATT,
        "risk": AreaClassification.Klass.RISKOMRADE,
    }.get(text)


def parse_date(value):
    """Return a date, None for a blank value, or False for a value that is not a date.

    Takes ISO dates (with or without a time) and ArcGIS's milliseconds since 1970.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        try:
            return datetime.datetime.fromtimestamp(value / 1000, datetime.UTC).date()
        except (OverflowError, OSError, ValueError):
            return False
    try:
        return datetime.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return False


def kommuner_by_overlap(shapes):
    """Return, for each WGS84 shape, the Kommun whose imported areas it overlaps most, or None.

    Each municipality counts with its best-covering kind of area, so a kommun with RegSO,
    DeSO and city areas imported does not outweigh a neighbour with only one of them.
    """
    if not shapes:
        return []
    min_lon, min_lat, max_lon, max_lat = shapely.total_bounds(shapes)
    candidates = list(
        AreaBoundary.objects.current()
        .filter(area__kommun__isnull=False)
        .exclude(area__kind=Area.Kind.VULNERABLE_AREA)
        .overlapping_box(min_lon, min_lat, max_lon, max_lat)
        .select_related("area__kommun")
    )
    if not candidates:
        return [None] * len(shapes)
    measured = geo.project(
        np.array([c.shape for c in candidates], dtype=object), geo.WGS84, geo.LAEA
    )
    tree = shapely.STRtree(measured)
    answers = []
    for shape in geo.project(np.array(shapes, dtype=object), geo.WGS84, geo.LAEA):
        overlap = {}
        for i in tree.query(shape, predicate="intersects"):
            area = candidates[i].area
            shared = shapely.intersection(shape, measured[i]).area
            key = (area.kommun, area.kind)
            overlap[key] = overlap.get(key, 0.0) + shared
        best = {}
        for (kommun, _kind), shared in overlap.items():
            best[kommun] = max(best.get(kommun, 0.0), shared)
        best = {k: v for k, v in best.items() if v > 0}
        answers.append(max(best, key=best.get) if best else None)
    return answers


def _read(data, plan, progress):
    try:
        plan.crs, features = geo.read_boundaries(data, progress)
    except geo.GeometryError as e:
        plan.problems.append(Problem(None, str(e)))
        return None
    return features


def _missing_fields(plan, features, fields):
    """One problem for a mapped property that no feature has, naming the ones it does have."""
    seen = set()
    for feature, _boundary, _message in features:
        seen.update(feature.properties)
    for name in fields:
        if name and name not in seen:
            plan.problems.append(
                Problem(
                    None,
                    _("No feature has the property %(field)s. The file's properties are: %(seen)s.")
                    % {"field": name, "seen": ", ".join(sorted(seen)) or _("none")},
                )
            )


def _no_duplicates(plan, features):
    """Two features for the same area (same code, or same name without codes) are refused."""
    first = {}
    keep = []
    for planned in plan.areas:
        key = (planned.code or planned.name, planned.kommun)
        if key in first:
            plan.problems.append(
                Problem(
                    planned.number,
                    _("It is the same area as feature %(number)s (%(key)s).")
                    % {"number": first[key], "key": key[0]},
                    planned.properties,
                )
            )
            continue
        first[key] = planned.number
        keep.append(planned)
    plan.areas = keep


def _match_existing(plan):
    """Find each planned area's existing Area and latest boundary; decide the change."""
    existing = list(Area.objects.filter(kind=plan.kind).select_related("kommun"))
    by_code, by_name = {}, {}
    for area in existing:
        if area.code:
            by_code.setdefault(area.code, []).append(area)
        by_name.setdefault(area.name, []).append(area)
    latest = {}
    for boundary in AreaBoundary.objects.filter(area__in=existing).order_by("valid_from"):
        latest[boundary.area_id] = boundary
    for planned in plan.areas:
        pool = by_code.get(planned.code, []) if planned.code else by_name.get(planned.name, [])
        if planned.code and not pool and plan.kind == Area.Kind.VULNERABLE_AREA:
            pool = by_name.get(planned.name, [])  # an older import without the Police's id
        planned.area = _pick(pool, planned.kommun, plan.kind)
        planned.latest = latest.get(planned.area.pk) if planned.area else None
        planned.change = _change(planned, plan)


def _pick(pool, kommun, kind):
    """Return the existing area a planned one updates, or None for a new area."""
    kommun_id = kommun.pk if kommun else None
    same = [a for a in pool if a.kommun_id == kommun_id]
    if same:
        return same[0]
    if kind == Area.Kind.VULNERABLE_AREA:  # its municipality comes from overlaps later
        return pool[0] if pool else None
    if kommun is not None:  # an area made without a municipality is the same area
        loose = [a for a in pool if a.kommun_id is None]
        return loose[0] if loose else None
    return pool[0] if len(pool) == 1 else None


def _change(planned, plan):
    if planned.area is None:
        return "new area"
    latest = planned.latest
    if latest is None:
        return "new boundary"
    if geo.same_boundary(latest.shape, planned.boundary.geometry):
        return "unchanged"
    if planned.valid_from <= latest.valid_from:
        plan.problems.append(
            Problem(
                planned.number,
                _(
                    "Its boundary differs from the one %(name)s has had since %(since)s, but it "
                    "is to hold from %(from)s, which is not later. Give a later valid-from date."
                )
                % {
                    "name": planned.area.name,
                    "since": latest.valid_from,
                    "from": planned.valid_from,
                },
                planned.properties,
            )
        )
        return "refused"
    return "replaces"


def _text(value):
    # Inner spaces stay as they are: SCB's "Kortedala  södra" has two, and names join tables.
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _kommun_code(value):
    text = _text(value)
    return text.zfill(4) if text.isdigit() else text
