from django.conf import settings
from django.core.management.base import CommandError

from lofte.indicators.fetching import EVENTS_URL, FetchStopped, events_url, fetch_events
from lofte.indicators.importing import (
    COUNT_COUNTIES,
    SKIP_COUNTIES,
    FileProblem,
    check_file,
    options_for,
)
from lofte.indicators.importing.command import ImportCommand
from lofte.indicators.models import IndicatorImport


class Command(ImportCommand):
    help = (
        "Fetch the latest events (at most 500) from the Police's API and import them as "
        "counts per municipality, type and week. Obeys the API's rules: a User-Agent naming "
        "Löfte and LOFTE_CONTACT, HTTPS, at least 10 s between calls, at most 60 an hour and "
        "1,440 a day (kept in the database across runs), and stops for good on 404. Run it "
        "from a scheduler, e.g. every hour."
    )
    format = IndicatorImport.Format.POLICE_EVENTS

    def add_arguments(self, parser):
        parser.add_argument(
            "--location",
            action="append",
            default=[],
            help="Only events in this place (a municipality or county name); may be repeated.",
        )
        parser.add_argument(
            "--type", action="append", default=[], help="Only events of this type (repeatable)."
        )
        parser.add_argument("--date", default="", help="Only events of a day or month: 2026-08.")
        parser.add_argument("--contact", help="Who the Police may contact (LOFTE_CONTACT).")
        parser.add_argument("--url", default=EVENTS_URL, help="The API's address.")
        parser.add_argument(
            "--counties",
            choices=[COUNT_COUNTIES, SKIP_COUNTIES],
            default=COUNT_COUNTIES,
            help="Events placed only in a county: count them for the county, or skip them.",
        )
        parser.add_argument("--kommun", help="Import only this municipality's events.")
        parser.add_argument("--dry-run", action="store_true", help="Fetch and check; save nothing.")

    def handle(
        self, *args, location, type, date, contact, url, counties, kommun, dry_run, **options
    ):
        scope = self.kommun(kommun)
        address = events_url(url, locations=location, types=type, date=date)
        try:
            data = fetch_events(address, contact=contact or settings.LOFTE_CONTACT)
        except FetchStopped as e:
            raise CommandError(str(e)) from e
        import_options = options_for(counties=counties)
        try:
            plan = check_file(self.format, data, options=import_options, scope=scope)
        except FileProblem as e:
            raise CommandError(str(e)) from e
        self.report(
            plan, address, data, import_options, scope, dry_run, via=IndicatorImport.Via.FETCH
        )
