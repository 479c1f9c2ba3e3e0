"""Every change to an outcome document: one function per intention, one transaction each, with
an entry in the audit trail. Bad input or a wrong moment raises ValidationError with a message
for the person; someone not allowed gets PermissionDenied."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from gcmhub.accounts.models import Organisation
from gcmhub.compact.models import Edition
from gcmhub.declarations import numbering
from gcmhub.declarations import text as wording
from gcmhub.declarations.importing import Parsed
from gcmhub.declarations.models import (
    CoFacilitator,
    Decision,
    Document,
    NegotiatingGroup,
    Paragraph,
    ParagraphKind,
    Proposal,
    ProposalKind,
    Revision,
    Support,
)
from gcmhub.declarations.permissions import (
    can_edit_proposal,
    can_manage_documents,
    proposing_delegations,
    require_cofacilitator,
)
from gcmhub.workflow.models import Action
from gcmhub.workflow.services import record_event

COFACILITATORS = 2
WITH_TEXT = {ProposalKind.REPLACE, ProposalKind.INSERT, ProposalKind.ADD_AFTER}
# What a proposal taken in does to its paragraph when the next revision starts.
CHANGES_TEXT = {
    ProposalKind.REPLACE,
    ProposalKind.INSERT,
    ProposalKind.DELETE_WORDS,
    ProposalKind.DELETE_PARAGRAPH,
}


@transaction.atomic
def save_document(
    edition: Edition,
    *,
    title: str,
    language: str,
    cofacilitators: list[tuple[Organisation, str]],
    by,
    document: Document | None = None,
) -> Document:
    """Start EDITION's outcome document (with an empty zero draft) or change its settings."""
    if not can_manage_documents(by):
        raise PermissionDenied
    delegations = {delegation.pk for delegation, _representative in cofacilitators}
    if len(cofacilitators) != COFACILITATORS or len(delegations) != COFACILITATORS:
        raise ValidationError(_("Choose two different delegations as co-facilitators."))
    is_new = document is None
    if is_new:
        document = Document(edition=edition)
    document.title, document.language = title.strip(), language
    document.save()
    document.cofacilitators.exclude(delegation__in=delegations).delete()
    for delegation, representative in cofacilitators:
        CoFacilitator.objects.update_or_create(
            document=document, delegation=delegation, defaults={"representative": representative}
        )
    if is_new:
        Revision.objects.create(document=document, number=0, published_at=None)
    names = sorted(str(delegation) for delegation, _representative in cofacilitators)
    record_event(
        document,
        Action.CREATE if is_new else Action.EDIT,
        by=by,
        changes={"title": document.title, "co-facilitators": names},
    )
    return document


def _require_draft(revision: Revision, by) -> None:
    require_cofacilitator(by, revision.document)
    if revision.is_published:
        raise ValidationError(
            _("%(revision)s is published; its text no longer changes. Start the next revision.")
            % {"revision": revision.label}
        )


def _clean_text(value: str) -> str:
    cleaned = wording.normalise(value)
    if not cleaned:
        raise ValidationError(_("Type the text of the paragraph."))
    return cleaned


@transaction.atomic
def import_paragraphs(revision: Revision, parsed: list[Parsed], *, by) -> list[Paragraph]:
    """Fill an empty unpublished REVISION with the paragraphs read from a file or pasted text."""
    _require_draft(revision, by)
    if revision.paragraphs.exists():
        raise ValidationError(
            _(
                "%(revision)s already has paragraphs. Edit them one by one, or delete them "
                "before importing a whole text."
            )
            % {"revision": revision.label}
        )
    if not parsed:
        raise ValidationError(_("No paragraphs were found in the text."))
    paragraphs: list[Paragraph] = []
    for item in parsed:
        parent = _last_top(paragraphs) if item.is_sub else None
        paragraphs.append(
            Paragraph(
                revision=revision,
                kind=parent.kind if parent else item.kind,
                parent=parent,
                text=wording.normalise(item.text),
            )
        )
    _save_new(paragraphs)
    record_event(revision, Action.EDIT, by=by, changes={"imported paragraphs": len(paragraphs)})
    return paragraphs


def _last_top(paragraphs: list[Paragraph]) -> Paragraph | None:
    return next((p for p in reversed(paragraphs) if p.parent is None), None)


def _save_new(paragraphs: list[Paragraph]) -> None:
    """Number PARAGRAPHS afresh and save them in order (a parent before its sub-paragraphs)."""
    numbering.renumber(paragraphs)
    for paragraph in paragraphs:
        paragraph.save()  # a parent is saved before its sub-paragraphs, which read its key


@transaction.atomic
def add_paragraph(
    revision: Revision, *, after: Paragraph | None, kind: str, text: str, by
) -> Paragraph:
    """Insert a paragraph in an unpublished REVISION: after AFTER with the next "bis", "ter"
    label, or (AFTER None) as the last paragraph of KIND with the next number."""
    _require_draft(revision, by)
    paragraphs = list(revision.paragraphs.select_related("parent"))
    if after is not None and after.revision_id != revision.pk:
        raise ValidationError(_("That paragraph belongs to another revision."))
    paragraph = Paragraph(revision=revision, text=_clean_text(text))
    if after is not None:
        paragraph.kind, paragraph.parent, paragraph.number = after.kind, after.parent, after.number
        paragraph.suffix = numbering.next_suffix(paragraphs, after)
        paragraph.position = numbering.insertion_position(paragraphs, after)
    else:
        paragraph.kind = ParagraphKind(kind)
        same_kind = [p for p in paragraphs if p.kind == paragraph.kind]
        paragraph.number = max((p.number for p in same_kind if p.parent_id is None), default=0) + 1
        paragraph.position = _end_of_kind(paragraphs, paragraph.kind)
    revision.paragraphs.filter(position__gte=paragraph.position).update(position=F("position") + 1)
    paragraph.save()
    record_event(revision, Action.EDIT, by=by, changes={"added": paragraph.label})
    return paragraph


def _end_of_kind(paragraphs: list[Paragraph], kind: str) -> int:
    """Where a new last paragraph of KIND goes: after the last of its kind (preambular
    paragraphs come first, operative ones last)."""
    positions = [p.position for p in paragraphs if p.kind == kind]
    if positions:
        return max(positions) + 1
    if kind == ParagraphKind.PREAMBULAR:
        return 1
    return max((p.position for p in paragraphs), default=0) + 1


@transaction.atomic
def edit_paragraph(paragraph: Paragraph, *, text: str, by) -> None:
    _require_draft(paragraph.revision, by)
    before, paragraph.text = paragraph.text, _clean_text(text)
    paragraph.save(update_fields=["text"])
    record_event(
        paragraph.revision, Action.EDIT, by=by, changes={paragraph.label: [before, paragraph.text]}
    )


@transaction.atomic
def delete_paragraph(paragraph: Paragraph, *, by) -> None:
    """Remove a paragraph (and its sub-paragraphs) from an unpublished revision; the others keep
    their labels until the next revision."""
    _require_draft(paragraph.revision, by)
    label = paragraph.label
    paragraph.delete()
    record_event(paragraph.revision, Action.DELETE, by=by, changes={"deleted": label})


@transaction.atomic
def publish_revision(revision: Revision, *, by) -> None:
    """Make REVISION public; a round still open on an earlier revision closes."""
    _require_draft(revision, by)
    if not revision.paragraphs.exists():
        raise ValidationError(_("Add or import the text before publishing it."))
    now = timezone.now()
    revision.published_at = now
    revision.save(update_fields=["published_at"])
    revision.document.revisions.filter(
        round_opened_at__isnull=False, round_closed_at__isnull=True
    ).exclude(pk=revision.pk).update(round_closed_at=now)
    record_event(revision, Action.PUBLISH, by=by)


def _latest(document: Document) -> Revision | None:
    return document.revisions.order_by("-number").first()


def _is_adopted(document: Document) -> bool:
    return document.revisions.filter(adopted_on__isnull=False).exists()


@transaction.atomic
def open_round(revision: Revision, *, deadline: datetime.datetime, audience: str, by) -> None:
    """Open (or reopen) the round of proposals on the latest revision until DEADLINE."""
    require_cofacilitator(by, revision.document)
    if not revision.is_published or _latest(revision.document) != revision:
        raise ValidationError(_("Proposals can only be made on the latest published revision."))
    if _is_adopted(revision.document):
        raise ValidationError(_("The declaration is adopted; no more proposals can be made."))
    if deadline <= timezone.now():
        raise ValidationError(_("The deadline must be in the future."))
    revision.round_opened_at = timezone.now()
    revision.round_deadline, revision.round_audience = deadline, audience
    revision.round_closed_at = None
    revision.save()
    record_event(
        revision,
        Action.EDIT,
        by=by,
        changes={"round opened until": deadline.isoformat(), "audience": audience},
    )


@transaction.atomic
def close_round(revision: Revision, *, by) -> None:
    require_cofacilitator(by, revision.document)
    if not revision.is_round_open:
        raise ValidationError(_("The round of proposals is not open."))
    revision.round_closed_at = timezone.now()
    revision.save(update_fields=["round_closed_at"])
    record_event(revision, Action.EDIT, by=by, changes={"round closed": True})


@transaction.atomic
def publish_compilation(revision: Revision, *, by) -> None:
    """Make the proposals on REVISION public, with their delegations and decisions."""
    require_cofacilitator(by, revision.document)
    if revision.round_opened_at is None:
        raise ValidationError(_("No round of proposals was opened on this revision."))
    revision.compilation_published_at = timezone.now()
    revision.save(update_fields=["compilation_published_at"])
    record_event(revision, Action.PUBLISH, by=by, changes={"compilation": True})


@transaction.atomic
def adopt(revision: Revision, *, on: datetime.date, at: str, by) -> None:
    """Record that the published final text was adopted ON a day AT a meeting."""
    require_cofacilitator(by, revision.document)
    if not (revision.is_final and revision.is_published):
        raise ValidationError(_("Only a published final text can be adopted."))
    if _is_adopted(revision.document):
        raise ValidationError(_("The declaration is already adopted."))
    revision.adopted_on, revision.adopted_at = on, at.strip()
    if revision.is_round_open:
        revision.round_closed_at = timezone.now()
    revision.save()
    record_event(revision, Action.PUBLISH, by=by, changes={"adopted": [str(on), at]})


def _taken(proposal: Proposal) -> wording.Edit | None:
    """What a decided PROPOSAL does to its paragraph in the next revision, if anything."""
    if proposal.decision == Decision.TAKEN_IN and proposal.kind in CHANGES_TEXT:
        return wording.Edit(proposal.kind, proposal.start, proposal.end, proposal.text)
    if proposal.decision == Decision.PARTLY and proposal.taken_text:
        if proposal.kind == ProposalKind.ADD_AFTER:
            return None  # an addition's text as taken in is the new paragraph
        return wording.Edit(ProposalKind.REPLACE, None, None, proposal.taken_text)
    return None


def _added_text(proposal: Proposal) -> str:
    if proposal.kind != ProposalKind.ADD_AFTER:
        return ""
    if proposal.decision == Decision.TAKEN_IN:
        return proposal.text
    if proposal.decision == Decision.PARTLY:
        return proposal.taken_text
    return ""


@transaction.atomic
def start_revision(document: Document, *, is_final: bool, by) -> Revision:
    """Start the next revision from the latest published one: the proposals taken in applied,
    every paragraph numbered afresh, each linked to the paragraph it continues."""
    require_cofacilitator(by, document)
    source = _latest(document)
    if source is None or not source.is_published:
        raise ValidationError(_("Publish the current revision before starting the next one."))
    if _is_adopted(document):
        raise ValidationError(_("The declaration is adopted; no more revisions can be made."))
    revision = Revision.objects.create(
        document=document, number=source.number + 1, is_final=is_final, based_on=source
    )
    decided = source.proposals.exclude(decision__in=[Decision.PENDING, Decision.NOT_TAKEN_IN])
    by_paragraph: dict[int, list[Proposal]] = {}
    for proposal in decided.order_by("decided_at", "pk"):
        by_paragraph.setdefault(proposal.paragraph_id, []).append(proposal)
    paragraphs, applied, copies = [], [], {}
    waiting: list[tuple[Paragraph, Proposal]] = []  # additions after a paragraph and its subs
    for old in source.paragraphs.order_by("position"):
        if old.parent_id is None:
            _add_waiting(paragraphs, applied, waiting)
        proposals = by_paragraph.get(old.pk, [])
        edits = [edit for edit in map(_taken, proposals) if edit is not None]
        new_text = wording.apply_edits(old.text, edits)
        parent = copies.get(old.parent_id) if old.parent_id else None
        if new_text is None or (old.parent_id and parent is None):
            continue  # deleted, or a sub-paragraph of a deleted paragraph
        copy = Paragraph(revision=revision, kind=old.kind, parent=parent, text=new_text, origin=old)
        copies[old.pk] = copy
        paragraphs.append(copy)
        applied.append([p for p in proposals if p.kind != ProposalKind.ADD_AFTER])
        additions = [(copy, p) for p in proposals if _added_text(p)]
        if old.parent_id is None:
            waiting.extend(additions)
        else:
            waiting_now: list[tuple[Paragraph, Proposal]] = additions
            _add_waiting(paragraphs, applied, waiting_now)
    _add_waiting(paragraphs, applied, waiting)
    _save_new(paragraphs)
    for paragraph, proposals in zip(paragraphs, applied, strict=True):
        if proposals:
            paragraph.proposals_applied.set(proposals)
    record_event(revision, Action.CREATE, by=by, changes={"started from": source.label})
    return revision


def _add_waiting(paragraphs, applied, waiting) -> None:
    """Append the paragraphs added by proposals in WAITING (emptied) after the last one."""
    for copy, proposal in waiting:
        paragraphs.append(
            Paragraph(
                revision=copy.revision,
                kind=copy.kind,
                parent=copy.parent,
                text=wording.normalise(_added_text(proposal)),
            )
        )
        applied.append([proposal])
    waiting.clear()


def _round_problem(revision: Revision) -> str:
    """Why REVISION takes no proposals now, or ""."""
    if revision.is_round_open:
        return ""
    if revision.round_deadline and revision.round_opened_at:
        return _("The round of proposals on %(revision)s closed on %(date)s.") % {
            "revision": revision.label,
            "date": date_format(
                timezone.localtime(
                    revision.round_closed_at or revision.round_deadline,
                    revision.document.edition.zone,
                ),
                "DATETIME_FORMAT",
            ),
        }
    return _("No round of proposals is open on %(revision)s.") % {"revision": revision.label}


def _check_delegation(revision, delegation, group, by) -> None:
    if delegation not in proposing_delegations(by, revision):
        raise PermissionDenied
    if group is not None and not group.members.filter(pk=delegation.pk).exists():
        raise ValidationError(
            _("%(delegation)s is not a member of %(group)s, so it cannot speak for it.")
            % {"delegation": delegation, "group": group}
        )


def _check_change(paragraph: Paragraph, kind: str, new_text: str, start, end) -> None:
    """A clear error when the change cannot apply to PARAGRAPH."""
    count = len(wording.words(paragraph.text))
    if kind in WITH_TEXT and not new_text:
        raise ValidationError(_("Type the text you propose."))
    if kind == ProposalKind.REPLACE and new_text == paragraph.text:
        raise ValidationError(_("The new text is the same as the current one."))
    if kind == ProposalKind.INSERT and not (
        start is not None and start == end and 0 <= start <= count
    ):
        raise ValidationError(
            _("The insertion point is outside %(label)s, which has %(count)s words.")
            % {"label": paragraph.label, "count": count}
        )
    if kind == ProposalKind.DELETE_WORDS and not (
        start is not None and end is not None and 0 <= start < end <= count
    ):
        raise ValidationError(
            _("The words to delete are outside %(label)s, which has %(count)s words.")
            % {"label": paragraph.label, "count": count}
        )


def _checked(revision, paragraph, delegation, group, kind, text, start, end, by) -> str:
    """The change's text, cleaned, if DELEGATION may propose it on PARAGRAPH of REVISION now;
    otherwise a clear error."""
    if problem := _round_problem(revision):
        raise ValidationError(problem)
    _check_delegation(revision, delegation, group, by)
    new_text = wording.normalise(text) if kind in WITH_TEXT else ""
    _check_change(paragraph, kind, new_text, start, end)
    return new_text


def _set_change(proposal: Proposal, kind: str, new_text: str, start, end) -> None:
    proposal.kind, proposal.text = kind, new_text
    located = kind in {ProposalKind.INSERT, ProposalKind.DELETE_WORDS}
    proposal.start, proposal.end = (start, end) if located else (None, None)


@transaction.atomic
def propose(
    revision: Revision,
    paragraph: Paragraph,
    *,
    delegation: Organisation,
    kind: str,
    text: str = "",
    start: int | None = None,
    end: int | None = None,
    group: NegotiatingGroup | None = None,
    by,
) -> Proposal:
    """DELEGATION's proposal on PARAGRAPH of REVISION during its open round."""
    if paragraph.revision_id != revision.pk:
        raise ValidationError(
            _("%(label)s is a paragraph of another revision; propose on %(revision)s's text.")
            % {"label": paragraph.label, "revision": revision.label}
        )
    new_text = _checked(revision, paragraph, delegation, group, kind, text, start, end, by)
    proposal = Proposal(
        revision=revision, paragraph=paragraph, delegation=delegation, group=group, created_by=by
    )
    _set_change(proposal, kind, new_text, start, end)
    proposal.save()
    record_event(proposal, Action.CREATE, by=by, changes=_described(proposal))
    return proposal


def _described(proposal: Proposal) -> dict:
    return {
        "paragraph": proposal.paragraph.label,
        "change": proposal.kind,
        "text": proposal.text,
        "words": [proposal.start, proposal.end],
        "group": str(proposal.group or ""),
    }


def _require_editable(proposal: Proposal, by) -> None:
    if problem := _round_problem(proposal.revision):
        raise ValidationError(problem)
    if not can_edit_proposal(by, proposal):
        raise PermissionDenied


@transaction.atomic
def update_proposal(
    proposal: Proposal,
    *,
    kind: str,
    text: str = "",
    start: int | None = None,
    end: int | None = None,
    group: NegotiatingGroup | None = None,
    by,
) -> None:
    _require_editable(proposal, by)
    new_text = _checked(
        proposal.revision,
        proposal.paragraph,
        proposal.delegation,
        group,
        kind,
        text,
        start,
        end,
        by,
    )
    before = _described(proposal)
    proposal.group = group
    _set_change(proposal, kind, new_text, start, end)
    proposal.save()
    record_event(
        proposal, Action.EDIT, by=by, changes={"before": before, "after": _described(proposal)}
    )


@transaction.atomic
def withdraw_proposal(proposal: Proposal, *, by) -> None:
    _require_editable(proposal, by)
    record_event(proposal, Action.DELETE, by=by, changes=_described(proposal))
    proposal.delete()


@transaction.atomic
def support(
    proposal: Proposal, *, delegation: Organisation, group: NegotiatingGroup | None = None, by
) -> Support:
    """DELEGATION joins PROPOSAL (perhaps for a group it belongs to) while the round is open."""
    if problem := _round_problem(proposal.revision):
        raise ValidationError(problem)
    _check_delegation(proposal.revision, delegation, group, by)
    if delegation.pk == proposal.delegation_id:
        raise ValidationError(_("This is your delegation's own proposal."))
    if proposal.supports.filter(delegation=delegation).exists():
        raise ValidationError(
            _("%(delegation)s already supports this proposal.") % {"delegation": delegation}
        )
    joined = Support.objects.create(
        proposal=proposal, delegation=delegation, group=group, created_by=by
    )
    record_event(proposal, Action.EDIT, by=by, changes={"supported by": str(group or delegation)})
    return joined


@transaction.atomic
def withdraw_support(joined: Support, *, by) -> None:
    proposal = joined.proposal
    if problem := _round_problem(proposal.revision):
        raise ValidationError(problem)
    if joined.delegation not in proposing_delegations(by, proposal.revision):
        raise PermissionDenied
    record_event(
        proposal,
        Action.EDIT,
        by=by,
        changes={"support withdrawn": str(joined.group or joined.delegation)},
    )
    joined.delete()


@transaction.atomic
def decide(proposal: Proposal, *, decision: str, note: str = "", taken_text: str = "", by) -> None:
    """The co-facilitators' decision on PROPOSAL; the next revision applies it."""
    revision = proposal.revision
    require_cofacilitator(by, revision.document)
    if _latest(revision.document) != revision:
        raise ValidationError(
            _("The next revision has started from %(revision)s; its decisions are final.")
            % {"revision": revision.label}
        )
    proposal.decision = Decision(decision)
    proposal.decision_note = note.strip()
    proposal.taken_text = wording.normalise(taken_text) if decision == Decision.PARTLY else ""
    pending = proposal.decision == Decision.PENDING
    proposal.decided_by, proposal.decided_at = (None, None) if pending else (by, timezone.now())
    proposal.save()
    record_event(
        proposal,
        Action.EDIT,
        by=by,
        note=proposal.decision_note,
        changes={"decision": proposal.decision, "text as taken in": proposal.taken_text},
    )
