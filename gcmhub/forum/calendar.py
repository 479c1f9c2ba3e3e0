"""iCalendar (RFC 5545) feeds of sessions, written by hand: a few lines beat a dependency."""

import datetime
from collections.abc import Iterable

from django.http import HttpResponse
from django.utils import timezone

from gcmhub.forum.models import Session

PRODUCT = "-//gcmhub//IMRF programme//EN"


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> list[str]:
    """Lines longer than 75 octets continue on the next line after a space, whole characters."""
    chunks, current, limit = [], "", 75
    for character in line:
        if len((current + character).encode()) > limit:
            chunks.append(current)
            current, limit = "", 74  # a continuation line starts with one space
        current += character
    chunks.append(current)
    return [chunks[0], *(" " + chunk for chunk in chunks[1:])]


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _event(session: Session, *, base_url: str, host: str, stamp: str) -> list[str]:
    description = session.description
    if session.link:
        description = f"{description}\n\n{session.link}".strip()
    lines = [
        "BEGIN:VEVENT",
        f"UID:session-{session.pk}@{host}",
        f"DTSTAMP:{stamp}",
        f"DTSTART:{_utc(session.starts_at)}",
        f"DTEND:{_utc(session.ends_at)}",
        f"SUMMARY:{_escape(session.display_title)}",
        f"LAST-MODIFIED:{_utc(session.updated_at)}",
        f"URL:{base_url}{session.get_absolute_url()}",
    ]
    if description:
        lines.append(f"DESCRIPTION:{_escape(description)}")
    if session.room_id:
        lines.append(f"LOCATION:{_escape(session.room.name)}")
    elif session.link:
        lines.append(f"LOCATION:{_escape(session.link)}")
    lines.append("END:VEVENT")
    return lines


def calendar(name: str, sessions: Iterable[Session], *, base_url: str) -> str:
    """One calendar of SESSIONS (with edition and room selected), times in UTC."""
    host = base_url.split("://", 1)[-1]
    stamp = _utc(timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(name)}",
    ]
    for session in sessions:
        lines += _event(session, base_url=base_url, host=host, stamp=stamp)
    lines.append("END:VCALENDAR")
    return "".join(folded + "\r\n" for line in lines for folded in _fold(line))


def calendar_response(request, name: str, sessions: Iterable[Session], *, filename: str):
    """The calendar as a download that calendar applications import or subscribe to."""
    base_url = f"{request.scheme}://{request.get_host()}"
    body = calendar(name, sessions, base_url=base_url)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.ics"'
    return response
