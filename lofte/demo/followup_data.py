"""The demo's follow-up, as plain data: who reports, and what each actor reported when.

Every update is made up and says so: its text begins with "(Exempel)". The updates are
worked out from the commitments in lofte/demo/data.py by formulas, not chance, so that every
load gives the same demo: a commitment's status moves planned → ongoing → its final status
in data.py, and its measures rise (or fall) from the baseline towards the target as its
time runs, some reaching it and some falling short. Most updates are approved and
publishable; in the last quarter a few wait for approval or were returned, and a couple of
updates hold internal details and are not publishable.

Like data.py this module imports without Django; lofte/demo/load.py turns it into rows.
"""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")
POLICE = "polisen-lokalpolisomrade-hisingen"

# Editors who report for their organisation (Membership role "editor"). Coordinators
# ("polis", "kommun" in data.USERS) review, and report for actors without a demo editor.
EDITORS = [
    {
        "username": "forening",
        "password": "demo-forening",
        "first_name": "Nadia",
        "last_name": "Exempelsdotter",
        "email": "nadia.exempelsdotter@example.se",
        "organisation": "if-backa-stjarna-exempel",
        "description": "editor for IF Backa Stjärna (fictional sports club)",
    },
    {
        "username": "bostad",
        "password": "demo-bostad",
        "first_name": "Johan",
        "last_name": "Exempelsson",
        "email": "johan.exempelsson@example.se",
        "organisation": "backa-bostader-exempel",
        "description": "editor for Backa Bostäder (fictional housing company)",
    },
    {
        "username": "laxhjalp",
        "password": "demo-laxhjalp",
        "first_name": "Amina",
        "last_name": "Exempel",
        "email": "amina.exempel@example.se",
        "organisation": "laxhjalpen-backa-exempel",
        "description": "editor for Läxhjälpen i Backa (fictional non-profit)",
    },
]

ONGOING_TEXTS = [
    "Arbetet har fortsatt enligt plan under {period}.",
    "Under {period} har vi nått fler i målgruppen än kvartalet innan, mycket tack vare "
    "att vi har spridit information via skolorna och föreningarna.",
    "Vi har hållit igång verksamheten under {period} och stämt av läget med de andra "
    "aktörerna på samverkansmötet.",
    "Under {period} har vi utvärderat upplägget tillsammans med deltagarna och gjort "
    "några justeringar av tider och lokaler.",
    "Arbetet rullar på. Under {period} har vi särskilt satsat på att nå de som inte redan deltar.",
]
STARTED_TEXT = (
    "Vi har kommit i gång under {period}: planeringen är klar och de första aktiviteterna "
    "är genomförda."
)
PLANNED_TEXT = (
    "Planeringen pågår under {period}. Vi har tagit fram ett upplägg och informerat de "
    "andra aktörerna; arbetet startar {start}."
)
DELAYED_REASONS = [
    "bygglovet har dragit ut på tiden",
    "vi har haft svårt att rekrytera personal",
    "samarbetsparten har fått ändrade förutsättningar",
]
DELAYED_TEXT = (
    "Arbetet är försenat eftersom {reason}. Vi har en ny tidplan och räknar med att komma "
    "i kapp under nästa kvartal."
)
DONE_TEXT = (
    "Åtagandet är genomfört under {period}. Vi har sammanfattat erfarenheterna och delat "
    "dem med de andra aktörerna i löftet."
)
CANCELLED_TEXT = (
    "Åtagandet har avbrutits under {period} eftersom lokalen inte längre går att använda. "
    "Resurserna går i stället till de andra åtagandena inom fritid."
)
INTERNAL_TEXT = (
    "Internt underlag för {period}: uppgifterna per skola och grupp är för små för att "
    "publiceras, så de redovisas bara för samordnarna."
)
STARTING_TEXT = (
    "Vi startade {start} och har under {period} planerat de första aktiviteterna "
    "tillsammans med de andra aktörerna."
)
RETURNED_COMMENT = "Kan ni komplettera med hur många som deltog och vad ni planerar härnäst?"

# How far towards its target a commitment gets, by final status (ongoing ones vary).
REACH = {
    "done": [1.0, 1.1, 0.9],
    "ongoing": [0.95, 0.8, 1.0, 0.65],
    "delayed": [0.35],
    "cancelled": [0.3],
    "planned": [0.0],
}


def updates(commitments, periods, editors=EDITORS):
    """Return the demo updates as dicts.

    commitments: the commitment specs of data.HISINGS_BACKA, in order; periods: dicts with
    name, starts_on, ends_on and due_on, in order. Each update names its commitment and
    period by index, its author and reviewer by username, and its measure values by the
    measure's index in the commitment's spec.
    """
    editor_of = {e["organisation"]: e["username"] for e in editors}
    result = []
    ongoing_in_last = 0
    for i, spec in enumerate(commitments):
        active = [q for q, p in enumerate(periods) if _is_active(spec, p)]
        for step, q in enumerate(active):
            period = periods[q]
            is_first, is_last = step == 0, step == len(active) - 1
            if not (is_first or is_last) and (i * 3 + q) % 8 == 5:
                continue  # the actor did not report this quarter
            status = _status(spec, step, len(active), period)
            author = next((editor_of[a] for a in spec["actors"] if a in editor_of), None)
            reviewer = "polis" if POLICE in spec["actors"] else "kommun"
            update = {
                "commitment": i,
                "period": q,
                "status": status,
                "state": "approved",
                "is_publishable": True,
                "review_comment": "",
                "created_by": author or reviewer,
                "reviewed_by": reviewer,
                "submitted_at": _at(period["ends_on"], 1 + (i * 5 + q) % 12, 9 + i % 6),
                "reviewed_at": _at(period["due_on"], 1 + (i + q) % 9, 10 + q % 5),
                "values": [
                    (m, _value(spec, measure, period["ends_on"], i))
                    for m, measure in enumerate(spec["measures"])
                ],
            }
            if q == len(periods) - 1 and spec["status"] == "ongoing":
                ongoing_in_last += 1
                if ongoing_in_last % 6 == 2:
                    update.update(state="submitted", reviewed_by=None, reviewed_at=None)
                elif ongoing_in_last % 6 == 5:
                    update.update(state="returned", review_comment=RETURNED_COMMENT)
            internal = i % 9 == 2 and q == 3
            if internal:
                update["is_publishable"] = False
            update["text"] = _text(spec, status, period, i, q, update["values"], internal)
            result.append(update)
    return result


def _is_active(spec, period):
    return period["ends_on"] >= spec["starts_on"] and period["starts_on"] <= spec["ends_on"]


def _status(spec, step, steps, period):
    final = spec["status"]
    if final == "planned":
        return "planned"
    if step == 0 and (period["ends_on"] - spec["starts_on"]).days < 30:
        return "planned"
    if final in ("done", "cancelled") and step == steps - 1:
        return final
    if final == "cancelled" and step == steps - 2:
        return "delayed"
    if final == "delayed" and step >= steps - 3:
        return "delayed"
    return "ongoing"


def _value(spec, measure, on, i):
    """Return the measure's value on a day: from the baseline towards the target as the
    commitment's time runs, by how far this commitment gets."""
    baseline = Decimal(measure["baseline"] or 0)
    target = Decimal(measure["target"] if measure["target"] is not None else baseline)
    reach = REACH[spec["status"]]
    reach = reach[i % len(reach)]
    days = max((spec["ends_on"] - spec["starts_on"]).days, 1)
    elapsed = min(max((on - spec["starts_on"]).days / days, 0.0), 1.0)
    progress = Decimal(str(round(reach * elapsed**0.8, 4)))
    return (baseline + (target - baseline) * progress).quantize(Decimal("1"))


def _text(spec, status, period, i, q, values, internal):
    name = period["name"].lower()
    if internal:
        sentence = INTERNAL_TEXT.format(period=name)
    elif status == "planned":
        start = spec["starts_on"]
        text = PLANNED_TEXT if start > period["ends_on"] else STARTING_TEXT
        sentence = text.format(period=name, start=f"{start.day}/{start.month} {start.year}")
    elif status == "delayed":
        reason = DELAYED_REASONS[i % len(DELAYED_REASONS)]
        sentence = DELAYED_TEXT.format(reason=reason)
    elif status == "done":
        sentence = DONE_TEXT.format(period=name)
    elif status == "cancelled":
        sentence = CANCELLED_TEXT.format(period=name)
    elif q == 0 or (period["starts_on"] <= spec["starts_on"]):
        sentence = STARTED_TEXT.format(period=name)
    else:
        sentence = ONGOING_TEXTS[(i + q) % len(ONGOING_TEXTS)].format(period=name)
    figures = " ".join(
        f"{spec['measures'][m]['name']}: {value} {spec['measures'][m]['unit']}"
        f" (mål {spec['measures'][m]['target']})."
        for m, value in values
    )
    return f"(Exempel) {sentence} {figures}".strip()


def _at(day, days_after, hour):
    day += datetime.timedelta(days=days_after)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=STOCKHOLM)
