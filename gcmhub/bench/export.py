"""Speed and memory of the CSV export of every published pledge, beside an export of a tenth of
them: each measured in a fresh process, so that one run's peak cannot hide in the other's."""

import contextlib
import dataclasses
import json
import os
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

from django.conf import settings
from django.http import QueryDict

from gcmhub.pledges.models import Pledge
from gcmhub.pledges.opendata import PLEDGES
from gcmhub.web import downloads

FLAT_FACTOR = 1.5  # memory is flat when the full export's peak stays within this factor
FLAT_MARGIN_MB = 10  # ... or within this many MB of the tenth's peak
MB = 1024 * 1024
CHUNK_ROWS = 1000  # rows the export reads from the database at a time (Resource.stream)

# run() in a child process with this process's settings and environment (DATABASE_URL, VAR_DIR)
CHILD = (
    "import json, sys, django; django.setup(); from gcmhub.bench.export import run; "
    "print(json.dumps(run(float(sys.argv[1]))))"
)


def _pledges(share: float):
    """The pledges resource, limited to the SHARE of published pledges with the lowest keys."""
    if share >= 1:
        return PLEDGES
    keys = Pledge.objects.published().order_by("pk").values_list("pk", flat=True)
    last = keys[max(round(keys.count() * share), 1) - 1]
    return dataclasses.replace(
        PLEDGES, rows=lambda filters: PLEDGES.rows(filters).filter(pk__lte=last)
    )


def _export(pledges) -> tuple[int, int, float]:
    """Rows, bytes and seconds of the CSV download of PLEDGES, read to its end the way the page
    (/en/pledges/export.csv) sends it."""
    started = time.perf_counter()
    response = downloads.export(pledges, "csv", QueryDict())
    rows, size = -1, 0  # the first line is the header; then one chunk per row
    for chunk in response.streaming_content:
        rows += 1
        size += len(chunk)
    return rows, size, time.perf_counter() - started


def _resident_mb() -> dict[str, float]:
    """This process's resident memory now (VmRSS) and at its peak (VmHWM), in MB; empty where
    there is no /proc (not Linux)."""
    status = Path("/proc/self/status")
    if not status.exists():
        return {}
    fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
    return {name: int(fields[name].split()[0]) / 1024 for name in ("VmRSS", "VmHWM")}


def _reset_peak() -> None:
    """Start the peak resident memory again from the current one: Django's start-up peaks higher
    than an export, and would hide it."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def run(share: float = 1.0) -> dict:
    """Export SHARE of the published pledges twice in this process: timed, with how far its
    resident memory rose at the peak, then traced by tracemalloc for the peak of Python's."""
    pledges = _pledges(share)
    _export(_pledges(0))  # one row first: URL resolvers, translations, compiled SQL
    _reset_peak()
    before = _resident_mb()
    rows, size, seconds = _export(pledges)
    after = _resident_mb()
    tracemalloc.start()
    _export(pledges)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {
        "share": share,
        "rows": rows,
        "bytes": size,
        "seconds": seconds,
        "rows_per_s": rows / seconds if seconds else 0.0,
        "peak_traced_mb": peak / MB,
        "rss_growth_mb": after["VmHWM"] - before["VmRSS"] if before else None,
    }


def measure(share: float) -> dict:
    """run(SHARE) in a fresh Python process on this process's settings and database."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings.SETTINGS_MODULE}
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(share)],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if child.returncode:
        raise RuntimeError(f"The export run failed:\n{child.stderr[-3000:]}")
    return json.loads(child.stdout.splitlines()[-1])


def is_flat(full: dict, tenth: dict) -> bool | None:
    """Did the peak stay flat while the rows grew tenfold? None when a tenth is less than one
    chunk of rows read from the database: both runs then hold all their rows at once."""
    if tenth["rows"] < CHUNK_ROWS:
        return None
    peak, small = full["peak_traced_mb"], tenth["peak_traced_mb"]
    return peak <= max(FLAT_FACTOR * small, small + FLAT_MARGIN_MB)


def compare() -> dict:
    """Every published pledge beside a tenth of them, each in its own process."""
    tenth, full = measure(0.1), measure(1.0)
    return {"full": full, "tenth": tenth, "flat": is_flat(full, tenth)}
