import csv
import dataclasses
import datetime
import io
import json
import tempfile
import tracemalloc
import zipfile
from types import SimpleNamespace

import frictionless
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from gcmhub.accounts.models import Invitation, Organisation
from gcmhub.accounts.tests.factories import OrganisationFactory, focal_point_of
from gcmhub.api import bundle, datapackage, registry
from gcmhub.api.tests.test_exports import PLEDGES, _copies, _rows
from gcmhub.forum.models import SessionKind
from gcmhub.forum.tests.factories import (
    ApplicationFactory,
    InscriptionFactory,
    SessionFactory,
    SideEventFactory,
    SpeakersListFactory,
    edition,
)
from gcmhub.pledges.models import Pledge
from gcmhub.pledges.tests.factories import PledgeFactory, ProgressReportFactory
from gcmhub.practices.tests.factories import PracticeFactory
from gcmhub.reviews.tests.factories import RegionalReviewFactory, ReviewFactory
from gcmhub.web.opendata import ARRAY, BOOLEAN, DATE, DATETIME, INTEGER, STRING, Field, Resource
from gcmhub.workflow.models import State

pytestmark = pytest.mark.django_db

CANARY = "leak.canary@example.org"
PERSON = "Canary Person"
HIDDEN = "Hidden canary"  # in the title of every record the public may not see
TODAY = timezone.localdate().isoformat()


@pytest.fixture
def demo(cast):
    """Demo-like data of every collection: published records and, beside them, records that
    could leak (unpublished, of an unverified organisation, personal contacts)."""
    verified = cast.organisation
    partner = OrganisationFactory(name="Partner Organisation")
    # Their names stay on their published pledges, as on the pledges' pages: not a canary.
    pending = OrganisationFactory(name="Pending Organisation", status=Organisation.Status.PENDING)
    rejected = OrganisationFactory(
        name="Rejected Organisation", status=Organisation.Status.REJECTED
    )
    focal = focal_point_of(verified, CANARY)
    focal.full_name = PERSON
    focal.save()
    focal_point_of(pending, "pending.canary@example.org")
    Invitation.objects.create(organisation=verified, email=CANARY, token="canary-token")

    pledge = PledgeFactory(organisation=verified, main_objectives=[5, 7])
    pledge.partner_organisations.set([partner, pending])
    matching = PledgeFactory(organisation=partner, pledge_type="matching", matches=pledge)
    # A pledge published while its organisation was verified; the organisation no longer is.
    PledgeFactory(organisation=rejected, title="Pledge of an organisation no longer verified")
    PledgeFactory(organisation=pending, title="Pledge of a pending organisation")
    PledgeFactory(organisation=verified, title=f"{HIDDEN} draft", state=State.DRAFT)
    PledgeFactory(organisation=verified, title=f"{HIDDEN} submitted", state=State.SUBMITTED)
    PledgeFactory(organisation=verified, title=f"{HIDDEN} withdrawn", state=State.WITHDRAWN)
    draft_pledge = PledgeFactory(organisation=verified, title=f"{HIDDEN} d", state=State.DRAFT)
    PledgeFactory(
        organisation=partner, pledge_type="matching", matches=draft_pledge, title="Answers a draft"
    )
    ProgressReportFactory(pledge=pledge, narrative="Half of the workers arrived.")
    ProgressReportFactory(pledge=pledge, narrative=HIDDEN, state=State.DRAFT)
    ProgressReportFactory(pledge=draft_pledge, narrative=HIDDEN)

    PracticeFactory(organisation=verified, implementer_contact=PERSON, implementer_email=CANARY)
    PracticeFactory(organisation=verified, title=f"{HIDDEN} draft", state=State.DRAFT)
    PracticeFactory(organisation=verified, title=f"{HIDDEN} rejected", state=State.REJECTED)

    ReviewFactory()
    ReviewFactory(title=f"{HIDDEN} draft", state=State.DRAFT)
    RegionalReviewFactory()
    RegionalReviewFactory(title=f"{HIDDEN} regional draft", state=State.SUBMITTED)

    SessionFactory(objectives=[2])
    slot = SessionFactory(kind=SessionKind.SIDE_EVENT, number=2)
    SideEventFactory(organisation=verified, state=State.PUBLISHED, session=slot)
    SideEventFactory(organisation=pending, title=f"{HIDDEN} proposal")
    ApplicationFactory(organisation=verified, speaker_name=PERSON, speaker_email=CANARY)

    InscriptionFactory(speakers_list=SpeakersListFactory(published_at=timezone.now()))
    InscriptionFactory(speakers_list=SpeakersListFactory(edition=edition(2022)))  # unpublished
    return SimpleNamespace(organisation=verified, partner=partner, pledge=pledge, matching=matching)


def _bundle(client, query="") -> zipfile.ZipFile:
    response = client.get(reverse("data:bundle") + query)
    assert response.status_code == 200
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def _table(archive: zipfile.ZipFile, name: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(archive.read(f"{name}.csv").decode())))


def _validate(path) -> frictionless.Report:
    report = frictionless.validate(str(path / "datapackage.json"))
    if not report.valid:
        print(report.flatten(["taskNumber", "rowNumber", "fieldName", "type", "note"]))
    return report


# The data page.


def test_data_page_lists_every_collection_with_its_downloads(client, demo):
    response = client.get(reverse("data:home"))

    names = [c["resource"].name for c in response.context["collections"]]
    assert names == list(registry.resources())
    html = response.content.decode()
    for name in names:
        for fmt in ["csv", "xlsx", "json"]:
            assert f'href="/en/data/{name}.{fmt}"' in html
        assert f'href="/api/v1/{name}/"' in html
    assert 'href="/en/data/gcmhub-data.zip"' in html
    assert 'href="/en/data/gcmhub-data.zip?hxl=1"' in html
    assert '<input type="checkbox" name="hxl" value="1">' in html
    assert 'href="https://creativecommons.org/licenses/by/4.0/" rel="license"' in html
    assert 'href="/en/api/"' in html
    for feed in ["pledges", "practices", "reviews"]:
        assert f'href="/en/feeds/{feed}.atom"' in html


def test_data_page_counts_the_published_rows(client, demo):
    response = client.get(reverse("data:home"))

    counts = {c["resource"].name: c["count"] for c in response.context["collections"]}
    assert counts["pledges"] == 5
    assert counts["organisations"] == 5
    assert counts == {
        name: len(list(resource.rows({}))) for name, resource in registry.resources().items()
    }


def test_data_page_describes_the_catalogue_for_search_engines(client, demo):
    response = client.get(reverse("data:home"))

    html = response.content.decode()
    start = html.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    catalog = json.loads(html[start : html.index("</script>", start)])
    assert catalog["@type"] == "DataCatalog"
    assert catalog["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert [d["name"] for d in catalog["dataset"]] == [
        str(r.title) for r in registry.resources().values()
    ]
    assert catalog["dataset"][0]["distribution"][0] == {
        "@type": "DataDownload",
        "encodingFormat": "text/csv",
        "contentUrl": f"http://testserver/en/data/{next(iter(registry.resources()))}.csv",
    }


@pytest.mark.parametrize("count", [1, 3])
def test_data_page_queries_do_not_grow(client, django_assert_max_num_queries, count):
    PledgeFactory.create_batch(count)
    PracticeFactory.create_batch(count)

    # One count per collection at most, and the page's own queries.
    with django_assert_max_num_queries(len(registry.resources()) + 6):
        response = client.get(reverse("data:home"))

    assert response.status_code == 200


# Downloads of one collection: the one export of every collection.


def test_data_download_of_each_collection_and_format(client, demo):
    for name in registry.resources():
        for fmt, content_type in [
            ("csv", "text/csv; charset=utf-8"),
            ("json", "application/json"),
            ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ]:
            response = client.get(reverse("data:export", args=[name, fmt]))

            assert (response.status_code, response["Content-Type"]) == (200, content_type)
            assert response["Content-Disposition"].endswith(f'-{TODAY}.{fmt}"')
            b"".join(response.streaming_content)


def test_data_download_takes_the_page_filters(client, demo):
    PledgeFactory(title="About objective 23", main_objectives=[23])

    response = client.get(reverse("data:export", args=["pledges", "json"]), {"objective": 23})

    records = json.loads(b"".join(response.streaming_content))
    assert [record["title"] for record in records] == ["About objective 23"]


def test_data_download_of_an_unknown_collection_or_format_is_not_found(client):
    statuses = [
        client.get(reverse("data:export", args=["nothing", "csv"])).status_code,
        client.get(reverse("data:export", args=["pledges", "pdf"])).status_code,
        client.get(reverse("data:export", args=["pledges", "zip"])).status_code,
        client.post(reverse("data:export", args=["pledges", "csv"])).status_code,
    ]

    assert statuses == [404, 404, 404, 405]


def _download_texts(client, name):
    """The text of each download of collection NAME (an XLSX's worksheet XML)."""
    for fmt in ["csv", "json"]:
        yield b"".join(client.get(f"/en/data/{name}.{fmt}").streaming_content).decode()
    xlsx = b"".join(client.get(f"/en/data/{name}.xlsx").streaming_content)
    with zipfile.ZipFile(io.BytesIO(xlsx)) as book:
        yield "".join(book.read(member).decode() for member in book.namelist())


def test_data_downloads_leak_nothing(client, demo):
    for name in registry.resources():
        for text in _download_texts(client, name):
            assert (name, HIDDEN in text, CANARY in text, PERSON in text) == (
                name,
                False,
                False,
                False,
            )
            assert "pending.canary@example.org" not in text


# The bundle.


def test_bundle_holds_one_table_per_collection_and_its_data_package(client, demo):
    response = client.get(reverse("data:bundle"))

    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == (f'attachment; filename="gcmhub-data-{TODAY}.zip"')
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert archive.namelist() == ["datapackage.json"] + [
        f"{name}.csv" for name in registry.resources()
    ]
    descriptor = json.loads(archive.read("datapackage.json"))
    assert [r["path"] for r in descriptor["resources"]] == archive.namelist()[1:]
    for resource in registry.resources().values():
        header = archive.read(f"{resource.name}.csv").decode().split("\r\n")[0]
        assert header == ",".join(f.name for f in resource.fields)


def test_bundle_hxl_variant_has_a_hashtag_row(client, demo):
    response = client.get(reverse("data:bundle"), {"hxl": "1"})

    assert response["Content-Disposition"] == (
        f'attachment; filename="gcmhub-data-hxl-{TODAY}.zip"'
    )
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    for resource in registry.resources().values():
        rows = list(csv.reader(io.StringIO(archive.read(f"{resource.name}.csv").decode())))
        assert rows[1] == [f.hxl for f in resource.fields]
    descriptor = json.loads(archive.read("datapackage.json"))
    assert {json.dumps(r["dialect"]) for r in descriptor["resources"]} == {'{"commentRows": [2]}'}


def test_bundle_tables_hold_only_published_rows(client, demo):
    archive = _bundle(client)

    assert sorted(row["title"] for row in _table(archive, "pledges")) == sorted(
        [
            demo.pledge.title,
            demo.matching.title,
            "Answers a draft",
            "Pledge of a pending organisation",
            "Pledge of an organisation no longer verified",
        ]
    )
    assert sorted(row["name"] for row in _table(archive, "organisations")) == [
        "Commission ECE",
        "Government of Morocco",
        "Other Organisation",
        "Owning Organisation",
        "Partner Organisation",
    ]


def test_bundle_refers_to_no_unverified_organisation(client, demo):
    archive = _bundle(client)

    pledges = {row["title"]: row for row in _table(archive, "pledges")}
    assert pledges["Pledge of a pending organisation"]["organisation"] == ""
    assert pledges["Pledge of an organisation no longer verified"]["organisation"] == ""
    assert pledges[demo.pledge.title]["organisation"] == str(demo.organisation.pk)
    assert pledges[demo.pledge.title]["partner_organisations"] == str(demo.partner.pk)
    assert pledges[demo.matching.title]["matches"] == str(demo.pledge.pk)
    assert pledges["Answers a draft"]["matches"] == ""


@pytest.mark.parametrize("hxl", [False, True])
def test_bundle_passes_frictionless_validation(client, demo, tmp_path, hxl):
    _bundle(client, "?hxl=1" if hxl else "").extractall(tmp_path)

    report = _validate(tmp_path)

    assert report.valid is True
    assert [task.stats["rows"] for task in report.tasks] == [
        len(list(resource.rows({}))) for resource in registry.resources().values()
    ]


def test_bundle_validation_finds_a_dangling_foreign_key(client, demo, tmp_path):
    _bundle(client).extractall(tmp_path)
    table = tmp_path / "organisations.csv"
    organisations = table.read_bytes().split(b"\r\n")
    table.write_bytes(b"\r\n".join(organisations[:1] + organisations[2:]))  # the owning one

    report = _validate(tmp_path)

    assert report.valid is False
    assert {error.type for task in report.tasks for error in task.errors} == {"foreign-key"}


def test_bundle_leaks_nothing(client, demo):
    for query in ["", "?hxl=1"]:
        archive = _bundle(client, query)
        for member in archive.namelist():
            text = archive.read(member).decode()
            assert (member, HIDDEN in text, CANARY in text, PERSON in text) == (
                member,
                False,
                False,
                False,
            )
            assert "pending.canary@example.org" not in text


def test_bundle_names_are_in_the_active_language(client, demo):
    archive = _bundle(client).namelist()
    response = client.get("/fr/data/gcmhub-data.zip")

    french = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    descriptor = json.loads(french.read("datapackage.json"))
    with translation.override("fr"):
        titles = [str(r.title) for r in registry.resources().values()]
    assert [r["title"] for r in descriptor["resources"]] == titles
    assert french.namelist() == archive


# The data package descriptor, over a small collection of our own.

SEEN = datetime.datetime(2024, 5, 6, 7, 8, 9, tzinfo=datetime.UTC)

PLACES = Resource(
    name="places",
    title="Places",
    description="Places, for the tests.",
    key="code",
    fields=[
        Field("code", STRING, "Code", lambda p: p["code"], hxl="#loc+code"),
        Field("kind", STRING, "Kind", lambda p: p["kind"], enum=("city", "port")),
        Field("rank", INTEGER, "Rank", lambda p: p["rank"], enum=(1, 2), nullable=True),
        Field("parent", STRING, "Parent", lambda p: p["parent"], reference=("places", "code")),
        Field("near", ARRAY, "Near", lambda p: p["near"], reference=("places", "code")),
        Field("tags", ARRAY, "Tags", lambda p: p["tags"], enum=("a.b", "c"), description="Tags."),
        Field("open", BOOLEAN, "Open", lambda p: p["open"]),
        Field("since", DATE, "Since", lambda p: p["since"]),
        Field("seen", DATETIME, "Seen", lambda p: p["seen"]),
        Field("country", STRING, "Country", lambda p: "KEN", reference=("countries", "iso3")),
    ],
    rows=lambda filters: iter(
        [
            {
                "code": "NBO",
                "kind": "city",
                "rank": 1,
                "parent": None,
                "near": ["MBA"],
                "tags": ["a.b", "c"],
                "open": True,
                "since": datetime.date(2020, 1, 1),
                "seen": SEEN,
                "country": "KEN",
            },
            {
                "code": "MBA",
                "kind": "port",
                "rank": None,
                "parent": "NBO",
                "near": [],
                "tags": [],
                "open": False,
                "since": datetime.date(2021, 5, 6),
                "seen": SEEN,
                "country": "KEN",
            },
        ]
    ),  # fmt: skip
)


def test_descriptor_describes_types_keys_enumerations_and_licence():
    descriptor = datapackage.descriptor([PLACES])

    assert set(descriptor) == {
        "profile", "name", "title", "description", "licenses", "created", "resources",
    }  # fmt: skip
    assert descriptor["profile"] == "tabular-data-package"
    assert descriptor["name"] == "gcmhub"
    assert descriptor["licenses"] == [
        {
            "name": "CC-BY-4.0",
            "path": "https://creativecommons.org/licenses/by/4.0/",
            "title": "Creative Commons Attribution 4.0 International",
        }
    ]
    assert descriptor["resources"] == [
        {
            "name": "places",
            "path": "places.csv",
            "profile": "tabular-data-resource",
            "title": "Places",
            "description": "Places, for the tests.",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": {
                "fields": [
                    {"name": "code", "type": "string", "title": "Code", "hxl": "#loc+code"},
                    {
                        "name": "kind",
                        "type": "string",
                        "title": "Kind",
                        "constraints": {"enum": ["city", "port"]},
                    },
                    {
                        "name": "rank",
                        "type": "integer",
                        "title": "Rank",
                        "constraints": {"enum": [1, 2]},
                    },
                    {"name": "parent", "type": "string", "title": "Parent"},
                    {
                        "name": "near",
                        "type": "string",
                        "title": "Near",
                        "description": 'Several values are separated by ";". Each value is a '
                        '"code" of the "places" table (not declared as a foreign key, because '
                        "the cell holds several values).",
                    },
                    {
                        "name": "tags",
                        "type": "string",
                        "title": "Tags",
                        "description": 'Tags. Several values are separated by ";".',
                        "constraints": {"pattern": r"(?:a\.b|c)(?:;(?:a\.b|c))*"},
                    },
                    {
                        "name": "open",
                        "type": "boolean",
                        "title": "Open",
                        "trueValues": ["true"],
                        "falseValues": ["false"],
                    },
                    {"name": "since", "type": "date", "title": "Since", "format": "default"},
                    {"name": "seen", "type": "datetime", "title": "Seen", "format": "default"},
                    {"name": "country", "type": "string", "title": "Country"},
                ],
                "primaryKey": ["code"],
                "missingValues": [""],
                "foreignKeys": [
                    {"fields": ["parent"], "reference": {"resource": "", "fields": ["code"]}},
                ],
            },
        }
    ]


def test_descriptor_with_hxl_marks_the_hashtag_row_as_a_comment():
    descriptor = datapackage.descriptor([PLACES], hxl=True)

    assert descriptor["resources"][0]["dialect"] == {"commentRows": [2]}


@pytest.mark.parametrize("hxl", [False, True])
def test_bundle_of_a_small_collection_validates(tmp_path, hxl):
    with open(tmp_path / "bundle.zip", "wb") as output:
        bundle.write([PLACES], output, hxl=hxl)
    zipfile.ZipFile(tmp_path / "bundle.zip").extractall(tmp_path)

    report = _validate(tmp_path)

    assert report.valid is True
    assert (tmp_path / "places.csv").read_bytes().decode() == "\r\n".join(
        [
            "code,kind,rank,parent,near,tags,open,since,seen,country",
            *(["#loc+code,,,,,,,,,"] if hxl else []),
            "NBO,city,1,,MBA,a.b;c,true,2020-01-01,2024-05-06T07:08:09+00:00,KEN",
            "MBA,port,,NBO,,,false,2021-05-06,2024-05-06T07:08:09+00:00,KEN",
            "",
        ]
    )


def _bundle_peak(resource) -> int:
    tracemalloc.start()
    try:
        with tempfile.TemporaryFile() as output:
            bundle.write([resource], output)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_bundle_memory_stays_flat():
    # Rows are read 50 at a time here, so that 300 and 1,500 rows are both many chunks.
    resource = dataclasses.replace(PLEDGES, rows=lambda filters: _rows(filters, chunk_size=50))
    pledge = PledgeFactory()
    _copies(pledge, 299)
    _bundle_peak(resource)  # warm: the first bundle pays for imports and caches
    small = _bundle_peak(resource)

    _copies(pledge, 1200)
    large = _bundle_peak(resource)

    # Five times the rows within a small constant, not five times the memory.
    assert Pledge.objects.count() == 1500
    assert large < small + 100_000, (small, large)
