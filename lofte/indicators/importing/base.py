"""What every importer shares: limits, the file problems and row errors, reading cells."""

import codecs
import json
import re
import sys
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lofte.indicators.models import VALUE_DECIMALS, VALUE_MAX_DIGITS, Indicator, IndicatorValue
from lofte.indicators.periods import Period
from lofte.indicators.places import Place

# One limit for uploads and commands: Brå's full history of Göteborg is 9.3 MB.
MAX_IMPORT_BYTES = 20 * 1024 * 1024
MAX_IMPORT_MEGABYTES = MAX_IMPORT_BYTES // (1024 * 1024)
# Values in one import: SCB's RegSO table for all of Sweden over 15 years is about 50,000.
MAX_VALUES = 250_000

QUANTUM = Decimal(1).scaleb(-VALUE_DECIMALS)
VALUE_LIMIT = Decimal(10) ** (VALUE_MAX_DIGITS - VALUE_DECIMALS)
NUMBER = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)")
# How Swedish official statistics write a cell without a number (SCB's and Brå's legends).
SUPPRESSED_MARKS = {"..", "...", "..c", ":"}
MISSING_MARKS = {"", "."}
ZERO_MARKS = {"-", "–"}  # SCB: "noll", nothing to report


class FileProblem(Exception):
    """The file as a whole cannot be used: unreadable, empty, too large, wrong columns."""


LINE, VALUE, EVENT = "line", "value", "event"


@dataclass
class RowError:
    line: int | None  # the line (or value, or event) in the file; None for the whole file
    message: str
    unit: str = LINE

    @property
    def where(self):
        """Return where in the file: "line 12", "value 7" (JSON-stat), "event 3" (Police)."""
        if self.line is None:
            return _("the whole file")
        if self.unit == VALUE:
            return _("value %(n)s") % {"n": self.line}
        if self.unit == EVENT:
            return _("event %(n)s") % {"n": self.line}
        return _("line %(n)s") % {"n": self.line}

    def __str__(self):
        return f"{capfirst(self.where)}: {self.message}"


@dataclass(frozen=True)
class IndicatorSpec:
    """An indicator as a file describes it: found by slug, made from the rest if new."""

    slug: str
    name: str = ""
    unit: str = ""
    theme: str = Indicator.Theme.OTHER
    direction: str = Indicator.Direction.NEUTRAL
    source: str = ""
    source_url: str = ""
    licence: str = ""
    description: str = ""
    method: str = ""
    kommun_id: int | None = None  # the kommun that defines it; None for a national one

    def fields(self):
        return {
            "kommun_id": self.kommun_id,
            "name": self.name or self.slug,
            "unit": self.unit,
            "theme": self.theme,
            "direction": self.direction,
            "source": self.source,
            "source_url": self.source_url,
            "licence": self.licence,
            "description": self.description,
            "method": self.method,
        }


@dataclass
class ParsedValue:
    line: int
    indicator: IndicatorSpec
    place: Place
    period: Period
    value: Decimal | None
    status: str
    note: str = ""


@dataclass
class Parsed:
    """What a parser read: values not yet matched to areas, row errors, notes."""

    values: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    rows: int = 0
    source: str = ""
    events: list = field(default_factory=list)  # Police events, counted when checked
    covers: tuple | None = None  # first and last published Police event

    unit: str = LINE  # what the line numbers count

    def error(self, line, message):
        self.errors.append(RowError(line, message, self.unit))


def decode(data):
    """Return the text of an upload: UTF-8 (with or without a byte-order mark), UTF-16 with
    one, or, as older PxWeb exports are, Windows-1252. Raises FileProblem for empty, huge or
    binary files."""
    check_size(len(data))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not data.startswith(
        codecs.BOM_UTF32_LE
    ):
        try:
            return data.decode("utf-16")  # Excel's "Unicode text"
        except UnicodeDecodeError as e:
            raise FileProblem(_("This is not a text file.")) from e
    if b"\x00" in data[:4096]:
        raise FileProblem(_("This is not a text file."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as e:
        raise FileProblem(_("The file is neither UTF-8 nor Windows-1252 text.")) from e


def read_json(data):
    """Return the JSON a file holds; raise FileProblem when it is not JSON."""
    try:
        return json.loads(decode(data))
    except json.JSONDecodeError as e:
        raise FileProblem(
            _("This is not JSON: %(error)s (line %(line)s).") % {"error": e.msg, "line": e.lineno}
        ) from e
    except RecursionError as e:
        raise FileProblem(_("The JSON is nested too deeply.")) from e


def check_size(size):
    if size == 0:
        raise FileProblem(_("The file is empty."))
    if size > MAX_IMPORT_BYTES:
        raise FileProblem(
            _("The file is larger than %(max)s MB. Split it, or import fewer years or areas.")
            % {"max": MAX_IMPORT_MEGABYTES}
        )


def read_cell(text):
    """Return (value, status) for a cell: a number, or a mark for a cell without one.

    ".." (and "...", "..C", ":") is suppressed by the source, an empty cell or "." is missing;
    both are stored as unknown, never as zero. "-" is SCB's mark for nothing (zero).
    Raises ValueError with a message for anything else."""
    raw = (text or "").strip()
    mark = raw.casefold()
    if mark in SUPPRESSED_MARKS:
        return None, IndicatorValue.Status.SUPPRESSED
    if mark in MISSING_MARKS:
        return None, IndicatorValue.Status.MISSING
    if mark in ZERO_MARKS:
        return Decimal(0), IndicatorValue.Status.REPORTED
    return to_decimal(raw), IndicatorValue.Status.REPORTED


def to_decimal(raw):
    """Read "1 234", "12,5", "12.5" or a JSON number; raise ValueError with a message."""
    if isinstance(raw, bool):
        raise ValueError(_("“%(value)s” is not a number.") % {"value": raw})
    text = str(raw).strip()
    for space in (" ", "\u00a0", "\u202f", "\u2009"):
        text = text.replace(space, "")
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    text = text.replace("\u2212", "-")
    if not NUMBER.fullmatch(text):
        raise ValueError(_("“%(value)s” is not a number.") % {"value": str(raw).strip()[:40]})
    try:
        number = Decimal(text)
    except InvalidOperation as e:
        raise ValueError(_("“%(value)s” is not a number.") % {"value": text[:40]}) from e
    if abs(number) >= VALUE_LIMIT:
        raise ValueError(_("%(value)s is too large to store.") % {"value": text[:40]})
    return number.quantize(QUANTUM, rounding=ROUND_HALF_UP)


def quoted(names):
    """Return names in the reader's quotation marks, joined by commas."""
    return ", ".join(_("“%(name)s”") % {"name": name} for name in names)


def make_slug(text, limit=100):
    """Return a slug that keeps the words apart: "Andel 0–19 år" → "andel-0-19-ar"."""
    return slugify(re.sub(r"[–—/_]", "-", text or ""))[:limit]


def count_note(count, singular, plural):
    """Return a note such as "3 rows for other municipalities were skipped"."""
    return ngettext(singular, plural, count) % {"count": count}


class Progress:
    """A progress bar on stderr for long files: a few lines, no dependency.

    Draws only for more than `threshold` steps, and only when told to (the commands)."""

    def __init__(self, label, stream=None, threshold=2000, width=30):
        self.label, self.stream = label, stream or sys.stderr
        self.threshold, self.width = threshold, width
        self.total, self.shown = 0, -1

    def __call__(self, done, total):
        if total <= self.threshold:
            return
        percent = min(100, done * 100 // total)
        if percent == self.shown:
            return
        self.shown = percent
        filled = self.width * percent // 100
        bar = "#" * filled + "-" * (self.width - filled)
        end = "\n" if done >= total else ""
        self.stream.write(f"\r{self.label} [{bar}] {percent:3d} % ({done}/{total}){end}")
        self.stream.flush()


def no_progress(done, total):
    pass
