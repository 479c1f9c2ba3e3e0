import pytest

from gcmhub.forum.tests.factories import (
    ApplicationFactory,
    InscriptionFactory,
    PanelFactory,
    SessionFactory,
    SideEventFactory,
)

pytestmark = pytest.mark.django_db


def test_factories_build_rows():
    session = SessionFactory(objectives=[2, 5])
    inscription = InscriptionFactory()
    side_event = SideEventFactory()
    application = ApplicationFactory(panel=PanelFactory())

    assert [o.number for o in session.objectives.all()] == [2, 5]
    assert inscription.organisation.entity_type.code == "member-state"
    assert side_event.call.criteria.count() == 2
    assert application.panel.hearing == application.hearing
