"""Facet bit sets: the filters, counts and pages of a big list without a GROUP BY per facet.

Each published record of a list has a position in the list's order, and each facet value the set
of positions that have it, kept as one Python int used as a bit set. Filtering is an AND of bit
sets and a count is a popcount, so any combination of filters costs microseconds at 100,000
records, where SQL counted each facet with a join and a GROUP BY in a third of a second.

The bit sets are built once per process from the database (seconds at 100,000 records) and built
again when the public records change: when their version() in the database (their latest change,
the latest withdrawal) is no longer the one they were built from, checked on every use, and at
once for a public record's deletion or tags changed in this process (signals). The page itself is always read
from the caller's queryset, so a record that is no longer public can never be shown."""

import copy
import heapq
import itertools
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from django.db import connections
from django.db.models import Q, QuerySet, Subquery
from django.db.models.signals import m2m_changed, post_delete

from gcmhub.search import engines, registry
from gcmhub.search.facets import Facet
from gcmhub.search.text import terms
from gcmhub.workflow.models import Action, Event, State

_built: dict[tuple, "Bitmaps"] = {}
_lock = threading.Lock()


def bitset(numbers: Iterable[int]) -> int:
    """The bit set with the bit of each of NUMBERS on, built in a bytearray: OR-ing into a
    growing int would copy it once per number."""
    numbers = list(numbers)
    data = bytearray(max(numbers, default=0) // 8 + 1)
    for number in numbers:
        data[number >> 3] |= 1 << (number & 7)
    return int.from_bytes(data, "little")


@dataclass
class Bitmaps:
    """A record's bit is its primary key, so building needs no lookup per row."""

    version: tuple
    pks: list[int]  # the records in the list's order
    everything: int  # the bit set of all of them
    values: dict[str, dict[str, int]]  # facet name → value → bit set of the records with it

    @cached_property
    def ranks(self) -> dict[int, int]:
        """The place of each record in the list's order (ties of relevance keep to it)."""
        return {pk: rank for rank, pk in enumerate(self.pks)}

    def matching(self, name: str, value) -> int:
        return self.values[name].get(str(value), 0)

    def tally(self, name: str, mask: int) -> dict[str, int]:
        """How many of the records in MASK have each value of the facet NAME."""
        return {
            value: n
            for value, bits in self.values[name].items()
            if (n := (bits & mask).bit_count())
        }


def version(records: QuerySet) -> tuple:
    """What changes whenever the public records may have: a publication, an approved edit or
    any other change to a public record moves the latest `updated_at` of the public records,
    and a withdrawal is an event of the audit trail. One query, read from the ends of indexes."""
    withdrawn = Event.objects.filter(action=Action.UNPUBLISH).order_by("-pk").values("pk")[:1]
    latest = records.order_by("-updated_at").annotate(withdrawn=Subquery(withdrawn))
    return tuple(latest.values_list("updated_at", "withdrawn")[:1])


def _rows(records: QuerySet) -> list[tuple]:
    """The rows of a values_list() query as the database gives them: at a million rows, the
    ORM's per-row conversions cost more than the query (keys and codes need none)."""
    sql, params = records.query.sql_with_params()
    with connections[records.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _build(records: QuerySet, facets: dict[str, Facet], order: tuple[str, ...], built) -> Bitmaps:
    pks = [pk for (pk,) in _rows(records.order_by(*order).values_list("pk"))]
    size = max(pks, default=0) // 8 + 1
    found: dict[str, dict[str, bytearray]] = {name: {} for name in facets}
    # The record's own values in one reading of its table; each to-many relation in its own.
    own = [name for name, f in facets.items() if not f.many and not f.where and len(f.lookups) == 1]
    queries = [(own, records.values_list("pk", *(facets[name].lookups[0] for name in own)))]
    for name, facet in facets.items():
        if name not in own:
            related = records.filter(facet.where or Q())
            queries += [([name], related.values_list("pk", lookup)) for lookup in facet.lookups]
    for names, query in queries:
        columns = [(index, found[name]) for index, name in enumerate(names, start=1)]
        for row in _rows(query.order_by()):
            pk = row[0]
            for index, buffers in columns:
                value = row[index]
                if value is None or value == "":
                    continue
                buffer = buffers.get(value)
                if buffer is None:
                    buffer = buffers[value] = bytearray(size)
                buffer[pk >> 3] |= 1 << (pk & 7)
    values = {
        name: {str(value): int.from_bytes(data, "little") for value, data in buffers.items()}
        for name, buffers in found.items()
    }
    return Bitmaps(built, pks, bitset(pks), values)


def _forget(sender, instance=None, **kwargs) -> None:
    """A public record deleted, or its many-to-many tags changed, in this process: neither moves
    the version (a save does, by `updated_at`; a withdrawal, by its event). Drafts change nothing
    public, so saving one keeps what was built."""
    if getattr(instance, "state", None) == State.PUBLISHED:
        _built.clear()


post_delete.connect(_forget, dispatch_uid="search.bitmaps.deleted")
m2m_changed.connect(_forget, dispatch_uid="search.bitmaps.m2m")


def forget() -> None:
    """Drop every built bit set (tests start each from the database they set up)."""
    _built.clear()


def bitmaps(records: QuerySet, facets: dict[str, Facet], order: tuple[str, ...]) -> Bitmaps:
    """The bit sets of RECORDS (a list's public records) for FACETS, in ORDER: built again when
    the records' version in the database changed since."""
    records = records.select_related(None).prefetch_related(None)
    key = (records.model._meta.label, records.db, id(facets), order)
    current_version = version(records)
    current = _built.get(key)
    if current is None or current.version != current_version:
        with _lock:
            current = _built.get(key)
            if current is None or current.version != current_version:
                current = _built[key] = _build(records, facets, order, current_version)
    return current


class Listing:
    """A filtered list: its total, its facet counts and its pages, from the bit sets. Paginator
    slices it; a slice reads those records, in order, from the caller's queryset."""

    def __init__(
        self,
        records: QuerySet,
        facets: dict[str, Facet],
        filters: dict,
        *,
        order: tuple[str, ...],
        by_relevance: bool = True,
    ):
        self.records, self.facets, self.filters = records, facets, filters
        self.maps = bitmaps(records, facets, order)
        self._scored: list[tuple[int, float]] | None = None  # hits, to rank by relevance
        self._text = self.maps.everything
        found = terms(filters.get("q") or "")
        if found:
            scored = self._scores(found)
            self._text = bitset(pk for pk, _score in scored) & self.maps.everything
            self._scored = scored if by_relevance else None
        self.mask = self._narrowed()

    def _scores(self, found) -> list[tuple[int, float]]:
        engine = engines.engine(self.records.db)
        sql, params = engine.scores_sql(registry.kind(self.records.model), found)
        with connections[self.records.db].cursor() as cursor:
            cursor.execute(sql, params)
            return [(pk, score or 0.0) for pk, score in cursor.fetchall()]

    def _narrowed(self, *, leave_out: str | None = None) -> int:
        mask = self._text
        for name, value in self.filters.items():
            if name == leave_out or name not in self.facets or value in (None, "", []):
                continue
            mask &= self.maps.matching(name, value)
        return mask

    def counts(self) -> dict[str, dict[str, int]]:
        """For each facet, how many records each value would give under the other filters."""
        return {
            name: self.maps.tally(
                name, self._narrowed(leave_out=name) if name in self.filters else self.mask
            )
            for name in self.facets
        }

    def within(self, mask: int) -> "Listing":
        """This list narrowed to the records of the bit set MASK."""
        narrowed = copy.copy(self)
        narrowed.mask = self.mask & mask
        return narrowed

    def without(self, other: "Listing") -> "Listing":
        """This list less the records of OTHER (a list of the same records)."""
        return self.within(~other.mask)

    def count(self) -> int:
        return self.mask.bit_count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list:
        if not isinstance(index, slice):
            raise TypeError("A listing is read a page at a time.")
        start, stop, _step = index.indices(self.count())
        mask = self.mask.to_bytes(self.mask.bit_length() // 8 + 1, "little")
        end = len(mask) * 8

        def kept(pk: int) -> bool:
            return pk < end and bool(mask[pk >> 3] >> (pk & 7) & 1)

        if self._scored is None:
            pks = list(itertools.islice(filter(kept, self.maps.pks), start, stop))
        else:  # only the hits the filters keep are ranked; ties keep the list's order
            ranks = self.maps.ranks
            hits = [(-score, ranks[pk], pk) for pk, score in self._scored if kept(pk)]
            pks = [pk for _score, _rank, pk in heapq.nsmallest(stop, hits)[start:]]
        found = {record.pk: record for record in self.records.filter(pk__in=pks).order_by()}
        return [found[pk] for pk in pks if pk in found]
