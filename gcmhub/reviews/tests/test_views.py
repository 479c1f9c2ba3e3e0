import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gcmhub.compact.models import Country, Edition
from gcmhub.pledges.tests.factories import PledgeFactory
from gcmhub.practices.tests.factories import PracticeFactory
from gcmhub.reviews import samples
from gcmhub.reviews.models import Document, Review
from gcmhub.reviews.tests.factories import (
    DocumentFactory,
    GovernmentFactory,
    RegionalReviewFactory,
    ReviewFactory,
    focal_point_of,
)
from gcmhub.workflow.models import State

pytestmark = pytest.mark.django_db

SECRET = "zanzibarquokka"  # a word planted in what must stay hidden


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _titles(response) -> list[str]:
    return [review.title for review in response.context["page"].object_list]


def test_list_shows_only_published_reviews(client):
    ReviewFactory(title="Published review")
    for state in State:
        if state != State.PUBLISHED:
            ReviewFactory(title=f"Hidden {state}", state=state)

    response = client.get(reverse("reviews:list"))

    assert _titles(response) == ["Published review"]


def test_words_inside_a_document_find_the_review_with_an_excerpt(client):
    ReviewFactory(
        title="Ghana review",
        documents={
            "en": "Intro. " * 80 + "Ghana expanded consular protection for migrants abroad."
        },
    )
    ReviewFactory(title="Other review")

    response = client.get(reverse("reviews:list"), {"q": "consular"})

    [hit] = response.context["page"].object_list
    assert hit.title == "Ghana review"
    assert [text for text, is_match in hit.excerpt.parts if is_match] == ["consular"]
    assert b"<mark>consular</mark>" in response.content


@pytest.mark.parametrize("state", [s for s in State if s != State.PUBLISHED])
def test_unpublished_reviews_never_leak_through_search_or_profiles(client, state):
    review = ReviewFactory(state=state, title=f"Hidden {SECRET}", documents={"en": SECRET})
    review.refresh_from_db()

    found = client.get(reverse("reviews:list"), {"q": SECRET})
    pages = [
        client.get(reverse("reviews:list"), {"country": "MAR"}),
        client.get(reverse("web:country", args=["MAR"])),
        client.get(reverse("reviews:export", args=["csv"])),
    ]

    assert _titles(found) == []
    assert [SECRET.encode() in _body(page) for page in pages] == [False] * 3
    assert client.get(review.get_absolute_url()).status_code == 404


def test_a_pending_version_is_not_searchable_nor_downloadable(client):
    review = ReviewFactory(documents={"en": "Public words."})
    pending = DocumentFactory(review=review, language="en", text=SECRET, status="pending")

    found = client.get(reverse("reviews:list"), {"q": SECRET})
    page = client.get(review.get_absolute_url())
    download = client.get(pending.get_absolute_url())

    assert (_titles(found), SECRET.encode() in page.content, download.status_code) == (
        [],
        False,
        404,
    )


def test_documents_of_a_published_review_download_with_their_name(client):
    review = ReviewFactory(documents={"fr": "Migration de main-d'œuvre."})
    document = review.documents.get()

    response = client.get(document.get_absolute_url())

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="review-fr.docx"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_review_page_lists_language_versions_and_earlier_ones(client):
    review = ReviewFactory(documents={"en": "v2", "ar": "نص"})
    DocumentFactory(review=review, language="en", text="v1", status="replaced", name="old.pdf")

    response = client.get(review.get_absolute_url())

    assert [d.language for d in response.context["current"]] == ["ar", "en"]
    assert [d.name for d in response.context["earlier"]] == ["old.pdf"]


def test_facets_count_reviews_of_a_country_and_the_regional_ones_it_took_part_in(client):
    ReviewFactory()  # Morocco
    RegionalReviewFactory(participants=["DEU", "PRT"])

    response = client.get(reverse("reviews:list"))

    choices = dict(response.context["form"].fields["country"].choices)
    assert (choices["MAR"], choices["DEU"], choices["PRT"]) == (
        "Morocco (1)",
        "Germany (1)",
        "Portugal (1)",
    )


def test_filters_by_commission_cycle_kind_and_language(client):
    ReviewFactory(title="Moroccan", documents={"ar": "نص"})
    RegionalReviewFactory(title="European", documents={"en": "Text"})

    results = {
        name: sorted(_titles(client.get(reverse("reviews:list"), {name: value})))
        for name, value in [
            ("commission", "ECE"),
            ("kind", "regional_review"),
            ("language", "ar"),
            ("cycle", "2026"),
        ]
    }
    earlier_cycle = _titles(client.get(reverse("reviews:list"), {"cycle": "2022"}))

    assert results == {
        "commission": ["European"],
        "kind": ["European"],
        "language": ["Moroccan"],
        "cycle": ["European", "Moroccan"],
    }
    assert earlier_cycle == []


@pytest.mark.parametrize("count", [1, 3])
def test_review_list_queries_do_not_grow(client, django_assert_num_queries, count):
    for _ in range(count):
        ReviewFactory(documents={"en": "Labour migration.", "fr": "Migration."})

    with django_assert_num_queries(19):  # the facet bit sets built the first time: 9 of them
        client.get(reverse("reviews:list"), {"q": "migration"})
    with django_assert_num_queries(10):
        client.get(reverse("reviews:list"), {"q": "migration"})


def test_focal_point_submitting_for_another_country_gets_a_clear_message(client):
    government = GovernmentFactory()
    focal_point = focal_point_of(government, "focal@gov.example.org")
    client.force_login(focal_point)
    ecuador = Country.objects.get(iso3="ECU")

    response = client.post(
        reverse("reviews:start"),
        {
            "country": ecuador.pk,
            "kind": "voluntary_review",
            "edition": Review._meta.get_field("edition").related_model.objects.get(year=2026).pk,
            "title": "Not ours",
            "summary": "x",
            "date": "2025-12-01",
        },
    )

    assert response.context["country_form"].errors["country"] == [
        "You can submit reviews only for the country whose government you are a focal point of."
    ]
    assert Review.objects.count() == 0


def test_uploading_an_executable_shows_the_error_and_stores_nothing(client):
    government = GovernmentFactory()
    client.force_login(focal_point_of(government, "focal@gov.example.org"))
    review = ReviewFactory(organisation=government, state=State.DRAFT, documents={})

    response = client.post(
        reverse("reviews:documents", args=[review.pk]),
        {"language": "en", "file": SimpleUploadedFile("report.pdf", b"MZ" + b"\0" * 300)},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "“report.pdf” is not a PDF, DOCX file, whatever its name says: its content is "
        "something else."
    ]
    assert Document.objects.count() == 0


def test_upload_through_the_page(client):
    government = GovernmentFactory()
    client.force_login(focal_point_of(government, "focal@gov.example.org"))
    review = ReviewFactory(organisation=government, state=State.DRAFT, documents={})
    upload = SimpleUploadedFile("plan.pdf", samples.pdf_document(["Return and reintegration"]))

    response = client.post(
        reverse("reviews:documents", args=[review.pk]), {"language": "es", "file": upload}
    )

    assert response.status_code == 302
    assert list(review.documents.values_list("language", "name", "status")) == [
        ("es", "plan.pdf", "current")
    ]


def test_country_profile_gathers_reviews_pledges_practices_and_objectives(client):
    ReviewFactory(title="Morocco's review")
    RegionalReviewFactory(title="Arab regional review", participants=["MAR"])
    PracticeFactory(title="Practice in Morocco", countries=["MAR"], primary_objectives=[5])
    pledge = PledgeFactory(title="Pledge for Morocco", main_objectives=[2])
    pledge.countries.set([Country.objects.get(iso3="MAR")])

    response = client.get(reverse("web:country", args=["MAR"]))

    reviews = response.context["reviews"]
    covered = [
        c["objective"].number for c in response.context["strip"] if c["pledges"] or c["practices"]
    ]
    assert ([r.title for r in reviews["national"]], [r.title for r in reviews["regional"]]) == (
        ["Morocco's review"],
        ["Arab regional review"],
    )
    assert covered == [2, 5]
    assert len(response.context["strip"]) == 23


def test_objective_page_counts_pledges_and_practices(client):
    PracticeFactory(primary_objectives=[5])
    PracticeFactory(primary_objectives=[1], secondary_objectives=[5])
    PledgeFactory(main_objectives=[5])
    PledgeFactory(main_objectives=[5], state=State.DRAFT)

    response = client.get(reverse("web:objective", args=[5]))

    assert (response.context["pledges"]["count"], response.context["practices"]["count"]) == (
        1,
        2,
    )


def test_secretariat_queue_lists_submitted_reviews_and_pending_versions(client, cast):
    submitted = ReviewFactory(state=State.SUBMITTED, title="To check")
    published = ReviewFactory(title="Public")
    DocumentFactory(review=published, status="pending")
    client.force_login(cast.reviewer)

    response = client.get(reverse("reviews:queue"))

    assert [r.title for r in response.context["submitted"]] == [submitted.title]
    assert [d.review.title for d in response.context["documents"]] == ["Public"]


def test_queue_is_for_the_secretariat_only(client, cast):
    client.force_login(cast.member)

    assert client.get(reverse("reviews:queue")).status_code == 403


@pytest.mark.parametrize("count", [1, 3])
def test_country_profile_queries_do_not_grow(client, django_assert_num_queries, count):
    for n in range(count):
        ReviewFactory()
        RegionalReviewFactory(participants=["MAR"])
        PracticeFactory(countries=["MAR"], primary_objectives=[n + 1])
        PledgeFactory(main_objectives=[n + 1]).countries.set([Country.objects.get(iso3="MAR")])
    client.get(reverse("web:country", args=["MAR"]))  # builds the facet bit sets (fixed too)

    with django_assert_num_queries(14):
        client.get(reverse("web:country", args=["MAR"]))


def _form(review, **changes) -> dict:
    return {
        "kind": review.kind,
        "edition": review.edition_id,
        "title": review.title,
        "summary": review.summary,
        "date": review.date.isoformat(),
        **changes,
    }


def test_an_edit_of_a_published_review_waits_while_the_public_text_stays(client):
    government = GovernmentFactory()
    client.force_login(focal_point_of(government, "focal@gov.example.org"))
    review = ReviewFactory(organisation=government, title="Original title")

    response = client.post(
        reverse("reviews:edit", args=[review.pk]), _form(review, title="Corrected title")
    )
    client.logout()
    public = client.get(review.get_absolute_url())

    assert response.status_code == 302
    assert (public.context["review"].title, b"Corrected title" in public.content) == (
        "Original title",
        False,
    )


def test_secretariat_records_a_regional_review_through_the_form(client, cast):
    from gcmhub.reviews.tests.factories import CommissionOrganisationFactory

    organisation = CommissionOrganisationFactory()
    client.force_login(cast.admin)
    germany, portugal = Country.objects.filter(iso3__in=["DEU", "PRT"]).order_by("iso3")

    response = client.post(
        reverse("reviews:start_regional"),
        {
            "commission": organisation.commission_id,
            "edition": Edition.objects.get(year=2026).pk,
            "title": "European regional review",
            "summary": "How Europe implements the Compact.",
            "date": "2025-10-01",
            "participants": [germany.pk, portugal.pk],
        },
    )

    created = Review.objects.get(title="European regional review")
    assert response.url == reverse("reviews:documents", args=[created.pk])
    assert (created.commission.code, created.organisation, created.state) == (
        "ECE",
        organisation,
        State.DRAFT,
    )
