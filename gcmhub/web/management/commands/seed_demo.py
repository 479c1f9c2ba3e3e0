from django.core.management.base import BaseCommand

from gcmhub.accounts import demo


class Command(BaseCommand):
    help = "Create the demo accounts and organisations (safe to run again)."

    def handle(self, *args, **options):
        accounts = demo.seed()
        self.stdout.write(f"Demo accounts (password {demo.DEMO_PASSWORD}):")
        for email, role in accounts:
            self.stdout.write(f"  {email:<26} {role}")
