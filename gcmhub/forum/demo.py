"""Demo forum for `make run`: the real programme of IMRF 2022 (the background note's tentative
programme, rooms and co-chairs), a programme for 2026 and a 2030 edition with open calls.
Created once; safe to run again."""

import datetime
import itertools
import random
from typing import NamedTuple

from django.db import transaction
from django.utils import timezone

from gcmhub.accounts import demo as accounts_demo
from gcmhub.accounts.models import Organisation, User
from gcmhub.compact import demo as compact_demo
from gcmhub.compact.models import ROUND_TABLES, Country, Edition, EntityType, Objective, Region
from gcmhub.forum.models import (
    AgendaItem,
    Application,
    Category,
    Criterion,
    EventFormat,
    Hearing,
    Inscription,
    Level,
    Panel,
    Room,
    Session,
    SessionKind,
    SideEvent,
    SideEventCall,
    SpeakersList,
)
from gcmhub.forum.permissions import category_of
from gcmhub.workflow.models import State

K = SessionKind
CR4, TCC, GAH = "Conference Room 4", "Trusteeship Council Chamber", "General Assembly Hall"
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
def seed(*, scale: int = 0, seed_value: int = 2026) -> int:
    """Create the programmes once; return how many sessions were made. SCALE pledges (seed_demo
    --scale) bring SCALE // PER_SIDE_EVENT more accepted side events to the 2026 programme."""
    if Session.objects.exists():
        return 0
    made = _programme(Edition.objects.get(year=2022), PROGRAMME_2022)
    edition_2026 = Edition.objects.get(year=2026)
    made += _programme(edition_2026, PROGRAMME_2026)
    made += _dialogues(edition_2026)
    edition_2030 = compact_demo.next_edition()
    _agenda()
    _stakeholders()
    _speakers(Edition.objects.get(year=2022), published=True)
    _speakers(edition_2026, published=True)
    _speakers(edition_2030, published=False)
    call_2026 = _side_events(edition_2026, is_open=False)
    _side_events(edition_2030, is_open=True)
    _hearing(edition_2026, is_open=False)
    _hearing(edition_2030, is_open=True)
    made += _more_side_events(call_2026, scale // PER_SIDE_EVENT, random.Random(seed_value))
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


def _agenda() -> None:
    user = User.objects.filter(email="stakeholder@example.org").first()
    if user:
        for session in Session.objects.filter(edition__year=2026, kind=K.ROUND_TABLE):
            AgendaItem.objects.get_or_create(user=user, session=session)


def _at(edition: Edition, day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=edition.zone)


# Stakeholder organisations that speak at the hearing and organise side events.
STAKEHOLDERS = [
    ("Sahel Migrant Workers Network", "migrant-diaspora", "SEN"),
    ("Andean Cities for Inclusion", "local-government", "COL"),
    ("Mediterranean Rescue Watch", "civil-society", "ITA"),
    ("Centre for Return Studies", "academia", "KGZ"),
    ("Global Union of Domestic Workers", "trade-union", "ZAF"),
    ("Pacific Remittance Partners", "private-sector", "FJI"),
]


def _stakeholders() -> None:
    now = timezone.now()
    for name, entity_type, iso3 in STAKEHOLDERS:
        Organisation.objects.get_or_create(
            name=name,
            defaults={
                "entity_type": EntityType.objects.get(code=entity_type),
                "country": Country.objects.get(iso3=iso3),
                "status": Organisation.Status.VERIFIED,
                "verified_at": now,
            },
        )


# --- speakers lists ---------------------------------------------------------------------------

# Government (ISO3), level; the first speaks for a group of its region.
SPEAKERS = [
    ("GHA", Level.MINISTER),
    ("PRT", Level.HEAD_OF_GOVERNMENT),
    ("BGD", Level.MINISTER),
    ("MEX", Level.VICE_MINISTER),
    ("DEU", Level.MINISTER),
    ("THA", Level.HEAD_OF_DELEGATION),
    ("PHL", Level.DEPUTY_PRIME_MINISTER),
    ("KEN", Level.MINISTER),
    ("CHL", Level.HEAD_OF_DELEGATION),
    ("JOR", Level.VICE_MINISTER),
    ("ECU", Level.MINISTER),
    ("IDN", Level.HEAD_OF_DELEGATION),
]
GROUP = ("Group of African States", ("GHA", "KEN", "EGY", "MAR", "SEN", "NGA"))
STATEMENT = (
    "Mr. President, {country} reports on its review of the Global Compact since the last forum: "
    "what its laws and programmes changed for migrants, what it learned with local authorities "
    "and civil society, and the pledges it announces today."
)


def _speakers(edition: Edition, *, published: bool) -> None:
    """A list in the order of inscription; past forums' lists are published and delivered."""
    opened = _at(edition, edition.start_date - datetime.timedelta(days=60), 9)
    if not published:  # an open list: its inscriptions came in over the last days
        opened = min(opened, timezone.now() - datetime.timedelta(days=10))
    speakers_list = SpeakersList.objects.create(
        edition=edition,
        opened_at=opened,
        closed_at=_at(edition, edition.start_date - datetime.timedelta(days=3), 18)
        if published
        else None,
        published_at=_at(edition, edition.start_date - datetime.timedelta(days=2), 12)
        if published
        else None,
    )
    governments = {
        o.country.iso3: o
        for o in Organisation.objects.verified()
        .filter(entity_type__code="member-state")
        .select_related("country")
    }
    others = list(
        Organisation.objects.verified()
        .exclude(entity_type__code="member-state")
        .select_related("entity_type")
        .order_by("pk")[:3]
    )
    speakers = SPEAKERS if published else SPEAKERS[4:9]
    delivered = _at(edition, edition.start_date + datetime.timedelta(days=2), 15)
    countries = {c.iso3: c for c in Country.objects.filter(iso3__in=GROUP[1])}
    for hours, (iso3, level) in enumerate(speakers):
        organisation = governments.get(iso3)
        if organisation is None:
            continue
        is_group = iso3 == SPEAKERS[0][0]  # Ghana speaks for the group
        inscription = Inscription.objects.create(
            speakers_list=speakers_list,
            organisation=organisation,
            category=Category.GROUP if is_group else Category.MEMBER_STATE,
            level=level,
            group_name=GROUP[0] if is_group else "",
            inscribed_at=opened + datetime.timedelta(hours=5 * hours),
            delivered_at=delivered if published else None,
            statement=STATEMENT.format(country=organisation.country.names["en"])
            if published
            else "",
        )
        if is_group:
            inscription.group_members.set(countries.values())
    for hours, organisation in enumerate(others, start=len(speakers)):
        Inscription.objects.create(
            speakers_list=speakers_list,
            organisation=organisation,
            category=category_of(organisation),
            inscribed_at=opened + datetime.timedelta(hours=5 * hours),
            delivered_at=delivered if published else None,
        )


# --- side events -------------------------------------------------------------------------------

CRITERIA = [
    ("Relevance to the Global Compact", "Which objectives it advances, and how concretely."),
    ("Partnership", "Organisers from more than one stakeholder group, and migrants' own voice."),
    ("Balance", "Regions, genders and perspectives among the speakers."),
]
SIDE_EVENTS = [
    # title, objectives, format, state, scheduled on day offset (from the hearing) and hour
    ("Fair recruitment corridors: what works", (6, 5), EventFormat.VIRTUAL, State.PUBLISHED, 0, 8),
    (
        "Climate, disasters and mobility in the Pacific",
        (2, 5),
        EventFormat.VIRTUAL,
        State.PUBLISHED,
        1,
        8,
    ),
    (
        "Children on the move: alternatives to detention",
        (13, 7),
        EventFormat.HYBRID,
        State.PUBLISHED,
        2,
        13,
    ),
    ("Remittances through mobile wallets", (20,), EventFormat.VIRTUAL, State.PUBLISHED, None, None),
    ("Cities welcoming migrants", (16, 15), EventFormat.IN_PERSON, State.SUBMITTED, None, None),
    ("A proposal that was declined", (1,), EventFormat.VIRTUAL, State.REJECTED, None, None),
]
DESCRIPTION = (
    "Practitioners, governments and migrants' organisations share what they learned and what "
    "they will pledge. The event is interpreted in English, French and Spanish."
)


def _side_events(edition: Edition, *, is_open: bool) -> SideEventCall:
    now = timezone.now()
    call = SideEventCall.objects.create(
        edition=edition,
        opens_at=now - datetime.timedelta(days=20)
        if is_open
        else _at(edition, edition.start_date - datetime.timedelta(days=120), 9),
        deadline=now + datetime.timedelta(days=40)
        if is_open
        else _at(edition, edition.start_date - datetime.timedelta(days=60), 18),
        introduction=(
            "Side events on the margins of the forum are held online or at Headquarters. "
            "Propose one by the deadline; the secretariat scores each proposal against the "
            "criteria below."
        ),
    )
    for position, (name, description) in enumerate(CRITERIA, start=1):
        Criterion.objects.create(call=call, position=position, name=name, description=description)
    organisations = list(
        Organisation.objects.verified().exclude(entity_type__code="member-state").order_by("pk")
    )
    objectives = {o.number: o for o in Objective.objects.all()}
    events = SIDE_EVENTS if not is_open else [e for e in SIDE_EVENTS if e[3] == State.SUBMITTED]
    for n, (title, numbers, form, state, day, hour) in enumerate(events):
        side_event = SideEvent.objects.create(
            call=call,
            organisation=organisations[n % len(organisations)],
            state=state,
            title=title,
            description=DESCRIPTION,
            format=form,
            preferred_dates=[(edition.hearing_date or edition.start_date).isoformat()],
            submitted_at=call.opens_at + datetime.timedelta(days=5),
            published_at=call.deadline + datetime.timedelta(days=10)
            if state == State.PUBLISHED
            else None,
        )
        side_event.objectives.set([objectives[number] for number in numbers])
        if day is not None:
            starts = _at(
                edition,
                (edition.hearing_date or edition.start_date) + datetime.timedelta(days=day),
                hour,
            )
            session = Session.objects.create(
                edition=edition,
                kind=K.SIDE_EVENT,
                title=title,
                description=DESCRIPTION,
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=1, minutes=30),
                link="https://migrationnetwork.un.org/",
            )
            session.objectives.set(side_event.objectives.all())
            side_event.session = session
            side_event.save(update_fields=["session"])
    return call


# At scale, one more accepted side event per PER_SIDE_EVENT pledges, its title a topic and an
# angle; each topic comes with the objectives it advances.
PER_SIDE_EVENT = 400
TOPICS = [
    ("Fair recruitment", (6, 22)),
    ("Climate mobility", (2, 5)),
    ("Children on the move", (7, 13)),
    ("Cheaper remittances", (20,)),
    ("Migrant health", (15,)),
    ("Skills partnerships", (5, 18)),
    ("Missing migrants", (8,)),
    ("Return and reintegration", (21,)),
    ("Data for migration policy", (1,)),
    ("Cities and local inclusion", (16, 15)),
    ("Regular pathways", (5,)),
    ("Alternatives to detention", (13,)),
    ("Survivors of trafficking", (10,)),
    ("Consular protection", (14,)),
    ("Migrant women’s leadership", (7, 16)),
    ("Portable social protection", (22,)),
    ("Diaspora investment", (19,)),
    ("Countering xenophobia", (17,)),
    ("Legal identity for all", (4,)),
    ("Border governance and human rights", (11,)),
    ("Information before departure", (3,)),
    ("Smuggling of migrants", (9,)),
    ("Regional cooperation", (23,)),
    ("Access to basic services", (15, 7)),
]
ANGLES = [
    "what works",
    "from pledges to practice",
    "partnerships that deliver",
    "migrants’ own voices",
    "the road to 2030",
    "lessons from Africa",
    "lessons from the Americas",
    "lessons from Asia and the Pacific",
    "lessons from Europe",
    "lessons from the Arab region",
    "local authorities speak",
]
SLOTS = [(8, 0), (9, 30), (13, 15), (14, 30), (16, 0), (17, 30)]  # in New York


def _more_side_events(call: SideEventCall, count: int, rng: random.Random) -> int:
    """COUNT more accepted side events of CALL, each scheduled as a session of its programme,
    organised by stakeholders drawn as submissions spread (a few organise many)."""
    if count <= 0:
        return 0
    edition = call.edition
    organisations = list(
        Organisation.objects.verified().exclude(entity_type__code="member-state").order_by("pk")
    )
    weights = list(itertools.accumulate(accounts_demo.activity_weights(rng, organisations)))
    objectives = {o.number: o.pk for o in Objective.objects.all()}
    first = edition.hearing_date or edition.start_date
    days = [first + datetime.timedelta(days=n) for n in range((edition.end_date - first).days + 1)]
    titles = [(topic, angle) for topic in TOPICS for angle in ANGLES]
    rng.shuffle(titles)
    sessions, side_events, covered, organisers = [], [], [], []
    for n in range(count):
        (topic, numbers), angle = titles[n % len(titles)]
        covered.append([objectives[number] for number in numbers])
        hour, minute = rng.choice(SLOTS)
        starts = _at(edition, rng.choice(days), hour) + datetime.timedelta(minutes=minute)
        title = f"{topic}: {angle}"
        sessions.append(
            Session(
                edition=edition,
                kind=K.SIDE_EVENT,
                title=title,
                description=DESCRIPTION,
                starts_at=starts,
                ends_at=starts + datetime.timedelta(minutes=rng.choice([60, 75, 90])),
                link="https://migrationnetwork.un.org/",
            )
        )
        organisation = rng.choices(organisations, cum_weights=weights)[0]
        side_events.append(
            SideEvent(
                call=call,
                organisation=organisation,
                state=State.PUBLISHED,
                title=title,
                description=DESCRIPTION,
                format=rng.choice(list(EventFormat)),
                preferred_dates=[starts.date().isoformat()],
                submitted_at=call.opens_at + datetime.timedelta(days=rng.randint(1, 50)),
                published_at=call.deadline + datetime.timedelta(days=10),
            )
        )
        drawn = rng.sample(organisations, k=min(len(organisations), 3))
        organisers.append([o.pk for o in drawn if o != organisation][: rng.randint(0, 2)])
    Session.objects.bulk_create(sessions)
    for side_event, session in zip(side_events, sessions, strict=True):
        side_event.session = session
    SideEvent.objects.bulk_create(side_events)
    for model, records in ((Session, sessions), (SideEvent, side_events)):
        accounts_demo.insert_links(
            model._meta.get_field("objectives"),
            [(r.pk, pk) for r, pks in zip(records, covered, strict=True) for pk in pks],
        )
    accounts_demo.insert_links(
        SideEvent._meta.get_field("co_organisers"),
        [(e.pk, pk) for e, chosen in zip(side_events, organisers, strict=True) for pk in chosen],
    )
    return count


# --- the hearing -------------------------------------------------------------------------------

PANELS = ["Migrants' voices on the implementation of the Compact", "Partnerships that deliver"]
APPLICANTS = [
    # role, topic, objectives, region (M49), gender, selected, panel, consents to the name
    ("Director", "Decent work and fair recruitment", (6,), "002", "woman", True, 0, True),
    ("Youth delegate", "Young migrants and education", (15, 16), "019", "man", True, 0, False),
    ("Coordinator", "Search and rescue at sea", (8,), "150", "woman", True, 0, True),
    ("Researcher", "Data on return and reintegration", (1, 21), "142", "other", True, 1, False),
    ("Mayor", "Cities and local inclusion", (16,), "019", "woman", True, 1, True),
    ("Advocate", "Access to justice for migrant women", (7,), "002", "woman", False, None, False),
    ("Trade unionist", "Portability of social security", (22,), "142", "man", False, None, False),
]


def _hearing(edition: Edition, *, is_open: bool) -> None:
    now = timezone.now()
    hearing = Hearing.objects.create(
        edition=edition,
        opens_at=now - datetime.timedelta(days=10)
        if is_open
        else _at(edition, edition.start_date - datetime.timedelta(days=90), 9),
        deadline=now + datetime.timedelta(days=30)
        if is_open
        else _at(edition, edition.start_date - datetime.timedelta(days=45), 18),
        introduction=(
            "The President of the General Assembly presides over an informal interactive "
            "multi-stakeholder hearing the day before the forum. Stakeholder organisations "
            "apply to speak; the secretariat selects speakers for balance of regions, genders "
            "and kinds of organisation."
        ),
    )
    if is_open:
        return
    sessions = list(Session.objects.filter(edition=edition, kind=K.HEARING).order_by("starts_at"))
    panels = [
        Panel.objects.create(
            hearing=hearing,
            position=n,
            title=title,
            session=sessions[n] if n < len(sessions) else None,
        )
        for n, title in enumerate(PANELS)
    ]
    organisations = list(
        Organisation.objects.verified()
        .exclude(
            entity_type__code__in=[
                "member-state",
                "observer-state",
                "un-system",
                "intergovernmental",
            ]
        )
        .order_by("pk")
    )
    applicant = User.objects.filter(email="stakeholder@example.org").first()
    objectives = {o.number: o for o in Objective.objects.all()}
    regions = {r.m49: r for r in Region.objects.filter(parent=None)}
    decided = hearing.deadline + datetime.timedelta(days=7)
    for n, (role, topic, numbers, region, gender, selected, panel, consent) in enumerate(
        APPLICANTS[: len(organisations)]
    ):
        application = Application.objects.create(
            hearing=hearing,
            organisation=organisations[n],
            applicant=applicant,
            speaker_name=f"Demo Speaker {n + 1}",
            speaker_email=f"speaker{n + 1}@example.org",
            speaker_role=role,
            name_is_public=consent,
            topic=topic,
            region=regions[region],
            gender=gender,
            status=Application.Status.SELECTED if selected else Application.Status.NOT_SELECTED,
            panel=panels[panel] if panel is not None else None,
            panel_position=n,
            decided_at=decided,
            notified_at=decided + datetime.timedelta(days=1),
        )
        application.objectives.set([objectives[number] for number in numbers])
