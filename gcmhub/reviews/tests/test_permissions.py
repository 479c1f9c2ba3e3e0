"""Reviews follow the shared lifecycle, except that only a focal point submits a report."""

import pytest

from gcmhub.reviews.models import Review
from gcmhub.reviews.tests.factories import ReviewFactory
from gcmhub.workflow.models import Action, State
from gcmhub.workflow.permissions import can, visible
from gcmhub.workflow.tests.test_permissions import ALLOWED, ROLES

pytestmark = pytest.mark.django_db

REVIEW_ALLOWED = {
    Action.CREATE: {},
    **ALLOWED,
    Action.SUBMIT: {state: roles - {"member"} for state, roles in ALLOWED[Action.SUBMIT].items()},
}


@pytest.mark.parametrize("state", list(State))
@pytest.mark.parametrize("role", ROLES)
def test_review_permission_matrix(cast, role, state):
    review = ReviewFactory(state=state, organisation=cast.organisation, documents={})
    expected = {action: role in REVIEW_ALLOWED[action].get(state, set()) for action in Action}

    allowed = {action: can(getattr(cast, role), action, review) for action in Action}

    assert allowed == expected


@pytest.mark.parametrize("role", ROLES)
def test_visible_reviews_agree_with_the_view_rule(cast, role):
    user = getattr(cast, role)
    reviews = [
        ReviewFactory(state=state, organisation=cast.organisation, documents={}) for state in State
    ]

    listed = set(visible(user, Review.objects.all()))

    assert listed == {review for review in reviews if can(user, Action.VIEW, review)}
