"""Delete personal data whose time is up; meant for a daily scheduler (cron)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from lofte.legal.retention import days, expired


class Command(BaseCommand):
    help = (
        "Delete event registrations some days after their event, unconfirmed subscriptions, "
        "rejected comments and accessibility problem reports once they are older than the "
        "KEEP_*_DAYS settings allow."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Print what would be deleted; delete nothing."
        )

    def handle(self, *args, dry_run, **options):
        kept = days()
        with transaction.atomic():
            for kind, rows in expired().items():
                if dry_run:
                    count = rows.count()
                else:
                    count = rows.delete()[1].get(rows.model._meta.label, 0)
                verb = "would delete" if dry_run else "deleted"
                self.stdout.write(f"{kind}: {verb} {count} (kept {kept[kind]} days)")
