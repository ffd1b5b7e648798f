"""`manage.py restore FILE`: check a backup, then replace the database's content with it."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.backups import BackupError, backup_check, database_restore


class Command(BaseCommand):
    help = "Check FILE, then replace everything in the database with it."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="A file written by `manage.py backup`.")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive",
                            help="Do not ask for confirmation.")

    def handle(self, *args, file, interactive, **options):
        try:
            backup_check(path=file)
            if interactive and input(
                f"This replaces everything in the database with {file}. Type 'yes' to go on: "
            ) != "yes":
                raise CommandError("Restore cancelled; nothing was changed.")
            database_restore(path=file)
        except BackupError as error:
            raise CommandError(f"{error} Nothing was changed.") from error
        self.stdout.write(f"Database restored from {file}.")
