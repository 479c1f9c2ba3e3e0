import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gcmhub.accounts.tests.factories import OrganisationFactory
from gcmhub.compact.models import Objective
from gcmhub.forum.models import (
    Criterion,
    EventFormat,
    Score,
    Session,
    SessionKind,
    SideEvent,
    SideEventCall,
)
from gcmhub.forum.side_events import queries, services
from gcmhub.forum.tests.factories import (
    RoomFactory,
    SessionFactory,
    SideEventCallFactory,
    SideEventFactory,
    at,
    edition,
)
from gcmhub.workflow import services as workflow
from gcmhub.workflow.models import Action, State

pytestmark = pytest.mark.django_db

MAY_5 = datetime.date(2026, 5, 5)  # the first day of IMRF 2026


def _proposal(**changes) -> dict:
    return {
        "title": "Fair recruitment corridors",
        "description": "How recruiters and governments end fees charged to workers.",
        "co_organisers": [],
        "other_organisers": "Migrant Workers' Alliance",
        "objectives": Objective.objects.filter(number__in=[6, 2]),
        "format": EventFormat.HYBRID,
        "preferred_dates": ["2026-05-06", "2026-05-05"],
        **changes,
    }


# The call ------------------------------------------------------------------------------------


def _call_data(**changes) -> dict:
    now = timezone.now()
    return {
        "opens_at": now,
        "deadline": now + datetime.timedelta(days=30),
        "introduction": "Virtual side events on the forum's themes.",
        **changes,
    }


def test_administrator_opens_a_call_with_criteria(cast):
    criteria = [
        {"name": "Relevance", "description": "To the GCM.", "max_score": 10},
        {"name": "Partnership", "description": "", "max_score": 5},
        {"name": "", "description": "", "max_score": 5},  # an empty row is left out
    ]

    call = services.save_call(edition(), _call_data(), criteria, by=cast.admin)

    assert [(c.position, c.name, c.max_score) for c in call.criteria.all()] == [
        (1, "Relevance", 10),
        (2, "Partnership", 5),
    ]


def test_administrator_edits_and_removes_criteria(cast):
    call = SideEventCallFactory(criteria=["Relevance", "Partnership"])
    relevance, partnership = call.criteria.all()
    rows = [
        {"id": relevance.pk, "name": "Relevance to the GCM", "description": "", "max_score": 4},
        {"id": partnership.pk, "delete": True, "name": "Partnership", "max_score": 5},
        {"name": "Inclusion", "description": "Migrants speak.", "max_score": 3},
    ]

    services.save_call(edition(), _call_data(), rows, by=cast.admin)

    assert [(c.name, c.max_score) for c in Criterion.objects.filter(call=call)] == [
        ("Relevance to the GCM", 4),
        ("Inclusion", 3),
    ]


def test_a_reviewer_cannot_open_a_call(cast):
    with pytest.raises(PermissionDenied):
        services.save_call(edition(), _call_data(), [], by=cast.reviewer)

    assert SideEventCall.objects.count() == 0


def test_a_highest_score_below_given_scores_is_refused(cast):
    call = SideEventCallFactory(criteria=["Relevance"])
    [relevance] = call.criteria.all()
    Score.objects.create(
        side_event=SideEventFactory(call=call), criterion=relevance, reviewer=cast.reviewer, value=5
    )
    row = {"id": relevance.pk, "name": "Relevance", "description": "", "max_score": 3}

    with pytest.raises(ValidationError) as error:
        services.save_call(edition(), _call_data(), [row], by=cast.admin)

    assert error.value.messages == [
        "Reviewers already gave “Relevance” more than 3 points: the highest score cannot be "
        "lower than the scores given."
    ]


# Proposals -----------------------------------------------------------------------------------


def test_member_proposes_a_side_event_as_a_draft(cast):
    call = SideEventCallFactory()
    partner = OrganisationFactory(name="Partner")

    side_event = services.propose_side_event(
        call,
        _proposal(co_organisers=[partner, cast.organisation]),  # the lead is left out
        organisation=cast.organisation,
        by=cast.member,
    )

    assert (
        side_event.state,
        side_event.call,
        side_event.organisation,
        list(side_event.co_organisers.all()),
        side_event.preferred_dates,
        sorted(o.number for o in side_event.objectives.all()),
    ) == (State.DRAFT, call, cast.organisation, [partner], ["2026-05-05", "2026-05-06"], [2, 6])


def test_a_proposal_after_the_deadline_is_refused(cast):
    call = SideEventCallFactory(
        opens_at=at(datetime.date(2026, 1, 5), 9),
        deadline=at(datetime.date(2026, 3, 2), 18),
    )

    with pytest.raises(ValidationError) as error:
        services.propose_side_event(
            call,
            _proposal(),
            organisation=cast.organisation,
            by=cast.member,
            now=at(datetime.date(2026, 3, 2), 18, 1),
        )

    assert error.value.messages == [
        "The call for side events closed on March 2, 2026 at 6 p.m. (America/New_York time). "
        "Proposals are no longer accepted."
    ]
    assert SideEvent.objects.count() == 0


def test_a_proposal_before_the_call_opens_is_refused(cast):
    call = SideEventCallFactory(
        opens_at=at(datetime.date(2026, 1, 5), 9),
        deadline=at(datetime.date(2026, 3, 2), 18),
    )

    with pytest.raises(ValidationError) as error:
        services.propose_side_event(
            call,
            _proposal(),
            organisation=cast.organisation,
            by=cast.member,
            now=at(datetime.date(2026, 1, 5), 8),
        )

    assert error.value.messages == [
        "The call for side events opens on Jan. 5, 2026 at 9 a.m. (America/New_York time). "
        "Your proposal was not saved yet."
    ]
    assert SideEvent.objects.count() == 0


def test_an_outsider_cannot_propose_for_another_organisation(cast):
    call = SideEventCallFactory()

    with pytest.raises(PermissionDenied):
        services.propose_side_event(
            call, _proposal(), organisation=cast.organisation, by=cast.outsider
        )

    assert SideEvent.objects.count() == 0


def test_preferred_dates_outside_the_forum_are_refused(cast):
    call = SideEventCallFactory()

    with pytest.raises(ValidationError) as error:
        services.propose_side_event(
            call,
            _proposal(preferred_dates=["2026-06-01"]),
            organisation=cast.organisation,
            by=cast.member,
        )

    assert error.value.messages == ["Choose preferred dates among the days of the forum."]


def test_an_edit_of_an_accepted_event_waits_for_review(cast):
    side_event = SideEventFactory(organisation=cast.organisation, state=State.PUBLISHED)

    revision = services.edit_side_event(side_event, {"title": "A better title"}, by=cast.member)

    side_event.refresh_from_db()
    assert (side_event.title != "A better title", revision.data["title"], revision.state) == (
        True,
        "A better title",
        State.SUBMITTED,
    )


def test_edition_days_begin_with_the_hearing():
    assert queries.edition_days(edition()) == [
        datetime.date(2026, 5, day) for day in (4, 5, 6, 7, 8)
    ]


# Scores --------------------------------------------------------------------------------------


@pytest.fixture
def proposal():
    call = SideEventCallFactory(criteria=["Relevance", "Partnership"])
    return SideEventFactory(call=call)


def test_reviewer_scores_and_updates_until_the_decision(cast, proposal):
    relevance, partnership = proposal.call.criteria.all()
    services.score_side_event(
        proposal, {relevance: (3, "Close to the GCM."), partnership: (2, "")}, by=cast.reviewer
    )

    services.score_side_event(proposal, {relevance: (5, "On reflection.")}, by=cast.reviewer)

    assert sorted(
        Score.objects.values_list("criterion__name", "reviewer__email", "value", "comment")
    ) == [
        ("Partnership", "reviewer@example.org", 2, ""),
        ("Relevance", "reviewer@example.org", 5, "On reflection."),
    ]


def test_a_member_cannot_score(cast, proposal):
    relevance, _ = proposal.call.criteria.all()

    with pytest.raises(PermissionDenied):
        services.score_side_event(proposal, {relevance: (3, "")}, by=cast.member)

    assert Score.objects.count() == 0


def test_a_score_above_the_highest_is_refused(cast, proposal):
    relevance, _ = proposal.call.criteria.all()

    with pytest.raises(ValidationError) as error:
        services.score_side_event(proposal, {relevance: (6, "")}, by=cast.reviewer)

    assert error.value.messages == ["The score for “Relevance” must be between 0 and 5."]
    assert Score.objects.count() == 0


def test_scores_cannot_change_after_the_decision(cast, proposal):
    relevance, _ = proposal.call.criteria.all()
    workflow.transition(proposal, Action.PUBLISH, by=cast.admin)

    with pytest.raises(ValidationError):
        services.score_side_event(proposal, {relevance: (3, "")}, by=cast.reviewer)

    assert Score.objects.count() == 0


def test_proposals_are_sorted_by_overall_average(cast, proposal):
    relevance, partnership = proposal.call.criteria.all()
    better = SideEventFactory(call=proposal.call, title="Better")
    SideEventFactory(call=proposal.call, state=State.DRAFT, title="Draft")
    unscored = SideEventFactory(call=proposal.call, title="Unscored")
    services.score_side_event(proposal, {relevance: (2, ""), partnership: (1, "")}, by=cast.admin)
    services.score_side_event(better, {relevance: (4, ""), partnership: (4, "")}, by=cast.admin)
    services.score_side_event(better, {relevance: (2, "")}, by=cast.reviewer)

    rows = queries.proposals(proposal.call, user=cast.reviewer)

    assert [(r.side_event, r.averages, r.overall, r.reviewers, r.scored_by_me) for r in rows] == [
        (better, [3.0, 4.0], 7.0, 2, True),
        (proposal, [2.0, 1.0], 3.0, 1, False),
        (unscored, [None, None], None, 0, False),
    ]


# Schedule ------------------------------------------------------------------------------------


@pytest.fixture
def accepted():
    return SideEventFactory(state=State.PUBLISHED, format=EventFormat.IN_PERSON, objectives=[2, 5])


def test_administrator_schedules_an_accepted_event(cast, accepted):
    room = RoomFactory(name="Conference Room 12")

    session = services.schedule_side_event(
        accepted,
        starts_at=at(MAY_5, 13, 15),
        ends_at=at(MAY_5, 14, 30),
        room=room,
        link="https://example.org/live",
        by=cast.admin,
    )

    accepted.refresh_from_db()
    assert accepted.session == session
    assert (
        session.kind,
        session.title,
        session.description,
        session.starts_at,
        session.ends_at,
        session.room,
        session.link,
        sorted(o.number for o in session.objectives.all()),
    ) == (
        SessionKind.SIDE_EVENT,
        accepted.title,
        accepted.description,
        datetime.datetime(2026, 5, 5, 17, 15, tzinfo=datetime.UTC),
        datetime.datetime(2026, 5, 5, 18, 30, tzinfo=datetime.UTC),
        room,
        "https://example.org/live",
        [2, 5],
    )


def test_rescheduling_moves_the_same_session(cast, accepted):
    first = services.schedule_side_event(
        accepted, starts_at=at(MAY_5, 13), ends_at=at(MAY_5, 14), by=cast.admin
    )

    second = services.schedule_side_event(
        accepted, starts_at=at(MAY_5, 13, 30), ends_at=at(MAY_5, 14, 30), by=cast.admin
    )

    assert (second.pk, Session.objects.count()) == (first.pk, 1)


def test_a_reviewer_cannot_schedule(cast, accepted):
    with pytest.raises(PermissionDenied):
        services.schedule_side_event(
            accepted, starts_at=at(MAY_5, 13), ends_at=at(MAY_5, 14), by=cast.reviewer
        )

    assert Session.objects.count() == 0


def test_a_proposal_not_accepted_cannot_be_scheduled(cast):
    submitted = SideEventFactory()

    with pytest.raises(ValidationError):
        services.schedule_side_event(
            submitted, starts_at=at(MAY_5, 13), ends_at=at(MAY_5, 14), by=cast.admin
        )

    assert Session.objects.count() == 0


def test_a_session_ending_before_it_starts_is_refused(cast, accepted):
    with pytest.raises(ValidationError) as error:
        services.schedule_side_event(
            accepted, starts_at=at(MAY_5, 14), ends_at=at(MAY_5, 13), by=cast.admin
        )

    assert error.value.messages == ["The side event must end after it starts."]
    assert Session.objects.count() == 0


def test_a_room_booked_at_that_time_is_refused(cast, accepted):
    room = RoomFactory(name="Conference Room 4")
    SessionFactory(room=room, starts_at=at(MAY_5, 10), ends_at=at(MAY_5, 13, 30))

    with pytest.raises(ValidationError) as error:
        services.schedule_side_event(
            accepted, starts_at=at(MAY_5, 13), ends_at=at(MAY_5, 14), room=room, by=cast.admin
        )

    assert error.value.messages == [
        "Conference Room 4 is already booked at that time for “Round table 1” "
        "(May 5, 2026 at 10 a.m. (America/New_York time))."
    ]
    assert Session.objects.count() == 1


def test_a_virtual_event_gets_no_room(cast):
    virtual = SideEventFactory(state=State.PUBLISHED, format=EventFormat.VIRTUAL)

    with pytest.raises(ValidationError):
        services.schedule_side_event(
            virtual,
            starts_at=at(MAY_5, 13),
            ends_at=at(MAY_5, 14),
            room=RoomFactory(),
            by=cast.admin,
        )

    assert Session.objects.count() == 0


def test_an_organiser_in_two_events_at_once_is_a_warning_to_confirm(cast, accepted):
    other = SideEventFactory(
        state=State.PUBLISHED, title="Data for all", organisation=OrganisationFactory()
    )
    other.co_organisers.add(accepted.organisation)
    services.schedule_side_event(
        other, starts_at=at(MAY_5, 13, 30), ends_at=at(MAY_5, 15), by=cast.admin
    )

    with pytest.raises(services.OrganiserClash) as warning:
        services.schedule_side_event(
            accepted, starts_at=at(MAY_5, 13), ends_at=at(MAY_5, 14), by=cast.admin
        )
    assert warning.value.messages == [
        "An organiser of this event is also in “Data for all” at that time "
        "(May 5, 2026 at 1:30 p.m. (America/New_York time))."
    ]
    assert accepted.session is None

    services.schedule_side_event(
        accepted, starts_at=at(MAY_5, 13), ends_at=at(MAY_5, 14), by=cast.admin, confirmed=True
    )

    accepted.refresh_from_db()
    assert accepted.session.starts_at == at(MAY_5, 13)


def test_administrator_unschedules_an_event(cast, accepted):
    services.schedule_side_event(
        accepted, starts_at=at(MAY_5, 13), ends_at=at(MAY_5, 14), by=cast.admin
    )

    services.unschedule_side_event(accepted, by=cast.admin)

    accepted.refresh_from_db()
    assert (accepted.session, accepted.state, Session.objects.count()) == (
        None,
        State.PUBLISHED,
        0,
    )


def test_a_reviewer_cannot_unschedule(cast, accepted):
    services.schedule_side_event(
        accepted, starts_at=at(MAY_5, 13), ends_at=at(MAY_5, 14), by=cast.admin
    )

    with pytest.raises(PermissionDenied):
        services.unschedule_side_event(accepted, by=cast.reviewer)

    assert Session.objects.count() == 1


# Clash detection -----------------------------------------------------------------------------


def _scheduled(title, *, starts, ends, room=None, organisation=None):
    event = SideEventFactory(
        state=State.PUBLISHED,
        title=title,
        organisation=organisation or OrganisationFactory(),
        format=EventFormat.IN_PERSON,
    )
    event.session = SessionFactory(
        kind=SessionKind.SIDE_EVENT, title=title, starts_at=starts, ends_at=ends, room=room
    )
    event.save()
    return event


def test_clashes_find_a_room_booked_twice(accepted):
    room = RoomFactory(name="Conference Room 1")
    booked = _scheduled("Booked", starts=at(MAY_5, 12), ends=at(MAY_5, 13, 1), room=room)

    found = queries.clashes(accepted, starts_at=at(MAY_5, 13), ends_at=at(MAY_5, 14), room=room)

    assert (found.rooms, found.organisers) == ([booked.session], [])


def test_clashes_find_an_organiser_twice(accepted):
    lead = _scheduled(
        "Same lead",
        starts=at(MAY_5, 13, 30),
        ends=at(MAY_5, 15),
        organisation=accepted.organisation,
    )
    co = _scheduled("Co-organised", starts=at(MAY_5, 12), ends=at(MAY_5, 14))
    co.co_organisers.add(accepted.organisation)
    _scheduled("Someone else", starts=at(MAY_5, 13), ends=at(MAY_5, 14))

    found = queries.clashes(accepted, starts_at=at(MAY_5, 13), ends_at=at(MAY_5, 14), room=None)

    assert (found.rooms, found.organisers) == ([], [co, lead])


def test_clashes_find_a_co_organiser_leading_another_event(accepted):
    partner = OrganisationFactory()
    accepted.co_organisers.add(partner)
    theirs = _scheduled("Theirs", starts=at(MAY_5, 13), ends=at(MAY_5, 14), organisation=partner)

    found = queries.clashes(accepted, starts_at=at(MAY_5, 13), ends_at=at(MAY_5, 14), room=None)

    assert found.organisers == [theirs]


def test_back_to_back_sessions_do_not_clash(accepted):
    room = RoomFactory(name="Conference Room 1")
    _scheduled(
        "Before",
        starts=at(MAY_5, 12),
        ends=at(MAY_5, 13),
        room=room,
        organisation=accepted.organisation,
    )
    _scheduled(
        "After",
        starts=at(MAY_5, 14),
        ends=at(MAY_5, 15),
        room=room,
        organisation=accepted.organisation,
    )

    found = queries.clashes(accepted, starts_at=at(MAY_5, 13), ends_at=at(MAY_5, 14), room=room)

    assert (found.rooms, found.organisers) == ([], [])


def test_an_event_does_not_clash_with_its_own_slot(cast, accepted):
    room = RoomFactory(name="Conference Room 1")
    services.schedule_side_event(
        accepted, starts_at=at(MAY_5, 13), ends_at=at(MAY_5, 14), room=room, by=cast.admin
    )

    found = queries.clashes(
        accepted, starts_at=at(MAY_5, 13, 30), ends_at=at(MAY_5, 14, 30), room=room
    )

    assert (found.rooms, found.organisers) == ([], [])


def test_draft_is_not_sent_after_the_call_closed(cast):
    draft = SideEventFactory(organisation=cast.organisation, state=State.DRAFT)
    draft.call.deadline = timezone.now() - datetime.timedelta(minutes=1)
    draft.call.save()

    with pytest.raises(ValidationError, match="call for side events is closed"):
        workflow.transition(draft, Action.SUBMIT, by=cast.member)

    draft.refresh_from_db()
    assert draft.state == State.DRAFT


def test_returned_proposal_may_come_back_after_the_deadline(cast):
    returned = SideEventFactory(organisation=cast.organisation, state=State.CHANGES_REQUESTED)
    returned.call.deadline = timezone.now() - datetime.timedelta(minutes=1)
    returned.call.save()

    workflow.transition(returned, Action.SUBMIT, by=cast.member)

    assert returned.state == State.SUBMITTED


def test_unpublished_event_leaves_the_programme(cast):
    event = SideEventFactory(state=State.PUBLISHED)
    session = SessionFactory(kind=SessionKind.SIDE_EVENT, room=None, title=event.title)
    event.session = session
    event.save()

    workflow.transition(event, Action.UNPUBLISH, by=cast.reviewer)

    event.refresh_from_db()
    assert event.session is None
    assert not Session.objects.filter(pk=session.pk).exists()


def test_accepted_edit_reaches_the_session(cast):
    event = SideEventFactory(organisation=cast.organisation, state=State.PUBLISHED)
    event.session = SessionFactory(kind=SessionKind.SIDE_EVENT, room=None, title=event.title)
    event.save()
    workflow.edit(event, {"title": "A better title"}, by=cast.member)

    workflow.decide_revision(event, Action.PUBLISH, by=cast.reviewer)

    event.session.refresh_from_db()
    assert event.session.title == "A better title"
