"""The open-data bundle: a ZIP of one CSV per published collection and the datapackage.json
that describes them. Written row by row to a temporary file, so memory stays flat however many
records there are."""

import csv
import io
import json
import tempfile
import zipfile
from typing import IO

from gcmhub.api import datapackage
from gcmhub.web import downloads
from gcmhub.web.opendata import Resource

DESCRIPTOR = "datapackage.json"


def write(resources: list[Resource], output: IO[bytes], *, hxl: bool = False) -> None:
    """Write the bundle of RESOURCES (every published row, no filters) to OUTPUT as a ZIP;
    with HXL each CSV has a row of HXL hashtags under its header."""
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        descriptor = datapackage.descriptor(resources, hxl=hxl)
        archive.writestr(DESCRIPTOR, json.dumps(descriptor, ensure_ascii=False, indent=2))
        for resource in resources:
            with archive.open(f"{resource.name}.csv", "w") as member:
                _write_csv(resource, member, hxl=hxl)


def _write_csv(resource: Resource, member: IO[bytes], *, hxl: bool) -> None:
    text = io.TextIOWrapper(member, encoding="utf-8", newline="")
    writer = csv.writer(text)
    writer.writerow([f.name for f in resource.fields])
    if hxl:
        writer.writerow([f.hxl for f in resource.fields])
    for row in downloads.released(resource.stream({})):
        writer.writerow(resource.cells(row))
    text.flush()
    text.detach()  # the archive closes the member itself


def temporary_file(resources: list[Resource], *, hxl: bool = False) -> IO[bytes]:
    """The bundle of RESOURCES in a temporary file, rewound (deleted once closed)."""
    output = tempfile.TemporaryFile()  # noqa: SIM115 - the caller (FileResponse) closes it
    try:
        write(resources, output, hxl=hxl)
    except BaseException:
        output.close()
        raise
    output.seek(0)
    return output
