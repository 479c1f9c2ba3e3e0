"""Writing through the API with an organisation's token: pledge drafts created, updated and
submitted with the same validation, lifecycle and permissions as the forms.

A token acts as the person who created it (services need a person: the audit trail names who
did what), and only while that person is an active member of the token's verified
organisation; otherwise it is refused with 403. The person's own rights are not widened: the
forms' section classes validate the fields, pledges.services and workflow.services save them,
workflow.permissions decides. There is no publishing operation: a token can create, change and
submit, and publishing stays with the secretariat's reviewers.

A change to a published pledge is handled as the form handles it: it is held for review as a
proposed edit while the published text stays up (the answer's "proposed_edit" shows it)."""

import functools
import json
import re

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gcmhub.accounts import services as accounts
from gcmhub.accounts.models import ApiToken, User
from gcmhub.accounts.queries import is_member
from gcmhub.api import views as api
from gcmhub.compact import queries as compact
from gcmhub.pledges import services as pledges
from gcmhub.pledges.models import Category, Level, Pledge, PledgeType
from gcmhub.pledges.sections import INDICATOR_ROWS, SECTIONS, incomplete_sections
from gcmhub.workflow import services as workflow
from gcmhub.workflow.forms import DecisionForm
from gcmhub.workflow.models import Action, InvalidTransition, State, available_actions

API_ROOT = "/api/v1/"
MAX_ID = 2**63 - 1  # beyond this a database integer overflows: no such pledge

# How each writable field travels in JSON. Related records are named by the keys the read API
# uses for them (an edition by its year, an objective by its number, a country by ISO alpha-3).
TEXT, NUMBER, DATE, ONE, MANY, INDICATORS = "text", "number", "date", "one", "many", "indicators"
FIELDS = {
    "title": (TEXT, None),
    "description": (TEXT, None),
    "edition": (ONE, "year"),
    "language": (TEXT, None),
    "pledge_type": (TEXT, None),
    "matches": (ONE, "pk"),
    "partner_organisations": (MANY, "pk"),
    "other_partners": (TEXT, None),
    "main_objectives": (MANY, "number"),
    "related_objectives": (MANY, "number"),
    "principles": (MANY, "number"),
    "level": (TEXT, None),
    "countries": (MANY, "iso3"),
    "category": (TEXT, None),
    "action": (TEXT, None),
    "indicators": (INDICATORS, None),
    "resources_amount": (NUMBER, None),
    "resources_currency": (TEXT, None),
    "start_date": (DATE, None),
    "end_date": (DATE, None),
}
NULLABLE = {"matches", "resources_amount", "start_date", "end_date"}
INDICATOR_KEYS = ("indicator", "baseline", "target")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
INDICATOR_FIELD = re.compile(r"^(indicator|baseline|target)_(\d+)$")


class _TypeError(Exception):
    """A JSON value of the wrong type for its field (the forms never see it)."""


# Authentication, bodies, answers


def _authenticate(request) -> tuple[ApiToken, User]:
    """The request's token and the person it acts as, or an ApiError (401, 403)."""
    scheme, _space, secret = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise api.ApiError(
            401,
            "unauthenticated",
            _("Writing needs an organisation's API token: Authorization: Bearer <token>."),
            headers={"WWW-Authenticate": 'Bearer realm="gcmhub"'},
        )
    token = accounts.token_for(secret.strip())
    if token is None:
        raise api.ApiError(
            401,
            "invalid_token",
            _("This API token is unknown or has been revoked."),
            headers={"WWW-Authenticate": 'Bearer realm="gcmhub", error="invalid_token"'},
        )
    organisation, person = token.organisation, token.created_by
    if not organisation.is_verified:
        raise api.ApiError(
            403,
            "forbidden",
            _("%(name)s is not verified: its tokens cannot write.") % {"name": organisation.name},
        )
    if person is None or not person.is_active or not is_member(person, organisation):
        raise api.ApiError(
            403,
            "forbidden",
            _(
                "This token acts for the person who created it, who is no longer a member of "
                "%(name)s. A focal point can revoke it and create a new one."
            )
            % {"name": organisation.name},
        )
    return token, person


def _body(request, *, required: bool = True) -> dict:
    """The request's JSON object (an empty one for no body, when it is not REQUIRED)."""
    try:
        raw = request.body
    except RequestDataTooBig:
        raise api.ApiError(413, "too_large", _("The body is too large.")) from None
    if not raw and not required:
        return {}
    if request.content_type != "application/json":
        raise api.ApiError(
            415,
            "unsupported_media_type",
            _("Send a JSON object, with the header Content-Type: application/json."),
        )
    try:
        data = json.loads(raw)
    except ValueError:  # UnicodeDecodeError is a ValueError too
        raise api.ApiError(400, "malformed", _("The body is not valid JSON.")) from None
    if not isinstance(data, dict):
        raise api.ApiError(400, "malformed", _("The body must be a JSON object."))
    return data


def _writing(view):
    """A writing view: PermissionDenied from a service as a JSON 403, and nothing cached."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            response = view(request, *args, **kwargs)
        except PermissionDenied:
            raise api.ApiError(
                403, "forbidden", _("The person this token acts for may not do this.")
            ) from None
        response["Cache-Control"] = "no-store"
        return response

    return wrapped


def _answer(pledge: Pledge, *, status: int = 200) -> JsonResponse:
    return JsonResponse(record(pledge), status=status, json_dumps_params={"ensure_ascii": False})


def _invalid(fields: dict) -> api.ApiError:
    return api.ApiError(
        400, "invalid", _("Some fields are invalid: nothing was saved."), fields=fields
    )


def _own_pledge(token: ApiToken, pk) -> Pledge:
    """The token's organisation's pledge PK; another organisation's is not found (a 404 that
    does not say whether it exists)."""
    pk = str(pk)  # from a URL: "12", never "012" or "+12"
    pledge = None
    if pk.isascii() and pk.isdigit() and pk == str(int(pk)) and 0 < int(pk) <= MAX_ID:
        pledge = (
            Pledge.objects.filter(pk=pk, organisation=token.organisation)
            .select_related("organisation")
            .first()
        )
    if pledge is None:
        raise api.ApiError(404, "not_found", _("Your organisation has no pledge with this id."))
    return pledge


# JSON values to form data, stored values to JSON


def _form_data(name: str, value, *, sent: bool = True) -> dict:
    """VALUE of the JSON field NAME as a browser would post it to the section form. A value
    SENT in a request may be null only where the field may be empty (NULLABLE)."""
    kind, key = FIELDS[name]
    if value is None and (name in NULLABLE or not sent):
        return _indicator_data([]) if kind == INDICATORS else {name: [] if kind == MANY else ""}
    if kind == INDICATORS:
        return _indicator_data(value)
    if kind == MANY:
        item = str if key == "iso3" else int
        if not isinstance(value, list) or not all(_is(v, item) for v in value):
            raise _TypeError(
                _("Give a list of ISO 3166 alpha-3 codes.")
                if item is str
                else _("Give a list of whole numbers.")
            )
        _in_range(value)
        return {name: [str(v) for v in value]}
    if kind == ONE:
        if not _is(value, int):
            raise _TypeError(_("Give a whole number."))
        _in_range([value])
        return {name: str(value)}
    if kind == NUMBER:
        if not (_is(value, int) or _is(value, float) or _is(value, str)):
            raise _TypeError(_("Give a number."))
        return {name: str(value)}
    if kind == DATE:
        if not _is(value, str) or not ISO_DATE.match(value):
            raise _TypeError(_("Give a date as YYYY-MM-DD."))
        return {name: value}
    if not _is(value, str):
        raise _TypeError(_("Give a text (a JSON string)."))
    return {name: value}


def _in_range(values: list) -> None:
    """Numbers a database can compare with its ids (larger ones would overflow it)."""
    for value in values:
        if isinstance(value, int) and not -MAX_ID <= value <= MAX_ID:
            raise _TypeError(_("%(value)s is not one of the available choices.") % {"value": value})


def _is(value, kind: type) -> bool:
    return isinstance(value, kind) and not isinstance(value, bool)


def _indicator_data(rows) -> dict:
    if not isinstance(rows, list) or not all(
        isinstance(row, dict)
        and set(row) <= set(INDICATOR_KEYS)
        and all(_is(text, str) for text in row.values())
        for row in rows
    ):
        raise _TypeError(_("Give a list of objects with the texts indicator, baseline and target."))
    if len(rows) > INDICATOR_ROWS:
        raise _TypeError(_("Give at most %(count)s indicators.") % {"count": INDICATOR_ROWS})
    data = {}
    for number in range(1, INDICATOR_ROWS + 1):
        row = rows[number - 1] if number <= len(rows) else {}
        for key in INDICATOR_KEYS:
            data[f"{key}_{number}"] = row.get(key, "")
    return data


def _api_name(form_field: str) -> str:
    """The JSON name of a form field's errors: indicator_2 is indicators.1.indicator."""
    if match := INDICATOR_FIELD.match(form_field):
        return f"indicators.{int(match[2]) - 1}.{match[1]}"
    return form_field


def api_values(values: dict) -> dict:
    """Stored values (as workflow.services.snapshot gives them: related records as ids) with
    related records named by their keys in the read API, and amounts as numbers."""
    result = dict(values)
    for name, (kind, key) in FIELDS.items():
        if kind not in (ONE, MANY) or key == "pk":
            continue
        ids = values[name] if kind == MANY else [values[name]]
        model = Pledge._meta.get_field(name).related_model
        keys = dict(model.objects.filter(pk__in=[i for i in ids if i]).values_list("pk", key))
        result[name] = (
            sorted(keys[i] for i in ids if i in keys) if kind == MANY else keys.get(ids[0])
        )
    if result["resources_amount"] is not None:
        result["resources_amount"] = float(result["resources_amount"])
    return result


def record(pledge: Pledge) -> dict:
    """What the writing operations answer: the pledge's fields as stored (drafts included,
    for its own organisation only), its state, what stands before submitting it, and the
    proposed edit of a published pledge that awaits review."""
    revision = workflow.open_revision(pledge) if pledge.is_published else None
    return {
        "id": pledge.pk,
        "state": pledge.state,
        "organisation": pledge.organisation_id,
        **api_values(workflow.snapshot(pledge)),
        "incomplete_sections": [
            {"section": section.slug, "message": str(section.problem)}
            for section in incomplete_sections(pledge)
        ],
        "proposed_edit": (
            {"state": revision.state, "fields": api_values(revision.data)} if revision else None
        ),
        "created_at": pledge.created_at.isoformat(),
        "updated_at": pledge.updated_at.isoformat(),
        "submitted_at": pledge.submitted_at.isoformat() if pledge.submitted_at else None,
        "published_at": pledge.published_at.isoformat() if pledge.published_at else None,
    }


# Validation: the forms' sections


def _validate(pledge: Pledge, body: dict, *, base: dict, always=()) -> dict:
    """The cleaned values of BODY, validated by the pledge form's sections that hold its fields
    (and those named in ALWAYS) as if the person had typed it over BASE (the values the form
    would show): each section whole, as the form saves it. Raises the 400 ApiError with every
    field's messages; nothing is saved."""
    errors = {
        name: [_("There is no field of this name that can be written.")]
        for name in body
        if name not in FIELDS
    }
    data = {}
    for name in FIELDS:
        data.update(_form_data(name, base[name], sent=False))
    for name, value in body.items():
        if name in FIELDS:
            try:
                data.update(_form_data(name, value))
            except _TypeError as error:
                errors[name] = [str(error)]
    cleaned = {}
    for section in SECTIONS:
        if section.slug not in always and not set(section.fields()) & set(body):
            continue
        form = _section_form(section, pledge, data)
        if form.is_valid():
            cleaned.update({n: form.cleaned_data[n] for n in section.fields()})
        for field, messages in form.errors.items():
            name = _api_name(field)
            if name not in errors:  # a type error says more than the form
                errors.setdefault(name, []).extend(messages)
    if errors:
        raise _invalid(errors)
    return cleaned


def _section_form(section, pledge: Pledge, data: dict):
    form = section.form(data, instance=pledge)
    for name, field in form.fields.items():
        if name in FIELDS and FIELDS[name][0] in (ONE, MANY) and FIELDS[name][1] != "pk":
            field.to_field_name = FIELDS[name][1]
    if "matches" in form.fields:
        # The form offers the published pledges found by a search; the API takes any of them
        # (the same rule as pledges.queries.match_candidates, without the search).
        form.fields["matches"].queryset = (
            Pledge.objects.published()
            .exclude(organisation_id=pledge.organisation_id)
            .exclude(pk=pledge.pk)
        )
    return form


def _service_errors(error: ValidationError) -> dict:
    if hasattr(error, "error_dict"):
        return {_api_name(name): messages for name, messages in error.message_dict.items()}
    return {"__all__": error.messages}


# The operations


@_writing
def create_pledge(request, resource_name: str = "pledges"):
    """POST /api/v1/pledges/: a new draft pledge of the token's organisation."""
    token, person = _authenticate(request)
    body = _body(request)
    pledge = Pledge(organisation=token.organisation)
    base = api_values(workflow.snapshot(pledge))
    if upcoming := compact.next_edition():  # the form chooses it unless told otherwise
        base["edition"] = upcoming.year
    data = _validate(pledge, body, base=base, always=("about",))
    try:
        pledge = pledges.start_pledge(data, organisation=token.organisation, by=person)
    except ValidationError as error:
        raise _invalid(_service_errors(error)) from None
    response = _answer(pledge, status=201)
    response["Location"] = request.build_absolute_uri(f"{API_ROOT}pledges/{pledge.pk}/")
    return response


@_writing
def update_pledge(request, resource_name: str, pk):
    """PATCH /api/v1/pledges/<id>/: change some fields of a pledge of the token's organisation
    (a published pledge's change waits for review)."""
    token, person = _authenticate(request)
    pledge = _own_pledge(token, pk)
    body = _body(request)
    if Action.EDIT not in available_actions(pledge.state):
        raise api.ApiError(
            409,
            "conflict",
            _("A pledge in the state “%(state)s” cannot be changed.")
            % {"state": pledge.get_state_display()},
        )
    revision = workflow.open_revision(pledge) if pledge.is_published else None
    base = api_values(revision.data if revision else workflow.snapshot(pledge))
    data = _validate(pledge, body, base=base)
    if data:
        try:
            workflow.edit(pledge, data, by=person)
        except ValidationError as error:
            raise _invalid(_service_errors(error)) from None
    return _answer(pledge)


@api.api_view
@_writing
def submit_pledge(request, pk):
    """POST /api/v1/pledges/<id>/submit/: send a pledge of the token's organisation for review."""
    if request.method == "OPTIONS":
        return api.preflight(["POST", "OPTIONS"])
    if request.method != "POST":
        message = _("This address answers %(methods)s.") % {"methods": "POST"}
        raise api.ApiError(405, "method_not_allowed", message, headers={"Allow": "POST"})
    token, person = _authenticate(request)
    pledge = _own_pledge(token, pk)
    body = _body(request, required=False)
    form = DecisionForm({"note": body.get("note", "")}, action=Action.SUBMIT)
    errors = {name: [_("There is no field of this name.")] for name in body if name != "note"}
    if not _is(body.get("note", ""), str):
        errors["note"] = [_("Give a text (a JSON string).")]
    elif not form.is_valid():
        errors.update(form.errors)
    if errors:
        raise _invalid(errors)
    if Action.SUBMIT not in available_actions(pledge.state):
        message = (
            _("This pledge is published: a change sent with PATCH is reviewed before it shows.")
            if pledge.is_published
            else _("A pledge in the state “%(state)s” cannot be submitted.")
            % {"state": pledge.get_state_display()}
        )
        raise api.ApiError(409, "conflict", message)
    try:
        workflow.transition(pledge, Action.SUBMIT, by=person, note=form.cleaned_data["note"])
    except InvalidTransition:
        raise api.ApiError(
            409, "conflict", _("Someone else changed this pledge's state first.")
        ) from None
    except ValidationError as error:
        raise api.ApiError(
            400,
            "incomplete",
            _("Complete the pledge before submitting it."),
            fields={"__all__": error.messages},
        ) from None
    return _answer(pledge)


# The contract with gcmhub.api.views and gcmhub.api.openapi

WRITERS: dict[str, dict[str, dict]] = {
    "pledges": {"collection": {"POST": create_pledge}, "item": {"PATCH": update_pledge}}
}

# The OpenAPI description of these operations; its strings are translated when the document
# is built, in the language of each request.


def _ref(kind: str, name: str) -> dict:
    return {"$ref": f"#/components/{kind}/{name}"}


def _nullable(schema: dict) -> dict:
    return {**schema, "type": [schema["type"], "null"]}


_TEXT = {"type": "string"}
_WHOLE = {"type": "integer"}
_DATE = {"type": "string", "format": "date"}
_INDICATOR = {
    "type": "object",
    "properties": {key: {"type": "string", "maxLength": 300} for key in INDICATOR_KEYS},
    "additionalProperties": False,
}
FIELD_SCHEMAS = {
    "title": {**_TEXT, "maxLength": 300, "title": gettext_lazy("Title")},
    "description": {
        **_TEXT,
        "title": gettext_lazy("Description"),
        "description": gettext_lazy("300 to 3,000 characters."),
    },
    "edition": {
        **_WHOLE,
        "title": gettext_lazy("IMRF edition"),
        "description": gettext_lazy("Its year; the next edition when a new pledge does not say."),
        "x-reference": {"collection": "editions", "field": "year"},
    },
    "language": {
        **_TEXT,
        "title": gettext_lazy("Language of the text"),
        "enum": [code for code, _name in settings.LANGUAGES],
    },
    "pledge_type": {
        **_TEXT,
        "title": gettext_lazy("Type of pledge"),
        "enum": list(PledgeType.values),
    },
    "matches": {
        **_nullable(_WHOLE),
        "title": gettext_lazy("Pledge it answers"),
        "description": gettext_lazy(
            "For a matching pledge: a published pledge of another organisation."
        ),
        "x-reference": {"collection": "pledges", "field": "id"},
    },
    "partner_organisations": {
        "type": "array",
        "items": _WHOLE,
        "title": gettext_lazy("Partner organisations"),
        "x-reference": {"collection": "organisations", "field": "id"},
    },
    "other_partners": {
        **_TEXT,
        "title": gettext_lazy("Other partners"),
        "description": gettext_lazy("Partners not on gcmhub, one per line."),
    },
    "main_objectives": {
        "type": "array",
        "items": _WHOLE,
        "title": gettext_lazy("Main objectives"),
        "description": gettext_lazy("One to three objectives, by number."),
        "x-reference": {"collection": "objectives", "field": "number"},
    },
    "related_objectives": {
        "type": "array",
        "items": _WHOLE,
        "title": gettext_lazy("Further related objectives"),
        "x-reference": {"collection": "objectives", "field": "number"},
    },
    "principles": {
        "type": "array",
        "items": _WHOLE,
        "title": gettext_lazy("Guiding principles"),
        "x-reference": {"collection": "principles", "field": "number"},
    },
    "level": {**_TEXT, "title": gettext_lazy("Level"), "enum": ["", *Level.values]},
    "countries": {
        "type": "array",
        "items": {"type": "string"},
        "title": gettext_lazy("Countries concerned"),
        "description": gettext_lazy("ISO 3166 alpha-3 codes."),
        "x-reference": {"collection": "countries", "field": "iso3"},
    },
    "category": {**_TEXT, "title": gettext_lazy("Category"), "enum": ["", *Category.values]},
    "action": {**_TEXT, "title": gettext_lazy("Concrete action")},
    "indicators": {
        "type": "array",
        "items": _INDICATOR,
        "maxItems": INDICATOR_ROWS,
        "title": gettext_lazy("Indicators"),
    },
    "resources_amount": {
        "type": ["number", "null"],
        "minimum": 0,
        "title": gettext_lazy("Resources committed"),
    },
    "resources_currency": {
        **_TEXT,
        "title": gettext_lazy("Currency"),
        "description": gettext_lazy("ISO 4217 code; required with an amount."),
    },
    "start_date": {**_nullable(_DATE), "title": gettext_lazy("Start date")},
    "end_date": {**_nullable(_DATE), "title": gettext_lazy("End date")},
}
_INPUT_SCHEMAS = {  # what a request may send: amounts also as text, as a form would
    **FIELD_SCHEMAS,
    "resources_amount": {**FIELD_SCHEMAS["resources_amount"], "type": ["number", "string", "null"]},
}
_TIMESTAMP = {"type": "string", "format": "date-time"}
OPENAPI_COMPONENTS = {
    "schemas": {
        "pledge_draft": {
            "type": "object",
            "title": gettext_lazy("A pledge of your organisation"),
            "description": gettext_lazy(
                "The pledge as stored, whatever its state: only its own organisation's token "
                "sees a draft."
            ),
            "properties": {
                "id": _WHOLE,
                "state": {**_TEXT, "enum": list(State.values)},
                "organisation": _WHOLE,
                **FIELD_SCHEMAS,
                "incomplete_sections": {
                    "type": "array",
                    "description": gettext_lazy(
                        "What must be completed before the pledge is submitted."
                    ),
                    "items": {
                        "type": "object",
                        "properties": {"section": _TEXT, "message": _TEXT},
                        "required": ["section", "message"],
                        "additionalProperties": False,
                    },
                },
                "proposed_edit": {
                    "type": ["object", "null"],
                    "description": gettext_lazy(
                        "A published pledge's change that awaits review, with all its fields."
                    ),
                    "properties": {
                        "state": {**_TEXT, "enum": [State.SUBMITTED, State.CHANGES_REQUESTED]},
                        "fields": {
                            "type": "object",
                            "properties": FIELD_SCHEMAS,
                            "required": list(FIELDS),
                            "additionalProperties": False,
                        },
                    },
                    "required": ["state", "fields"],
                    "additionalProperties": False,
                },
                "created_at": _TIMESTAMP,
                "updated_at": _TIMESTAMP,
                "submitted_at": _nullable(_TIMESTAMP),
                "published_at": _nullable(_TIMESTAMP),
            },
            "required": [
                "id",
                "state",
                "organisation",
                *FIELDS,
                "incomplete_sections",
                "proposed_edit",
                "created_at",
                "updated_at",
                "submitted_at",
                "published_at",
            ],
            "additionalProperties": False,
        },
        "pledge_fields": {
            "type": "object",
            "title": gettext_lazy("Fields of a pledge"),
            "description": gettext_lazy(
                "Validated as the pledge form validates them, section by section: a field "
                "sent checks its whole section with the pledge's other values."
            ),
            "properties": _INPUT_SCHEMAS,
            "additionalProperties": False,
        },
    }
}


def _error(description) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": _ref("schemas", "Error")}},
    }


_UNAUTHENTICATED = {
    **_error(gettext_lazy("No token, or an unknown or revoked one.")),
    "headers": {
        "WWW-Authenticate": {
            "description": gettext_lazy("Bearer: send an organisation's API token."),
            "schema": {"type": "string"},
        }
    },
}
_COMMON_ERRORS = {
    "400": _error(
        gettext_lazy("Invalid fields (see error.fields) or a body that is not a JSON object.")
    ),
    "401": _UNAUTHENTICATED,
    "403": _error(
        gettext_lazy("The person the token acts for is no longer a member, or may not do this.")
    ),
    "404": _error(gettext_lazy("Your organisation has no pledge with this id.")),
    "405": _error(gettext_lazy("This address does not answer this method.")),
    "413": _error(gettext_lazy("The body is too large.")),
    "415": _error(gettext_lazy("The body is not sent as application/json.")),
}
_ID = {
    "name": "id",
    "in": "path",
    "required": True,
    "schema": {"type": "integer", "minimum": 1},
    "description": gettext_lazy("The pledge's id."),
}
_LANGUAGE = [_ref("parameters", "lang"), _ref("parameters", "Accept-Language")]
_DRAFT = {"application/json": {"schema": _ref("schemas", "pledge_draft")}}
_SECURITY = [{"bearerAuth": []}]

OPENAPI_PATHS: dict[str, dict] = {
    f"{API_ROOT}pledges/": {
        "post": {
            "operationId": "create_pledge",
            "summary": gettext_lazy("Create a draft pledge"),
            "description": gettext_lazy(
                "A new draft pledge of the token's organisation. The fields of “About the "
                "pledge” (title, description, edition, language) are required; others may "
                "follow with PATCH. The draft is not public: only a published pledge is."
            ),
            "tags": ["pledges"],
            "security": _SECURITY,
            "parameters": _LANGUAGE,
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": _ref("schemas", "pledge_fields")}},
            },
            "responses": {
                "201": {
                    "description": gettext_lazy("The draft, as stored."),
                    "headers": {
                        "Location": {
                            "description": gettext_lazy("The address of the new pledge."),
                            "schema": {"type": "string", "format": "uri"},
                        }
                    },
                    "content": _DRAFT,
                },
                **{code: r for code, r in _COMMON_ERRORS.items() if code != "404"},
            },
        }
    },
    f"{API_ROOT}pledges/{{id}}/": {
        "patch": {
            "operationId": "update_pledge",
            "summary": gettext_lazy("Change a pledge"),
            "description": gettext_lazy(
                "Changes the fields sent of a pledge of the token's organisation; the others "
                "stay. A draft or a pledge returned for changes changes at once; a change to a "
                "published pledge is held for review while the published text stays up."
            ),
            "tags": ["pledges"],
            "security": _SECURITY,
            "parameters": [_ID, *_LANGUAGE],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": _ref("schemas", "pledge_fields")}},
            },
            "responses": {
                "200": {"description": gettext_lazy("The pledge, as stored."), "content": _DRAFT},
                **_COMMON_ERRORS,
                "409": _error(
                    gettext_lazy("The pledge cannot be changed in its state (awaiting review…).")
                ),
            },
        }
    },
    f"{API_ROOT}pledges/{{id}}/submit/": {
        "post": {
            "operationId": "submit_pledge",
            "summary": gettext_lazy("Submit a pledge for review"),
            "description": gettext_lazy(
                "Sends a complete draft (or a pledge returned for changes) of the token's "
                "organisation to the secretariat's reviewers. A token cannot publish: reviewers "
                "do."
            ),
            "tags": ["pledges"],
            "security": _SECURITY,
            "parameters": [_ID, *_LANGUAGE],
            "requestBody": {
                "required": False,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "properties": {
                                "note": {
                                    **_TEXT,
                                    "maxLength": 5000,
                                    "description": gettext_lazy("A note to the reviewers."),
                                }
                            },
                            "additionalProperties": False,
                        }
                    }
                },
            },
            "responses": {
                "200": {
                    "description": gettext_lazy("The pledge, now awaiting review."),
                    "content": _DRAFT,
                },
                **_COMMON_ERRORS,
                "409": _error(gettext_lazy("The pledge cannot be submitted in its state.")),
            },
        }
    },
}
