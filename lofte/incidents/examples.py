"""Example incident reports for the demo: plausible, made up, marked `is_example`, never about
anyone.

Places in Hisings Backa (Göteborg) with approximate coordinates; fictional partners (the same
example organisations as the demo's promise); categories with seasons (fires around New Year
and Valborg, broken lighting in the dark months, litter in summer), more on Fridays and
Saturdays, and at the times of day each kind of incident tends to be found.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from lofte.actors.models import Organisation
from lofte.areas.models import Area
from lofte.incidents.models import IncidentCategory, IncidentReport, Place

# (name, area key, latitude, longitude, weight): where incidents are reported, more at the
# busy places. Coordinates are approximate.
PLACES = [
    ("Selma Lagerlöfs torg", "centrala", "57.74683", "11.98710", 9),
    ("Hållplats Selma Lagerlöfs torg", "centrala", "57.74622", "11.98580", 5),
    ("Backavallen", "centrala", "57.74950", "11.99180", 3),
    ("Skolgården vid torget", "centrala", "57.74810", "11.98950", 4),
    ("Poseidonvarvet", "rod", "57.73890", "11.98240", 6),
    ("Backa Röd, lekplatsen", "rod", "57.73960", "11.98060", 4),
    ("Backa Röd, parkeringen", "rod", "57.73790", "11.98420", 5),
    ("Backa östra, gångtunneln", "ostra", "57.74420", "12.00310", 4),
    ("Backa östra, återvinningsstationen", "ostra", "57.74570", "12.00620", 3),
]
# The areas the places lie in: SCB's RegSO (the demo imports their boundaries).
AREAS = {
    "rod": {"name": "Backa Röd", "kind": Area.Kind.REGSO, "code": "1480R006"},
    "centrala": {"name": "Backa centrala", "kind": Area.Kind.REGSO, "code": "1480R005"},
    "ostra": {"name": "Backa östra", "kind": Area.Kind.REGSO, "code": "1480R007"},
}
ORGANISATIONS = [
    ("backa-bostader-exempel", "Backa Bostäder", Organisation.Kind.HOUSING, 5),
    ("hisingsgardar-bostad-exempel", "Hisingsgårdar Bostad", Organisation.Kind.HOUSING, 3),
    ("trygg-vast-bevakning-exempel", "Trygg Väst Bevakning AB", Organisation.Kind.BUSINESS, 4),
    (None, None, None, 2),  # the kommun's own staff
]
NIGHT, MORNING, AFTERNOON, EVENING = (p.value for p in IncidentReport.PartOfDay)
# name: (weight, month weights Jan–Dec, part-of-day weights night/morning/afternoon/evening,
# texts). Texts say what and where, never who.
CATEGORIES = {
    "Skadegörelse": (
        8,
        [3, 3, 4, 5, 5, 5, 4, 4, 5, 5, 4, 3],
        [3, 3, 2, 4],
        ["Krossad glasruta i entrén.", "Sönderslagen bänk.", "Trasig dörr till soprummet."],
    ),
    "Klotter": (
        9,
        [3, 3, 4, 5, 5, 4, 3, 4, 5, 5, 4, 3],
        [2, 4, 2, 2],
        ["Nytt klotter på fasaden.", "Klotter på busskuren.", "Taggar på elskåpet."],
    ),
    "Nedskräpning": (
        7,
        [2, 2, 3, 4, 6, 8, 8, 7, 5, 3, 2, 2],
        [1, 5, 3, 1],
        ["Mycket skräp efter helgen.", "Dumpade möbler vid soprummet.", "Glas på marken."],
    ),
    "Brand": (
        4,
        [9, 3, 3, 6, 4, 2, 2, 2, 3, 5, 6, 8],
        [4, 1, 1, 4],
        ["Brand i papperskorg.", "Containerbrand, släckt.", "Fyrverkerier mot fasad."],
    ),
    "Ordningsstörning": (
        5,
        [2, 2, 3, 4, 5, 7, 8, 7, 4, 3, 2, 2],
        [4, 1, 2, 5],
        ["Hög musik och oväsen sent.", "Mopedåkning på gångvägen.", "Bråk vid kiosken."],
    ),
    "Synlig narkotikaförsäljning": (
        3,
        [4, 4, 4, 4, 5, 5, 5, 5, 4, 4, 4, 4],
        [2, 1, 3, 5],
        ["Misstänkt försäljning vid gångtunneln.", "Återkommande langning vid parkeringen."],
    ),
    "Trasig belysning": (
        5,
        [8, 7, 5, 3, 1, 1, 1, 2, 4, 6, 8, 9],
        [1, 5, 2, 2],
        ["Tre lampor släckta längs gångvägen.", "Mörkt i gångtunneln.", "Trasig stolpe."],
    ),
    "Stenkastning": (
        1,
        [3, 3, 3, 4, 4, 4, 4, 3, 4, 5, 5, 3],
        [1, 1, 2, 5],
        ["Stenar kastade mot buss.", "Sten genom fönster i trapphuset."],
    ),
    "Övergivet fordon": (
        2,
        [4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4],
        [1, 5, 3, 1],
        ["Bil utan skyltar sedan flera veckor.", "Övergiven moped i buskarna."],
    ),
    "Otrygg plats": (
        3,
        [6, 6, 5, 4, 3, 2, 2, 3, 4, 5, 6, 7],
        [3, 1, 2, 5],
        ["Mörkt och folktomt, flera upplever platsen otrygg.", "Igenvuxen buskage skymmer."],
    ),
}
# Monday … Sunday
WEEKDAYS = [4, 4, 4, 5, 7, 8, 5]
PARTS = {
    NIGHT: range(0, 6),
    MORNING: range(6, 12),
    AFTERNOON: range(12, 18),
    EVENING: range(18, 24),
}


def _areas(kommun):
    """Return the example areas by key, made where they are missing."""
    areas = {}
    for key, spec in AREAS.items():
        areas[key], _made = Area.objects.get_or_create(
            kind=spec["kind"],
            code=spec["code"],
            defaults={"name": spec["name"], "kommun": kommun},
        )
    return areas


def _places(kommun, areas):
    places = []
    for name, area, latitude, longitude, weight in PLACES:
        place, _made = Place.objects.get_or_create(
            kommun=kommun,
            name=name,
            defaults={
                "area": areas[area],
                "latitude": Decimal(latitude),
                "longitude": Decimal(longitude),
            },
        )
        places.append((place, weight))
    return places


def _organisations():
    found = []
    for slug, name, kind, weight in ORGANISATIONS:
        organisation = None
        if slug:
            organisation, _made = Organisation.objects.get_or_create(
                slug=slug, defaults={"name": name, "kind": kind, "is_example": True}
            )
        found.append((organisation, weight))
    return found


def _pick(rng, weighted):
    items, weights = zip(*weighted, strict=True)
    return rng.choices(items, weights=weights)[0]


@transaction.atomic
def load_example_incidents(kommun, count=600, *, seed=1480, today=None, days=730):
    """Replace the kommun's example reports with `count` new ones over the `days` before today.

    Real reports are never touched. Returns the number of reports made.
    """
    rng = random.Random(seed)
    today = today or timezone.localdate()
    IncidentCategory.ensure_checklist(kommun)
    categories = {c.name: c for c in IncidentCategory.objects.filter(kommun=kommun)}
    kinds = [(name, spec[0]) for name, spec in CATEGORIES.items() if name in categories]
    places = _places(kommun, _areas(kommun))
    organisations = _organisations()
    IncidentReport.objects.filter(kommun=kommun, is_example=True).delete()
    centre = (Decimal("57.7450"), Decimal("11.9900"))
    reports = []
    while len(reports) < count:
        name = _pick(rng, kinds)
        _weight, months, parts, texts = CATEGORIES[name]
        day = today - datetime.timedelta(days=rng.randrange(1, days + 1))
        # Seasons and weekdays by rejection: keep a day in proportion to its weights.
        if rng.random() * 9 * 8 > months[day.month - 1] * WEEKDAYS[day.weekday()]:
            continue
        part = _pick(rng, zip(PARTS, parts, strict=True))
        time = None
        if rng.random() < 0.8:  # a fifth of reporters give only the part of the day
            time = datetime.time(rng.choice(PARTS[part]), rng.choice([0, 10, 15, 30, 45]))
        report = IncidentReport(
            kommun=kommun,
            category=categories[name],
            occurred_on=day,
            time_of_day=time,
            part_of_day=part,
            text=rng.choice(texts),
            organisation=_pick(rng, organisations),
            is_example=True,
        )
        if rng.random() < 0.1:
            # A position instead of a named place: no area until geometry can tell.
            report.latitude = centre[0] + Decimal(rng.randrange(-600, 600)) / 100000
            report.longitude = centre[1] + Decimal(rng.randrange(-1200, 1200)) / 100000
        else:
            report.place = _pick(rng, places)
        report.resolve_area()
        moment = datetime.datetime.combine(day, time or datetime.time(9, 0))
        report.created_at = timezone.make_aware(moment) + datetime.timedelta(hours=2)
        reports.append(report)
    IncidentReport.objects.bulk_create(reports, batch_size=500)
    return len(reports)
