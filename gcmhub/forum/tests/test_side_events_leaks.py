"""Proposals that are not accepted never reach a public door: the list, its calendar feed or
the detail page."""

import datetime

import pytest
from django.urls import reverse

from gcmhub.forum.models import SessionKind
from gcmhub.forum.tests.factories import SessionFactory, SideEventFactory, at
from gcmhub.workflow.models import State

pytestmark = pytest.mark.django_db

HIDDEN = [State.DRAFT, State.SUBMITTED, State.REJECTED]


def _planted(state) -> str:
    """A proposal in STATE with a recognisable title, even given a slot in the programme."""
    title = f"Okapizebra {state} proposal"
    session = SessionFactory(
        kind=SessionKind.SIDE_EVENT,
        title=title,
        starts_at=at(datetime.date(2026, 5, 5), 13),
        ends_at=at(datetime.date(2026, 5, 5), 14),
        room=None,
    )
    return SideEventFactory(state=state, title=title, session=session)


@pytest.mark.parametrize("state", HIDDEN)
def test_hidden_proposals_are_not_on_the_public_list(client, state):
    _planted(state)
    SideEventFactory(state=State.PUBLISHED, title="Accepted event")

    response = client.get(reverse("forum:side_events", args=[2026]))

    assert [event.title for event in response.context["events"]] == ["Accepted event"]
    assert b"Okapizebra" not in response.content


@pytest.mark.parametrize("state", HIDDEN)
def test_hidden_proposals_are_not_in_the_calendar(client, state):
    _planted(state)

    response = client.get(reverse("forum:side_events_calendar", args=[2026]))

    assert b"Okapizebra" not in response.content
    assert b"BEGIN:VEVENT" not in response.content


@pytest.mark.parametrize("state", HIDDEN)
def test_hidden_proposals_have_no_public_page(client, state):
    side_event = _planted(state)

    response = client.get(side_event.get_absolute_url())

    assert response.status_code == 404
    assert b"Okapizebra" not in response.content


@pytest.mark.parametrize("state", HIDDEN)
def test_hidden_proposals_have_no_page_for_an_outsider(client, cast, state):
    side_event = _planted(state)
    client.force_login(cast.outsider)

    response = client.get(side_event.get_absolute_url())

    assert response.status_code == 404
