"""The test-only Note stands for a searchable part, so the service is tested on its own."""

import pytest

from gcmhub.search import registry, services
from gcmhub.search.registry import Document
from gcmhub.workflow.models import State
from gcmhub.workflow.tests.factories import NoteFactory
from gcmhub.workflow.tests.testapp.models import Note


def note_document(note: Note) -> Document:
    objectives = " ".join(o.short_names.get("en", "") for o in note.objectives.all())
    return Document(title=note.title, text=f"{note.body} {objectives}", language="en")


@pytest.fixture
def searchable_notes(db):
    registry.register(Note, note_document, prefetch=("objectives",))
    yield Note
    registry.unregister(Note)


@pytest.fixture
def publish(searchable_notes):
    """A published note, indexed as the workflow would index it."""

    def publish(title="A note", body="", **fields):
        note = NoteFactory(title=title, body=body, state=State.PUBLISHED, **fields)
        services.index(note)
        return note

    return publish
