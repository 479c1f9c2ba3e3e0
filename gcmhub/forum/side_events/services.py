"""Side-event writes: the call and its criteria, proposals, scores and the schedule. Accepting
or declining a proposal is the shared lifecycle (workflow.services.transition)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gcmhub.accounts.models import Organisation, User
from gcmhub.compact.models import Edition
from gcmhub.forum.models import (
    Criterion,
    EventFormat,
    Room,
    Score,
    Session,
    SessionKind,
    SideEvent,
    SideEventCall,
)
from gcmhub.forum.permissions import can_score, require_manager
from gcmhub.forum.queries import local_moment
from gcmhub.forum.side_events import queries
from gcmhub.workflow import services as workflow
from gcmhub.workflow.models import Action, State

# The call ------------------------------------------------------------------------------------


@transaction.atomic
def save_call(edition: Edition, data: dict, criteria: list[dict], *, by: User) -> SideEventCall:
    """Open or change the call of EDITION (DATA: opens_at, deadline, introduction) and its
    CRITERIA (dicts of name, description, max_score and, for existing ones, id; `delete`
    removes one with its scores)."""
    require_manager(by)
    if data["deadline"] <= data["opens_at"]:
        raise ValidationError(_("The deadline must come after the opening of the call."))
    call, _created = SideEventCall.objects.update_or_create(
        edition=edition,
        defaults={key: data[key] for key in ("opens_at", "deadline", "introduction")},
    )
    existing = {criterion.pk: criterion for criterion in call.criteria.all()}
    position = 0
    for row in criteria:
        criterion = existing.get(row.get("id"))
        if row.get("delete"):
            if criterion is not None:
                criterion.delete()
            continue
        if not row.get("name"):
            continue
        position += 1
        criterion = criterion or Criterion(call=call)
        too_high = criterion.pk and criterion.scores.filter(value__gt=row["max_score"]).exists()
        if too_high:
            raise ValidationError(
                _(
                    "Reviewers already gave “%(criterion)s” more than %(max)s points: the highest "
                    "score cannot be lower than the scores given."
                )
                % {"criterion": criterion.name, "max": row["max_score"]}
            )
        criterion.name = row["name"]
        criterion.description = row.get("description", "")
        criterion.max_score = row["max_score"]
        criterion.position = position
        criterion.save()
    return call


# Proposals -----------------------------------------------------------------------------------


def check_call_open(call: SideEventCall, *, now: datetime.datetime | None = None) -> None:
    """Raise a ValidationError saying when the call opens or closed, unless it is open NOW."""
    now = now or timezone.now()
    edition = call.edition
    if now < call.opens_at:
        raise ValidationError(
            _("The call for side events opens on %(date)s. Your proposal was not saved yet.")
            % {"date": local_moment(call.opens_at, edition)}
        )
    if now >= call.deadline:
        raise ValidationError(
            _("The call for side events closed on %(date)s. Proposals are no longer accepted.")
            % {"date": local_moment(call.deadline, edition)}
        )


def _clean(data: dict, *, call: SideEventCall, lead_id: int) -> dict:
    """DATA with the lead organiser out of the co-organisers, checked against the call."""
    data = dict(data)
    if "co_organisers" in data:
        co_organisers = list(data["co_organisers"])
        unverified = [o.name for o in co_organisers if not o.is_verified]
        if unverified:
            raise ValidationError(
                _("Only verified organisations can be co-organisers: %(names)s.")
                % {"names": ", ".join(unverified)}
            )
        data["co_organisers"] = [o for o in co_organisers if o.pk != lead_id]
    if "preferred_dates" in data:
        days = {day.isoformat() for day in queries.edition_days(call.edition)}
        chosen = [str(day) for day in data["preferred_dates"]]
        if any(day not in days for day in chosen):
            raise ValidationError(_("Choose preferred dates among the days of the forum."))
        data["preferred_dates"] = sorted(set(chosen))
    return data


@transaction.atomic
def propose_side_event(
    call: SideEventCall,
    data: dict,
    *,
    organisation: Organisation,
    by: User,
    now: datetime.datetime | None = None,
) -> SideEvent:
    """Members of a verified ORGANISATION start a draft proposal while CALL is open."""
    check_call_open(call, now=now)
    data = _clean(data, call=call, lead_id=organisation.pk)
    return workflow.create_draft(SideEvent, data, organisation=organisation, by=by, call=call)


def edit_side_event(side_event: SideEvent, data: dict, *, by: User, seen: str | None = None):
    """Change a proposal; on an accepted event the change waits for the secretariat."""
    data = _clean(data, call=side_event.call, lead_id=side_event.organisation_id)
    return workflow.edit(side_event, data, by=by, seen=seen)


# Scores --------------------------------------------------------------------------------------


@transaction.atomic
def score_side_event(side_event: SideEvent, scores: dict, *, by: User) -> list[Score]:
    """Record BY's scores of SIDE_EVENT: {criterion: (value, comment)}, one score per reviewer
    and criterion, which they may change until the secretariat decides."""
    if not can_score(by):
        raise PermissionDenied
    if side_event.state != State.SUBMITTED:
        raise ValidationError(
            _("Scores can be given only while a proposal awaits the secretariat's decision.")
        )
    saved = []
    for criterion, (value, comment) in scores.items():
        if criterion.call_id != side_event.call_id:
            raise ValidationError(_("This criterion is not one of this call's."))
        if not 0 <= value <= criterion.max_score:
            raise ValidationError(
                _("The score for “%(criterion)s” must be between 0 and %(max)s.")
                % {"criterion": criterion.name, "max": criterion.max_score}
            )
        score, _created = Score.objects.update_or_create(
            side_event=side_event,
            criterion=criterion,
            reviewer=by,
            defaults={"value": value, "comment": comment},
        )
        saved.append(score)
    return saved


# Schedule ------------------------------------------------------------------------------------


class OrganiserClash(ValidationError):
    """An organiser is in another side event at that time: the administrator may go on."""


@transaction.atomic
def schedule_side_event(
    side_event: SideEvent,
    *,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    room: Room | None = None,
    link: str = "",
    by: User,
    confirmed: bool = False,
) -> Session:
    """Give an accepted SIDE_EVENT its slot in the programme: its session is created or moved.
    A room booked at that time is refused; an organiser in another side event at that time is
    an OrganiserClash unless CONFIRMED."""
    require_manager(by)
    edition = side_event.call.edition
    if not side_event.is_published:
        raise ValidationError(_("Only accepted side events can be scheduled."))
    if ends_at <= starts_at:
        raise ValidationError(_("The side event must end after it starts."))
    if room is not None and room.edition_id != edition.pk:
        raise ValidationError(_("Choose a room of this edition's venue."))
    if room is not None and side_event.format == EventFormat.VIRTUAL:
        raise ValidationError(_("A virtual side event has no room: leave the room empty."))
    found = queries.clashes(side_event, starts_at=starts_at, ends_at=ends_at, room=room)
    if found.rooms:
        other = found.rooms[0]
        raise ValidationError(
            _("%(room)s is already booked at that time for “%(session)s” (%(start)s).")
            % {
                "room": room.name,
                "session": other.display_title,
                "start": local_moment(other.starts_at, edition),
            }
        )
    if found.organisers and not confirmed:
        raise OrganiserClash(
            [
                _("An organiser of this event is also in “%(event)s” at that time (%(start)s).")
                % {"event": other.title, "start": local_moment(other.session.starts_at, edition)}
                for other in found.organisers
            ]
        )
    session = side_event.session or Session(edition=edition, kind=SessionKind.SIDE_EVENT)
    session.title = side_event.title
    session.description = side_event.description
    session.starts_at = starts_at
    session.ends_at = ends_at
    session.room = room
    session.link = link
    session.save()
    session.objectives.set(side_event.objectives.all())
    if side_event.session_id != session.pk:
        side_event.session = session
        side_event.save(update_fields=["session", "updated_at"])
    return session


@transaction.atomic
def unschedule_side_event(side_event: SideEvent, *, by: User) -> None:
    """Take SIDE_EVENT out of the programme: its slot is freed, the event stays accepted."""
    require_manager(by)
    if side_event.session_id:
        Session.objects.filter(pk=side_event.session_id).delete()
        side_event.session = None


def follow_lifecycle(side_event: SideEvent, action: Action) -> None:
    """Keep the programme in step with the event: an accepted edit reaches its session; a
    withdrawn or unpublished event leaves the programme and the calendars."""
    if not side_event.session_id:
        return
    session = side_event.session
    if action in (Action.WITHDRAW, Action.UNPUBLISH):
        side_event.session = None
        side_event.save(update_fields=["session", "updated_at"])
        session.delete()
    elif action is Action.PUBLISH:
        session.title = side_event.title
        session.description = side_event.description
        session.save(update_fields=["title", "description", "updated_at"])
        session.objectives.set(side_event.objectives.all())
