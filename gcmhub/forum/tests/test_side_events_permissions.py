"""Side events follow the shared lifecycle as it is: the matrix of workflow, for SideEvent."""

import pytest

from gcmhub.forum.models import SideEvent
from gcmhub.forum.tests.factories import SideEventFactory
from gcmhub.workflow.models import Action, State
from gcmhub.workflow.permissions import can, visible
from gcmhub.workflow.tests.test_permissions import MATRIX, ROLES

pytestmark = pytest.mark.django_db

# workflow's matrix, grouped by role and state: one side event answers every action.
EXPECTED = {}
for role, state, action, allowed in MATRIX:
    EXPECTED.setdefault((role, state), {})[action] = allowed


@pytest.mark.parametrize(("role", "state"), list(EXPECTED))
def test_side_event_permission_matrix(cast, role, state):
    side_event = SideEventFactory(state=state, organisation=cast.organisation)

    allowed = {
        action: can(getattr(cast, role), action, side_event) for action in EXPECTED[role, state]
    }

    assert allowed == EXPECTED[role, state]


@pytest.mark.parametrize("role", ROLES)
def test_visible_side_events_agree_with_the_view_rule(cast, role):
    user = getattr(cast, role)
    side_events = [SideEventFactory(state=state, organisation=cast.organisation) for state in State]

    listed = set(visible(user, SideEvent.objects.all()))

    assert listed == {event for event in side_events if can(user, Action.VIEW, event)}
