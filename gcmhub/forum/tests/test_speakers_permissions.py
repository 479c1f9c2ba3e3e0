"""Who may do what on the speakers list: every role of the cast against every action. The
delegation is cast.organisation (a verified civil-society organisation: a stakeholder)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from gcmhub.forum.speakers import services
from gcmhub.forum.tests.factories import InscriptionFactory, SpeakersListFactory, edition

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "no_organisation", "outsider", "member", "focal_point", "reviewer", "admin"]


def _inscription(cast):
    return InscriptionFactory(organisation=cast.organisation, category="stakeholder", level="")


ACTIONS = {
    "open": lambda cast, by: services.open_list(edition(2022), by=by),
    "inscribe": lambda cast, by: services.inscribe(
        SpeakersListFactory(), cast.organisation, {"speaker": "Ms. Wanjiru"}, by=by
    ),
    "withdraw": lambda cast, by: services.withdraw_inscription(_inscription(cast), by=by),
    "move": lambda cast, by: services.move(_inscription(cast), position=1, reason="Travel.", by=by),
    "close": lambda cast, by: services.close_list(SpeakersListFactory(), by=by),
    "reopen": lambda cast, by: services.reopen_list(
        SpeakersListFactory(closed_at=timezone.now()), by=by
    ),
    "publish": lambda cast, by: services.publish_list(SpeakersListFactory(), by=by),
    "unpublish": lambda cast, by: services.unpublish_list(
        SpeakersListFactory(published_at=timezone.now()), by=by
    ),
    "set_time_limit": lambda cast, by: services.set_time_limit(SpeakersListFactory(), 4, by=by),
    "mark_delivered": lambda cast, by: services.mark_delivered(
        _inscription(cast), statement="Thank you.", by=by
    ),
}
ALLOWED = {
    "open": {"admin"},
    "inscribe": {"focal_point"},
    "withdraw": {"focal_point"},
    "move": {"admin"},
    "close": {"admin"},
    "reopen": {"admin"},
    "publish": {"admin"},
    "unpublish": {"admin"},
    "set_time_limit": {"admin"},
    "mark_delivered": {"admin"},
}


def _allowed(cast, action, user) -> bool:
    try:
        ACTIONS[action](cast, user)
    except PermissionDenied:
        return False
    return True


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_speakers_permission_matrix(cast, role, action):
    allowed = _allowed(cast, action, getattr(cast, role))

    assert allowed is (role in ALLOWED[action])
