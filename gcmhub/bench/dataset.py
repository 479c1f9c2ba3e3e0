"""The data the bench measures: the scaled demo, seeded once into an empty database."""

from django.core.management import call_command
from django.core.management.base import CommandError

from gcmhub.forum.models import Session
from gcmhub.pledges.models import Pledge
from gcmhub.practices.models import Practice
from gcmhub.reviews.models import Review


def ensure(scale: int, *, verbosity: int = 1) -> None:
    """Migrate, seed SCALE demo pledges (and SCALE/2 practices) into an empty database, and
    collect the static files the pages load; refuse a database with fewer pledges than SCALE,
    whose figures would not be at scale."""
    call_command("migrate", verbosity=0)
    pledges = Pledge.objects.published().count()
    if not pledges:
        call_command("seed_demo", scale=scale, verbosity=verbosity)
    elif pledges < scale:
        raise CommandError(
            f"The database holds {pledges} published pledges, fewer than --scale {scale}: "
            "use a fresh VAR_DIR (or an empty DATABASE_URL) and the bench seeds it."
        )
    call_command("collectstatic", interactive=False, verbosity=0)


def summary() -> dict:
    """How many public records of each kind the figures were measured on."""
    return {
        "pledges": Pledge.objects.published().count(),
        "practices": Practice.objects.published().count(),
        "reviews": Review.objects.published().count(),
        "forum_sessions": Session.objects.count(),
    }
