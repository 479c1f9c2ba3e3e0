from django.core.management.base import BaseCommand

from gcmhub.pledges import services


class Command(BaseCommand):
    help = (
        "E-mail focal points whose pledges are due a progress report (safe to run daily from cron)."
    )

    def handle(self, *args, **options):
        sent = services.send_reminders()
        self.stdout.write(f"Reminders sent for {len(sent)} pledges.")
