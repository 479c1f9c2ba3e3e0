"""What a part publishes as open data, described once: the fields of each collection, how its
published rows are read with the same filters as its pages, and how a value is written in a
table. The API, the downloads, the data bundle and its data package all read these
descriptions, so they cannot disagree with each other or with the pages.

Each part describes its collections in its own `opendata.py` (a list RESOURCES of Resource);
`gcmhub.api.registry` gathers them."""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

# Field types, as Frictionless Table Schema and JSON Schema name them.
STRING, INTEGER, NUMBER, BOOLEAN = "string", "integer", "number", "boolean"
DATE, DATETIME, ARRAY = "date", "datetime", "array"


@dataclass(frozen=True)
class Field:
    """One column of a collection.

    GET reads the value from a row (a model instance) as Python: str, int, float, bool, date,
    datetime, None, or a list of str/int for an ARRAY. ENUM lists the allowed values;
    REFERENCE names the (collection, field) a value points to (a foreign key); HXL is the
    Humanitarian Exchange Language hashtag of the column, if one fits."""

    name: str
    type: str
    title: str
    get: Callable[[Any], Any]
    description: str = ""
    enum: tuple = ()
    reference: tuple[str, str] | None = None
    hxl: str = ""
    nullable: bool = False


@dataclass(frozen=True)
class Resource:
    """A published collection: NAME is its URL segment and file name ("pledges").

    ROWS(filters) returns the published rows matching the cleaned FILTERS of FILTER_FORM (the
    page's own form), ordered by primary key: a QuerySet (which the API counts and slices, and
    STREAM reads in chunks) or, when rows need work Python does, a list. PAGE_URL(row) is the row's page
    (without language prefix it is the active language's), UPDATED(row) when it last changed
    publicly (for Last-Modified and feeds)."""

    name: str
    title: str
    description: str
    fields: list[Field]
    rows: Callable[[dict], Iterable]
    filter_form: type | None = None
    page_url: Callable[[Any], str] | None = None
    updated: Callable[[Any], datetime.datetime | None] | None = None
    key: str = "id"
    extra: dict = field(default_factory=dict)

    def stream(self, filters: dict) -> Iterable:
        """The rows for FILTERS, a QuerySet read in chunks so memory stays flat."""
        rows = self.rows(filters)
        return rows.iterator(chunk_size=1000) if isinstance(rows, QuerySet) else iter(rows)

    def record(self, row) -> dict:
        """ROW as a JSON object: the fields' values, dates as ISO 8601 text."""
        return {f.name: as_json(f.get(row)) for f in self.fields}

    def cells(self, row) -> list:
        """ROW as table cells (CSV, XLSX): lists joined by ";", booleans "true"/"false"."""
        return [as_cell(f.get(row)) for f in self.fields]

    def filters(self, query) -> dict:
        """The valid filters in QUERY (a QueryDict) for this collection; invalid ones ignored."""
        if self.filter_form is None:
            return {}
        return self.filter_form(query).filters()


def as_json(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [as_json(v) for v in value]
    return value


def as_cell(value) -> str | int | float:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ";".join(str(as_cell(v)) for v in value)
    return value


# Fields and values every part's submitted records share.


def or_none(value):
    """Blank text as a missing value, so an enumeration or a reference never sees ""."""
    return value if value not in ("", None) else None


def verified_id(organisation) -> int | None:
    """The organisations collection holds verified organisations only: no dangling reference."""
    return organisation.pk if organisation is not None and organisation.is_verified else None


def organisation_fields(role: str, name_title: str, type_title: str = "") -> list[Field]:
    """The organisation of a record (its `organisation`), its name and (with TYPE_TITLE) its
    entity type: ROLE titles the key ("Pledging organisation"), NAME_TITLE the name."""
    fields = [
        Field(
            "organisation",
            INTEGER,
            role,
            lambda r: verified_id(r.organisation),
            description=_("Empty when the organisation is no longer verified."),
            reference=("organisations", "id"),
            hxl="#org+id",
            nullable=True,
        ),
        Field(
            "organisation_name", STRING, name_title, lambda r: r.organisation.name, hxl="#org+name"
        ),
    ]
    if type_title:
        fields.append(
            Field(
                "entity_type",
                STRING,
                type_title,
                lambda r: r.organisation.entity_type.code,
                reference=("entity_types", "code"),
                hxl="#org+type+code",
            )
        )
    return fields


def published_field() -> Field:
    return Field(
        "published_at", DATETIME, _("First published"), lambda r: r.published_at, nullable=True
    )


def page_field() -> Field:
    """The record's page on the site (in the language of the request)."""
    return Field(
        "url",
        STRING,
        _("Page"),
        lambda r: settings.SITE_URL + r.get_absolute_url(),
        hxl="#meta+url",
    )
