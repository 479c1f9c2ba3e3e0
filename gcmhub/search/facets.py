"""Faceted filtering: one definition of a list's filters serves its results, its facet counts
(search.bitmaps), its exports and its API, so no door can disagree with another."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from gcmhub.search import queries as search


@dataclass(frozen=True)
class Facet:
    """A filter: a record matches VALUE when any of LOOKUPS equals it.

    MANY says a lookup crosses a to-many relation (filtering then goes through a subquery). WHERE
    is a condition on the same related row (only the current documents' languages, say)."""

    lookups: tuple[str, ...]
    many: bool = False
    where: Q | None = None

    def matching(self, value) -> Q:
        condition = Q()
        for lookup in self.lookups:
            condition |= Q(**{lookup: value})
        return condition & self.where if self.where else condition


def narrowed(records: QuerySet, facets: dict[str, Facet], filters: dict) -> QuerySet:
    """RECORDS matching the text `q` and every filter in FILTERS.
    A filter across a to-many relation is a subquery of keys, so no record comes twice and the
    list needs no DISTINCT over every column."""
    for name, value in filters.items():
        if value in (None, "", []) or name not in facets:
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
