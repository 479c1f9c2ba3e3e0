"""The OpenAPI document: valid OpenAPI 3.1, deterministic, generated from the registry (fields
give the schemas, filter forms the parameters), with the writing operations merged in; and the
API's answers conform to it."""

import json

import jsonschema
import pytest
from django import forms
from django.core.cache import cache
from django.http import QueryDict
from referencing import Registry
from referencing import Resource as SchemaResource
from referencing.jsonschema import DRAFT202012
from schemathesis.specs.openapi.definitions import OPENAPI_31

from gcmhub.api import registry
from gcmhub.api.tests.test_api_leaks import publish_one_of_each
from gcmhub.compact.models import Objective
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

pytestmark = pytest.mark.django_db


class EveryFilterForm(forms.Form):
    q = forms.CharField(label="Words", max_length=100, required=False)
    number = forms.TypedChoiceField(
        label="Number", required=False, coerce=int, choices=[("", "All"), (1, "One"), (2, "Two")]
    )
    kind = forms.ChoiceField(
        label="Kind", required=False, choices=[("", "All"), ("a", "A"), ("Group", [("b", "B")])]
    )
    kinds = forms.MultipleChoiceField(label="Kinds", required=False, choices=[("a", "A")])
    objective = forms.ModelChoiceField(Objective.objects.all(), label="Objective", required=False)
    open = forms.BooleanField(label="Open", required=False)
    year = forms.IntegerField(label="Year", required=False, min_value=2000, max_value=2100)
    share = forms.FloatField(label="Share", required=False)
    day = forms.DateField(label="Day", required=False)
    moment = forms.DateTimeField(label="Moment", required=False)

    def filters(self):
        return {}


EVERY_TYPE = Resource(
    name="test_types",
    title="Every type",
    description="One field of each type.",
    fields=[
        Field("id", INTEGER, "Identifier", lambda row: row.pk),
        Field("kind", STRING, "Kind", lambda row: "a", enum=("a", "b"), description="A or B."),
        Field("size", INTEGER, "Size", lambda row: None, nullable=True, hxl="#size"),
        Field("level", STRING, "Level", lambda row: None, enum=("x",), nullable=True),
        Field("share", NUMBER, "Share", lambda row: 0.5),
        Field("open", BOOLEAN, "Open", lambda row: True),
        Field("day", DATE, "Day", lambda row: None, nullable=True),
        Field("moment", DATETIME, "Moment", lambda row: None, nullable=True),
        Field(
            "objectives",
            ARRAY,
            "Objectives",
            lambda row: [5],
            reference=("objectives", "number"),
        ),
        Field("codes", ARRAY, "Codes", lambda row: ["a"], enum=("a", "b")),
        Field("tags", ARRAY, "Tags", lambda row: []),
    ],
    rows=lambda filters: Objective.objects.order_by("pk"),
    filter_form=EveryFilterForm,
)


@pytest.fixture
def every_type(monkeypatch):
    monkeypatch.setitem(registry.resources(), EVERY_TYPE.name, EVERY_TYPE)
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def document(client):
    cache.clear()
    return client.get("/api/v1/openapi.json").json()


def test_the_document_is_valid_openapi_3_1(document):
    jsonschema.Draft202012Validator(OPENAPI_31).validate(document)

    assert document["openapi"] == "3.1.0"


def test_the_document_is_the_same_each_time_with_sorted_keys(client):
    cache.clear()
    first = client.get("/api/v1/openapi.json").content
    cache.clear()

    second = client.get("/api/v1/openapi.json").content

    assert first == second
    assert first.decode() == json.dumps(
        json.loads(first), sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )


def test_every_collection_has_a_list_and_an_item_operation(document):
    operations = {
        (path, method, operation["operationId"])
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method == "get"
    }

    expected = {("/api/v1/", "get", "index")}
    for name, resource in registry.resources().items():
        expected.add((f"/api/v1/{name}/", "get", f"list_{name}"))
        expected.add((f"/api/v1/{name}/{{{resource.key}}}/", "get", f"get_{name}"))
    assert operations == expected
    assert [tag["name"] for tag in document["tags"]] == list(registry.resources())


def test_record_schemas_follow_the_field_types(client, every_type):
    document = client.get("/api/v1/openapi.json").json()

    schema = document["components"]["schemas"]["test_types"]
    assert schema["required"] == [f.name for f in EVERY_TYPE.fields]
    assert schema["additionalProperties"] is False
    assert schema["properties"] == {
        "id": {"type": "integer", "title": "Identifier"},
        "kind": {"type": "string", "enum": ["a", "b"], "title": "Kind", "description": "A or B."},
        "size": {"type": ["integer", "null"], "title": "Size", "x-hxl": "#size"},
        "level": {"type": ["string", "null"], "enum": ["x", None], "title": "Level"},
        "share": {"type": "number", "title": "Share"},
        "open": {"type": "boolean", "title": "Open"},
        "day": {"type": ["string", "null"], "format": "date", "title": "Day"},
        "moment": {"type": ["string", "null"], "format": "date-time", "title": "Moment"},
        "objectives": {
            "type": "array",
            "items": {"type": "integer"},
            "title": "Objectives",
            "x-reference": {"collection": "objectives", "field": "number"},
        },
        "codes": {
            "type": "array",
            "items": {"type": "string", "enum": ["a", "b"]},
            "title": "Codes",
        },
        "tags": {"type": "array", "items": {"type": ["string", "integer"]}, "title": "Tags"},
    }


def test_query_parameters_follow_the_filter_form(client, every_type):
    document = client.get("/api/v1/openapi.json").json()

    parameters = document["paths"]["/api/v1/test_types/"]["get"]["parameters"]
    assert parameters[:6] == [
        {"$ref": f"#/components/parameters/{name}"}
        for name in [
            "page",
            "page_size",
            "lang",
            "Accept-Language",
            "If-None-Match",
            "If-Modified-Since",
        ]
    ]
    assert {p["name"]: p["schema"] for p in parameters[6:]} == {
        "q": {"type": "string", "maxLength": 100},
        "number": {"type": "integer", "enum": [1, 2]},
        "kind": {"type": "string", "enum": ["a", "b"]},
        "kinds": {"type": "array", "items": {"type": "string", "enum": ["a"]}},
        "objective": {"type": "string"},
        "open": {"type": "boolean"},
        "year": {"type": "integer", "minimum": 2000, "maximum": 2100},
        "share": {"type": "number"},
        "day": {"type": "string", "format": "date"},
        "moment": {"type": "string", "format": "date-time"},
    }
    assert parameters[6] == {
        "name": "q",
        "in": "query",
        "required": False,
        "schema": {"type": "string", "maxLength": 100},
        "description": "Words",
    }
    assert parameters[9]["style"] == "form"
    assert parameters[9]["explode"] is True


def test_the_pledge_filters_are_those_of_the_pledge_list(document):
    parameters = document["paths"]["/api/v1/pledges/"]["get"]["parameters"]

    schemas = {p["name"]: p["schema"] for p in parameters if "name" in p}
    assert schemas["objective"] == {"type": "integer", "enum": list(range(1, 24))}
    assert schemas["edition"] == {"type": "integer", "enum": [2026, 2022]}


def test_item_keys_are_typed(document):
    pledge = document["paths"]["/api/v1/pledges/{id}/"]["get"]["parameters"][0]
    country = document["paths"]["/api/v1/countries/{iso3}/"]["get"]["parameters"][0]

    assert pledge["schema"] == {"type": "integer"}
    assert (pledge["name"], pledge["in"], pledge["required"]) == ("id", "path", True)
    assert country["schema"] == {"type": "string", "pattern": "^[A-Za-z0-9_-]+$"}


def test_every_read_documents_its_errors_and_conditional_answers(document):
    reads = {path: item["get"] for path, item in document["paths"].items() if "get" in item}
    for path, operation in reads.items():
        responses = operation["responses"]
        assert {code: responses[code] for code in ("304", "400", "404", "429")} == {
            "304": {"$ref": "#/components/responses/NotModified"},
            "400": {"$ref": "#/components/responses/BadRequest"},
            "404": {"$ref": "#/components/responses/NotFound"},
            "429": {"$ref": "#/components/responses/TooManyRequests"},
        }, path
    assert document["components"]["responses"]["TooManyRequests"]["headers"] == {
        "Retry-After": {"$ref": "#/components/headers/Retry-After"}
    }


def test_writing_operations_are_merged_with_a_bearer_scheme(document):
    from gcmhub.api import write

    for path, item in write.OPENAPI_PATHS.items():
        assert set(item) <= set(document["paths"][path])
    assert "post" in document["paths"]["/api/v1/pledges/"]
    assert "patch" in document["paths"]["/api/v1/pledges/{id}/"]
    assert document["components"]["securitySchemes"] == {
        "bearerAuth": {
            "type": "http",
            "scheme": "bearer",
            "description": "An organisation's API token, created on the organisation's page: "
            "Authorization: Bearer gcm_…",
        }
    }


def test_the_document_answers_conditional_requests(client):
    etag = client.get("/api/v1/openapi.json")["ETag"]

    response = client.get("/api/v1/openapi.json", HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304


def _validator(document, name):
    schemas = SchemaResource.from_contents(document, default_specification=DRAFT202012)
    references = Registry().with_resource("urn:openapi", schemas)
    schema = {"$ref": f"urn:openapi#/components/schemas/{name}"}
    return jsonschema.Draft202012Validator(schema, registry=references)


def test_every_answer_conforms_to_its_schema(client, document):
    publish_one_of_each()

    for name, resource in registry.resources().items():
        page = client.get(f"/api/v1/{name}/?page_size=500").json()
        first = resource.record(next(iter(resource.rows(resource.filters(QueryDict())))))
        item = client.get(f"/api/v1/{name}/{first[resource.key]}/")

        _validator(document, f"{name}_page").validate(page)
        _validator(document, name).validate(item.json())
        assert page["count"] >= 1, name
    _validator(document, "Index").validate(client.get("/api/v1/").json())
    _validator(document, "Error").validate(client.get("/api/v1/unicorns/").json())
