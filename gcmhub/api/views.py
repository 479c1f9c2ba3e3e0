"""The read API: every published collection as JSON, with the pages' filters, pagination,
languages, conditional requests, open CORS and a rate limit for anonymous reads. Writing
(POST, PATCH) is handed to gcmhub.api.write."""

import datetime
import decimal
import functools
import hashlib
import json
import math
import time
from collections.abc import Sequence

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import FieldError, PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date, urlencode
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header
from django.views.decorators.csrf import csrf_exempt

from gcmhub.accounts import services as accounts
from gcmhub.accounts.ratelimit import client_address
from gcmhub.api import openapi, registry
from gcmhub.web.opendata import INTEGER, Resource, as_json

READ_METHODS = ("GET", "HEAD")
# Headers a browser script may read from our answers, beyond the CORS-safelisted ones.
EXPOSED_HEADERS = "ETag, Last-Modified, Link, Retry-After, Content-Language"
# Headers a browser script may send: conditional reads, and a token and a body for writing.
ALLOWED_HEADERS = "Authorization, Content-Type, If-None-Match, If-Modified-Since, Accept-Language"


class ApiError(Exception):
    """An answer in the one JSON error shape: {"error": {"status", "code", "message", "fields"}}."""

    def __init__(self, status: int, code: str, message: str, *, fields=None, headers=None):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.fields, self.headers = fields, headers or {}


def error_response(
    status: int, code: str, message: str, *, fields=None, headers=None
) -> HttpResponse:
    """The one JSON shape of every error in /api/; FIELDS maps a parameter to its messages."""
    body = {"status": status, "code": code, "message": str(message)}
    if fields:
        body["fields"] = {name: [str(m) for m in messages] for name, messages in fields.items()}
    response = HttpResponse(_dumps({"error": body}), content_type="application/json", status=status)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def api_view(view):
    """Every API answer: no CSRF (a token, never a cookie, authorises writing), the language of
    ?lang= or Accept-Language, the rate limit for anonymous reads, errors in the one JSON shape
    and CORS open to every origin without credentials."""

    @csrf_exempt
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            language = _language(request)
        except ApiError as exc:
            language, response = settings.LANGUAGE_CODE, _error_from(exc)
        else:
            with translation.override(language):
                try:
                    if request.method in READ_METHODS:
                        _count_anonymous_read(request)
                    response = view(request, *args, **kwargs)
                except ApiError as exc:
                    response = _error_from(exc)
                except Http404:
                    response = error_response(404, "not_found", _("Nothing is published here."))
                except PermissionDenied:
                    response = error_response(403, "forbidden", _("You may not do this."))
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
        response["Content-Language"] = language
        patch_vary_headers(response, ("Accept-Language",))
        return response

    return wrapped


def _error_from(exc: ApiError) -> HttpResponse:
    return error_response(exc.status, exc.code, exc.message, fields=exc.fields, headers=exc.headers)


def _language(request) -> str:
    """The language of names: ?lang=, else the best of Accept-Language, else English."""
    if code := request.GET.get("lang", "").strip().lower():
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            pass
        codes = ", ".join(openapi.language_codes())
        message = _("Choose one of these languages: %(codes)s.") % {"codes": codes}
        raise ApiError(400, "invalid", message, fields={"lang": [message]})
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for code, _quality in parse_accept_lang_header(header):
        if code == "*":
            break
        try:
            return translation.get_supported_language_variant(code.lower())
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


def _count_anonymous_read(request) -> None:
    """A fixed window of one minute per client address, in the shared cache; requests by a
    signed-in person or with a valid token are not counted."""
    if _is_identified(request):
        return
    now = time.time()
    window = int(now // 60)
    key = f"api:reads:{client_address(request)}:{window}"
    if cache.add(key, 1, timeout=120):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, timeout=120)
            count = 1
    if count > settings.API_ANONYMOUS_RATE:
        retry_after = max(1, math.ceil((window + 1) * 60 - now))
        message = _(
            "Too many requests from your address: %(rate)d a minute without a token. "
            "Try again in %(seconds)d seconds."
        ) % {"rate": settings.API_ANONYMOUS_RATE, "seconds": retry_after}
        raise ApiError(429, "rate_limited", message, headers={"Retry-After": str(retry_after)})


def _is_identified(request) -> bool:
    scheme, _space, secret = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
    if scheme.lower() == "bearer" and secret.strip():
        return accounts.token_for(secret.strip()) is not None
    # Only a request with a session cookie can be signed in; asking others would add Vary: Cookie.
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return request.user.is_authenticated
    return False


def _dispatch(request, read, writers: dict, *args):
    """GET and HEAD to READ, a preflight answered here, other methods to the WRITERS."""
    allowed = ["GET", "HEAD", "OPTIONS", *sorted(writers)]
    if request.method in READ_METHODS:
        return read()
    if request.method == "OPTIONS":
        return preflight(allowed)
    if request.method in writers:
        return writers[request.method](request, *args)
    message = _("This address answers %(methods)s.") % {"methods": ", ".join(allowed)}
    raise ApiError(405, "method_not_allowed", message, headers={"Allow": ", ".join(allowed)})


def preflight(methods: list[str]) -> HttpResponse:
    """The answer to OPTIONS, a browser's preflight before a cross-origin request: METHODS, and
    the headers a script may send (api_view adds the origin)."""
    response = HttpResponse(status=204)
    response["Allow"] = response["Access-Control-Allow-Methods"] = ", ".join(methods)
    response["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
    response["Access-Control-Max-Age"] = "86400"
    return response


def _writers(name: str, kind: str) -> dict:
    from gcmhub.api import write  # it builds on this module's errors

    return write.WRITERS.get(name, {}).get(kind, {})


def _resource(name: str) -> Resource:
    resource = registry.resources().get(name)
    if resource is None:
        raise ApiError(
            404, "not_found", _("There is no collection called “%(name)s”.") % {"name": name}
        )
    return resource


@api_view
def index(request):
    """/api/v1/: what the API offers, with links."""

    def read():
        collections = [
            {
                "name": resource.name,
                "title": str(resource.title),
                "description": str(resource.description),
                "url": request.build_absolute_uri(reverse("api:collection", args=[resource.name])),
            }
            for resource in registry.resources().values()
        ]
        data = {
            "name": "gcmhub",
            "version": openapi.VERSION,
            "collections": collections,
            "openapi": request.build_absolute_uri(reverse("api:openapi")),
            "documentation": request.build_absolute_uri(reverse("api_docs:index")),
        }
        return json_response(request, data)

    return _dispatch(request, read, {})


@api_view
def openapi_document(request):
    """/api/v1/openapi.json: the OpenAPI document, in the language asked for."""
    return _dispatch(request, lambda: json_response(request, openapi.document()), {})


@api_view
def collection(request, name):
    """/api/v1/<name>/: one page of a collection's published rows, filtered as on its page."""
    resource = _resource(name)
    return _dispatch(request, lambda: _list(request, resource), _writers(name, "collection"), name)


@api_view
def item(request, name, key):
    """/api/v1/<name>/<key>/: one published row of a collection."""
    resource = _resource(name)
    return _dispatch(
        request, lambda: _item(request, resource, key), _writers(name, "item"), name, key
    )


@api_view
def not_found(request, rest=""):
    """Anything else under /api/: a JSON 404 (and the address with a slash, if it lacks one)."""
    if request.method in READ_METHODS and _answers(request.path_info + "/"):
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(request.path + "/" + (f"?{query}" if query else ""))
    return error_response(404, "not_found", _("Nothing is published here."))


def _answers(path: str) -> bool:
    try:
        return resolve(path).url_name != "not_found"
    except Resolver404:
        return False


def _list(request, resource: Resource):
    number = _positive(request, "page", 1)
    size = _positive(request, "page_size", settings.API_PAGE_SIZE, settings.API_MAX_PAGE_SIZE)
    count, rows = _page(resource.rows(resource.filters(request.GET)), (number - 1) * size, size)
    if not rows and number > 1:
        message = _("There is no page %(number)d: the last one is %(last)d.") % {
            "number": number,
            "last": max(1, math.ceil(count / size)),
        }
        raise ApiError(404, "not_found", message, fields={"page": [message]})
    last = max(1, math.ceil(count / size))
    links = {
        "first": _page_url(request, 1),
        "prev": _page_url(request, number - 1) if number > 1 else None,
        "next": _page_url(request, number + 1) if number < last else None,
        "last": _page_url(request, last),
    }
    data = {
        "count": count,
        "next": links["next"],
        "previous": links["prev"],
        "results": [resource.record(row) for row in rows],
    }
    response = json_response(request, data, last_modified=_last_modified(resource, rows))
    if response.status_code == 200:
        response["Link"] = ", ".join(f'<{url}>; rel="{rel}"' for rel, url in links.items() if url)
    return response


def _positive(request, name: str, default: int, maximum: int | None = None) -> int:
    raw = request.GET.get(name)
    if raw is None:
        return default
    if raw.isascii() and raw.isdigit() and 1 <= int(raw) <= (maximum or math.inf):
        return int(raw)
    if maximum:
        message = _("Give a whole number from 1 to %(maximum)d.") % {"maximum": maximum}
    else:
        message = _("Give a whole number from 1.")
    raise ApiError(400, "invalid", message, fields={name: [message]})


def _page(rows, offset: int, size: int) -> tuple[int, list]:
    """How many ROWS there are, and the SIZE of them after OFFSET. A QuerySet is counted and
    sliced by the database; any other iterable is read through once."""
    if isinstance(rows, QuerySet | Sequence):
        count = rows.count() if isinstance(rows, QuerySet) else len(rows)
        return count, list(rows[offset : offset + size]) if offset < count else []
    count, page = 0, []
    for count, row in enumerate(rows, start=1):
        if offset < count <= offset + size:
            page.append(row)
    return count, page


def _page_url(request, number: int) -> str:
    query = request.GET.copy()
    query["page"] = str(number)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def _item(request, resource: Resource, key: str):
    row = find(resource, key)
    if row is None:
        message = _("No published record of “%(collection)s” has the %(field)s “%(key)s”.") % {
            "collection": resource.name,
            "field": resource.key,
            "key": key,
        }
        raise ApiError(404, "not_found", message)
    return json_response(
        request, resource.record(row), last_modified=_last_modified(resource, [row])
    )


def find(resource: Resource, key: str):
    """The published row of RESOURCE whose key field is KEY (as written in a URL), or None."""
    field = next((f for f in resource.fields if f.name == resource.key), resource.fields[0])
    value = key
    if field.type == INTEGER:
        try:
            value = int(key)
        except ValueError:
            return None
        if str(value) != key:
            return None
    rows = resource.rows({})
    if isinstance(rows, QuerySet):
        lookup = "pk" if resource.key == "id" else resource.key
        try:
            rows = list(rows.filter(**{lookup: value})[:2])
        except (FieldError, ValueError, TypeError):  # the key is not a column: read them all
            rows = rows.iterator(chunk_size=1000)
    return next((row for row in rows if as_json(field.get(row)) == value), None)


def _last_modified(resource: Resource, rows) -> datetime.datetime | None:
    if resource.updated is None:
        return None
    times = [t for t in (resource.updated(row) for row in rows) if t is not None]
    return max(times, default=None)


def json_response(request, data, *, last_modified: datetime.datetime | None = None):
    """DATA as JSON with an ETag (a hash of the body) and LAST_MODIFIED, or 304 Not Modified
    when the request's If-None-Match or If-Modified-Since says the client has it already."""
    body = _dumps(data)
    response = HttpResponse(body, content_type="application/json")
    etag = '"' + hashlib.sha256(body.encode()).hexdigest()[:40] + '"'
    response["ETag"] = etag
    response["Cache-Control"] = "public, max-age=60"
    timestamp = None
    if last_modified is not None:
        timestamp = int(last_modified.timestamp())
        response["Last-Modified"] = http_date(timestamp)
    response = get_conditional_response(
        request, etag=etag, last_modified=timestamp, response=response
    )
    if response.status_code == 412:  # If-Match or If-Unmodified-Since failed
        message = _("The record changed since the version you name.")
        raise ApiError(412, "precondition_failed", message)
    return response


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, default=_json_default, separators=(",", ":"))


def _json_default(value):
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return str(value)  # lazy translations


def documentation(request):
    """/<lang>/api/: the API documented from its own OpenAPI document."""
    document = openapi.document()
    base = request.build_absolute_uri("/")[:-1]
    context = {
        "base": base,
        "collections": openapi.collections(document),
        "language_codes": openapi.language_codes(),
        "page_size": settings.API_PAGE_SIZE,
        "max_page_size": settings.API_MAX_PAGE_SIZE,
        "rate": settings.API_ANONYMOUS_RATE,
        "writes": openapi.write_operations(document),
        "example_query": urlencode({"lang": "fr", "page": 2}),
    }
    return render(request, "api/documentation.html", context)
