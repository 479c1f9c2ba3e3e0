import pytest

from gcmhub.declarations import queries
from gcmhub.declarations.models import Decision, ProposalKind
from gcmhub.declarations.tests.factories import (
    NegotiatingGroupFactory,
    OpenRevisionFactory,
    ParagraphFactory,
    ProposalFactory,
    SupportFactory,
    government,
)
from gcmhub.declarations.text import Piece

pytestmark = pytest.mark.django_db

TEXT = "We commit to act together now to protect migrants."


@pytest.fixture
def paragraph():
    return ParagraphFactory(revision=OpenRevisionFactory(), number=4, position=4, text=TEXT)


def propose(paragraph, country, kind, **change):
    return ProposalFactory(
        revision=paragraph.revision,
        paragraph=paragraph,
        delegation=government(country),
        kind=kind,
        **change,
    )


def test_the_compilation_of_a_paragraph_with_overlapping_proposals(paragraph):
    african = NegotiatingGroupFactory(name="African Group", members=[government("EGY")])
    first = propose(paragraph, "MAR", ProposalKind.DELETE_WORDS, start=3, end=5)
    second = propose(paragraph, "EGY", ProposalKind.DELETE_WORDS, start=4, end=6, group=african)
    inside = propose(paragraph, "MEX", ProposalKind.INSERT, start=4, end=4, text="firmly")
    retain = propose(paragraph, "DEU", ProposalKind.RETAIN)
    added = propose(paragraph, "PHL", ProposalKind.ADD_AFTER, text="We will report.")
    refused = propose(
        paragraph, "BRA", ProposalKind.REPLACE, text="Nothing.", decision=Decision.NOT_TAKEN_IN
    )
    SupportFactory(proposal=first, delegation=government("EGY"))
    SupportFactory(proposal=first, delegation=government("MEX"))

    [block] = queries.compilation(paragraph.revision)

    assert (block.label, block.pieces) == (
        "OP4",
        [
            Piece("", "We commit to "),
            Piece("", "["),
            Piece("", "act together now"),
            Piece("", "]"),
            Piece("", " to protect migrants."),
        ],
    )
    assert [(e.proposal, e.label, e.attribution, e.decision) for e in block.entries] == [
        (first, "OP4", "Morocco; supported by Egypt, Mexico", ""),
        (second, "OP4", "Egypt on behalf of African Group", ""),
        (inside, "OP4", "Mexico", ""),
        (retain, "OP4", "Germany", ""),
        (added, "OP4 bis", "Philippines", ""),
        (refused, "OP4", "Brazil", "Not taken in"),
    ]
    assert [e.pieces for e in block.entries[:3]] == [
        [Piece("", "We commit to "), Piece("del", "act together"), Piece("", " now to protect migrants.")],
        [Piece("", "We commit to act "), Piece("del", "together now"), Piece("", " to protect migrants.")],
        [Piece("", "We commit to act "), Piece("ins", "firmly"), Piece("", " together now to protect migrants.")],
    ]  # fmt: skip


def test_the_compilation_filters_by_delegation_proposing_or_supporting(paragraph):
    other = ParagraphFactory(revision=paragraph.revision, number=5, position=5)
    mine = propose(paragraph, "MAR", ProposalKind.RETAIN)
    propose(paragraph, "MEX", ProposalKind.DELETE_PARAGRAPH)
    supported = propose(other, "DEU", ProposalKind.RETAIN)
    SupportFactory(proposal=supported, delegation=government("MAR"))

    blocks = queries.compilation(paragraph.revision, delegation=government("MAR"))
    only = queries.compilation(paragraph.revision, paragraph=other)

    assert [(b.label, [e.proposal for e in b.entries]) for b in blocks] == [
        ("OP4", [mine]),
        ("OP5", [supported]),
    ]
    assert [b.label for b in only] == ["OP5"]


@pytest.mark.parametrize("count", [1, 3])
def test_the_compilation_reads_a_fixed_number_of_queries(django_assert_num_queries, count):
    revision = OpenRevisionFactory()
    for n in range(count):
        paragraph = ParagraphFactory(revision=revision, number=n + 1, position=n + 1)
        SupportFactory(proposal=propose(paragraph, "MAR", ProposalKind.RETAIN))

    with django_assert_num_queries(3):
        queries.compilation(revision)
