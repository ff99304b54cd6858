from lofte.indicators.importing import options_for
from lofte.indicators.importing.command import ImportCommand
from lofte.indicators.models import IndicatorImport


class Command(ImportCommand):
    help = (
        "Import Brå's reported crimes as CSV (year,area,crime_type,count,… or "
        "year,area_scheme,area,category,subcategory,count,…): one indicator per crime "
        "category; `..` and an empty count are stored as unknown, never as zero. All rows or "
        "none are saved."
    )
    format = IndicatorImport.Format.BRA

    def import_options(self, options):
        return options_for()
