"""Table downloads for every part: CSV streamed while the rows are read, XLSX written row by row
to a temporary file. Memory stays flat however many rows there are."""

import csv
import json
import tempfile
from collections.abc import Iterable, Iterator

import xlsxwriter
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.utils import timezone

from gcmhub.web.opendata import Resource


class _Echo:
    def write(self, value):
        return value


def _filename(name: str, extension: str) -> str:
    return f"gcmhub-{name}-{timezone.localdate().isoformat()}.{extension}"


def _chain(first, rest):
    yield from first
    yield from rest


def csv_download(name: str, columns: list[str], rows: Iterable[list]) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())
    lines = (writer.writerow(row) for row in rows)
    response = StreamingHttpResponse(
        _chain([writer.writerow(columns)], lines), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(name, "csv")}"'
    return response


def xlsx_download(name: str, columns: list[str], rows: Iterable[list]) -> FileResponse:
    output = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it once sent
    workbook = xlsxwriter.Workbook(output, {"constant_memory": True, "strings_to_urls": False})
    sheet = workbook.add_worksheet(name[:31])
    sheet.write_row(0, 0, columns)
    for number, row in enumerate(rows, start=1):
        sheet.write_row(number, 0, row)
    workbook.close()
    output.seek(0)
    return FileResponse(
        output,
        as_attachment=True,
        filename=_filename(name, "xlsx"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def download(fmt: str, name: str, columns: list[str], rows: Iterable[list]):
    """ROWS as a CSV (streamed) or XLSX download, by the FMT a URL asks for; 404 for another."""
    if fmt == "csv":
        return csv_download(name, columns, rows)
    if fmt == "xlsx":
        return xlsx_download(name, columns, rows)
    raise Http404


def json_download(name: str, records: Iterable[dict]) -> StreamingHttpResponse:
    """RECORDS as a JSON array, streamed one record at a time."""
    response = StreamingHttpResponse(_json_array(records), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{_filename(name, "json")}"'
    return response


def _json_array(records: Iterable[dict]):
    yield "["
    separator = ""
    for record in records:
        yield separator + json.dumps(record, ensure_ascii=False)
        separator = ",\n"
    yield "]"


def released(rows: Iterable) -> Iterator:
    """ROWS one at a time, each one's prefetched relations let go of once it has been written.

    Django's prefetched relations refer back to their instance (a reference cycle), so without
    this every row already sent would stay in memory until the garbage collector's rare full
    pass: memory would grow with the number of rows."""
    for row in rows:
        yield row
        cache = getattr(row, "_prefetched_objects_cache", None)
        if cache:
            cache.clear()


def export(resource: Resource, fmt: str, query) -> StreamingHttpResponse | FileResponse:
    """RESOURCE's published rows matching the filters in QUERY, as a CSV, XLSX or JSON download
    (FMT); 404 for another format."""
    if fmt not in ("csv", "xlsx", "json"):
        raise Http404
    rows = released(resource.stream(resource.filters(query)))
    if fmt == "json":
        return json_download(resource.name, (resource.record(row) for row in rows))
    columns = [f.name for f in resource.fields]
    cells = (resource.cells(row) for row in rows)
    if fmt == "csv":
        return csv_download(resource.name, columns, cells)
    return xlsx_download(resource.name, columns, cells)
