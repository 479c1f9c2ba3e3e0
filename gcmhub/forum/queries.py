"""Reads of the forum that pages, feeds and other parts (country profiles) rely on."""

import datetime
from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from gcmhub.compact.models import Edition
from gcmhub.forum.models import AgendaItem, Holiday, Session, SessionDocument
from gcmhub.forum.workdays import add_working_days, working_days_between

SUMMARY_WORKING_DAYS = 10  # A/RES/73/326, OP 24(b): summaries within ten working days


def edition(year: int) -> Edition:
    return get_object_or_404(Edition, year=year)


def editions_with_sessions() -> QuerySet:
    return Edition.objects.order_by("-year")


def sessions(edition: Edition) -> QuerySet:
    """The sessions of EDITION with what a programme or a feed shows of each."""
    return (
        Session.objects.filter(edition=edition)
        .select_related("edition", "room")
        .prefetch_related("chair_countries", "objectives")
    )


@dataclass
class Room:
    name: str
    sessions: list = field(default_factory=list)


@dataclass
class Day:
    date: datetime.date
    rooms: list[Room]


def programme(edition: Edition, *, kind: str = "", starred: set[int] = frozenset()) -> list[Day]:
    """EDITION's sessions by day (in the venue's time) and, within a day, by room; sessions
    without a room (online) come last in their day. Each says whether it is STARRED."""
    rows = sessions(edition)
    if kind:
        rows = rows.filter(kind=kind)
    zone = edition.zone
    days = []
    for date, day_sessions in groupby(rows, key=lambda s: s.starts_at.astimezone(zone).date()):
        day_sessions = list(day_sessions)
        for session in day_sessions:
            session.is_starred = session.pk in starred
        order = sorted(
            {s.room for s in day_sessions if s.room},
            key=lambda room: (room.position, room.name),
        )
        rooms = [Room(room.name, [s for s in day_sessions if s.room == room]) for room in order]
        online = [s for s in day_sessions if not s.room]
        if online:
            rooms.append(Room("", online))
        days.append(Day(date, rooms))
    return days


def room_bookings(room, starts_at, ends_at, *, besides: int | None = None) -> QuerySet:
    """The sessions in ROOM that share a minute with [STARTS_AT, ENDS_AT), session BESIDES aside:
    back-to-back sessions do not clash."""
    bookings = Session.objects.filter(room=room).overlapping(starts_at, ends_at)
    if besides:
        bookings = bookings.exclude(pk=besides)
    return bookings.select_related("room").order_by("starts_at", "pk")


def local_moment(moment: datetime.datetime, edition: Edition) -> str:
    """MOMENT as the venue's clock shows it, in the active language, with the zone's name."""
    local = moment.astimezone(edition.zone)
    return _("%(date)s at %(time)s (%(zone)s time)") % {
        "date": formats.date_format(local, "DATE_FORMAT"),
        "time": formats.time_format(local, "TIME_FORMAT"),
        "zone": edition.time_zone,
    }


def visible_session(edition: Edition, pk: int) -> Session:
    return get_object_or_404(
        Session.objects.select_related("edition", "room").prefetch_related(
            "chair_countries",
            "objectives",
            Prefetch("documents", queryset=SessionDocument.objects.order_by("kind", "language")),
        ),
        edition=edition,
        pk=pk,
    )


def session_document(session: Session, pk: int) -> SessionDocument:
    return get_object_or_404(SessionDocument, session=session, pk=pk)


def starred_ids(user, edition: Edition | None = None) -> set[int]:
    """The sessions USER starred (of EDITION, when given): one query, none when signed out."""
    if not user.is_authenticated:
        return set()
    items = AgendaItem.objects.filter(user=user)
    if edition:
        items = items.filter(session__edition=edition)
    return set(items.values_list("session_id", flat=True))


def agenda(user) -> QuerySet:
    """The sessions USER starred, in time order."""
    return (
        Session.objects.filter(agenda_items__user=user)
        .select_related("edition", "room")
        .order_by("starts_at", "pk")
    )


def holidays(start: datetime.date, end: datetime.date) -> set[datetime.date]:
    return set(Holiday.objects.filter(date__range=(start, end)).values_list("date", flat=True))


def summary_due(session: Session, holiday_dates: set[datetime.date]) -> datetime.date:
    """The day a session's summary is due: ten working days after the day it ends (in the
    venue's time)."""
    ended = session.ends_at.astimezone(session.edition.zone).date()
    return add_working_days(ended, SUMMARY_WORKING_DAYS, holiday_dates)


@dataclass
class SummaryStatus:
    session: Session
    due: datetime.date
    status: str  # "published", "late", "due" or "upcoming"
    working_days_left: int


def summary_statuses(
    edition: Edition, *, today: datetime.date | None = None
) -> list[SummaryStatus]:
    """Each session of EDITION that needs a summary, with its due date and where it stands."""
    rows = list(sessions(edition).needing_summary())
    if not rows:
        return []
    today = today or timezone.localdate(timezone=edition.zone)
    last = max(s.ends_at for s in rows).astimezone(edition.zone).date()
    holiday_dates = holidays(min(s.starts_at for s in rows).date(), last + datetime.timedelta(60))
    statuses = []
    for session in rows:
        due = summary_due(session, holiday_dates)
        ended = session.ends_at <= timezone.now()
        if session.summary_published_at:
            status = "published"
        elif today > due:
            status = "late"
        else:
            status = "due" if ended else "upcoming"
        left = working_days_between(today, due, holiday_dates)
        statuses.append(SummaryStatus(session, due, status, left))
    return statuses
