"""The lifecycle on the test-only model: transitions, held edits, audit trail, notifications."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from gcmhub.compact.models import Objective
from gcmhub.workflow import services
from gcmhub.workflow.models import Action, Event, InvalidTransition, Revision, State
from gcmhub.workflow.tests.factories import NoteFactory
from gcmhub.workflow.tests.testapp.models import Note

pytestmark = pytest.mark.django_db


def _data(**values):
    return {"title": "Safe pathways", "body": "We will open a pathway.", "objectives": [], **values}


def test_create_draft_records_who_and_what(cast):
    objective = Objective.objects.get(number=5)

    note = services.create_draft(
        Note, _data(objectives=[objective]), organisation=cast.organisation, by=cast.member
    )

    assert (note.state, note.created_by, list(note.objectives.all())) == (
        State.DRAFT,
        cast.member,
        [objective],
    )
    event = Event.objects.get()
    assert (event.action, event.actor, event.to_state) == (Action.CREATE, cast.member, State.DRAFT)
    assert event.changes["title"] == [None, "Safe pathways"]


def test_create_draft_refused_to_outsiders_and_for_unverified_organisations(cast):
    cast.organisation.status = "pending"
    cast.organisation.save()

    with pytest.raises(PermissionDenied):
        services.create_draft(Note, _data(), organisation=cast.other_organisation, by=cast.member)
    with pytest.raises(PermissionDenied):
        services.create_draft(Note, _data(), organisation=cast.organisation, by=cast.member)
    assert Note.objects.count() == 0


def test_full_lifecycle_records_every_step(cast):
    note = NoteFactory(organisation=cast.organisation, created_by=cast.member)

    services.transition(note, Action.SUBMIT, by=cast.member)
    services.transition(note, Action.REQUEST_CHANGES, by=cast.reviewer, note="Add an indicator.")
    services.transition(note, Action.SUBMIT, by=cast.member)
    services.transition(note, Action.PUBLISH, by=cast.reviewer, note="Thank you.")
    services.transition(note, Action.WITHDRAW, by=cast.focal_point, note="Completed.")

    note.refresh_from_db()
    assert note.state == State.WITHDRAWN
    assert note.published_at is not None and note.submitted_at is not None
    steps = list(
        Event.objects.values_list("action", "actor__email", "from_state", "to_state", "note")
    )
    assert steps == [
        ("submit", "member@example.org", "draft", "submitted", ""),
        (
            "request_changes",
            "reviewer@example.org",
            "submitted",
            "changes_requested",
            "Add an indicator.",
        ),
        ("submit", "member@example.org", "changes_requested", "submitted", ""),
        ("publish", "reviewer@example.org", "submitted", "published", "Thank you."),
        ("withdraw", "focal@example.org", "published", "withdrawn", "Completed."),
    ]


def test_reviewer_note_reaches_the_submitter_by_email(cast, django_capture_on_commit_callbacks):
    note = NoteFactory(
        organisation=cast.organisation, created_by=cast.member, state=State.SUBMITTED
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.transition(
            note, Action.REQUEST_CHANGES, by=cast.reviewer, note="Please add a baseline."
        )

    assert [message.to for message in mail.outbox] == [["member@example.org"]]
    assert "Please add a baseline." in mail.outbox[0].body
    assert "/notes/" in mail.outbox[0].body


def test_the_email_speaks_the_submitters_language(cast, django_capture_on_commit_callbacks):
    cast.member.language = "fr"
    cast.member.save()
    note = NoteFactory(
        organisation=cast.organisation, created_by=cast.member, state=State.SUBMITTED
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.transition(note, Action.PUBLISH, by=cast.reviewer)

    assert mail.outbox[0].subject.startswith("Publier")


def test_invalid_transition_changes_nothing(cast):
    note = NoteFactory(organisation=cast.organisation, state=State.REJECTED)

    with pytest.raises(PermissionDenied):
        services.transition(note, Action.PUBLISH, by=cast.reviewer)
    with pytest.raises(InvalidTransition):
        services.decide_revision(note, Action.PUBLISH, by=cast.admin)

    note.refresh_from_db()
    assert (note.state, Event.objects.count()) == (State.REJECTED, 0)


def test_refused_transition_for_the_wrong_role(cast):
    note = NoteFactory(organisation=cast.organisation, state=State.SUBMITTED)

    with pytest.raises(PermissionDenied):
        services.transition(note, Action.PUBLISH, by=cast.member)

    note.refresh_from_db()
    assert note.state == State.SUBMITTED


def test_edit_of_a_draft_applies_at_once(cast):
    note = NoteFactory(organisation=cast.organisation, title="Old")

    revision = services.edit(note, _data(title="New"), by=cast.member)

    note.refresh_from_db()
    assert (revision, note.title) == (None, "New")
    assert Event.objects.get().changes["title"] == ["Old", "New"]


def test_edit_of_a_published_record_is_held_for_review(cast):
    note = NoteFactory(
        organisation=cast.organisation, title="Published text", state=State.PUBLISHED
    )
    objective = Objective.objects.get(number=1)

    revision = services.edit(
        note, _data(title="Edited text", objectives=[objective]), by=cast.member
    )

    note.refresh_from_db()
    assert note.title == "Published text"  # the public still sees the published text
    assert list(Note.objects.published()) == [note]
    assert (revision.state, revision.data["title"], revision.data["objectives"]) == (
        State.SUBMITTED,
        "Edited text",
        [objective.pk],
    )


def test_accepted_edit_replaces_the_published_text(cast):
    note = NoteFactory(
        organisation=cast.organisation,
        title="Published text",
        state=State.PUBLISHED,
        created_by=cast.member,
    )
    services.edit(note, _data(title="Edited text"), by=cast.member)

    services.decide_revision(note, Action.PUBLISH, by=cast.reviewer, note="Fine.")

    note.refresh_from_db()
    assert (note.title, note.state) == ("Edited text", State.PUBLISHED)
    assert Revision.objects.get().state == State.PUBLISHED
    assert services.open_revision(note) is None
    assert Event.objects.filter(action=Action.PUBLISH, on_revision=True).get().changes["title"] == [
        "Published text",
        "Edited text",
    ]


def test_returned_edit_goes_back_to_the_owner_and_can_be_sent_again(cast):
    note = NoteFactory(
        organisation=cast.organisation, title="Published text", state=State.PUBLISHED
    )
    services.edit(note, _data(title="First try"), by=cast.member)
    services.decide_revision(
        note, Action.REQUEST_CHANGES, by=cast.reviewer, note="Shorter, please."
    )
    assert services.open_revision(note).state == State.CHANGES_REQUESTED

    services.edit(note, _data(title="Second try"), by=cast.member)

    revision = services.open_revision(note)
    assert (revision.state, revision.data["title"], Revision.objects.count()) == (
        State.SUBMITTED,
        "Second try",
        1,
    )
    note.refresh_from_db()
    assert note.title == "Published text"


def test_rejected_edit_leaves_the_published_text(cast):
    note = NoteFactory(
        organisation=cast.organisation, title="Published text", state=State.PUBLISHED
    )
    services.edit(note, _data(title="Unwanted"), by=cast.member)

    services.decide_revision(note, Action.REJECT, by=cast.reviewer, note="Not an improvement.")

    note.refresh_from_db()
    assert (note.title, services.open_revision(note)) == ("Published text", None)


def test_member_cannot_decide_on_an_edit(cast):
    note = NoteFactory(organisation=cast.organisation, state=State.PUBLISHED)
    services.edit(note, _data(title="Self-approved"), by=cast.member)

    with pytest.raises(PermissionDenied):
        services.decide_revision(note, Action.PUBLISH, by=cast.member)

    note.refresh_from_db()
    assert note.title != "Self-approved"


def test_edit_refused_to_outsiders(cast):
    note = NoteFactory(organisation=cast.organisation, title="Theirs")

    with pytest.raises(PermissionDenied):
        services.edit(note, _data(title="Mine now"), by=cast.outsider)

    note.refresh_from_db()
    assert note.title == "Theirs"


def test_bad_data_saves_nothing(cast):
    note = NoteFactory(organisation=cast.organisation, title="Good")

    with pytest.raises(ValidationError):
        services.edit(note, _data(title="x" * 500), by=cast.member)

    note.refresh_from_db()
    assert (note.title, Event.objects.count()) == ("Good", 0)


def test_delete_draft(cast):
    note = NoteFactory(organisation=cast.organisation)
    services.edit(note, _data(), by=cast.member)

    services.delete_draft(note, by=cast.member)

    assert (Note.objects.count(), Event.objects.count()) == (0, 0)


def test_delete_refused_once_submitted(cast):
    note = NoteFactory(organisation=cast.organisation, state=State.SUBMITTED)

    with pytest.raises(PermissionDenied):
        services.delete_draft(note, by=cast.member)

    assert Note.objects.count() == 1


def test_published_queryset_is_the_public_door(cast):
    published = NoteFactory(organisation=cast.organisation, state=State.PUBLISHED)
    for state in State:
        if state != State.PUBLISHED:
            NoteFactory(organisation=cast.organisation, state=state)

    assert list(Note.objects.published()) == [published]


def test_edit_changes_only_the_fields_given(cast):
    objective = Objective.objects.get(number=3)
    note = services.create_draft(
        Note, _data(objectives=[objective]), organisation=cast.organisation, by=cast.member
    )

    services.edit(note, {"body": "Only the body changes."}, by=cast.member)

    note.refresh_from_db()
    assert (note.title, note.body, list(note.objectives.all())) == (
        "Safe pathways",
        "Only the body changes.",
        [objective],
    )


def test_partial_edit_of_a_published_record_builds_on_the_pending_edit(cast):
    note = NoteFactory(
        organisation=cast.organisation, title="Published", body="Old body", state=State.PUBLISHED
    )
    services.edit(note, {"title": "New title"}, by=cast.member)

    services.edit(note, {"body": "New body"}, by=cast.member)

    assert {k: services.open_revision(note).data[k] for k in ("title", "body")} == {
        "title": "New title",
        "body": "New body",
    }


def test_second_save_from_a_stale_form_is_refused_and_saves_nothing(cast):
    note = NoteFactory(organisation=cast.organisation, title="Start")
    stamp = services.edit_stamp(note)
    services.edit(note, {"title": "First person"}, by=cast.member, seen=stamp)

    with pytest.raises(services.StaleEdit):
        services.edit(note, {"title": "Second person"}, by=cast.focal_point, seen=stamp)

    note.refresh_from_db()
    assert note.title == "First person"


def test_incomplete_record_cannot_be_submitted(cast):
    note = NoteFactory(organisation=cast.organisation, body="")

    with pytest.raises(ValidationError) as error:
        services.transition(note, Action.SUBMIT, by=cast.member)

    assert error.value.messages == ["Write the text of the note."]
    note.refresh_from_db()
    assert (note.state, Event.objects.count()) == (State.DRAFT, 0)
