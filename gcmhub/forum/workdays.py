"""Working-day arithmetic: weekends and configured UN holidays are not working days."""

import datetime
from collections.abc import Collection

SATURDAY = 5


def is_working_day(day: datetime.date, holidays: Collection[datetime.date]) -> bool:
    return day.weekday() < SATURDAY and day not in holidays


def add_working_days(
    start: datetime.date, count: int, holidays: Collection[datetime.date]
) -> datetime.date:
    """The COUNT-th working day after START (START itself does not count)."""
    day = start
    remaining = count
    while remaining > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day, holidays):
            remaining -= 1
    return day


def working_days_between(
    start: datetime.date, end: datetime.date, holidays: Collection[datetime.date]
) -> int:
    """Working days after START up to and including END (negative when END is earlier)."""
    if end < start:
        return -working_days_between(end, start, holidays)
    days = (start + datetime.timedelta(days=n) for n in range(1, (end - start).days + 1))
    return sum(1 for day in days if is_working_day(day, holidays))
