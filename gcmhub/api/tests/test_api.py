"""The read API through HTTP: lists, items, pagination, filters, languages, conditional
requests, CORS, rate limits and errors. Most tests read small collections described here over
real models (objectives, pledges), so they hold whatever the parts publish."""

import datetime
import json
import time

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils import timezone, translation

from gcmhub.api import registry
from gcmhub.compact.models import Objective
from gcmhub.pledges.forms import PledgeFilterForm
from gcmhub.pledges.models import Pledge
from gcmhub.pledges.tests.factories import PledgeFactory
from gcmhub.web.opendata import ARRAY, DATETIME, INTEGER, STRING, Field, Resource
from gcmhub.workflow.models import State

pytestmark = pytest.mark.django_db


def _pledge_rows(filters):
    pledges = (
        Pledge.objects.published()
        .select_related("organisation")
        .prefetch_related("main_objectives")
        .order_by("pk")
    )
    if filters.get("objective"):
        pledges = pledges.filter(main_objectives__number=filters["objective"])
    return pledges


PLEDGE_FIELDS = [
    Field("id", INTEGER, "Identifier", lambda p: p.pk),
    Field("title", STRING, "Title", lambda p: p.title),
    Field("organisation", STRING, "Organisation", lambda p: p.organisation.name),
    Field(
        "objectives",
        ARRAY,
        "Main objectives",
        lambda p: [o.number for o in p.main_objectives.all()],
        reference=("objectives", "number"),
    ),
    Field("updated_at", DATETIME, "Updated", lambda p: p.updated_at),
]
TEST_PLEDGES = Resource(
    name="test_pledges",
    title="Test pledges",
    description="Published pledges, for the tests.",
    fields=PLEDGE_FIELDS,
    rows=_pledge_rows,
    filter_form=PledgeFilterForm,
    updated=lambda p: p.updated_at,
)
# The same rows as a plain generator: nothing to count or slice but reading them.
TEST_STREAM = Resource(
    name="test_stream",
    title="Test stream",
    description="Published pledges, read one by one.",
    fields=PLEDGE_FIELDS,
    rows=lambda filters: (pledge for pledge in _pledge_rows(filters)),
    filter_form=PledgeFilterForm,
    updated=lambda p: p.updated_at,
)
TEST_OBJECTIVES = Resource(
    name="test_objectives",
    title="Test objectives",
    description="The objectives, by number.",
    key="number",
    fields=[
        Field("number", INTEGER, "Number", lambda o: o.number),
        Field("name", STRING, "Name", lambda o: o.short_name),
    ],
    rows=lambda filters: list(Objective.objects.order_by("pk")),
)


@pytest.fixture(autouse=True)
def collections(monkeypatch):
    """The test collections beside the parts' own, and a rate-limit counter starting at zero."""
    for resource in (TEST_PLEDGES, TEST_STREAM, TEST_OBJECTIVES):
        monkeypatch.setitem(registry.resources(), resource.name, resource)
    cache.clear()
    yield
    cache.clear()


def _pledges(count, **kwargs):
    return [PledgeFactory(**kwargs) for _ in range(count)]


def _record(pledge):
    pledge.refresh_from_db()
    return {
        "id": pledge.pk,
        "title": pledge.title,
        "organisation": pledge.organisation.name,
        "objectives": [5],
        "updated_at": pledge.updated_at.isoformat(),
    }


# The index and the lists


def test_index_links_every_collection_the_document_and_the_documentation(client):
    response = client.get("/api/v1/")

    data = response.json()
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert data["name"] == "gcmhub"
    assert data["version"] == "1"
    assert data["openapi"] == "http://testserver/api/v1/openapi.json"
    assert data["documentation"] == "http://testserver/en/api/"
    assert [c["name"] for c in data["collections"]] == list(registry.resources())
    assert data["collections"][-1] == {
        "name": "test_objectives",
        "title": "Test objectives",
        "description": "The objectives, by number.",
        "url": "http://testserver/api/v1/test_objectives/",
    }


def test_index_links_the_documentation_in_the_language_asked_for(client):
    response = client.get("/api/v1/?lang=zh")

    assert response.json()["documentation"] == "http://testserver/zh/api/"
    assert response["Content-Language"] == "zh-hans"


def test_list_gives_published_records_in_key_order(client):
    first, second = _pledges(2)
    PledgeFactory(state=State.DRAFT, title="A draft")

    response = client.get("/api/v1/test_pledges/")

    assert response.status_code == 200
    assert response.json() == {
        "count": 2,
        "next": None,
        "previous": None,
        "results": [_record(first), _record(second)],
    }


@pytest.mark.parametrize("name", ["test_pledges", "test_stream"])
def test_pages_lead_to_the_last_one(client, name):
    pledges = _pledges(5)

    pages, url = [], f"/api/v1/{name}/?page_size=2"
    while url:
        data = client.get(url).json()
        pages.append([record["id"] for record in data["results"]])
        url = data["next"]

    assert pages == [[p.pk for p in pledges[0:2]], [p.pk for p in pledges[2:4]], [pledges[4].pk]]
    assert data["count"] == 5
    assert data["previous"] == f"http://testserver/api/v1/{name}/?page_size=2&page=2"


def test_page_links_keep_the_filters_and_come_in_the_link_header(client):
    _pledges(5)

    response = client.get("/api/v1/test_pledges/?objective=5&page_size=2&page=2")

    base = "http://testserver/api/v1/test_pledges/?objective=5&page_size=2"
    assert response.json()["next"] == f"{base}&page=3"
    assert response.json()["previous"] == f"{base}&page=1"
    assert response["Link"] == (
        f'<{base}&page=1>; rel="first", <{base}&page=1>; rel="prev", '
        f'<{base}&page=3>; rel="next", <{base}&page=3>; rel="last"'
    )


def test_an_empty_collection_has_one_empty_page(client):
    response = client.get("/api/v1/test_pledges/")

    assert response.json() == {"count": 0, "next": None, "previous": None, "results": []}


def test_the_page_size_defaults_to_the_setting(client, settings):
    settings.API_PAGE_SIZE = 2
    _pledges(3)

    data = client.get("/api/v1/test_pledges/").json()

    assert len(data["results"]) == 2
    assert data["next"] == "http://testserver/api/v1/test_pledges/?page=2"


def test_a_list_of_rows_pages_too(client):
    data = client.get("/api/v1/test_objectives/?page=3&page_size=10").json()

    assert data["count"] == 23
    assert [r["number"] for r in data["results"]] == [21, 22, 23]
    assert data["next"] is None


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("page=0", "page", "Give a whole number from 1."),
        ("page=two", "page", "Give a whole number from 1."),
        ("page=1.5", "page", "Give a whole number from 1."),
        ("page=-1", "page", "Give a whole number from 1."),
        ("page_size=0", "page_size", "Give a whole number from 1 to 500."),
        ("page_size=501", "page_size", "Give a whole number from 1 to 500."),
        ("page_size=", "page_size", "Give a whole number from 1 to 500."),
    ],
)
def test_an_invalid_page_is_a_field_error(client, query, field, message):
    response = client.get(f"/api/v1/test_pledges/?{query}")

    assert response.status_code == 400
    assert response.json() == {
        "error": {
            "status": 400,
            "code": "invalid",
            "message": message,
            "fields": {field: [message]},
        }
    }


def test_a_page_after_the_last_is_not_found(client):
    _pledges(3)

    response = client.get("/api/v1/test_pledges/?page_size=2&page=3")

    message = "There is no page 3: the last one is 2."
    assert response.status_code == 404
    assert response.json() == {
        "error": {
            "status": 404,
            "code": "not_found",
            "message": message,
            "fields": {"page": [message]},
        }
    }


def test_filters_are_those_of_the_page(client):
    PledgeFactory(main_objectives=[3])
    chosen = PledgeFactory(main_objectives=[5])

    data = client.get("/api/v1/test_pledges/?objective=5").json()

    assert [r["id"] for r in data["results"]] == [chosen.pk]


def test_invalid_filter_values_are_ignored_as_on_the_page(client):
    pledges = _pledges(2)

    data = client.get("/api/v1/test_pledges/?objective=99&objective_typo=1").json()

    assert [r["id"] for r in data["results"]] == [p.pk for p in pledges]


@pytest.mark.parametrize("count", [1, 3])
def test_list_queries_do_not_grow(client, django_assert_num_queries, count):
    _pledges(count)

    # the filter form's options (7: editions… countries), the count, the page, its objectives
    with django_assert_num_queries(10):
        response = client.get("/api/v1/test_pledges/")

    assert response.json()["count"] == count


@pytest.mark.parametrize("count", [1, 3])
def test_list_of_the_real_pledges_queries_do_not_grow(client, django_assert_num_queries, count):
    _pledges(count)

    with django_assert_num_queries(14):  # the options, the count, the page, 5 prefetches
        response = client.get("/api/v1/pledges/")

    assert response.json()["count"] == count


def test_a_page_reads_only_its_rows_from_the_database(client):
    _pledges(5)

    with _captured() as queries:
        client.get("/api/v1/test_pledges/?page_size=2&page=2")

    page_query = next(q["sql"] for q in queries if '"pledges_pledge"."title"' in q["sql"])
    assert "LIMIT 2 OFFSET 2" in page_query


def _captured():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    return CaptureQueriesContext(connection)


# One record


def test_item_is_the_record_of_its_key(client):
    pledge = PledgeFactory()

    response = client.get(f"/api/v1/test_pledges/{pledge.pk}/")

    assert response.status_code == 200
    assert response.json() == _record(pledge)


def test_item_of_a_plain_generator_and_a_list(client):
    pledge = PledgeFactory()

    stream = client.get(f"/api/v1/test_stream/{pledge.pk}/")
    objective = client.get("/api/v1/test_objectives/23/")

    assert stream.json() == _record(pledge)
    assert objective.json() == {"number": 23, "name": "International cooperation"}


@pytest.mark.parametrize("key", ["999999", "07", "x", "-1", "5.0"])
def test_an_unknown_key_is_not_found(client, key):
    PledgeFactory()

    response = client.get(f"/api/v1/test_objectives/{key}/")

    assert response.status_code == 404
    assert response.json() == {
        "error": {
            "status": 404,
            "code": "not_found",
            "message": f"No published record of “test_objectives” has the number “{key}”.",
        }
    }


def test_an_unpublished_record_is_not_found(client):
    draft = PledgeFactory(state=State.DRAFT)

    response = client.get(f"/api/v1/test_pledges/{draft.pk}/")

    assert response.status_code == 404


def test_item_of_a_real_collection_by_a_natural_key(client):
    response = client.get("/api/v1/countries/FRA/")

    assert response.status_code == 200
    assert response.json()["iso3"] == "FRA"


# Languages


def test_names_come_in_the_language_of_the_lang_parameter(client):
    response = client.get("/api/v1/test_objectives/5/?lang=fr", HTTP_ACCEPT_LANGUAGE="es")

    assert response.json() == {"number": 5, "name": "Filières de migration régulière"}
    assert response["Content-Language"] == "fr"
    assert response["Vary"] == "Accept-Language"


def test_names_come_in_the_language_of_accept_language(client):
    response = client.get("/api/v1/test_objectives/5/", HTTP_ACCEPT_LANGUAGE="de, es;q=0.8")

    assert (
        response.json()["name"] == client.get("/api/v1/test_objectives/5/?lang=es").json()["name"]
    )
    assert response["Content-Language"] == "es"


def test_names_are_in_english_by_default(client):
    response = client.get("/api/v1/test_objectives/5/", HTTP_ACCEPT_LANGUAGE="de")

    assert response.json()["name"] == "Regular pathways"
    assert response["Content-Language"] == "en"


def test_an_unknown_language_is_a_field_error(client):
    response = client.get("/api/v1/test_objectives/?lang=de")

    message = "Choose one of these languages: ar, zh-hans, en, fr, ru, es, zh."
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"lang": [message]}


# Conditional requests


def test_an_unchanged_list_is_not_modified_for_its_etag(client):
    _pledges(2)
    etag = client.get("/api/v1/test_pledges/")["ETag"]

    response = client.get("/api/v1/test_pledges/", HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert response["Access-Control-Allow-Origin"] == "*"


def test_a_changed_list_has_another_etag(client):
    first, _second = _pledges(2)
    etag = client.get("/api/v1/test_pledges/")["ETag"]
    Pledge.objects.filter(pk=first.pk).update(title="A new title")

    response = client.get("/api/v1/test_pledges/", HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200
    assert response["ETag"] != etag


def test_the_etag_depends_on_the_language(client):
    french = client.get("/api/v1/test_objectives/5/?lang=fr")

    response = client.get("/api/v1/test_objectives/5/", HTTP_IF_NONE_MATCH=french["ETag"])

    assert response.status_code == 200


def test_last_modified_is_the_newest_change_on_the_page(client):
    older, newer = _pledges(2)
    moment = timezone.now().replace(microsecond=0)
    Pledge.objects.filter(pk=older.pk).update(updated_at=moment - datetime.timedelta(days=2))
    Pledge.objects.filter(pk=newer.pk).update(updated_at=moment - datetime.timedelta(days=1))

    response = client.get("/api/v1/test_pledges/")
    item = client.get(f"/api/v1/test_pledges/{older.pk}/")

    assert response["Last-Modified"] == _http_date(moment - datetime.timedelta(days=1))
    assert item["Last-Modified"] == _http_date(moment - datetime.timedelta(days=2))


def test_an_item_unchanged_since_is_not_modified(client):
    pledge = PledgeFactory()
    moment = timezone.now().replace(microsecond=0) - datetime.timedelta(days=1)
    Pledge.objects.filter(pk=pledge.pk).update(updated_at=moment)

    unchanged = client.get(
        f"/api/v1/test_pledges/{pledge.pk}/", HTTP_IF_MODIFIED_SINCE=_http_date(moment)
    )
    changed = client.get(
        f"/api/v1/test_pledges/{pledge.pk}/",
        HTTP_IF_MODIFIED_SINCE=_http_date(moment - datetime.timedelta(seconds=1)),
    )

    assert unchanged.status_code == 304
    assert unchanged.content == b""
    assert changed.status_code == 200


def test_a_failed_if_match_is_a_json_error(client):
    response = client.get("/api/v1/test_objectives/5/", HTTP_IF_MATCH='"another"')

    assert response.status_code == 412
    assert response.json() == {
        "error": {
            "status": 412,
            "code": "precondition_failed",
            "message": "The record changed since the version you name.",
        }
    }


def test_a_collection_without_update_times_has_no_last_modified(client):
    response = client.get("/api/v1/test_objectives/")

    assert "Last-Modified" not in response


def _http_date(moment: datetime.datetime) -> str:
    from django.utils.http import http_date

    return http_date(moment.timestamp())


# CORS


def test_reads_are_open_to_every_origin_without_credentials(client):
    response = client.get("/api/v1/test_objectives/", HTTP_ORIGIN="https://example.com")

    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Expose-Headers"] == (
        "ETag, Last-Modified, Link, Retry-After, Content-Language"
    )
    assert "Access-Control-Allow-Credentials" not in response


def test_a_preflight_names_the_methods_and_headers(client):
    response = client.options(
        "/api/v1/test_objectives/",
        HTTP_ORIGIN="https://example.com",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )

    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert response["Access-Control-Allow-Headers"] == (
        "Authorization, Content-Type, If-None-Match, If-Modified-Since, Accept-Language"
    )
    assert "Access-Control-Allow-Credentials" not in response


def test_a_preflight_for_writing_names_the_writing_methods(client):
    collection = client.options("/api/v1/pledges/", HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST")
    item = client.options("/api/v1/pledges/1/", HTTP_ACCESS_CONTROL_REQUEST_METHOD="PATCH")

    assert collection["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS, POST"
    assert item["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS, PATCH"


def test_head_answers_as_get(client):
    response = client.head("/api/v1/test_objectives/")

    assert response.status_code == 200
    assert response["ETag"] == client.get("/api/v1/test_objectives/")["ETag"]


# Rate limits

WINDOW_START = 60 * 16_667  # a minute's first second, in Unix time


@pytest.fixture
def clock(monkeypatch):
    """Time stands at 45 seconds into a minute, so the window does not turn during the test."""
    monkeypatch.setattr(time, "time", lambda: WINDOW_START + 45.0)


def test_anonymous_reads_are_limited_per_address(client, settings, clock):
    settings.API_ANONYMOUS_RATE = 3
    statuses = [client.get("/api/v1/test_objectives/").status_code for _ in range(3)]

    response = client.get("/api/v1/test_objectives/5/")
    other_address = client.get("/api/v1/test_objectives/", REMOTE_ADDR="192.0.2.7")

    assert statuses == [200, 200, 200]
    assert response.status_code == 429
    assert response["Retry-After"] == "15"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.json() == {
        "error": {
            "status": 429,
            "code": "rate_limited",
            "message": "Too many requests from your address: 3 a minute without a token. "
            "Try again in 15 seconds.",
        }
    }
    assert other_address.status_code == 200


def test_the_limit_ends_with_its_minute(client, settings, monkeypatch):
    settings.API_ANONYMOUS_RATE = 1
    monkeypatch.setattr(time, "time", lambda: WINDOW_START + 59.5)
    client.get("/api/v1/test_objectives/")
    limited = client.get("/api/v1/test_objectives/")

    monkeypatch.setattr(time, "time", lambda: WINDOW_START + 60.5)
    response = client.get("/api/v1/test_objectives/")

    assert limited.status_code == 429
    assert limited["Retry-After"] == "1"
    assert response.status_code == 200


def test_every_read_in_the_api_counts(client, settings, clock):
    settings.API_ANONYMOUS_RATE = 2
    client.get("/api/v1/")
    client.get("/api/v1/openapi.json")

    response = client.get("/api/v1/nothing-here/at-all/really/")

    assert response.status_code == 429


def test_preflights_are_not_counted(client, settings, clock):
    settings.API_ANONYMOUS_RATE = 1
    for _ in range(3):
        client.options("/api/v1/test_objectives/")

    response = client.get("/api/v1/test_objectives/")

    assert response.status_code == 200


def test_signed_in_reads_are_not_limited(client, settings, clock, cast):
    settings.API_ANONYMOUS_RATE = 1
    client.force_login(cast.member)

    statuses = {client.get("/api/v1/test_objectives/").status_code for _ in range(3)}

    assert statuses == {200}


def test_reads_with_a_valid_token_are_not_limited(client, settings, clock, cast):
    from gcmhub.accounts import services

    settings.API_ANONYMOUS_RATE = 1
    _token, secret = services.create_api_token(
        cast.organisation, name="Reader", by=cast.focal_point
    )

    statuses = [
        client.get("/api/v1/test_objectives/", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code
        for _ in range(3)
    ]
    wrong = [
        client.get("/api/v1/test_objectives/", HTTP_AUTHORIZATION="Bearer gcm_wrong").status_code
        for _ in range(2)
    ]

    assert statuses == [200, 200, 200]
    assert wrong == [200, 429]


# Errors and methods


def test_an_unknown_collection_is_a_json_404(client):
    response = client.get("/api/v1/unicorns/")

    assert response.status_code == 404
    assert response.json() == {
        "error": {
            "status": 404,
            "code": "not_found",
            "message": "There is no collection called “unicorns”.",
        }
    }


@pytest.mark.parametrize("path", ["/api/v1/a/b/c/", "/api/v2/", "/api/v1/openapi.yaml"])
def test_any_other_address_in_the_api_is_a_json_404(client, path):
    response = client.get(path)

    assert response.status_code == 404
    assert response.json() == {
        "error": {"status": 404, "code": "not_found", "message": "Nothing is published here."}
    }
    assert response["Access-Control-Allow-Origin"] == "*"


def test_an_address_without_its_slash_is_redirected(client):
    response = client.get("/api/v1/test_objectives?page=2")

    assert response.status_code == 301
    assert response["Location"] == "/api/v1/test_objectives/?page=2"


def test_the_api_root_leads_to_the_documentation(client):
    response = client.get("/api/")

    assert response.status_code == 302
    assert response["Location"] == "/en/api/"


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("put", "/api/v1/test_objectives/", "GET, HEAD, OPTIONS"),
        ("post", "/api/v1/test_objectives/", "GET, HEAD, OPTIONS"),
        ("delete", "/api/v1/test_objectives/5/", "GET, HEAD, OPTIONS"),
        ("patch", "/api/v1/", "GET, HEAD, OPTIONS"),
        ("delete", "/api/v1/pledges/1/", "GET, HEAD, OPTIONS, PATCH"),
        ("put", "/api/v1/pledges/", "GET, HEAD, OPTIONS, POST"),
    ],
)
def test_other_methods_are_not_allowed(client, method, path, allowed):
    response = getattr(client, method)(path)

    message = f"This address answers {allowed}."
    assert response.status_code == 405
    assert response["Allow"] == allowed
    assert response.json() == {
        "error": {"status": 405, "code": "method_not_allowed", "message": message}
    }


def test_writing_is_handed_to_the_writers(client):
    response = client.post("/api/v1/pledges/", "{}", content_type="application/json")

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthenticated"
    assert response["Access-Control-Allow-Origin"] == "*"


def test_writers_get_the_collection_and_the_key(client, monkeypatch):
    from gcmhub.api import write

    calls = []

    def create(request, name):
        calls.append((request.method, name))
        return HttpResponse(status=201)

    def change(request, name, key):
        calls.append((request.method, name, key))
        raise PermissionDenied

    writers = {"collection": {"POST": create}, "item": {"PATCH": change}}
    monkeypatch.setitem(write.WRITERS, "test_objectives", writers)

    created = client.post("/api/v1/test_objectives/")
    refused = client.patch("/api/v1/test_objectives/5/")

    assert calls == [("POST", "test_objectives"), ("PATCH", "test_objectives", "5")]
    assert created.status_code == 201
    assert created["Access-Control-Allow-Origin"] == "*"
    assert refused.status_code == 403
    assert refused.json() == {
        "error": {"status": 403, "code": "forbidden", "message": "You may not do this."}
    }


def test_writing_needs_no_csrf_token(cast):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.member)

    response = client.post("/api/v1/pledges/", "{}", content_type="application/json")

    assert response.status_code == 401


def test_errors_say_their_language(client):
    response = client.get("/api/v1/unicorns/?lang=fr")

    assert response.status_code == 404
    assert response["Content-Language"] == "fr"


# The documentation page


def test_documentation_page_describes_every_collection(client):
    response = client.get("/en/api/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>The gcmhub API</h1>" in html
    for name in registry.resources():
        assert f'<h3 id="{name}">' in html
    assert '<th scope="row"><code>objectives</code></th>' in html  # a field of the test pledges
    assert "http://testserver/api/v1/test_pledges/?edition=2026" in html
    assert 'href="http://testserver/api/v1/openapi.json"' in html


def test_documentation_page_in_another_language(client):
    response = client.get("/fr/api/")

    assert response.status_code == 200
    with translation.override("fr"):
        assert response.context["collections"][0]["title"] == str(
            registry.resources()["objectives"].title
        )
    assert '<html lang="fr"' in response.content.decode()


def test_json_is_utf8_without_escapes(client):
    response = client.get("/api/v1/test_objectives/5/?lang=ru")

    assert "\\u" not in response.content.decode()
    assert json.loads(response.content)["number"] == 5
