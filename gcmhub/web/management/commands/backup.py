import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from gcmhub.web import backup as backups


class Command(BaseCommand):
    help = (
        "Write the database, every upload and a manifest to one .tar.gz file (safe while the "
        "site runs; safe to run from cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            type=Path,
            help="The file to write, or a folder for gcmhub-<UTC time>.tar.gz (default: "
            "VAR_DIR/backups).",
        )

    def handle(self, *args, path=None, **options):
        if path is None or path.is_dir():
            now = datetime.datetime.now(datetime.UTC)
            folder = path or Path(settings.VAR_DIR) / "backups"
            path = folder / f"gcmhub-{now:%Y%m%dT%H%M%SZ}.tar.gz"
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        try:
            manifest = backups.backup(path)
        except backups.BackupError as error:
            raise CommandError(error) from error
        size = path.stat().st_size / 1e6
        self.stdout.write(f"Backed up {backups.describe(manifest)} to {path} ({size:.1f} MB).")
