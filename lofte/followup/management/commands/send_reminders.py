"""Remind actors who are late with their reports; meant for a daily scheduler (cron)."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from lofte.followup.reminders import send_overdue_reminders
from lofte.promises.models import Promise


class Command(BaseCommand):
    help = (
        "For every published promise, e-mail the editors of each organisation that is late "
        "with a report, unless it was reminded about that period in the last --days days."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=7,
            help="Do not remind again within this many days (default 7).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Print what would be sent; send nothing."
        )
        parser.add_argument(
            "--today", help="Judge lateness as of this date (YYYY-MM-DD); default today."
        )

    def handle(self, *args, days, dry_run, today, **options):
        if days < 0:
            raise CommandError("--days must be 0 or more.")
        if today:
            try:
                today = datetime.date.fromisoformat(today)
            except ValueError as exc:
                raise CommandError("--today must be a date like 2025-01-31.") from exc
        total = 0
        for promise in Promise.objects.filter(status=Promise.Status.PUBLISHED):
            results = send_overdue_reminders(promise, today, skip_days=days, dry_run=dry_run)
            for period, organisation, sent in results:
                where = f"{promise.slug}: {organisation.name}, {period.name}"
                if sent is None:
                    self.stdout.write(f"{where}: no editor with an e-mail address, skipped")
                elif dry_run:
                    self.stdout.write(f"{where}: would e-mail {sent}")
                else:
                    self.stdout.write(f"{where}: e-mailed {sent}")
                    total += sent
        if dry_run:
            self.stdout.write("Dry run: nothing was sent.")
        else:
            self.stdout.write(f"{total} e-mails sent.")
