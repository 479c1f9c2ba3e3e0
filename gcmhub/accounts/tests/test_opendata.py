import datetime

import pytest
from django.http import QueryDict

from gcmhub.accounts import opendata
from gcmhub.accounts.models import Invitation, Organisation
from gcmhub.accounts.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from gcmhub.api import registry
from gcmhub.compact.models import Country, EntityType, RegionalCommission

pytestmark = pytest.mark.django_db

CANARY = "leak.canary@example.org"


def _records(query=""):
    resource = opendata.organisations
    return [resource.record(row) for row in resource.rows(resource.filters(QueryDict(query)))]


def test_verified_organisation_record_and_cells():
    creator = UserFactory(email=CANARY, full_name="Canary Person")
    organisation = OrganisationFactory(
        name="Migrant Rights Network",
        entity_type=EntityType.objects.get(code="civil-society"),
        country=Country.objects.get(iso3="KEN"),
        website="https://rights.example.org",
        created_by=creator,
        verified_by=creator,
        verified_at=datetime.datetime(2025, 3, 4, 22, 30, tzinfo=datetime.UTC),
    )

    records = _records()
    cells = opendata.organisations.cells(organisation)

    assert records == [
        {
            "id": organisation.pk,
            "name": "Migrant Rights Network",
            "entity_type": "civil-society",
            "country": "KEN",
            "commission": None,
            "website": "https://rights.example.org",
            "verified_at": "2025-03-04",
        }
    ]
    assert cells == [
        organisation.pk,
        "Migrant Rights Network",
        "civil-society",
        "KEN",
        "",
        "https://rights.example.org",
        "2025-03-04",
    ]


def test_an_international_organisation_has_no_country_and_may_represent_a_commission():
    organisation = OrganisationFactory(
        name="Economic Commission for Africa",
        entity_type=EntityType.objects.get(code="un-system"),
        country=None,
        commission=RegionalCommission.objects.get(code="ECA"),
    )

    record = opendata.organisations.record(organisation)

    assert (record["country"], record["commission"], record["verified_at"]) == (None, "ECA", None)


def test_only_verified_organisations_are_published():
    verified = OrganisationFactory(name="Verified")
    OrganisationFactory(name="Awaiting", status=Organisation.Status.PENDING)
    OrganisationFactory(name="Refused", status=Organisation.Status.REJECTED)

    records = _records()

    assert [r["id"] for r in records] == [verified.pk]


def test_organisations_filter_like_the_organisations_page():
    OrganisationFactory(name="Diaspora Forum")
    network = OrganisationFactory(name="Migrant Network")
    OrganisationFactory(name="Network in waiting", status=Organisation.Status.PENDING)

    records = _records("q=network")

    assert [r["name"] for r in records] == [network.name]


def test_rows_are_in_primary_key_order():
    first = OrganisationFactory(name="Zeta")
    second = OrganisationFactory(name="Alpha")

    records = _records()

    assert [r["id"] for r in records] == [first.pk, second.pk]


def test_no_person_or_email_address_leaks(cast):
    organisation = OrganisationFactory(name="Canary Organisation")
    MembershipFactory(organisation=organisation, user__email=CANARY, user__full_name="Ms Canary")
    Invitation.objects.create(organisation=organisation, email="invited@example.org", token="t1")

    text = str(_records())

    assert (text.count("@"), text.count("Canary"), text.count("Person")) == (0, 1, 0)
    assert [f.name for f in opendata.organisations.fields] == [
        "id",
        "name",
        "entity_type",
        "country",
        "commission",
        "website",
        "verified_at",
    ]


def test_page_url_and_updated():
    moment = datetime.datetime(2025, 1, 2, 3, 4, tzinfo=datetime.UTC)
    organisation = OrganisationFactory(verified_at=moment)

    values = (
        opendata.organisations.page_url(organisation),
        opendata.organisations.updated(organisation),
    )

    assert values == (f"/en/organisations/{organisation.pk}/", moment)


def test_references_point_to_existing_collections_and_fields():
    collections = {
        name: {field.name for field in resource.fields}
        for name, resource in registry.resources().items()
    }
    references = [field.reference for resource in opendata.RESOURCES for field in resource.fields]

    missing = [ref for ref in references if ref and ref[1] not in collections.get(ref[0], set())]

    assert [ref for ref in references if ref] == [
        ("entity_types", "code"),
        ("countries", "iso3"),
        ("commissions", "code"),
    ]
    assert missing == []


@pytest.mark.parametrize("count", [1, 3])
def test_rows_cost_a_fixed_number_of_queries(django_assert_num_queries, count):
    OrganisationFactory.create_batch(count, country=None)
    OrganisationFactory.create_batch(count)

    with django_assert_num_queries(1):
        rows = list(opendata.organisations.rows({}))

    assert len(rows) == 2 * count
