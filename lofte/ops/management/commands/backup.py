from django.core.management.base import BaseCommand, CommandError

from lofte.ops.archive import BackupError
from lofte.ops.backup import describe, make_backup


class Command(BaseCommand):
    help = (
        "Write the database and the uploaded files to lofte-backup-<UTC time>.tar.gz in the "
        "directory (default: the current one), consistently, while the site runs."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", nargs="?", default=".", help="where to write the backup")

    def handle(self, *args, directory, **options):
        try:
            backup = make_backup(directory)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if backup.missing:
            shown = ", ".join(backup.missing[:5]) + (" …" if len(backup.missing) > 5 else "")
            self.stderr.write(
                f"Warning: {len(backup.missing)} files the database refers to are not in the "
                f"file storage (MEDIA_ROOT), so they are not in the backup either: {shown}"
            )
        if options["verbosity"] >= 1:
            size = backup.path.stat().st_size / 1e6
            self.stdout.write(
                f"Wrote {backup.path} ({size:.1f} MB): {describe(backup.manifest, backup.files)}"
            )
