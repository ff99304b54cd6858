"""Import the Police's vulnerable areas (their GeoJSON file) and one year's classification."""

from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from lofte.areas.actions import import_vulnerable_areas
from lofte.areas.management.commands._importing import ProgressBar, parse_day, read_file, report


class Command(BaseCommand):
    help = (
        "Import the Police's vulnerable areas (e.g. uso_2025.geojson, in SWEREF 99 TM or "
        "WGS84) with their class for --year. Each area is placed in the municipality whose "
        "imported areas it overlaps most, so import the municipalities' areas first."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the Police's GeoJSON file")
        parser.add_argument("--year", type=int, required=True, help="the year of the lägesbild")
        parser.add_argument(
            "--valid-from", help="the first day for boundaries whose AKTUALITET_START is blank"
        )

    def handle(self, *args, **options):
        result = import_vulnerable_areas(
            read_file(options["file"]),
            year=options["year"],
            valid_from=parse_day(options["valid_from"], "--valid-from"),
            source=Path(options["file"]).name,
            progress=ProgressBar(),
        )
        report(self, result)
        self.stdout.write(
            _("%(count)s classified for %(year)s.")
            % {"count": result.classified, "year": options["year"]}
        )
