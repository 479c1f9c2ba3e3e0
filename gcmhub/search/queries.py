"""Full-text search of registered models, as lazy querysets that other filters compose with."""

from django.db.models import Expression, F, FloatField, QuerySet, Value
from django.db.models.expressions import RawSQL

from gcmhub.search import engines, registry
from gcmhub.search.text import Term, terms

__all__ = ["Term", "matching", "terms"]


class Relevance(Expression):
    """How well the outer query's record matches: a correlated scalar subquery around the
    record's primary key (an expression, so it follows the table's alias in subqueries)."""

    output_field = FloatField()

    def __init__(self, pk, *, engine: engines.Engine, kind: str, found: list[Term]):
        super().__init__()
        self.pk, self.engine, self.kind, self.found = pk, engine, kind, found

    def get_source_expressions(self):
        return [self.pk]

    def set_source_expressions(self, exprs):
        [self.pk] = exprs

    def as_sql(self, compiler, connection):
        pk_sql, pk_params = compiler.compile(self.pk)
        if pk_params:  # a column has none; the engines put the key last in their SQL
            raise ValueError("The primary key of a searched queryset must be a column.")
        sql, params = self.engine.relevance_sql(self.kind, self.found, pk_sql)
        return f"COALESCE(({sql}), 0.0)", params


def matching(queryset: QuerySet, text: str) -> QuerySet:
    """QUERYSET narrowed to the records whose search entry matches TEXT and annotated with their
    `relevance` (a float, higher is better, on both engines). When TEXT has no searchable word
    (terms(TEXT) is empty) the queryset is not narrowed and every relevance is 0.0, so
    order_by("-relevance") always works. The result stays lazy: filter, count, facet, paginate."""
    found = terms(text)
    if not found:
        return queryset.annotate(relevance=Value(0.0, output_field=FloatField()))
    if not registry.is_registered(queryset.model):
        raise LookupError(f"{registry.kind(queryset.model)} is not registered for search.")
    kind = registry.kind(queryset.model)
    engine = engines.engine(queryset.db)
    ids, params = engine.ids_sql(kind, found)
    return queryset.filter(pk__in=RawSQL(ids, params)).annotate(
        relevance=Relevance(F("pk"), engine=engine, kind=kind, found=found)
    )
