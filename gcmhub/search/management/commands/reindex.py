from django.apps import apps
from django.core.management.base import BaseCommand, CommandError

from gcmhub.search import registry, services


class Progress:
    """A progress line on STREAM: redrawn in place on a terminal, every 10% otherwise."""

    def __init__(self, stream, label: str):
        self.stream, self.label = stream, label
        self.is_tty = stream.isatty()
        self.shown = -1  # the last tenth printed (plain output)

    def __call__(self, done: int, total: int) -> None:
        percent = done * 100 // total if total else 100
        line = f"{self.label}  {done}/{total}  {percent}%"
        if self.is_tty:
            self.stream.write(f"\r{line}", ending="")
            self.stream.flush()
        elif percent // 10 > self.shown:
            self.shown = percent // 10
            self.stream.write(line)

    def finish(self) -> None:
        if self.is_tty:
            self.stream.write("")


class Command(BaseCommand):
    help = "Rebuild the search index of one model (app_label.model) or of every searchable model."

    def add_arguments(self, parser):
        parser.add_argument("model", nargs="?", help="e.g. pledges.pledge (default: all)")

    def handle(self, *args, model=None, **options):
        if model:
            try:
                models = [apps.get_model(model)]
            except (LookupError, ValueError) as error:
                raise CommandError(f"Unknown model {model!r}.") from error
            if not registry.is_registered(models[0]):
                raise CommandError(f"{model} is not searchable.")
        else:
            models = list(registry.registered())
        counts = {}
        for each in models:
            progress = Progress(self.stdout, registry.kind(each))
            counts[registry.kind(each)] = services.reindex(each, progress=progress)
            progress.finish()
        total = sum(counts.values())
        details = ", ".join(f"{kind} {count}" for kind, count in counts.items())
        self.stdout.write(f"Indexed {total} records ({details or 'no searchable models'}).")
