"""Fixtures every test may use: `cast` gives one person per role, so each test says who acts."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser


@pytest.fixture
def cast(db):
    from gcmhub.accounts.models import Membership, Role
    from gcmhub.accounts.tests.factories import MembershipFactory, OrganisationFactory, UserFactory

    organisation = OrganisationFactory(name="Owning Organisation")
    other = OrganisationFactory(name="Other Organisation")
    return SimpleNamespace(
        organisation=organisation,
        other_organisation=other,
        anonymous=AnonymousUser(),
        no_organisation=UserFactory(email="nobody@example.org"),
        outsider=MembershipFactory(organisation=other, user__email="outsider@example.org").user,
        member=MembershipFactory(organisation=organisation, user__email="member@example.org").user,
        focal_point=MembershipFactory(
            organisation=organisation,
            level=Membership.Level.FOCAL_POINT,
            user__email="focal@example.org",
        ).user,
        reviewer=UserFactory(email="reviewer@example.org", role=Role.REVIEWER),
        admin=UserFactory(
            email="admin@example.org", role=Role.ADMIN, is_staff=True, is_superuser=True
        ),
    )


@pytest.fixture(autouse=True)
def _english_by_default():
    """A request in another language leaves it active on the thread; each test starts in English."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()
