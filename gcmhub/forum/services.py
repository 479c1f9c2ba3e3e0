"""Changes to the programme: sessions, their summaries and documents, and personal agendas."""

import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from gcmhub.compact.models import Edition
from gcmhub.forum import permissions, queries
from gcmhub.forum.models import AgendaItem, CalendarToken, Room, Session, SessionDocument
from gcmhub.web.uploads import check_upload

SESSION_FIELDS = [
    "kind",
    "number",
    "title",
    "description",
    "starts_at",
    "ends_at",
    "room",
    "chair_people",
    "link",
]


def room_clash(session: Session) -> Session | None:
    """Another session of the edition in SESSION's room at an overlapping time, if any."""
    if not session.room_id:
        return None
    return queries.room_bookings(
        session.room, session.starts_at, session.ends_at, besides=session.pk
    ).first()


def check_session(session: Session) -> None:
    """The rules of a session's time and place, each with a clear message."""
    if session.ends_at <= session.starts_at:
        raise ValidationError({"ends_at": _("A session must end after it starts.")})
    if session.room_id and session.room.edition_id != session.edition_id:
        raise ValidationError({"room": _("This room belongs to another edition.")})
    other = room_clash(session)
    if other:
        zone = session.edition.zone
        raise ValidationError(
            {
                "room": _("%(room)s is already booked from %(start)s to %(end)s for %(session)s.")
                % {
                    "room": session.room.name,
                    "start": date_format(other.starts_at.astimezone(zone), "DATETIME_FORMAT"),
                    "end": date_format(other.ends_at.astimezone(zone), "TIME_FORMAT"),
                    "session": other.display_title,
                }
            }
        )


def room_named(edition: Edition, name: str) -> Room:
    """The room of EDITION called NAME, added when it is new."""
    room, _created = Room.objects.get_or_create(
        edition=edition, name=name.strip(), defaults={"position": edition.rooms.count() + 1}
    )
    return room


@transaction.atomic
def save_session(edition: Edition, data: dict, *, by, session: Session | None = None) -> Session:
    """Add a session to EDITION's programme, or change SESSION, after checking its time and room."""
    permissions.require_manager(by)
    session = session or Session(edition=edition)
    for name in SESSION_FIELDS:
        if name in data:
            setattr(session, name, data[name])
    if data.get("new_room"):
        session.room = room_named(edition, data["new_room"])
    check_session(session)
    session.save()
    if "chair_countries" in data:
        session.chair_countries.set(data["chair_countries"])
    if "objectives" in data:
        session.objectives.set(data["objectives"])
    return session


@transaction.atomic
def delete_session(session: Session, *, by) -> None:
    permissions.require_manager(by)
    session.delete()


@transaction.atomic
def publish_summary(session: Session, text: str, *, by) -> None:
    """Publish (or correct) the summary of a session that has ended."""
    permissions.require_manager(by)
    if session.ends_at > timezone.now():
        raise ValidationError({"summary": _("The session has not ended yet.")})
    if not text.strip():
        raise ValidationError({"summary": _("Write the summary before publishing it.")})
    session.summary = text.strip()
    session.summary_published_at = session.summary_published_at or timezone.now()
    session.save(update_fields=["summary", "summary_published_at", "updated_at"])


@transaction.atomic
def withdraw_summary(session: Session, *, by) -> None:
    permissions.require_manager(by)
    session.summary_published_at = None
    session.save(update_fields=["summary_published_at", "updated_at"])


def add_document(session: Session, data: dict, *, by) -> SessionDocument:
    """Attach a background note, summary or other document (PDF or DOCX) to a session."""
    permissions.require_manager(by)
    check_upload(data["file"], kinds=("pdf", "docx"))
    return SessionDocument.objects.create(
        session=session,
        kind=data["kind"],
        title=data["title"],
        language=data["language"],
        file=data["file"],
        uploaded_by=by,
    )


@transaction.atomic
def remove_document(document: SessionDocument, *, by) -> None:
    permissions.require_manager(by)
    document.file.delete(save=False)
    document.delete()


def star(session: Session, *, user) -> None:
    """Put SESSION on USER's agenda (again is harmless)."""
    try:
        with transaction.atomic():
            AgendaItem.objects.get_or_create(user=user, session=session)
    except IntegrityError:  # the same star from two tabs at once
        pass


def unstar(session: Session, *, user) -> None:
    AgendaItem.objects.filter(user=user, session=session).delete()


def calendar_token(user, *, renew: bool = False) -> str:
    """The secret of USER's private agenda feed; RENEW replaces it, so the old link stops."""
    token = CalendarToken.objects.filter(user=user).first()
    if token and not renew:
        return token.token
    value = secrets.token_urlsafe(32)
    CalendarToken.objects.update_or_create(user=user, defaults={"token": value})
    return value
