from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from gcmhub.web import backup as backups


class Command(BaseCommand):
    help = (
        "Replace the database and every upload with a backup made by `manage.py backup`, then "
        "check row counts and checksums against its manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The .tar.gz file written by backup.")
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(self, *args, path, interactive, **options):
        try:
            manifest = backups.inspect(path)
            if interactive:
                self._confirm(path, manifest)
            backups.restore(path)
        except backups.BackupError as error:
            raise CommandError(error) from error
        self.stdout.write(
            f"Restored {backups.describe(manifest)} from {path} (made {manifest['created_at']}); "
            "row counts and upload checksums match its manifest."
        )

    def _confirm(self, path, manifest):
        database = connection.settings_dict["NAME"]
        answer = input(
            f"{path} was made {manifest['created_at']} and holds {backups.describe(manifest)}.\n"
            f"Restoring it replaces every record of {database} and every upload. "
            "Type 'yes' to go on: "
        )
        if answer != "yes":
            raise CommandError("Restore cancelled; nothing was changed.")
