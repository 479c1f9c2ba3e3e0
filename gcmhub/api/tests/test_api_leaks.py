"""Nothing unpublished and no personal data through the API: for every collection, a record
that could leak (a draft, a submission, a withdrawn or unpublished record, an unverified
organisation, an unpublished speakers list, a person's e-mail address) is planted first, then
proved absent from the list and not found as an item."""

from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.utils import timezone

from gcmhub.accounts.models import Organisation
from gcmhub.accounts.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from gcmhub.api import registry
from gcmhub.forum.tests.factories import (
    InscriptionFactory,
    SessionFactory,
    SideEventFactory,
    SpeakersListFactory,
    edition,
)
from gcmhub.pledges.tests.factories import PledgeFactory, ProgressReportFactory
from gcmhub.practices.tests.factories import PracticeFactory
from gcmhub.reviews.tests.factories import RegionalReviewFactory, ReviewFactory
from gcmhub.workflow.models import State

pytestmark = pytest.mark.django_db

CANARY = "leak.canary@example.org"
SECRET = "LeakCanaryTitle"
PERSON = "Leak Canary Person"
HIDDEN_STATES = [
    State.DRAFT,
    State.SUBMITTED,
    State.CHANGES_REQUESTED,
    State.REJECTED,
    State.WITHDRAWN,
    State.UNPUBLISHED,
]


def publish_one_of_each(*, by=None) -> SimpleNamespace:
    """One published record in each collection that people write (reference data comes from
    the migrations), created by BY when given: what the API should show."""
    organisation = OrganisationFactory(name="Published Organisation")
    if by is not None:
        MembershipFactory(organisation=organisation, user=by)
    pledge = PledgeFactory(organisation=organisation, created_by=by)
    speakers_list = SpeakersListFactory(edition=edition(2026), published_at=timezone.now())
    return SimpleNamespace(
        organisations=organisation,
        pledges=pledge,
        progress_reports=ProgressReportFactory(pledge=pledge, created_by=by),
        practices=PracticeFactory(organisation=organisation, created_by=by),
        reviews=ReviewFactory(created_by=by),
        regional_reviews=RegionalReviewFactory(created_by=by),
        sessions=SessionFactory(),
        side_events=SideEventFactory(
            organisation=organisation, state=State.PUBLISHED, created_by=by
        ),
        speakers=InscriptionFactory(speakers_list=speakers_list, inscribed_by=by),
    )


@pytest.fixture
def canary():
    cache.clear()  # the rate limit: these tests read a lot
    return UserFactory(email=CANARY, full_name=PERSON)


def _everything(client, name) -> str:
    """Every page of a collection, as text."""
    texts, url = [], f"/api/v1/{name}/?page_size=500"
    while url:
        response = client.get(url)
        assert response.status_code == 200
        texts.append(response.content.decode())
        url = response.json()["next"]
    return "".join(texts)


def _hidden(name, canary) -> list:
    """Records of collection NAME that the public must not see, titled with SECRET."""
    if name == "organisations":
        return [
            OrganisationFactory(name=f"{SECRET} {status}", status=status)
            for status in (Organisation.Status.PENDING, Organisation.Status.REJECTED)
        ]
    if name == "pledges":
        return [
            PledgeFactory(title=f"{SECRET} {s}", state=s, created_by=canary) for s in HIDDEN_STATES
        ]
    if name == "progress_reports":
        published = PledgeFactory()
        draft_pledge = PledgeFactory(state=State.DRAFT)
        return [
            ProgressReportFactory(pledge=published, narrative=f"{SECRET} {s}", state=s)
            for s in HIDDEN_STATES
        ] + [ProgressReportFactory(pledge=draft_pledge, narrative=f"{SECRET} of a draft")]
    if name == "practices":
        return [
            PracticeFactory(title=f"{SECRET} {s}", state=s, created_by=canary)
            for s in HIDDEN_STATES
        ]
    if name == "reviews":
        return [
            ReviewFactory(title=f"{SECRET} {s}", state=s, created_by=canary) for s in HIDDEN_STATES
        ]
    if name == "regional_reviews":
        return [
            RegionalReviewFactory(title=f"{SECRET} {s}", state=s, created_by=canary)
            for s in HIDDEN_STATES
        ]
    if name == "side_events":
        return [
            SideEventFactory(title=f"{SECRET} {s}", state=s, created_by=canary)
            for s in HIDDEN_STATES
        ]
    if name == "speakers":
        unpublished = SpeakersListFactory(edition=edition(2022), published_at=None)
        return [
            InscriptionFactory(speakers_list=unpublished, group_name=SECRET, inscribed_by=canary)
        ]
    return []


WRITTEN = [
    "organisations",
    "pledges",
    "progress_reports",
    "practices",
    "reviews",
    "regional_reviews",
    "side_events",
    "speakers",
]


def test_every_collection_people_write_is_tested():
    reference = {"objectives", "principles", "sdgs", "regions", "commissions", "countries"}
    reference |= {"entity_types", "editions", "sessions"}  # sessions: the secretariat's programme

    assert set(registry.resources()) == reference | set(WRITTEN)


@pytest.mark.parametrize("name", WRITTEN)
def test_nothing_unpublished_in_the_list_or_as_an_item(client, canary, name):
    hidden = _hidden(name, canary)
    published = getattr(publish_one_of_each(by=canary), name)

    text = _everything(client, name)
    items = [client.get(f"/api/v1/{name}/{record.pk}/").status_code for record in hidden]

    assert SECRET not in text
    assert f'"id":{published.pk},' in text
    assert items == [404] * len(hidden)
    assert client.get(f"/api/v1/{name}/{published.pk}/").status_code == 200


def test_no_person_or_email_address_in_any_collection(client, canary):
    publish_one_of_each(by=canary)
    for name in WRITTEN:
        _hidden(name, canary)

    texts = {name: _everything(client, name) for name in registry.resources()}

    found = {name: (CANARY in text, PERSON in text) for name, text in texts.items()}
    assert found == dict.fromkeys(registry.resources(), (False, False))


def test_no_email_address_in_any_record(client, canary):
    publish_one_of_each(by=canary)

    texts = [_everything(client, name) for name in WRITTEN]

    assert [text.count("@") for text in texts] == [0] * len(WRITTEN)
