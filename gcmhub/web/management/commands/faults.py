import json

from django.core.management.base import BaseCommand, CommandError

from gcmhub.bench import faults


class Command(BaseCommand):
    help = (
        "Serve the current database with gunicorn on 127.0.0.1, SIGKILL it in the middle of a "
        "stream of pledge submissions, start it again, and check that no submission is lost or "
        "half-written. Exits with status 1 when one is."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--before", type=int, default=12, help="Submissions acknowledged before the kill."
        )
        parser.add_argument(
            "--after", type=int, default=8, help="Submissions acknowledged after the restart."
        )
        parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes.")
        parser.add_argument(
            "--keep", action="store_true", help="Keep the pledges submitted (removed otherwise)."
        )
        parser.add_argument(
            "--json", dest="json_file", metavar="FILE", help="Also write the report to FILE."
        )

    def handle(self, *args, before, after, workers, keep, json_file, **options):
        report = faults.run(before=before, after=after, workers=workers, keep=keep)
        if json_file:
            with open(json_file, "w") as file:
                json.dump(report, file, indent=2, ensure_ascii=False)
        submissions = report["submissions"]
        self.stdout.write(
            f"Killed with {report['acknowledged_at_kill']} submissions acknowledged, "
            f"{report['errors_by_kind'].get('connection', 0)} requests cut, back in "
            f"{report['restart_seconds']} s on {report['database']}: {submissions['sent']} sent, "
            f"{submissions['acknowledged']} acknowledged, {submissions['stored']} stored, "
            f"{len(submissions['lost'])} lost, {len(submissions['duplicates'])} stored twice, "
            f"{len(submissions['problems'])} half-written."
        )
        for problem in submissions["problems"][:10]:
            self.stdout.write(f"  {problem}")
        if faults.failed(report):
            raise CommandError("A submission was lost or half-written after the kill.")
