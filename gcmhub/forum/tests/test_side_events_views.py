import datetime

import icalendar
import pytest
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages import get_messages
from django.urls import reverse

from gcmhub.accounts.tests.factories import OrganisationFactory
from gcmhub.forum.models import Criterion, EventFormat, Score, SideEvent, SideEventCall
from gcmhub.forum.side_events import services
from gcmhub.forum.tests.factories import (
    RoomFactory,
    SessionFactory,
    SideEventCallFactory,
    SideEventFactory,
    at,
    edition,
)
from gcmhub.workflow.models import State

pytestmark = pytest.mark.django_db

MAY_5, MAY_6 = datetime.date(2026, 5, 5), datetime.date(2026, 5, 6)


def _url(name, *args):
    return reverse(f"forum:{name}", args=[2026, *args])


def _titles(response) -> list[str]:
    return [event.title for event in response.context["events"]]


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _scheduled(admin, day=MAY_5, hour=13, **kwargs):
    event = SideEventFactory(state=State.PUBLISHED, **kwargs)
    services.schedule_side_event(
        event, starts_at=at(day, hour), ends_at=at(day, hour + 1), by=admin
    )
    event.refresh_from_db()
    return event


# The public list -----------------------------------------------------------------------------


def test_list_shows_the_open_call_its_criteria_and_accepted_events_only(client):
    call = SideEventCallFactory(criteria=["Relevance", "Partnership"])
    SideEventFactory(call=call, state=State.PUBLISHED, title="Accepted event")
    SideEventFactory(call=call, title="Submitted event")

    response = client.get(_url("side_events"))

    assert _titles(response) == ["Accepted event"]
    assert response.context["call_state"] == "open"
    assert [c.name for c in response.context["call"].criteria.all()] == ["Relevance", "Partnership"]
    assert _url("side_event_propose").encode() in response.content


def test_a_closed_call_says_so_and_offers_no_proposal_link(client):
    SideEventCallFactory(
        opens_at=at(datetime.date(2026, 1, 5), 9), deadline=at(datetime.date(2026, 3, 2), 18)
    )

    response = client.get(_url("side_events"))

    assert response.context["call_state"] == "closed"
    assert b"The call for side events closed on March 2, 2026, 6 p.m." in response.content
    assert _url("side_event_propose").encode() not in response.content


def test_list_filters_by_objective_format_and_day(client, cast):
    _scheduled(cast.admin, title="Hybrid on objective 5", objectives=[5], format="hybrid")
    _scheduled(cast.admin, MAY_6, title="Hybrid, another day", objectives=[5], format="hybrid")
    _scheduled(cast.admin, title="Virtual on objective 5", objectives=[5])
    _scheduled(cast.admin, title="Hybrid on objective 2", objectives=[2], format="hybrid")
    SideEventFactory(state=State.PUBLISHED, title="Not scheduled", objectives=[5], format="hybrid")

    response = client.get(
        _url("side_events"), {"objective": 5, "format": "hybrid", "day": "2026-05-05"}
    )

    assert _titles(response) == ["Hybrid on objective 5"]


def test_list_shows_times_in_the_venues_zone_or_to_be_announced(client, cast):
    _scheduled(cast.admin, title="Scheduled")
    SideEventFactory(state=State.PUBLISHED, title="Unscheduled")

    response = client.get(_url("side_events"))

    assert _titles(response) == ["Scheduled", "Unscheduled"]
    assert b"Tuesday 5 May 2026, 13:00</time>" in response.content
    assert b"Time to be announced" in response.content


def test_htmx_gets_the_results_only(client):
    SideEventFactory(state=State.PUBLISHED, title="Accepted event")

    response = client.get(_url("side_events"), headers={"HX-Request": "true"})

    assert [t.name for t in response.templates][0] == "forum/side_events/_results.html"


@pytest.mark.parametrize("count", [1, 3])
def test_side_event_list_queries_do_not_grow(client, cast, django_assert_num_queries, count):
    for hour in range(count):
        event = _scheduled(cast.admin, hour=9 + hour * 2, objectives=[2, 5])
        event.co_organisers.add(OrganisationFactory())

    with django_assert_num_queries(7):
        response = client.get(_url("side_events"))

    assert len(response.context["events"]) == count


# iCalendar -----------------------------------------------------------------------------------


def test_calendar_holds_scheduled_accepted_events_in_utc(client, cast):
    _scheduled(cast.admin, title="Fair recruitment", format=EventFormat.HYBRID)
    SideEventFactory(state=State.PUBLISHED, title="Not scheduled yet")

    response = client.get(_url("side_events_calendar"))

    calendar = icalendar.Calendar.from_ical(response.content)
    events = [
        (str(e["SUMMARY"]), e.decoded("DTSTART"), e.decoded("DTEND"))
        for e in calendar.walk("VEVENT")
    ]
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert events == [
        (
            "Fair recruitment",
            datetime.datetime(2026, 5, 5, 17, tzinfo=datetime.UTC),
            datetime.datetime(2026, 5, 5, 18, tzinfo=datetime.UTC),
        )
    ]


def test_calendar_respects_the_filters(client, cast):
    _scheduled(cast.admin, title="Hybrid", format=EventFormat.HYBRID)
    _scheduled(cast.admin, title="Virtual")

    response = client.get(_url("side_events_calendar"), {"format": "virtual"})

    calendar = icalendar.Calendar.from_ical(response.content)
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["Virtual"]


# The detail page -----------------------------------------------------------------------------


def test_detail_shows_an_accepted_event_to_anyone(client, cast):
    event = _scheduled(cast.admin, title="Regular pathways")
    event.co_organisers.add(OrganisationFactory(name="Co-organiser Org"))

    response = client.get(event.get_absolute_url())

    assert response.context["side_event"] == event
    assert response.context["panel"] == {}
    assert b"Co-organiser Org" in response.content
    assert b"Tuesday 5 May 2026, 13:00</time>" in response.content


def test_reviewer_sees_scores_and_the_decision_buttons(client, cast):
    event = SideEventFactory(organisation=cast.organisation)
    relevance, _ = event.call.criteria.all()
    Score.objects.create(side_event=event, criterion=relevance, reviewer=cast.admin, value=4)
    client.force_login(cast.reviewer)

    response = client.get(event.get_absolute_url())

    assert [a.value for a in response.context["panel"]["actions"]] == [
        "publish",
        "request_changes",
        "reject",
    ]
    assert [
        (r["criterion"].name, r["average"], r["count"]) for r in response.context["summary"]
    ] == [
        ("Relevance", 4.0, 1),
        ("Partnership", None, 0),
    ]


def test_reviewer_accepts_through_the_lifecycle_panel(client, cast):
    event = SideEventFactory(organisation=cast.organisation)
    client.force_login(cast.reviewer)
    type_id = ContentType.objects.get_for_model(SideEvent).pk

    response = client.post(
        reverse("workflow:act", args=[type_id, event.pk, "publish"]), {"note": "Welcome."}
    )

    event.refresh_from_db()
    assert (response.url, event.state) == (event.get_absolute_url(), State.PUBLISHED)


# Proposing -----------------------------------------------------------------------------------


def _form(**changes) -> dict:
    return {
        "organisation": "",
        "title": "Fair recruitment corridors",
        "description": "How recruiters and governments end fees charged to workers.",
        "other_organisers": "Migrant Workers' Alliance",
        "objectives": ["6"],
        "format": "hybrid",
        "preferred_dates": ["2026-05-04"],
        **changes,
    }


def test_member_proposes_a_side_event(client, cast):
    SideEventCallFactory()
    client.force_login(cast.member)

    response = client.post(_url("side_event_propose"), _form(organisation=cast.organisation.pk))

    event = SideEvent.objects.get()
    assert response.url == event.get_absolute_url()
    assert (event.state, event.organisation, event.preferred_dates, event.created_by) == (
        State.DRAFT,
        cast.organisation,
        ["2026-05-04"],
        cast.member,
    )


def test_propose_form_offers_the_editions_days_and_the_persons_organisations(client, cast):
    SideEventCallFactory()
    client.force_login(cast.member)

    response = client.get(_url("side_event_propose"))

    form = response.context["form"]
    assert [value for value, _ in form.fields["preferred_dates"].choices] == [
        "2026-05-04",
        "2026-05-05",
        "2026-05-06",
        "2026-05-07",
        "2026-05-08",
    ]
    assert list(response.context["lead_form"].fields["organisation"].queryset) == [
        cast.organisation
    ]


def test_a_proposal_after_the_deadline_keeps_what_was_typed(client, cast):
    SideEventCallFactory(
        opens_at=at(datetime.date(2026, 1, 5), 9), deadline=at(datetime.date(2026, 3, 2), 18)
    )
    client.force_login(cast.member)

    response = client.post(_url("side_event_propose"), _form(organisation=cast.organisation.pk))

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "The call for side events closed on March 2, 2026 at 6 p.m. (America/New_York time). "
        "Proposals are no longer accepted."
    ]
    assert response.context["form"]["title"].value() == "Fair recruitment corridors"
    assert SideEvent.objects.count() == 0


def test_someone_without_a_verified_organisation_is_told_why(client, cast):
    SideEventCallFactory()
    client.force_login(cast.no_organisation)

    response = client.get(_url("side_event_propose"))

    assert response.url == _url("side_events")
    assert _messages(response) == [
        "Side events are proposed by members of a verified organisation. Join your "
        "organisation on gcmhub, or register it, first."
    ]


def test_propose_needs_a_call(client, cast):
    client.force_login(cast.member)

    response = client.get(_url("side_event_propose"))

    assert response.status_code == 404


def test_member_edits_a_draft(client, cast):
    event = SideEventFactory(organisation=cast.organisation, state=State.DRAFT)
    client.force_login(cast.member)

    response = client.post(
        _url("side_event_edit", event.pk), _form(title="A sharper title", preferred_dates=[])
    )

    event.refresh_from_db()
    assert (response.url, event.title, event.format) == (
        event.get_absolute_url(),
        "A sharper title",
        "hybrid",
    )


def test_an_outsider_cannot_edit(client, cast):
    event = SideEventFactory(organisation=cast.organisation, state=State.DRAFT)
    client.force_login(cast.outsider)

    response = client.post(_url("side_event_edit", event.pk), _form(title="Hijacked"))

    event.refresh_from_db()
    assert (response.status_code, event.title != "Hijacked") == (404, True)


def test_member_deletes_a_draft(client, cast):
    event = SideEventFactory(organisation=cast.organisation, state=State.DRAFT)
    client.force_login(cast.member)

    response = client.post(_url("side_event_delete", event.pk))

    assert (response.url, SideEvent.objects.count()) == (reverse("forum:side_events_mine"), 0)


def test_your_side_events_lists_those_of_your_organisations(client, cast):
    mine = SideEventFactory(organisation=cast.organisation, state=State.DRAFT)
    SideEventFactory(organisation=cast.other_organisation)
    client.force_login(cast.member)

    response = client.get(reverse("forum:side_events_mine"))

    assert list(response.context["side_events"]) == [mine]


# The call ------------------------------------------------------------------------------------


def _call_form(**changes) -> dict:
    return {
        "opens_at": "2026-01-05T09:00",
        "deadline": "2026-03-02T18:00",
        "introduction": "Virtual side events.",
        "criteria-TOTAL_FORMS": "2",
        "criteria-INITIAL_FORMS": "0",
        "criteria-0-name": "Relevance",
        "criteria-0-description": "To the GCM.",
        "criteria-0-max_score": "10",
        "criteria-1-name": "",
        "criteria-1-description": "",
        "criteria-1-max_score": "5",
        **changes,
    }


def test_administrator_opens_the_call_in_the_venues_time(client, cast):
    client.force_login(cast.admin)

    response = client.post(_url("side_event_call"), _call_form())

    call = SideEventCall.objects.get(edition=edition())
    assert response.url == _url("side_events")
    assert (call.opens_at, call.deadline) == (
        at(datetime.date(2026, 1, 5), 9),
        at(datetime.date(2026, 3, 2), 18),
    )
    assert list(Criterion.objects.values_list("name", "max_score")) == [("Relevance", 10)]


def test_a_deadline_before_the_opening_is_a_form_error(client, cast):
    client.force_login(cast.admin)

    response = client.post(_url("side_event_call"), _call_form(deadline="2026-01-01T09:00"))

    assert response.context["form"].errors == {
        "deadline": ["The deadline must come after the opening of the call."]
    }
    assert SideEventCall.objects.count() == 0


def test_call_form_shows_the_existing_criteria(client, cast):
    SideEventCallFactory(criteria=["Relevance", "Partnership"])
    client.force_login(cast.admin)

    response = client.get(_url("side_event_call"))

    assert [f.instance.name for f in response.context["formset"].forms] == [
        "Relevance",
        "Partnership",
        "",
        "",
    ]


def test_a_reviewer_cannot_edit_the_call(client, cast):
    client.force_login(cast.reviewer)

    response = client.post(_url("side_event_call"), _call_form())

    assert (response.status_code, SideEventCall.objects.count()) == (403, 0)


# Review --------------------------------------------------------------------------------------


def test_review_page_lists_proposals_by_score(client, cast):
    call = SideEventCallFactory(criteria=["Relevance"])
    [relevance] = call.criteria.all()
    low = SideEventFactory(call=call, title="Low")
    high = SideEventFactory(call=call, title="High")
    SideEventFactory(call=call, state=State.DRAFT, title="Draft")
    services.score_side_event(low, {relevance: (1, "")}, by=cast.admin)
    services.score_side_event(high, {relevance: (4, "")}, by=cast.admin)
    client.force_login(cast.reviewer)

    response = client.get(_url("side_event_review"))

    assert [row.side_event.title for row in response.context["proposals"]] == ["High", "Low"]


def test_a_member_cannot_see_the_review_page(client, cast):
    SideEventCallFactory()
    client.force_login(cast.member)

    response = client.get(_url("side_event_review"))

    assert response.status_code == 403


def test_reviewer_scores_a_proposal(client, cast):
    event = SideEventFactory()
    relevance, partnership = event.call.criteria.all()
    client.force_login(cast.reviewer)

    response = client.post(
        _url("side_event_score", event.pk),
        {
            f"score_{relevance.pk}": "4",
            f"comment_{relevance.pk}": "Strong link to objective 2.",
            f"score_{partnership.pk}": "0",
            f"comment_{partnership.pk}": "",
        },
    )

    assert response.url == _url("side_event_review")
    assert sorted(Score.objects.values_list("criterion__name", "value", "comment")) == [
        ("Partnership", 0, ""),
        ("Relevance", 4, "Strong link to objective 2."),
    ]


def test_a_score_above_the_highest_is_a_form_error(client, cast):
    event = SideEventFactory()
    relevance, partnership = event.call.criteria.all()
    client.force_login(cast.reviewer)

    response = client.post(
        _url("side_event_score", event.pk),
        {f"score_{relevance.pk}": "9", f"score_{partnership.pk}": "2"},
    )

    assert response.context["form"].errors == {
        f"score_{relevance.pk}": ["Ensure this value is less than or equal to 5."]
    }
    assert Score.objects.count() == 0


def test_a_member_cannot_score(client, cast):
    event = SideEventFactory(organisation=cast.organisation)
    client.force_login(cast.member)

    response = client.get(_url("side_event_score", event.pk))

    assert response.status_code == 403


# Schedule ------------------------------------------------------------------------------------


def _slot(**changes) -> dict:
    return {
        "day": "2026-05-05",
        "starts": "13:00",
        "ends": "14:00",
        "room": "",
        "link": "",
        **changes,
    }


def test_administrator_schedules_in_the_venues_time(client, cast):
    event = SideEventFactory(state=State.PUBLISHED, format=EventFormat.IN_PERSON)
    room = RoomFactory(name="Conference Room 12")
    client.force_login(cast.admin)

    response = client.post(_url("side_event_schedule", event.pk), _slot(room=room.pk))

    event.refresh_from_db()
    assert response.url == event.get_absolute_url()
    assert (event.session.starts_at, event.session.room) == (at(MAY_5, 13), room)


def test_a_room_booked_twice_is_an_error_naming_the_other_session(client, cast):
    event = SideEventFactory(state=State.PUBLISHED, format=EventFormat.IN_PERSON)
    room = RoomFactory(name="Conference Room 4")
    SessionFactory(room=room, starts_at=at(MAY_5, 12), ends_at=at(MAY_5, 13, 30))
    client.force_login(cast.admin)

    response = client.post(_url("side_event_schedule", event.pk), _slot(room=room.pk))

    assert response.context["form"].non_field_errors() == [
        "Conference Room 4 is already booked at that time for “Round table 1” "
        "(May 5, 2026 at noon (America/New_York time))."
    ]
    event.refresh_from_db()
    assert event.session is None


def test_an_end_before_the_start_is_a_form_error(client, cast):
    event = SideEventFactory(state=State.PUBLISHED)
    client.force_login(cast.admin)

    response = client.post(_url("side_event_schedule", event.pk), _slot(ends="12:00"))

    assert response.context["form"].errors == {"ends": ["The side event must end after it starts."]}


def test_an_organiser_clash_asks_for_confirmation(client, cast):
    other = _scheduled(cast.admin, title="Data for all", organisation=cast.organisation)
    event = SideEventFactory(state=State.PUBLISHED, organisation=cast.organisation)
    client.force_login(cast.admin)

    warned = client.post(_url("side_event_schedule", event.pk), _slot())
    confirmed = client.post(_url("side_event_schedule", event.pk), _slot(confirmed="on"))

    assert warned.context["warnings"] == [
        f"An organiser of this event is also in “{other.title}” at that time "
        "(May 5, 2026 at 1 p.m. (America/New_York time))."
    ]
    assert b'name="confirmed"' in warned.content
    event.refresh_from_db()
    assert (confirmed.url, event.session.starts_at) == (event.get_absolute_url(), at(MAY_5, 13))


def test_a_reviewer_cannot_schedule(client, cast):
    event = SideEventFactory(state=State.PUBLISHED)
    client.force_login(cast.reviewer)

    response = client.post(_url("side_event_schedule", event.pk), _slot())

    assert response.status_code == 403


def test_administrator_unschedules(client, cast):
    event = _scheduled(cast.admin)
    client.force_login(cast.admin)

    response = client.post(_url("side_event_unschedule", event.pk))

    event.refresh_from_db()
    assert (response.url, event.session) == (event.get_absolute_url(), None)
