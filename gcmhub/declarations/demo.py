"""Demo outcome declarations for `make run`, played through the services as co-facilitators and
delegations would: the 2022 Progress Declaration from its zero draft through Rev.1 to the final
text adopted at the closing plenary, and a zero draft for the 2030 forum (an edition of the forum demo) whose round is open.

The co-facilitators of 2022, their representatives and the day of adoption are those of the
forum's background note. Every paragraph, proposal and decision is illustrative wording in the
spirit of the Global Compact, not the text that was negotiated or adopted, and the dates between
the appointment and the adoption are made up. Created once; safe to run again."""

import datetime
from contextlib import contextmanager
from typing import NamedTuple

from django.db import transaction
from django.utils import timezone

from gcmhub.accounts.models import Membership, Organisation, User
from gcmhub.compact import demo as compact_demo
from gcmhub.compact.models import Edition
from gcmhub.declarations import importing, services
from gcmhub.declarations import text as wording
from gcmhub.declarations.models import (
    Audience,
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

TITLE = "Progress Declaration of the International Migration Review Forum"
ADMIN, COFACILITATOR = "admin@example.org", "cofacilitator@example.org"
AFRICAN_GROUP = "African Group"
GROUP_MEMBERS = {AFRICAN_GROUP: ("EGY", "MAR", "KEN")}

# Appointed by the President of the General Assembly on 8 February 2022 (background note).
COFACILITATORS_2022 = [
    (
        "BGD",
        "H.E. Ms. Rabab Fatima, Permanent Representative of Bangladesh to the United Nations "
        "Office in New York",
    ),
    (
        "LUX",
        "H.E. Mr. Olivier Maes, Permanent Representative of Luxembourg to the United Nations "
        "Office in New York",
    ),
]
# The co-facilitators of 2030 are not appointed yet: two delegations stand in for them, named
# by office only.
COFACILITATORS_2030 = [
    ("LUX", "Permanent Representative of Luxembourg to the United Nations"),
    ("KEN", "Permanent Representative of Kenya to the United Nations"),
]
ADOPTED_AT = "the closing plenary of the International Migration Review Forum"

# The plain-text format of an import: blank lines between paragraphs, unnumbered paragraphs
# before the first number preambular, "1." operative, "(a)" a sub-paragraph.
ZERO_DRAFT_2022 = """
We, the Ministers and representatives of Member States, meeting at United Nations Headquarters
in New York for the first International Migration Review Forum, have reviewed the progress made
in implementing the Global Compact for Safe, Orderly and Regular Migration at the local,
national, regional and global levels.

Reaffirming that the Global Compact rests on the purposes and principles of the Charter of the
United Nations and on the Universal Declaration of Human Rights, and recalling its
cross-cutting and interdependent guiding principles,

Recognizing that migration is a source of prosperity, innovation and sustainable development,
and that these positive impacts can be optimized by improving migration governance,

Concerned that the pandemic has deepened the vulnerabilities of many migrants and disrupted the
mobility on which families and economies depend,

1. We reaffirm our commitment to implement the Global Compact for Safe, Orderly and Regular
Migration and to realize its vision, objectives and guiding principles.

2. We welcome the progress made by Member States in developing national implementation plans
and in conducting voluntary reviews, and encourage all Member States to do so in consultation
with relevant stakeholders.

3. We commit to enhance the availability and flexibility of pathways for regular migration,
including through:

(a) labour mobility schemes that respect labour rights and promote decent work;

(b) family reunification procedures that are accessible and timely;

(c) admission and stay on humanitarian grounds for migrants compelled to leave their countries
of origin owing to sudden-onset natural disasters and other precarious situations.

4. We commit to intensify efforts to save lives and prevent migrant deaths and injuries,
including through search and rescue operations, and to identify missing migrants and inform
their families.

5. We recognize that migration should never be an act of desperation, and commit to address the
adverse drivers and structural factors that compel people to leave their countries of origin.

6. We commit to use immigration detention only as a measure of last resort and to work to end
the practice of child immigration detention.

7. We will strengthen the collection, analysis and dissemination of accurate, reliable and
comparable data, disaggregated by sex, age, migration status and other characteristics.

8. We request the Secretary-General to report biennially on the implementation of the Global
Compact, and look forward to the next International Migration Review Forum in 2026.
"""

ZERO_DRAFT_2030 = """
We, the Ministers and representatives of Member States, meeting at United Nations Headquarters
in New York for the third International Migration Review Forum, have reviewed the progress
made in implementing the Global Compact for Safe, Orderly and Regular Migration since the
Progress Declarations of 2022 and 2026.

Reaffirming our commitment to the Global Compact and to its guiding principles, including its
people-centred, human rights-based and gender-responsive approaches,

Taking note of the reports of the Secretary-General on the implementation of the Global Compact
and of the work of the United Nations Network on Migration,

1. We welcome that more Member States have prepared national implementation plans and voluntary
reviews since the second Forum.

2. We commit to accelerate implementation where progress has been slowest, including by:

(a) reducing the number of migrant deaths and disappearances along migration routes;

(b) lowering the costs of remittances and of recruitment borne by migrant workers;

(c) ensuring that migrants can access basic services.

3. We will strengthen partnerships with local authorities, migrants, diaspora communities, the
private sector and trade unions in implementing the Global Compact.

4. We invite the capacity-building mechanism to expand its support to Member States that
request it in preparing and implementing their national plans.

5. We decide that the fourth International Migration Review Forum will be held in 2034.
"""


class Move(NamedTuple):
    """A delegation's proposal in a round, the supports it gets and the co-facilitators'
    decision on it."""

    delegation: str  # ISO3 of the proposing government
    paragraph: str  # the paragraph's label in the revision ("OP3 (c)")
    kind: ProposalKind
    text: str = ""  # the new paragraph, or the words inserted
    words: str = ""  # INSERT: the words the insertion follows; DELETE_WORDS: those deleted
    group: str = ""  # on behalf of
    supports: tuple[str | tuple[str, str], ...] = ()  # ISO3, or (ISO3, group)
    decision: Decision = Decision.PENDING
    note: str = ""
    taken_text: str = ""


ROUND_2022_ZERO = [
    Move(
        "MEX",
        "PP4",
        ProposalKind.REPLACE,
        "Concerned that the COVID-19 pandemic has exacerbated the vulnerabilities of migrants, "
        "in particular women and children, and disrupted the mobility on which families, "
        "communities and economies depend,",
        supports=("ECU",),
        decision=Decision.TAKEN_IN,
    ),
    Move(
        "DEU",
        "PP4",
        ProposalKind.DELETE_PARAGRAPH,
        decision=Decision.NOT_TAKEN_IN,
        note="Most delegations asked to keep a reference to the pandemic.",
    ),
    Move(
        "MAR",
        "OP1",
        ProposalKind.DELETE_WORDS,
        words="for Safe, Orderly and Regular Migration",
        decision=Decision.NOT_TAKEN_IN,
        note="The full name of the Compact is kept in the first operative paragraph.",
    ),
    Move(
        "MEX",
        "OP3 (c)",
        ProposalKind.INSERT,
        "and slow-onset",
        words="sudden-onset",
        supports=(("EGY", AFRICAN_GROUP), "ECU"),
        decision=Decision.TAKEN_IN,
    ),
    Move(
        "ECU",
        "OP4",
        ProposalKind.INSERT,
        "search for and",
        words="and to",
        supports=("MEX",),
        decision=Decision.TAKEN_IN,
    ),
    Move(
        "ECU",
        "OP4",
        ProposalKind.ADD_AFTER,
        "We commit to ensure that all migrants, regardless of their migration status, can "
        "safely access basic services.",
        decision=Decision.NOT_TAKEN_IN,
        note="Basic services are left to the next Forum's declaration.",
    ),
    Move(
        "MEX",
        "OP5",
        ProposalKind.RETAIN,
        supports=("ECU",),
        decision=Decision.TAKEN_IN,
    ),
    Move(
        "EGY",
        "OP5",
        ProposalKind.ADD_AFTER,
        "We call for reducing the transaction costs of migrant remittances to less than 3 per "
        "cent and eliminating remittance corridors with costs higher than 5 per cent by 2030, "
        "in line with target 10.c of the Sustainable Development Goals.",
        group=AFRICAN_GROUP,
        supports=("MAR", "MEX"),
        decision=Decision.TAKEN_IN,
    ),
    Move(
        "MAR",
        "OP6",
        ProposalKind.REPLACE,
        "We commit to prioritize non-custodial alternatives to detention in line with "
        "international law, to use immigration detention only as a measure of last resort, for "
        "the shortest possible period, and to work to end the practice of child immigration "
        "detention in all circumstances.",
        supports=("ECU",),
        decision=Decision.PARTLY,
        note="The alternatives to detention are taken in; the length of detention returns to "
        "the next round.",
        taken_text="We commit to prioritize non-custodial alternatives to detention in line with "
        "international law, to use immigration detention only as a measure of last resort, and "
        "to work to end the practice of child immigration detention.",
    ),
    Move(
        "DEU",
        "OP7",
        ProposalKind.INSERT,
        "disability,",
        words="age,",
        supports=("MEX", "ECU"),
        decision=Decision.TAKEN_IN,
    ),
]

ROUND_2022_REV1 = [
    Move(
        "DEU",
        "OP6",
        ProposalKind.INSERT,
        "as well as for promoting the financial inclusion of migrants and their families,",
        words="by 2030,",
        decision=Decision.TAKEN_IN,
    ),
    Move(
        "MAR",
        "OP7",
        ProposalKind.INSERT,
        "for the shortest possible period,",
        words="last resort,",
        supports=("ECU", "MEX"),
        decision=Decision.TAKEN_IN,
    ),
    Move(
        "EGY",
        "OP5",
        ProposalKind.RETAIN,
        group=AFRICAN_GROUP,
        decision=Decision.TAKEN_IN,
    ),
]

ROUND_2030 = [  # none from Morocco: the demo's focal point may still propose
    Move(
        "DEU",
        "OP1",
        ProposalKind.INSERT,
        "with the participation of stakeholders,",
        words="voluntary reviews",
    ),
    Move(
        "MEX",
        "OP2 (c)",
        ProposalKind.REPLACE,
        "ensuring that all migrants, regardless of their migration status, can safely access "
        "basic services, including health care and education.",
        supports=("ECU",),
    ),
    Move("DEU", "OP4", ProposalKind.DELETE_WORDS, words="that request it"),
    Move(
        "EGY",
        "OP3",
        ProposalKind.ADD_AFTER,
        "We call for sustained and predictable contributions to the Migration Multi-Partner "
        "Trust Fund, so that it can respond to the requests of Member States in all regions.",
        group=AFRICAN_GROUP,
        supports=("ECU", "MEX"),
    ),
    Move("ECU", "OP5", ProposalKind.RETAIN),
]

# Every moment the services stamp with the present; _on() moves them to the story's day.
STAMPED = [
    (Document, "created_at"),
    (Revision, "created_at"),
    (Revision, "published_at"),
    (Revision, "round_opened_at"),
    (Revision, "round_closed_at"),
    (Revision, "compilation_published_at"),
    (Proposal, "created_at"),
    (Proposal, "updated_at"),
    (Proposal, "decided_at"),
    (Support, "created_at"),
    (Event, "created_at"),
]


class Cast(NamedTuple):
    admin: User
    cofacilitator: User
    governments: dict[str, Organisation]  # by ISO3
    groups: dict[str, NegotiatingGroup]


@transaction.atomic
def seed() -> int:
    """Negotiate the demo documents that are missing (the people of the accounts demo act);
    return how many were created."""
    made = 0
    for year, negotiate in [(2022, _negotiate_2022), (2030, _negotiate_2030)]:
        edition = compact_demo.next_edition() if year == 2030 else Edition.objects.get(year=year)
        if not Document.objects.filter(edition=edition).exists():
            negotiate(edition, _cast())
            made += 1
    return made


def _cast() -> Cast:
    governments = {
        o.country.iso3: o
        for o in Organisation.objects.verified()
        .filter(entity_type__code="member-state")
        .select_related("country")
        .order_by("-pk")  # the earliest of a country wins
    }
    groups = {}
    for name, members in GROUP_MEMBERS.items():
        groups[name], _ = NegotiatingGroup.objects.get_or_create(name=name)
        groups[name].members.add(*[governments[iso3] for iso3 in members if iso3 in governments])
    return Cast(
        admin=User.objects.get(email=ADMIN),
        cofacilitator=User.objects.get(email=COFACILITATOR),
        governments=governments,
        groups=groups,
    )


def _negotiate_2022(edition: Edition, cast: Cast) -> None:
    """From the appointment of the co-facilitators to the adoption, in the past.

    The services accept proposals only while a round is open now, so each round is opened with
    a deadline in the future, played, closed, and then dated back (_on(), and its deadline set
    to the day it closed)."""
    cofacilitator = cast.cofacilitator
    with _on(_at(edition, 2, 8, 12)):
        document = _document(edition, cast, COFACILITATORS_2022)
    zero = document.revisions.get(number=0)
    with _on(_at(edition, 3, 1, 10), zero):
        _publish(zero, ZERO_DRAFT_2022, cast)
    _round(zero, ROUND_2022_ZERO, cast, first_day=_at(edition, 3, 7, 11))
    _close(zero, cast, closed=_at(edition, 3, 18, 18), compiled=_at(edition, 3, 22, 10))
    with _on(_at(edition, 3, 29, 16)):
        _decide(zero, ROUND_2022_ZERO, cast)
    with _on(_at(edition, 3, 31, 10)):
        rev1 = services.start_revision(document, is_final=False, by=cofacilitator)
    with _on(_at(edition, 4, 4, 10), rev1):
        services.publish_revision(rev1, by=cofacilitator)
        _open(rev1, cast)
    _round(rev1, ROUND_2022_REV1, cast, first_day=_at(edition, 4, 8, 11))
    _close(rev1, cast, closed=_at(edition, 4, 19, 18), compiled=_at(edition, 4, 21, 10))
    with _on(_at(edition, 4, 28, 16)):
        _decide(rev1, ROUND_2022_REV1, cast)
    with _on(_at(edition, 5, 2, 10)):
        final = services.start_revision(document, is_final=True, by=cofacilitator)
    with _on(_at(edition, 5, 6, 10), final):
        services.publish_revision(final, by=cofacilitator)
    with _on(_at(edition, 5, 20, 17), final):
        services.adopt(final, on=datetime.date(2022, 5, 20), at=ADOPTED_AT, by=cofacilitator)


def _negotiate_2030(edition: Edition, cast: Cast) -> None:
    """A zero draft published ten days ago, its round open for 30 more days to Member States;
    proposals so far from a few delegations, the compilation not yet published."""
    now = timezone.now()
    with _on(now - datetime.timedelta(days=40)):
        document = _document(edition, cast, COFACILITATORS_2030)
    zero = document.revisions.get(number=0)
    with _on(now - datetime.timedelta(days=10), zero):
        _publish(zero, ZERO_DRAFT_2030, cast, deadline=now + datetime.timedelta(days=30))
    _round(zero, ROUND_2030, cast, first_day=now - datetime.timedelta(days=8))


def _document(edition: Edition, cast: Cast, cofacilitators: list[tuple[str, str]]) -> Document:
    return services.save_document(
        edition,
        title=TITLE,
        language="en",
        cofacilitators=[(cast.governments[iso3], name) for iso3, name in cofacilitators],
        by=cast.admin,
    )


def _publish(revision: Revision, draft: str, cast: Cast, deadline=None) -> None:
    """Import the zero draft from plain text, publish it and open its round."""
    parsed = importing.parse_text(draft)
    services.import_paragraphs(revision, parsed, by=cast.cofacilitator)
    services.publish_revision(revision, by=cast.cofacilitator)
    _open(revision, cast, deadline=deadline)


def _open(revision: Revision, cast: Cast, deadline=None) -> None:
    # A past round gets a deadline a day ahead, moved back by _close() once it is played.
    deadline = deadline or timezone.now() + datetime.timedelta(days=1)
    services.open_round(
        revision, deadline=deadline, audience=Audience.MEMBER_STATES, by=cast.cofacilitator
    )


def _round(revision: Revision, moves: list[Move], cast: Cast, *, first_day) -> None:
    """Each proposal and its supports on a day of its own, in the order of MOVES."""
    paragraphs = _paragraphs(revision)
    for day, move in enumerate(moves):
        with _on(first_day + datetime.timedelta(days=day, hours=day % 3), revision):
            paragraph = paragraphs[move.paragraph]
            start, end = _positions(paragraph, move)
            proposal = services.propose(
                revision,
                paragraph,
                delegation=cast.governments[move.delegation],
                kind=move.kind,
                text=move.text,
                start=start,
                end=end,
                group=cast.groups[move.group] if move.group else None,
                by=_focal_point(cast.governments[move.delegation]),
            )
            for supporter in move.supports:
                iso3, group = supporter if isinstance(supporter, tuple) else (supporter, "")
                services.support(
                    proposal,
                    delegation=cast.governments[iso3],
                    group=cast.groups[group] if group else None,
                    by=_focal_point(cast.governments[iso3]),
                )


def _close(revision: Revision, cast: Cast, *, closed, compiled) -> None:
    with _on(closed, revision):
        services.close_round(revision, by=cast.cofacilitator)
    Revision.objects.filter(pk=revision.pk).update(round_deadline=closed)
    with _on(compiled, revision):
        services.publish_compilation(revision, by=cast.cofacilitator)


def _decide(revision: Revision, moves: list[Move], cast: Cast) -> None:
    proposals = revision.proposals.select_related("revision").order_by("created_at", "pk")
    for proposal, move in zip(proposals, moves, strict=True):
        services.decide(
            proposal,
            decision=move.decision,
            note=move.note,
            taken_text=move.taken_text,
            by=cast.cofacilitator,
        )


def _paragraphs(revision: Revision) -> dict[str, Paragraph]:
    paragraphs = Paragraph.objects.filter(revision=revision).select_related("parent")
    return {paragraph.label: paragraph for paragraph in paragraphs}


def _positions(paragraph: Paragraph, move: Move) -> tuple[int | None, int | None]:
    """The word positions of MOVE: after its words for an insertion, over them for a deletion."""
    if move.kind not in (ProposalKind.INSERT, ProposalKind.DELETE_WORDS):
        return None, None
    start, end = wording.find_words(paragraph.text, move.words)  # the words appear once
    return (end, end) if move.kind == ProposalKind.INSERT else (start, end)


def _focal_point(organisation: Organisation) -> User:
    membership = (
        Membership.objects.filter(
            organisation=organisation,
            level=Membership.Level.FOCAL_POINT,
            status=Membership.Status.ACTIVE,
        )
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user


@contextmanager
def _on(moment: datetime.datetime, *records):
    """Date at MOMENT whatever the block records (services stamp the present).

    RECORDS are read again first: a service saving a whole row would otherwise write back the
    present that an earlier step had already moved."""
    for record in records:
        record.refresh_from_db()
    started = timezone.now()
    yield
    for model, field in STAMPED:
        model.objects.filter(**{f"{field}__gte": started}).update(**{field: moment})


def _at(edition: Edition, month: int, day: int, hour: int) -> datetime.datetime:
    """An hour of the edition's year at its venue."""
    return datetime.datetime(edition.year, month, day, hour, tzinfo=edition.zone)
