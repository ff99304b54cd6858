"""Does a text written by a person look like it holds personal data or a link? One detector
for every text people type into Löfte: residents' comments and survey answers, partners'
incident reports. Heuristics, said plainly; pure Python, no Django.

What it finds:
- a Swedish personal identity or co-ordination number (YYMMDD-NNNN or YYYYMMDDNNNN, with or
  without a dash, plus or space; a real date, the day plus 60 for a co-ordination number, and
  a valid Luhn check digit);
- a phone number (+46, 0046 or 0, then 7 to 9 digits, spaces and dashes allowed);
- an e-mail address;
- a name: two or more capitalised words in a row that are not a known place or organisation
  (`known_names`), nor end in a place word ("Selma Lagerlöfs torg"), nor are a common word
  capitalised because it starts a sentence; or a word after "jag heter", "my name is" and the
  like. One name alone ("prata med Ahmed") is not found: a person reads the text before it is
  published;
- a link (for residents' texts, where links are spam's mark).

What each app does with a finding is its own rule: an incident report is not saved with a
number or an address in it and asks the reporter to confirm a name (`check_text`); a
resident's comment is held for a coordinator (`warning_signs`), never refused, because the
checks guess and a person decides.
"""

import datetime
import re
from dataclasses import dataclass, field

_PERSONAL_NUMBER = re.compile(
    r"(?<![\d+-])(\d{2})?(\d{2})(\d{2})(\d{2})\s?([-+])?\s?(\d{4})(?![\d-])"
)
_PHONE = re.compile(r"(?<![\d+])(\+46|0046|0)[\s-]?(\(0\)\s?)?([1-9][\d\s-]{5,14}\d)(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_LINK = re.compile(
    r"(https?://|www\.)\S+"
    r"|\b[\w-]+\.(se|nu|com|org|net|info|io|eu|biz|xyz|ru|online|site|top|shop)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_BREAK = re.compile(r"[.!?:;,()\"”\n]")
_SAYS_NAME = re.compile(
    r"\b(jag heter|han heter|hon heter|hen heter|mitt namn är|my name is|i am called|"
    r"his name is|her name is)\s+([^\W\d_][\w'’-]*)",
    re.IGNORECASE,
)
# A word that ends a place's name: "Selma Lagerlöfs torg", "Backa Röd skola", "Backa Röd".
PLACE_WORDS = {
    "torg", "torget", "gata", "gatan", "väg", "vägen", "gränd", "gränden", "plan", "plats",
    "platsen", "park", "parken", "skola", "skolan", "centrum", "hållplats", "hållplatsen",
    "station", "stationen", "backe", "backen", "allé", "allén", "bro", "bron", "hus", "huset",
    "gård", "gården", "hall", "hallen", "bibliotek", "biblioteket", "kyrka", "kyrkan", "stråk",
    "stråket", "röd", "östra", "västra", "norra", "södra", "centrala", "strand", "stranden",
    "square", "street", "road", "school",
}  # fmt: skip
# Capitalised because a sentence starts with them (or they are abbreviations), not because
# they name someone.
COMMON_WORDS = {
    "att", "av", "bakom", "bil", "bilen", "bra", "brand", "by", "ca", "de", "dem", "den",
    "denna", "det", "detta", "du", "efter", "eftersom", "en", "ett", "fler", "flera", "för",
    "från", "genom", "glas", "grupp", "gruppen", "har", "hej", "hos", "hur", "i", "igen", "in",
    "ingen", "ja", "jag", "kan", "kanske", "kl", "klotter", "man", "med", "mellan", "men",
    "mer", "mot", "många", "nej", "ni", "när", "nära", "någon", "några", "och", "om", "på",
    "sedan", "skräp", "som", "stora", "så", "tack", "till", "trasig", "trasiga", "under",
    "ungdomar", "unga", "utanför", "varför", "vad", "vi", "vid", "vår", "våra", "åter", "är",
    "även", "över", "polis", "polisen", "kommunen", "staden", "väktare", "vakt", "container",
    "containern", "lampa", "lampan", "fönster", "ruta", "rutan",
    "the", "we", "our", "my", "it", "is", "on", "at", "near", "please", "thanks", "why",
    "what", "how", "when", "there", "this", "that", "more", "young", "people",
}  # fmt: skip


def luhn_ok(digits):
    """Return True if the ten digits (YYMMDDNNNN) end in a valid Luhn check digit."""
    total = 0
    for i, ch in enumerate(digits):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def _real_date(century, yy, mm, dd):
    day = int(dd)
    if day > 60:  # a co-ordination number adds 60 to the day
        day -= 60
    if century and century not in ("18", "19", "20"):
        return False
    try:
        datetime.date(int((century or "20") + yy), int(mm), day)
    except ValueError:
        return False
    return True


def personal_identity_numbers(text):
    """Return the personal identity or co-ordination numbers in the text."""
    found = []
    for m in _PERSONAL_NUMBER.finditer(text):
        century, yy, mm, dd, _sign, tail = m.groups()
        if _real_date(century, yy, mm, dd) and luhn_ok(yy + mm + dd + tail):
            found.append(m.group(0).strip())
    return found


def phone_numbers(text):
    """Return the Swedish phone numbers in the text."""
    found = []
    for m in _PHONE.finditer(text):
        digits = re.sub(r"\D", "", m.group(3))
        if 7 <= len(digits) <= 9:
            found.append(m.group(0).strip())
    return found


def email_addresses(text):
    return [m.group(0) for m in _EMAIL.finditer(text)]


def contains_link(text):
    return bool(_LINK.search(text))


def name_like(text, known_names=()):
    """Return what in the text may be a person's name: runs of two or more capitalised words,
    and the word after "jag heter" and the like.

    `known_names`: places and organisations (the kommun's places, the promise's area and
    actors), taken out of the text before looking.
    """
    for name in sorted((n for n in known_names if n), key=len, reverse=True):
        text = re.sub(re.escape(name), " . ", text, flags=re.IGNORECASE)
    found = [m.group(2) for m in _SAYS_NAME.finditer(text)]
    run, position = [], 0

    def flush():
        if len(run) >= 2:
            found.append(" ".join(run))
        run.clear()

    for m in _WORD.finditer(text):
        word, lower = m.group(0), m.group(0).lower()
        if _BREAK.search(text[position : m.start()]):
            flush()
        position = m.end()
        if lower in PLACE_WORDS:
            run.clear()  # "… Lagerlöfs torg", "Backa Röd": the run named a place
        elif word[0].isupper() and not word.isupper() and lower not in COMMON_WORDS:
            run.append(word)
        else:
            flush()
    flush()
    return found


@dataclass
class Findings:
    """An incident report's findings: `blocking` must go before the report is saved,
    `warnings` (names) the reporter confirms."""

    blocking: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.blocking or self.warnings)


def check_text(text, known_names=()):
    """Return the findings in an incident report's text."""
    return Findings(
        blocking=personal_identity_numbers(text) + phone_numbers(text) + email_addresses(text),
        warnings=name_like(text, known_names),
    )


def looks_personal(text, known_names=()):
    """Return the kinds of personal data the text seems to hold, in a fixed order: any of
    "personal_number", "phone", "email" and "name"; an empty list when it seems to hold none."""
    found = []
    if personal_identity_numbers(text):
        found.append("personal_number")
    if phone_numbers(text):
        found.append("phone")
    if _EMAIL.search(text):
        found.append("email")
    if name_like(text, known_names):
        found.append("name")
    return found


def warning_signs(text, known_names=()):
    """Return what holds a resident's text for a coordinator: looks_personal's kinds, and
    "link"."""
    return looks_personal(text, known_names) + (["link"] if contains_link(text) else [])
