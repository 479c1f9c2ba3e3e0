"""The OpenAPI 3.1 document of the API, generated from the registry of published collections:
their fields give the response schemas, their filter forms the query parameters. The
documentation page reads the same document, so the two cannot disagree."""

import hashlib

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from gcmhub.api import registry
from gcmhub.web.opendata import (
    ARRAY,
    BOOLEAN,
    DATE,
    DATETIME,
    INTEGER,
    NUMBER,
    STRING,
    Field,
    Resource,
)

VERSION = "1"
PREFIX = "/api/v1"
JSON = "application/json"
KEY_PATTERN = "^[A-Za-z0-9_-]+$"  # a key as it appears in a URL (ids, codes, years, ISO 3166)

SCHEMAS = {
    STRING: {"type": "string"},
    INTEGER: {"type": "integer"},
    NUMBER: {"type": "number"},
    BOOLEAN: {"type": "boolean"},
    DATE: {"type": "string", "format": "date"},
    DATETIME: {"type": "string", "format": "date-time"},
}


def language_codes() -> list[str]:
    """The values ?lang= accepts: the six languages, and "zh" for Chinese as in the page URLs."""
    codes = [code for code, _name in settings.LANGUAGES]
    return [*codes, "zh"] if "zh-hans" in codes else codes


CACHE_SECONDS = 300  # the filters' values (editions, countries…) change a few times a year


def document() -> dict:
    """The OpenAPI document in the active language: the reading operations of every collection
    and the writing operations of gcmhub.api.write. Kept a few minutes in the shared cache: it
    reads every filter form's values."""
    names = ",".join(registry.resources())
    fingerprint = hashlib.sha256(names.encode()).hexdigest()[:16]
    key = f"api:openapi:{VERSION}:{get_language()}:{fingerprint}"
    if (cached := cache.get(key)) is not None:
        return cached
    built = _document()
    cache.set(key, built, CACHE_SECONDS)
    return built


def _document() -> dict:
    from gcmhub.api import write  # it builds on the views, which build on this module

    resources = registry.resources()
    paths = {
        f"{PREFIX}/": {"get": _index_operation()},
    }
    schemas = {"Error": _error_schema(), "Index": _index_schema()}
    for resource in resources.values():
        schemas[resource.name] = record_schema(resource, resources)
        schemas[f"{resource.name}_page"] = _page_schema(resource)
        paths[f"{PREFIX}/{resource.name}/"] = {"get": _list_operation(resource)}
        paths[f"{PREFIX}/{resource.name}/{{{resource.key}}}/"] = {"get": _item_operation(resource)}
    for path, item in write.OPENAPI_PATHS.items():
        paths.setdefault(path, {}).update(item)
    components = {
        "schemas": schemas,
        "parameters": _parameters(),
        "responses": _responses(),
        "headers": _headers(),
    }
    for kind, entries in getattr(write, "OPENAPI_COMPONENTS", {}).items():
        components.setdefault(kind, {}).update(entries)
    if schemes := _security_schemes(paths, bool(write.OPENAPI_PATHS)):
        components["securitySchemes"] = schemes
    return _sorted(
        {
            "openapi": "3.1.0",
            "info": {
                "title": _("gcmhub open data API"),
                "version": VERSION,
                "description": _(
                    "Everything published on gcmhub, for programs: the Global Compact's "
                    "reference data, organisations, pledges and progress reports, practices, "
                    "reviews and the International Migration Review Forum. Reading needs no "
                    "account; organisations write pledge drafts with a token."
                ),
                "license": {"name": "CC BY 4.0", "identifier": "CC-BY-4.0"},
            },
            "servers": [{"url": "/"}],
            "tags": [
                {"name": r.name, "description": f"{r.title}: {r.description}"}
                for r in resources.values()
            ],
            "paths": paths,
            "components": components,
        }
    )


def record_schema(resource: Resource, resources: dict[str, Resource]) -> dict:
    """The JSON Schema of one record of RESOURCE: every field, always present, nothing else."""
    return {
        "type": "object",
        "title": str(resource.title),
        "description": str(resource.description),
        "properties": {f.name: field_schema(f, resources) for f in resource.fields},
        "required": [f.name for f in resource.fields],
        "additionalProperties": False,
    }


def field_schema(field: Field, resources: dict[str, Resource]) -> dict:
    """The JSON Schema of FIELD's values (for an ARRAY, ENUM and REFERENCE concern its items)."""
    if field.type == ARRAY:
        items = _item_schema(field, resources)
        if field.enum:
            items["enum"] = list(field.enum)
        schema = {"type": ["array", "null"] if field.nullable else "array", "items": items}
    else:
        schema = dict(SCHEMAS[field.type])
        if field.nullable:
            schema["type"] = [schema["type"], "null"]
        if field.enum:
            schema["enum"] = [*field.enum, None] if field.nullable else list(field.enum)
    schema["title"] = str(field.title)
    if field.description:
        schema["description"] = str(field.description)
    if field.reference:
        collection, key = field.reference
        schema["x-reference"] = {"collection": collection, "field": key}
    if field.hxl:
        schema["x-hxl"] = field.hxl
    return schema


def _item_schema(field: Field, resources: dict[str, Resource]) -> dict:
    if field.reference and (target := resources.get(field.reference[0])):
        referred = next((f for f in target.fields if f.name == field.reference[1]), None)
        if referred is not None and referred.type in SCHEMAS:
            return dict(SCHEMAS[referred.type])
    if field.enum and all(isinstance(v, int) and not isinstance(v, bool) for v in field.enum):
        return {"type": "integer"}
    if field.enum:
        return {"type": "string"}
    return {"type": ["string", "integer"]}


def filter_parameters(resource: Resource) -> list[dict]:
    """The query parameters of RESOURCE's list: the fields of its page's filter form."""
    if resource.filter_form is None:
        return []
    form = resource.filter_form()
    parameters = []
    for name, field in form.fields.items():
        parameter = {
            "name": name,
            "in": "query",
            "required": False,
            "schema": _form_field_schema(field),
            "description": str(field.label or name),
        }
        if isinstance(parameter["schema"].get("items"), dict):
            parameter.update(style="form", explode=True)
        parameters.append(parameter)
    return parameters


def _form_field_schema(field: forms.Field) -> dict:
    if isinstance(field, forms.ModelMultipleChoiceField):
        return {"type": "array", "items": {"type": "string"}}
    if isinstance(field, forms.ModelChoiceField):
        return {"type": "string"}
    if isinstance(field, forms.MultipleChoiceField):
        return {"type": "array", "items": _choice_schema(field)}
    if isinstance(field, forms.ChoiceField):
        return _choice_schema(field)
    if isinstance(field, forms.BooleanField | forms.NullBooleanField):
        return {"type": "boolean"}
    if isinstance(field, forms.FloatField | forms.DecimalField):  # before IntegerField, their base
        return {"type": "number"}
    if isinstance(field, forms.IntegerField):
        schema = {"type": "integer"}
        if field.min_value is not None:
            schema["minimum"] = field.min_value
        if field.max_value is not None:
            schema["maximum"] = field.max_value
        return schema
    if isinstance(field, forms.DateTimeField):
        return {"type": "string", "format": "date-time"}
    if isinstance(field, forms.DateField):
        return {"type": "string", "format": "date"}
    schema = {"type": "string"}
    if getattr(field, "max_length", None):
        schema["maxLength"] = field.max_length
    return schema


def _choice_schema(field: forms.ChoiceField) -> dict:
    values = []
    for value, label in field.choices:
        group = label if isinstance(label, list | tuple) else [(value, label)]
        values += [v for v, _label in group if v not in ("", None)]
    coerce = getattr(field, "coerce", None)
    if coerce is int:
        return {"type": "integer", "enum": [int(v) for v in values]}
    return {"type": "string", "enum": [str(v) for v in values]}


def _list_operation(resource: Resource) -> dict:
    reads = ["page", "page_size", "lang", "Accept-Language", "If-None-Match", "If-Modified-Since"]
    return {
        "operationId": f"list_{resource.name}",
        "summary": str(resource.title),
        "description": str(resource.description),
        "tags": [resource.name],
        "parameters": [_ref("parameters", p) for p in reads] + filter_parameters(resource),
        "responses": {
            "200": {
                "description": _("A page of published records, in the order of their keys."),
                "headers": {h: _ref("headers", h) for h in ("ETag", "Last-Modified", "Link")},
                "content": {JSON: {"schema": _ref("schemas", f"{resource.name}_page")}},
            },
            **_error_refs(),
        },
    }


def _item_operation(resource: Resource) -> dict:
    key = next((f for f in resource.fields if f.name == resource.key), resource.fields[0])
    key_schema = {"type": "integer"} if key.type == INTEGER else {"type": "string"}
    if key.type != INTEGER:
        key_schema["pattern"] = KEY_PATTERN
    reads = ["lang", "Accept-Language", "If-None-Match", "If-Modified-Since"]
    return {
        "operationId": f"get_{resource.name}",
        "summary": str(resource.title),
        "tags": [resource.name],
        "parameters": [
            {
                "name": resource.key,
                "in": "path",
                "required": True,
                "schema": key_schema,
                "description": str(key.title),
            },
            *(_ref("parameters", p) for p in reads),
        ],
        "responses": {
            "200": {
                "description": _("One published record."),
                "headers": {h: _ref("headers", h) for h in ("ETag", "Last-Modified")},
                "content": {JSON: {"schema": _ref("schemas", resource.name)}},
            },
            **_error_refs(),
        },
    }


def _index_operation() -> dict:
    return {
        "operationId": "index",
        "summary": _("What the API offers"),
        "parameters": [_ref("parameters", p) for p in ("lang", "Accept-Language")],
        "responses": {
            "200": {
                "description": _("The collections, with links."),
                "content": {JSON: {"schema": _ref("schemas", "Index")}},
            },
            **_error_refs(),
        },
    }


def _error_refs() -> dict:
    return {
        "304": _ref("responses", "NotModified"),
        "400": _ref("responses", "BadRequest"),
        "404": _ref("responses", "NotFound"),
        "429": _ref("responses", "TooManyRequests"),
    }


def _ref(kind: str, name: str) -> dict:
    return {"$ref": f"#/components/{kind}/{name}"}


def _parameters() -> dict:
    def header(name, description):
        return {
            "name": name,
            "in": "header",
            "required": False,
            "schema": {"type": "string"},
            "description": description,
        }

    return {
        "page": {
            "name": "page",
            "in": "query",
            "required": False,
            "schema": {"type": "integer", "minimum": 1, "default": 1},
            "description": _("The page to read, from 1."),
        },
        "page_size": {
            "name": "page_size",
            "in": "query",
            "required": False,
            "schema": {
                "type": "integer",
                "minimum": 1,
                "maximum": settings.API_MAX_PAGE_SIZE,
                "default": settings.API_PAGE_SIZE,
            },
            "description": _("Records per page."),
        },
        "lang": {
            "name": "lang",
            "in": "query",
            "required": False,
            "schema": {"type": "string", "enum": language_codes()},
            "description": _("The language of names and titles (instead of Accept-Language)."),
        },
        "Accept-Language": header(
            "Accept-Language", _("The languages you read, when there is no lang parameter.")
        ),
        "If-None-Match": header(
            "If-None-Match", _("The ETag of the copy you have: 304 if it is still current.")
        ),
        "If-Modified-Since": header(
            "If-Modified-Since",
            _("The Last-Modified time of the copy you have: 304 if nothing changed since."),
        ),
    }


def _headers() -> dict:
    return {
        "ETag": {
            "description": _("An identifier of this answer's content."),
            "schema": {"type": "string"},
        },
        "Last-Modified": {
            "description": _("When the newest record in this answer last changed."),
            "schema": {"type": "string"},
        },
        "Link": {
            "description": _("Links to the first, previous, next and last pages."),
            "schema": {"type": "string"},
        },
        "Retry-After": {
            "description": _("Seconds to wait before the next request."),
            "schema": {"type": "integer", "minimum": 1},
        },
    }


def _responses() -> dict:
    def error(description, headers=None):
        response = {
            "description": description,
            "content": {JSON: {"schema": _ref("schemas", "Error")}},
        }
        if headers:
            response["headers"] = headers
        return response

    return {
        "NotModified": {"description": _("Not modified: the copy you have is current.")},
        "BadRequest": error(_("A parameter is invalid (see error.fields).")),
        "NotFound": error(_("There is no such collection, record or page.")),
        "TooManyRequests": error(
            _("Too many requests from your address; wait as Retry-After says."),
            {"Retry-After": _ref("headers", "Retry-After")},
        ),
    }


def _error_schema() -> dict:
    return {
        "type": "object",
        "title": _("Error"),
        "properties": {
            "error": {
                "type": "object",
                "properties": {
                    "status": {"type": "integer", "description": _("The HTTP status.")},
                    "code": {
                        "type": "string",
                        "description": _("A short code for programs, such as “invalid”."),
                    },
                    "message": {"type": "string", "description": _("What went wrong.")},
                    "fields": {
                        "type": "object",
                        "description": _("Messages about each invalid field or parameter."),
                        "additionalProperties": {"type": "array", "items": {"type": "string"}},
                    },
                },
                "required": ["status", "code", "message"],
                "additionalProperties": False,
            }
        },
        "required": ["error"],
        "additionalProperties": False,
    }


def _page_schema(resource: Resource) -> dict:
    link = {"type": ["string", "null"], "format": "uri"}
    return {
        "type": "object",
        "properties": {
            "count": {"type": "integer", "minimum": 0},
            "next": {**link, "description": _("The next page, or null on the last.")},
            "previous": {**link, "description": _("The previous page, or null on the first.")},
            "results": {"type": "array", "items": _ref("schemas", resource.name)},
        },
        "required": ["count", "next", "previous", "results"],
        "additionalProperties": False,
    }


def _index_schema() -> dict:
    url = {"type": "string", "format": "uri"}
    return {
        "type": "object",
        "properties": {
            "name": {"type": "string"},
            "version": {"type": "string"},
            "collections": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "name": {"type": "string"},
                        "title": {"type": "string"},
                        "description": {"type": "string"},
                        "url": url,
                    },
                    "required": ["name", "title", "description", "url"],
                    "additionalProperties": False,
                },
            },
            "openapi": url,
            "documentation": url,
        },
        "required": ["name", "version", "collections", "openapi", "documentation"],
        "additionalProperties": False,
    }


def _security_schemes(paths: dict, writes: bool) -> dict:
    """A bearer scheme for every security requirement the writing operations name."""
    names = {
        name
        for item in paths.values()
        for operation in item.values()
        if isinstance(operation, dict)
        for requirement in operation.get("security", [])
        for name in requirement
    }
    if writes and not names:
        names = {"token"}
    return {
        name: {
            "type": "http",
            "scheme": "bearer",
            "description": _(
                "An organisation's API token, created on the organisation's page: "
                "Authorization: Bearer gcm_…"
            ),
        }
        for name in names
    }


def _sorted(value):
    """VALUE with every mapping's keys sorted (lists keep their order), lazy text made text."""
    if isinstance(value, dict):
        return {str(k): _sorted(value[k]) for k in sorted(value, key=str)}
    if isinstance(value, list | tuple):
        return [_sorted(v) for v in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def collections(document: dict) -> list[dict]:
    """What the documentation page shows of each collection, read from DOCUMENT."""
    schemas = document["components"]["schemas"]
    found = []
    for tag in document["tags"]:
        name = tag["name"]
        list_path = f"{PREFIX}/{name}/"
        item_path = next(p for p in document["paths"] if p.startswith(list_path) and p != list_path)
        operation = document["paths"][list_path]["get"]
        schema = schemas[name]
        filters = [p for p in operation["parameters"] if "$ref" not in p]
        found.append(
            {
                "name": name,
                "title": schema["title"],
                "description": schema["description"],
                "list_path": list_path,
                "item_path": item_path,
                "fields": [
                    {
                        "name": field,
                        "type": _type_label(spec),
                        "title": spec.get("title", ""),
                        "description": spec.get("description", ""),
                        "values": _values(spec),
                        "reference": spec.get("x-reference"),
                    }
                    for field in schema["required"]  # in the collection's own order
                    for spec in [schema["properties"][field]]
                ],
                "filters": [
                    {
                        "name": p["name"],
                        "type": _type_label(p["schema"]),
                        "description": p.get("description", ""),
                        "values": _values(p["schema"]),
                    }
                    for p in filters
                ],
                "example": _example(list_path, filters),
            }
        )
    return found


def _type_label(schema: dict) -> str:
    types = schema.get("type", "")
    types = types if isinstance(types, list) else [types]
    label = " | ".join(t for t in types if t != "null")
    if "array" in types:
        label = _("array of %(type)s") % {"type": _type_label(schema.get("items", {}))}
    if schema.get("format"):
        label = f"{label} ({schema['format']})"
    return f"{label} | null" if "null" in types else label


def _values(schema: dict) -> list:
    enum = schema.get("enum") or schema.get("items", {}).get("enum") or []
    return [v for v in enum if v is not None]


def _example(list_path: str, filters: list[dict]) -> str:
    """A filtered URL: the first filter with a list of values, with its first value."""
    for parameter in filters:
        if values := _values(parameter["schema"]):
            return f"{list_path}?{parameter['name']}={values[0]}"
    return f"{list_path}?page=2"


def write_operations(document: dict) -> list[dict]:
    """The writing operations (every method but GET), for the documentation page."""
    return [
        {
            "method": method.upper(),
            "path": path,
            "summary": operation.get("summary", ""),
            "description": operation.get("description", ""),
        }
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in ("post", "put", "patch", "delete") and isinstance(operation, dict)
    ]
