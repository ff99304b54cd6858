import tempfile

from django.core.management.base import BaseCommand, CommandError

from lofte.ops.archive import BackupError
from lofte.ops.backup import describe
from lofte.ops.restore import check_backup, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by lofte backup into this installation, which must be empty: "
        "a new database and an empty MEDIA_ROOT. Everything is checked before anything is "
        "written; then the database is migrated to this version of Löfte."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="a lofte-backup-….tar.gz")
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only read the backup and check every checksum; change nothing.",
        )

    def handle(self, *args, archive, check, **options):
        try:
            if check:
                with tempfile.TemporaryDirectory(prefix="lofte-check-") as scratch:
                    checked = check_backup(archive, scratch)
            else:
                checked = restore_backup(archive)
        except BackupError as error:
            raise CommandError(str(error)) from error
        what = describe(checked.manifest, len(checked.media))
        if check:
            self.stdout.write(f"{archive} is whole: {what}")
        else:
            self.stdout.write(f"Restored {archive}: {what}")
            if checked.migrated:
                self.stdout.write(f"Applied {checked.migrated} migrations of this version.")
