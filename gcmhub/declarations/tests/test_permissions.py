"""Who may see and do what with the outcome declaration, as a matrix of roles."""

import pytest
from django.utils import timezone

from gcmhub.accounts.tests.factories import MembershipFactory, focal_point_of
from gcmhub.declarations import permissions
from gcmhub.declarations.models import Audience, Decision
from gcmhub.declarations.tests.factories import (
    CoFacilitatorFactory,
    OpenRevisionFactory,
    ProposalFactory,
    RevisionFactory,
    government,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(cast):
    """Everyone who may meet the 2026 document: the public, a stakeholder, a Member State's
    focal point and plain member, the co-facilitator, the secretariat."""
    luxembourg, morocco = government("LUX"), government("MAR")
    cast.cofacilitator = MembershipFactory(
        organisation=luxembourg, user__email="l@example.org"
    ).user
    cast.state_focal_point = focal_point_of(morocco, "m@example.org")
    cast.state_member = MembershipFactory(organisation=morocco, user__email="mm@example.org").user
    cast.stakeholder_focal_point = cast.focal_point  # of a civil-society organisation
    cast.morocco = morocco
    return cast


ROLES = [
    "anonymous",
    "stakeholder_focal_point",
    "state_member",
    "state_focal_point",
    "cofacilitator",
    "reviewer",
    "admin",
]


def revision_with(**fields):
    revision = RevisionFactory(**fields)
    CoFacilitatorFactory(document=revision.document, delegation=government("LUX"))
    return revision


@pytest.mark.parametrize(
    ("published", "allowed"),
    [
        (True, {*ROLES}),
        (False, {"cofacilitator", "admin"}),
    ],
)
def test_who_sees_a_revision(people, published, allowed):
    revision = revision_with(published_at=timezone.now() if published else None)

    seen = {role for role in ROLES if permissions.can_see_revision(getattr(people, role), revision)}

    assert seen == allowed


@pytest.mark.parametrize(
    ("compilation", "audience", "allowed"),
    [
        (True, Audience.MEMBER_STATES, {*ROLES}),
        (False, Audience.MEMBER_STATES, {"state_focal_point", "cofacilitator"}),
        (
            False,
            Audience.ALL,
            {"stakeholder_focal_point", "state_focal_point", "cofacilitator"},
        ),
    ],
)
def test_who_sees_the_proposals(people, compilation, audience, allowed):
    revision = revision_with(
        compilation_published_at=timezone.now() if compilation else None,
        round_audience=audience,
    )

    seen = {
        role for role in ROLES if permissions.can_see_proposals(getattr(people, role), revision)
    }

    assert seen == allowed


@pytest.mark.parametrize(
    ("audience", "allowed"),
    [
        (Audience.MEMBER_STATES, {"state_focal_point"}),
        (Audience.ALL, {"state_focal_point", "stakeholder_focal_point"}),
    ],
)
def test_who_proposes_while_the_round_is_open(people, audience, allowed):
    revision = OpenRevisionFactory(round_audience=audience)

    proposing = {role for role in ROLES if permissions.can_propose(getattr(people, role), revision)}

    assert proposing == allowed


def test_nobody_proposes_before_the_round_opens(people):
    revision = RevisionFactory()

    assert permissions.can_propose(people.state_focal_point, revision) is False


@pytest.mark.parametrize(
    ("decision", "allowed"),
    [(Decision.PENDING, {"state_focal_point"}), (Decision.TAKEN_IN, set())],
)
def test_who_edits_a_proposal(people, decision, allowed):
    proposal = ProposalFactory(
        paragraph__revision=OpenRevisionFactory(), delegation=people.morocco, decision=decision
    )

    editing = {
        role for role in ROLES if permissions.can_edit_proposal(getattr(people, role), proposal)
    }

    assert editing == allowed


def test_an_unverified_delegation_takes_no_part(people):
    people.morocco.status = people.morocco.Status.PENDING
    people.morocco.save()
    revision = OpenRevisionFactory()

    assert permissions.may_propose_for(people.morocco, revision) is False
