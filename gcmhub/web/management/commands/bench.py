import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from gcmhub.bench import dataset, export, pages, report, throughput, weight

QUICK_SCALE = 200
QUICK_REQUESTS = 5
QUICK_CAP = 2.0
THROUGHPUT_URL = "/en/"


class Command(BaseCommand):
    help = (
        "Measure every public page type (server time beside a bare view and the page's own SQL, "
        "queries, first-visit weight), the CSV export of every published pledge and a cached "
        "page's throughput under gunicorn, beside their budgets. Seeds an empty database first."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=100_000,
            help="Published pledges to seed into an empty database (a database with fewer is "
            "refused).",
        )
        parser.add_argument(
            "--requests",
            type=int,
            default=30,
            help="Timed requests per page at least; more until the p95 is stable or "
            f"{pages.CAP_SECONDS:.0f} s have passed.",
        )
        parser.add_argument(
            "--json", type=Path, help="Where to write the figures (var/bench/bench-<db>.json)."
        )
        parser.add_argument("--no-throughput", action="store_true", help="Do not start gunicorn.")
        parser.add_argument(
            "--pages", help="Page types to measure, separated by commas (default: every one)."
        )
        parser.add_argument(
            "--quick",
            action="store_true",
            help=f"A smoke run: {QUICK_SCALE} pledges if the database is empty, "
            f"{QUICK_REQUESTS} requests per page, a short throughput run.",
        )
        parser.add_argument(
            "--strict", action="store_true", help="Exit with status 1 if a budget is not held."
        )

    def handle(self, *args, **options):
        if settings.DEBUG:
            raise CommandError(
                "Run the bench with DEBUG=false (and SECRET_KEY=bench SECURE_SSL_REDIRECT=false): "
                "with DEBUG on, Django logs every query and the timings mean nothing."
            )
        quick = options["quick"]
        minimum = QUICK_REQUESTS if quick else options["requests"]
        cap = QUICK_CAP if quick else pages.CAP_SECONDS
        dataset.ensure(QUICK_SCALE if quick else options["scale"], verbosity=options["verbosity"])
        results = {
            "machine": report.machine(),
            "dataset": dataset.summary(),
            "budgets": report.BUDGETS,
            "pages": self._pages(options["pages"], minimum=minimum, cap=cap),
        }
        self.stdout.write("CSV export: a tenth of the pledges, then all of them ...")
        results["export"] = export.compare()
        results["throughput"] = None if options["no_throughput"] else self._throughput(quick)
        results["machine"]["load_average_end"] = os.getloadavg()[0]
        self.stdout.write(report.table(results))
        path = options["json"] or report.default_path()
        report.write(results, path)
        self.stdout.write(f"Figures written to {path}.")
        failed = report.failures(results)
        if failed and options["strict"]:
            raise CommandError("Budgets not held: " + "; ".join(failed))

    def _pages(self, names: str | None, *, minimum: int, cap: float) -> list[dict]:
        types = pages.page_types()
        if names:
            wanted = [name.strip() for name in names.split(",") if name.strip()]
            unknown = set(wanted) - {page.name for page in types}
            if unknown:
                known = ", ".join(page.name for page in types)
                raise CommandError(f"Unknown page types: {', '.join(sorted(unknown))} ({known}).")
            types = [page for page in types if page.name in wanted]
        rows = []
        with pages.serving() as client:
            for page in types:
                row = pages.measure(client, page, minimum=minimum, cap=cap)
                row["weight"] = weight.page_weight(client, page.urls[0])
                self.stdout.write(
                    f"{page.name}: n={row['server']['n']}, p95 {row['server']['p95_ms']:.1f} ms"
                )
                rows.append(row)
        return rows

    def _throughput(self, quick: bool) -> dict:
        self.stdout.write(f"Throughput of {THROUGHPUT_URL} under gunicorn ...")
        return throughput.measure(THROUGHPUT_URL, seconds=3 if quick else 10)
