"""The lifecycle's permission matrix holds for pledges and progress reports as for any record."""

import pytest

from gcmhub.pledges.tests.factories import PledgeFactory, ProgressReportFactory
from gcmhub.workflow.permissions import can
from gcmhub.workflow.tests.test_permissions import MATRIX

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("role", "state", "action", "allowed"), MATRIX)
def test_pledge_permission_matrix(cast, role, state, action, allowed):
    pledge = PledgeFactory(state=state, organisation=cast.organisation)

    assert can(getattr(cast, role), action, pledge) is allowed


@pytest.mark.parametrize(("role", "state", "action", "allowed"), MATRIX)
def test_progress_report_permission_matrix(cast, role, state, action, allowed):
    report = ProgressReportFactory(
        state=state, organisation=cast.organisation, pledge__organisation=cast.other_organisation
    )

    assert can(getattr(cast, role), action, report) is allowed
