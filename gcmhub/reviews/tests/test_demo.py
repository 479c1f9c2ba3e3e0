"""The demo reviews: national reports of a dozen countries and two regional reviews per
commission, with documents in six languages read as uploads are, and work in progress."""

import re
from collections import Counter

import pytest
from django.contrib.contenttypes.models import ContentType

from gcmhub.accounts import demo as accounts_demo
from gcmhub.accounts.models import Organisation, User
from gcmhub.compact.models import RegionalCommission
from gcmhub.reviews import demo
from gcmhub.reviews.models import Document, Kind, Review
from gcmhub.reviews.queries import countries_to_report_for, published_reviews, review_queue
from gcmhub.search import services as search
from gcmhub.workflow.models import Action, Event, State

pytestmark = pytest.mark.django_db

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")


@pytest.fixture
def seeded():
    accounts_demo.seed()
    return demo.seed()


def test_seed_publishes_reports_of_a_dozen_countries_with_their_trail(seeded):
    states = Counter(Review.objects.values_list("state", flat=True))
    countries = set(Review.objects.published().national().values_list("country__iso3", flat=True))
    trails = {}
    events = Event.objects.filter(
        record_type=ContentType.objects.get_for_model(Review), on_revision=False
    )
    for event in events.order_by("created_at", "pk"):
        trails.setdefault(event.record_id, []).append((event.action, event.created_at))

    assert seeded == Review.objects.count()
    assert states == {State.PUBLISHED: seeded - 2, State.SUBMITTED: 1, State.DRAFT: 1}
    assert len(countries) >= 12 and {"MAR", "ECU"} <= countries
    for review in Review.objects.published().select_related("organisation__entity_type"):
        assert review.date.year in (review.edition.year - 2, review.edition.year - 1)
        assert review.created_by is not None
        assert trails[review.pk] == [
            (Action.CREATE, review.created_at),
            (Action.SUBMIT, review.submitted_at),
            (Action.PUBLISH, review.published_at),
        ]
        if not review.is_regional:
            assert review.organisation.country == review.country
            assert review.organisation.entity_type.code == "member-state"


def test_each_commission_has_a_regional_review_per_cycle_by_its_members(seeded):
    for commission in RegionalCommission.objects.all():
        reviews = Review.objects.published().regional().filter(commission=commission)

        assert sorted(review.cycle for review in reviews) == ["2020–2021", "2024–2025"]
        for review in reviews:
            participants = set(review.participants.all())
            assert 5 <= len(participants) <= 15
            assert participants <= set(commission.countries.all())
            assert review.organisation.commission == commission


def test_documents_are_read_as_uploads_are(seeded):
    current = Document.objects.filter(status=Document.Status.CURRENT)
    searchable = current.filter(is_searchable=True)

    assert set(searchable.values_list("language", flat=True)) == {
        "ar",
        "zh-hans",
        "en",
        "fr",
        "ru",
        "es",
    }
    assert all(document.text for document in searchable)
    assert [(d.kind, d.text, d.pages) for d in current.filter(is_searchable=False)] == [
        ("pdf", "", 1)
    ]
    assert "移民" in searchable.get(language="zh-hans").text
    assert re.search("[\u0600-\u06ff]{4}", searchable.filter(language="ar").first().text)
    for document in Document.objects.all():
        assert document.file.read(4) == (b"%PDF" if document.kind == "pdf" else b"PK\x03\x04")
        assert document.size == document.file.size
    assert not Review.objects.published().exclude(documents__status="current").exists()


def test_work_in_progress_for_the_queue_and_the_demo_focal_point(seeded):
    earlier = Document.objects.get(status=Document.Status.REPLACED)
    final = earlier.review.documents.get(language=earlier.language, status="current")
    queue = review_queue()
    focal_point = User.objects.get(email="focalpoint@example.org")
    draft = Review.objects.get(state=State.DRAFT)

    assert earlier.created_at < earlier.replaced_at == final.created_at
    assert [review.country.iso3 for review in queue["submitted"]] == ["GHA"]
    assert [(d.language, d.review.country.iso3) for d in queue["documents"]] == [("es", "MEX")]
    assert list(countries_to_report_for(focal_point).values()) == [draft.organisation]
    assert (draft.country.iso3, draft.kind, draft.created_by) == (
        "MAR",
        Kind.IMPLEMENTATION_PLAN,
        focal_point,
    )
    assert not draft.documents.exists()


def test_no_email_address_in_what_the_public_sees(seeded):
    for review in Review.objects.published():
        assert not EMAIL.search(review.title + review.summary), review.title
    for document in Document.objects.all():
        assert not EMAIL.search(document.name + document.text), document.name


def test_a_word_of_one_country_finds_its_report(seeded):
    search.reindex()
    countries = Document.objects.filter(text__contains="Kisumu").values_list(
        "review__country__iso3", flat=True
    )

    found = published_reviews({"q": "Kisumu"})

    assert set(countries) == {"KEN"}
    assert [(review.country.iso3, review.kind) for review in found] == [
        ("KEN", Kind.VOLUNTARY_REVIEW)
    ]
    assert 1 < published_reviews({"q": "remittances"}).count() < Review.objects.published().count()


def test_seed_runs_once_and_the_same_way_each_time(seeded):
    models = [Review, Document, Event, Organisation, User]
    before = [model.objects.count() for model in models]
    first = list(Review.objects.order_by("pk").values_list("title", "summary", "date"))

    assert demo.seed() == 0
    assert [model.objects.count() for model in models] == before

    Review.objects.all().delete()
    assert demo.seed() == seeded
    assert list(Review.objects.order_by("pk").values_list("title", "summary", "date")) == first
