import datetime
from xml.etree import ElementTree

import pytest
from django.urls import reverse

from gcmhub.accounts.tests.factories import GovernmentFactory, MembershipFactory
from gcmhub.compact.models import Country, Objective
from gcmhub.pledges.tests.factories import PledgeFactory
from gcmhub.practices.tests.factories import PracticeFactory
from gcmhub.reviews.tests.factories import RegionalReviewFactory, ReviewFactory
from gcmhub.workflow import services
from gcmhub.workflow.models import State

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITE = "http://testserver"
CANARY = "leak.canary@example.org"
HIDDEN_STATES = [
    State.DRAFT,
    State.SUBMITTED,
    State.CHANGES_REQUESTED,
    State.REJECTED,
    State.WITHDRAWN,
    State.UNPUBLISHED,
]


def moment(day: int) -> datetime.datetime:
    return datetime.datetime(2026, 3, day, 9, 30, tzinfo=datetime.UTC)


def read(client, url: str) -> ElementTree.Element:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    return ElementTree.fromstring(response.content)


def entries(feed: ElementTree.Element) -> list[tuple[str, str]]:
    return [
        (entry.find(f"{ATOM}title").text, entry.find(f"{ATOM}link").get("href"))
        for entry in feed.iter(f"{ATOM}entry")
    ]


def test_pledge_feed_lists_published_pledges_newest_first(client):
    older = PledgeFactory(title="Older", published_at=moment(1))
    newest = PledgeFactory(title="Newest", published_at=moment(3))
    middle = PledgeFactory(title="Middle", published_at=moment(2))

    feed = read(client, "/en/feeds/pledges.atom")

    assert feed.find(f"{ATOM}title").text == "Newly published pledges – gcmhub"
    assert feed.find(f"{ATOM}link[@rel='alternate']").get("href") == f"{SITE}/en/pledges/"
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == f"{SITE}/en/feeds/pledges.atom"
    assert entries(feed) == [
        ("Newest", f"{SITE}/en/pledges/{newest.pk}/"),
        ("Middle", f"{SITE}/en/pledges/{middle.pk}/"),
        ("Older", f"{SITE}/en/pledges/{older.pk}/"),
    ]


def test_feed_entry_is_dated_by_publication_and_signed_by_the_organisation(client):
    pledge = PledgeFactory(
        title="Seasonal work & <rights>",
        description="Decent work <b>for all</b>.",
        organisation__name="Workers Without Borders",
        published_at=moment(4),
        main_objectives=[5, 6],
    )

    entry = read(client, "/en/feeds/pledges.atom").find(f"{ATOM}entry")

    assert entry.find(f"{ATOM}title").text == "Seasonal work & <rights>"
    assert entry.find(f"{ATOM}id").text == f"{SITE}/en/pledges/{pledge.pk}/"
    assert entry.find(f"{ATOM}published").text == "2026-03-04T09:30:00+00:00"
    assert entry.find(f"{ATOM}updated").text == "2026-03-04T09:30:00+00:00"
    assert [element.tag for element in entry.find(f"{ATOM}author")] == [f"{ATOM}name"]
    assert entry.find(f"{ATOM}author/{ATOM}name").text == "Workers Without Borders"
    assert entry.find(f"{ATOM}summary").get("type") == "html"
    assert entry.find(f"{ATOM}summary").text == "Decent work &lt;b&gt;for all&lt;/b&gt;."
    assert [c.get("term") for c in entry.iter(f"{ATOM}category")] == [
        str(Objective.objects.get(number=5)),
        str(Objective.objects.get(number=6)),
    ]


def test_feed_follows_the_language_of_its_address(client):
    pledge = PledgeFactory(published_at=moment(1), main_objectives=[5])

    feed = read(client, "/fr/feeds/pledges.atom")

    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    assert feed.find(f"{ATOM}link[@rel='alternate']").get("href") == f"{SITE}/fr/pledges/"
    assert entries(feed) == [(pledge.title, f"{SITE}/fr/pledges/{pledge.pk}/")]
    category = feed.find(f"{ATOM}entry/{ATOM}category").get("term")
    assert category == "5. " + Objective.objects.get(number=5).short_names["fr"]


def test_chinese_feed_lives_under_zh(client):
    pledge = PledgeFactory(published_at=moment(1))

    feed = read(client, "/zh/feeds/pledges.atom")

    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh-hans"
    assert entries(feed) == [(pledge.title, f"{SITE}/zh/pledges/{pledge.pk}/")]


def test_practice_and_review_feeds(client):
    practice = PracticeFactory(title="Wallets", published_at=moment(2))
    older_practice = PracticeFactory(title="Clinics", published_at=moment(1))
    review = ReviewFactory(title="Review of Morocco", published_at=moment(1))
    newer_review = RegionalReviewFactory(title="ECE review", published_at=moment(5))

    practices = read(client, "/en/feeds/practices.atom")
    reviews = read(client, "/en/feeds/reviews.atom")

    assert practices.find(f"{ATOM}title").text == "Newly published practices – gcmhub"
    assert entries(practices) == [
        ("Wallets", f"{SITE}/en/practices/{practice.pk}/"),
        ("Clinics", f"{SITE}/en/practices/{older_practice.pk}/"),
    ]
    assert reviews.find(f"{ATOM}title").text == "Newly published reviews – gcmhub"
    assert entries(reviews) == [
        ("ECE review", f"{SITE}/en/reviews/{newer_review.pk}/"),
        ("Review of Morocco", f"{SITE}/en/reviews/{review.pk}/"),
    ]
    assert reviews.find(f"{ATOM}entry/{ATOM}author/{ATOM}name").text == "Commission ECE"


def test_feed_holds_the_newest_fifty(client):
    for day in range(1, 29):
        PledgeFactory(title=f"Day {day} a", published_at=moment(day))
        PledgeFactory(title=f"Day {day} b", published_at=moment(day) + datetime.timedelta(hours=1))

    titles = [title for title, _link in entries(read(client, "/en/feeds/pledges.atom"))]

    assert len(titles) == 50
    assert titles[:3] == ["Day 28 b", "Day 28 a", "Day 27 b"]
    assert titles[-1] == "Day 4 a"


def test_objective_feeds(client):
    pledge = PledgeFactory(title="On objective 5", published_at=moment(1), main_objectives=[5])
    PledgeFactory(title="On objective 7", published_at=moment(2), main_objectives=[7])
    primary = PracticeFactory(title="Primary 5", published_at=moment(1), primary_objectives=[5])
    secondary = PracticeFactory(
        title="Secondary 5",
        published_at=moment(2),
        primary_objectives=[6],
        secondary_objectives=[5],
    )
    PracticeFactory(title="Only 6", published_at=moment(3), primary_objectives=[6])

    pledges = read(client, "/en/feeds/objectives/5/pledges.atom")
    practices = read(client, "/en/feeds/objectives/5/practices.atom")

    objective = str(Objective.objects.get(number=5))
    assert pledges.find(f"{ATOM}title").text == (
        f"Newly published pledges with main objective {objective} – gcmhub"
    )
    assert (
        pledges.find(f"{ATOM}link[@rel='alternate']").get("href")
        == f"{SITE}/en/pledges/?objective=5"
    )
    assert entries(pledges) == [("On objective 5", f"{SITE}/en/pledges/{pledge.pk}/")]
    assert practices.find(f"{ATOM}title").text == (
        f"Newly published practices on objective {objective} – gcmhub"
    )
    assert entries(practices) == [
        ("Secondary 5", f"{SITE}/en/practices/{secondary.pk}/"),
        ("Primary 5", f"{SITE}/en/practices/{primary.pk}/"),
    ]


def test_country_feeds(client):
    portugal = Country.objects.get(iso3="PRT")
    concerning = PledgeFactory(title="For Portugal", published_at=moment(1))
    concerning.countries.set([portugal])
    PledgeFactory(title="For nobody in particular", published_at=moment(2))
    practice = PracticeFactory(title="In Portugal", countries=["PRT"], published_at=moment(1))
    PracticeFactory(title="In the Philippines", countries=["PHL"], published_at=moment(2))
    national = ReviewFactory(
        title="Review of Portugal",
        organisation=GovernmentFactory(country=portugal),
        published_at=moment(1),
    )
    regional = RegionalReviewFactory(
        title="ECE review", participants=["DEU", "PRT"], published_at=moment(2)
    )
    ReviewFactory(title="Review of Morocco", published_at=moment(3))

    pledges = read(client, "/en/feeds/countries/PRT/pledges.atom")
    practices = read(client, "/en/feeds/countries/PRT/practices.atom")
    reviews = read(client, "/en/feeds/countries/PRT/reviews.atom")

    assert pledges.find(f"{ATOM}title").text == (
        "Newly published pledges concerning Portugal – gcmhub"
    )
    assert (
        pledges.find(f"{ATOM}link[@rel='alternate']").get("href")
        == f"{SITE}/en/pledges/?country=PRT"
    )
    assert entries(pledges) == [("For Portugal", f"{SITE}/en/pledges/{concerning.pk}/")]
    assert practices.find(f"{ATOM}title").text == (
        "Newly published practices implemented in Portugal – gcmhub"
    )
    assert entries(practices) == [("In Portugal", f"{SITE}/en/practices/{practice.pk}/")]
    assert reviews.find(f"{ATOM}title").text == (
        "Newly published reports of Portugal and regional reviews it took part in – gcmhub"
    )
    assert entries(reviews) == [
        ("ECE review", f"{SITE}/en/reviews/{regional.pk}/"),
        ("Review of Portugal", f"{SITE}/en/reviews/{national.pk}/"),
    ]


@pytest.mark.parametrize(
    "url",
    [
        "/en/feeds/objectives/24/pledges.atom",
        "/en/feeds/objectives/0/practices.atom",
        "/en/feeds/countries/XXX/pledges.atom",
        "/en/feeds/countries/prt/practices.atom",
        "/en/feeds/countries/PRTX/reviews.atom",
        "/en/feeds/objectives/5/reviews.atom",
    ],
)
def test_unknown_objective_or_country_is_404(client, url):
    assert client.get(url).status_code == 404


FEEDS = [
    "/en/feeds/pledges.atom",
    "/en/feeds/practices.atom",
    "/en/feeds/reviews.atom",
    "/en/feeds/objectives/5/pledges.atom",
    "/en/feeds/objectives/5/practices.atom",
    "/en/feeds/countries/PRT/pledges.atom",
    "/en/feeds/countries/PRT/practices.atom",
    "/en/feeds/countries/PRT/reviews.atom",
]


@pytest.mark.parametrize("url", FEEDS)
def test_feeds_show_nothing_unpublished_nor_any_person(client, cast, url):
    portugal = Country.objects.get(iso3="PRT")
    canary = MembershipFactory(
        organisation=cast.organisation, user__email=CANARY, user__full_name="Canary Person"
    ).user
    government = GovernmentFactory(country=portugal)
    for state in HIDDEN_STATES:
        pledge = PledgeFactory(
            title=f"Hidden pledge {state}",
            state=state,
            organisation=cast.organisation,
            created_by=canary,
            main_objectives=[5],
        )
        pledge.countries.set([portugal])
        PracticeFactory(
            title=f"Hidden practice {state}",
            state=state,
            organisation=cast.organisation,
            primary_objectives=[5],
            countries=["PRT"],
        )
        ReviewFactory(title=f"Hidden review {state}", state=state, organisation=government)
    shown = PledgeFactory(
        title="Published pledge",
        organisation=cast.organisation,
        created_by=canary,
        main_objectives=[5],
    )
    shown.countries.set([portugal])
    services.edit(
        shown,
        {"title": "Pending edit title", "description": f"Write to {CANARY}"},
        by=cast.member,
    )
    practice = PracticeFactory(
        title="Published practice",
        organisation=cast.organisation,
        created_by=canary,
        countries=["PRT"],
        primary_objectives=[5],
    )
    services.edit(practice, {"title": "Pending edit title"}, by=cast.member)
    review = ReviewFactory(title="Published review", organisation=government)

    response = client.get(url)

    text = response.content.decode()
    assert [title for title, _link in entries(ElementTree.fromstring(response.content))] == [
        record.title
        for record in (shown, practice, review)
        if f"/{type(record).__name__.lower()}s." in url
    ]
    for secret in ["Hidden", "Pending edit", CANARY, "Canary Person", "member@example.org"]:
        assert secret not in text
    assert "<email>" not in text


@pytest.mark.parametrize("count", [1, 3])
@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/en/feeds/pledges.atom", 2),
        ("/en/feeds/practices.atom", 2),
        ("/en/feeds/reviews.atom", 1),
        ("/en/feeds/objectives/5/pledges.atom", 3),
        ("/en/feeds/countries/PRT/practices.atom", 4),
        ("/en/feeds/countries/PRT/reviews.atom", 3),
    ],
)
def test_feed_queries_do_not_grow(client, django_assert_num_queries, count, url, queries):
    portugal = Country.objects.get(iso3="PRT")
    for _ in range(count):
        PledgeFactory(main_objectives=[5]).countries.set([portugal])
        PracticeFactory(countries=["PRT"], primary_objectives=[5])
        RegionalReviewFactory(participants=["PRT"])

    with django_assert_num_queries(queries):
        response = client.get(url)

    assert len(entries(ElementTree.fromstring(response.content))) == count


def test_objective_page_links_its_feeds(client):
    html = client.get(reverse("web:objective", args=[5])).content.decode()

    assert (
        '<a href="/en/feeds/objectives/5/pledges.atom" rel="alternate" '
        'type="application/atom+xml">Feed of new pledges with this main objective (Atom)</a>'
    ) in html
    assert (
        '<a href="/en/feeds/objectives/5/practices.atom" rel="alternate" '
        'type="application/atom+xml">Feed of new practices on this objective (Atom)</a>'
    ) in html


def test_country_profile_links_its_feeds(client):
    html = client.get(reverse("web:country", args=["PRT"])).content.decode()

    for kind, text in [
        ("reviews", "Feed of new reviews and plans of this country (Atom)"),
        ("pledges", "Feed of new pledges concerning this country (Atom)"),
        ("practices", "Feed of new practices implemented in this country (Atom)"),
    ]:
        link = (
            f'<a href="/en/feeds/countries/PRT/{kind}.atom" rel="alternate" '
            f'type="application/atom+xml">{text}</a>'
        )
        assert link in html
