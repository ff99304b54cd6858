from lofte.indicators.importing import options_for
from lofte.indicators.importing.command import ImportCommand, IndicatorArguments
from lofte.indicators.models import IndicatorImport


class Command(ImportCommand):
    help = (
        "Import an SCB PxWeb CSV export (wide: a column per period, or long: area, period, "
        "value) as values of one indicator, e.g. `lofte import_pxweb "
        "regso_socioekonomisk_index_2022.csv --indicator scb-socioekonomisk-omradestyp "
        "--kommun 1480`. All rows or none are saved."
    )
    format = IndicatorImport.Format.PXWEB

    def add_arguments(self, parser):
        super().add_arguments(parser)
        IndicatorArguments.add(parser, required=True)

    def import_options(self, options):
        return options_for(
            indicator=IndicatorArguments.spec(options), area_kind=options["area_kind"]
        )
