"""Reads of side events: the call of an edition, the accepted events the public sees, the
proposals reviewers score, and the clashes an administrator is warned of when scheduling."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Avg, Count, F, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from gcmhub.accounts.queries import membership_levels
from gcmhub.compact.models import Edition
from gcmhub.forum import queries as forum
from gcmhub.forum.models import Criterion, Room, Score, Session, SideEvent, SideEventCall
from gcmhub.workflow import permissions
from gcmhub.workflow.models import State


def edition_days(edition: Edition) -> list[datetime.date]:
    """The days of an edition on which side events may take place: the hearing day, then the
    forum's days."""
    days = []
    if edition.hearing_date and edition.hearing_date < edition.start_date:
        days.append(edition.hearing_date)
    day = edition.start_date
    while day <= edition.end_date:
        days.append(day)
        day += datetime.timedelta(days=1)
    return days


def day_bounds(edition: Edition, day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The first and the last moment (excluded) of DAY in the venue's time zone."""
    starts = datetime.datetime.combine(day, datetime.time(0), tzinfo=edition.zone)
    ends = datetime.datetime.combine(
        day + datetime.timedelta(days=1), datetime.time(0), tzinfo=edition.zone
    )
    return starts, ends


def call_of(edition: Edition) -> SideEventCall | None:
    """The call for side events of EDITION with its criteria, or None before one is opened."""
    return (
        SideEventCall.objects.filter(edition=edition)
        .prefetch_related(Prefetch("criteria", queryset=Criterion.objects.order_by("position")))
        .first()
    )


LISTED = ("organisation", "session__room", "call__edition")


def _listed(events: QuerySet) -> QuerySet:
    return events.select_related(*LISTED).prefetch_related("co_organisers", "objectives")


def accepted_side_events(edition: Edition, filters: dict | None = None) -> QuerySet:
    """The accepted (published) side events of EDITION matching FILTERS (objective number,
    format, day in the venue's time), scheduled ones first in time order."""
    filters = filters or {}
    events = SideEvent.objects.published().filter(call__edition=edition)
    if filters.get("objective"):
        events = events.filter(objectives__number=filters["objective"])
    if filters.get("format"):
        events = events.filter(format=filters["format"])
    if filters.get("day"):
        starts, ends = day_bounds(edition, filters["day"])
        events = events.filter(session__starts_at__gte=starts, session__starts_at__lt=ends)
    return _listed(events.order_by(F("session__starts_at").asc(nulls_last=True), "title", "pk"))


def calendar_sessions(edition: Edition, filters: dict | None = None) -> QuerySet:
    """The sessions of the scheduled accepted side events matching FILTERS, for a feed."""
    events = accepted_side_events(edition, filters).filter(session__isnull=False)
    return (
        Session.objects.filter(side_event__in=events.values("pk"))
        .select_related("edition", "room")
        .order_by("starts_at", "pk")
    )


def visible_side_event(user, year: int, pk: int) -> SideEvent:
    """The side event of the edition of YEAR if USER may see it (404 otherwise)."""
    events = permissions.visible(user, SideEvent.objects.filter(call__edition__year=year))
    return get_object_or_404(_listed(events), pk=pk)


def side_events_of(user) -> QuerySet:
    """The side events of USER's organisations (as lead organiser), newest first."""
    return (
        SideEvent.objects.filter(organisation_id__in=list(membership_levels(user)))
        .select_related("organisation", "call__edition", "session")
        .order_by("-created_at", "pk")
    )


@dataclass
class Proposal:
    """A proposal as reviewers see it: its average score per criterion and its overall score
    (the sum of those averages, out of the sum of the highest scores)."""

    side_event: SideEvent
    averages: list[float | None]
    reviewers: int
    scored_by_me: bool

    @property
    def overall(self) -> float | None:
        known = [value for value in self.averages if value is not None]
        return sum(known) if known else None


ORDERS = {"score", "newest", "title"}


def proposals(call: SideEventCall, *, user, order: str = "score") -> list[Proposal]:
    """The proposals of CALL that have been sent for review (not drafts), with their scores;
    ordered by overall score (highest first, unscored last), newest first or by title."""
    criteria = list(call.criteria.all())
    averages = {
        f"average_{criterion.pk}": Avg("scores__value", filter=Q(scores__criterion=criterion))
        for criterion in criteria
    }
    events = (
        call.proposals.exclude(state=State.DRAFT)
        .select_related("organisation", "session")
        .annotate(
            **averages,
            reviewers=Count("scores__reviewer", distinct=True),
            mine=Count("scores", filter=Q(scores__reviewer=user)),
        )
        .order_by("-submitted_at", "-created_at", "pk")
    )
    rows = [
        Proposal(
            side_event=event,
            averages=[getattr(event, f"average_{criterion.pk}") for criterion in criteria],
            reviewers=event.reviewers,
            scored_by_me=event.mine > 0,
        )
        for event in events
    ]
    if order == "title":
        rows.sort(key=lambda row: row.side_event.title.casefold())
    elif order != "newest":
        rows.sort(key=lambda row: (row.overall is None, -(row.overall or 0)))
    return rows


def scores_of(side_event: SideEvent, reviewer) -> dict[int, Score]:
    """{criterion id: score} that REVIEWER gave SIDE_EVENT."""
    return {score.criterion_id: score for score in side_event.scores.filter(reviewer=reviewer)}


def score_summary(side_event: SideEvent) -> list[dict]:
    """Per criterion of its call: the average score of SIDE_EVENT and how many reviewers gave
    one, for the secretariat."""
    rows = {
        row["criterion"]: row
        for row in side_event.scores.values("criterion").annotate(
            average=Avg("value"), count=Count("pk")
        )
    }
    return [
        {
            "criterion": criterion,
            "average": rows.get(criterion.pk, {}).get("average"),
            "count": rows.get(criterion.pk, {}).get("count", 0),
        }
        for criterion in side_event.call.criteria.all()
    ]


def rooms(edition: Edition) -> QuerySet:
    return Room.objects.filter(edition=edition)


# Clashes -------------------------------------------------------------------------------------


@dataclass
class Clashes:
    """What stands in the way of a slot: sessions in the same room at an overlapping time
    (an error), and other scheduled side events that share an organiser (a warning)."""

    rooms: list[Session] = field(default_factory=list)
    organisers: list[SideEvent] = field(default_factory=list)


def clashes(
    side_event: SideEvent,
    *,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    room: Room | None,
) -> Clashes:
    """The clashes of scheduling SIDE_EVENT from STARTS_AT to ENDS_AT in ROOM. Back-to-back
    sessions (one ends when the next starts) do not clash."""
    edition_id = side_event.call.edition_id
    found = Clashes()
    if room is not None:
        found.rooms = list(
            forum.room_bookings(room, starts_at, ends_at, besides=side_event.session_id)
        )
    organisers = {side_event.organisation_id, *(o.pk for o in side_event.co_organisers.all())}
    found.organisers = list(
        SideEvent.objects.filter(call__edition_id=edition_id, session__isnull=False)
        .exclude(pk=side_event.pk)
        .filter(
            Q(session__starts_at__lt=ends_at, session__ends_at__gt=starts_at),
            Q(organisation_id__in=organisers) | Q(co_organisers__in=organisers),
        )
        .select_related("session", "organisation")
        .distinct()
        .order_by("session__starts_at", "pk")
    )
    return found
