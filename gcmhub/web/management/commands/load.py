import json

from django.core.management.base import BaseCommand, CommandError

from gcmhub.bench import load


class Command(BaseCommand):
    help = (
        "Serve the current database with gunicorn on 127.0.0.1 and let simulated users browse, "
        "search and submit pledge drafts; report errors, latencies and whether every "
        "acknowledged submission is stored whole. Exits with status 1 when it is not so."
    )

    def add_arguments(self, parser):
        parser.add_argument("--users", type=int, default=200, help="Simulated users at once.")
        parser.add_argument("--seconds", type=float, default=60, help="How long they act.")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes.")
        parser.add_argument(
            "--threads",
            type=int,
            default=1,
            help="Threads per worker. With one, SQLite has at most one writer per worker waiting "
            "for its write lock; with many, writers can wait past its busy timeout.",
        )
        parser.add_argument(
            "--think",
            type=float,
            nargs=2,
            default=load.THINK,
            metavar=("LEAST", "MOST"),
            help="Seconds a user pauses between two actions (chosen at random between the two).",
        )
        parser.add_argument(
            "--keep", action="store_true", help="Keep the pledges submitted (removed otherwise)."
        )
        parser.add_argument(
            "--json", dest="json_file", metavar="FILE", help="Also write the report to FILE."
        )

    def handle(self, *args, users, seconds, workers, threads, think, keep, json_file, **options):
        report = load.run(
            users=users,
            seconds=seconds,
            workers=workers,
            threads=threads,
            think=tuple(think),
            keep=keep,
        )
        if json_file:
            with open(json_file, "w") as file:
                json.dump(report, file, indent=2, ensure_ascii=False)
        self._print(report)
        if load.failed(report):
            raise CommandError("The load run saw errors or lost submissions.")

    def _print(self, report: dict) -> None:
        write = self.stdout.write
        write(
            f"{report['users']} users for {report['seconds']} s (pauses of "
            f"{report['think'][0]}–{report['think'][1]} s) against gunicorn with "
            f"{report['workers']} workers (threads: {report['threads']}) on {report['database']}; "
            f"the last answer came after {report['elapsed']} s"
        )
        warm_up = report["warm_up"]
        write(
            f"Warm-up: {warm_up['requests']} requests in {warm_up['seconds']} s "
            f"(p95 {warm_up['p95_ms']} ms), {warm_up['errors']} errors"
        )
        write(
            f"{'action':<8} {'requests':>9} {'per s':>7} {'errors':>7} {'p50 ms':>8} {'p95 ms':>8}"
        )
        for action, figures in [*report["actions"].items(), ("all", report)]:
            write(
                f"{action:<8} {figures['requests']:>9} {figures['rps']:>7} {figures['errors']:>7} "
                f"{figures['p50_ms']:>8} {figures['p95_ms']:>8}"
            )
        if report["errors_by_kind"]:
            write(f"Errors by kind: {report['errors_by_kind']}")
        if report["server_log_errors"]:
            write(f"Exceptions in the server's log: {report['server_log_errors']}")
        submissions = report["submissions"]
        write(
            f"Submissions: {submissions['sent']} sent, {submissions['acknowledged']} "
            f"acknowledged, {submissions['stored']} stored, {len(submissions['lost'])} lost, "
            f"{len(submissions['duplicates'])} stored twice, "
            f"{len(submissions['problems'])} half-written; "
            f"{report['removed']} removed afterwards."
        )
        for problem in submissions["problems"][:10]:
            write(f"  {problem}")
