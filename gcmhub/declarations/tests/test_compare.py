from types import SimpleNamespace

import pytest

from gcmhub.compact.models import Edition
from gcmhub.declarations.compare import compare
from gcmhub.declarations.models import Decision, ParagraphKind, ProposalKind
from gcmhub.declarations.tests.factories import (
    DocumentFactory,
    ParagraphFactory,
    ProposalFactory,
    RevisionFactory,
    government,
)
from gcmhub.declarations.text import Piece

pytestmark = pytest.mark.django_db

RECALLING = "Recalling the Global Compact for Safe, Orderly and Regular Migration,"
WELCOME = "We welcome the progress made."
CLOSELY = "We commit to cooperate closely on return."
FULLY = "We commit to cooperate fully on return."
REPORT = "We note the report of the Secretary-General."
REVIEW = "We will review progress in 2030."
DATA = "We call for better data."


def paragraph(revision, position, number, text, *, kind=ParagraphKind.OPERATIVE, origin=None):
    return ParagraphFactory(
        revision=revision, position=position, number=number, text=text, kind=kind, origin=origin
    )


def taken_in(paragraph, kind, text="", *, decision=Decision.TAKEN_IN, delegation="MAR"):
    return ProposalFactory(
        paragraph=paragraph,
        kind=kind,
        text=text,
        decision=decision,
        delegation=government(delegation),
    )


def summary(rows):
    """Each row as (status, old label, new label, pieces, renumbered, moved, proposal ids)."""
    return [
        (
            row.status,
            row.old.label if row.old else None,
            row.new.label if row.new else None,
            row.pieces,
            row.renumbered,
            row.moved,
            [proposal.pk for proposal in row.proposals],
        )
        for row in rows
    ]


@pytest.fixture
def pair():
    """A zero draft of five paragraphs and Rev.1 made from it by the proposals taken in."""
    zero = RevisionFactory(number=0)
    pp1 = paragraph(zero, 1, 1, RECALLING, kind=ParagraphKind.PREAMBULAR)
    welcome = paragraph(zero, 2, 1, WELCOME)
    commit = paragraph(zero, 3, 2, CLOSELY)
    report = paragraph(zero, 4, 3, REPORT)
    review = paragraph(zero, 5, 4, REVIEW)
    replace = taken_in(commit, ProposalKind.REPLACE, FULLY)
    partly = taken_in(commit, ProposalKind.INSERT, "fully", decision=Decision.PARTLY)
    add = taken_in(commit, ProposalKind.ADD_AFTER, DATA, delegation="EGY")
    delete = taken_in(report, ProposalKind.DELETE_PARAGRAPH, delegation="EGY")
    taken_in(report, ProposalKind.DELETE_PARAGRAPH, decision=Decision.NOT_TAKEN_IN)
    taken_in(review, ProposalKind.DELETE_PARAGRAPH, decision=Decision.PENDING)
    taken_in(pp1, ProposalKind.RETAIN)

    one = RevisionFactory(document=zero.document, number=1, based_on=zero)
    paragraph(one, 1, 1, RECALLING, kind=ParagraphKind.PREAMBULAR, origin=pp1)
    paragraph(one, 2, 1, FULLY, origin=commit).proposals_applied.set([replace, partly])
    paragraph(one, 3, 2, DATA).proposals_applied.set([add])
    paragraph(one, 4, 3, REVIEW, origin=review)
    paragraph(one, 5, 4, WELCOME, origin=welcome)
    return SimpleNamespace(
        zero=zero, one=one, replace=replace, partly=partly, add=add, delete=delete
    )


def test_compare_a_known_pair(pair):
    rows = compare(pair.zero, pair.one)

    assert summary(rows) == [
        ("same", "PP1", "PP1", [Piece("", RECALLING)], False, False, []),
        (
            "changed",
            "OP2",
            "OP1",
            [
                Piece("", "We commit to cooperate "),
                Piece("del", "closely"),
                Piece("", " "),
                Piece("ins", "fully"),
                Piece("", " on return."),
            ],
            True,
            False,
            [pair.replace.pk, pair.partly.pk],
        ),
        ("removed", "OP3", None, [Piece("del", REPORT)], False, False, [pair.delete.pk]),
        ("added", None, "OP2", [Piece("ins", DATA)], False, False, [pair.add.pk]),
        ("same", "OP4", "OP3", [Piece("", REVIEW)], True, False, []),
        ("same", "OP1", "OP4", [Piece("", WELCOME)], True, True, []),
    ]


def test_compare_swaps_revisions_given_newest_first(pair):
    assert compare(pair.one, pair.zero) == compare(pair.zero, pair.one)


def test_compare_a_revision_with_itself_shows_it_unchanged(pair):
    rows = compare(pair.one, pair.one)

    assert [(row.status, row.new.label, row.moved, row.proposals) for row in rows] == [
        ("same", "PP1", False, []),
        ("same", "OP1", False, []),
        ("same", "OP2", False, []),
        ("same", "OP3", False, []),
        ("same", "OP4", False, []),
    ]


def test_compare_follows_origin_through_the_revisions_between(pair):
    rev1 = {p.label: p for p in pair.one.paragraphs.all()}
    safely = taken_in(rev1["OP1"], ProposalKind.INSERT, "and safely")
    dropped = taken_in(rev1["OP3"], ProposalKind.DELETE_PARAGRAPH, decision=Decision.PARTLY)
    two = RevisionFactory(document=pair.zero.document, number=2, based_on=pair.one)
    paragraph(two, 1, 1, RECALLING, kind=ParagraphKind.PREAMBULAR, origin=rev1["PP1"])
    paragraph(two, 2, 1, WELCOME, origin=rev1["OP4"])  # back where it was in the zero draft
    safer = "We commit to cooperate fully and safely on return."
    paragraph(two, 3, 2, safer, origin=rev1["OP1"]).proposals_applied.set([safely])
    paragraph(two, 4, 3, DATA, origin=rev1["OP2"])

    rows = compare(pair.zero, two)

    assert summary(rows) == [
        ("same", "PP1", "PP1", [Piece("", RECALLING)], False, False, []),
        ("same", "OP1", "OP1", [Piece("", WELCOME)], False, False, []),
        (
            "changed",
            "OP2",
            "OP2",
            [
                Piece("", "We commit to cooperate "),
                Piece("del", "closely"),
                Piece("", " "),
                Piece("ins", "fully and safely"),
                Piece("", " on return."),
            ],
            False,
            False,
            [pair.replace.pk, pair.partly.pk, safely.pk],
        ),
        ("removed", "OP3", None, [Piece("del", REPORT)], False, False, [pair.delete.pk]),
        ("removed", "OP4", None, [Piece("del", REVIEW)], False, False, [dropped.pk]),
        ("added", None, "OP3", [Piece("ins", DATA)], False, False, [pair.add.pk]),
    ]


def test_compare_places_a_removed_first_paragraph_first():
    zero = RevisionFactory(number=0)
    first = paragraph(zero, 1, 1, REPORT)
    second = paragraph(zero, 2, 2, WELCOME)
    one = RevisionFactory(document=zero.document, number=1)
    paragraph(one, 1, 1, WELCOME, origin=second)

    rows = compare(zero, one)

    assert summary(rows) == [
        ("removed", "OP1", None, [Piece("del", REPORT)], False, False, []),
        ("same", "OP2", "OP1", [Piece("", WELCOME)], True, False, []),
    ]
    assert rows[0].old == first


def test_compare_labels_sub_paragraphs_by_their_parent():
    zero = RevisionFactory(number=0)
    parent = paragraph(zero, 1, 1, "We commit to:")
    sub = ParagraphFactory(revision=zero, position=2, number=1, parent=parent, text=REVIEW)
    one = RevisionFactory(document=zero.document, number=1)
    paragraph(one, 1, 1, RECALLING, kind=ParagraphKind.PREAMBULAR)
    new_parent = paragraph(one, 2, 1, "We commit to:", origin=parent)
    ParagraphFactory(revision=one, position=3, number=1, parent=new_parent, text=REVIEW, origin=sub)

    rows = compare(zero, one)

    assert [(row.status, row.old and row.old.label, row.new.label) for row in rows] == [
        ("added", None, "PP1"),
        ("same", "OP1", "OP1"),
        ("same", "OP1 (a)", "OP1 (a)"),
    ]


def test_compare_refuses_revisions_of_two_documents():
    ours = RevisionFactory(number=0)
    theirs = RevisionFactory(document=DocumentFactory(edition=Edition.objects.get(year=2022)))

    with pytest.raises(ValueError):
        compare(ours, theirs)


def test_compare_marks_moved_the_paragraph_that_went_down_of_two_swapped():
    zero = RevisionFactory(number=0)
    first = paragraph(zero, 1, 1, WELCOME)
    second = paragraph(zero, 2, 2, REPORT)
    one = RevisionFactory(document=zero.document, number=1)
    paragraph(one, 1, 1, REPORT, origin=second)
    paragraph(one, 2, 2, WELCOME, origin=first)

    rows = compare(zero, one)

    assert [(row.old.label, row.new.label, row.moved) for row in rows] == [
        ("OP2", "OP1", False),
        ("OP1", "OP2", True),
    ]


def build_pair(count):
    """A zero draft and Rev.1 of a paragraph and COUNT - 1 sub-paragraphs, each changed by a
    proposal taken in, and a preambular paragraph deleted."""
    zero = RevisionFactory(number=0)
    one = RevisionFactory(document=zero.document, number=1)
    parents = [None, None]
    for i in range(1, count + 1):
        old = ParagraphFactory(revision=zero, position=i, number=i, parent=parents[0])
        proposal = taken_in(old, ProposalKind.REPLACE, FULLY)
        new = ParagraphFactory(
            revision=one, position=i, number=i, parent=parents[1], text=FULLY, origin=old
        )
        new.proposals_applied.set([proposal])
        parents = parents if parents[0] else [old, new]
    gone = paragraph(zero, count + 1, 1, REPORT, kind=ParagraphKind.PREAMBULAR)
    taken_in(gone, ProposalKind.DELETE_PARAGRAPH)
    return zero, one


@pytest.mark.parametrize("count", [3, 9])
def test_compare_queries_do_not_grow(django_assert_num_queries, count):
    zero, one = build_pair(count)

    with django_assert_num_queries(3):
        rows = compare(zero, one)
        seen = [
            (row.old.label, row.new and row.new.label, [p.delegation.name for p in row.proposals])
            for row in rows
        ]

    assert seen[:3] == [
        ("OP1", "OP1", ["Government of Morocco"]),
        ("OP1 (b)", "OP1 (b)", ["Government of Morocco"]),
        ("OP1 (c)", "OP1 (c)", ["Government of Morocco"]),
    ]
    assert len(seen) == count + 1
