"""What the `lofte import_*` commands share: the file, the kommun, dry runs, the report."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lofte.indicators.actions import ImportConflict, record_import, save_import
from lofte.indicators.importing import FileProblem, IndicatorSpec, Progress, check_file, check_size
from lofte.indicators.models import Indicator, IndicatorImport
from lofte.indicators.places import PlaceFinder
from lofte.text import format_decimal

# How many row errors a command prints before it says how many more there are.
SHOWN_ERRORS = 50


def describe(plan):
    """Return what a plan would do, as lines for a person."""
    lines = [
        ngettext("%(count)s row read.", "%(count)s rows read.", plan.rows) % {"count": plan.rows},
        _("%(new)s new values, %(changed)s changed, %(unchanged)s unchanged.")
        % {"new": plan.new, "changed": plan.changed, "unchanged": plan.unchanged},
    ]
    if plan.new_indicators:
        lines.append(
            _("New indicators: %(names)s.")
            % {"names": ", ".join(s.name or s.slug for s in plan.new_indicators)}
        )
    if plan.new_areas:
        lines.append(
            ngettext(
                "%(count)s new area: %(names)s.",
                "%(count)s new areas: %(names)s.",
                len(plan.new_areas),
            )
            % {
                "count": len(plan.new_areas),
                "names": ", ".join(str(a) for a in plan.new_areas[:20]),
            }
            + (" …" if len(plan.new_areas) > 20 else "")
        )
    for v in plan.changes[:SHOWN_ERRORS]:
        lines.append(
            _("Changed: %(indicator)s, %(area)s, %(period)s: %(old)s → %(new)s")
            % {
                "indicator": v.indicator.name,
                "area": v.area,
                "period": v.period.label,
                "old": _shown(v.old.value, v.old.get_status_display()),
                "new": _shown(v.value, v.status),
            }
        )
    return lines + list(plan.notes)


def _shown(value, status):
    return status if value is None else format_decimal(value, comma=False)


class ImportCommand(BaseCommand):
    """A command that imports one file of its format, all or nothing."""

    format = None

    def add_arguments(self, parser):
        parser.add_argument("file", help="The file to import.")
        parser.add_argument(
            "--kommun",
            help="Import only the rows about this municipality (SCB code or name); the rest "
            "are skipped and counted.",
        )
        parser.add_argument(
            "--create-areas",
            action="store_true",
            help="Create RegSO, DeSO and city areas the file names but Löfte lacks (without "
            "a boundary). Without it, an unknown area is a row error. Municipality and county "
            "areas are always created from the register of municipalities.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and report; save nothing."
        )

    def import_options(self, options):
        """Return the format's options (see importing.options_for)."""
        raise NotImplementedError

    def handle(self, *args, file, kommun, create_areas, dry_run, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("There is no file %(path)s.") % {"path": path})
        try:
            check_size(path.stat().st_size)
        except FileProblem as e:
            raise CommandError(str(e)) from e
        data = path.read_bytes()
        scope = self.kommun(kommun)
        import_options = self.import_options(options) | {"create_areas": create_areas}
        progress = Progress(path.name, stream=_Stream(self.stderr))
        try:
            plan = check_file(
                self.format, data, options=import_options, scope=scope, progress=progress
            )
        except FileProblem as e:
            raise CommandError(str(e)) from e
        self.report(plan, path.name, data, import_options, scope, dry_run)

    def report(self, plan, name, data, import_options, scope, dry_run, via=None):
        if plan.errors:
            for error in plan.errors[:SHOWN_ERRORS]:
                self.stderr.write(str(error))
            if len(plan.errors) > SHOWN_ERRORS:
                self.stderr.write(_("… and %(n)s more.") % {"n": len(plan.errors) - SHOWN_ERRORS})
            raise CommandError(
                ngettext(
                    "%(count)s row is wrong. Nothing was saved.",
                    "%(count)s rows are wrong. Nothing was saved.",
                    len(plan.errors),
                )
                % {"count": len(plan.errors)}
            )
        for line in describe(plan):
            self.stdout.write(line)
        if dry_run:
            self.stdout.write(_("Dry run: nothing was saved."))
            return None
        record = record_import(
            format=self.format,
            via=via or IndicatorImport.Via.COMMAND,
            data=data,
            file_name=name,
            kommun=scope,
            options=import_options,
        )
        try:
            save_import(plan, record)
        except ImportConflict as e:
            raise CommandError(
                _(
                    "Another import saved the same values at the same time. Nothing was saved; "
                    "run it again."
                )
            ) from e
        self.stdout.write(self.style.SUCCESS(_("Saved as import %(id)s.") % {"id": record.pk}))
        return record

    def kommun(self, text):
        if not text:
            return None
        found = PlaceFinder().kommun(text)
        if found is None:
            raise CommandError(_("“%(kommun)s” is not a municipality.") % {"kommun": text})
        return found


class IndicatorArguments:
    """--indicator and what defines a new one, for formats whose file names no measure."""

    @staticmethod
    def add(parser, required):
        parser.add_argument(
            "--indicator",
            required=required,
            help="The indicator's slug, e.g. scb-socioekonomisk-omradestyp. A new one needs "
            "--name.",
        )
        parser.add_argument("--name", help="Name of a new indicator.")
        parser.add_argument("--unit", default="", help="Unit of a new indicator.")
        parser.add_argument(
            "--theme", choices=Indicator.Theme.values, default=Indicator.Theme.OTHER
        )
        parser.add_argument(
            "--direction", choices=Indicator.Direction.values, default=Indicator.Direction.NEUTRAL
        )
        parser.add_argument("--source", default="", help="Source of a new indicator.")
        parser.add_argument("--source-url", default="")
        parser.add_argument("--licence", default="", help="Licence of a new indicator's data.")
        parser.add_argument(
            "--area-kind",
            choices=["regso", "deso", "stadsomrade", "mellanomrade", "own"],
            default="regso",
            help="What “Kommun (Area)” labels name (regso).",
        )

    @staticmethod
    def spec(options):
        slug = options.get("indicator")
        if not slug:
            return None
        if not Indicator.objects.filter(slug=slug).exists() and not options.get("name"):
            raise CommandError(
                _(
                    "There is no indicator “%(slug)s”; give --name (and --unit, --theme …) to "
                    "create it."
                )
                % {"slug": slug}
            )
        return IndicatorSpec(
            slug=slug,
            name=options.get("name") or "",
            unit=options["unit"],
            theme=options["theme"],
            direction=options["direction"],
            source=options["source"],
            source_url=options["source_url"],
            licence=options["licence"],
        )


class _Stream:
    """The command's stderr, written without the line end Django adds."""

    def __init__(self, wrapper):
        self.wrapper = wrapper

    def write(self, text):
        self.wrapper.write(text, ending="")

    def flush(self):
        self.wrapper.flush()
