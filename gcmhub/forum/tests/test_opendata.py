import datetime
import json
import re

import pytest
from django.http import QueryDict
from django.utils import timezone, translation

from gcmhub.accounts.models import Organisation
from gcmhub.accounts.tests.factories import GovernmentFactory, OrganisationFactory, UserFactory
from gcmhub.api import registry
from gcmhub.compact.models import Country
from gcmhub.forum import opendata
from gcmhub.forum.models import Category, EventFormat, Level, SessionKind
from gcmhub.forum.tests.factories import (
    ApplicationFactory,
    InscriptionFactory,
    RoomFactory,
    SessionFactory,
    SideEventFactory,
    SpeakersListFactory,
    at,
    edition,
)
from gcmhub.workflow.models import State

pytestmark = pytest.mark.django_db

CANARY = "leak.canary@example.org"


def _records(resource, query=""):
    return [resource.record(row) for row in resource.rows(resource.filters(QueryDict(query)))]


def _ids(resource, query=""):
    return [record["id"] for record in _records(resource, query)]


def _day(year: int = 2026) -> datetime.date:
    return edition(year).start_date


# --- sessions ---------------------------------------------------------------------------------


def test_session_record_and_cells():
    session = SessionFactory(
        number=2,
        description="Regular pathways.",
        chair_people="President of the General Assembly",
        link="https://webtv.un.org/rt2",
        objectives=[5, 2],
    )
    session.chair_countries.set(Country.objects.filter(iso3__in=["EGY", "DEU"]))

    (record,) = _records(opendata.sessions)
    cells = opendata.sessions.cells(session)

    assert record == {
        "id": session.pk,
        "edition": 2026,
        "kind": "round_table",
        "number": 2,
        "title": "Round table 2",
        "description": "Regular pathways.",
        "starts_at": "2026-05-05T14:00:00+00:00",
        "ends_at": "2026-05-05T17:00:00+00:00",
        "room": "Conference Room 4",
        "objectives": [2, 5],
        "chair_countries": ["DEU", "EGY"],
        "chair_offices": "President of the General Assembly",
        "link": "https://webtv.un.org/rt2",
        "summary_published": False,
        "summary_published_at": None,
        "summary": None,
    }
    assert cells == [
        session.pk,
        2026,
        "round_table",
        2,
        "Round table 2",
        "Regular pathways.",
        "2026-05-05T14:00:00+00:00",
        "2026-05-05T17:00:00+00:00",
        "Conference Room 4",
        "2;5",
        "DEU;EGY",
        "President of the General Assembly",
        "https://webtv.un.org/rt2",
        "false",
        "",
        "",
    ]


def test_session_title_without_its_own_follows_the_active_language():
    SessionFactory(number=3)

    with translation.override("fr"):
        (record,) = _records(opendata.sessions)

    assert record["title"] == "Table ronde 3"


def test_online_session_has_no_room_and_keeps_its_own_title():
    session = SessionFactory(kind=SessionKind.DIALOGUE, number=None, title="Webinar", room=None)

    record = opendata.sessions.record(session)

    assert (record["title"], record["room"], record["number"]) == ("Webinar", None, None)


def test_published_summary_is_part_of_the_record():
    published = datetime.datetime(2026, 5, 20, 15, 0, tzinfo=datetime.UTC)
    SessionFactory(summary="What was said.", summary_published_at=published)

    (record,) = _records(opendata.sessions)

    assert (record["summary_published"], record["summary_published_at"], record["summary"]) == (
        True,
        "2026-05-20T15:00:00+00:00",
        "What was said.",
    )


def test_unpublished_summary_is_not_exposed():
    SessionFactory(summary="A draft summary nobody should read yet.")

    (record,) = _records(opendata.sessions)

    assert (record["summary"], "draft summary" in str(record)) == (None, False)


def test_sessions_of_every_edition_in_primary_key_order():
    later = SessionFactory(edition=edition(2022), starts_at=at(_day(2022), 15))
    earlier = SessionFactory(starts_at=at(_day(), 10))

    assert _ids(opendata.sessions) == [later.pk, earlier.pk]


def test_sessions_filter_by_edition_and_kind_like_the_programme():
    round_table = SessionFactory()
    SessionFactory(kind=SessionKind.HEARING, number=None)
    SessionFactory(edition=edition(2022), room=RoomFactory(edition=edition(2022)))

    filtered = _ids(opendata.sessions, "edition=2026&kind=round_table")
    invalid = _ids(opendata.sessions, "edition=1999&kind=banquet")

    assert filtered == [round_table.pk]
    assert len(invalid) == 3


# --- side events ------------------------------------------------------------------------------


def test_accepted_side_event_record_with_its_session():
    lead = OrganisationFactory(name="Lead")
    partner = OrganisationFactory(name="Partner")
    pending = OrganisationFactory(name="Pending", status=Organisation.Status.PENDING)
    session = SessionFactory(
        kind=SessionKind.SIDE_EVENT,
        number=None,
        title="Pathways",
        starts_at=at(_day(), 13, 15),
        ends_at=at(_day(), 14, 30),
        link="https://example.org/live",
    )
    event = SideEventFactory(
        state=State.PUBLISHED,
        organisation=lead,
        title="Pathways",
        format=EventFormat.HYBRID,
        other_organisers="City of Lisbon",
        preferred_dates=["2026-05-06"],
        objectives=[5, 2],
        session=session,
        created_by=UserFactory(email=CANARY),
    )
    event.co_organisers.set([partner, pending])

    (record,) = _records(opendata.side_events)

    assert record == {
        "id": event.pk,
        "edition": 2026,
        "title": "Pathways",
        "description": "A conversation on regular pathways.",
        "format": "hybrid",
        "organisation": lead.pk,
        "co_organisers": [partner.pk],
        "other_organisers": "City of Lisbon",
        "objectives": [2, 5],
        "session": session.pk,
        "starts_at": "2026-05-05T17:15:00+00:00",
        "ends_at": "2026-05-05T18:30:00+00:00",
        "room": "Conference Room 4",
        "link": "https://example.org/live",
    }


def test_unscheduled_side_event_has_no_time_room_or_link():
    event = SideEventFactory(state=State.PUBLISHED)

    cells = opendata.side_events.cells(event)

    assert cells[-5:] == ["", "", "", "", ""]


@pytest.mark.parametrize(
    "state",
    [
        State.DRAFT,
        State.SUBMITTED,
        State.CHANGES_REQUESTED,
        State.REJECTED,
        State.WITHDRAWN,
        State.UNPUBLISHED,
    ],
)
def test_side_events_not_accepted_are_absent(state):
    accepted = SideEventFactory(state=State.PUBLISHED)
    SideEventFactory(state=state, title="Hidden proposal")

    records = _records(opendata.side_events)

    assert ([r["id"] for r in records], "Hidden proposal" in str(records)) == ([accepted.pk], False)


def test_side_events_filter_like_the_side_events_page():
    day = _day()
    wanted = SideEventFactory(
        state=State.PUBLISHED,
        objectives=[7],
        format=EventFormat.IN_PERSON,
        session=SessionFactory(kind=SessionKind.SIDE_EVENT, starts_at=at(day, 13)),
    )
    SideEventFactory(state=State.PUBLISHED, objectives=[7], format=EventFormat.IN_PERSON)
    SideEventFactory(state=State.PUBLISHED, objectives=[2], format=EventFormat.IN_PERSON)
    SideEventFactory(state=State.PUBLISHED, objectives=[7], format=EventFormat.VIRTUAL)

    by_day = _ids(opendata.side_events, f"edition=2026&day={day}&objective=7&format=in_person")
    by_objective = _ids(opendata.side_events, "objective=7&format=in_person")

    assert by_day == [wanted.pk]
    assert len(by_objective) == 2


def test_side_events_of_one_edition():
    SideEventFactory(state=State.PUBLISHED)

    assert (_ids(opendata.side_events, "edition=2022"), len(_ids(opendata.side_events))) == ([], 1)


# --- speakers ---------------------------------------------------------------------------------


def _published_list(year: int = 2026):
    return SpeakersListFactory(edition=edition(year), published_at=timezone.now())


def test_speakers_of_a_published_list_in_speaking_order():
    speakers_list = _published_list()
    minister = InscriptionFactory(
        speakers_list=speakers_list,
        speaker="Ms Canary Minister",
        inscribed_by=UserFactory(email=CANARY),
        statement="Our statement.",
        delivered_at=timezone.now(),
    )
    group = InscriptionFactory(
        speakers_list=speakers_list,
        organisation=GovernmentFactory(country=Country.objects.get(iso3="EGY")),
        category=Category.GROUP,
        level="",
        group_name="African Group",
    )
    group.group_members.set(Country.objects.filter(iso3__in=["EGY", "KEN"]))

    rows = list(opendata.speakers.rows({}))

    assert [opendata.speakers.record(row) for row in rows] == [
        {
            "id": minister.pk,
            "edition": 2026,
            "place": 2,
            "organisation": minister.organisation.pk,
            "delegation": "Government of Morocco",
            "category": "member_state",
            "group_name": "",
            "group_members": [],
            "level": "minister",
            "delivered": True,
        },
        {
            "id": group.pk,
            "edition": 2026,
            "place": 1,
            "organisation": group.organisation.pk,
            "delegation": "Government of Egypt",
            "category": "group",
            "group_name": "African Group",
            "group_members": ["EGY", "KEN"],
            "level": None,
            "delivered": False,
        },
    ]
    assert opendata.speakers.cells(rows[1]) == [
        group.pk,
        2026,
        1,
        group.organisation.pk,
        "Government of Egypt",
        "group",
        "African Group",
        "EGY;KEN",
        "",
        "false",
    ]


def test_inscriptions_of_an_unpublished_list_are_absent():
    published = InscriptionFactory(speakers_list=_published_list())
    InscriptionFactory(
        speakers_list=SpeakersListFactory(edition=edition(2022)),
        organisation=GovernmentFactory(country=Country.objects.get(iso3="PRT")),
    )

    assert (_ids(opendata.speakers), _ids(opendata.speakers, "edition=2022")) == (
        [published.pk],
        [],
    )


def test_speakers_enumerations_hold_every_value():
    fields = {field.name: field for field in opendata.speakers.fields}

    assert (fields["category"].enum, fields["level"].enum) == (
        tuple(Category.values),
        tuple(Level.values),
    )


# --- every forum collection -------------------------------------------------------------------


def test_no_person_or_email_address_in_any_record(cast):
    canary = UserFactory(email=CANARY, full_name="Canary Person")
    SessionFactory(summary=f"Write to {CANARY}.")
    SideEventFactory(state=State.PUBLISHED, created_by=canary)
    SideEventFactory(state=State.SUBMITTED, description=f"Contact {CANARY}.")
    InscriptionFactory(
        speakers_list=_published_list(), speaker="Canary Person", inscribed_by=canary
    )
    ApplicationFactory(speaker_email=CANARY, speaker_name="Canary Person", name_is_public=True)

    texts = [str(_records(resource)) for resource in opendata.RESOURCES]

    assert [(text.count("@"), text.count("Canary")) for text in texts] == [(0, 0)] * 3


def test_references_point_to_existing_collections_and_fields():
    collections = {
        name: {field.name for field in resource.fields}
        for name, resource in registry.resources().items()
    }
    references = {
        field.reference for resource in opendata.RESOURCES for field in resource.fields
    } - {None}

    missing = [ref for ref in references if ref[1] not in collections.get(ref[0], set())]

    assert references == {
        ("editions", "year"),
        ("objectives", "number"),
        ("countries", "iso3"),
        ("organisations", "id"),
        ("sessions", "id"),
    }
    assert missing == []


def test_page_urls():
    session = SessionFactory()
    event = SideEventFactory(state=State.PUBLISHED)
    inscription = InscriptionFactory(speakers_list=_published_list())
    (speaker,) = opendata.speakers.rows({})

    urls = [
        opendata.sessions.page_url(session),
        opendata.side_events.page_url(event),
        opendata.speakers.page_url(speaker),
    ]

    assert urls == [
        f"/en/forum/2026/sessions/{session.pk}/",
        f"/en/forum/2026/side-events/{event.pk}/",
        "/en/forum/2026/speakers/",
    ]
    assert speaker == inscription


def _sessions(count):
    for _ in range(count):
        session = SessionFactory(objectives=[1, 2])
        session.chair_countries.set(Country.objects.filter(iso3__in=["EGY", "DEU"]))
    SessionFactory(edition=edition(2022), room=RoomFactory(edition=edition(2022)))


def _side_events(count):
    for _ in range(count):
        event = SideEventFactory(
            state=State.PUBLISHED,
            session=SessionFactory(kind=SessionKind.SIDE_EVENT),
            objectives=[1, 2],
        )
        event.co_organisers.set([OrganisationFactory(), OrganisationFactory()])


def _speakers(count):
    speakers_list = _published_list()
    for country in Country.objects.member_states()[:count]:
        inscription = InscriptionFactory(
            speakers_list=speakers_list, organisation=GovernmentFactory(country=country)
        )
        inscription.group_members.set(Country.objects.filter(iso3__in=["EGY", "KEN"]))


# Queries: the editions, the rows, two prefetched relations (objectives, countries or
# co-organisers); for the speakers the editions, then each edition's list and, once published,
# its inscriptions, their group members and the precedence rules. Then how many other rows.
QUERIES = {
    "sessions": (_sessions, 4, 1),
    "side_events": (_side_events, 4, 0),
    "speakers": (_speakers, 6, 0),
}


@pytest.mark.parametrize("count", [1, 3])
@pytest.mark.parametrize("resource", opendata.RESOURCES, ids=lambda r: r.name)
def test_rows_cost_a_fixed_number_of_queries(django_assert_num_queries, resource, count):
    arrange, queries, others = QUERIES[resource.name]
    arrange(count)

    with django_assert_num_queries(queries):
        rows = [resource.record(row) for row in resource.rows({})]

    assert len(rows) == count + others


# --- the session page's schema.org Event ------------------------------------------------------


def _json_ld(response) -> list:
    html = response.content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def test_session_page_describes_the_session_as_a_schema_org_event(client):
    session = SessionFactory(number=2, description="Regular pathways.")

    response = client.get(session.get_absolute_url())

    assert _json_ld(response) == [
        {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": "Round table 2",
            "startDate": "2026-05-05T10:00:00-04:00",
            "endDate": "2026-05-05T13:00:00-04:00",
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "url": f"http://testserver/en/forum/2026/sessions/{session.pk}/",
            "organizer": {
                "@type": "Organization",
                "name": "United Nations",
                "url": "https://www.un.org",
            },
            "location": {
                "@type": "Place",
                "name": "Conference Room 4, United Nations Headquarters, New York",
                "address": "United Nations Headquarters, New York",
            },
            "description": "Regular pathways.",
        }
    ]


def test_online_session_event_has_a_virtual_location(client):
    session = SessionFactory(
        kind=SessionKind.DIALOGUE, number=None, room=None, link="https://webtv.un.org/x"
    )

    (event,) = _json_ld(client.get(session.get_absolute_url()))

    assert (event["eventAttendanceMode"], event["location"], "description" in event) == (
        "https://schema.org/OnlineEventAttendanceMode",
        {"@type": "VirtualLocation", "url": "https://webtv.un.org/x"},
        False,
    )


def test_session_event_text_cannot_close_its_script_element(client):
    title = "</script><script>alert(1)</script> <!-- & more"
    session = SessionFactory(title=title, description="A < B > C", link="https://x.example/")

    response = client.get(session.get_absolute_url())

    html = response.content.decode()
    (event,) = _json_ld(response)
    assert (event["name"], event["description"]) == (title, "A < B > C")
    assert (html.count("<script>alert(1)"), html.count("<!-- & more")) == (0, 0)
    assert event["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [place["@type"] for place in event["location"]] == ["Place", "VirtualLocation"]


def test_session_event_leaves_out_an_unpublished_summary(client):
    session = SessionFactory(summary="A draft summary nobody should read yet.")

    (event,) = _json_ld(client.get(session.get_absolute_url()))

    assert json.dumps(event).count("draft summary") == 0
