"""Paragraph numbers: "bis", "ter" for what is inserted inside a revision, a clean count from 1
in the next one."""

from gcmhub.declarations.models import Paragraph


def _same_number(paragraph: Paragraph, other: Paragraph) -> bool:
    return (other.kind, other.parent_id, other.number) == (
        paragraph.kind,
        paragraph.parent_id,
        paragraph.number,
    )


def next_suffix(paragraphs: list[Paragraph], after: Paragraph) -> int:
    """The suffix a paragraph inserted after AFTER takes: one past the last with its number."""
    return max(p.suffix for p in paragraphs if _same_number(after, p)) + 1


def insertion_label(after: Paragraph, suffix: int) -> str:
    """The label of a paragraph inserted after AFTER with SUFFIX ("OP5 bis")."""
    return Paragraph(kind=after.kind, parent=after.parent, number=after.number, suffix=suffix).label


def insertion_position(paragraphs: list[Paragraph], after: Paragraph) -> int:
    """The position a paragraph inserted after AFTER takes: after AFTER, the paragraphs already
    inserted after it ("bis", "ter") and their sub-paragraphs, so labels stay in order."""
    same = {p.pk for p in paragraphs if _same_number(after, p)}
    position = after.position
    for paragraph in sorted(paragraphs, key=lambda p: p.position):
        if paragraph.position <= after.position:
            continue
        if paragraph.pk not in same and paragraph.parent_id not in same:
            break
        position = paragraph.position
    return position + 1


def renumber(paragraphs: list[Paragraph]) -> None:
    """Number PARAGRAPHS (in order) from 1 per kind, sub-paragraphs from (a) per paragraph, with
    no suffixes; PARENT must already point to the right paragraph. Changes the objects only."""
    counts: dict[object, int] = {}
    for position, paragraph in enumerate(paragraphs, start=1):
        # new paragraphs have no primary key yet: tell parents apart by identity
        key = id(paragraph.parent) if paragraph.parent is not None else paragraph.kind
        counts[key] = counts.get(key, 0) + 1
        paragraph.position, paragraph.number, paragraph.suffix = position, counts[key], 0
