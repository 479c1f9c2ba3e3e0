"""Review writes: starting national and regional reviews, and their documents. The lifecycle
itself (submit, publish, …) is workflow.services."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gcmhub.accounts.models import User
from gcmhub.reviews import queries
from gcmhub.reviews.documents import read_document
from gcmhub.reviews.models import NATIONAL_KINDS, Document, Kind, Review
from gcmhub.search import services as search
from gcmhub.workflow import permissions
from gcmhub.workflow import services as workflow
from gcmhub.workflow.models import Action, State


@transaction.atomic
def start_review(data: dict, *, country, by: User) -> Review:
    """A Member State focal point starts a draft national report for their own country."""
    organisation = queries.countries_to_report_for(by).get(country)
    if organisation is None:
        raise PermissionDenied(
            _("Only a focal point of %(country)s's government can submit its reviews.")
            % {"country": country.name}
        )
    if data.get("kind") not in NATIONAL_KINDS:
        raise ValidationError(_("Choose a kind of national report."))
    return workflow.create_draft(Review, data, organisation=organisation, by=by, country=country)


@transaction.atomic
def start_regional_review(data: dict, *, commission, by: User) -> Review:
    """The secretariat, or a regional commission's own account, starts a regional review."""
    organisation = queries.commissions_to_report_for(by).get(commission)
    if organisation is None:
        raise PermissionDenied(
            _(
                "No verified organisation on gcmhub represents %(commission)s that you may act "
                "for. The secretariat links a regional commission to its organisation."
            )
            % {"commission": commission.code}
        )
    _check_participants(data.get("participants", []), commission)
    data = {**data, "kind": Kind.REGIONAL_REVIEW}
    return workflow.create_draft(
        Review, data, organisation=organisation, by=by, commission=commission
    )


def _check_participants(countries, commission) -> None:
    outside = [c.name for c in countries if commission not in c.commissions.all()]
    if outside:
        raise ValidationError(
            _("%(countries)s are not members of %(commission)s.")
            % {"countries": ", ".join(sorted(outside)), "commission": commission.code}
        )


def edit_review(review: Review, data: dict, *, by: User, seen: str | None = None):
    """Change a review's fields; on a published review the change waits for the secretariat."""
    if review.is_regional and "participants" in data:
        _check_participants(data["participants"], review.commission)
    return workflow.edit(review, data, by=by, seen=seen)


@transaction.atomic
def upload_document(review: Review, upload, *, language: str, by: User) -> Document:
    """Add the LANGUAGE version of the report after checking what the file really is. It
    replaces the current one of that language at once while the review is not public, and waits
    for the secretariat's acceptance when it is. Nothing is stored if the file is refused."""
    permissions.require(by, Action.EDIT, review)
    extracted = read_document(upload)
    status = Document.Status.PENDING if review.is_published else Document.Status.CURRENT
    earlier = review.documents.filter(language=language, status=status).first()
    if earlier and status == Document.Status.PENDING:  # a second try before the decision
        earlier.status = Document.Status.DECLINED
        earlier.save(update_fields=["status"])
    elif earlier:
        _replace(earlier)
    document = Document(
        review=review,
        language=language,
        name=upload.name.rsplit("/", 1)[-1][:200],
        kind=extracted.kind,
        size=upload.size,
        pages=extracted.pages,
        text=extracted.text,
        is_searchable=extracted.is_searchable,
        status=status,
        uploaded_by=by,
    )
    document.file.save(f"{language}.{extracted.kind}", upload, save=False)
    document.save()
    workflow.record_event(
        review,
        Action.SUBMIT if review.is_published else Action.EDIT,
        by=by,
        changes={"document": [earlier.name if earlier else None, document.name]},
        note=document.get_language_display(),
        on_revision=review.is_published,
    )
    return document


def _replace(document: Document) -> None:
    document.status = Document.Status.REPLACED
    document.replaced_at = timezone.now()
    document.save(update_fields=["status", "replaced_at"])


@transaction.atomic
def decide_document(document: Document, *, accept: bool, by: User, note: str = "") -> None:
    """The secretariat accepts a new version of a published review's document (it becomes the
    current one, the earlier version stays listed) or declines it."""
    review = document.review
    permissions.require(by, Action.PUBLISH, review, state=State.SUBMITTED)
    if document.status != Document.Status.PENDING:
        raise ValidationError(_("This document was already decided."))
    if accept:
        if current := review.documents.filter(
            language=document.language, status=Document.Status.CURRENT
        ).first():
            _replace(current)
        document.status = Document.Status.CURRENT
    else:
        document.status = Document.Status.DECLINED
    document.save(update_fields=["status"])
    workflow.record_event(
        review,
        Action.PUBLISH if accept else Action.REJECT,
        by=by,
        changes={"document": [None, document.name]},
        note=note,
        on_revision=True,
    )
    search.index(review)


@transaction.atomic
def remove_document(document: Document, *, by: User) -> None:
    """Take back a document of a review that was never public (a wrong file, say)."""
    review = document.review
    permissions.require(by, Action.EDIT, review)
    if review.published_at is not None or review.state not in (
        State.DRAFT,
        State.CHANGES_REQUESTED,
    ):
        raise ValidationError(
            _(
                "Documents of a review that has been public stay listed; upload a new version "
                "instead."
            )
        )
    document.delete()
    transaction.on_commit(lambda: document.file.delete(save=False))  # the row first
    workflow.record_event(review, Action.EDIT, by=by, changes={"document": [document.name, None]})
