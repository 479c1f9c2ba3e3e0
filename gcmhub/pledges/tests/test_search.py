"""Words in the pledge list, its facets, the dashboard and the exports: full-text search."""

import csv
import io

import pytest
from django.urls import reverse

from gcmhub.compact.models import Country
from gcmhub.pledges import queries
from gcmhub.pledges.forms import PledgeFilterForm
from gcmhub.pledges.tests.factories import PledgeFactory
from gcmhub.search import services as search
from gcmhub.search.models import Entry
from gcmhub.workflow import services as workflow
from gcmhub.workflow.models import Action, State

pytestmark = pytest.mark.django_db


def _titles(response) -> list[str]:
    return [pledge.title for pledge in response.context["page"].object_list]


def test_list_finds_words_in_title_description_and_action(client):
    PledgeFactory(title="Consular protection abroad")
    PledgeFactory(title="Second", description="Training for labour inspectors " * 12)
    PledgeFactory(title="Third", action="Translate the guidance into Swahili.")

    by_title = client.get(reverse("pledges:list"), {"q": "consul"})
    by_description = client.get(reverse("pledges:list"), {"q": "inspectors training"})
    by_action = client.get(reverse("pledges:list"), {"q": "swahili"})

    assert (_titles(by_title), _titles(by_description), _titles(by_action)) == (
        ["Consular protection abroad"],
        ["Second"],
        ["Third"],
    )


def test_list_finds_objective_and_country_names_in_every_language(client):
    kenya = PledgeFactory(title="In Kenya", main_objectives=[6])
    kenya.countries.add(Country.objects.get(iso3="KEN"))
    search.index(kenya)  # countries added after the factory indexed it
    PledgeFactory(title="Elsewhere", main_objectives=[5])

    found = {
        text: _titles(client.get(reverse("pledges:list"), {"q": text}))
        for text in ["travail décent", "trabajo decente", "كينيا", "肯尼亚", "Кения"]
    }

    assert found == {
        "travail décent": ["In Kenya"],
        "trabajo decente": ["In Kenya"],
        "كينيا": ["In Kenya"],
        "肯尼亚": ["In Kenya"],
        "Кения": ["In Kenya"],
    }


def test_list_search_never_shows_unpublished_pledges(client, cast):
    PledgeFactory(title="Harbour pilots draft", state=State.DRAFT)
    PledgeFactory(title="Harbour pilots submitted", state=State.SUBMITTED)
    published = PledgeFactory(title="Harbour pilots")

    response = client.get(reverse("pledges:list"), {"q": "harbour"})

    assert list(response.context["page"].object_list) == [published]


def test_list_orders_by_relevance_with_words_and_by_date_without(client):
    in_title = PledgeFactory(title="Remittances", description="Cheaper transfers home. " * 20)
    in_body = PledgeFactory(
        title="Banking", description="Cheaper remittances. " + "Cheaper transfers home. " * 19
    )

    searched = client.get(reverse("pledges:list"), {"q": "remittance"})
    listed = client.get(reverse("pledges:list"))

    assert list(searched.context["page"].object_list) == [in_title, in_body]
    assert list(listed.context["page"].object_list) == [in_body, in_title]


def test_list_search_combines_with_the_filters(client):
    PledgeFactory(title="Seasonal harvest visas", main_objectives=[5])
    PledgeFactory(title="Seasonal harvest insurance", main_objectives=[6])
    PledgeFactory(title="Language courses", main_objectives=[6])

    response = client.get(reverse("pledges:list"), {"q": "seasonal harvest", "objective": 6})

    assert _titles(response) == ["Seasonal harvest insurance"]


def test_query_without_a_word_is_refused_and_the_list_stays_whole(client):
    PledgeFactory(title="First")
    PledgeFactory(title="Second")

    response = client.get(reverse("pledges:list"), {"q": '" * -'})

    assert response.context["form"].errors["q"] == [
        "Type at least one word or number; punctuation and operators are ignored."
    ]
    assert sorted(_titles(response)) == ["First", "Second"]


@pytest.mark.parametrize(
    "text", ['"', "NEAR(", "OR OR", 'a" OR "b', "'); DROP TABLE pledges_pledge; --", "x" * 100]
)
def test_hostile_queries_answer_normally(client, text):
    PledgeFactory(title="Still here")

    response = client.get(reverse("pledges:list"), {"q": text})

    assert response.status_code == 200


def test_facet_counts_dashboard_and_exports_follow_the_words(client):
    PledgeFactory(title="Ferry rescue", main_objectives=[8])
    PledgeFactory(title="Other", main_objectives=[5])

    counts = queries.facet_counts({"q": "ferry"})
    figures = queries.dashboard({"q": "ferry"})
    rows = list(
        csv.DictReader(
            io.StringIO(
                b"".join(
                    client.get(
                        reverse("pledges:export", args=["csv"]), {"q": "ferry"}
                    ).streaming_content
                ).decode()
            )
        )
    )

    assert counts["objective"] == {"8": 1}
    assert (figures["total"], figures["by_objective"]) == (1, {8: 1})
    assert [row["title"] for row in rows] == ["Ferry rescue"]


def test_form_accepts_words_and_refuses_punctuation_only():
    words = PledgeFilterForm({"q": "  «migrants»  "})
    punctuation = PledgeFilterForm({"q": "«» — …"})

    assert (words.filters(), punctuation.filters()) == ({"q": "«migrants»"}, {})


def test_publishing_and_withdrawing_update_the_index(cast):
    pledge = PledgeFactory(
        title="Lighthouse", organisation=cast.organisation, state=State.SUBMITTED
    )

    workflow.transition(pledge, Action.PUBLISH, by=cast.reviewer)
    after_publishing = list(Entry.objects.values_list("title", flat=True))
    workflow.transition(pledge, Action.WITHDRAW, by=cast.focal_point)

    assert after_publishing == ["Lighthouse"]
    assert Entry.objects.count() == 0


@pytest.mark.parametrize("count", [1, 3])
def test_pledge_list_with_words_queries_do_not_grow(client, django_assert_num_queries, count):
    PledgeFactory.create_batch(count, title="Coastal pledge")

    with django_assert_num_queries(19):  # as without words: the search is inside each query
        response = client.get(reverse("pledges:list"), {"q": "coastal"})

    assert len(response.context["page"].object_list) == count
