import factory

from gcmhub.accounts.tests.factories import OrganisationFactory
from gcmhub.workflow.models import State
from gcmhub.workflow.tests.testapp.models import Note


class NoteFactory(factory.django.DjangoModelFactory):
    """The test-only record that stands for pledges, practices and reviews."""

    class Meta:
        model = Note

    title = factory.Sequence(lambda n: f"Note {n}")
    body = "Text of the note."
    organisation = factory.SubFactory(OrganisationFactory)
    state = State.DRAFT
