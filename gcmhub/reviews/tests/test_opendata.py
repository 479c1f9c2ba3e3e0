"""The open data of national reports and regional reviews: exact records, nothing unpublished
or personal through rows(), the page downloads or the JSON-LD, and the list's filters as their
only filters."""

import csv
import datetime
import io
import json
import re
import zipfile

import pytest
from django.conf import settings
from django.http import QueryDict
from django.urls import reverse

from gcmhub.accounts.models import Organisation
from gcmhub.compact.models import Country
from gcmhub.reviews import services
from gcmhub.reviews.opendata import REGIONAL_REVIEWS, RESOURCES, REVIEWS
from gcmhub.reviews.tests.factories import (
    DocumentFactory,
    GovernmentFactory,
    RegionalReviewFactory,
    ReviewFactory,
    focal_point_of,
)
from gcmhub.workflow.models import Revision, State

pytestmark = pytest.mark.django_db

SECRET = "leakcanarytext"
CANARY = "leak.canary@example.org"
WHEN = datetime.datetime(2024, 3, 1, 12, 30, tzinfo=datetime.UTC)
HIDDEN_STATES = [
    State.DRAFT,
    State.SUBMITTED,
    State.CHANGES_REQUESTED,
    State.REJECTED,
    State.WITHDRAWN,
    State.UNPUBLISHED,
]
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _ids(resource, query: dict | None = None) -> list[int]:
    """The keys of RESOURCE's rows under the GET parameters QUERY, as the page gets them."""
    get = QueryDict(mutable=True)
    get.update(query or {})
    return [row.pk for row in resource.rows(resource.filters(get))]


def _download(client, url_name: str, fmt: str, query: dict | None = None) -> str:
    """The text of a download of the review list in FMT (an XLSX's XML parts)."""
    response = client.get(reverse(url_name, args=[fmt]), query or {})
    body = b"".join(response.streaming_content)
    if fmt != "xlsx":
        return body.decode()
    with zipfile.ZipFile(io.BytesIO(body)) as book:
        return "".join(
            book.read(name).decode() for name in book.namelist() if name.endswith(".xml")
        )


def _json_ld(response) -> list[dict]:
    return [json.loads(block) for block in JSON_LD.findall(response.content.decode())]


@pytest.fixture
def national():
    review = ReviewFactory(
        title="Morocco's voluntary review",
        summary="What Morocco learned.",
        documents={"en": "Labour migration.", "fr": "Migration de travail."},
        published_at=WHEN,
    )
    DocumentFactory(review=review, language="en", status="replaced", name="old.docx")
    return review


@pytest.fixture
def regional():
    return RegionalReviewFactory(
        title="European regional review",
        summary="What Europe learned.",
        participants=["DEU", "PRT"],
        published_at=WHEN,
    )


def _documents(review) -> list[str]:
    return [
        f"{settings.SITE_URL}/en/reviews/{review.pk}/files/{d.pk}/"
        for d in review.documents.filter(status="current").order_by("language")
    ]


def test_a_national_report_record_is_exact(national, regional):
    assert [REVIEWS.record(row) for row in REVIEWS.rows({})] == [
        {
            "id": national.pk,
            "title": "Morocco's voluntary review",
            "kind": "voluntary_review",
            "country": "MAR",
            "summary": "What Morocco learned.",
            "edition": 2026,
            "cycle": "2024–2025",
            "date": "2025-11-03",
            "organisation": national.organisation_id,
            "organisation_name": "Government of Morocco",
            "languages": ["en", "fr"],
            "documents": _documents(national),
            "published_at": "2024-03-01T12:30:00+00:00",
            "url": f"{settings.SITE_URL}/en/reviews/{national.pk}/",
        }
    ]


def test_a_regional_review_record_is_exact(national, regional):
    assert [REGIONAL_REVIEWS.record(row) for row in REGIONAL_REVIEWS.rows({})] == [
        {
            "id": regional.pk,
            "title": "European regional review",
            "commission": "ECE",
            "participants": ["DEU", "PRT"],
            "summary": "What Europe learned.",
            "edition": 2026,
            "cycle": "2024–2025",
            "date": "2025-11-03",
            "organisation": regional.organisation_id,
            "organisation_name": "Commission ECE",
            "languages": ["en"],
            "documents": _documents(regional),
            "published_at": "2024-03-01T12:30:00+00:00",
            "url": f"{settings.SITE_URL}/en/reviews/{regional.pk}/",
        }
    ]


@pytest.mark.parametrize(
    ("url_name", "resource"),
    [("reviews:export", REVIEWS), ("reviews:regional_export", REGIONAL_REVIEWS)],
)
def test_the_downloads_have_the_same_cells_and_records(
    client, national, regional, url_name, resource
):
    rows = list(csv.reader(io.StringIO(_download(client, url_name, "csv"))))
    records = json.loads(_download(client, url_name, "json"))

    assert rows == [
        [field.name for field in resource.fields],
        *[[str(cell) for cell in resource.cells(row)] for row in resource.rows({})],
    ]
    assert records == [resource.record(row) for row in resource.rows({})]
    assert len(records) == 1


def test_the_list_links_to_both_downloads_with_its_filters(client):
    html = client.get(reverse("reviews:list"), {"country": "MAR"}).content.decode()

    links = re.findall(r'href="(/en/reviews/[a-z-]*export\.\w+\?[^"]*)"', html)
    assert links == [
        f"/en/reviews/{name}.{fmt}?country=MAR&amp;"
        for name in ("export", "regional-export")
        for fmt in ("csv", "xlsx", "json")
    ]


def test_an_unknown_format_is_404(client):
    statuses = [
        client.get(reverse(name, args=["pdf"])).status_code
        for name in ("reviews:export", "reviews:regional_export")
    ]

    assert statuses == [404, 404]


# Leaks -----------------------------------------------------------------------------------------


@pytest.fixture
def hidden():
    """Everything that could leak: national and regional reviews in every non-public state, a
    pending edit and a pending and a declined document of a published review, and a planted
    e-mail address on the focal point who submits and uploads."""
    government = GovernmentFactory()
    canary = focal_point_of(government, CANARY)
    canary.full_name = "Leak Canary Person"
    canary.save(update_fields=["full_name"])
    reviews = [
        ReviewFactory(
            state=state,
            title=f"{SECRET} {state}",
            summary=f"{SECRET} summary",
            organisation=government,
            created_by=canary,
            documents={"en": SECRET},
        )
        for state in HIDDEN_STATES
    ]
    reviews += [
        RegionalReviewFactory(state=state, title=f"{SECRET} regional {state}", created_by=canary)
        for state in HIDDEN_STATES
    ]
    published = ReviewFactory(title="Public title", organisation=government, created_by=canary)
    for status in ("pending", "declined"):
        DocumentFactory(
            review=published,
            language="ar" if status == "pending" else "es",
            text=SECRET,
            name=f"{SECRET}-{status}.docx",
            status=status,
            uploaded_by=canary,
        )
    services.edit_review(published, {"title": f"{SECRET} proposed title"}, by=canary)
    return {"reviews": reviews, "published": published, "focal_point": canary}


def test_rows_hold_only_published_reviews(hidden):
    regional = RegionalReviewFactory(title="Public regional")

    assert Revision.objects.get().data["title"] == f"{SECRET} proposed title"
    assert (_ids(REVIEWS), _ids(REGIONAL_REVIEWS)) == ([hidden["published"].pk], [regional.pk])
    assert [REVIEWS.record(row)["languages"] for row in REVIEWS.rows({})] == [["en"]]


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_downloads_leak_nothing(client, hidden, fmt):
    RegionalReviewFactory(title="Public regional")

    text = "".join(
        _download(client, name, fmt, query)
        for name in ("reviews:export", "reviews:regional_export")
        for query in ({}, {"country": "MAR"}, {"q": SECRET})
    )

    assert (SECRET in text, CANARY in text, "Leak Canary" in text) == (False, False, False)
    assert ("Public title" in text, "Public regional" in text) == (True, True)


def test_no_field_of_any_record_holds_personal_data_or_hidden_text(hidden):
    text = json.dumps([resource.record(row) for resource in RESOURCES for row in resource.rows({})])

    assert (SECRET in text, CANARY in text, "Canary" in text, "Public title" in text) == (
        False,
        False,
        False,
        True,
    )


def test_json_ld_is_only_on_published_pages_and_leaks_nothing(client, hidden):
    client.force_login(hidden["focal_point"])  # the government sees its drafts and pending files

    hidden_pages = [client.get(r.get_absolute_url()) for r in hidden["reviews"][:6]]
    public_page = client.get(hidden["published"].get_absolute_url())

    assert [_json_ld(page) for page in hidden_pages] == [[]] * len(HIDDEN_STATES)
    assert SECRET.encode() in public_page.content  # the pending file is listed to its owner...
    [data] = _json_ld(public_page)
    text = json.dumps(data)
    assert (data["name"], SECRET in text, CANARY in text, "Canary" in text) == (
        "Public title",
        False,
        False,
        False,
    )


def test_an_organisation_no_longer_verified_is_not_referenced(client, national):
    Organisation.objects.filter(pk=national.organisation_id).update(
        status=Organisation.Status.REJECTED
    )

    [record] = [REVIEWS.record(row) for row in REVIEWS.rows({})]
    [data] = _json_ld(client.get(national.get_absolute_url()))

    assert (record["organisation"], record["organisation_name"]) == (None, "Government of Morocco")
    assert data["author"] == {"@type": "Organization", "name": "Government of Morocco"}


# The list's filters ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"country": "MAR"},
        {"country": "DEU"},
        {"region": "150"},
        {"commission": "ECE"},
        {"commission": "ECA"},
        {"kind": "regional_review"},
        {"kind": "implementation_plan"},
        {"cycle": "2026", "language": "ar"},
        {"q": "consular"},
        {"q": "consular", "order": "newest"},
        {"country": "XXX", "cycle": "not-a-year"},
    ],
)
def test_filters_give_the_rows_of_the_list(client, query):
    ReviewFactory(title="Moroccan", documents={"ar": "نص"})
    ReviewFactory(
        title="German plan",
        kind="implementation_plan",
        organisation=GovernmentFactory(country=Country.objects.get(iso3="DEU")),
        documents={"en": "Consular protection."},
    )
    RegionalReviewFactory(title="European", participants=["DEU", "PRT"])
    ReviewFactory(title="Draft", state=State.DRAFT, documents={"en": "Consular."})

    page = client.get(reverse("reviews:list"), query).context["page"]
    rows = _ids(REVIEWS, query) + _ids(REGIONAL_REVIEWS, query)

    assert sorted(rows) == sorted(r.pk for r in page.object_list)
    assert page.paginator.count == len(rows)


# Queries and JSON-LD ---------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 3])
def test_review_rows_queries_do_not_grow(django_assert_num_queries, count):
    for _ in range(count):
        ReviewFactory(documents={"en": "Labour migration.", "fr": "Migration."})
        RegionalReviewFactory()

    # each: the reviews with their country or commission, edition and organisation, then their
    # current documents (and, for regional reviews, their participants)
    with django_assert_num_queries(2 + 3):
        national = [REVIEWS.record(row) for row in REVIEWS.rows({})]
        regional = [REGIONAL_REVIEWS.record(row) for row in REGIONAL_REVIEWS.rows({})]

    assert (len(national), len(regional)) == (count, count)


def test_json_ld_of_a_national_report_is_exact(client, national):
    [data] = _json_ld(client.get(national.get_absolute_url()))

    site = settings.SITE_URL
    current = list(national.documents.filter(status="current").order_by("language"))
    assert data == {
        "@context": "https://schema.org",
        "@type": "Report",
        "@id": f"{site}/en/reviews/{national.pk}/",
        "url": f"{site}/en/reviews/{national.pk}/",
        "name": "Morocco's voluntary review",
        "description": "What Morocco learned.",
        "datePublished": "2025-11-03",
        "inLanguage": ["en", "fr"],
        "author": {
            "@type": "Organization",
            "name": "Government of Morocco",
            "url": f"{site}/en/organisations/{national.organisation_id}/",
        },
        "genre": "Voluntary GCM review",
        "about": {"@type": "Thing", "name": "Global Compact for Migration"},
        "spatialCoverage": [
            {
                "@type": "Country",
                "name": "Morocco",
                "identifier": "MAR",
                "url": f"{site}/en/countries/MAR/",
            }
        ],
        "associatedMedia": [
            {
                "@type": "MediaObject",
                "name": d.name,
                "contentUrl": f"{site}/en/reviews/{national.pk}/files/{d.pk}/",
                "inLanguage": d.language,
                "encodingFormat": DOCX,
            }
            for d in current
        ],
    }


def test_json_ld_of_a_regional_review_covers_the_participants(client, regional):
    [data] = _json_ld(client.get(regional.get_absolute_url()))

    assert [c["identifier"] for c in data["spatialCoverage"]] == ["DEU", "PRT"]
    assert (data["genre"], data["author"]["name"]) == ("Regional review", "Commission ECE")


def test_json_ld_cannot_close_its_script_element(client):
    review = ReviewFactory(title="</script><script>alert(1)</script><!-- x")

    html = client.get(review.get_absolute_url()).content.decode()

    [block] = JSON_LD.findall(html)
    assert ("</" in block, "<!--" in block) == (False, False)
    assert json.loads(block)["name"] == "</script><script>alert(1)</script><!-- x"
