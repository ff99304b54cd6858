"""What the two import commands share: reading the file, the progress bar, the report."""

import datetime
import sys
from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _


def read_file(path):
    try:
        return Path(path).read_bytes()
    except OSError as e:
        raise CommandError(
            _("Cannot read %(path)s: %(error)s") % {"path": path, "error": e.strerror}
        ) from None


def parse_day(value, option):
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            _("%(option)s must be a date like 2025-01-01.") % {"option": option}
        ) from None


class ProgressBar:
    """A one-line bar on stderr, for files with many features, only on a terminal."""

    def __init__(self, stream=None, minimum=50):
        self.stream = stream or sys.stderr
        self.minimum = minimum
        self.shown = -1

    def __call__(self, done, total):
        if total < self.minimum or not self.stream.isatty():
            return
        percent = done * 100 // total
        if percent == self.shown:
            return
        self.shown = percent
        bar = "#" * (percent // 4)
        self.stream.write(f"\r[{bar:<25}] {done}/{total}")
        if done == total:
            self.stream.write("\n")
        self.stream.flush()


def report(command, result):
    """Write what an import did, or raise CommandError with every problem."""
    if result.problems:
        lines = [str(p) for p in result.problems]
        raise CommandError(
            _("Nothing was imported: %(count)s problem(s).") % {"count": len(lines)}
            + "\n"
            + "\n".join(lines)
        )
    for number, reason in result.repaired:
        command.stdout.write(
            _("Feature %(number)s: repaired an invalid boundary (%(reason)s).")
            % {"number": number, "reason": reason}
        )
    summary = _(
        "Imported %(total)s areas: %(created)s new, %(added)s first boundaries, "
        "%(replaced)s boundaries replaced (the old ones kept as history), %(unchanged)s unchanged."
    ) % {
        "total": len(result.areas),
        "created": result.created,
        "added": result.added,
        "replaced": result.replaced,
        "unchanged": result.unchanged,
    }
    command.stdout.write(command.style.SUCCESS(summary))
