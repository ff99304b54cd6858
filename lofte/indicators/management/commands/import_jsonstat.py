from lofte.indicators.importing import options_for
from lofte.indicators.importing.command import ImportCommand, IndicatorArguments
from lofte.indicators.models import IndicatorImport


class Command(ImportCommand):
    help = (
        "Import a JSON-stat 2.0 dataset (SCB's PxWebApi and others): each measure (the "
        "metric dimension) becomes an indicator, or all go to --indicator when there is one. "
        "All values or none are saved."
    )
    format = IndicatorImport.Format.JSONSTAT

    def add_arguments(self, parser):
        super().add_arguments(parser)
        IndicatorArguments.add(parser, required=False)

    def import_options(self, options):
        return options_for(
            indicator=IndicatorArguments.spec(options), area_kind=options["area_kind"]
        )
