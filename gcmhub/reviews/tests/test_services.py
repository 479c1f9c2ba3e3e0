import datetime
import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from gcmhub.accounts.tests.factories import MembershipFactory, OrganisationFactory
from gcmhub.compact.models import Country, RegionalCommission
from gcmhub.compact.queries import editions
from gcmhub.reviews import samples, services
from gcmhub.reviews.models import Document, Kind, Review
from gcmhub.reviews.tests.factories import (
    GovernmentFactory,
    RegionalReviewFactory,
    ReviewFactory,
    focal_point_of,
)
from gcmhub.search.models import Entry
from gcmhub.workflow import services as workflow
from gcmhub.workflow.models import Action, Event, State

pytestmark = pytest.mark.django_db


@pytest.fixture
def morocco():
    government = GovernmentFactory()
    return government, focal_point_of(government, "focal@gov.example.org")


def _data(**changes):
    return {
        "kind": Kind.VOLUNTARY_REVIEW,
        "edition": editions().get(year=2026),
        "title": "Morocco's voluntary GCM review",
        "summary": "What Morocco did.",
        "date": datetime.date(2025, 12, 1),
        **changes,
    }


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.exe", b"MZ" + b"\x00" * 100)
    return buffer.getvalue()


def _pdf(words: str, name="review.pdf"):
    return SimpleUploadedFile(name, samples.pdf_document([words]))


def test_focal_point_starts_a_review_of_their_country(morocco):
    government, focal_point = morocco

    review = services.start_review(_data(), country=government.country, by=focal_point)

    assert (review.state, review.country.iso3, review.organisation) == (
        State.DRAFT,
        "MAR",
        government,
    )


def test_focal_point_cannot_start_a_review_of_another_country(morocco):
    _, focal_point = morocco
    GovernmentFactory(country=Country.objects.get(iso3="ECU"))

    with pytest.raises(PermissionDenied):
        services.start_review(_data(), country=Country.objects.get(iso3="ECU"), by=focal_point)

    assert Review.objects.count() == 0


def test_a_member_who_is_not_focal_point_cannot_start_a_review(morocco):
    government, _ = morocco
    member = MembershipFactory(organisation=government).user

    with pytest.raises(PermissionDenied):
        services.start_review(_data(), country=government.country, by=member)


def test_a_national_review_cannot_be_of_the_regional_kind(morocco):
    government, focal_point = morocco

    with pytest.raises(ValidationError):
        services.start_review(
            _data(kind=Kind.REGIONAL_REVIEW), country=government.country, by=focal_point
        )


@pytest.fixture
def ece():
    commission = RegionalCommission.objects.get(code="ECE")
    organisation = OrganisationFactory(
        name="Economic Commission for Europe", country=None, commission=commission
    )
    return commission, organisation


def test_secretariat_records_a_regional_review(cast, ece):
    commission, organisation = ece
    participants = list(Country.objects.filter(iso3__in=["DEU", "PRT"]))

    review = services.start_regional_review(
        {**_data(), "participants": participants}, commission=commission, by=cast.admin
    )

    assert (review.kind, review.organisation, set(review.participants.all())) == (
        Kind.REGIONAL_REVIEW,
        organisation,
        set(participants),
    )


def test_commission_account_records_its_regional_review(ece):
    commission, organisation = ece
    member = MembershipFactory(organisation=organisation).user

    review = services.start_regional_review(
        {**_data(), "participants": [Country.objects.get(iso3="DEU")]},
        commission=commission,
        by=member,
    )

    assert review.commission == commission


def test_others_cannot_record_regional_reviews(cast, ece):
    commission, _ = ece

    with pytest.raises(PermissionDenied):
        services.start_regional_review(
            {**_data(), "participants": []}, commission=commission, by=cast.member
        )


def test_participants_must_belong_to_the_commission(cast, ece):
    commission, _ = ece

    with pytest.raises(ValidationError) as error:
        services.start_regional_review(
            {**_data(), "participants": [Country.objects.get(iso3="BRA")]},
            commission=commission,
            by=cast.admin,
        )

    assert error.value.messages == ["Brazil are not members of ECE."]


def test_upload_to_a_draft_is_current_and_its_text_kept(morocco):
    government, focal_point = morocco
    review = ReviewFactory(organisation=government, state=State.DRAFT, documents={})

    document = services.upload_document(
        review, _pdf("Seasonal workers"), language="en", by=focal_point
    )

    assert (document.status, document.kind, document.is_searchable) == ("current", "pdf", True)
    assert "Seasonal workers" in document.text
    assert default_storage.exists(document.file.name)


def test_a_new_version_replaces_the_current_one_which_stays_listed(morocco):
    government, focal_point = morocco
    review = ReviewFactory(organisation=government, state=State.DRAFT, documents={})
    first = services.upload_document(review, _pdf("First", "v1.pdf"), language="fr", by=focal_point)

    second = services.upload_document(
        review, _pdf("Second", "v2.pdf"), language="fr", by=focal_point
    )

    first.refresh_from_db()
    assert (first.status, second.status) == ("replaced", "current")
    assert first.replaced_at is not None


def test_a_new_version_of_a_published_review_waits_for_the_secretariat(morocco):
    government, focal_point = morocco
    review = ReviewFactory(organisation=government, documents={"en": "Old text"})

    document = services.upload_document(
        review, _pdf("Circular migration"), language="en", by=focal_point
    )

    assert document.status == "pending"
    assert "Circular" not in Entry.objects.get(record_id=review.pk, kind="reviews.review").text


def test_accepting_a_version_makes_it_current_and_searchable(cast, morocco):
    government, focal_point = morocco
    review = ReviewFactory(organisation=government, documents={"en": "Old text"})
    document = services.upload_document(
        review, _pdf("Circular migration"), language="en", by=focal_point
    )

    services.decide_document(document, accept=True, by=cast.reviewer, note="Thanks")

    statuses = dict(review.documents.values_list("text", "status"))
    assert statuses["Old text"] == "replaced"
    assert "circular" in Entry.objects.get(record_id=review.pk, kind="reviews.review").text


def test_only_the_secretariat_decides_on_versions(cast, morocco):
    government, focal_point = morocco
    review = ReviewFactory(organisation=government)
    document = services.upload_document(review, _pdf("New"), language="en", by=focal_point)

    with pytest.raises(PermissionDenied):
        services.decide_document(document, accept=True, by=focal_point)

    document.refresh_from_db()
    assert document.status == "pending"


def test_declined_version_is_never_public(cast, morocco):
    government, focal_point = morocco
    review = ReviewFactory(organisation=government)
    document = services.upload_document(review, _pdf("New"), language="en", by=focal_point)

    services.decide_document(document, accept=False, by=cast.reviewer)

    document.refresh_from_db()
    assert (document.status, document.is_public) == ("declined", False)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("setup.pdf", b"MZ\x90\x00" + b"\x00" * 200),
        ("archive.pdf", _zip()),
        ("broken.pdf", b"%PDF-1.7\n" + b"garbage" * 50),
        ("empty.pdf", b""),
    ],
)
def test_hostile_files_are_refused_and_nothing_is_stored(morocco, name, content):
    government, focal_point = morocco
    review = ReviewFactory(organisation=government, state=State.DRAFT, documents={})
    events = Event.objects.count()

    with pytest.raises(ValidationError):
        services.upload_document(
            review, SimpleUploadedFile(name, content), language="en", by=focal_point
        )

    assert (Document.objects.count(), Event.objects.count()) == (0, events)


def test_outsider_cannot_upload(cast, morocco):
    government, _ = morocco
    review = ReviewFactory(organisation=government, state=State.DRAFT, documents={})

    with pytest.raises(PermissionDenied):
        services.upload_document(review, _pdf("x"), language="en", by=cast.outsider)

    assert Document.objects.count() == 0


def test_documents_of_a_draft_can_be_removed_but_not_once_public(morocco):
    government, focal_point = morocco
    draft = ReviewFactory(organisation=government, state=State.DRAFT, documents={"en": "x"})
    public = ReviewFactory(organisation=government, documents={"en": "y"})

    services.remove_document(draft.documents.get(), by=focal_point)
    with pytest.raises(ValidationError):
        services.remove_document(public.documents.get(), by=focal_point)

    assert list(Document.objects.values_list("review_id", flat=True)) == [public.pk]


def test_a_review_without_documents_cannot_be_submitted(morocco):
    government, focal_point = morocco
    review = ReviewFactory(organisation=government, state=State.DRAFT, documents={})

    with pytest.raises(ValidationError) as error:
        workflow.transition(review, Action.SUBMIT, by=focal_point)

    assert error.value.messages == ["Upload the document in at least one language."]


def test_publishing_indexes_the_documents_text(cast, morocco):
    government, focal_point = morocco
    review = ReviewFactory(organisation=government, state=State.DRAFT, documents={})
    services.upload_document(review, _pdf("Remittances corridor"), language="en", by=focal_point)
    workflow.transition(review, Action.SUBMIT, by=focal_point)

    workflow.transition(review, Action.PUBLISH, by=cast.reviewer)

    assert "remittances corridor" in Entry.objects.get(record_id=review.pk).text


def test_regional_review_needs_participants_to_be_submitted(cast, ece):
    review = RegionalReviewFactory(state=State.DRAFT, organisation=ece[1], participants=["DEU"])
    review.participants.clear()

    assert review.submission_problems() == ["Say which countries took part in the regional review."]


def test_a_file_over_the_size_bound_is_refused_with_its_size(morocco):
    government, focal_point = morocco
    review = ReviewFactory(organisation=government, state=State.DRAFT, documents={})
    upload = SimpleUploadedFile("huge.pdf", b"%PDF-1.7\n" + b"0" * (30 * 1024 * 1024))

    with pytest.raises(ValidationError) as error:
        services.upload_document(review, upload, language="en", by=focal_point)

    assert error.value.messages == ["“huge.pdf” is 30.0\xa0MB; files can be at most 25.0\xa0MB."]
    assert Document.objects.count() == 0
