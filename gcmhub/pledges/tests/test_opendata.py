"""The open data of pledges and progress reports: exact records, nothing unpublished or personal
through rows(), the page downloads or the JSON-LD, and the list's filters as its only filters."""

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
from gcmhub.compact.models import Country, Objective, Principle
from gcmhub.pledges.opendata import PLEDGES, PROGRESS_REPORTS, RESOURCES
from gcmhub.pledges.tests.factories import PledgeFactory, ProgressReportFactory
from gcmhub.web.jsonld import script
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
COUNTRIES = next(field for field in PLEDGES.fields if field.name == "countries")
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def _ids(resource, query: dict | None = None) -> list[int]:
    """The keys of RESOURCE's rows under the GET parameters QUERY, as a page receives them."""
    get = QueryDict(mutable=True)
    get.update(query or {})
    return [row.pk for row in resource.rows(resource.filters(get))]


def _download(client, fmt: str, query: dict | None = None) -> str:
    """The text of the pledge list's download in FMT (an XLSX's worksheet XML)."""
    response = client.get(reverse("pledges:export", args=[fmt]), query or {})
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
    """A published pledge with every field filled, answering another published pledge."""
    answered = PledgeFactory(title="Answered pledge", published_at=WHEN)
    pending = OrganisationFactory(name="Pending partner", status=Organisation.Status.PENDING)
    pledge = PledgeFactory(
        title="Seasonal work with full rights",
        description="Open a regular pathway.",
        organisation=cast.organisation,
        matches=answered,
        other_partners="A village cooperative",
        main_objectives=[5, 6],
        resources_amount=1500000,
        resources_currency="USD",
        published_at=WHEN,
    )
    pledge.partner_organisations.set([cast.other_organisation, pending])
    pledge.related_objectives.set(Objective.objects.filter(number=22))
    pledge.principles.set(Principle.objects.filter(number__in=[1, 4]))
    pledge.countries.set(Country.objects.filter(iso3__in=["KEN", "UGA"]))
    return pledge


def test_a_pledge_record_is_exact(known, cast):
    [record] = [PLEDGES.record(row) for row in PLEDGES.rows({}) if row.pk == known.pk]

    assert record == {
        "id": known.pk,
        "title": "Seasonal work with full rights",
        "description": "Open a regular pathway.",
        "organisation": cast.organisation.pk,
        "organisation_name": "Owning Organisation",
        "entity_type": "civil-society",
        "organisation_country": "KEN",
        "edition": 2022,
        "language": "en",
        "type": "individual",
        "matches": known.matches_id,
        "partner_organisations": [cast.other_organisation.pk],
        "other_partners": "A village cooperative",
        "main_objectives": [5, 6],
        "related_objectives": [22],
        "principles": [1, 4],
        "level": "national",
        "countries": ["KEN", "UGA"],
        "category": "programme",
        "action": (
            "Open a regular pathway for 5,000 seasonal workers with full labour rights each year."
        ),
        "start_date": "2023-01-01",
        "end_date": "2030-12-31",
        "resources_amount": 1500000.0,
        "resources_currency": "USD",
        "progress_status": "planned",
        "amount_delivered": None,
        "last_report_date": None,
        "published_at": "2024-03-01T12:30:00+00:00",
        "url": f"{settings.SITE_URL}/en/pledges/{known.pk}/",
    }


def test_the_csv_download_has_the_same_cells(client, known):
    rows = list(csv.reader(io.StringIO(_download(client, "csv"))))

    assert rows[0] == [field.name for field in PLEDGES.fields]
    assert rows[1:] == [[str(cell) for cell in PLEDGES.cells(row)] for row in PLEDGES.rows({})]
    assert [row[PLEDGES.fields.index(COUNTRIES)] for row in rows[1:]] == ["", "KEN;UGA"]


def test_the_json_download_has_the_records(client, known):
    records = json.loads(_download(client, "json"))

    assert records == [PLEDGES.record(row) for row in PLEDGES.rows({})]
    assert [r["id"] for r in records] == sorted([known.pk, known.matches_id])


def test_a_progress_report_record_is_exact(known, cast):
    report = ProgressReportFactory(
        pledge=known,
        organisation=cast.other_organisation,
        date=datetime.date(2025, 6, 30),
        status="in_progress",
        narrative="Half of the workers arrived.",
        amount_delivered=250000,
        evidence_url="https://example.org/evidence",
        published_at=WHEN,
    )

    assert [PROGRESS_REPORTS.record(row) for row in PROGRESS_REPORTS.rows({})] == [
        {
            "id": report.pk,
            "pledge": known.pk,
            "organisation": cast.other_organisation.pk,
            "organisation_name": "Other Organisation",
            "date": "2025-06-30",
            "status": "in_progress",
            "narrative": "Half of the workers arrived.",
            "amount_delivered": 250000.0,
            "currency": "USD",
            "evidence_url": "https://example.org/evidence",
            "published_at": "2024-03-01T12:30:00+00:00",
            "url": f"{settings.SITE_URL}/en/pledges/{known.pk}/#report-{report.pk}",
        }
    ]


def test_progress_reports_filter_by_pledge_and_status(known):
    other = PledgeFactory()
    first = ProgressReportFactory(pledge=known, status="in_progress")
    ProgressReportFactory(pledge=other, status="in_progress")
    fulfilled = ProgressReportFactory(pledge=known, status="fulfilled")

    by_pledge = _ids(PROGRESS_REPORTS, {"pledge": str(known.pk)})
    by_both = _ids(PROGRESS_REPORTS, {"pledge": str(known.pk), "status": "fulfilled"})
    ignored = _ids(PROGRESS_REPORTS, {"pledge": "none", "status": "lost"})

    assert (by_pledge, by_both, len(ignored)) == ([first.pk, fulfilled.pk], [fulfilled.pk], 3)


# Leaks -----------------------------------------------------------------------------------------


@pytest.fixture
def hidden(cast):
    """Everything that could leak: a pledge in every non-public state, a pending edit of a
    published pledge, progress reports that are not public or belong to hidden pledges, and a
    planted e-mail address on the submitter and a member of the organisation."""
    canary = UserFactory(email=CANARY, full_name="Leak Canary Person")
    MembershipFactory(organisation=cast.organisation, user=canary)
    pledges = [
        PledgeFactory(
            state=state,
            title=f"{SECRET} {state}",
            organisation=cast.organisation,
            created_by=canary,
            main_objectives=[14],
        )
        for state in HIDDEN_STATES
    ]
    for pledge in pledges:
        pledge.countries.add(Country.objects.get(iso3="TUV"))
    published = PledgeFactory(
        title="Public title", organisation=cast.organisation, created_by=canary
    )
    workflow.edit(published, {"title": f"{SECRET} proposed title"}, by=cast.member)
    reports = [
        ProgressReportFactory(
            pledge=pledge, narrative=f"{SECRET} report", created_by=canary, state=State.PUBLISHED
        )
        for pledge in pledges
    ]
    reports += [
        ProgressReportFactory(
            pledge=published, narrative=f"{SECRET} report {state}", created_by=canary, state=state
        )
        for state in HIDDEN_STATES
    ]
    return {"pledges": pledges, "published": published, "reports": reports}


def test_rows_hold_only_published_pledges_and_reports(hidden):
    public = ProgressReportFactory(pledge=hidden["published"], narrative="Public report")

    assert Revision.objects.get().data["title"] == f"{SECRET} proposed title"
    assert _ids(PLEDGES) == [hidden["published"].pk]
    assert _ids(PROGRESS_REPORTS) == [public.pk]
    assert [PLEDGES.record(row)["title"] for row in PLEDGES.rows({})] == ["Public title"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_downloads_leak_nothing(client, hidden, fmt):
    text = _download(client, fmt) + _download(client, fmt, {"country": "TUV"})

    assert (SECRET in text, CANARY in text, "Leak Canary" in text, "Public title" in text) == (
        False,
        False,
        False,
        True,
    )


def test_no_field_of_any_record_holds_personal_data_or_hidden_text(hidden):
    ProgressReportFactory(pledge=hidden["published"], narrative="Public report")

    text = json.dumps([resource.record(row) for resource in RESOURCES for row in resource.rows({})])

    assert (SECRET in text, CANARY in text, "Leak Canary" in text) == (False, False, False)


def test_json_ld_is_only_on_published_pages_and_leaks_nothing(client, cast, hidden):
    client.force_login(cast.member)  # its organisation sees its drafts' pages

    hidden_pages = [client.get(p.get_absolute_url()) for p in hidden["pledges"]]
    public_page = client.get(hidden["published"].get_absolute_url())

    assert [_json_ld(page) for page in hidden_pages] == [[]] * len(HIDDEN_STATES)
    [data] = _json_ld(public_page)
    text = json.dumps(data)
    assert (data["name"], SECRET in text, CANARY in text) == ("Public title", False, False)


def test_an_organisation_no_longer_verified_is_not_referenced(client, cast):
    pledge = PledgeFactory(organisation=cast.organisation)
    Organisation.objects.filter(pk=cast.organisation.pk).update(status=Organisation.Status.REJECTED)

    [record] = [PLEDGES.record(row) for row in PLEDGES.rows({})]
    [data] = _json_ld(client.get(pledge.get_absolute_url()))

    assert (record["organisation"], record["organisation_name"]) == (None, "Owning Organisation")
    assert data["author"] == {"@type": "Organization", "name": "Owning Organisation"}


# The list's filters ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"objective": "6"},
        {"objective": "6", "country": "UGA"},
        {"entity_type": "member-state"},
        {"region": "002"},
        {"edition": "2022", "type": "individual", "category": "programme"},
        {"q": "ferry"},
        {"objective": "not-a-number", "status": "lost"},
    ],
)
def test_filters_give_the_rows_of_the_list(client, query):
    kenya = PledgeFactory(title="Ferry rescue", main_objectives=[6])
    kenya.countries.set(Country.objects.filter(iso3__in=["UGA"]))
    PledgeFactory(
        title="By a State",
        organisation__entity_type_id=1,
        main_objectives=[20],
    )
    PledgeFactory(title="Elsewhere", main_objectives=[6])
    PledgeFactory(title="Draft ferry", state=State.DRAFT, main_objectives=[6])

    page = client.get(reverse("pledges:list"), query).context["page"]
    rows = _ids(PLEDGES, query)

    assert rows == sorted(p.pk for p in page.object_list)
    assert page.paginator.count == len(rows)


def test_download_follows_the_filters(client, known):
    records = json.loads(_download(client, "json", {"objective": "22"}))
    by_main = json.loads(_download(client, "json", {"objective": "6"}))

    assert ([r["id"] for r in records], [r["id"] for r in by_main]) == ([], [known.pk])


def test_an_unknown_format_is_404(client, known):
    assert client.get(reverse("pledges:export", args=["pdf"])).status_code == 404


# Queries and JSON-LD ---------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 3])
def test_pledge_rows_queries_do_not_grow(django_assert_num_queries, count):
    for _ in range(count):
        pledge = PledgeFactory(main_objectives=[5, 6])
        pledge.countries.set(Country.objects.filter(iso3__in=["KEN", "UGA"]))
        pledge.partner_organisations.add(OrganisationFactory())

    # the pledges with their organisation and edition, then 5 prefetched relations
    with django_assert_num_queries(6):
        rows = [PLEDGES.record(row) for row in PLEDGES.rows({})]

    assert len(rows) == count


@pytest.mark.parametrize("count", [1, 3])
def test_report_rows_queries_do_not_grow(django_assert_num_queries, count):
    ProgressReportFactory.create_batch(count)

    with django_assert_num_queries(1):
        rows = [PROGRESS_REPORTS.record(row) for row in PROGRESS_REPORTS.rows({})]

    assert len(rows) == count


def test_json_ld_of_a_pledge_page_is_exact(client, known, cast):
    [data] = _json_ld(client.get(known.get_absolute_url()))

    site = settings.SITE_URL
    assert data == {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "@id": f"{site}/en/pledges/{known.pk}/",
        "url": f"{site}/en/pledges/{known.pk}/",
        "name": "Seasonal work with full rights",
        "description": "Open a regular pathway.",
        "inLanguage": "en",
        "author": {
            "@type": "Organization",
            "name": "Owning Organisation",
            "url": f"{site}/en/organisations/{cast.organisation.pk}/",
        },
        "about": [
            {
                "@type": "DefinedTerm",
                "termCode": "5",
                "name": "5. Regular pathways",
                "url": f"{site}/en/objectives/5/",
            },
            {
                "@type": "DefinedTerm",
                "termCode": "6",
                "name": str(Objective.objects.get(number=6)),
                "url": f"{site}/en/objectives/6/",
            },
        ],
        "spatialCoverage": [
            {
                "@type": "Country",
                "name": "Kenya",
                "identifier": "KEN",
                "url": f"{site}/en/countries/KEN/",
            },
            {
                "@type": "Country",
                "name": "Uganda",
                "identifier": "UGA",
                "url": f"{site}/en/countries/UGA/",
            },
        ],
        "datePublished": "2024-03-01",
    }


def test_json_ld_cannot_close_its_script_element(client):
    pledge = PledgeFactory(title="</script><script>alert(1)</script><!-- x")

    html = client.get(pledge.get_absolute_url()).content.decode()

    [block] = JSON_LD.findall(html)
    assert "</" not in block and "<!--" not in block
    assert json.loads(block)["name"] == "</script><script>alert(1)</script><!-- x"


def test_script_escapes_and_keeps_the_data():
    data = {"name": "a</b>c<!--d", "n": 1, "when": datetime.date(2024, 1, 2)}

    html = script(data)

    assert html == (
        '<script type="application/ld+json">'
        '{"name":"a\\u003C/b\\u003Ec\\u003C!--d","n":1,"when":"2024-01-02"}</script>'
    )
