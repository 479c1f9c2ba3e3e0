from django.core.management.base import BaseCommand

from gcmhub.accounts import demo as accounts_demo
from gcmhub.pledges import demo as pledges_demo


class Command(BaseCommand):
    help = "Create the demo accounts, organisations and pledges (safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=int, default=200, help="How many published pledges to create."
        )

    def handle(self, *args, scale, **options):
        accounts = accounts_demo.seed()
        created = pledges_demo.seed(scale)
        self.stdout.write(
            f"Demo pledges created: {created}. Demo accounts (password {accounts_demo.DEMO_PASSWORD}):"
        )
        for email, role in accounts:
            self.stdout.write(f"  {email:<26} {role}")
