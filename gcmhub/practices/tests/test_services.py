"""Drafting, attachments, calls and the peer review that stands before publication."""

import datetime
import io
import zipfile

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from gcmhub.practices import queries, services
from gcmhub.practices.models import Practice
from gcmhub.practices.tests.factories import (
    AssignmentFactory,
    CallFactory,
    PracticeFactory,
    ReviewerProfileFactory,
)
from gcmhub.search import queries as search
from gcmhub.workflow import services as workflow
from gcmhub.workflow.models import Action, State
from gcmhub.workflow.permissions import can
from gcmhub.workflow.tests.test_permissions import MATRIX

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


def _docx(*, macros: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<w:document/>")
        if macros:
            package.writestr("word/vbaProject.bin", b"\0")
    return buffer.getvalue()


@pytest.mark.parametrize(("role", "state", "action", "allowed"), MATRIX)
def test_practice_permission_matrix(cast, role, state, action, allowed):
    practice = PracticeFactory(state=state, organisation=cast.organisation)

    assert can(getattr(cast, role), action, practice) is allowed


# Attachments: checked by content -------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [("a.pdf", PDF, "pdf"), ("photo.png", PNG, "png"), ("b.docx", _docx(), "docx")],
)
def test_files_are_recognised_by_content(cast, name, content, kind):
    practice = PracticeFactory(organisation=cast.organisation, state=State.DRAFT)

    attachment = services.add_attachment(
        practice, SimpleUploadedFile(name, content), by=cast.member
    )

    assert (attachment.kind, attachment.size, attachment.file.read()) == (
        kind,
        len(content),
        content,
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "tool.pdf",
            b"MZ\x90\x00\x03" + b"\0" * 100,
            "“tool.pdf” is not a PDF, DOCX, PNG, JPEG file, whatever its name says: its "
            "content is something else.",
        ),
        (
            "archive.pdf",
            b"PK\x03\x04" + b"\0" * 100,
            "“archive.pdf” is not a PDF, DOCX, PNG, JPEG file, whatever its name says: its "
            "content is something else.",
        ),
        ("empty.pdf", b"", "“empty.pdf” is empty."),
        (
            "macro.docx",
            _docx(macros=True),
            "Documents with macros are not accepted; save it as a plain .docx.",
        ),
    ],
)
def test_bad_files_are_refused_and_nothing_is_stored(cast, name, content, message):
    practice = PracticeFactory(organisation=cast.organisation, state=State.DRAFT)

    with pytest.raises(ValidationError) as error:
        services.add_attachment(practice, SimpleUploadedFile(name, content), by=cast.member)

    assert error.value.messages == [message]
    assert practice.attachments.count() == 0


def test_an_oversized_file_is_refused(cast, settings):
    practice = PracticeFactory(organisation=cast.organisation, state=State.DRAFT)
    upload = SimpleUploadedFile("big.pdf", PDF)
    upload.size = 26 * 1024 * 1024

    with pytest.raises(ValidationError) as error:
        services.add_attachment(practice, upload, by=cast.member)

    assert error.value.messages == ["“big.pdf” is 26.0\xa0MB; files can be at most 25.0\xa0MB."]


def test_files_of_a_published_practice_are_not_changed_and_outsiders_never(cast):
    published = PracticeFactory(organisation=cast.organisation)
    draft = PracticeFactory(organisation=cast.organisation, state=State.DRAFT)

    with pytest.raises(ValidationError):
        services.add_attachment(published, SimpleUploadedFile("a.pdf", PDF), by=cast.member)
    with pytest.raises(PermissionDenied):
        services.add_attachment(draft, SimpleUploadedFile("a.pdf", PDF), by=cast.outsider)


# Calls --------------------------------------------------------------------------------------


def test_only_the_secretariat_opens_calls(cast):
    data = {
        "title": "Call",
        "theme": "Work",
        "description": "D",
        "deadline": datetime.date(2099, 1, 1),
    }

    call = services.open_call(dict(data), by=cast.reviewer)

    assert call.created_by == cast.reviewer
    with pytest.raises(PermissionDenied):
        services.open_call(dict(data), by=cast.member)


def test_a_closed_call_takes_no_new_submission(cast):
    call = CallFactory(deadline=datetime.date(2020, 1, 31), title="Old call")
    practice = PracticeFactory(organisation=cast.organisation, state=State.DRAFT, call=call)

    with pytest.raises(ValidationError) as error:
        workflow.transition(practice, Action.SUBMIT, by=cast.member)

    assert error.value.messages == [
        "The call “Old call” closed on 2020-01-31 and takes no new practices."
    ]
    practice.refresh_from_db()
    assert practice.state == State.DRAFT


def test_an_open_call_takes_submissions_and_each_submission_opens_a_round(cast):
    practice = PracticeFactory(
        organisation=cast.organisation, state=State.DRAFT, call=CallFactory()
    )

    workflow.transition(practice, Action.SUBMIT, by=cast.member)

    practice.refresh_from_db()
    assert (practice.state, practice.review_round) == (State.SUBMITTED, 1)


# Peer review --------------------------------------------------------------------------------


@pytest.fixture
def submitted(cast):
    return PracticeFactory(organisation=cast.organisation, state=State.SUBMITTED)


def test_the_secretariat_assigns_and_the_reviewer_is_told(
    cast, submitted, django_capture_on_commit_callbacks
):
    reviewer = ReviewerProfileFactory(user__email="peer@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        assignment = services.assign_reviewer(submitted, reviewer, by=cast.reviewer)

    assert (assignment.round, assignment.conflict) == (1, "")
    assert [m.to for m in mail.outbox] == [["peer@example.org"]]


def test_nobody_else_assigns_and_nobody_from_the_organisation_is_assigned(cast, submitted):
    insider = ReviewerProfileFactory(user=cast.member)
    outsider = ReviewerProfileFactory()

    with pytest.raises(PermissionDenied):
        services.assign_reviewer(submitted, outsider, by=cast.member)
    with pytest.raises(ValidationError):
        services.assign_reviewer(submitted, insider, by=cast.reviewer)
    services.assign_reviewer(submitted, outsider, by=cast.reviewer)
    with pytest.raises(ValidationError):
        services.assign_reviewer(submitted, outsider, by=cast.reviewer)


def test_suggestions_match_objectives_then_language_never_the_organisation(cast, submitted):
    match = ReviewerProfileFactory(objectives=[6], languages=["fr"])
    both = ReviewerProfileFactory(objectives=[6], languages=["en"])
    neither = ReviewerProfileFactory(objectives=[1], languages=["ar"])
    ReviewerProfileFactory(user=cast.focal_point, objectives=[6])
    ReviewerProfileFactory(objectives=[6], is_active=False)

    suggestions = queries.suggested_reviewers(submitted)

    assert suggestions == [both, match, neither]


def test_a_conflict_releases_the_assignment(cast, submitted):
    assignment = AssignmentFactory(practice=submitted)
    user = assignment.reviewer.user

    services.declare_conflict(assignment, has_conflict=True, note="I advise them.", by=user)

    with pytest.raises(ValidationError) as error:
        services.submit_review(assignment, recommendation="publish", comments="x", by=user)
    assert error.value.messages == [
        "You declared a conflict of interest; this assignment was released."
    ]
    assert queries.review_status(submitted).internal_done == 0


def test_a_review_needs_the_declaration_first_and_only_the_reviewer_acts(cast, submitted):
    assignment = AssignmentFactory(practice=submitted)

    with pytest.raises(ValidationError):
        services.submit_review(
            assignment, recommendation="publish", comments="x", by=assignment.reviewer.user
        )
    with pytest.raises(PermissionDenied):
        services.declare_conflict(assignment, has_conflict=False, by=cast.reviewer)


def _reviews(practice, *recommendations, kinds=("internal", "external", "external")):
    for kind, recommendation in zip(kinds, recommendations, strict=True):
        AssignmentFactory(
            practice=practice, reviewer__kind=kind, done=True, recommendation=recommendation
        )


def test_publishing_waits_for_one_internal_and_two_external_reviews(cast, submitted):
    _reviews(submitted, "publish", "publish", kinds=("internal", "external"))

    with pytest.raises(ValidationError) as error:
        workflow.transition(submitted, Action.PUBLISH, by=cast.reviewer)

    assert error.value.messages == [
        "Peer review is not complete: a practice needs the recommendations of at least one "
        "internal and two external reviewers."
    ]
    _reviews(submitted, "publish", kinds=("external",))
    workflow.transition(submitted, Action.PUBLISH, by=cast.reviewer)
    assert Practice.objects.get(pk=submitted.pk).state == State.PUBLISHED


def test_disagreement_needs_a_tie_break(cast, submitted):
    _reviews(submitted, "publish", "publish", "revise")

    status = queries.review_status(submitted)
    with pytest.raises(ValidationError) as error:
        workflow.transition(submitted, Action.PUBLISH, by=cast.reviewer)

    assert status.needs_tiebreak is True
    assert error.value.messages == [
        "The reviewers disagree: add a tie-break reviewer and wait for their review."
    ]
    AssignmentFactory(practice=submitted, is_tiebreak=True, done=True)
    assert queries.review_status(submitted).needs_tiebreak is False
    workflow.transition(submitted, Action.PUBLISH, by=cast.reviewer)


def test_returning_for_changes_needs_no_quorum_and_a_resubmission_opens_round_two(cast, submitted):
    _reviews(submitted, "revise", kinds=("external",))

    workflow.transition(submitted, Action.REQUEST_CHANGES, by=cast.reviewer, note="See comments")
    workflow.transition(submitted, Action.SUBMIT, by=cast.member)

    submitted.refresh_from_db()
    assert (submitted.state, submitted.review_round) == (State.SUBMITTED, 2)
    assert queries.review_status(submitted).assignments == []
    assert queries.consolidated_comments(submitted) == [
        {"recommendation": "Revise", "comments": "Clear and replicable."}
    ]


def test_a_review_of_an_earlier_round_is_refused(cast, submitted):
    assignment = AssignmentFactory(practice=submitted, conflict="none")
    workflow.transition(submitted, Action.REQUEST_CHANGES, by=cast.reviewer, note="Fix")

    with pytest.raises(ValidationError) as error:
        services.submit_review(
            assignment, recommendation="publish", comments="x", by=assignment.reviewer.user
        )

    assert error.value.messages == [
        "This review is closed: the practice is no longer in this round."
    ]


# The search index follows the lifecycle ------------------------------------------------------


def test_publishing_indexes_and_unpublishing_removes(cast, submitted):
    submitted.title = "Zanzibar wallets"
    submitted.save()
    _reviews(submitted, "publish", "publish", "publish")
    practices = Practice.objects.published()

    workflow.transition(submitted, Action.PUBLISH, by=cast.reviewer)
    found = list(search.matching(practices, "zanzibar"))
    workflow.transition(submitted, Action.UNPUBLISH, by=cast.reviewer, note="Outdated")
    gone = list(search.matching(Practice.objects.all(), "zanzibar"))

    assert (found, gone) == ([submitted], [])


def test_an_accepted_edit_is_reindexed(cast):
    practice = PracticeFactory(organisation=cast.organisation, title="Old words")

    workflow.edit(practice, {"title": "Fresh vocabulary"}, by=cast.member)
    before = list(search.matching(Practice.objects.all(), "fresh"))
    workflow.decide_revision(practice, Action.PUBLISH, by=cast.reviewer)

    assert before == []
    assert list(search.matching(Practice.objects.all(), "fresh")) == [practice]
