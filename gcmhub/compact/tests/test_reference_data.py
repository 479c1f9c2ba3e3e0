import importlib

import pytest
from django.apps import apps
from django.utils import translation

from gcmhub.compact.models import (
    Country,
    Edition,
    EntityType,
    Objective,
    Principle,
    Region,
    SustainableDevelopmentGoal,
)

pytestmark = pytest.mark.django_db
LANGUAGES = {"en", "fr", "es", "ar", "zh", "ru"}


def test_reference_counts():
    assert Objective.objects.count() == 23
    assert Principle.objects.count() == 10
    assert SustainableDevelopmentGoal.objects.count() == 17
    assert EntityType.objects.count() == 14
    assert Country.objects.member_states().count() == 193
    assert set(
        Country.objects.filter(status=Country.Status.OBSERVER).values_list("iso3", flat=True)
    ) == {"VAT", "PSE"}
    assert list(Edition.objects.order_by("year").values_list("year", flat=True)) == [2022, 2026]


@pytest.mark.parametrize(
    "model", [Objective, Principle, SustainableDevelopmentGoal, Region, EntityType, Country]
)
def test_every_name_exists_in_six_languages(model):
    field = "short_names" if model is Objective else "names"

    missing = [
        (row.pk, set(getattr(row, field)))
        for row in model.objects.all()
        if not {k for k, v in getattr(row, field).items() if v} >= LANGUAGES
    ]

    assert missing == []


def test_objective_titles_follow_the_resolution():
    first, last = Objective.objects.get(number=1), Objective.objects.get(number=23)

    assert (
        first.titles["en"]
        == "Collect and utilize accurate and disaggregated data as a basis for evidence-based policies"
    )
    assert last.short_names["fr"] == "Coopération internationale"
    assert set(first.titles) == LANGUAGES


@pytest.mark.parametrize(
    ("iso3", "m49", "region", "subregion", "commissions"),
    [
        ("EGY", "818", "002", "015", {"ECA", "ESCWA"}),
        ("USA", "840", "019", "021", {"ECE", "ECLAC", "ESCAP"}),
        ("MEX", "484", "019", "013", {"ECLAC"}),
        ("DEU", "276", "150", "155", {"ECE", "ECLAC"}),
        ("THA", "764", "142", "035", {"ESCAP"}),
        ("KAZ", "398", "142", "143", {"ECE", "ESCAP"}),
        ("FJI", "242", "009", "054", {"ESCAP"}),
        ("JOR", "400", "142", "145", {"ESCWA"}),
        ("PSE", "275", "142", "145", {"ESCWA"}),
    ],
)
def test_country_sample(iso3, m49, region, subregion, commissions):
    country = Country.objects.get(iso3=iso3)

    assert (country.m49, country.region_id, country.subregion_id) == (m49, region, subregion)
    assert set(country.commissions.values_list("code", flat=True)) == commissions


def test_commission_sizes():
    sizes = {
        code: Country.objects.filter(commissions__code=code).count()
        for code in ["ECA", "ECE", "ECLAC", "ESCAP", "ESCWA"]
    }

    assert sizes == {"ECA": 54, "ECE": 56, "ECLAC": 46, "ESCAP": 53, "ESCWA": 21}


def test_names_follow_the_active_language():
    country = Country.objects.get(iso3="EGY")
    objective = Objective.objects.get(number=8)

    with translation.override("ar"):
        assert (country.name, objective.short_name) == ("مصر", objective.short_names["ar"])
    with translation.override("zh-hans"):
        assert country.name == "埃及"
    with translation.override("fr"):
        assert objective.short_name == "Sauver des vies"


def test_reference_migration_reverses():
    """The data migration has a reverse that empties what it loaded, and it loads again."""
    migration = importlib.import_module("gcmhub.compact.migrations.0002_reference_data")

    migration.unload(apps, None)
    assert (Objective.objects.count(), Country.objects.count()) == (0, 0)

    migration.load(apps, None)
    assert (Objective.objects.count(), Country.objects.count()) == (23, 248)
