import datetime

import icalendar
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from gcmhub.compact.models import Country
from gcmhub.forum import queries, services
from gcmhub.forum.calendar import calendar
from gcmhub.forum.models import AgendaItem, CalendarToken, Holiday, Session, SessionKind
from gcmhub.forum.tests.factories import NEW_YORK, RoomFactory, SessionFactory, at, edition
from gcmhub.forum.workdays import add_working_days, working_days_between

pytestmark = pytest.mark.django_db

D = datetime.date
MEMORIAL_DAY_2022 = {D(2022, 5, 30)}


@pytest.mark.parametrize(
    ("start", "count", "holidays", "expected"),
    [
        (D(2022, 5, 20), 10, set(), D(2022, 6, 3)),  # a Friday: two weekends later
        (D(2022, 5, 20), 10, MEMORIAL_DAY_2022, D(2022, 6, 6)),  # the holiday pushes a day
        (D(2022, 5, 16), 10, MEMORIAL_DAY_2022, D(2022, 5, 31)),  # the hearing's summary
        (D(2022, 5, 21), 1, set(), D(2022, 5, 23)),  # from a Saturday: Monday
        (D(2022, 5, 27), 1, MEMORIAL_DAY_2022, D(2022, 5, 31)),  # Friday, weekend, holiday
        (D(2022, 5, 20), 0, set(), D(2022, 5, 20)),
        (D(2026, 12, 24), 2, {D(2026, 12, 25)}, D(2026, 12, 29)),
    ],
)
def test_add_working_days_skips_weekends_and_holidays(start, count, holidays, expected):
    assert add_working_days(start, count, holidays) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (D(2022, 5, 20), D(2022, 6, 6), 10),
        (D(2022, 6, 6), D(2022, 5, 20), -10),
        (D(2022, 5, 20), D(2022, 5, 20), 0),
        (D(2022, 5, 20), D(2022, 5, 22), 0),  # the weekend
    ],
)
def test_working_days_between_counts_after_start_up_to_end(start, end, expected):
    assert working_days_between(start, end, MEMORIAL_DAY_2022) == expected


def test_summary_statuses_say_due_late_published_and_upcoming():
    past = edition(2022)
    closing = SessionFactory(
        edition=past,
        kind=SessionKind.CLOSING,
        number=None,
        starts_at=at(D(2022, 5, 20), 15),
        ends_at=at(D(2022, 5, 20), 18),
    )
    hearing = SessionFactory(
        edition=past,
        kind=SessionKind.HEARING,
        number=None,
        starts_at=at(D(2022, 5, 16), 10),
        ends_at=at(D(2022, 5, 16), 13),
        summary="Heard.",
        summary_published_at=at(D(2022, 5, 25), 9),
    )
    SessionFactory(edition=past, kind=SessionKind.SIDE_EVENT, starts_at=at(D(2022, 5, 18), 8))

    on_time = queries.summary_statuses(past, today=D(2022, 6, 6))
    after = queries.summary_statuses(past, today=D(2022, 6, 7))

    assert [(s.session, s.due, s.status, s.working_days_left) for s in on_time] == [
        (hearing, D(2022, 5, 31), "published", -4),
        (closing, D(2022, 6, 6), "due", 0),
    ]
    assert [(s.session, s.status) for s in after] == [(hearing, "published"), (closing, "late")]
    assert Holiday.objects.filter(date=D(2022, 5, 30)).exists()  # from the reference data


def test_summary_of_a_session_not_held_yet_is_upcoming():
    future = SessionFactory(
        starts_at=timezone.now() + datetime.timedelta(days=3),
        ends_at=timezone.now() + datetime.timedelta(days=3, hours=2),
    )

    [status] = queries.summary_statuses(future.edition)

    assert status.status == "upcoming"


def test_calendar_reads_back_with_the_right_times_and_text():
    session = SessionFactory(
        title="Round table 1; pathways, data\nand more",
        description="Long " * 40,
        starts_at=datetime.datetime(2022, 5, 17, 10, tzinfo=NEW_YORK),
        ends_at=datetime.datetime(2022, 5, 17, 13, tzinfo=NEW_YORK),
    )

    text = calendar("IMRF 2022", [session], base_url="https://gcmhub.example")
    parsed = icalendar.Calendar.from_ical(text)
    [event] = parsed.walk("VEVENT")

    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert event.decoded("dtstart") == datetime.datetime(2022, 5, 17, 14, tzinfo=datetime.UTC)
    assert event.decoded("dtend") == datetime.datetime(2022, 5, 17, 17, tzinfo=datetime.UTC)
    assert str(event["summary"]) == "Round table 1; pathways, data\nand more"
    assert str(event["description"]) == "Long " * 40
    assert str(event["location"]) == "Conference Room 4"
    assert str(event["uid"]) == f"session-{session.pk}@gcmhub.example"
    assert str(parsed["x-wr-calname"]) == "IMRF 2022"


def test_calendar_folds_long_arabic_lines_on_whole_characters():
    session = SessionFactory(title="اجتماع المائدة المستديرة " * 8)

    text = calendar("المنتدى", [session], base_url="https://gcmhub.example")
    [event] = icalendar.Calendar.from_ical(text).walk("VEVENT")

    assert str(event["summary"]) == "اجتماع المائدة المستديرة " * 8
    assert max(len(line.encode()) for line in text.split("\r\n")) <= 75


def test_edition_calendar_view_serves_every_session(client):
    first = SessionFactory()
    second = SessionFactory(
        number=2, starts_at=first.ends_at, ends_at=first.ends_at + datetime.timedelta(hours=2)
    )

    response = client.get(reverse("forum:calendar", args=[2026]))
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert [str(e["uid"]).split("@")[0] for e in events] == [
        f"session-{first.pk}",
        f"session-{second.pk}",
    ]


def test_session_calendar_view_serves_one_session(client):
    session = SessionFactory()

    response = client.get(reverse("forum:session_calendar", args=[2026, session.pk]))
    [event] = icalendar.Calendar.from_ical(response.content).walk("VEVENT")

    assert str(event["summary"]) == "Round table 1"


def test_programme_groups_sessions_by_day_and_room():
    hall = RoomFactory(name="General Assembly Hall", position=2)
    small = RoomFactory(name="Conference Room 4", position=1)
    day = edition().start_date
    opening = SessionFactory(kind=SessionKind.PLENARY_OPENING, room=hall, starts_at=at(day, 10))
    table = SessionFactory(room=small, starts_at=at(day, 10))
    online = SessionFactory(kind=SessionKind.SIDE_EVENT, room=None, starts_at=at(day, 8))
    late = SessionFactory(room=small, starts_at=at(day, 22), ends_at=at(day, 23))

    days = queries.programme(edition(), starred={table.pk})

    assert [(d.date, [(r.name, r.sessions) for r in d.rooms]) for d in days] == [
        (
            day,
            [
                ("Conference Room 4", [table, late]),
                ("General Assembly Hall", [opening]),
                ("", [online]),
            ],
        )
    ]
    rooms = days[0].rooms
    assert [rooms[0].sessions[0].is_starred, rooms[1].sessions[0].is_starred] == [True, False]


def test_programme_page_shows_times_in_the_venue_zone(client):
    session = SessionFactory(starts_at=datetime.datetime(2026, 5, 5, 14, tzinfo=datetime.UTC))

    response = client.get(reverse("forum:programme", args=[2026]))

    page = response.content.decode()
    assert list(response.context["days"][0].rooms[0].sessions) == [session]
    assert '<time datetime="2026-05-05T14:00:00+00:00">10 a.m.</time>' in page
    assert "America/New_York" in page


def test_programme_filters_by_kind(client):
    SessionFactory()
    hearing = SessionFactory(
        kind=SessionKind.HEARING, number=None, starts_at=at(edition().start_date, 15)
    )

    response = client.get(reverse("forum:programme", args=[2026]), {"kind": "hearing"})

    assert [s for d in response.context["days"] for r in d.rooms for s in r.sessions] == [hearing]


@pytest.mark.parametrize("count", [1, 3])
def test_programme_queries_do_not_grow(client, cast, django_assert_num_queries, count):
    day = edition().start_date
    for n in range(count):
        session = SessionFactory(
            number=n + 1,
            starts_at=at(day, 8 + 2 * n),
            ends_at=at(day, 9 + 2 * n),
            objectives=[2, 5],
        )
        session.chair_countries.set(Country.objects.filter(iso3__in=["EGY", "DEU"]))
    client.force_login(cast.member)

    # session, user, edition, sessions, chairs, objectives, stars, memberships (role checks)
    with django_assert_num_queries(7):
        client.get(reverse("forum:programme", args=[2026]))


def test_programme_of_an_unknown_edition_is_not_found(client):
    assert client.get(reverse("forum:programme", args=[1999])).status_code == 404


def test_forum_home_lists_editions(client):
    response = client.get(reverse("forum:home"))

    assert [e.year for e in response.context["editions"]] == [2026, 2022]


def test_session_page_shows_chairs_objectives_and_published_summary(client):
    session = SessionFactory(
        objectives=[2, 5], summary="What was said.", summary_published_at=timezone.now()
    )
    session.chair_countries.set(Country.objects.filter(iso3__in=["EGY", "DEU"]))

    response = client.get(session.get_absolute_url())

    page = response.content.decode()
    assert response.context["session"] == session
    assert "Co-chairs" in page
    assert "What was said." in page


def test_unpublished_summary_stays_off_the_session_page(client):
    session = SessionFactory(summary="A draft summary nobody should read yet.")

    response = client.get(session.get_absolute_url())

    assert "A draft summary nobody should read yet." not in response.content.decode()


def test_session_of_another_edition_is_not_found(client):
    session = SessionFactory()

    assert client.get(reverse("forum:session", args=[2022, session.pk])).status_code == 404


# --- the secretariat's changes ------------------------------------------------------------


def _form(**changes):
    data = {
        "kind": "round_table",
        "number": "2",
        "title": "",
        "description": "Regular pathways.",
        "day": "2026-05-05",
        "start": "15:00",
        "end": "18:00",
        "room": "",
        "new_room": "Conference Room 4",
        "chair_people": "",
        "link": "",
        "objectives": ["4", "8"],
    }
    return data | changes


def test_administrator_adds_a_session_in_the_venue_time(client, cast):
    client.force_login(cast.admin)

    response = client.post(reverse("forum:session_create", args=[2026]), _form())

    session = Session.objects.get()
    assert response.url == session.get_absolute_url()
    assert session.starts_at == datetime.datetime(2026, 5, 5, 19, tzinfo=datetime.UTC)
    assert (session.room.name, session.display_title) == ("Conference Room 4", "Round table 2")
    assert sorted(session.objectives.values_list("number", flat=True)) == [4, 8]


def test_session_ending_before_it_starts_is_refused_and_kept(client, cast):
    client.force_login(cast.admin)

    response = client.post(
        reverse("forum:session_create", args=[2026]), _form(start="18:00", end="15:00")
    )

    assert response.status_code == 200
    assert response.context["form"].errors["end"] == ["A session must end after it starts."]
    assert response.context["form"]["description"].value() == "Regular pathways."
    assert Session.objects.count() == 0


def test_room_booked_twice_is_refused_with_the_other_session(client, cast):
    room = RoomFactory()
    SessionFactory(room=room, starts_at=at(D(2026, 5, 5), 16), ends_at=at(D(2026, 5, 5), 17))
    client.force_login(cast.admin)

    response = client.post(
        reverse("forum:session_create", args=[2026]), _form(room=str(room.pk), new_room="")
    )

    [message] = response.context["form"].errors["room"]
    assert message.startswith("Conference Room 4 is already booked from")
    assert message.endswith("for Round table 1.")
    assert Session.objects.count() == 1


def test_back_to_back_sessions_share_a_room():
    room = RoomFactory()
    morning = SessionFactory(
        room=room, starts_at=at(D(2026, 5, 5), 10), ends_at=at(D(2026, 5, 5), 13)
    )
    afternoon = Session(
        edition=morning.edition,
        kind="round_table",
        room=room,
        starts_at=morning.ends_at,
        ends_at=at(D(2026, 5, 5), 15),
    )

    assert services.room_clash(afternoon) is None


def test_session_edit_keeps_its_own_slot(client, cast):
    session = SessionFactory()
    client.force_login(cast.admin)

    response = client.post(
        reverse("forum:session_edit", args=[2026, session.pk]),
        _form(room=str(session.room_id), new_room="", day="2026-05-05", start="10:00", end="12:00"),
    )

    session.refresh_from_db()
    assert response.status_code == 302
    assert session.ends_at == datetime.datetime(2026, 5, 5, 16, tzinfo=datetime.UTC)


def test_administrator_deletes_a_session_after_confirming(client, cast):
    session = SessionFactory()
    client.force_login(cast.admin)

    confirm = client.get(reverse("forum:session_delete", args=[2026, session.pk]))
    client.post(reverse("forum:session_delete", args=[2026, session.pk]))

    assert confirm.context["session"] == session
    assert Session.objects.count() == 0


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("anonymous", False),
        ("member", False),
        ("focal_point", False),
        ("reviewer", False),
        ("admin", True),
    ],
)
@pytest.mark.parametrize(
    "name", ["session_create", "session_edit", "session_delete", "summary_edit"]
)
def test_only_administrators_change_the_programme(client, cast, role, allowed, name):
    session = SessionFactory()
    if role != "anonymous":
        client.force_login(getattr(cast, role))
    args = [2026] if name == "session_create" else [2026, session.pk]

    response = client.get(reverse(f"forum:{name}", args=args))

    assert (response.status_code == 200) is allowed
    assert response.status_code in ({200} if allowed else {302, 403})


@pytest.mark.parametrize(("role", "status"), [("member", 403), ("reviewer", 200), ("admin", 200)])
def test_summaries_page_is_for_the_secretariat(client, cast, role, status):
    client.force_login(getattr(cast, role))

    assert client.get(reverse("forum:summaries", args=[2022])).status_code == status


def test_summary_is_published_once_the_session_ended(client, cast):
    session = SessionFactory(edition=edition(2022), starts_at=at(D(2022, 5, 17), 10))
    client.force_login(cast.admin)

    client.post(
        reverse("forum:summary_edit", args=[2022, session.pk]), {"summary": "Agreed points."}
    )

    session.refresh_from_db()
    assert session.summary == "Agreed points."
    assert session.summary_published_at is not None


def test_summary_before_the_session_ends_is_refused(cast):
    session = SessionFactory(
        starts_at=timezone.now() + datetime.timedelta(days=1),
        ends_at=timezone.now() + datetime.timedelta(days=1, hours=1),
    )

    with pytest.raises(Exception, match="has not ended yet"):
        services.publish_summary(session, "Too early.", by=cast.admin)


def test_session_document_is_checked_by_content(client, cast):
    session = SessionFactory()
    client.force_login(cast.admin)
    renamed = SimpleUploadedFile(
        "note.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )

    response = client.post(
        reverse("forum:session_documents", args=[2026, session.pk]),
        {"kind": "background", "title": "Background note", "language": "en", "file": renamed},
    )

    assert response.status_code == 400
    assert session.documents.count() == 0


# --- agendas -------------------------------------------------------------------------------


def test_star_puts_a_session_on_the_agenda_and_takes_it_off(client, cast):
    session = SessionFactory()
    client.force_login(cast.member)

    client.post(reverse("forum:star", args=[2026, session.pk]))
    client.post(reverse("forum:star", args=[2026, session.pk]))  # twice is harmless
    on = list(client.get(reverse("forum:agenda")).context["sessions"])
    client.post(reverse("forum:star", args=[2026, session.pk]), {"star": "off"})

    assert on == [session]
    assert AgendaItem.objects.count() == 0


def test_star_needs_a_signed_in_person(client):
    session = SessionFactory()

    response = client.post(reverse("forum:star", args=[2026, session.pk]))

    assert response.status_code == 302
    assert AgendaItem.objects.count() == 0


def test_star_goes_back_only_to_this_site(client, cast):
    session = SessionFactory()
    client.force_login(cast.member)

    response = client.post(
        reverse("forum:star", args=[2026, session.pk]), {"next": "https://evil.example/"}
    )

    assert response.url == session.get_absolute_url()


def test_private_agenda_feed_serves_only_its_owner_sessions(client, cast):
    mine, theirs = SessionFactory(), SessionFactory(number=2, starts_at=at(D(2026, 5, 6), 10))
    services.star(mine, user=cast.member)
    services.star(theirs, user=cast.outsider)
    token = services.calendar_token(cast.member)

    response = client.get(reverse("forum:agenda_calendar", args=[token]))
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")

    assert [str(e["uid"]).split("@")[0] for e in events] == [f"session-{mine.pk}"]
    assert response["Cache-Control"] == "private, no-store"


def test_new_agenda_link_revokes_the_old_one(client, cast):
    old = services.calendar_token(cast.member)
    client.force_login(cast.member)

    client.post(reverse("forum:agenda_link"))
    new = CalendarToken.objects.get(user=cast.member).token

    assert new != old
    assert client.get(reverse("forum:agenda_calendar", args=[old])).status_code == 404
    assert client.get(reverse("forum:agenda_calendar", args=[new])).status_code == 200


def test_agenda_page_needs_sign_in(client):
    response = client.get(reverse("forum:agenda"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:sign_in"))
