"""The demo negotiations: the 2022 declaration from zero draft to adoption, dated in the past,
and a 2030 zero draft whose round is open."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from gcmhub.accounts import demo as accounts_demo
from gcmhub.accounts.models import User
from gcmhub.declarations import demo, permissions
from gcmhub.declarations.models import (
    Decision,
    Document,
    NegotiatingGroup,
    Paragraph,
    Proposal,
    ProposalKind,
    Revision,
    Support,
)
from gcmhub.workflow.models import Event

pytestmark = pytest.mark.django_db

NEW_YORK = ZoneInfo("America/New_York")
MODELS = [Document, Revision, Paragraph, Proposal, Support, NegotiatingGroup, Event]


@pytest.fixture
def seeded():
    accounts_demo.seed()
    return demo.seed()


def _revision(year: int, number: int) -> Revision:
    return Revision.objects.get(document__edition__year=year, number=number)


def _day(moment: datetime.datetime | None) -> datetime.date | None:
    return moment.astimezone(NEW_YORK).date() if moment else None


def test_seed_negotiates_two_documents_once(seeded):
    before = [model.objects.count() for model in MODELS]

    again = demo.seed()

    assert (seeded, again) == (2, 0)
    assert [model.objects.count() for model in MODELS] == before


def test_2022_final_text_is_adopted_at_the_closing_plenary(seeded):
    document = Document.objects.get(edition__year=2022)
    revisions = list(document.revisions.order_by("number"))

    assert [(r.label, r.is_published, r.is_round_open) for r in revisions] == [
        ("Zero draft", True, False),
        ("Rev.1", True, False),
        ("Final text", True, False),
    ]
    assert [(str(c.delegation), c.representative) for c in document.cofacilitators.all()] == [
        (
            "Government of Bangladesh",
            "H.E. Ms. Rabab Fatima, Permanent Representative of Bangladesh to the United Nations "
            "Office in New York",
        ),
        (
            "Government of Luxembourg",
            "H.E. Mr. Olivier Maes, Permanent Representative of Luxembourg to the United Nations "
            "Office in New York",
        ),
    ]
    assert (revisions[-1].adopted_on, revisions[-1].adopted_at) == (
        datetime.date(2022, 5, 20),
        "the closing plenary of the International Migration Review Forum",
    )


def test_2022_is_dated_between_the_appointment_and_the_adoption(seeded):
    revisions = list(_revision(2022, 0).document.revisions.order_by("number"))
    proposals = Proposal.objects.filter(revision__in=revisions)
    events = Event.objects.filter(actor__email=demo.COFACILITATOR, created_at__year=2022)

    assert [
        (
            _day(r.published_at),
            _day(r.round_deadline),
            _day(r.round_closed_at),
            _day(r.compilation_published_at),
        )
        for r in revisions
    ] == [
        (
            datetime.date(2022, 3, 1),
            datetime.date(2022, 3, 18),
            datetime.date(2022, 3, 18),
            datetime.date(2022, 3, 22),
        ),
        (
            datetime.date(2022, 4, 4),
            datetime.date(2022, 4, 19),
            datetime.date(2022, 4, 19),
            datetime.date(2022, 4, 21),
        ),
        (datetime.date(2022, 5, 6), None, None, None),
    ]
    assert sorted({_day(p.created_at).month for p in proposals}) == [3, 4]
    assert proposals.filter(decision=Decision.PENDING).count() == 0
    assert sorted({(e.created_at.year, e.created_at.month) for e in events}) == [
        (2022, 3),
        (2022, 4),
        (2022, 5),
    ]
    assert not Event.objects.filter(created_at__gt=timezone.now() - datetime.timedelta(days=1))


def test_rev1_applies_what_was_taken_in_and_numbers_afresh(seeded):
    zero, rev1 = _revision(2022, 0), _revision(2022, 1)
    proposals = Proposal.objects.filter(revision=zero)
    added = proposals.get(kind=ProposalKind.ADD_AFTER, decision=Decision.TAKEN_IN)
    replaced = proposals.get(kind=ProposalKind.REPLACE, decision=Decision.TAKEN_IN)
    partly = proposals.get(decision=Decision.PARTLY)
    paragraphs = Paragraph.objects.filter(revision=rev1).select_related("parent", "origin")
    by_label = {paragraph.label: paragraph for paragraph in paragraphs}

    assert (str(added.delegation), str(added.group)) == ("Government of Egypt", "African Group")
    assert list(by_label["OP6"].proposals_applied.all()) == [added]
    assert by_label["OP6"].text == added.text
    assert (by_label["PP4"].text, list(by_label["PP4"].proposals_applied.all())) == (
        replaced.text,
        [replaced],
    )
    assert (by_label["OP7"].origin.label, by_label["OP7"].text) == ("OP6", partly.taken_text)
    assert by_label["OP3 (c)"].text == (
        "admission and stay on humanitarian grounds for migrants compelled to leave their "
        "countries of origin owing to sudden-onset and slow-onset natural disasters and other "
        "precarious situations."
    )
    assert [paragraph.label for paragraph in paragraphs if paragraph.parent is None] == [
        "PP1",
        "PP2",
        "PP3",
        "PP4",
        *[f"OP{number}" for number in range(1, 10)],
    ]


def test_2030_round_is_open_with_room_for_morocco(seeded):
    zero = _revision(2030, 0)
    focal_point = User.objects.get(email="focalpoint@example.org")
    proposing = Proposal.objects.filter(revision=zero).values_list(
        "delegation__country__iso3", flat=True
    )

    assert (zero.is_published, zero.is_round_open, zero.is_compilation_published) == (
        True,
        True,
        False,
    )
    assert 29 <= (zero.round_deadline - timezone.now()).days <= 30
    assert sorted(set(proposing)) == ["DEU", "ECU", "EGY", "MEX"]
    assert permissions.can_propose(focal_point, zero) is True
    assert [str(c.delegation) for c in zero.document.cofacilitators.all()] == [
        "Government of Luxembourg",
        "Government of Kenya",
    ]


def test_2030_proposals_stay_out_of_public_view(seeded):
    zero = _revision(2030, 0)
    cofacilitator = User.objects.get(email=demo.COFACILITATOR)

    assert Proposal.objects.filter(revision=zero).count() == 5
    assert permissions.can_see_proposals(AnonymousUser(), zero) is False
    assert permissions.can_see_proposals(cofacilitator, zero) is True
