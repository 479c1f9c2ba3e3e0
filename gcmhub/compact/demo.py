"""Reference data the demo adds: the next forum, whose open calls the demo shows."""

import datetime

from gcmhub.compact.models import Edition


def next_edition() -> Edition:
    """The 2030 forum (its dates are placeholders), created once."""
    edition, _ = Edition.objects.get_or_create(
        year=2030,
        defaults={
            "hearing_date": datetime.date(2030, 5, 6),
            "start_date": datetime.date(2030, 5, 7),
            "end_date": datetime.date(2030, 5, 10),
            "venue": "United Nations Headquarters, New York",
        },
    )
    return edition
