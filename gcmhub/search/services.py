"""Writes to the search index: one published record at a time, or a whole model rebuilt."""

import contextlib
import functools
import operator
from collections.abc import Callable, Iterator

from django.db import connection, models, transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone

from gcmhub.search import registry
from gcmhub.search.models import Entry
from gcmhub.search.text import normalise

CHUNK_SIZE = 2000
UPSERT_FIELDS = ["language", "title", "text", "updated_at"]
REMEMBERED_LINES = 50_000  # normalised lines a reindex keeps: names recur in most records


def _normalised(text: str, normalise_line: Callable[[str], str] = normalise) -> str:
    # normalise() works character by character and a newline becomes a space, so a text
    # normalised line by line is the same text; a reindex remembers the lines it has seen.
    return " ".join(line for line in map(normalise_line, text.split("\n")) if line)


def _indexed_text(
    document: registry.Document, normalise_line: Callable[[str], str] = normalise
) -> str:
    # The title is indexed twice, so a word in the title weighs more than the same word in the
    # body: bm25() and ts_rank() both count occurrences.
    title = normalise(document.title)
    return f"{title} {title} {_normalised(document.text, normalise_line)}"


def _entry(
    registration: registry.Registration,
    record: models.Model,
    normalise_line: Callable[[str], str] = normalise,
) -> dict:
    """The fields of RECORD's entry."""
    document = registration.document(record)
    return {
        "kind": registry.kind(registration.model),
        "record_id": record.pk,
        "language": document.language[:10],
        "title": document.title[:500],
        "text": _indexed_text(document, normalise_line),
    }


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
        [Entry(**_entry(registration, record))],
        update_conflicts=True,
        unique_fields=["kind", "record_id"],
        update_fields=UPSERT_FIELDS,
    )


def remove(record: models.Model) -> None:
    """Take RECORD out of the search index (nothing happens if it is not there)."""
    Entry.objects.filter(kind=registry.kind(type(record)), record_id=record.pk).delete()


def _many_to_many(model: type[models.Model], lookup) -> models.ManyToManyField | None:
    """The field of MODEL that LOOKUP names if it is a many-to-many field of its own."""
    if not isinstance(lookup, str) or "__" in lookup:
        return None
    try:
        field = model._meta.get_field(lookup)
    except LookupError:
        return None
    return field if field.many_to_many and not field.auto_created else None


def _prefetch(registration: registry.Registration, records: list[models.Model]) -> None:
    """Load what the documents of RECORDS read, as REGISTRATION's prefetch says. A many-to-many
    field is attached the way Django's prefetch attaches it (a queryset holding the record's
    related rows, in the related model's order, for the document to read as it is), but each
    related row is loaded once for the chunk, not once per record that has it (objectives and
    countries recur in almost every record), and without a filtered queryset per record."""
    others = []
    for lookup in registration.prefetch:
        field = _many_to_many(registration.model, lookup)
        if field is None:
            others.append(lookup)
            continue
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        links = through.objects.filter(**{f"{source}__in": [r.pk for r in records]})
        pairs = list(links.values_list(f"{source}_id", f"{target}_id"))
        related = field.related_model._default_manager.filter(pk__in={t for _, t in pairs})
        items = {item.pk: item for item in related}  # in the related model's order
        position = {pk: n for n, pk in enumerate(items)}
        pairs.sort(key=lambda pair: position[pair[1]])
        linked: dict[int, list] = {}
        for record_id, target_id in pairs:
            linked.setdefault(record_id, []).append(items[target_id])
        for record in records:
            queryset = type(related)(model=field.related_model, query=related.query)
            queryset._result_cache = linked.get(record.pk, [])
            queryset._prefetch_done = True
            record.__dict__.setdefault("_prefetched_objects_cache", {})[field.name] = queryset
    prefetch_related_objects(records, *others)


def _store(entries: list[dict]) -> None:
    """Insert ENTRIES (fields of _entry()) with one prepared statement: on texts this long the
    ORM's multi-row INSERT costs several times more per row (SQLite takes 166 a statement)."""
    fields = ["kind", "record_id", "language", "title", "text", "updated_at"]
    values = operator.itemgetter(*fields[:-1])
    now = Entry._meta.get_field("updated_at").get_db_prep_save(timezone.now(), connection)
    rows = [(*values(entry), now) for entry in entries]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(Entry._meta.get_field(name).column) for name in fields)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {quote(Entry._meta.db_table)} ({columns})"
            f" VALUES ({', '.join(['%s'] * len(fields))})",
            rows,
        )


def _chunks(records: models.QuerySet) -> Iterator[list[models.Model]]:
    chunk = []
    for record in records.iterator(chunk_size=CHUNK_SIZE):
        chunk.append(record)
        if len(chunk) == CHUNK_SIZE:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _reindex_model(
    registration: registry.Registration,
    progress: Callable[[int, int], None] | None,
    *,
    full_text_by_hand: bool = False,
) -> int:
    model, kind = registration.model, registry.kind(registration.model)
    records = model.objects.published().order_by("pk")
    total = records.count()
    done = 0
    if progress:
        progress(done, total)
    normalise_line = functools.lru_cache(maxsize=REMEMBERED_LINES)(normalise)
    with transaction.atomic(), connection.cursor() as cursor:
        if full_text_by_hand:  # what the triggers would do, a statement for many rows
            cursor.execute(
                "INSERT INTO search_fts(search_fts, rowid, text)"
                " SELECT 'delete', id, text FROM search_entry WHERE kind = %s",
                [kind],
            )
        Entry.objects.filter(kind=kind).delete()
        for chunk in _chunks(records):
            _prefetch(registration, chunk)
            _store([_entry(registration, record, normalise_line) for record in chunk])
            if full_text_by_hand:
                cursor.execute(
                    "INSERT INTO search_fts(rowid, text) SELECT id, text FROM search_entry"
                    " WHERE kind = %s AND record_id BETWEEN %s AND %s",
                    [kind, chunk[0].pk, chunk[-1].pk],
                )
            done += len(chunk)
            if progress:
                progress(done, total)
    return done


@contextlib.contextmanager
def _triggers_dropped() -> Iterator[bool]:
    """On SQLite, drop the triggers of migration 0002, which keep search_fts in step with
    search_entry one row at a time, and create them again from their own definitions after:
    a reindex keeps search_fts in step itself, a statement for a chunk of rows, several times
    faster. In the caller's transaction, so a failure leaves them as they were and other
    connections never see them missing. Yields whether they were dropped."""
    if connection.vendor != "sqlite":
        yield False
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
            [Entry._meta.db_table],
        )
        triggers = cursor.fetchall()
        for name, _sql in triggers:
            cursor.execute(f"DROP TRIGGER {connection.ops.quote_name(name)}")
    yield True
    with connection.cursor() as cursor:
        for _name, sql in triggers:
            cursor.execute(sql)


def reindex(
    model: type[models.Model] | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Rebuild the entries of MODEL (every registered model when None) from its published
    records, calling PROGRESS(done, total) as chunks are stored (counted over all the models
    rebuilt). Returns how many were indexed."""
    if model is None:
        registrations = list(registry.registered().values())
    else:
        registration = registry.registration(model)
        if registration is None:
            raise LookupError(f"{registry.kind(model)} is not registered for search.")
        registrations = [registration]
    total = sum(r.model.objects.published().count() for r in registrations)
    done = 0

    def model_progress(model_done: int, _model_total: int) -> None:
        progress(done + model_done, total)

    with transaction.atomic(), _triggers_dropped() as by_hand:
        for registration in registrations:
            done += _reindex_model(
                registration, model_progress if progress else None, full_text_by_hand=by_hand
            )
    return done
