"""Practice writes: drafting, attachments, calls, and the peer review the secretariat runs.
The lifecycle itself (submit, publish, …) is workflow.services."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gcmhub.accounts.models import User
from gcmhub.practices.models import (
    Assignment,
    Attachment,
    Call,
    Conflict,
    Practice,
    Recommendation,
    ReviewerProfile,
)
from gcmhub.web.uploads import check_upload
from gcmhub.workflow import permissions
from gcmhub.workflow import services as workflow
from gcmhub.workflow.models import Action, State
from gcmhub.workflow.queries import is_secretariat

ATTACHMENT_KINDS = ("pdf", "docx", "png", "jpeg")
MAX_ATTACHMENTS = 10


def start_practice(data: dict, *, organisation, by: User) -> Practice:
    """A new draft practice from the first section of the form."""
    return workflow.create_draft(Practice, data, organisation=organisation, by=by)


def _require_files_editable(practice: Practice, by: User) -> None:
    permissions.require(by, Action.EDIT, practice)
    if practice.state not in (State.DRAFT, State.CHANGES_REQUESTED, State.UNPUBLISHED):
        raise ValidationError(
            _("Attachments can be changed while the practice is a draft or returned for changes.")
        )


@transaction.atomic
def add_attachment(practice: Practice, upload, *, by: User) -> Attachment:
    """Attach an uploaded file after checking what it really is; nothing is stored otherwise."""
    _require_files_editable(practice, by)
    if practice.attachments.count() >= MAX_ATTACHMENTS:
        raise ValidationError(
            _("A practice can have at most %(max)s attachments.") % {"max": MAX_ATTACHMENTS}
        )
    kind = check_upload(upload, kinds=ATTACHMENT_KINDS)
    name = upload.name.rsplit("/", 1)[-1][:200]
    attachment = Attachment(
        practice=practice, name=name, kind=kind, size=upload.size, uploaded_by=by
    )
    attachment.file.save(f"{kind}.{kind}", upload, save=False)
    attachment.save()
    return attachment


@transaction.atomic
def remove_attachment(attachment: Attachment, *, by: User) -> None:
    _require_files_editable(attachment.practice, by)
    attachment.file.delete(save=False)
    attachment.delete()


@transaction.atomic
def open_call(data: dict, *, by: User) -> Call:
    """The secretariat opens a call for practices."""
    if not is_secretariat(by):
        raise PermissionDenied
    objectives = data.pop("objectives", [])
    call = Call(created_by=by, **data)
    call.full_clean()
    call.save()
    call.objectives.set(objectives)
    return call


# Peer review ----------------------------------------------------------------------------------


@transaction.atomic
def assign_reviewer(
    practice: Practice, reviewer: ReviewerProfile, *, by: User, is_tiebreak: bool = False
) -> Assignment:
    """The secretariat asks a reviewer from the roster to review a submitted practice."""
    if not is_secretariat(by):
        raise PermissionDenied
    if practice.state != State.SUBMITTED:
        raise ValidationError(_("Reviewers are assigned to practices awaiting review only."))
    if not reviewer.is_active:
        raise ValidationError(_("This reviewer is not available."))
    if reviewer.user.memberships.filter(organisation_id=practice.organisation_id).exists():
        raise ValidationError(
            _("%(name)s belongs to the submitting organisation and cannot review this practice.")
            % {"name": reviewer.user.full_name}
        )
    try:
        with transaction.atomic():
            assignment = Assignment.objects.create(
                practice=practice,
                reviewer=reviewer,
                round=practice.review_round,
                is_tiebreak=is_tiebreak,
                assigned_by=by,
            )
    except IntegrityError:
        raise ValidationError(
            _("%(name)s is already asked to review this practice.")
            % {"name": reviewer.user.full_name}
        ) from None
    _notify_reviewer(assignment)
    return assignment


def _require_open_assignment(assignment: Assignment, by: User) -> None:
    if assignment.reviewer.user_id != by.pk:
        raise PermissionDenied
    if assignment.is_released:
        raise ValidationError(
            _("You declared a conflict of interest; this assignment was released.")
        )
    practice = assignment.practice
    if practice.state != State.SUBMITTED or assignment.round != practice.review_round:
        raise ValidationError(_("This review is closed: the practice is no longer in this round."))


@transaction.atomic
def declare_conflict(assignment: Assignment, *, has_conflict: bool, note: str = "", by: User):
    """The reviewer says whether they have a conflict of interest; a conflict releases them."""
    Assignment.objects.select_for_update().filter(pk=assignment.pk).exists()
    assignment.refresh_from_db()
    _require_open_assignment(assignment, by)
    if assignment.conflict:
        raise ValidationError(_("You have already made your declaration."))
    assignment.conflict = Conflict.DECLARED if has_conflict else Conflict.NONE
    assignment.conflict_note = note
    assignment.declared_at = timezone.now()
    assignment.save(update_fields=["conflict", "conflict_note", "declared_at"])


@transaction.atomic
def submit_review(assignment: Assignment, *, recommendation: str, comments: str, by: User):
    """The reviewer's recommendation (publish, revise or reject) and comments for the submitter."""
    Assignment.objects.select_for_update().filter(pk=assignment.pk).exists()
    assignment.refresh_from_db()
    _require_open_assignment(assignment, by)
    if assignment.conflict != Conflict.NONE:
        raise ValidationError(_("Declare whether you have a conflict of interest first."))
    if assignment.is_done:
        raise ValidationError(_("You have already sent your review."))
    assignment.recommendation = Recommendation(recommendation)
    assignment.comments = comments
    assignment.reviewed_at = timezone.now()
    assignment.save(update_fields=["recommendation", "comments", "reviewed_at"])


def _notify_reviewer(assignment: Assignment) -> None:
    user = assignment.reviewer.user
    with translation.override(user.language):
        context = {
            "assignment": assignment,
            "url": settings.SITE_URL + assignment.get_absolute_url(),
        }
        subject = render_to_string("practices/email/assigned_subject.txt", context).strip()
        body = render_to_string("practices/email/assigned.txt", context)
    transaction.on_commit(lambda: send_mail(subject, body, None, [user.email]))
