import datetime
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gcmhub.accounts.tests.factories import OrganisationFactory, focal_point_of
from gcmhub.compact.models import Edition
from gcmhub.declarations import services
from gcmhub.declarations.importing import Parsed
from gcmhub.declarations.models import (
    Audience,
    Decision,
    Document,
    Paragraph,
    Proposal,
    ProposalKind,
    Revision,
)
from gcmhub.declarations.tests.factories import (
    CoFacilitatorFactory,
    DocumentFactory,
    NegotiatingGroupFactory,
    OpenRevisionFactory,
    ParagraphFactory,
    ProposalFactory,
    RevisionFactory,
    government,
)
from gcmhub.workflow.models import Event

pytestmark = pytest.mark.django_db


@pytest.fixture
def room():
    """A document co-facilitated by Bangladesh and Luxembourg, its zero draft open to
    proposals: OP1 "We commit to act together now." and OP2 with sub-paragraphs (a) and (b)."""
    document = DocumentFactory()
    CoFacilitatorFactory(document=document, delegation=government("BGD"))
    CoFacilitatorFactory(document=document, delegation=government("LUX"))
    revision = OpenRevisionFactory(document=document)
    op1 = ParagraphFactory(
        revision=revision, number=1, position=1, text="We commit to act together now."
    )
    op2 = ParagraphFactory(revision=revision, number=2, position=2, text="We will:")
    sub_a = ParagraphFactory(
        revision=revision, parent=op2, number=1, position=3, text="share data on migration;"
    )
    sub_b = ParagraphFactory(
        revision=revision, parent=op2, number=2, position=4, text="protect migrants' rights."
    )
    morocco, egypt = government("MAR"), government("EGY")
    return SimpleNamespace(
        document=document,
        revision=revision,
        op1=op1,
        op2=op2,
        sub_a=sub_a,
        sub_b=sub_b,
        morocco=morocco,
        egypt=egypt,
        cofacilitator=focal_point_of(government("LUX"), "lux@example.org"),
        moroccan=focal_point_of(morocco, "mar@example.org"),
        egyptian=focal_point_of(egypt, "egy@example.org"),
    )


def labels(revision: Revision) -> list[str]:
    return [p.label for p in revision.paragraphs.select_related("parent").order_by("position")]


def texts(revision: Revision) -> list[str]:
    return [p.text for p in revision.paragraphs.order_by("position")]


def draft_of(room, *, text: str = "") -> Revision:
    """A new unpublished revision after the others (with one paragraph of TEXT if given)."""
    number = room.document.revisions.count()
    draft = RevisionFactory(document=room.document, number=number, published_at=None)
    if text:
        ParagraphFactory(revision=draft, number=1, position=1, text=text)
    return draft


# Numbering ------------------------------------------------------------------------------------


def test_paragraphs_inserted_in_a_revision_take_bis_and_ter_in_order(room):
    draft = draft_of(room)
    op1 = ParagraphFactory(revision=draft, number=1, position=1)
    ParagraphFactory(revision=draft, number=2, position=2)

    services.add_paragraph(
        draft, after=op1, kind="op", text="First insertion.", by=room.cofacilitator
    )
    services.add_paragraph(
        draft, after=op1, kind="op", text="Second insertion.", by=room.cofacilitator
    )

    assert labels(draft) == ["OP1", "OP1 bis", "OP1 ter", "OP2"]
    assert texts(draft)[1:3] == ["First insertion.", "Second insertion."]


def test_a_paragraph_inserted_after_one_with_sub_paragraphs_follows_them(room):
    draft = draft_of(room)
    services.import_paragraphs(
        draft,
        [
            Parsed("pp", False, "Recalling the Compact,"),
            Parsed("op", False, "We will:"),
            Parsed("op", True, "share data;"),
            Parsed("op", True, "cooperate."),
            Parsed("op", False, "We shall review."),
        ],
        by=room.cofacilitator,
    )
    op1 = draft.paragraphs.get(kind="op", parent=None, number=1)
    sub_a = draft.paragraphs.get(parent=op1, number=1)

    services.add_paragraph(draft, after=op1, kind="op", text="We also will:", by=room.cofacilitator)
    services.add_paragraph(draft, after=sub_a, kind="op", text="publish it;", by=room.cofacilitator)
    services.add_paragraph(
        draft, after=None, kind="pp", text="Welcoming the forum,", by=room.cofacilitator
    )

    assert labels(draft) == [
        "PP1", "PP2", "OP1", "OP1 (a)", "OP1 (a bis)", "OP1 (b)", "OP1 bis", "OP2",
    ]  # fmt: skip


def test_the_next_revision_numbers_every_paragraph_afresh(room):
    draft = draft_of(room)
    op1 = ParagraphFactory(revision=draft, number=1, position=1)
    ParagraphFactory(revision=draft, number=2, position=2)
    services.add_paragraph(draft, after=op1, kind="op", text="Inserted.", by=room.cofacilitator)
    services.publish_revision(draft, by=room.cofacilitator)

    rev2 = services.start_revision(room.document, is_final=False, by=room.cofacilitator)

    assert labels(draft) == ["OP1", "OP1 bis", "OP2"]
    assert labels(rev2) == ["OP1", "OP2", "OP3"]
    assert [p.origin.label for p in rev2.paragraphs.order_by("position")] == labels(draft)
    assert rev2.number == 2 and rev2.based_on == draft and not rev2.is_published


def test_editing_a_published_revision_is_refused(room):
    with pytest.raises(ValidationError) as error:
        services.edit_paragraph(room.op1, text="Changed.", by=room.cofacilitator)

    assert error.value.messages == [
        "Zero draft is published; its text no longer changes. Start the next revision."
    ]
    room.op1.refresh_from_db()
    assert room.op1.text == "We commit to act together now."


def test_importing_into_a_revision_with_text_is_refused(room):
    draft = draft_of(room)
    ParagraphFactory(revision=draft, number=1, position=1, text="Kept.")

    with pytest.raises(ValidationError):
        services.import_paragraphs(draft, [Parsed("op", False, "New.")], by=room.cofacilitator)

    assert texts(draft) == ["Kept."]


def test_a_published_revision_needs_text_and_closes_the_earlier_round(room):
    draft = draft_of(room)
    with pytest.raises(ValidationError):
        services.publish_revision(draft, by=room.cofacilitator)
    ParagraphFactory(revision=draft, number=1, position=1)

    services.publish_revision(draft, by=room.cofacilitator)

    room.revision.refresh_from_db()
    assert draft.is_published and not room.revision.is_round_open
    assert Event.objects.filter(action="publish", record_id=draft.pk).count() == 1


# The next revision applies what was taken in ------------------------------------------------


def decided(room, paragraph, kind, decision, *, by_country="MAR", **change) -> Proposal:
    return ProposalFactory(
        revision=room.revision,
        paragraph=paragraph,
        kind=kind,
        delegation=government(by_country),
        decision=decision,
        decided_at=timezone.now(),
        **change,
    )


def test_the_next_revision_applies_the_proposals_taken_in(room):
    insert = decided(
        room, room.op1, ProposalKind.INSERT, Decision.TAKEN_IN, start=3, end=3, text="really"
    )
    delete = decided(room, room.op1, ProposalKind.DELETE_WORDS, Decision.TAKEN_IN, start=5, end=6)
    decided(room, room.op1, ProposalKind.REPLACE, Decision.NOT_TAKEN_IN, text="Nothing.")
    partly = decided(
        room, room.sub_a, ProposalKind.REPLACE, Decision.PARTLY, text="share all data;",
        taken_text="share data on migration regularly;",
    )  # fmt: skip
    gone = decided(room, room.sub_b, ProposalKind.DELETE_PARAGRAPH, Decision.TAKEN_IN)
    added = decided(
        room, room.op2, ProposalKind.ADD_AFTER, Decision.TAKEN_IN, text="We will report."
    )
    decided(room, room.op2, ProposalKind.ADD_AFTER, Decision.PENDING, text="Not decided.")

    rev1 = services.start_revision(room.document, is_final=False, by=room.cofacilitator)

    assert labels(rev1) == ["OP1", "OP2", "OP2 (a)", "OP3"]
    assert texts(rev1) == [
        "We commit to really act together",
        "We will:",
        "share data on migration regularly;",
        "We will report.",
    ]
    applied = [set(p.proposals_applied.all()) for p in rev1.paragraphs.order_by("position")]
    assert applied == [{insert, delete}, set(), {partly}, {added}]
    assert not Paragraph.objects.filter(origin=room.sub_b).exists()
    assert gone.decision == Decision.TAKEN_IN


def test_an_addition_after_a_sub_paragraph_comes_right_after_it(room):
    decided(room, room.sub_a, ProposalKind.ADD_AFTER, Decision.TAKEN_IN, text="train officials;")

    rev1 = services.start_revision(room.document, is_final=False, by=room.cofacilitator)

    assert labels(rev1) == ["OP1", "OP2", "OP2 (a)", "OP2 (b)", "OP2 (c)"]
    assert texts(rev1)[2:4] == ["share data on migration;", "train officials;"]


def test_decisions_are_final_once_the_next_revision_started(room):
    proposal = decided(room, room.op1, ProposalKind.RETAIN, Decision.PENDING)
    services.start_revision(room.document, is_final=False, by=room.cofacilitator)

    with pytest.raises(ValidationError):
        services.decide(proposal, decision=Decision.TAKEN_IN, by=room.cofacilitator)


def test_a_second_revision_waits_for_the_first_to_be_published(room):
    services.start_revision(room.document, is_final=False, by=room.cofacilitator)

    with pytest.raises(ValidationError):
        services.start_revision(room.document, is_final=False, by=room.cofacilitator)


# Proposals ------------------------------------------------------------------------------------


def test_a_focal_point_proposes_an_insertion(room):
    proposal = services.propose(
        room.revision, room.op1, delegation=room.morocco, kind=ProposalKind.INSERT,
        text=" truly ", start=3, end=3, by=room.moroccan,
    )  # fmt: skip

    assert (proposal.kind, proposal.text, proposal.start, proposal.end) == ("insert", "truly", 3, 3)
    assert proposal.decision == Decision.PENDING
    assert Event.objects.filter(action="create", record_id=proposal.pk).count() == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"kind": ProposalKind.INSERT, "text": "x", "start": 7, "end": 7},
            "The insertion point is outside OP1, which has 6 words.",
        ),
        (
            {"kind": ProposalKind.DELETE_WORDS, "start": 4, "end": 9},
            "The words to delete are outside OP1, which has 6 words.",
        ),
        ({"kind": ProposalKind.REPLACE, "text": "  "}, "Type the text you propose."),
        (
            {"kind": ProposalKind.REPLACE, "text": "We commit to act together now."},
            "The new text is the same as the current one.",
        ),
    ],
)
def test_a_change_that_cannot_apply_is_refused(room, change, message):
    with pytest.raises(ValidationError) as error:
        services.propose(
            room.revision, room.op1, delegation=room.morocco, by=room.moroccan, **change
        )

    assert error.value.messages == [message]
    assert Proposal.objects.count() == 0


def test_a_proposal_after_the_round_closed_is_refused(room):
    deadline = timezone.now() - datetime.timedelta(hours=1)
    Revision.objects.filter(pk=room.revision.pk).update(round_deadline=deadline)
    room.revision.refresh_from_db()

    with pytest.raises(ValidationError) as error:
        services.propose(
            room.revision,
            room.op1,
            delegation=room.morocco,
            kind=ProposalKind.RETAIN,
            by=room.moroccan,
        )

    assert error.value.messages[0].startswith("The round of proposals on Zero draft closed on ")
    assert Proposal.objects.count() == 0


def test_a_proposal_against_a_paragraph_of_another_revision_is_refused(room):
    other = ParagraphFactory(revision=draft_of(room), number=1, position=1)

    with pytest.raises(ValidationError) as error:
        services.propose(
            room.revision,
            other,
            delegation=room.morocco,
            kind=ProposalKind.RETAIN,
            by=room.moroccan,
        )

    assert error.value.messages == [
        "OP1 is a paragraph of another revision; propose on Zero draft's text."
    ]


def test_a_delegation_speaks_only_for_a_group_it_belongs_to(room):
    african = NegotiatingGroupFactory(name="African Group", members=[room.egypt])

    with pytest.raises(ValidationError) as error:
        services.propose(
            room.revision, room.op1, delegation=room.morocco, kind=ProposalKind.RETAIN,
            group=african, by=room.moroccan,
        )  # fmt: skip
    african.members.add(room.morocco)
    proposal = services.propose(
        room.revision, room.op1, delegation=room.morocco, kind=ProposalKind.RETAIN,
        group=african, by=room.moroccan,
    )  # fmt: skip

    assert error.value.messages == [
        "Government of Morocco is not a member of African Group, so it cannot speak for it."
    ]
    assert proposal.group == african


def test_only_focal_points_of_delegations_in_the_round_propose(room):
    stakeholder = OrganisationFactory()
    member = focal_point_of(stakeholder, "ngo@example.org")

    with pytest.raises(PermissionDenied):
        services.propose(
            room.revision, room.op1, delegation=room.morocco, kind=ProposalKind.RETAIN, by=member
        )
    with pytest.raises(PermissionDenied):
        services.propose(
            room.revision, room.op1, delegation=stakeholder, kind=ProposalKind.RETAIN, by=member
        )
    Revision.objects.filter(pk=room.revision.pk).update(round_audience=Audience.ALL)
    room.revision.refresh_from_db()
    proposal = services.propose(
        room.revision, room.op1, delegation=stakeholder, kind=ProposalKind.RETAIN, by=member
    )

    assert proposal.delegation == stakeholder


def test_a_delegation_edits_and_withdraws_only_its_own_open_proposals(room):
    proposal = services.propose(
        room.revision, room.op1, delegation=room.morocco, kind=ProposalKind.RETAIN, by=room.moroccan
    )

    with pytest.raises(PermissionDenied):
        services.update_proposal(proposal, kind=ProposalKind.DELETE_PARAGRAPH, by=room.egyptian)
    services.update_proposal(
        proposal, kind=ProposalKind.DELETE_WORDS, start=4, end=6, by=room.moroccan
    )
    services.decide(proposal, decision=Decision.NOT_TAKEN_IN, by=room.cofacilitator)
    with pytest.raises(PermissionDenied):
        services.withdraw_proposal(proposal, by=room.moroccan)

    proposal.refresh_from_db()
    assert (proposal.kind, proposal.start, proposal.end) == ("delete-words", 4, 6)


def test_delegations_support_proposals_of_others_once(room):
    proposal = services.propose(
        room.revision, room.op1, delegation=room.morocco, kind=ProposalKind.RETAIN, by=room.moroccan
    )

    with pytest.raises(ValidationError):
        services.support(proposal, delegation=room.morocco, by=room.moroccan)
    joined = services.support(proposal, delegation=room.egypt, by=room.egyptian)
    with pytest.raises(ValidationError):
        services.support(proposal, delegation=room.egypt, by=room.egyptian)
    with pytest.raises(PermissionDenied):
        services.withdraw_support(joined, by=room.moroccan)

    assert list(proposal.supports.values_list("delegation__name", flat=True)) == [
        "Government of Egypt"
    ]
    services.withdraw_support(joined, by=room.egyptian)
    assert proposal.supports.count() == 0


# Only co-facilitators run the process ---------------------------------------------------------


@pytest.mark.parametrize(
    "action",
    [
        lambda r, by: services.publish_revision(draft_of(r, text="New."), by=by),
        lambda r, by: services.open_round(
            r.revision,
            deadline=timezone.now() + datetime.timedelta(days=1),
            audience=Audience.ALL,
            by=by,
        ),  # fmt: skip
        lambda r, by: services.close_round(r.revision, by=by),
        lambda r, by: services.publish_compilation(r.revision, by=by),
        lambda r, by: services.start_revision(r.document, is_final=True, by=by),
        lambda r, by: services.decide(
            ProposalFactory(revision=r.revision, paragraph=r.op1), decision="taken-in", by=by
        ),
        lambda r, by: services.add_paragraph(draft_of(r), after=None, kind="op", text="x", by=by),
    ],
)
def test_only_cofacilitators_publish_and_decide(room, cast, action):
    for person in [cast.admin, room.moroccan, cast.anonymous]:
        with pytest.raises(PermissionDenied):
            action(room, person)

    action(room, room.cofacilitator)


def test_the_round_opens_with_a_future_deadline_on_the_latest_revision(room):
    services.close_round(room.revision, by=room.cofacilitator)
    with pytest.raises(ValidationError):
        services.open_round(
            room.revision, deadline=timezone.now(), audience=Audience.ALL, by=room.cofacilitator
        )
    deadline = timezone.now() + datetime.timedelta(days=2)

    services.open_round(
        room.revision, deadline=deadline, audience=Audience.ALL, by=room.cofacilitator
    )

    room.revision.refresh_from_db()
    assert room.revision.is_round_open and room.revision.round_audience == Audience.ALL
    services.start_revision(room.document, is_final=False, by=room.cofacilitator)
    with pytest.raises(ValidationError):
        services.open_round(room.revision, deadline=deadline, audience="all", by=room.cofacilitator)


def test_the_final_text_is_adopted_once_and_ends_the_process(room):
    with pytest.raises(ValidationError):
        services.adopt(room.revision, on=datetime.date(2026, 5, 8), at="x", by=room.cofacilitator)
    final = services.start_revision(room.document, is_final=True, by=room.cofacilitator)
    services.publish_revision(final, by=room.cofacilitator)

    services.adopt(
        final, on=datetime.date(2026, 5, 8), at=" closing plenary ", by=room.cofacilitator
    )

    final.refresh_from_db()
    assert (final.label, final.adopted_on, final.adopted_at) == (
        "Final text",
        datetime.date(2026, 5, 8),
        "closing plenary",
    )
    with pytest.raises(ValidationError):
        services.start_revision(room.document, is_final=False, by=room.cofacilitator)


def test_administrators_start_a_document_with_two_cofacilitators(cast):
    edition = Edition.objects.get(year=2022)
    bangladesh, luxembourg = government("BGD"), government("LUX")

    with pytest.raises(ValidationError):
        services.save_document(
            edition, title="Progress Declaration", language="en",
            cofacilitators=[(bangladesh, ""), (bangladesh, "")], by=cast.admin,
        )  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.save_document(
            edition, title="x", language="en", cofacilitators=[], by=cast.reviewer
        )
    document = services.save_document(
        edition, title=" Progress Declaration ", language="en",
        cofacilitators=[(bangladesh, "H.E. Ms. Rabab Fatima"), (luxembourg, "")], by=cast.admin,
    )  # fmt: skip

    assert Document.objects.get() == document and document.title == "Progress Declaration"
    assert [str(r) for r in document.revisions.all()] == ["Progress Declaration — Zero draft"]
    assert [(c.delegation, c.representative) for c in document.cofacilitators.all()] == [
        (bangladesh, "H.E. Ms. Rabab Fatima"),
        (luxembourg, ""),
    ]
    mexico = government("MEX")
    services.save_document(
        edition, title="Progress Declaration", language="fr",
        cofacilitators=[(bangladesh, ""), (mexico, "")], by=cast.admin, document=document,
    )  # fmt: skip
    assert [c.delegation for c in document.cofacilitators.all()] == [bangladesh, mexico]
    assert document.revisions.count() == 1
