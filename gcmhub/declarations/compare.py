"""Two revisions of a document side by side: paragraph by paragraph, words added and removed,
paragraphs moved or renumbered, and the proposals that explain each change.

A paragraph of the newer revision continues the paragraph of the older one reached by
following ORIGIN back through the revisions between them."""

from bisect import bisect_left
from dataclasses import dataclass, field

from django.db.models import Prefetch

from gcmhub.declarations.models import Decision, Paragraph, Proposal, ProposalKind, Revision
from gcmhub.declarations.text import Piece, diff_pieces, normalise

PROPOSAL_RELATED = [
    "revision",
    "paragraph__parent",
    "delegation__country",
    "delegation__entity_type",
    "group",
]


@dataclass
class Row:
    """One paragraph of the comparison: STATUS "same", "changed", "added" or "removed"."""

    status: str
    old: Paragraph | None
    new: Paragraph | None
    pieces: list[Piece]
    renumbered: bool = False
    moved: bool = False
    proposals: list[Proposal] = field(default_factory=list)


def compare(old: Revision, new: Revision) -> list[Row]:
    """The rows comparing OLD with NEW, in NEW's order, removed paragraphs after the paragraph
    they followed; ValueError for revisions of two documents."""
    if old.document_id != new.document_id:
        raise ValueError("The revisions belong to different documents.")
    if old.number > new.number:
        old, new = new, old
    paragraphs = _paragraphs(old, new)
    by_pk = {paragraph.pk: paragraph for paragraph in paragraphs}
    rows = []
    matched: set[int] = set()
    for paragraph in (p for p in paragraphs if p.revision_id == new.pk):
        chain = _chain_back(paragraph, old, by_pk)
        first = chain[-1]
        if first.revision_id == old.pk:
            chain.pop()  # what OLD's paragraph was made by explains nothing here
        if first.revision_id == old.pk and first.pk not in matched:
            matched.add(first.pk)
            rows.append(_matched_row(first, paragraph, _applied(chain)))
        else:
            pieces = [Piece("ins", paragraph.text)]
            rows.append(Row("added", None, paragraph, pieces, proposals=_applied(chain)))
    _mark_moved([row for row in rows if row.old])
    removed = _removed_rows(old, new, paragraphs, matched)
    result = removed.get(None, [])
    for row in rows:
        result.append(row)
        if row.old:
            result += removed.get(row.old.pk, [])
    return result


def _paragraphs(old: Revision, new: Revision) -> list[Paragraph]:
    """The paragraphs of OLD, NEW and the revisions between, with what they need selected."""
    applied = Proposal.objects.select_related(*PROPOSAL_RELATED)
    return list(
        Paragraph.objects.filter(
            revision__document_id=old.document_id,
            revision__number__gte=old.number,
            revision__number__lte=new.number,
        )
        .select_related("parent")
        .prefetch_related(Prefetch("proposals_applied", queryset=applied))
        .order_by("revision__number", "position")
    )


def _chain_back(paragraph: Paragraph, old: Revision, by_pk: dict) -> list[Paragraph]:
    """PARAGRAPH and those it continues, back to one of OLD or to where it began."""
    chain = [paragraph]
    while chain[-1].revision_id != old.pk and chain[-1].origin_id in by_pk:
        chain.append(by_pk[chain[-1].origin_id])
    return chain


def _matched_row(old: Paragraph, new: Paragraph, proposals: list[Proposal]) -> Row:
    status = "same" if normalise(old.text) == normalise(new.text) else "changed"
    pieces = diff_pieces(old.text, new.text)
    return Row(status, old, new, pieces, old.label != new.label, proposals=proposals)


def _applied(chain: list[Paragraph]) -> list[Proposal]:
    """The proposals taken in that made the paragraphs of CHAIN, once each, in order."""
    unique = {p.pk: p for paragraph in chain for p in paragraph.proposals_applied.all()}
    return sorted(unique.values(), key=_proposal_order)


def _proposal_order(proposal: Proposal) -> tuple[int, int, int]:
    return proposal.revision.number, proposal.paragraph.position, proposal.pk


def _mark_moved(rows: list[Row]) -> None:
    """Mark moved the ROWS outside the longest run kept in the same order in both revisions."""
    rows = sorted(rows, key=lambda row: row.old.position)
    ends: list[int] = []  # ends[k]: the least new position ending an ordered run of k + 1
    tails: list[int] = []  # tails[k]: the row ending it
    previous: list[int | None] = []
    for i, row in enumerate(rows):
        k = bisect_left(ends, row.new.position)
        previous.append(tails[k - 1] if k else None)
        ends[k : k + 1] = [row.new.position]
        tails[k : k + 1] = [i]
    kept = set()
    i = tails[-1] if tails else None
    while i is not None:
        kept.add(i)
        i = previous[i]
    for i, row in enumerate(rows):
        row.moved = i not in kept


def _removed_rows(
    old: Revision, new: Revision, paragraphs: list[Paragraph], matched: set[int]
) -> dict[int | None, list[Row]]:
    """Rows of OLD's paragraphs that NEW no longer has, by the paragraph they follow."""
    deletions: dict[int, list[Proposal]] = {}
    for proposal in _deletions(old, new):
        deletions.setdefault(proposal.paragraph_id, []).append(proposal)
    successors: dict[int, list[Paragraph]] = {}
    for paragraph in paragraphs:
        if paragraph.revision_id != new.pk:
            successors.setdefault(paragraph.origin_id, []).append(paragraph)
    removed: dict[int | None, list[Row]] = {}
    after = None
    for paragraph in (p for p in paragraphs if p.revision_id == old.pk):
        if paragraph.pk in matched:
            after = paragraph.pk
            continue
        chain = _chain_forward(paragraph, successors)
        found = [p for member in chain for p in deletions.get(member.pk, [])]
        pieces = [Piece("del", paragraph.text)]
        proposals = sorted(found, key=_proposal_order)
        removed.setdefault(after, []).append(
            Row("removed", paragraph, None, pieces, proposals=proposals)
        )
    return removed


def _deletions(old: Revision, new: Revision):
    """Paragraph deletions taken in, wholly or partly, on OLD and the revisions before NEW."""
    return Proposal.objects.filter(
        revision__document_id=old.document_id,
        revision__number__gte=old.number,
        revision__number__lt=new.number,
        kind=ProposalKind.DELETE_PARAGRAPH,
        decision__in=[Decision.TAKEN_IN, Decision.PARTLY],
    ).select_related(*PROPOSAL_RELATED)


def _chain_forward(paragraph: Paragraph, successors: dict) -> list[Paragraph]:
    """PARAGRAPH and the paragraphs continuing it in the revisions before the newer one."""
    chain = [paragraph]
    for member in chain:  # grows while it is read
        chain += successors.get(member.pk, [])
    return chain
