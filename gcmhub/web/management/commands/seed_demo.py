from django.core.management.base import BaseCommand

from gcmhub.accounts import demo as accounts_demo
from gcmhub.declarations import demo as declarations_demo
from gcmhub.forum import demo as forum_demo
from gcmhub.pledges import demo as pledges_demo
from gcmhub.practices import demo as practices_demo
from gcmhub.reviews import demo as reviews_demo
from gcmhub.search import services as search


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
            help="How many published pledges to create; practices are half as many, at least "
            "150. With -v 2, progress is shown.",
        )

    def handle(self, *args, scale, verbosity, **options):
        accounts = accounts_demo.seed()
        pledges = pledges_demo.seed(scale)
        practices = practices_demo.seed(
            max(150, scale // 2), progress=self._progress("practices") if verbosity > 1 else None
        )
        reviews = reviews_demo.seed()
        sessions = forum_demo.seed()
        declarations = declarations_demo.seed()
        self.stdout.write(
            f"Demo pledges created: {pledges}. Demo practices created: {practices}. "
            f"Demo reviews created: {reviews}. Demo forum sessions created: {sessions}. "
            f"Demo outcome documents created: {declarations}."
        )
        # demo rows are created directly, past the lifecycle that indexes
        if pledges or practices or reviews:
            indexed = search.reindex(progress=self._progress("search") if verbosity > 1 else None)
            self.stdout.write(f"Records in the search index: {indexed}.")
        self.stdout.write(f"Demo accounts (password {accounts_demo.DEMO_PASSWORD}):")
        listed = accounts + practices_demo.ACCOUNTS
        width = max(len(email) for email, _role in listed)
        for email, role in listed:
            self.stdout.write(f"  {email:<{width}} {role}")

    def _progress(self, label: str):
        shown = set()

        def progress(done: int, total: int) -> None:
            step = (total, done * 10 // total if total else 10)
            if step not in shown:  # a line every tenth of the way (of each model, for search)
                shown.add(step)
                self.stdout.write(f"  {label}: {done}/{total}")

        return progress
