"""The open data of practices: an exact record, nothing unpublished or personal through rows(),
the page downloads or the JSON-LD, and the list's filters as its only filters."""

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
from gcmhub.accounts.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from gcmhub.compact.models import Objective, Principle, Region, SustainableDevelopmentGoal
from gcmhub.practices.opendata import PRACTICES
from gcmhub.practices.tests.factories import AssignmentFactory, CallFactory, PracticeFactory
from gcmhub.workflow import services as workflow
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


def _ids(query: dict | None = None) -> list[int]:
    """The keys of the practices' rows under the GET parameters QUERY, as the page gets them."""
    get = QueryDict(mutable=True)
    get.update(query or {})
    return [row.pk for row in PRACTICES.rows(PRACTICES.filters(get))]


def _download(client, fmt: str, query: dict | None = None) -> str:
    """The text of the practice list's download in FMT (an XLSX's XML parts)."""
    response = client.get(reverse("practices:export", args=[fmt]), query or {})
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
def known(cast):
    """A published practice with every field filled, and a contact that is never public."""
    call = CallFactory(title="Decent work call")
    pending = OrganisationFactory(name="Pending collaborator", status=Organisation.Status.PENDING)
    practice = PracticeFactory(
        title="Seasonal workers paid through mobile wallets",
        summary="Wages paid on time.",
        organisation=cast.organisation,
        call=call,
        primary_objectives=[6],
        secondary_objectives=[22],
        countries=["KEN", "UGA"],
        is_global=False,
        end_year=2024,
        is_ongoing=False,
        on_behalf=True,
        main_implementer="Kenya Ministry of Labour",
        implementer_contact="Leak Canary Person",
        implementer_email=CANARY,
        partners="A village cooperative",
        links=["https://example.org/wallets"],
        published_at=WHEN,
    )
    practice.collaborators.set([cast.other_organisation, pending])
    practice.principles.set(Principle.objects.filter(number__in=[2, 3]))
    practice.sdgs.set(SustainableDevelopmentGoal.objects.filter(number=8))
    practice.regions.set(Region.objects.filter(m49="002"))
    return practice


def test_a_practice_record_is_exact(known, cast):
    assert [PRACTICES.record(row) for row in PRACTICES.rows({})] == [
        {
            "id": known.pk,
            "title": "Seasonal workers paid through mobile wallets",
            "summary": "Wages paid on time.",
            "organisation": cast.organisation.pk,
            "organisation_name": "Owning Organisation",
            "entity_type": "civil-society",
            "main_implementer": "Kenya Ministry of Labour",
            "collaborators": [cast.other_organisation.pk],
            "partners": "A village cooperative",
            "language": "en",
            "type": "programme",
            "primary_objectives": [6],
            "secondary_objectives": [22],
            "principles": [2, 3],
            "sdgs": [8],
            "countries": ["KEN", "UGA"],
            "regions": ["002"],
            "is_global": False,
            "start_year": 2020,
            "end_year": 2024,
            "is_ongoing": False,
            "benefits": "Workers were paid on time.",
            "innovation": "A mobile wallet.",
            "replication": "Any ministry of labour can run it.",
            "lessons": "Start with the employers.",
            "links": ["https://example.org/wallets"],
            "call": known.call_id,
            "call_title": "Decent work call",
            "published_at": "2024-03-01T12:30:00+00:00",
            "url": f"{settings.SITE_URL}/en/practices/{known.pk}/",
        }
    ]


def test_the_main_implementer_is_given_only_for_a_practice_on_its_behalf():
    PracticeFactory(on_behalf=False, main_implementer="Left over from a draft")

    assert [PRACTICES.record(row)["main_implementer"] for row in PRACTICES.rows({})] == [None]


def test_the_downloads_have_the_same_cells_and_records(client, known):
    rows = list(csv.reader(io.StringIO(_download(client, "csv"))))
    records = json.loads(_download(client, "json"))

    assert rows == [
        [field.name for field in PRACTICES.fields],
        [str(cell) for cell in PRACTICES.cells(next(iter(PRACTICES.rows({}))))],
    ]
    assert records == [PRACTICES.record(row) for row in PRACTICES.rows({})]


# Leaks -----------------------------------------------------------------------------------------


@pytest.fixture
def hidden(cast):
    """Everything that could leak: a practice in every non-public state, a pending edit of a
    published practice, a reviewer's comments, and a planted e-mail address on the submitter,
    a member and the implementer's contact."""
    canary = UserFactory(email=CANARY, full_name="Leak Canary Person")
    MembershipFactory(organisation=cast.organisation, user=canary)
    practices = [
        PracticeFactory(
            state=state,
            title=f"{SECRET} {state}",
            summary=f"{SECRET} " * 40,
            organisation=cast.organisation,
            created_by=canary,
            primary_objectives=[14],
            countries=["TUV"],
        )
        for state in HIDDEN_STATES
    ]
    published = PracticeFactory(
        title="Public title",
        organisation=cast.organisation,
        created_by=canary,
        on_behalf=True,
        main_implementer="Public implementer",
        implementer_contact="Leak Canary Person",
        implementer_email=CANARY,
    )
    workflow.edit(published, {"title": f"{SECRET} proposed title"}, by=cast.member)
    AssignmentFactory(practice=published, done=True, comments=f"{SECRET} reviewer comments")
    return {"practices": practices, "published": published}


def test_rows_hold_only_published_practices(hidden):
    assert Revision.objects.get().data["title"] == f"{SECRET} proposed title"
    assert _ids() == [hidden["published"].pk]
    assert [PRACTICES.record(row)["title"] for row in PRACTICES.rows({})] == ["Public title"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_downloads_leak_nothing(client, hidden, fmt):
    text = _download(client, fmt) + _download(client, fmt, {"country": "TUV"})

    assert (SECRET in text, CANARY in text, "Leak Canary" in text, "Public title" in text) == (
        False,
        False,
        False,
        True,
    )


def test_json_ld_is_only_on_published_pages_and_leaks_nothing(client, cast, hidden):
    client.force_login(cast.member)  # its organisation sees its drafts' pages and the contact

    hidden_pages = [client.get(p.get_absolute_url()) for p in hidden["practices"]]
    public_page = client.get(hidden["published"].get_absolute_url())

    assert [_json_ld(page) for page in hidden_pages] == [[]] * len(HIDDEN_STATES)
    [data] = _json_ld(public_page)
    text = json.dumps(data)
    assert (data["name"], SECRET in text, CANARY in text, "Canary" in text) == (
        "Public title",
        False,
        False,
        False,
    )


def test_an_organisation_no_longer_verified_is_not_referenced(client, cast):
    practice = PracticeFactory(organisation=cast.organisation)
    Organisation.objects.filter(pk=cast.organisation.pk).update(status=Organisation.Status.REJECTED)

    [record] = [PRACTICES.record(row) for row in PRACTICES.rows({})]
    [data] = _json_ld(client.get(practice.get_absolute_url()))

    assert (record["organisation"], record["organisation_name"]) == (None, "Owning Organisation")
    assert data["author"] == {"@type": "Organization", "name": "Owning Organisation"}


# The list's filters ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"objective": "22"},
        {"objective": "6", "country": "KEN"},
        {"region": "150"},
        {"principle": "2"},
        {"language": "fr", "type": "programme"},
        {"year": "2019"},
        {"q": "wallets", "order": "newest"},
        {"q": "wallets"},
        {"objective": "not-a-number", "year": "1066"},
    ],
)
def test_filters_give_the_rows_of_the_list(client, query):
    wallets = PracticeFactory(
        title="Mobile wallets", primary_objectives=[6], secondary_objectives=[22], countries=["KEN"]
    )
    wallets.principles.set(Principle.objects.filter(number=2))
    PracticeFactory(title="In France", language="fr", start_year=2019, countries=["FRA"])
    PracticeFactory(title="Elsewhere", primary_objectives=[1], countries=["PHL"])
    PracticeFactory(title="Draft wallets", state=State.DRAFT, countries=["KEN"])

    page = client.get(reverse("practices:list"), query).context["page"]
    rows = _ids(query)

    assert rows == sorted(p.pk for p in page.object_list)
    assert page.paginator.count == len(rows)


def test_download_follows_the_filters(client, known):
    PracticeFactory(title="Other", primary_objectives=[1])

    records = json.loads(_download(client, "json", {"objective": "22"}))

    assert [r["id"] for r in records] == [known.pk]


# Queries and JSON-LD ---------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 3])
def test_practice_rows_queries_do_not_grow(django_assert_num_queries, count):
    for _ in range(count):
        practice = PracticeFactory(secondary_objectives=[2], countries=["KEN", "UGA"])
        practice.collaborators.add(OrganisationFactory())
        practice.regions.set(Region.objects.filter(m49="002"))

    # the practices with their organisation and call, then 7 prefetched relations
    with django_assert_num_queries(8):
        rows = [PRACTICES.record(row) for row in PRACTICES.rows({})]

    assert len(rows) == count


def test_json_ld_of_a_practice_page_is_exact(client, known, cast):
    [data] = _json_ld(client.get(known.get_absolute_url()))

    site = settings.SITE_URL
    assert data == {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "@id": f"{site}/en/practices/{known.pk}/",
        "url": f"{site}/en/practices/{known.pk}/",
        "name": "Seasonal workers paid through mobile wallets",
        "description": "Wages paid on time.",
        "inLanguage": "en",
        "author": {
            "@type": "Organization",
            "name": "Owning Organisation",
            "url": f"{site}/en/organisations/{cast.organisation.pk}/",
        },
        "about": [
            {
                "@type": "DefinedTerm",
                "termCode": str(number),
                "name": str(Objective.objects.get(number=number)),
                "url": f"{site}/en/objectives/{number}/",
            }
            for number in (6, 22)
        ],
        "spatialCoverage": [
            {
                "@type": "Country",
                "name": name,
                "identifier": iso3,
                "url": f"{site}/en/countries/{iso3}/",
            }
            for iso3, name in (("KEN", "Kenya"), ("UGA", "Uganda"))
        ],
        "datePublished": "2024-03-01",
    }


def test_json_ld_cannot_close_its_script_element(client):
    practice = PracticeFactory(title="</script><script>alert(1)</script><!-- x")

    html = client.get(practice.get_absolute_url()).content.decode()

    [block] = JSON_LD.findall(html)
    assert ("</" in block, "<!--" in block) == (False, False)
    assert json.loads(block)["name"] == "</script><script>alert(1)</script><!-- x"
