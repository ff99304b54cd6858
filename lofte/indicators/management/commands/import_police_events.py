from lofte.indicators.importing import COUNT_COUNTIES, SKIP_COUNTIES, options_for
from lofte.indicators.importing.command import ImportCommand
from lofte.indicators.models import IndicatorImport


class Command(ImportCommand):
    help = (
        "Import events saved from the Police's API (https://polisen.se/api/events) as counts "
        "per municipality (or county), event type and ISO week. Each event is counted once, "
        "by its id, also across imports. All or nothing is saved."
    )
    format = IndicatorImport.Format.POLICE_EVENTS

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--counties",
            choices=[COUNT_COUNTIES, SKIP_COUNTIES],
            default=COUNT_COUNTIES,
            help="Events placed only in a county: count them for the county (count) or skip "
            "them (skip). They are never placed in a municipality or neighbourhood.",
        )

    def import_options(self, options):
        return options_for(counties=options["counties"])
