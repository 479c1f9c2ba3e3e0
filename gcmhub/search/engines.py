"""The two full-text engines behind one interface: SQLite FTS5 and PostgreSQL text search.

Each engine turns parsed terms into its own query string (built from word characters only and
passed as a parameter) and gives two SQL fragments over search_entry, both limited to one kind:
the ids of matching records, and the relevance of one record (higher is better)."""

from django.db import connections

from gcmhub.search.text import Term

# One alias for search_entry inside our subqueries, unlikely to clash with Django's (T2, U0…).
ENTRY = "search_hit"


class Engine:
    vendor = ""

    def query(self, terms: list[Term]) -> str:
        raise NotImplementedError

    def ids_sql(self, kind: str, terms: list[Term]) -> tuple[str, list]:
        """SELECT of the record_id of every entry of KIND that matches TERMS."""
        raise NotImplementedError

    def scores_sql(self, kind: str, terms: list[Term]) -> tuple[str, list]:
        """SELECT of (record_id, relevance) for every entry of KIND that matches TERMS."""
        raise NotImplementedError

    def relevance_sql(self, kind: str, terms: list[Term], pk: str) -> tuple[str, list]:
        """A scalar SELECT of the relevance of the record whose id is the SQL PK (a column of
        the outer query, which has no parameters); the SELECT gives no row for a miss."""
        raise NotImplementedError


class SQLite(Engine):
    """FTS5 over search_entry.text: `"migrant"* AND "移 民"`, ranked by -bm25()."""

    vendor = "sqlite"

    def query(self, terms: list[Term]) -> str:
        phrases = []
        for term in terms:
            phrase = '"' + " ".join(term.tokens).replace('"', '""') + '"'
            phrases.append(phrase + "*" if term.prefix else phrase)
        return " AND ".join(phrases)

    # CROSS JOIN keeps search_fts the outer loop: SQLite would otherwise scan every entry of
    # the kind and run the full-text query once per entry.
    def _hits(self, columns: str, kind, terms) -> tuple[str, list]:
        sql = (
            f"SELECT {columns} FROM search_fts"
            f" CROSS JOIN search_entry {ENTRY} ON {ENTRY}.id = search_fts.rowid"
            f" WHERE search_fts MATCH %s AND {ENTRY}.kind = %s"
        )
        return sql, [self.query(terms), kind]

    def ids_sql(self, kind, terms):
        return self._hits(f"{ENTRY}.record_id", kind, terms)

    def scores_sql(self, kind, terms):
        return self._hits(f"{ENTRY}.record_id, -bm25(search_fts)", kind, terms)

    def relevance_sql(self, kind, terms, pk):
        # bm25() needs the statistics of the whole query. A correlated MATCH would recompute
        # them for every row, so the scores of all hits are materialised once per statement
        # (SQLite evaluates an uncorrelated CTE once) and each row looks its own up.
        scores, params = self.scores_sql(kind, terms)
        sql = (
            f"WITH search_scores(record_id, score) AS MATERIALIZED ({scores})"
            f" SELECT score FROM search_scores WHERE search_scores.record_id = {pk}"
        )
        return sql, params


class PostgreSQL(Engine):
    """to_tsquery('simple', 'migrant:* & (移 <-> 民)'), ranked by ts_rank() with the
    document-length normalisation 1 (like bm25, a long text does not win by length alone)."""

    vendor = "postgresql"
    # The stored to_tsvector('simple', text), GIN-indexed (migration 0002).
    VECTOR = f"{ENTRY}.vector"

    def query(self, terms: list[Term]) -> str:
        conditions = []
        for term in terms:
            tokens = list(term.tokens)
            if term.prefix:
                tokens[-1] += ":*"
            phrase = " <-> ".join(tokens)
            conditions.append(f"({phrase})" if term.is_phrase else phrase)
        return " & ".join(conditions)

    def ids_sql(self, kind, terms):
        sql = (
            f"SELECT {ENTRY}.record_id FROM search_entry {ENTRY}"
            f" WHERE {ENTRY}.kind = %s AND {self.VECTOR} @@ to_tsquery('simple', %s)"
        )
        return sql, [kind, self.query(terms)]

    def scores_sql(self, kind, terms):
        sql = (
            f"SELECT {ENTRY}.record_id, ts_rank({self.VECTOR}, to_tsquery('simple', %s), 1)"
            f" FROM search_entry {ENTRY}"
            f" WHERE {ENTRY}.kind = %s AND {self.VECTOR} @@ to_tsquery('simple', %s)"
        )
        query = self.query(terms)
        return sql, [query, kind, query]

    def relevance_sql(self, kind, terms, pk):
        sql = (
            f"SELECT ts_rank({self.VECTOR}, to_tsquery('simple', %s), 1)"
            f" FROM search_entry {ENTRY}"
            f" WHERE {ENTRY}.kind = %s AND {ENTRY}.record_id = {pk}"
        )
        return sql, [self.query(terms), kind]


class Fallback(Engine):
    """Any other database: every term's tokens as a substring of the text, no ranking."""

    def query(self, terms: list[Term]) -> str:
        return " & ".join(" ".join(term.tokens) for term in terms)

    def ids_sql(self, kind, terms):
        conditions = " AND ".join(f"{ENTRY}.text LIKE %s" for _ in terms)
        sql = (
            f"SELECT {ENTRY}.record_id FROM search_entry {ENTRY}"
            f" WHERE {ENTRY}.kind = %s AND {conditions}"
        )
        # The text is normalised (lower case, one space between words): LIKE is enough.
        return sql, [kind, *("%" + " ".join(term.tokens) + "%" for term in terms)]

    def scores_sql(self, kind, terms):
        ids, params = self.ids_sql(kind, terms)
        return ids.replace(f"SELECT {ENTRY}.record_id", f"SELECT {ENTRY}.record_id, 0.0", 1), params

    def relevance_sql(self, kind, terms, pk):
        return "SELECT 0.0", []


ENGINES = {engine.vendor: engine for engine in (SQLite(), PostgreSQL())}


def engine(using: str = "default") -> Engine:
    """The engine of the database alias USING."""
    return ENGINES.get(connections[using].vendor, Fallback())
