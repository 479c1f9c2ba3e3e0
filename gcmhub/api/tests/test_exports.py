import csv
import dataclasses
import datetime
import io
import json
import tracemalloc
import zipfile
from xml.etree import ElementTree

import pytest
from django.http import FileResponse, Http404, QueryDict, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone

from gcmhub.accounts.tests.factories import OrganisationFactory
from gcmhub.api import registry
from gcmhub.pledges.forms import PledgeFilterForm
from gcmhub.pledges.models import Pledge
from gcmhub.pledges.queries import filtered
from gcmhub.pledges.tests.factories import PledgeFactory
from gcmhub.web import downloads
from gcmhub.web.opendata import ARRAY, BOOLEAN, DATE, INTEGER, STRING, Field, Resource
from gcmhub.workflow.models import State

pytestmark = pytest.mark.django_db

CANARY = "leak.canary@example.org"
TODAY = timezone.localdate().isoformat()


def _rows(filters, chunk_size=1000):
    pledges = filtered(Pledge.objects.published(), filters).select_related("organisation")
    pledges = pledges.prefetch_related("main_objectives").order_by("pk")
    return pledges.iterator(chunk_size=chunk_size)


# A small collection of our own over real pledges: the parts' collections change, this doesn't.
PLEDGES = Resource(
    name="test_pledges",
    title="Test pledges",
    description="Pledges, for the tests.",
    fields=[
        Field("id", INTEGER, "Id", lambda p: p.pk),
        Field("title", STRING, "Title", lambda p: p.title),
        Field("organisation", STRING, "Organisation", lambda p: p.organisation.name),
        Field(
            "objectives",
            ARRAY,
            "Objectives",
            lambda p: [o.number for o in p.main_objectives.all()],
            reference=("objectives", "number"),
        ),
        Field("start_date", DATE, "Start", lambda p: p.start_date),
        Field("end_date", DATE, "End", lambda p: p.end_date, nullable=True),
        Field("is_national", BOOLEAN, "National", lambda p: p.level == "national"),
    ],
    rows=_rows,
    filter_form=PledgeFilterForm,
)


@pytest.fixture
def pledges():
    organisation = OrganisationFactory(name="Société «Nord», Inc.")
    first = PledgeFactory(
        organisation=organisation, title='First, "quoted"', main_objectives=[5, 7]
    )
    second = PledgeFactory(
        organisation=organisation,
        title="Второй",
        main_objectives=[2],
        end_date=None,
        level="regional",
        start_date=datetime.date(2024, 2, 29),
    )
    PledgeFactory(organisation=organisation, title="Draft", state=State.DRAFT)
    PledgeFactory(organisation=organisation, title="Submitted", state=State.SUBMITTED)
    return first, second


def _text(response) -> str:
    return b"".join(response.streaming_content).decode()


def _sheet(response) -> list[list[str]]:
    """The cells of the first worksheet of an XLSX download, as text ("" for a blank cell)."""
    namespace = {"x": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    content = b"".join(response.streaming_content)
    response.close()
    with zipfile.ZipFile(io.BytesIO(content)) as book:
        shared = []
        if "xl/sharedStrings.xml" in book.namelist():
            strings = ElementTree.fromstring(book.read("xl/sharedStrings.xml"))
            shared = ["".join(s.itertext()) for s in strings.findall("x:si", namespace)]
        sheet = ElementTree.fromstring(book.read("xl/worksheets/sheet1.xml"))
    rows = []
    for row in sheet.iterfind("x:sheetData/x:row", namespace):
        cells = {}
        for cell in row.findall("x:c", namespace):
            column = ord(cell.get("r")[0]) - ord("A")  # fewer than 27 columns here
            if cell.get("t") == "s":
                cells[column] = shared[int(cell.find("x:v", namespace).text)]
            elif cell.get("t") == "inlineStr":
                cells[column] = "".join(cell.find("x:is", namespace).itertext())
            else:
                cells[column] = cell.find("x:v", namespace).text
        rows.append([cells.get(column, "") for column in range(max(cells) + 1)])
    return rows


def test_export_csv_is_streamed_with_the_published_rows(pledges):
    first, second = pledges

    response = downloads.export(PLEDGES, "csv", QueryDict())

    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="gcmhub-test_pledges-{TODAY}.csv"'
    )
    assert _text(response) == (
        "id,title,organisation,objectives,start_date,end_date,is_national\r\n"
        f'{first.pk},"First, ""quoted""","Société «Nord», Inc.",5;7,2023-01-01,2030-12-31,true\r\n'
        f'{second.pk},Второй,"Société «Nord», Inc.",2,2024-02-29,,false\r\n'
    )


def test_export_json_is_a_streamed_array_of_records(pledges):
    first, second = pledges

    response = downloads.export(PLEDGES, "json", QueryDict())

    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == (
        f'attachment; filename="gcmhub-test_pledges-{TODAY}.json"'
    )
    text = _text(response)
    assert text == (
        f'[{{"id": {first.pk}, "title": "First, \\"quoted\\"", '
        '"organisation": "Société «Nord», Inc.", "objectives": [5, 7], '
        '"start_date": "2023-01-01", "end_date": "2030-12-31", "is_national": true},\n'
        f'{{"id": {second.pk}, "title": "Второй", "organisation": "Société «Nord», Inc.", '
        '"objectives": [2], "start_date": "2024-02-29", "end_date": null, '
        '"is_national": false}]'
    )
    assert [record["id"] for record in json.loads(text)] == [first.pk, second.pk]


def test_export_json_of_no_rows_is_an_empty_array():
    response = downloads.export(PLEDGES, "json", QueryDict())

    assert _text(response) == "[]"
    assert json.loads("[]") == []


def test_export_xlsx_has_the_same_cells(pledges):
    first, second = pledges

    response = downloads.export(PLEDGES, "xlsx", QueryDict())

    assert isinstance(response, FileResponse)
    assert response["Content-Disposition"] == (
        f'attachment; filename="gcmhub-test_pledges-{TODAY}.xlsx"'
    )
    assert _sheet(response) == [
        ["id", "title", "organisation", "objectives", "start_date", "end_date", "is_national"],
        [str(first.pk), 'First, "quoted"', "Société «Nord», Inc.", "5;7", "2023-01-01",
         "2030-12-31", "true"],
        [str(second.pk), "Второй", "Société «Nord», Inc.", "2", "2024-02-29", "", "false"],
    ]  # fmt: skip


def test_export_follows_the_filters_and_ignores_invalid_ones(pledges):
    first, second = pledges

    text = _text(downloads.export(PLEDGES, "csv", QueryDict("objective=7&edition=banana")))

    assert [row["id"] for row in csv.DictReader(io.StringIO(text))] == [str(first.pk)]


@pytest.mark.parametrize("fmt", ["pdf", "CSV", "", "zip"])
def test_export_of_another_format_is_not_found(fmt):
    with pytest.raises(Http404):
        downloads.export(PLEDGES, fmt, QueryDict())


@pytest.mark.parametrize("count", [1, 3])
def test_export_queries_do_not_grow(django_assert_num_queries, count):
    PledgeFactory.create_batch(count)

    # The filter form's options, the pledges with their organisations, their objectives.
    with django_assert_num_queries(9):
        lines = _text(downloads.export(PLEDGES, "csv", QueryDict())).count("\r\n")

    assert lines == count + 1


def _copies(pledge, count: int) -> None:
    """COUNT more published pledges like PLEDGE, in one query."""
    values = {
        f.attname: getattr(pledge, f.attname)
        for f in Pledge._meta.concrete_fields
        if not f.primary_key
    }
    Pledge.objects.bulk_create([Pledge(**values) for _ in range(count)])


def _csv_peak(resource) -> int:
    tracemalloc.start()
    try:
        for _line in downloads.export(resource, "csv", QueryDict()).streaming_content:
            pass
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_export_memory_stays_flat():
    # Rows are read 50 at a time here, so that 300 and 1,500 rows are both many chunks.
    resource = dataclasses.replace(PLEDGES, rows=lambda filters: _rows(filters, chunk_size=50))
    pledge = PledgeFactory()
    _copies(pledge, 299)
    _csv_peak(resource)  # warm: the first export pays for imports and caches
    small = _csv_peak(resource)

    _copies(pledge, 1200)
    large = _csv_peak(resource)

    # Five times the rows within a small constant, not five times the memory.
    assert Pledge.objects.count() == 1500
    assert large < small + 100_000, (small, large)


# The real collections, through /<lang>/data/<name>.<fmt>.


def test_data_download_of_an_unknown_collection_or_format_is_not_found(client):
    statuses = {
        client.get(reverse("data:export", args=["nothing", "csv"])).status_code,
        client.get(
            reverse("data:export", args=[next(iter(registry.resources())), "pdf"])
        ).status_code,
    }

    assert statuses == {404}
