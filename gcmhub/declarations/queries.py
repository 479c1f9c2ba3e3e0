"""Reads of the outcome declaration: what each person may see, and the compilation text."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from gcmhub.accounts.models import Organisation
from gcmhub.declarations import numbering
from gcmhub.declarations import text as wording
from gcmhub.declarations.models import (
    CoFacilitator,
    Decision,
    Document,
    NegotiatingGroup,
    Paragraph,
    Proposal,
    ProposalKind,
    Revision,
    Support,
)
from gcmhub.declarations.permissions import (
    can_see_proposals,
    can_see_revision,
    proposing_delegations,
)
from gcmhub.declarations.text import Piece

STATES = {"member-state", "observer-state"}  # delegations named by their country


@dataclass
class Entry:
    """One proposal as the compilation shows it under its paragraph."""

    proposal: Proposal
    label: str
    pieces: list[Piece]
    attribution: str
    decision: str


@dataclass
class Block:
    """One paragraph of a revision, with the proposals on it (none for the text alone)."""

    paragraph: Paragraph
    label: str
    pieces: list[Piece]
    entries: list[Entry] = field(default_factory=list)


def documents() -> QuerySet:
    return Document.objects.select_related("edition").prefetch_related(
        Prefetch("cofacilitators", queryset=_cofacilitators()), "revisions"
    )


def _cofacilitators():
    return CoFacilitator.objects.select_related("delegation__country", "delegation__entity_type")


def document_for(year: int) -> Document:
    return get_object_or_404(documents(), edition__year=year)


def visible_revisions(user, document: Document) -> list[Revision]:
    return [r for r in document.revisions.all() if can_see_revision(user, r)]  # by number


def visible_revision(user, year: int, number: int) -> Revision:
    """Revision NUMBER of YEAR's document, if USER may see it (404 otherwise)."""
    revision = get_object_or_404(
        Revision.objects.select_related("document__edition"),
        document__edition__year=year,
        number=number,
    )
    # the document with its co-facilitators, read once for every permission question
    revision.document = document_for(year)
    if not can_see_revision(user, revision):
        raise Http404
    return revision


def latest_published(document: Document) -> Revision | None:
    return document.revisions.filter(published_at__isnull=False).order_by("-number").first()


def paragraphs(revision: Revision) -> list[Paragraph]:
    return list(revision.paragraphs.select_related("parent").order_by("position"))


def delegations_for(user, revision: Revision) -> list[Organisation]:
    """The delegations USER may propose and support for in REVISION's round."""
    return proposing_delegations(user, revision)


def groups_for(delegation: Organisation) -> QuerySet:
    return NegotiatingGroup.objects.filter(members=delegation)


def visible_proposal(user, pk: int) -> Proposal:
    proposal = get_object_or_404(
        Proposal.objects.select_related(
            "revision__document__edition", "paragraph__parent", "delegation", "group"
        ),
        pk=pk,
    )
    proposal.revision = visible_revision(
        user, proposal.revision.document.edition.year, proposal.revision.number
    )
    if not can_see_proposals(user, proposal.revision):
        raise Http404
    return proposal


def delegation_name(organisation: Organisation) -> str:
    """A State's delegation goes by its country's name; anyone else by the organisation's."""
    if organisation.country_id and organisation.entity_type.code in STATES:
        return organisation.country.name
    return organisation.name


def speaker(delegation: Organisation, group: NegotiatingGroup | None) -> str:
    """The delegation, and the group it speaks for: "Egypt on behalf of the African Group"."""
    if group is None:
        return delegation_name(delegation)
    return _("%(delegation)s on behalf of %(group)s") % {
        "delegation": delegation_name(delegation),
        "group": group,
    }


def attribution(proposal: Proposal) -> str:
    """The proposer and supporters: "Mexico on behalf of the Group of Friends; supported by
    Egypt, Philippines"."""
    proposer = speaker(proposal.delegation, proposal.group)
    supports = [speaker(s.delegation, s.group) for s in proposal.supports.all()]
    if not supports:
        return proposer
    return _("%(proposer)s; supported by %(supporters)s") % {
        "proposer": proposer,
        "supporters": ", ".join(supports),
    }


def proposals(revision: Revision) -> QuerySet:
    """REVISION's proposals with everything the compilation shows about them."""
    delegation = ["delegation__country", "delegation__entity_type"]
    return revision.proposals.select_related(*delegation, "group").prefetch_related(
        Prefetch(
            "supports",
            queryset=Support.objects.select_related(
                "delegation__country", "delegation__entity_type", "group"
            ),
        )
    )


def compilation(
    revision: Revision,
    *,
    delegation: Organisation | None = None,
    paragraph: Paragraph | None = None,
) -> list[Block]:
    """REVISION's paragraphs, each with its text not agreed in square brackets and every
    proposal on it marked; only DELEGATION's (proposed or supported) and PARAGRAPH when given.
    Callers check permissions.can_see_proposals first."""
    texts = paragraphs(revision)
    by_paragraph: dict[int, list[Proposal]] = {}
    for proposal in proposals(revision):
        by_paragraph.setdefault(proposal.paragraph_id, []).append(proposal)
    blocks = []
    for each in texts:
        if paragraph is not None and each.pk != paragraph.pk:
            continue
        on_it = by_paragraph.get(each.pk, [])
        contested = [p for p in on_it if p.decision != Decision.NOT_TAKEN_IN]
        shown = [p for p in on_it if delegation is None or _involves(p, delegation)]
        if delegation is not None and not shown:
            continue
        blocks.append(
            Block(
                paragraph=each,
                label=each.label,
                pieces=wording.bracketed(each.text, contested),
                entries=_entries(texts, each, shown),
            )
        )
    return blocks


def _involves(proposal: Proposal, delegation: Organisation) -> bool:
    return proposal.delegation_id == delegation.pk or any(
        s.delegation_id == delegation.pk for s in proposal.supports.all()
    )


def _entries(texts: list[Paragraph], paragraph: Paragraph, shown: list[Proposal]) -> list[Entry]:
    entries, suffix = [], numbering.next_suffix(texts, paragraph)
    for proposal in shown:
        label = paragraph.label
        if proposal.kind == ProposalKind.ADD_AFTER:
            label, suffix = numbering.insertion_label(paragraph, suffix), suffix + 1
        entries.append(
            Entry(
                proposal=proposal,
                label=label,
                pieces=wording.proposal_pieces(paragraph.text, proposal),
                attribution=attribution(proposal),
                decision=""
                if proposal.decision == Decision.PENDING
                else proposal.get_decision_display(),
            )
        )
    return entries


def text_blocks(revision: Revision) -> list[Block]:
    """REVISION's text, paragraph by paragraph, without proposals."""
    return [Block(p, p.label, [Piece("", p.text)]) for p in paragraphs(revision)]


def proposals_of(revision: Revision, delegations: list[Organisation]) -> QuerySet:
    """The proposals DELEGATIONS made on REVISION (for "your delegation's proposals")."""
    return (
        proposals(revision)
        .filter(delegation__in=delegations)
        .select_related("paragraph__parent")
        .order_by("paragraph__position", "pk")
    )


def involved_delegations(revision: Revision) -> QuerySet:
    """Delegations that proposed or supported something on REVISION (the compilation filter)."""
    return (
        Organisation.objects.filter(
            Q(declaration_proposals__revision=revision)
            | Q(declaration_supports__proposal__revision=revision)
        )
        .select_related("country", "entity_type")
        .distinct()
        .order_by("name")
    )
