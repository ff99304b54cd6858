"""The demo's residents' voice, as plain data: example comments and two example surveys.

Everything here is made up and says so: every comment begins with "(Exempel)", every survey's
title too, and each survey's introduction says its answers are invented. The counts of the
closed survey are chosen so that its results page shows small counts hidden, and the open
survey has fewer answers than are needed for any result to show.

Like data.py this module imports without Django; lofte/demo/load.py turns it into rows.
"""

import datetime

# (kind, text, the title of the commitment it is about or None, state, reply, days before
# the load it came). Published ones appear on the pages; the waiting ones in the coordinators'
# queue, one of them held because it seems to hold a name and a phone number.
COMMENTS = [
    (
        "idea",
        "(Exempel) Det vore bra med fler bänkar och belysning längs gångvägen mellan torget "
        "och spårvagnshållplatsen. Där är det mörkt redan vid fyra på vintern.",
        "Bättre belysning och röjd växtlighet",
        "published",
        "Tack! Gångvägen finns med i nästa trygghetsvandring i mars, och vi tar med förslaget "
        "om bänkar till fastighetsägarna.",
        40,
    ),
    (
        "question",
        "(Exempel) Gäller läxhjälpen alla årskurser eller bara högstadiet?",
        "Läxhjälp efter skoltid",
        "published",
        "Läxhjälpen är öppen för årskurs 4–9. Fråga gärna på biblioteket.",
        31,
    ),
    (
        "comment",
        "(Exempel) Fredagsöppet i idrottshallen har gjort stor skillnad för våra barn. "
        "Fortsätt med det!",
        "Öppen idrottshall på fredagskvällar",
        "published",
        "",
        22,
    ),
    (
        "idea",
        "(Exempel) Kan medborgardialogerna på torget hållas på fler språk? Många grannar "
        "läser arabiska eller somaliska bättre än svenska.",
        None,
        "published",
        "Bra idé. Nästa dialog på torget får tolkar på arabiska och somaliska.",
        15,
    ),
    (
        "comment",
        "(Exempel) Skönt att se att någon följer upp vad som faktiskt görs.",
        None,
        "published",
        "",
        6,
    ),
    (
        "question",
        "(Exempel) När kommer nästa föräldravandring? Jag vill gärna vara med.",
        "Föräldravandringar på helgkvällar",
        "waiting",
        "",
        2,
    ),
    (
        "comment",
        "(Exempel) Kalle Exempelsson på gården kan berätta mer, ring honom på 070-000 00 00.",
        None,
        "waiting",
        "",
        1,
    ),
]

# The closed survey's respondents and how they answered, as counts; load.py deals the answers
# out to respondents in order. The option "Aldrig" is chosen by few: its count is hidden, and
# one more with it so that the total cannot give it away.
CLOSED_SURVEY = {
    "title": "(Exempel) Trygghetsenkät hösten 2025",
    "intro": "Exempel: enkäten och alla svar är påhittade för demon. Hur trygg känner du dig i "
    "Hisings Backa? Svaren hjälper polisen och kommunen att följa upp medborgarlöftet. "
    "Svar i fritext läses av samordnarna och publiceras inte.",
    "opens_on": datetime.date(2025, 9, 1),
    "closes_on": datetime.date(2025, 10, 15),
    "respondents": 60,
    "questions": [
        {
            "kind": "single",
            "text": "Hur ofta rör du dig ute i området efter mörkrets inbrott?",
            "required": False,
            "options": [
                ("Varje dag", 21),
                ("Några gånger i veckan", 24),
                ("Sällan", 12),
                ("Aldrig", 3),
            ],
        },
        {
            "kind": "multiple",
            "text": "Var känner du dig otrygg?",
            "required": False,
            "options": [
                ("Vid Backa torg", 22),
                ("I parken", 31),
                ("Vid hållplatserna", 18),
                ("I trapphuset", 4),
                ("Ingenstans", 9),
            ],
        },
        {
            "kind": "scale",
            "text": "Hur trygg känner du dig i ditt bostadsområde?",
            "required": True,
            "scale_low_label": "Mycket otrygg",
            "scale_high_label": "Mycket trygg",
            "values": [(1, 6), (2, 9), (3, 17), (4, 20), (5, 8)],
        },
        {
            "kind": "text",
            "text": "Vad skulle göra området tryggare?",
            "required": False,
            "texts": [
                "(Exempel) Mer belysning i parken.",
                "(Exempel) Fler vuxna ute på kvällarna.",
                "(Exempel) Öppna fritidsgården fler dagar.",
                "(Exempel) Laga trasiga lampor fortare.",
                "(Exempel) Fler aktiviteter för tjejer.",
                "(Exempel) Poliser som går till fots och hälsar.",
            ],
        },
    ],
}

# Open from a week before the demo is loaded until two months after, so that it can be
# answered whenever the demo runs.
OPEN_SURVEY = {
    "title": "(Exempel) Inför nästa medborgarlöfte: vad ska vi prioritera?",
    "intro": "Exempel: en påhittad enkät för demon. Medborgarlöftet för Hisings Backa gällde "
    "till och med 2025. Vad tycker du är viktigast i nästa? Svar i fritext läses av "
    "samordnarna och publiceras inte.",
    "opens_days": -7,
    "closes_days": 60,
    "respondents": 3,
    "questions": [
        {
            "kind": "multiple",
            "text": "Vilka områden är viktigast för dig?",
            "required": True,
            "options": [("Skola", 2), ("Fritid", 3), ("Lokalområde", 1), ("Familj", 1)],
        },
        {
            "kind": "scale",
            "text": "Hur väl känner du till medborgarlöftet?",
            "required": False,
            "scale_low_label": "Inte alls",
            "scale_high_label": "Mycket väl",
            "values": [(2, 1), (3, 1), (4, 1)],
        },
        {
            "kind": "text",
            "text": "Har du en idé till nästa medborgarlöfte?",
            "required": False,
            "texts": ["(Exempel) En fotbollsplan med belysning."],
        },
    ],
}
