"""Faceted filtering: one definition of a list's filters serves its results, its facet counts,
its exports and its API, so no door can disagree with another."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from gcmhub.search import queries as search


@dataclass(frozen=True)
class Facet:
    """A filter: a record matches VALUE when any of LOOKUPS equals it.

    MANY says a lookup crosses a to-many relation (the results then need DISTINCT). WHERE is a
    condition on the same related row (only the current documents' languages, say). COUNT, when
    given, counts records per value itself; by default they are grouped by the first lookup."""

    lookups: tuple[str, ...]
    many: bool = False
    count: Callable[[QuerySet], dict[str, int]] | None = None
    where: Q | None = None

    def matching(self, value) -> Q:
        condition = Q()
        for lookup in self.lookups:
            condition |= Q(**{lookup: value})
        return condition & self.where if self.where else condition

    def counts(self, records: QuerySet) -> dict[str, int]:
        if self.count:
            return self.count(records)
        field = self.lookups[0]
        rows = records.order_by().values(field).annotate(n=Count("pk", distinct=True))
        return {str(row[field]): row["n"] for row in rows if row[field] not in (None, "")}


def narrowed(
    records: QuerySet, facets: dict[str, Facet], filters: dict, *, leave_out: str | None = None
) -> QuerySet:
    """RECORDS matching the text `q` and every filter in FILTERS except the one named LEAVE_OUT.
    A filter across a to-many relation is a subquery of keys, so no record comes twice and the
    list needs no DISTINCT over every column."""
    for name, value in filters.items():
        if name == leave_out or value in (None, "", []) or name not in facets:
            continue
        facet = facets[name]
        if facet.many:
            keys = records.model._base_manager.filter(facet.matching(value)).values("pk")
            records = records.filter(pk__in=keys)
        else:
            records = records.filter(facet.matching(value))
    if filters.get("q"):
        records = search.matching(records, filters["q"])
    return records


def facet_counts(records: QuerySet, facets: dict[str, Facet], filters: dict) -> dict:
    """For each facet, how many of RECORDS each value would give under all the other filters
    (and the text): the numbers shown beside a list's filter options."""
    return {
        name: facet.counts(narrowed(records, facets, filters, leave_out=name))
        for name, facet in facets.items()
    }
