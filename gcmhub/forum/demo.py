"""Demo forum for `make run`: the real programme of IMRF 2022 (the background note's tentative
programme, rooms and co-chairs), a programme for 2026 and a 2030 edition with open calls.
Created once; safe to run again."""

import datetime
from typing import NamedTuple

from django.db import transaction
from django.utils import timezone

from gcmhub.accounts.models import User
from gcmhub.compact.models import Country, Edition, Objective
from gcmhub.forum.models import AgendaItem, Room, Session, SessionKind

K = SessionKind
CR4, TCC, GAH = "Conference Room 4", "Trusteeship Council Chamber", "General Assembly Hall"
ROUND_TABLES = {  # number: objectives (A/RES/73/326)
    1: (2, 5, 6, 12, 18),
    2: (4, 8, 9, 10, 11, 13, 21),
    3: (14, 15, 16, 19, 20, 22),
    4: (1, 3, 7, 17, 23),
}
PGA = "President of the General Assembly"
IOM_DG = "Director General of IOM, as Coordinator of the United Nations Network on Migration"


class Meeting(NamedTuple):
    day: int  # of May
    hours: tuple[int, int]  # in New York
    kind: SessionKind
    room: str
    number: int | None = None
    chairs: tuple[str, ...] = ()  # ISO3 codes
    people: str = ""
    title: str = ""
    description: str = ""


MORNING, AFTERNOON = (10, 13), (15, 18)

# The tentative programme of the background note (section V) and its co-chairs (section II).
PROGRAMME_2022 = [
    Meeting(16, MORNING, K.HEARING, CR4, people=PGA),
    Meeting(
        16, AFTERNOON, K.HEARING, CR4, people=PGA, title="Multi-stakeholder hearing (continued)"
    ),
    Meeting(17, MORNING, K.ROUND_TABLE, CR4, 1, ("EGY", "DEU")),
    Meeting(17, AFTERNOON, K.ROUND_TABLE, CR4, 2, ("ECU", "TJK")),
    Meeting(18, MORNING, K.ROUND_TABLE, TCC, 3, ("PRT", "THA")),
    Meeting(
        18,
        AFTERNOON,
        K.POLICY_DEBATE,
        TCC,
        people=IOM_DG,
        description=(
            "Challenges in the implementation of the Global Compact, including the links with "
            "the 2030 Agenda for Sustainable Development, the capacity-building mechanism, and "
            "contemporary and emerging issues related to migration."
        ),
    ),
    Meeting(19, MORNING, K.ROUND_TABLE, CR4, 4, ("AZE", "MAR")),
    Meeting(
        19,
        MORNING,
        K.PLENARY_OPENING,
        GAH,
        people=PGA,
        description=(
            "Statements by the President of the General Assembly, the Secretary-General, the "
            "Director General of IOM as Coordinator of the Network, a representative of the "
            "migrant community and a representative of civil society."
        ),
    ),
    Meeting(19, AFTERNOON, K.GENERAL_DEBATE, GAH, people=PGA),
    Meeting(20, MORNING, K.GENERAL_DEBATE, GAH, people=PGA, title="General debate (continued)"),
    Meeting(
        20,
        AFTERNOON,
        K.CLOSING,
        GAH,
        people=PGA,
        title="General debate (continued) and closing segment",
        description="Adoption of the Progress Declaration.",
    ),
]

# IMRF 2026 (the dates kept in the reference data): its co-chairs are not in our sources.
PROGRAMME_2026 = [
    Meeting(4, MORNING, K.HEARING, CR4, people=PGA),
    Meeting(
        4, AFTERNOON, K.HEARING, CR4, people=PGA, title="Multi-stakeholder hearing (continued)"
    ),
    Meeting(5, MORNING, K.PLENARY_OPENING, GAH, people=PGA),
    Meeting(5, AFTERNOON, K.ROUND_TABLE, CR4, 1),
    Meeting(5, AFTERNOON, K.GENERAL_DEBATE, GAH, people=PGA),
    Meeting(6, MORNING, K.ROUND_TABLE, CR4, 2),
    Meeting(6, AFTERNOON, K.ROUND_TABLE, TCC, 3),
    Meeting(6, MORNING, K.GENERAL_DEBATE, GAH, people=PGA, title="General debate (continued)"),
    Meeting(7, MORNING, K.ROUND_TABLE, TCC, 4),
    Meeting(7, AFTERNOON, K.POLICY_DEBATE, TCC, people=IOM_DG),
    Meeting(8, MORNING, K.GENERAL_DEBATE, GAH, people=PGA, title="General debate (continued)"),
    Meeting(8, AFTERNOON, K.CLOSING, GAH, people=PGA),
]

# The Network's online dialogues before the 2026 forum (months of 2026, at 9 a.m. New York).
DIALOGUES_2026 = [
    (2, 10, "Migration dialogue: regular pathways and decent work", (5, 6, 18)),
    (3, 10, "Migration dialogue: saving lives and searching for the missing", (8, 9, 10)),
    (4, 14, "Migration dialogue: data for evidence-based policies", (1, 3, 17)),
]

SUMMARY = (
    "The {title} heard {speakers} speakers from Member States, United Nations entities and "
    "stakeholders. They took stock of progress on the objectives it covered, shared practices "
    "and pledges, and named gaps in implementation that the co-chairs summarised for the "
    "policy debate."
)
UNPUBLISHED_SUMMARIES = {K.POLICY_DEBATE}  # left due (late) to show the secretariat's view


@transaction.atomic
def seed() -> int:
    """Create the programmes once; return how many sessions were made."""
    if Session.objects.exists():
        return 0
    made = _programme(Edition.objects.get(year=2022), PROGRAMME_2022)
    edition_2026 = Edition.objects.get(year=2026)
    made += _programme(edition_2026, PROGRAMME_2026)
    made += _dialogues(edition_2026)
    _next_edition()
    _agenda()
    return made


def _programme(edition: Edition, meetings: list[Meeting]) -> int:
    rooms = {
        name: Room.objects.get_or_create(edition=edition, name=name, defaults={"position": i})[0]
        for i, name in enumerate([CR4, TCC, GAH], start=1)
    }
    countries = {c.iso3: c for c in Country.objects.all()}
    objectives = {o.number: o for o in Objective.objects.all()}
    now = timezone.now()
    for meeting in meetings:
        day = edition.start_date.replace(day=meeting.day)
        starts, ends = (_at(edition, day, hour) for hour in meeting.hours)
        session = Session.objects.create(
            edition=edition,
            kind=meeting.kind,
            number=meeting.number,
            title=meeting.title,
            description=meeting.description,
            starts_at=starts,
            ends_at=ends,
            room=rooms[meeting.room],
            chair_people=meeting.people,
            link="https://webtv.un.org/",
        )
        session.chair_countries.set([countries[iso3] for iso3 in meeting.chairs])
        if meeting.number:
            session.objectives.set([objectives[n] for n in ROUND_TABLES[meeting.number]])
        if ends < now and meeting.kind not in UNPUBLISHED_SUMMARIES:
            session.summary = SUMMARY.format(title=session.display_title, speakers=24 + day.day)
            session.summary_published_at = ends + datetime.timedelta(days=9)
            session.save(update_fields=["summary", "summary_published_at"])
    return len(meetings)


def _dialogues(edition: Edition) -> int:
    objectives = {o.number: o for o in Objective.objects.all()}
    for month, day, title, numbers in DIALOGUES_2026:
        starts = _at(edition, datetime.date(edition.year, month, day), 9)
        session = Session.objects.create(
            edition=edition,
            kind=K.DIALOGUE,
            title=title,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=2),
            link="https://migrationnetwork.un.org/",
        )
        session.objectives.set([objectives[n] for n in numbers])
    return len(DIALOGUES_2026)


def _next_edition() -> Edition:
    """A next forum for the open calls of the demo (its dates are placeholders)."""
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


def _agenda() -> None:
    user = User.objects.filter(email="stakeholder@example.org").first()
    if user:
        for session in Session.objects.filter(edition__year=2026, kind=K.ROUND_TABLE):
            AgendaItem.objects.get_or_create(user=user, session=session)


def _at(edition: Edition, day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=edition.zone)
