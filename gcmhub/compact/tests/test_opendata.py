import datetime

import pytest
from django.http import QueryDict
from django.utils import translation

from gcmhub.api import registry
from gcmhub.compact import opendata
from gcmhub.compact.models import (
    Country,
    Edition,
    EntityType,
    Objective,
    Principle,
    Region,
    RegionalCommission,
    SustainableDevelopmentGoal,
)

pytestmark = pytest.mark.django_db


def _records(resource, query=""):
    return [resource.record(row) for row in resource.rows(resource.filters(QueryDict(query)))]


def _record_of(resource, key):
    (record,) = [r for r in _records(resource) if r[resource.key] == key]
    return record


def test_resources_are_the_reference_collections_with_natural_keys():
    names = {resource.name: resource.key for resource in opendata.RESOURCES}

    assert names == {
        "objectives": "number",
        "principles": "number",
        "sdgs": "number",
        "regions": "code",
        "commissions": "code",
        "countries": "iso3",
        "entity_types": "code",
        "editions": "year",
    }
    assert [r.fields[0].name == r.key for r in opendata.RESOURCES] == [True] * 8


def test_objective_record_gives_its_names_and_round_table():
    record = _record_of(opendata.objectives, 1)

    assert record == {
        "number": 1,
        "name": "Data",
        "title": "Collect and utilize accurate and disaggregated data as a basis for "
        "evidence-based policies",
        "round_table": 4,
    }


def test_objective_names_follow_the_active_language():
    with translation.override("fr"):
        record = _record_of(opendata.objectives, 1)

    assert record["name"] == "Données"


def test_every_objective_has_one_of_the_four_round_tables():
    records = _records(opendata.objectives)

    assert [r["number"] for r in records] == list(range(1, 24))
    assert {r["round_table"] for r in records} == {1, 2, 3, 4}


def test_principle_and_goal_records():
    principle = _record_of(opendata.principles, 1)
    goal = _record_of(opendata.sdgs, 1)

    assert principle == {"number": 1, "name": "People-centred"}
    assert goal == {
        "number": 1,
        "name": "No poverty",
        "title": "End poverty in all its forms everywhere",
    }


def test_region_records_point_to_their_parent():
    africa = _record_of(opendata.regions, "002")
    western_africa = _record_of(opendata.regions, "011")

    assert africa == {"code": "002", "name": "Africa", "parent": None}
    assert western_africa == {"code": "011", "name": "Western Africa", "parent": "002"}


def test_commission_record():
    assert _record_of(opendata.commissions, "ECA") == {
        "code": "ECA",
        "name": "Economic Commission for Africa",
    }


def test_country_record_and_cells():
    france = Country.objects.get(iso3="FRA")

    record = opendata.countries.record(france)
    cells = opendata.countries.cells(france)

    assert record == {
        "iso3": "FRA",
        "iso2": "FR",
        "m49": "250",
        "name": "France",
        "region": "150",
        "subregion": "155",
        "un_membership": "member",
        "commissions": ["ECE", "ECLAC", "ESCAP"],
    }
    assert cells == ["FRA", "FR", "250", "France", "150", "155", "member", "ECE;ECLAC;ESCAP"]


def test_countries_filter_like_the_countries_page():
    records = _records(opendata.countries, "region=155&status=member")

    assert [r["iso3"] for r in records] == [
        "AUT",
        "BEL",
        "CHE",
        "DEU",
        "FRA",
        "LIE",
        "LUX",
        "MCO",
        "NLD",
    ]


def test_countries_ignore_an_invalid_filter():
    records = _records(opendata.countries, "region=999&status=nonsense")

    assert len(records) == Country.objects.count()


def test_country_names_follow_the_active_language():
    with translation.override("es"):
        record = opendata.countries.record(Country.objects.get(iso3="DEU"))

    assert record["name"] == "Alemania"


def test_entity_type_record():
    record = _record_of(opendata.entity_types, "civil-society")

    assert record == {
        "code": "civil-society",
        "name": "Civil society organisation",
        "is_state": False,
        "position": 5,
    }


def test_edition_record_and_cells():
    edition = Edition.objects.get(year=2026)

    record = opendata.editions.record(edition)
    cells = opendata.editions.cells(edition)

    assert record == {
        "year": 2026,
        "hearing_date": "2026-05-04",
        "start_date": "2026-05-05",
        "end_date": "2026-05-08",
        "venue": "United Nations Headquarters, New York",
        "time_zone": "America/New_York",
    }
    assert cells == [
        2026,
        "2026-05-04",
        "2026-05-05",
        "2026-05-08",
        "United Nations Headquarters, New York",
        "America/New_York",
    ]
    assert opendata.editions.fields[1].get(edition) == datetime.date(2026, 5, 4)


@pytest.mark.parametrize("resource", opendata.RESOURCES, ids=lambda r: r.name)
def test_rows_are_in_primary_key_order(resource):
    rows = list(resource.rows({}))

    assert [row.pk for row in rows] == sorted(row.pk for row in rows)


def test_page_urls_of_objectives_countries_and_editions():
    objective = Objective.objects.get(number=2)
    country = Country.objects.get(iso3="KEN")
    edition = Edition.objects.get(year=2026)

    urls = [
        opendata.objectives.page_url(objective),
        opendata.countries.page_url(country),
        opendata.editions.page_url(edition),
    ]

    assert urls == ["/en/objectives/2/", "/en/countries/KEN/", "/en/forum/2026/"]


def test_no_record_holds_an_email_address():
    texts = [str(_records(resource)) for resource in opendata.RESOURCES]

    assert [text.count("@") for text in texts] == [0] * len(texts)


def test_references_point_to_existing_collections_and_fields():
    collections = {
        name: {field.name for field in resource.fields}
        for name, resource in registry.resources().items()
    }
    references = [
        (resource.name, field.name, field.reference)
        for resource in opendata.RESOURCES
        for field in resource.fields
        if field.reference
    ]

    missing = [ref for ref in references if ref[2][1] not in collections.get(ref[2][0], set())]

    assert len(references) == 4
    assert missing == []


MODELS = {
    "objectives": Objective,
    "principles": Principle,
    "sdgs": SustainableDevelopmentGoal,
    "regions": Region,
    "commissions": RegionalCommission,
    "countries": Country,
    "entity_types": EntityType,
    "editions": Edition,
}


def _keep(count: int) -> None:
    """Delete all but COUNT rows of each reference table (or all but the regions its countries
    use); nothing else refers to them here."""
    for model in MODELS.values():
        if model is not Region:
            model.objects.exclude(
                pk__in=list(model.objects.values_list("pk", flat=True)[:count])
            ).delete()
    used = {code for pair in Country.objects.values_list("region", "subregion") for code in pair}
    Region.objects.exclude(m49__in=used).exclude(parent=None).delete()
    Region.objects.exclude(m49__in=used).delete()


@pytest.mark.parametrize("count", [1, 3])
@pytest.mark.parametrize("resource", opendata.RESOURCES, ids=lambda r: r.name)
def test_rows_cost_a_fixed_number_of_queries(django_assert_num_queries, resource, count):
    _keep(count)
    expected = MODELS[resource.name].objects.count()
    queries = 2 if resource.name == "countries" else 1  # and their commissions

    with django_assert_num_queries(queries):
        rows = list(resource.rows({}))

    assert len(rows) == expected
