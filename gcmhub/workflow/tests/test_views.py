import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from gcmhub.workflow.models import Event, State
from gcmhub.workflow.queries import lifecycle
from gcmhub.workflow.tests.factories import NoteFactory
from gcmhub.workflow.tests.testapp.models import Note

pytestmark = pytest.mark.django_db


def _url(note, action):
    return reverse(
        "workflow:act", args=[ContentType.objects.get_for_model(Note).pk, note.pk, action]
    )


def test_reviewer_publishes_through_the_shared_button(client, cast):
    note = NoteFactory(organisation=cast.organisation, state=State.SUBMITTED)
    client.force_login(cast.reviewer)

    response = client.post(_url(note, "publish"), {"note": "Welcome."})

    note.refresh_from_db()
    assert (response.status_code, response.url, note.state) == (
        302,
        f"/notes/{note.pk}/",
        State.PUBLISHED,
    )


def test_request_changes_needs_a_note_and_keeps_the_state(client, cast):
    note = NoteFactory(organisation=cast.organisation, state=State.SUBMITTED)
    client.force_login(cast.reviewer)

    response = client.post(_url(note, "request_changes"), {"note": ""})

    note.refresh_from_db()
    assert (response.status_code, note.state, Event.objects.count()) == (400, State.SUBMITTED, 0)
    assert response.context["form"].errors["note"] == [
        "Say why, so that the submitter knows what to do."
    ]


def test_member_cannot_publish(client, cast):
    note = NoteFactory(organisation=cast.organisation, state=State.SUBMITTED)
    client.force_login(cast.member)

    response = client.post(_url(note, "publish"))

    note.refresh_from_db()
    assert (response.status_code, note.state) == (403, State.SUBMITTED)


def test_outsider_cannot_even_see_a_draft(client, cast):
    note = NoteFactory(organisation=cast.organisation, state=State.DRAFT)
    client.force_login(cast.outsider)

    response = client.post(_url(note, "submit"))

    assert response.status_code == 404


def test_anonymous_is_sent_to_sign_in(client, cast):
    note = NoteFactory(organisation=cast.organisation, state=State.SUBMITTED)

    response = client.post(_url(note, "publish"))

    assert response.status_code == 302 and "/accounts/sign-in/" in response.url


def test_unknown_action_is_404(client, cast):
    note = NoteFactory(organisation=cast.organisation, state=State.SUBMITTED)
    client.force_login(cast.admin)

    assert client.post(_url(note, "explode")).status_code == 404


def test_lifecycle_panel_shows_buttons_by_role_and_nothing_to_the_public(cast):
    note = NoteFactory(organisation=cast.organisation, state=State.SUBMITTED)

    assert lifecycle(cast.anonymous, note) == {}
    assert lifecycle(cast.outsider, note) == {}
    assert [a.value for a in lifecycle(cast.reviewer, note)["actions"]] == [
        "publish",
        "request_changes",
        "reject",
    ]
    assert lifecycle(cast.member, note)["actions"] == []
    assert lifecycle(cast.member, note)["show_actors"] is False
