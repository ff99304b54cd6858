"""Does a resident's text look like it holds personal data or a link? Heuristics, said plainly.

Residents are asked for no personal data, but they may write some: their own phone number, a
neighbour's name. What these checks find holds a comment for a coordinator, whatever the
promise's moderation; nothing is refused, because the checks guess and a person decides.

This is the participation app's own minimal version, behind one function, `looks_personal`:
a colleague writes a shared detector (lofte/incidents/personal_data.py on the `incidents`
branch) that can take its place at merge. What it finds:

- a Swedish personal identity or co-ordination number (YYMMDD-NNNN or YYYYMMDDNNNN, a real
  date, the day plus 60 for a co-ordination number, and a valid Luhn check digit);
- a phone number (+46, 0046 or 0, then 7 to 9 digits, spaces and dashes allowed);
- an e-mail address;
- a name: two or more capitalised words in a row that are not a known place or organisation
  (`known_names`) nor a common word at a sentence's start, or a capitalised word after
  "jag heter", "my name is" and the like. One name alone ("prata med Ahmed") is not found:
  that is left to the coordinator who reads every comment before it is published.
"""

import datetime
import re

_PERSONAL_NUMBER = re.compile(r"(?<![\d+-])(\d{2})?(\d{2})(\d{2})(\d{2})[-+ ]?(\d{4})(?![\d-])")
_PHONE = re.compile(r"(?<![\d+])(\+46|0046|0)[\s-]?(\(0\)\s?)?([1-9][\d\s-]{5,14}\d)(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_LINK = re.compile(
    r"(https?://|www\.)\S+"
    r"|\b[\w-]+\.(se|nu|com|org|net|info|io|eu|biz|xyz|ru|online|site|top|shop)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SAYS_NAME = re.compile(
    r"\b(jag heter|han heter|hon heter|hen heter|mitt namn är|my name is|i am called|"
    r"his name is|her name is)\s+([^\W\d_][\w'’-]*)",
    re.IGNORECASE,
)
# A capitalised word that ends a place's name: "Selma Lagerlöfs torg", "Backa Röd".
PLACE_WORDS = {
    "torg", "torget", "gata", "gatan", "väg", "vägen", "gränd", "plan", "plats", "platsen",
    "park", "parken", "skola", "skolan", "centrum", "hållplats", "station", "backe", "allé",
    "bro", "bron", "hus", "huset", "gård", "gården", "hall", "hallen", "bibliotek",
    "biblioteket", "kyrka", "kyrkan", "röd", "östra", "västra", "norra", "södra", "centrala",
    "strand", "square", "street", "road", "school",
}  # fmt: skip
# Capitalised because a sentence starts with them, not because they name someone.
COMMON_WORDS = {
    "att", "av", "bra", "de", "dem", "den", "denna", "det", "detta", "du", "efter", "eftersom",
    "en", "ett", "fler", "för", "från", "genom", "hej", "hur", "i", "in", "ja", "jag", "kan",
    "kanske", "men", "med", "mer", "mot", "många", "nej", "ni", "när", "och", "om", "på",
    "sedan", "som", "så", "tack", "till", "under", "ungdomar", "unga", "varför", "vad", "vi",
    "vid", "vår", "våra", "är", "även", "polisen", "kommunen", "staden", "the", "we", "our",
    "my", "it", "is", "on", "at", "by", "near", "please", "thanks", "why", "what", "how",
    "when", "there", "this", "that", "more", "young", "people",
}  # fmt: skip


def looks_personal(text, known_names=()):
    """Return the kinds of personal data the text seems to hold, in a fixed order: any of
    "personal_number", "phone", "email" and "name"; an empty list when it seems to hold none.

    `known_names`: places and organisations of the promise (its area, its actors), which are
    not people's names however they are capitalised.
    """
    found = []
    if _personal_numbers(text):
        found.append("personal_number")
    if _phones(text):
        found.append("phone")
    if _EMAIL.search(text):
        found.append("email")
    if _names(text, known_names):
        found.append("name")
    return found


def contains_link(text):
    return bool(_LINK.search(text))


def warning_signs(text, known_names=()):
    """Return what holds a text for a coordinator: looks_personal's kinds, and "link"."""
    return looks_personal(text, known_names) + (["link"] if contains_link(text) else [])


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


def _personal_numbers(text):
    return [
        m.group(0)
        for m in _PERSONAL_NUMBER.finditer(text)
        if _real_date(*m.groups()[:4]) and luhn_ok("".join(m.groups()[1:]))
    ]


def _phones(text):
    found = []
    for m in _PHONE.finditer(text):
        digits = re.sub(r"\D", "", m.group(3))
        if 7 <= len(digits) <= 9:
            found.append(m.group(0))
    return found


def _names(text, known_names):
    for name in sorted((n for n in known_names if n), key=len, reverse=True):
        text = re.sub(re.escape(name), " . ", text, flags=re.IGNORECASE)
    if _SAYS_NAME.search(text):
        return True
    run = 0
    position = 0
    for m in _WORD.finditer(text):
        word = m.group(0)
        between = text[position : m.start()]
        position = m.end()
        if re.search(r"[.!?:;,()\"”\n]", between):
            run = 0
        lower = word.lower()
        if lower in PLACE_WORDS:
            run = 0  # "… Lagerlöfs torg", "Backa Röd": the run named a place
        elif word[0].isupper() and not word.isupper() and lower not in COMMON_WORDS:
            run += 1
            # Two capitalised words, then one that does not end a place's name.
            following = _WORD.match(text, _skip_space(text, m.end()))
            ends_place = following and following.group(0).lower() in PLACE_WORDS
            if run >= 2 and not ends_place:
                return True
        else:
            run = 0
    return False


def _skip_space(text, i):
    while i < len(text) and text[i] == " ":
        i += 1
    return i
