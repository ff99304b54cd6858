"""The Police's events: counted once each, per place, type and ISO week; never in a
neighbourhood; counties counted for the county or skipped."""

import datetime
import io
import json
from collections import Counter

import pytest
from django.core.management import CommandError, call_command

from lofte.areas.models import Area
from lofte.indicators.actions import record_import, save_import
from lofte.indicators.importing import FileProblem, check_file, options_for
from lofte.indicators.importing.checking import PARTIAL_WEEK
from lofte.indicators.importing.police import parse_datetime
from lofte.indicators.models import IndicatorValue, PoliceEvent
from lofte.indicators.tests.conftest import DATA, EVENTS, read

pytestmark = pytest.mark.django_db
REAL = json.loads(read(EVENTS))


def event(event_id, when, place="Göteborg", kind="Misshandel", url=None):
    return {
        "id": event_id,
        "datetime": when,
        "name": f"{when[:10]}, {kind}, {place}",
        "summary": "Exempel.",
        "url": url or f"/aktuellt/handelser/2026/augusti/{event_id}/",
        "type": kind,
        "location": {"name": place, "gps": "57.70887,11.97456"},
    }


def dump(events):
    return json.dumps(events, ensure_ascii=False).encode()


def check(data, scope=None, counties="count"):
    return check_file("police_events", data, options=options_for(counties=counties), scope=scope)


def imported(data, scope=None, counties="count"):
    plan = check(data, scope, counties)
    assert plan.errors == []
    record = record_import(format="police_events", via="command", data=data, file_name="e.json")
    return save_import(plan, record)


def count(kind, area, week):
    return IndicatorValue.objects.get(
        indicator__slug=f"polisen-{kind}", area__name=area, period_label=week
    )


def test_the_real_answer_is_counted_per_county_type_and_week(db):
    record = imported(read(EVENTS))
    expected = Counter()
    for e in REAL:
        if e["type"].startswith("Sammanfattning") or e["type"] in ("Information", "Uppdatering"):
            continue
        day = datetime.datetime.strptime(e["datetime"][:10], "%Y-%m-%d").date()
        year, week, _ = day.isocalendar()
        expected[(e["location"]["name"], e["type"], f"{year}V{week:02d}")] += 1
    stored = Counter(
        {
            (
                v.area.name,
                v.indicator.name.removeprefix("Polisens händelser: "),
                v.period_label,
            ): int(v.value)
            for v in IndicatorValue.objects.select_related("area", "indicator")
        }
    )
    assert stored == expected
    assert record.new == len(expected) == 215
    assert PoliceEvent.objects.count() == 393
    assert (
        "107 sammanfattningar och informationstexter räknades inte som händelser." in record.notes
    )
    county = Area.objects.get(name="Skåne län")
    assert (county.kind, county.code, county.kommun) == (Area.Kind.LAN, "12", None)
    assert not Area.objects.filter(kind=Area.Kind.KOMMUN).exists()


def test_a_county_is_never_pinned_to_a_neighbourhood_and_may_be_skipped(db):
    with pytest.raises(FileProblem) as problem:
        check(read(EVENTS), counties="skip")
    assert str(problem.value) == (
        "Filen innehöll inga värden att importera. 107 sammanfattningar och informationstexter "
        "räknades inte som händelser. 393 händelser angav bara ett län, inte en kommun, och "
        "hoppades över."
    )
    assert not Area.objects.exists()


def test_a_kommun_event_is_counted_for_the_kommun(goteborg):
    imported(dump([event(1, "2026-08-20 21:05:00 +02:00"), event(2, "2026-08-21 9:05:00 +02:00")]))
    value = count("misshandel", "Göteborg", "2026V34")
    assert (value.value, value.area.kind, value.area.code) == (2, Area.Kind.KOMMUN, "1480")
    assert value.indicator.theme == "police_events"


def test_each_event_is_counted_once_within_a_file_and_across_imports(goteborg):
    first = [event(i, f"2026-08-1{i} 12:00:00 +02:00") for i in (7, 8, 9)]
    record = imported(dump(first + [first[0]]))
    assert "1 händelse fanns två gånger och räknades en gång." in record.notes
    assert count("misshandel", "Göteborg", "2026V34").value == 3
    overlapping = [event(i, f"2026-08-1{i} 12:00:00 +02:00") for i in (8, 9)] + [
        event(20, "2026-08-20 12:00:00 +02:00")
    ]
    again = imported(dump(overlapping))
    assert (again.new, again.changed) == (0, 1)
    assert count("misshandel", "Göteborg", "2026V34").value == 4
    assert PoliceEvent.objects.count() == 4


def test_an_event_the_police_changed_moves_to_its_new_count(goteborg):
    imported(dump([event(1, "2026-08-18 12:00:00 +02:00", kind="Stöld")]))
    record = imported(dump([event(1, "2026-08-18 13:00:00 +02:00", kind="Rån")]))
    assert count("stold", "Göteborg", "2026V34").value == 0
    assert count("ran", "Göteborg", "2026V34").value == 1
    assert (record.new, record.changed) == (1, 1)
    assert PoliceEvent.objects.get().type == "Rån"


def test_weeks_follow_swedish_time_and_the_hour_may_have_one_digit(goteborg):
    assert parse_datetime("2026-08-22 9:05:07 +02:00") == datetime.datetime(
        2026, 8, 22, 7, 5, 7, tzinfo=datetime.UTC
    )
    imported(
        dump(
            [
                event(1, "2026-08-23 23:30:00 +02:00"),
                event(2, "2026-08-23 22:30:00 +00:00"),  # 00:30 on Monday in Sweden
            ]
        )
    )
    assert count("misshandel", "Göteborg", "2026V34").value == 1
    assert count("misshandel", "Göteborg", "2026V35").value == 1


def test_relative_and_full_urls_are_kept_as_full_addresses(goteborg):
    old = "https://polisen.se/aktuellt/handelser/2019/juni/3/3-juni-misshandel-goteborg/"
    imported(
        dump(
            [event(1, "2019-06-03 10:00:00 +02:00", url=old), event(2, "2026-08-22 1:00:00 +02:00")]
        )
    )
    assert PoliceEvent.objects.get(event_id=1).url == old
    assert (
        PoliceEvent.objects.get(event_id=2).url
        == "https://polisen.se/aktuellt/handelser/2026/augusti/2/"
    )


def test_a_week_the_fetched_events_do_not_cover_is_marked_incomplete(goteborg):
    imported(dump([event(1, "2026-08-19 12:00:00 +02:00"), event(2, "2026-08-20 12:00:00 +02:00")]))
    assert count("misshandel", "Göteborg", "2026V34").note == PARTIAL_WEEK
    # A later answer that reaches past the week's end completes it.
    covering = [
        event(3, "2026-08-16 23:50:00 +02:00", kind="Brand"),
        event(4, "2026-08-24 00:10:00 +02:00", kind="Brand"),
    ]
    record = imported(dump(covering))
    assert count("misshandel", "Göteborg", "2026V34").note == PARTIAL_WEEK  # not in this file
    assert record.changed == 0
    refreshed = imported(dump([event(1, "2026-08-19 12:00:00 +02:00")]))
    assert count("misshandel", "Göteborg", "2026V34").note == ""
    assert refreshed.changed == 1


def test_the_chosen_kommun_keeps_its_own_and_its_countys_events(goteborg):
    events = [
        event(1, "2026-08-19 12:00:00 +02:00"),
        event(2, "2026-08-19 12:00:00 +02:00", place="Malmö"),
        event(3, "2026-08-19 12:00:00 +02:00", place="Västra Götalands län"),
        event(4, "2026-08-19 12:00:00 +02:00", place="Skåne län"),
    ]
    plan = check(dump(events), scope=goteborg)
    assert sorted(str(v.area) for v in plan.values) == ["Göteborg", "Västra Götalands län"]
    assert "2 värden utanför den valda kommunen hoppades över." in plan.notes


def test_broken_events_are_row_errors_and_nothing_is_saved(goteborg, tmp_path):
    events = [
        event(1, "2026-08-19 12:00:00 +02:00"),
        "inte en händelse",
        {**event(3, "2026-08-19 12:00:00 +02:00"), "id": None},
        event(4, "igår"),
        {**event(5, "2026-08-19 12:00:00 +02:00"), "type": ""},
        {**event(6, "2026-08-19 12:00:00 +02:00"), "location": {}},
        event(7, "2026-08-19 12:00:00 +02:00", place="Atlantis"),
    ]
    assert [str(e) for e in check(dump(events)).errors] == [
        "Händelse 2: Det här är ingen händelse (ett JSON-objekt).",
        "Händelse 3: Händelsen har inget id.",
        "Händelse 4: Händelse 4: ”igår” är ingen tid som 2026-08-22 19:51:41 +02:00.",
        "Händelse 5: Händelse 5 har ingen typ.",
        "Händelse 6: Händelse 6 har ingen plats (location.name).",
        "Händelse 7: ”Atlantis” är ingen kommun.",
    ]
    path = tmp_path / "fel.json"
    path.write_bytes(dump(events))
    with pytest.raises(CommandError, match="Ingenting sparades"):
        call_command("import_police_events", str(path), stderr=io.StringIO())
    assert not PoliceEvent.objects.exists() and not IndicatorValue.objects.exists()


def test_what_is_not_a_list_of_events_is_refused(db):
    with pytest.raises(FileProblem, match="JSON"):
        check(b"<html>")
    with pytest.raises(FileProblem, match="lista"):
        check(b'{"events": []}')


def test_the_command_imports_the_real_answer(db):
    out = io.StringIO()
    call_command("import_police_events", str(DATA / EVENTS), stdout=out)
    assert "215 nya värden" in out.getvalue()
