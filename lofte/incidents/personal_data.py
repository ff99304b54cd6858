"""Does a report's short text look like it names a person? Heuristics, said plainly.

Two kinds of finding:
- `blocking`: a Swedish personal identity number or co-ordination number (YYMMDD-NNNN,
  YYYYMMDDNNNN, with a valid date and Luhn check digit) or an e-mail address. These are
  personal data beyond reasonable doubt: the report is not saved until they are removed.
- `warnings`: two or more capitalised words in a row ("Anna Svensson") that are not a known
  place, a place word ("Selma Lagerlöfs torg") or a common word that starts a sentence. Often
  a shop or a street the list does not know, so the reporter may confirm and save.
"""

import datetime
import re
from dataclasses import dataclass, field

_PNR = re.compile(r"(?<![\d-])(\d{2})?(\d{2})(\d{2})(\d{2})\s?([-+])?\s?(\d{4})(?![\d-])")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# Words that end a place's name: "Selma Lagerlöfs torg", "Backa Röd skola".
PLACE_WORDS = {
    "torg", "torget", "gata", "gatan", "väg", "vägen", "gränd", "gränden", "plan", "plats",
    "platsen", "park", "parken", "skola", "skolan", "centrum", "hållplats", "hållplatsen",
    "station", "stationen", "backe", "backen", "allé", "allén", "bro", "bron", "hus", "huset",
    "gård", "gården", "hall", "hallen", "bibliotek", "biblioteket", "kyrka", "kyrkan", "stråk",
    "stråket", "röd", "östra", "västra", "norra", "södra", "centrala", "strand", "stranden",
}  # fmt: skip
# Capitalised because they start a sentence (or are abbreviations), not because they are names.
COMMON_WORDS = {
    "att", "av", "bakom", "bil", "bilen", "brand", "by", "ca", "de", "dem", "den", "det",
    "efter", "en", "ett", "flera", "från", "för", "glas", "grupp", "gruppen", "har", "hos",
    "i", "igen", "ingen", "kl", "klotter", "man", "med", "mellan", "mot", "många", "någon",
    "några", "nära", "och", "om", "på", "sedan", "som", "skräp", "stora", "trasig", "trasiga",
    "under", "ungdomar", "utanför", "vid", "vi", "åter", "är", "över", "polis", "polisen",
    "väktare", "vakt", "container", "containern", "lampa", "lampan", "fönster", "ruta", "rutan",
}  # fmt: skip


@dataclass
class Findings:
    blocking: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.blocking or self.warnings)


def luhn_ok(digits):
    """Return True if the digits (YYMMDDNNNN) end in a valid Luhn check digit."""
    total = 0
    for i, ch in enumerate(digits):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def _plausible_date(century, yy, mm, dd):
    day = int(dd)
    if day > 60:  # co-ordination numbers add 60 to the day
        day -= 60
    year = int(century + yy) if century else 2000 + int(yy)
    try:
        datetime.date(year, int(mm), day)
    except ValueError:
        return False
    return not century or century in ("18", "19", "20")


def personal_identity_numbers(text):
    """Return the personal identity or co-ordination numbers in the text."""
    found = []
    for m in _PNR.finditer(text):
        century, yy, mm, dd, _sep, tail = m.groups()
        if _plausible_date(century, yy, mm, dd) and luhn_ok(yy + mm + dd + tail):
            found.append(m.group(0).strip())
    return found


def name_like(text, known_names=()):
    """Return runs of two or more capitalised words that may be a person's name.

    `known_names`: the kommun's places and areas, taken out of the text before looking.
    """
    for name in sorted(known_names, key=len, reverse=True):
        if name:
            text = re.sub(re.escape(name), " . ", text, flags=re.IGNORECASE)
    runs, run = [], []
    position = 0
    for m in _WORD.finditer(text):
        word = m.group(0)
        between = text[position : m.start()]
        position = m.end()
        if run and (re.search(r"[.!?:;,()\n]", between)):
            runs.append(run)
            run = []
        if word[0].isupper() and word.lower() not in COMMON_WORDS and not word.isupper():
            if word.lower() in PLACE_WORDS and run:
                run = []  # "… Lagerlöfs torg": the run was a place's name
                continue
            run.append(word)
        else:
            if word.lower() in PLACE_WORDS:
                run = []
            elif run:
                runs.append(run)
                run = []
    runs.append(run)
    return [" ".join(r) for r in runs if len(r) >= 2]


def check_text(text, known_names=()):
    """Return the findings in a report's text."""
    findings = Findings()
    findings.blocking += personal_identity_numbers(text)
    findings.blocking += [m.group(0) for m in _EMAIL.finditer(text)]
    findings.warnings += name_like(text, known_names)
    return findings
