import json

import jsonschema
import pytest
from django.test import Client

from gcmhub.accounts import services as accounts
from gcmhub.accounts.models import ApiToken, Membership, Organisation
from gcmhub.api import write
from gcmhub.pledges.models import Pledge
from gcmhub.pledges.tests.factories import DESCRIPTION, PledgeFactory
from gcmhub.workflow import permissions
from gcmhub.workflow.models import Action, Event, Revision, State

pytestmark = pytest.mark.django_db

PLEDGES = "/api/v1/pledges/"
ABOUT = {"title": "Safe pathways", "description": DESCRIPTION, "edition": 2026, "language": "en"}
COMPLETE = {
    **ABOUT,
    "pledge_type": "individual",
    "main_objectives": [5, 7],
    "related_objectives": [5, 9],
    "principles": [2],
    "level": "national",
    "category": "programme",
    "countries": ["KEN", "MAR"],
    "action": "Open a regular pathway for seasonal workers.",
    "indicators": [{"indicator": "Workers", "baseline": "0", "target": "5000"}],
    "resources_amount": "250000.50",
    "resources_currency": "EUR",
    "start_date": "2026-01-01",
    "end_date": "2030-12-31",
}


@pytest.fixture
def secret(cast):
    _token, secret = accounts.create_api_token(cast.organisation, name="Sync", by=cast.focal_point)
    return secret


def call(client, method, path, data=None, *, secret=None, **extra):
    if secret:
        extra["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
    body = json.dumps(data) if data is not None else ""
    return getattr(client, method)(path, body, content_type="application/json", **extra)


def _draft(cast, **fields):
    return PledgeFactory(organisation=cast.organisation, state=State.DRAFT, **fields)


def _errors(response) -> dict:
    return response.json()["error"]["fields"]


# Creating


def test_create_a_draft(client, cast, secret):
    response = call(client, "post", PLEDGES, ABOUT, secret=secret)

    pledge = Pledge.objects.get()
    body = response.json()
    assert response.status_code == 201
    assert response["Location"] == f"http://testserver/api/v1/pledges/{pledge.pk}/"
    assert response["Cache-Control"] == "no-store"
    assert (pledge.state, pledge.organisation, pledge.created_by) == (
        State.DRAFT,
        cast.organisation,
        cast.focal_point,
    )
    assert (pledge.title, pledge.edition.year) == ("Safe pathways", 2026)
    assert {k: body[k] for k in ("id", "state", "organisation", "title", "edition")} == {
        "id": pledge.pk,
        "state": "draft",
        "organisation": cast.organisation.pk,
        "title": "Safe pathways",
        "edition": 2026,
    }
    assert [s["section"] for s in body["incomplete_sections"]] == ["objectives", "scope", "smart"]
    assert body["proposed_edit"] is None
    assert [(e.action, e.actor) for e in Event.objects.all()] == [(Action.CREATE, cast.focal_point)]


def test_create_takes_the_next_edition_as_the_form_does(client, cast, secret):
    about = {k: v for k, v in ABOUT.items() if k != "edition"}

    response = call(client, "post", PLEDGES, about, secret=secret)

    assert response.status_code == 201
    assert response.json()["edition"] == Pledge.objects.get().edition.year


def test_create_with_every_section_then_submit(client, cast, secret):
    created = call(client, "post", PLEDGES, COMPLETE, secret=secret)
    pk = created.json()["id"]

    submitted = call(client, "post", f"{PLEDGES}{pk}/submit/", {"note": "Ready."}, secret=secret)

    pledge = Pledge.objects.get()
    body = submitted.json()
    assert created.status_code == 201
    assert created.json()["incomplete_sections"] == []
    assert {k: created.json()[k] for k in COMPLETE} == {
        **COMPLETE,
        "description": DESCRIPTION.strip(),  # as the form keeps it
        "related_objectives": [9],  # the form leaves out those that are main objectives
        "resources_amount": 250000.5,
    }
    assert submitted.status_code == 200
    assert (body["state"], pledge.state) == ("submitted", State.SUBMITTED)
    assert body["submitted_at"] == pledge.submitted_at.isoformat()
    assert [(e.action, e.actor, e.note) for e in Event.objects.all()] == [
        (Action.CREATE, cast.focal_point, ""),
        (Action.SUBMIT, cast.focal_point, "Ready."),
    ]


def test_the_answer_follows_its_schema_and_holds_no_personal_data(client, cast, secret):
    response = call(client, "post", PLEDGES, COMPLETE, secret=secret)
    schema = json.loads(
        json.dumps(write.OPENAPI_COMPONENTS["schemas"]["pledge_draft"], default=str)
    )

    jsonschema.validate(response.json(), schema)
    assert "focal@example.org" not in response.content.decode()
    assert "created_by" not in response.json()


def test_validation_errors_give_field_messages_and_nothing_is_saved(client, secret):
    body = {
        "title": "",
        "description": "Too short",
        "edition": 1999,
        "main_objectives": [1, 2, 3, 4],
        "colour": "red",
    }

    response = call(client, "post", PLEDGES, body, secret=secret)

    assert response.status_code == 400
    assert response.json()["error"] == {
        "status": 400,
        "code": "invalid",
        "message": "Some fields are invalid: nothing was saved.",
        "fields": {
            "colour": ["There is no field of this name that can be written."],
            "title": ["This field is required."],
            "description": ["Write between 300 and 3,000 characters; this text has 9."],
            "edition": ["Select a valid choice. That choice is not one of the available choices."],
            "main_objectives": ["Choose at most three main objectives; you chose 4."],
        },
    }
    assert Pledge.objects.count() == 0
    assert Event.objects.count() == 0


def test_a_field_checks_its_whole_section_as_the_form_does(client, secret):
    response = call(client, "post", PLEDGES, {**ABOUT, "end_date": "2020-01-01"}, secret=secret)

    assert response.status_code == 400
    assert _errors(response) == {
        "action": ["This field is required."],
        "start_date": ["This field is required."],
    }


def test_wrong_json_types_are_named(client, secret):
    body = {
        **ABOUT,
        "title": 5,
        "main_objectives": "5",
        "countries": [404],
        "start_date": "01/02/2026",
        "indicators": [{"indicator": 1}],
    }

    response = call(client, "post", PLEDGES, body, secret=secret)

    assert _errors(response) == {
        "title": ["Give a text (a JSON string)."],
        "main_objectives": ["Give a list of whole numbers."],
        "countries": ["Give a list of ISO 3166 alpha-3 codes."],
        "start_date": ["Give a date as YYYY-MM-DD."],
        "indicators": ["Give a list of objects with the texts indicator, baseline and target."],
        "level": ["This field is required."],  # the other fields of the sections sent
        "category": ["This field is required."],
        "action": ["This field is required."],
        "end_date": ["This field is required."],
    }
    assert Pledge.objects.count() == 0


def test_null_empties_only_the_fields_that_may_be_empty(client, cast, secret):
    pledge = _draft(cast, resources_amount=100, resources_currency="EUR")

    emptied = call(
        client,
        "patch",
        f"{PLEDGES}{pledge.pk}/",
        {"resources_amount": None, "resources_currency": ""},
        secret=secret,
    )
    refused = call(
        client,
        "patch",
        f"{PLEDGES}{pledge.pk}/",
        {"partner_organisations": None, "title": None, "indicators": None, "edition": None},
        secret=secret,
    )

    assert emptied.json()["resources_amount"] is None
    assert _errors(refused) == {
        "partner_organisations": ["Give a list of whole numbers."],
        "title": ["Give a text (a JSON string)."],
        "indicators": ["Give a list of objects with the texts indicator, baseline and target."],
        "edition": ["Give a whole number."],
    }


def test_numbers_too_large_for_an_id_are_refused(client, secret):
    body = {**ABOUT, "edition": 2**70, "main_objectives": [5], "principles": [1, -(2**64)]}

    response = call(client, "post", PLEDGES, body, secret=secret)

    assert _errors(response) == {
        "edition": [f"{2**70} is not one of the available choices."],
        "principles": [f"{-(2**64)} is not one of the available choices."],
    }


def test_an_indicator_row_error_is_named_by_its_place(client, secret):
    body = {
        **COMPLETE,
        "indicators": [{"indicator": "Workers"}, {"baseline": "3"}],
    }

    response = call(client, "post", PLEDGES, body, secret=secret)

    assert _errors(response) == {
        "indicators.1.indicator": ["Name the indicator, or empty its baseline and target."]
    }


def test_messages_follow_the_language(client, secret):
    response = call(client, "post", f"{PLEDGES}?lang=fr", {**ABOUT, "title": ""}, secret=secret)

    assert _errors(response) == {"title": ["Ce champ est obligatoire."]}


def test_a_body_must_be_a_json_object(client, secret):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}

    form = client.post(PLEDGES, ABOUT, **headers)
    broken = client.post(PLEDGES, "{'title':", content_type="application/json", **headers)
    listed = call(client, "post", PLEDGES, [ABOUT], secret=secret)

    assert form.status_code == 415
    assert form.json()["error"]["code"] == "unsupported_media_type"
    assert (broken.status_code, broken.json()["error"]["message"]) == (
        400,
        "The body is not valid JSON.",
    )
    assert (listed.status_code, listed.json()["error"]["message"]) == (
        400,
        "The body must be a JSON object.",
    )
    assert Pledge.objects.count() == 0


def test_no_csrf_token_is_needed(cast, secret):
    client = Client(enforce_csrf_checks=True)

    response = call(client, "post", PLEDGES, ABOUT, secret=secret)

    assert response.status_code == 201


# Changing


def test_patch_changes_a_draft(client, cast, secret):
    pledge = _draft(cast, main_objectives=[5])

    response = call(
        client,
        "patch",
        f"{PLEDGES}{pledge.pk}/",
        {"main_objectives": [5, 7], "related_objectives": [5, 9]},
        secret=secret,
    )

    pledge.refresh_from_db()
    assert response.status_code == 200
    assert (response.json()["main_objectives"], response.json()["related_objectives"]) == (
        [5, 7],
        [9],
    )
    assert sorted(pledge.main_objectives.values_list("number", flat=True)) == [5, 7]
    assert pledge.title.startswith("Pledge ")  # the fields not sent stay
    assert Event.objects.get().action == Action.EDIT


def test_patch_changes_a_pledge_returned_for_changes(client, cast, secret):
    pledge = PledgeFactory(organisation=cast.organisation, state=State.CHANGES_REQUESTED)

    response = call(client, "patch", f"{PLEDGES}{pledge.pk}/", {"title": "Better"}, secret=secret)

    pledge.refresh_from_db()
    assert response.status_code == 200
    assert pledge.title == "Better"


def test_patch_of_a_published_pledge_waits_for_review(client, cast, secret):
    pledge = PledgeFactory(organisation=cast.organisation, title="Published title")

    response = call(client, "patch", f"{PLEDGES}{pledge.pk}/", {"title": "New"}, secret=secret)
    public = client.get(f"{PLEDGES}{pledge.pk}/")

    pledge.refresh_from_db()
    body = response.json()
    assert response.status_code == 200
    assert (body["state"], body["title"]) == ("published", "Published title")
    assert body["proposed_edit"]["state"] == "submitted"
    assert body["proposed_edit"]["fields"]["title"] == "New"
    assert pledge.title == "Published title"
    assert Revision.objects.get().data["title"] == "New"
    assert public.json()["title"] == "Published title"


def test_patch_of_a_pledge_awaiting_review_is_a_conflict(client, cast, secret):
    pledge = PledgeFactory(organisation=cast.organisation, state=State.SUBMITTED, title="Kept")

    response = call(client, "patch", f"{PLEDGES}{pledge.pk}/", {"title": "New"}, secret=secret)

    pledge.refresh_from_db()
    assert response.status_code == 409
    assert response.json()["error"]["message"] == (
        "A pledge in the state “Awaiting review” cannot be changed."
    )
    assert pledge.title == "Kept"


def test_patch_validation_errors_save_nothing(client, cast, secret):
    pledge = _draft(cast, title="Kept")

    response = call(client, "patch", f"{PLEDGES}{pledge.pk}/", {"title": "x" * 301}, secret=secret)

    pledge.refresh_from_db()
    assert _errors(response) == {
        "title": ["Ensure this value has at most 300 characters (it has 301)."]
    }
    assert pledge.title == "Kept"
    assert Event.objects.count() == 0


def test_patch_with_nothing_changes_nothing(client, cast, secret):
    pledge = _draft(cast)

    response = call(client, "patch", f"{PLEDGES}{pledge.pk}/", {}, secret=secret)

    assert response.status_code == 200
    assert Event.objects.count() == 0


# Scope: its own organisation's pledges, never publishing


@pytest.mark.parametrize("state", [State.DRAFT, State.PUBLISHED])
def test_another_organisations_pledge_is_not_found(client, cast, secret, state):
    pledge = PledgeFactory(organisation=cast.other_organisation, state=state, title="Theirs")
    mine = _draft(cast)

    patched = call(client, "patch", f"{PLEDGES}{pledge.pk}/", {"title": "Mine"}, secret=secret)
    submitted = call(client, "post", f"{PLEDGES}{pledge.pk}/submit/", secret=secret)
    missing = call(client, "patch", f"{PLEDGES}{mine.pk + 100}/", {"title": "M"}, secret=secret)

    pledge.refresh_from_db()
    assert (patched.status_code, submitted.status_code) == (404, 404)
    assert patched.json() == missing.json()  # the same answer as for no pledge at all
    assert (pledge.title, pledge.state) == ("Theirs", state)


@pytest.mark.parametrize("pk", ["0", "012", "99999999999999999999"])
def test_impossible_ids_are_not_found(client, secret, pk):
    response = call(client, "patch", f"{PLEDGES}{pk}/", {"title": "M"}, secret=secret)

    assert response.status_code == 404


def test_a_token_cannot_publish(client, cast, secret):
    pledge = PledgeFactory(organisation=cast.organisation, state=State.SUBMITTED)

    publish = call(client, "post", f"{PLEDGES}{pledge.pk}/publish/", {}, secret=secret)
    put = call(client, "put", f"{PLEDGES}{pledge.pk}/", {"state": "published"}, secret=secret)
    draft = _draft(cast)
    patched = call(client, "patch", f"{PLEDGES}{draft.pk}/", {"state": "published"}, secret=secret)

    pledge.refresh_from_db()
    draft.refresh_from_db()
    assert (publish.status_code, put.status_code, patched.status_code) == (404, 405, 400)
    assert _errors(patched) == {"state": ["There is no field of this name that can be written."]}
    assert (pledge.state, draft.state) == (State.SUBMITTED, State.DRAFT)
    assert Pledge.objects.published().count() == 0
    # The person a token acts for is an organisation member: the lifecycle refuses them too.
    assert permissions.can(cast.focal_point, Action.PUBLISH, pledge) is False
    operations = {
        operation["operationId"]
        for item in write.OPENAPI_PATHS.values()
        for operation in item.values()
    }
    assert operations == {"create_pledge", "update_pledge", "submit_pledge"}


def test_the_draft_is_not_public(client, cast, secret):
    published = PledgeFactory(organisation=cast.organisation)

    created = call(client, "post", PLEDGES, COMPLETE, secret=secret)
    pk = created.json()["id"]
    call(client, "post", f"{PLEDGES}{pk}/submit/", secret=secret)
    listed = client.get(PLEDGES)
    item = client.get(f"{PLEDGES}{pk}/")

    assert [row["id"] for row in listed.json()["results"]] == [published.pk]
    assert item.status_code == 404
    assert list(Pledge.objects.published()) == [published]


# Submitting


def test_submit_an_incomplete_draft_is_refused_with_what_is_missing(client, cast, secret):
    pk = call(client, "post", PLEDGES, ABOUT, secret=secret).json()["id"]

    response = call(client, "post", f"{PLEDGES}{pk}/submit/", secret=secret)

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "incomplete"
    assert _errors(response) == {
        "__all__": [
            "Choose one to three main objectives.",
            "Choose the level and the category.",
            "Describe the action and give its start and end dates.",
        ]
    }
    assert Pledge.objects.get().state == State.DRAFT


def test_submit_a_published_pledge_is_a_conflict(client, cast, secret):
    pledge = PledgeFactory(organisation=cast.organisation)

    response = call(client, "post", f"{PLEDGES}{pledge.pk}/submit/", secret=secret)

    assert response.status_code == 409
    assert response.json()["error"]["message"] == (
        "This pledge is published: a change sent with PATCH is reviewed before it shows."
    )


def test_submit_refuses_unknown_fields_and_other_methods(client, cast, secret):
    pledge = _draft(cast)

    unknown = call(
        client, "post", f"{PLEDGES}{pledge.pk}/submit/", {"publish": True}, secret=secret
    )
    get = client.get(f"{PLEDGES}{pledge.pk}/submit/", HTTP_AUTHORIZATION=f"Bearer {secret}")

    assert _errors(unknown) == {"publish": ["There is no field of this name."]}
    assert (get.status_code, get["Allow"]) == (405, "POST")
    assert Pledge.objects.get().state == State.DRAFT


# Tokens refused


@pytest.mark.parametrize(
    ("header", "code"),
    [
        (None, "unauthenticated"),
        ("Bearer", "unauthenticated"),
        ("Basic dXNlcjpwYXNz", "unauthenticated"),
        ("Bearer gcm_unknown", "invalid_token"),
        ("Bearer not-a-token", "invalid_token"),
    ],
)
def test_without_a_valid_token_writing_is_refused(client, cast, header, code):
    pledge = _draft(cast, title="Kept")
    extra = {"HTTP_AUTHORIZATION": header} if header else {}

    created = call(client, "post", PLEDGES, ABOUT, **extra)
    patched = call(client, "patch", f"{PLEDGES}{pledge.pk}/", {"title": "New"}, **extra)
    submitted = call(client, "post", f"{PLEDGES}{pledge.pk}/submit/", **extra)

    for response in (created, patched, submitted):
        assert response.status_code == 401
        assert response.json()["error"]["code"] == code
        assert response["WWW-Authenticate"].startswith('Bearer realm="gcmhub"')
    pledge.refresh_from_db()
    assert (Pledge.objects.count(), pledge.title, pledge.state) == (1, "Kept", State.DRAFT)


def test_a_revoked_token_is_refused(client, cast, secret):
    pledge = _draft(cast)
    accounts.revoke_api_token(ApiToken.objects.get(), by=cast.focal_point)

    created = call(client, "post", PLEDGES, ABOUT, secret=secret)
    submitted = call(client, "post", f"{PLEDGES}{pledge.pk}/submit/", secret=secret)

    assert (created.status_code, submitted.status_code) == (401, 401)
    assert created.json()["error"]["message"] == "This API token is unknown or has been revoked."
    assert created["WWW-Authenticate"] == 'Bearer realm="gcmhub", error="invalid_token"'
    assert Pledge.objects.get().state == State.DRAFT


def test_a_session_is_not_a_token(client, cast):
    client.force_login(cast.focal_point)

    response = call(client, "post", PLEDGES, ABOUT)

    assert response.status_code == 401
    assert Pledge.objects.count() == 0


def test_the_token_of_a_former_member_is_refused(client, cast, secret):
    Membership.objects.filter(user=cast.focal_point).delete()

    response = call(client, "post", PLEDGES, ABOUT, secret=secret)

    assert response.status_code == 403
    assert response.json()["error"]["message"] == (
        "This token acts for the person who created it, who is no longer a member of "
        "Owning Organisation. A focal point can revoke it and create a new one."
    )
    assert Pledge.objects.count() == 0


def test_the_token_of_an_organisation_no_longer_verified_is_refused(client, cast, secret):
    Organisation.objects.filter(pk=cast.organisation.pk).update(status=Organisation.Status.REJECTED)

    response = call(client, "post", PLEDGES, ABOUT, secret=secret)

    assert response.status_code == 403
    assert Pledge.objects.count() == 0


def test_a_plain_members_token_follows_the_members_rights(client, cast):
    # The token acts with its creator's rights of today: a focal point made a plain member
    # still writes drafts with it.
    _token, secret = accounts.create_api_token(cast.organisation, name="T", by=cast.focal_point)
    Membership.objects.filter(user=cast.focal_point).update(level=Membership.Level.MEMBER)

    response = call(client, "post", PLEDGES, ABOUT, secret=secret)

    pledge = Pledge.objects.get()
    assert (response.status_code, pledge.organisation, pledge.state, pledge.created_by) == (
        201,
        cast.organisation,
        State.DRAFT,
        cast.focal_point,
    )


# The OpenAPI document


def test_the_writing_operations_are_in_the_openapi_document(client):
    document = client.get("/api/v1/openapi.json").json()

    post = document["paths"]["/api/v1/pledges/"]["post"]
    patch = document["paths"]["/api/v1/pledges/{id}/"]["patch"]
    submit = document["paths"]["/api/v1/pledges/{id}/submit/"]["post"]
    assert [op["security"] for op in (post, patch, submit)] == [[{"bearerAuth": []}]] * 3
    assert document["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    assert set(post["responses"]) == {"201", "400", "401", "403", "405", "413", "415"}
    assert set(document["components"]["schemas"]["pledge_fields"]["properties"]) == set(
        Pledge.reviewed_fields
    )


def test_the_fields_are_the_pledges_reviewed_fields():
    assert list(write.FIELDS) == list(Pledge.reviewed_fields)
