"""`manage.py backup FILE`: a consistent copy of the database, taken while the site serves."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.backups import BackupError, database_backup


class Command(BaseCommand):
    help = "Write a checked, consistent copy of the database to FILE (SQLite: online backup; PostgreSQL: pg_dump)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="Where to write the backup; replaced only by a good copy.")

    def handle(self, *args, file, **options):
        try:
            database_backup(path=file)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backup written to {file} and checked.")
