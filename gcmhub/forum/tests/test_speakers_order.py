"""The order of speakers, as a pure function of the inscriptions and the precedence rules."""

import datetime
import importlib

import pytest

from gcmhub.accounts.tests.factories import GovernmentFactory
from gcmhub.compact.models import Country
from gcmhub.forum.models import Inscription, PrecedenceRule
from gcmhub.forum.speakers import queries
from gcmhub.forum.tests.factories import InscriptionFactory, SpeakersListFactory

PRECEDENCE = importlib.import_module("gcmhub.forum.migrations.0002_reference_data").PRECEDENCE
RULES = [
    PrecedenceRule(pk=n, position=position, category=category, level=level)
    for n, (position, category, level) in enumerate(PRECEDENCE, start=1)
]
START = datetime.datetime(2026, 3, 1, 9, tzinfo=datetime.UTC)

GROUP = "group"
MS = "member_state"
OBS = "observer_state"
IGO = "intergovernmental"
SH = "stakeholder"


def _inscriptions(rows) -> list[Inscription]:
    """ROWS: (name, category, level, minutes after START, fixed place); pks in row order."""
    inscriptions = []
    for pk, (name, category, level, minute, fixed) in enumerate(rows, start=1):
        inscription = Inscription(
            pk=pk,
            category=category,
            level=level,
            inscribed_at=START + datetime.timedelta(minutes=minute),
            fixed_position=fixed,
        )
        inscription.name = name
        inscriptions.append(inscription)
    return inscriptions


CASES = {
    "a group speaks before a Head of State inscribed earlier": (
        [
            ("Morocco", MS, "head_of_state", 0, None),
            ("African Group", GROUP, "minister", 5, None),
        ],
        ["African Group", "Morocco"],
    ),
    "Member States by level, whatever the time of inscription": (
        [
            ("Kenya", MS, "head_of_delegation", 0, None),
            ("Chile", MS, "vice_minister", 1, None),
            ("Ghana", MS, "minister", 2, None),
            ("Egypt", MS, "deputy_prime_minister", 3, None),
            ("Fiji", MS, "vice_president", 4, None),
            ("Nepal", MS, "head_of_government", 5, None),
            ("Peru", MS, "head_of_state", 6, None),
        ],
        ["Peru", "Nepal", "Fiji", "Egypt", "Ghana", "Chile", "Kenya"],
    ),
    "every category, inscribed in reverse": (
        [
            ("NGO", SH, "", 0, None),
            ("IOM", IGO, "", 1, None),
            ("Holy See", OBS, "", 2, None),
            ("Kenya", MS, "head_of_delegation", 3, None),
            ("Ghana", MS, "minister", 4, None),
            ("Group of 77", GROUP, "head_of_delegation", 5, None),
        ],
        ["Group of 77", "Ghana", "Kenya", "Holy See", "IOM", "NGO"],
    ),
    "within a level, the earlier inscription first, whatever the pk": (
        [
            ("Later", MS, "minister", 10, None),
            ("Earlier", MS, "minister", 3, None),
        ],
        ["Earlier", "Later"],
    ),
    "a tie in time is broken by the order of creation": (
        [
            ("First", MS, "minister", 0, None),
            ("Second", MS, "minister", 0, None),
            ("Third", MS, "minister", 0, None),
        ],
        ["First", "Second", "Third"],
    ),
    "groups among themselves by time, whatever their level": (
        [
            ("EU", GROUP, "head_of_state", 4, None),
            ("African Group", GROUP, "head_of_delegation", 2, None),
        ],
        ["African Group", "EU"],
    ),
    "an observer State at any level keeps its category's place": (
        [
            ("Holy See", OBS, "head_of_state", 0, None),
            ("Kenya", MS, "head_of_delegation", 9, None),
        ],
        ["Kenya", "Holy See"],
    ),
    "no matching rule: after all the others": (
        [
            ("No level", MS, "", 0, None),
            ("NGO", SH, "", 5, None),
        ],
        ["NGO", "No level"],
    ),
    "a speaker moved to the first place": (
        [
            ("Group", GROUP, "minister", 0, None),
            ("Ghana", MS, "minister", 1, None),
            ("NGO", SH, "", 2, 1),
        ],
        ["NGO", "Group", "Ghana"],
    ),
    "a speaker moved beyond the end speaks last": (
        [
            ("Peru", MS, "head_of_state", 0, 40),
            ("Ghana", MS, "minister", 1, None),
            ("Kenya", MS, "head_of_delegation", 2, None),
        ],
        ["Ghana", "Kenya", "Peru"],
    ),
    "two moved speakers placed in order of their places": (
        [
            ("Ghana", MS, "minister", 0, None),
            ("Kenya", MS, "head_of_delegation", 1, None),
            ("Chile", MS, "vice_minister", 2, None),
            ("NGO", SH, "", 3, 2),
            ("IOM", IGO, "", 4, 1),
        ],
        ["IOM", "NGO", "Ghana", "Chile", "Kenya"],
    ),
    "two speakers moved to one place: in the rule's order, one after the other": (
        [
            ("Ghana", MS, "minister", 0, None),
            ("NGO", SH, "", 1, 2),
            ("Holy See", OBS, "", 2, 2),
        ],
        ["Ghana", "Holy See", "NGO"],
    ),
    "nobody inscribed": ([], []),
}


@pytest.mark.parametrize(("rows", "expected"), CASES.values(), ids=CASES.keys())
def test_order_of_speakers(rows, expected):
    inscriptions = _inscriptions(rows)

    ordered = queries.order(inscriptions, RULES)

    assert [inscription.name for inscription in ordered] == expected


def test_the_order_follows_the_rules_given():
    inscriptions = _inscriptions(
        [
            ("Ghana", MS, "minister", 0, None),
            ("NGO", SH, "", 1, None),
            ("Group", GROUP, "", 2, None),
        ]
    )
    stakeholders_first = [
        PrecedenceRule(position=1, category=SH, level=""),
        PrecedenceRule(position=2, category=MS, level=""),
    ]

    ordered = queries.order(inscriptions, stakeholders_first)

    assert [inscription.name for inscription in ordered] == ["NGO", "Ghana", "Group"]


@pytest.mark.django_db
def test_the_stored_list_is_ordered_by_the_rules_of_the_database():
    speakers_list = SpeakersListFactory()
    minister = InscriptionFactory(speakers_list=speakers_list, inscribed_at=START)
    head_of_state = InscriptionFactory(
        speakers_list=speakers_list,
        organisation=GovernmentFactory(country=Country.objects.get(iso3="EGY")),
        level="head_of_state",
        inscribed_at=START + datetime.timedelta(hours=1),
    )

    ordered = queries.ordered(speakers_list)

    assert ordered == [head_of_state, minister]
