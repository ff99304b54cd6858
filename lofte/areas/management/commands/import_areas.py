"""Import areas with boundaries from a GeoJSON file (WGS84 or SWEREF 99 TM)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from lofte.areas.actions import import_areas
from lofte.areas.management.commands._importing import ProgressBar, parse_day, read_file, report
from lofte.areas.models import Area
from lofte.kommuner.models import Kommun


class Command(BaseCommand):
    help = (
        "Import areas of one kind from a GeoJSON FeatureCollection in WGS84 or SWEREF 99 TM "
        "(EPSG:3006), mapping properties to name, code and municipality. All or nothing: any "
        "bad feature is reported with its number and properties, and nothing is saved."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the GeoJSON file")
        parser.add_argument("--kind", required=True, choices=Area.Kind.values)
        parser.add_argument("--name-field", required=True, help="the property with the name")
        parser.add_argument("--code-field", default="", help="the property with the code")
        where = parser.add_mutually_exclusive_group()
        where.add_argument("--kommun", help="the municipality code of every area (e.g. 1480)")
        where.add_argument("--kommun-field", default="", help="the property with it")
        parser.add_argument(
            "--valid-from", help="the first day the boundaries hold (YYYY-MM-DD; default today)"
        )

    def handle(self, *args, **options):
        kommun = None
        if options["kommun"]:
            code = options["kommun"].strip().zfill(4)
            kommun = Kommun.objects.filter(code=code).first()
            if kommun is None:
                raise CommandError(
                    _("%(code)s is not a municipality code.") % {"code": options["kommun"]}
                )
        result = import_areas(
            read_file(options["file"]),
            kind=options["kind"],
            name_field=options["name_field"],
            code_field=options["code_field"],
            kommun=kommun,
            kommun_field=options["kommun_field"],
            valid_from=parse_day(options["valid_from"], "--valid-from"),
            source=Path(options["file"]).name,
            progress=ProgressBar(),
        )
        report(self, result)
