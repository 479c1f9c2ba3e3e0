"""Writes to the search index: one published record at a time, or a whole model rebuilt."""

from collections.abc import Callable

from django.db import models, transaction

from gcmhub.search import registry
from gcmhub.search.models import Entry
from gcmhub.search.text import normalise

CHUNK_SIZE = 500
UPSERT_FIELDS = ["language", "title", "text", "updated_at"]


def _indexed_text(document: registry.Document) -> str:
    # The title is indexed twice, so a word in the title weighs more than the same word in the
    # body: bm25() and ts_rank() both count occurrences.
    title = normalise(document.title)
    return f"{title} {title} {normalise(document.text)}"


def _entry(registration: registry.Registration, record: models.Model) -> Entry:
    document = registration.document(record)
    return Entry(
        kind=registry.kind(registration.model),
        record_id=record.pk,
        language=document.language[:10],
        title=document.title[:500],
        text=_indexed_text(document),
    )


def index(record: models.Model) -> None:
    """Bring RECORD's search entry up to date: stored if it is published, removed if not.
    A record of a model that is not registered is left alone."""
    registration = registry.registration(type(record))
    if registration is None:
        return
    if not record.is_published:
        remove(record)
        return
    # One upsert statement: safe inside the caller's transaction, and on SQLite the
    # triggers of migration 0002 keep search_fts in step.
    Entry.objects.bulk_create(
        [_entry(registration, record)],
        update_conflicts=True,
        unique_fields=["kind", "record_id"],
        update_fields=UPSERT_FIELDS,
    )


def remove(record: models.Model) -> None:
    """Take RECORD out of the search index (nothing happens if it is not there)."""
    Entry.objects.filter(kind=registry.kind(type(record)), record_id=record.pk).delete()


def _reindex_model(
    registration: registry.Registration, progress: Callable[[int, int], None] | None
) -> int:
    model = registration.model
    records = model.objects.published().order_by("pk")
    total = records.count()
    done = 0
    if progress:
        progress(done, total)
    with transaction.atomic():
        Entry.objects.filter(kind=registry.kind(model)).delete()
        if registration.prefetch:
            records = records.prefetch_related(*registration.prefetch)
        chunk = []
        for record in records.iterator(chunk_size=CHUNK_SIZE):
            chunk.append(_entry(registration, record))
            if len(chunk) == CHUNK_SIZE:
                Entry.objects.bulk_create(chunk)
                done += len(chunk)
                chunk = []
                if progress:
                    progress(done, total)
        if chunk:
            Entry.objects.bulk_create(chunk)
            done += len(chunk)
            if progress:
                progress(done, total)
    return done


def reindex(
    model: type[models.Model] | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Rebuild the entries of MODEL (every registered model when None) from its published
    records, calling PROGRESS(done, total) as chunks are stored. Returns how many were indexed."""
    if model is None:
        registrations = list(registry.registered().values())
    else:
        registration = registry.registration(model)
        if registration is None:
            raise LookupError(f"{registry.kind(model)} is not registered for search.")
        registrations = [registration]
    return sum(_reindex_model(registration, progress) for registration in registrations)
