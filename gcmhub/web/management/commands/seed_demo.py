from django.core.management.base import BaseCommand
from django.db import reset_queries

from gcmhub.accounts import demo as accounts_demo
from gcmhub.declarations import demo as declarations_demo
from gcmhub.forum import demo as forum_demo
from gcmhub.pledges import demo as pledges_demo
from gcmhub.practices import demo as practices_demo
from gcmhub.reviews import demo as reviews_demo
from gcmhub.search import services as search
from gcmhub.web.progress import ProgressBar


class Command(BaseCommand):
    help = (
        "Create the demo accounts, organisations, pledges, practices, reviews, forum and outcome "
        "declarations, and index them for search (safe to run again)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=200,
            help="How many published pledges to create; practices are half as many (at least "
            "150). Large scales also bring organisations (one per 50 pledges), voluntary reviews "
            "(one per 500) and side events (one per 400). Progress is shown unless -v 0.",
        )

    def handle(self, *args, scale, verbosity, **options):
        self.verbosity = verbosity
        accounts = accounts_demo.seed()
        organisations = accounts_demo.seed_organisations(scale)
        pledges = self._step(
            "pledges", lambda progress: pledges_demo.seed(scale, progress=progress)
        )
        practices = self._step(
            "practices",
            lambda progress: practices_demo.seed(max(150, scale // 2), progress=progress),
        )
        reviews = self._step(
            "reviews", lambda progress: reviews_demo.seed(scale=scale, progress=progress)
        )
        sessions = forum_demo.seed(scale=scale)
        declarations = declarations_demo.seed()
        self.stdout.write(
            f"Demo organisations created: {organisations}. Demo pledges created: {pledges}. "
            f"Demo practices created: {practices}. Demo reviews created: {reviews}. "
            f"Demo forum sessions created: {sessions}. "
            f"Demo outcome documents created: {declarations}."
        )
        # demo rows are created directly, past the lifecycle that indexes
        if pledges or practices or reviews:
            indexed = self._step("search index", lambda progress: search.reindex(progress=progress))
            self.stdout.write(f"Records in the search index: {indexed}.")
        self.stdout.write(f"Demo accounts (password {accounts_demo.DEMO_PASSWORD}):")
        listed = accounts + practices_demo.ACCOUNTS
        width = max(len(email) for email, _role in listed)
        for email, role in listed:
            self.stdout.write(f"  {email:<{width}} {role}")

    def _step(self, label: str, step):
        """STEP(progress) under a progress bar called LABEL (none with -v 0)."""
        bar = ProgressBar(self.stdout, label) if self.verbosity else None

        def progress(done: int, total: int) -> None:
            reset_queries()  # with DEBUG on, the SQL of every query kept: a gigabyte at scale
            if bar:
                bar(done, total)

        try:
            return step(progress)
        finally:
            if bar:
                bar.finish()
