"""The Police's events (https://polisen.se/api/events) as JSON: counted per place, type and week.

The API answers with an array of at most 500 events, the newest first:
`{"id": 650297, "datetime": "2026-08-22 19:51:41 +02:00", "name": …, "summary": …,
"url": "/aktuellt/handelser/…", "type": "Brand", "location": {"name": "Skåne län",
"gps": "55.99,13.59"}}`. The hour may have one digit; older answers give full URLs.

`location.name` is a kommun or a län, never an address, and `gps` is that kommun's or län's
centre: an event says which kommun, never which neighbourhood. Events named only by their
län are counted for the län (or skipped, when asked). Each event is counted once, by its id,
in the ISO week it was published; the Police's summaries ("Sammanfattning natt") are not
events and are left out. Only the counts are kept, never the texts.
"""

import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from lofte.areas.models import Area
from lofte.indicators.importing.base import (
    EVENT,
    MAX_VALUES,
    FileProblem,
    IndicatorSpec,
    Parsed,
    count_note,
    make_slug,
    no_progress,
    read_json,
)
from lofte.indicators.models import Indicator
from lofte.indicators.places import COUNTY, Place, name_key

BASE_URL = "https://polisen.se"
DATETIME = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:([+-])(\d{2}):?(\d{2})|Z)"
)
# Not events but texts about several: counting them would count the same events twice.
NOT_EVENTS = {"information", "uppdatering", "nytt"}
METHOD = (
    "Händelser som Polisen publicerat på polisen.se, räknade en gång var (efter id) i den "
    "ISO-vecka de publicerades. Platsen är en kommun eller ett län, aldrig en adress. "
    "Polisen publicerar ett urval av händelserna, så antalet är inte antalet brott. "
    "Sammanfattningar (“Sammanfattning natt”) räknas inte."
)

COUNT_COUNTIES, SKIP_COUNTIES = "count", "skip"


@dataclass
class Event:
    line: int
    event_id: int
    published_at: datetime.datetime
    type: str
    place: Place
    url: str


def parse_datetime(text):
    """Return an aware datetime from "2026-08-22 19:51:41 +02:00" (or "9:05:00"), or None."""
    match = DATETIME.fullmatch((text or "").strip())
    if not match:
        return None
    y, mo, d, h, mi, s, sign, oh, om = match.groups()
    offset = datetime.timedelta(hours=int(oh or 0), minutes=int(om or 0))
    tz = datetime.timezone(-offset if sign == "-" else offset)
    try:
        return datetime.datetime(int(y), int(mo), int(d), int(h), int(mi), int(s or 0), tzinfo=tz)
    except ValueError:
        return None


def full_url(url):
    """Return the event's address on polisen.se: newer answers give a path, older a URL."""
    url = (url or "").strip()
    if url.startswith("/"):
        return BASE_URL + url
    return url if url.startswith(("https://", "http://")) else ""


def indicator_for(event_type):
    return IndicatorSpec(
        slug=f"polisen-{make_slug(event_type)}"[:100],
        name=f"Polisens händelser: {event_type}"[:200],
        unit="händelser",
        theme=Indicator.Theme.POLICE_EVENTS,
        direction=Indicator.Direction.NEUTRAL,
        source="Polisen, händelser på polisen.se",
        source_url="https://polisen.se/aktuellt/handelser/",
        licence="Allmän handling, öppna data från Polisen",
        method=METHOD,
    )


def event_place(location_name):
    if name_key(location_name).endswith(" län"):
        return Place(location_name, COUNTY, name=location_name)
    return Place(location_name, Area.Kind.KOMMUN, name=location_name)


def parse_police_events(data, *, counties=COUNT_COUNTIES, progress=no_progress):
    """Read the API's JSON array into events; they are counted when the import is checked."""
    items = read_json(data)
    if not isinstance(items, list):
        raise FileProblem(_("This is not a list of Police events (a JSON array)."))
    if len(items) > MAX_VALUES:
        raise FileProblem(
            _("The file has more than %(max)s events; import it in parts.") % {"max": MAX_VALUES}
        )
    parsed = Parsed(unit=EVENT, source="https://polisen.se/api/events")
    by_id, duplicates, summaries, skipped_counties = {}, 0, 0, 0
    for line, item in enumerate(items, start=1):
        if line % 500 == 0:
            progress(line, len(items))
        parsed.rows += 1
        event = _read_event(parsed, line, item)
        if event is None:
            continue
        if name_key(event.type).startswith("sammanfattning") or name_key(event.type) in NOT_EVENTS:
            summaries += 1
            continue
        if counties == SKIP_COUNTIES and event.place.kind == COUNTY:
            skipped_counties += 1
            continue
        if event.event_id in by_id:
            duplicates += 1
            # The API updates an event under its id: the latest version counts.
            if event.published_at <= by_id[event.event_id].published_at:
                continue
        by_id[event.event_id] = event
    progress(len(items), len(items))
    parsed.events = sorted(by_id.values(), key=lambda e: e.line)
    if parsed.events:
        times = [e.published_at for e in parsed.events]
        parsed.covers = (min(times), max(times))
    if duplicates:
        parsed.notes.append(
            count_note(
                duplicates,
                "%(count)s event appeared twice and was counted once.",
                "%(count)s events appeared more than once and were counted once.",
            )
        )
    if summaries:
        parsed.notes.append(
            count_note(
                summaries,
                "%(count)s summary or information text was not counted as an event.",
                "%(count)s summaries and information texts were not counted as events.",
            )
        )
    if skipped_counties:
        parsed.notes.append(
            count_note(
                skipped_counties,
                "%(count)s event named only a county, not a municipality, and was skipped.",
                "%(count)s events named only a county, not a municipality, and were skipped.",
            )
        )
    return parsed


def _read_event(parsed, line, item):
    if not isinstance(item, dict):
        parsed.error(line, _("This is not an event (a JSON object)."))
        return None
    raw_id = item.get("id")
    if isinstance(raw_id, str) and raw_id.strip().isdecimal():
        raw_id = int(raw_id)
    if not isinstance(raw_id, int) or isinstance(raw_id, bool) or raw_id <= 0:
        parsed.error(line, _("The event has no id."))
        return None
    published_at = parse_datetime(
        item.get("datetime") if isinstance(item.get("datetime"), str) else ""
    )
    if published_at is None:
        parsed.error(
            line,
            _("Event %(id)s: “%(datetime)s” is not a time like 2026-08-22 19:51:41 +02:00.")
            % {"id": raw_id, "datetime": str(item.get("datetime", ""))[:40]},
        )
        return None
    event_type = item.get("type")
    location = item.get("location") if isinstance(item.get("location"), dict) else {}
    place_name = location.get("name")
    if not isinstance(event_type, str) or not event_type.strip():
        parsed.error(line, _("Event %(id)s has no type.") % {"id": raw_id})
        return None
    if not isinstance(place_name, str) or not place_name.strip():
        parsed.error(line, _("Event %(id)s has no place (location.name).") % {"id": raw_id})
        return None
    url = item.get("url") if isinstance(item.get("url"), str) else ""
    return Event(
        line,
        raw_id,
        published_at,
        event_type.strip()[:100],
        event_place(place_name.strip()[:100]),
        full_url(url)[:500],
    )
