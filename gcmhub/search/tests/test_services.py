"""Indexing: published records only, one entry each, rebuilt in chunks with progress."""

import pytest

from gcmhub.search import services
from gcmhub.search.models import Entry
from gcmhub.workflow.models import State
from gcmhub.workflow.tests.factories import NoteFactory

pytestmark = pytest.mark.django_db


def test_index_stores_a_published_record(searchable_notes):
    note = NoteFactory(title="Safe Pathways", body="Décent work!", state=State.PUBLISHED)

    services.index(note)

    entry = Entry.objects.get()
    assert (entry.kind, entry.record_id, entry.language, entry.title) == (
        "testapp.note",
        note.pk,
        "en",
        "Safe Pathways",
    )
    assert entry.text == "safe pathways safe pathways decent work"


def test_index_updates_the_one_entry(searchable_notes):
    note = NoteFactory(title="First title", state=State.PUBLISHED)
    services.index(note)
    note.title = "Second title"
    note.save()

    services.index(note)

    assert list(Entry.objects.values_list("title", flat=True)) == ["Second title"]


def test_index_leaves_drafts_out(searchable_notes):
    note = NoteFactory(title="Draft", state=State.DRAFT)

    services.index(note)

    assert Entry.objects.count() == 0


def test_index_removes_a_record_no_longer_published(searchable_notes):
    note = NoteFactory(title="Withdrawn soon", state=State.PUBLISHED)
    services.index(note)
    note.state = State.WITHDRAWN
    note.save()

    services.index(note)

    assert Entry.objects.count() == 0


def test_index_ignores_unregistered_models(db):
    note = NoteFactory(state=State.PUBLISHED)

    services.index(note)

    assert Entry.objects.count() == 0


def test_remove_deletes_the_entry(publish):
    note = publish("Removed")
    kept = publish("Kept")

    services.remove(note)

    assert list(Entry.objects.values_list("record_id", flat=True)) == [kept.pk]


def test_reindex_stores_published_records_and_reports_progress(searchable_notes, monkeypatch):
    monkeypatch.setattr(services, "CHUNK_SIZE", 2)
    published = NoteFactory.create_batch(5, state=State.PUBLISHED)
    NoteFactory(state=State.DRAFT)
    calls = []

    count = services.reindex(
        searchable_notes, progress=lambda done, total: calls.append((done, total))
    )

    assert count == 5
    assert calls == [(0, 5), (2, 5), (4, 5), (5, 5)]
    assert sorted(Entry.objects.values_list("record_id", flat=True)) == [n.pk for n in published]


def test_reindex_drops_entries_of_records_no_longer_published(publish):
    stale = publish("Stale")
    stale.state = State.UNPUBLISHED
    stale.save()  # saved without the workflow, so its entry is still there
    fresh = publish("Fresh")

    count = services.reindex()

    assert count == 1
    assert list(Entry.objects.values_list("record_id", flat=True)) == [fresh.pk]


def test_reindex_refuses_an_unregistered_model(db):
    from gcmhub.workflow.tests.testapp.models import Note

    with pytest.raises(LookupError):
        services.reindex(Note)
