"""The facet bit sets give the same records, counts and order as SQL, and notice changes."""

import itertools
import random

import pytest

from gcmhub.compact.models import Country, Objective, Principle
from gcmhub.pledges import queries
from gcmhub.pledges.models import Category, Pledge, PledgeType
from gcmhub.pledges.tests.factories import PledgeFactory
from gcmhub.search import bitmaps
from gcmhub.workflow.models import Action, State
from gcmhub.workflow.services import transition

pytestmark = pytest.mark.django_db


def test_bitset_sets_exactly_the_given_bits():
    assert bitmaps.bitset([0, 3, 9]) == 0b1000001001
    assert bitmaps.bitset([]) == 0


@pytest.fixture
def pledges():
    rng = random.Random(9)
    countries = list(Country.objects.filter(iso3__in=["KEN", "PER", "PHL", "MAR", "DEU"]))
    principles = list(Principle.objects.all()[:4])
    made = []
    for n in range(24):
        pledge = PledgeFactory(
            title=f"Coastal pledge {n}" if n % 3 else f"Inland pledge {n}",
            main_objectives=rng.sample([2, 5, 6, 16], k=rng.randint(1, 2)),
            pledge_type=rng.choice(list(PledgeType)[:3]),
            category=rng.choice(list(Category)),
            state=State.PUBLISHED if n % 5 else State.SUBMITTED,
        )
        pledge.countries.set(rng.sample(countries, k=rng.randint(0, 2)))
        pledge.principles.set(rng.sample(principles, k=rng.randint(1, 2)))
        made.append(pledge)
    return made


FILTERS = [
    {},
    {"objective": 5},
    {"objective": 5, "type": "individual"},
    {"region": "002", "principle": 1},
    {"country": "PER", "category": "programme"},
    {"q": "coastal"},
    {"q": "coastal", "objective": 6, "region": "019"},
    {"q": "nothing-like-this"},
]


@pytest.mark.parametrize("filters", FILTERS)
def test_the_same_records_counts_and_order_as_sql(pledges, filters):
    sql = queries.filtered(Pledge.objects.published(), filters)
    listing = queries.listing(filters)

    assert listing.count() == sql.count()
    expected = sql.order_by("-relevance", "-published_at", "-pk") if filters.get("q") else sql
    pages = [listing[start : start + 5] for start in range(0, listing.count(), 5)]
    assert [p.pk for p in itertools.chain(*pages)] == [p.pk for p in expected]
    counts = listing.counts()
    for name in queries.FACETS:  # what filtering by each value gives, under the other filters
        expected = {}
        for value in {
            str(v)
            for lookup in queries.FACETS[name].lookups
            for v in Pledge.objects.values_list(lookup, flat=True).distinct()
            if v not in (None, "")
        }:
            found = queries.filtered(Pledge.objects.published(), {**filters, name: value}).count()
            if found:
                expected[value] = found
        assert counts[name] == expected, name


def test_a_withdrawal_in_another_process_is_noticed(pledges, cast):
    published = [p for p in pledges if p.state == State.PUBLISHED]
    before = queries.listing({}).count()
    built = bitmaps._built.copy()
    transition(published[0], Action.UNPUBLISH, by=cast.admin, note="By mistake")
    bitmaps._built.update(built)  # as in another process: what was built is still there

    assert queries.listing({}).count() == before - 1 == len(published) - 1


def test_a_publication_in_another_process_is_noticed(pledges, cast):
    waiting = next(p for p in pledges if p.state == State.SUBMITTED)
    before = queries.listing({}).count()
    built = bitmaps._built.copy()
    transition(waiting, Action.PUBLISH, by=cast.reviewer)
    bitmaps._built.update(built)  # as in another process: what was built is still there

    assert queries.listing({}).count() == before + 1


def test_saving_a_draft_keeps_what_was_built(pledges):
    queries.listing({})
    built = dict(bitmaps._built)

    PledgeFactory(state=State.DRAFT).countries.set(Country.objects.filter(iso3="KEN"))
    queries.listing({})

    assert bitmaps._built == built


def test_changing_a_public_record_s_tags_is_seen_at_once(pledges):
    public = next(p for p in pledges if p.state == State.PUBLISHED)
    assert public.pk not in [p.pk for p in queries.listing({"objective": 23})[:30]]

    public.main_objectives.add(*Objective.objects.filter(number=23))

    assert public.pk in [p.pk for p in queries.listing({"objective": 23})[:30]]


def test_a_page_never_shows_a_record_that_is_no_longer_public(pledges):
    listing = queries.listing({})
    first = listing[0:1][0]
    Pledge.objects.filter(pk=first.pk).update(state=State.DRAFT)  # not even an event

    assert first.pk not in [p.pk for p in listing[0:30]]
