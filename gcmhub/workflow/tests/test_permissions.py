"""Every action x every role x every state: the matrix of who may do what."""

import pytest

from gcmhub.workflow.models import Action, State
from gcmhub.workflow.permissions import can, visible
from gcmhub.workflow.tests.factories import NoteFactory
from gcmhub.workflow.tests.testapp.models import Note

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "no_organisation", "outsider", "member", "focal_point", "reviewer", "admin"]
D, S, C, P, R, W, U = (
    State.DRAFT,
    State.SUBMITTED,
    State.CHANGES_REQUESTED,
    State.PUBLISHED,
    State.REJECTED,
    State.WITHDRAWN,
    State.UNPUBLISHED,
)

# For each action and state, the roles allowed. Anything absent is refused.
ALLOWED = {
    Action.VIEW: {
        D: {"member", "focal_point", "admin"},
        S: {"member", "focal_point", "reviewer", "admin"},
        C: {"member", "focal_point", "reviewer", "admin"},
        P: set(ROLES),
        R: {"member", "focal_point", "reviewer", "admin"},
        W: {"member", "focal_point", "reviewer", "admin"},
        U: {"member", "focal_point", "reviewer", "admin"},
    },
    Action.EDIT: {
        D: {"member", "focal_point", "admin"},
        C: {"member", "focal_point", "admin"},
        P: {"member", "focal_point", "admin"},
        U: {"member", "focal_point", "admin"},
    },
    Action.DELETE: {D: {"member", "focal_point", "admin"}, C: {"member", "focal_point", "admin"}},
    Action.SUBMIT: {
        D: {"member", "focal_point", "admin"},
        C: {"member", "focal_point", "admin"},
        U: {"member", "focal_point", "admin"},
    },
    Action.PUBLISH: {S: {"reviewer", "admin"}},
    Action.REQUEST_CHANGES: {S: {"reviewer", "admin"}},
    Action.REJECT: {S: {"reviewer", "admin"}},
    Action.WITHDRAW: {P: {"focal_point", "admin"}},
    Action.UNPUBLISH: {P: {"reviewer", "admin"}},
}
MATRIX = [
    (role, state, action, role in ALLOWED[action].get(state, set()))
    for action in ALLOWED
    for state in State
    for role in ROLES
]


@pytest.mark.parametrize(("role", "state", "action", "allowed"), MATRIX)
def test_permission_matrix(cast, role, state, action, allowed):
    note = NoteFactory(state=state, organisation=cast.organisation)

    assert can(getattr(cast, role), action, note) is allowed


@pytest.mark.parametrize("role", ROLES)
def test_visible_lists_agree_with_the_view_rule(cast, role):
    user = getattr(cast, role)
    notes = [NoteFactory(state=state, organisation=cast.organisation) for state in State]

    listed = set(visible(user, Note.objects.all()))

    assert listed == {note for note in notes if can(user, Action.VIEW, note)}


def test_reviewer_who_is_also_a_member_edits_their_own_drafts(cast):
    from gcmhub.accounts.tests.factories import MembershipFactory

    MembershipFactory(user=cast.reviewer, organisation=cast.organisation)
    note = NoteFactory(state=State.DRAFT, organisation=cast.organisation)

    assert can(cast.reviewer, Action.EDIT, note) is True
    assert can(cast.reviewer, Action.PUBLISH, note) is False


def test_a_requested_membership_gives_no_rights(cast):
    from gcmhub.accounts.models import Membership
    from gcmhub.accounts.tests.factories import MembershipFactory

    applicant = MembershipFactory(
        organisation=cast.organisation, status=Membership.Status.REQUESTED
    ).user
    note = NoteFactory(state=State.DRAFT, organisation=cast.organisation)

    assert can(applicant, Action.VIEW, note) is False
