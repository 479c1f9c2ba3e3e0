from xml.etree import ElementTree

import pytest

from gcmhub.accounts.models import Organisation
from gcmhub.accounts.tests.factories import MembershipFactory, OrganisationFactory
from gcmhub.api import sitemaps
from gcmhub.compact.models import Country, Edition
from gcmhub.declarations.tests.factories import DocumentFactory, RevisionFactory
from gcmhub.forum.tests.factories import SessionFactory, SideEventFactory
from gcmhub.pledges.tests.factories import PledgeFactory
from gcmhub.practices.tests.factories import PracticeFactory
from gcmhub.reviews.tests.factories import ReviewFactory
from gcmhub.workflow import services
from gcmhub.workflow.models import State

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
SITE = "http://testserver"
PREFIXES = ["ar", "zh", "en", "fr", "ru", "es"]
CANARY = "leak.canary@example.org"
SECTIONS = [
    "pages",
    "objectives",
    "countries",
    "organisations",
    "pledges",
    "practices",
    "reviews",
    "programmes",
    "sessions",
    "side_events",
    "declarations",
    "revisions",
]
HIDDEN_STATES = [
    State.DRAFT,
    State.SUBMITTED,
    State.CHANGES_REQUESTED,
    State.REJECTED,
    State.WITHDRAWN,
    State.UNPUBLISHED,
]


def read(client, url: str) -> ElementTree.Element:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    return ElementTree.fromstring(response.content)


def locations(root: ElementTree.Element) -> list[str]:
    return [element.text for element in root.iter(f"{SITEMAP}loc")]


def in_every_language(path: str) -> list[str]:
    return [f"{SITE}/{prefix}{path}" for prefix in PREFIXES]


def everything(client) -> tuple[list[str], str]:
    """Every address in the sitemap, and the text of all its files."""
    addresses, texts = [], []
    for section in locations(read(client, "/sitemap.xml")):
        response = client.get(section)
        texts.append(response.content.decode())
        addresses += locations(ElementTree.fromstring(response.content))
    return addresses, "".join(texts)


def test_index_points_to_one_file_per_section(client):
    PledgeFactory()
    PracticeFactory()
    ReviewFactory()
    SessionFactory()
    SideEventFactory(state=State.PUBLISHED)
    RevisionFactory()

    index = read(client, "/sitemap.xml")

    assert index.tag == f"{SITEMAP}sitemapindex"
    assert locations(index) == [f"{SITE}/sitemap-{name}-1.xml" for name in SECTIONS]
    for address in locations(index):
        assert read(client, address.removeprefix(SITE)).tag == f"{SITEMAP}urlset"


def test_sections_without_records_are_left_out_of_the_index(client):
    index = read(client, "/sitemap.xml")

    assert locations(index) == [
        f"{SITE}/sitemap-{name}-1.xml"
        for name in ["pages", "objectives", "countries", "programmes"]
    ]


def test_a_large_section_is_split_into_files(client, monkeypatch):
    monkeypatch.setattr(sitemaps, "PER_FILE", 2)
    pledges = [PledgeFactory() for _ in range(5)]

    index = read(client, "/sitemap.xml")
    second = read(client, "/sitemap-pledges-2.xml")

    assert [a for a in locations(index) if "pledges" in a] == [
        f"{SITE}/sitemap-pledges-1.xml",
        f"{SITE}/sitemap-pledges-2.xml",
        f"{SITE}/sitemap-pledges-3.xml",
    ]
    assert locations(second) == [
        *in_every_language(f"/pledges/{pledges[2].pk}/"),
        *in_every_language(f"/pledges/{pledges[3].pk}/"),
    ]
    assert locations(read(client, "/sitemap-pledges-3.xml")) == in_every_language(
        f"/pledges/{pledges[4].pk}/"
    )


@pytest.mark.parametrize(
    "url", ["/sitemap-pledges-4.xml", "/sitemap-pledges-0.xml", "/sitemap-people-1.xml"]
)
def test_files_past_the_end_or_of_unknown_sections_are_404(client, monkeypatch, url):
    monkeypatch.setattr(sitemaps, "PER_FILE", 2)
    PledgeFactory.create_batch(5)

    assert client.get(url).status_code == 404


def test_a_record_is_listed_in_six_languages_with_exact_alternates(client):
    pledge = PledgeFactory()

    urls = list(read(client, "/sitemap-pledges-1.xml").iter(f"{SITEMAP}url"))

    path = f"/pledges/{pledge.pk}/"
    expected = [
        ("ar", f"{SITE}/ar{path}"),
        ("zh-hans", f"{SITE}/zh{path}"),
        ("en", f"{SITE}/en{path}"),
        ("fr", f"{SITE}/fr{path}"),
        ("ru", f"{SITE}/ru{path}"),
        ("es", f"{SITE}/es{path}"),
        ("x-default", f"{SITE}/en{path}"),
    ]
    assert [url.find(f"{SITEMAP}loc").text for url in urls] == in_every_language(path)
    for url in urls:
        links = url.findall(f"{XHTML}link")
        assert [(link.get("rel"), link.get("hreflang"), link.get("href")) for link in links] == [
            ("alternate", code, address) for code, address in expected
        ]


def test_pages_section_lists_the_home_page_and_the_lists(client):
    english = [a for a in locations(read(client, "/sitemap-pages-1.xml")) if "/en/" in a]

    assert english == [
        f"{SITE}/en{path}"
        for path in [
            "/",
            "/objectives/",
            "/principles/",
            "/countries/",
            "/organisations/",
            "/pledges/",
            "/pledges/dashboard/",
            "/practices/",
            "/practices/calls/",
            "/reviews/",
            "/forum/",
            "/declaration/",
            "/data/",
            "/api/",
        ]
    ]


def test_reference_sections_list_every_objective_country_and_programme(client):
    objectives = locations(read(client, "/sitemap-objectives-1.xml"))
    countries = locations(read(client, "/sitemap-countries-1.xml"))
    programmes = locations(read(client, "/sitemap-programmes-1.xml"))

    assert objectives == [a for n in range(1, 24) for a in in_every_language(f"/objectives/{n}/")]
    codes = Country.objects.order_by("pk").values_list("iso3", flat=True)
    assert countries == [a for code in codes for a in in_every_language(f"/countries/{code}/")]
    years = Edition.objects.order_by("year").values_list("year", flat=True)
    assert programmes == [a for year in years for a in in_every_language(f"/forum/{year}/")]


def test_forum_and_declaration_sections(client):
    session = SessionFactory()
    side_event = SideEventFactory(state=State.PUBLISHED)
    published = RevisionFactory(number=0)
    RevisionFactory(document=published.document, number=1, published_at=None)

    sessions = locations(read(client, "/sitemap-sessions-1.xml"))
    side_events = locations(read(client, "/sitemap-side_events-1.xml"))
    declarations = locations(read(client, "/sitemap-declarations-1.xml"))
    revisions = locations(read(client, "/sitemap-revisions-1.xml"))

    assert sessions == in_every_language(f"/forum/2026/sessions/{session.pk}/")
    assert side_events == in_every_language(f"/forum/2026/side-events/{side_event.pk}/")
    assert declarations == in_every_language("/declaration/2026/")
    assert revisions == in_every_language("/declaration/2026/0/")


def test_sitemap_shows_nothing_unpublished_unverified_nor_any_person(client, cast):
    canary = MembershipFactory(
        organisation=cast.organisation, user__email=CANARY, user__full_name="Canary Person"
    ).user
    hidden = []
    for state in HIDDEN_STATES:
        hidden += [
            PledgeFactory(state=state, organisation=cast.organisation, created_by=canary),
            PracticeFactory(state=state, organisation=cast.organisation),
            ReviewFactory(state=state),
            SideEventFactory(state=state, organisation=cast.organisation),
        ]
    pending = OrganisationFactory(name="Pending Org", status=Organisation.Status.PENDING)
    rejected = OrganisationFactory(name="Rejected Org", status=Organisation.Status.REJECTED)
    draft_revision = RevisionFactory(published_at=None)  # 2026: nothing published yet
    pledge = PledgeFactory(organisation=cast.organisation, created_by=canary)
    services.edit(
        pledge, {"title": "Pending edit title", "description": f"Write to {CANARY}"}, by=canary
    )
    shown = [pledge, PracticeFactory(), ReviewFactory(), SideEventFactory(state=State.PUBLISHED)]

    addresses, text = everything(client)

    listed = set(addresses)
    for record in hidden + [pending, rejected, draft_revision, draft_revision.document]:
        assert SITE + record.get_absolute_url() not in listed
    for record in [*shown, cast.organisation, cast.other_organisation]:
        assert SITE + record.get_absolute_url() in listed
    for secret in [CANARY, "Canary Person", "Pending edit", "Pending Org", "Rejected Org"]:
        assert secret not in text


def test_robots_txt(client):
    response = client.get("/robots.txt")

    private = [
        "accounts/",
        "admin/",
        "pledges/mine/",
        "pledges/new/",
        "pledges/review/",
        "practices/mine/",
        "practices/new/",
        "practices/review/",
        "practices/reviews/",
        "reviews/mine/",
        "reviews/new/",
        "reviews/queue/",
        "forum/agenda/",
        "forum/side-events/mine/",
        "forum/*/side-events/review/",
        "forum/*/hearing/manage/",
        "forum/*/hearing/applications/",
        "memberships/",
        "invitations/",
        "review/",
    ]
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == "\n".join(
        [
            "User-agent: *",
            "Allow: /",
            *(f"Disallow: /{prefix}/{path}" for prefix in PREFIXES for path in private),
            "",
            "Sitemap: http://testserver/sitemap.xml",
            "",
        ]
    )


@pytest.mark.parametrize("count", [1, 3])
def test_sitemap_queries_do_not_grow(client, django_assert_num_queries, count):
    for number in range(count):
        PledgeFactory()
        SessionFactory()
        RevisionFactory(document=DocumentFactory(), number=number)

    with django_assert_num_queries(11):  # a count per section but the pages
        client.get("/sitemap.xml")
    for section in ["pledges", "sessions", "declarations", "revisions", "organisations"]:
        with django_assert_num_queries(2):
            client.get(f"/sitemap-{section}-1.xml")
