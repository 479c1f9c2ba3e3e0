"""The Frictionless Data Package that describes the open-data bundle: one CSV per collection,
its field types, enumerations, keys and foreign keys, and the licence of the data.

Written from the same Resource descriptions as the CSV files themselves, so the descriptor and
the tables cannot disagree. Specification: https://datapackage.org (Table Schema, CSV Dialect)."""

import re

from django.utils import timezone
from django.utils.translation import gettext as _

from gcmhub.web.opendata import ARRAY, BOOLEAN, DATE, DATETIME, INTEGER, NUMBER, Field, Resource

NAME = "gcmhub"
SEPARATOR = ";"  # how as_cell() joins the values of an ARRAY in a table cell

# The licence of every published record of the open data (the data, not the code).
LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International",
}

# In the HXL variant each CSV has a second row of hashtags: a comment row for the validator.
HXL_DIALECT = {"commentRows": [2]}

# Table Schema types by opendata field type: a list is a text cell of ";"-separated values,
# because the Table Schema "array" type means a JSON array and is not valid in CSV.
TYPES = {ARRAY: "string"}


def descriptor(resources: list[Resource], *, hxl: bool = False) -> dict:
    """The datapackage.json of a bundle holding one "<name>.csv" per resource of RESOURCES
    (with an HXL hashtag row after the header when HXL), names in the active language."""
    names = {resource.name for resource in resources}
    return {
        "profile": "tabular-data-package",
        "name": NAME,
        "title": _("gcmhub open data"),
        "description": _(
            "Every published record of gcmhub, the platform for the follow-up and review of "
            "the Global Compact for Safe, Orderly and Regular Migration: one table per "
            "collection."
        ),
        "licenses": [dict(LICENSE)],
        "created": timezone.now().replace(microsecond=0).isoformat(),
        "resources": [_resource(resource, names, hxl=hxl) for resource in resources],
    }


def _resource(resource: Resource, names: set[str], *, hxl: bool) -> dict:
    described = {
        "name": resource.name,
        "path": f"{resource.name}.csv",
        "profile": "tabular-data-resource",
        "title": str(resource.title),
        "description": str(resource.description),
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
    }
    if hxl:
        described["dialect"] = dict(HXL_DIALECT)
    described["schema"] = _schema(resource, names)
    return described


def _schema(resource: Resource, names: set[str]) -> dict:
    schema = {
        "fields": [_field(f, names) for f in resource.fields],
        "primaryKey": [resource.key],
        "missingValues": [""],
    }
    foreign_keys = [
        {
            "fields": [f.name],
            # "" is the Table Schema's name for the resource itself.
            "reference": {
                "resource": "" if f.reference[0] == resource.name else f.reference[0],
                "fields": [f.reference[1]],
            },
        }
        for f in resource.fields
        if f.reference and f.type != ARRAY and f.reference[0] in names
    ]
    if foreign_keys:
        schema["foreignKeys"] = foreign_keys
    return schema


def _field(f: Field, names: set[str]) -> dict:
    described = {"name": f.name, "type": TYPES.get(f.type, f.type), "title": str(f.title)}
    notes = [str(f.description)] if f.description else []
    constraints = {}
    if f.type == ARRAY:
        notes.append(_('Several values are separated by ";".'))
        if f.reference and f.reference[0] in names:
            notes.append(
                _(
                    'Each value is a "%(field)s" of the "%(collection)s" table (not declared as a '
                    "foreign key, because the cell holds several values)."
                )
                % {"collection": f.reference[0], "field": f.reference[1]}
            )
        if f.enum:
            constraints["pattern"] = _list_pattern(f.enum)
    elif f.enum:
        constraints["enum"] = [_enum_value(f, value) for value in f.enum]
    if f.type == BOOLEAN:
        described["trueValues"] = ["true"]
        described["falseValues"] = ["false"]
    if f.type in (DATE, DATETIME):
        described["format"] = "default"
    if notes:
        described["description"] = " ".join(notes)
    if constraints:
        described["constraints"] = constraints
    if f.hxl:
        described["hxl"] = f.hxl  # a custom property: the column's HXL hashtag
    return described


def _enum_value(f: Field, value):
    return value if f.type in (INTEGER, NUMBER) else str(value)


def _list_pattern(values) -> str:
    """A Table Schema pattern (implicitly anchored) for ";"-separated values out of VALUES."""
    one = "(?:" + "|".join(re.escape(str(value)) for value in values) + ")"
    return f"{one}(?:{re.escape(SEPARATOR)}{one})*"
