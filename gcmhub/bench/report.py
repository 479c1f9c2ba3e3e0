"""The bench's figures beside their budgets (../shared/DESIGN.md): a table for the terminal, a
JSON file with the machine they came from, and the list of budgets not held."""

import datetime
import json
import os
import platform
import sqlite3
import subprocess
from pathlib import Path

import django
from django.conf import settings
from django.db import connection

PAGE_P95_MS = 100  # any public page, server time
WEIGHT_KB = 60  # first visit, HTML + CSS + JS, compressed
KB = 1000
BUDGETS = {
    "page_p95_ms": PAGE_P95_MS,
    "weight_kb": WEIGHT_KB,
    "other_hosts": 0,
    "export": "memory flat as rows grow",
    "throughput": "no errors",
}


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _database_version() -> str:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            return cursor.fetchone()[0]
    if connection.vendor == "sqlite":
        return sqlite3.sqlite_version
    return ""


def _commit() -> str:
    """The code measured: its git commit, "+changes" when the tree had uncommitted changes."""
    git = ["git", "-C", str(settings.BASE_DIR)]
    try:
        head = subprocess.run(
            [*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True
        )
        changes = subprocess.run([*git, "status", "--porcelain"], capture_output=True, text=True)
    except OSError:
        return ""
    return head.stdout.strip() + ("+changes" if changes.stdout.strip() else "")


def machine() -> dict:
    """Where and when the figures were measured."""
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    return {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "ram_gb": round(memory / 1024**3, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "sqlite": sqlite3.sqlite_version,
        "database": connection.vendor,
        "database_version": _database_version(),
        "cache": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
        "load_average": os.getloadavg()[0],  # other work on the machine skews the timings
        "commit": _commit(),
    }


def page_failures(row: dict) -> list[str]:
    """The budgets a page type does not hold, in a few words each."""
    failures = []
    if row["server"]["p95_ms"] > PAGE_P95_MS:
        failures.append(f"p95 {row['server']['p95_ms']:.0f} ms > {PAGE_P95_MS} ms")
    if "weight" in row:
        if row["weight"]["gzip_bytes"] > WEIGHT_KB * KB:
            failures.append(f"weight {row['weight']['gzip_bytes'] / KB:.1f} KB > {WEIGHT_KB} KB")
        if row["weight"]["other_hosts"]:
            failures.append(f"{len(row['weight']['other_hosts'])} requests to other hosts")
    return failures


def failures(results: dict) -> list[str]:
    """Every budget not held in RESULTS, named."""
    found = [f"{row['page']}: {f}" for row in results["pages"] for f in page_failures(row)]
    if results.get("export") and results["export"]["flat"] is False:
        found.append("export: memory grows with the rows")
    if results.get("throughput") and results["throughput"]["errors"]:
        found.append(f"throughput: {results['throughput']['errors']} errors")
    return found


EXPORT_VERDICTS = {
    True: "flat, ok",
    False: "FAIL, memory grows with the rows",
    None: "too few rows to tell (a tenth is less than one chunk read from the database)",
}


def _mb(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _pair(timing: dict) -> str:
    return f"{timing['p50_ms']:.1f}/{timing['p95_ms']:.1f}"


def table(results: dict) -> str:
    """RESULTS as text for a terminal: pages, then the export and the throughput."""
    m, data = results["machine"], results["dataset"]
    lines = [
        f"gcmhub bench, {m['date']}, code {m['commit']}: {m['database']} "
        f"{m['database_version']}, {m['cpu']}, {m['cores']} cores, {m['ram_gb']} GB, "
        f"Python {m['python']}, load average {m['load_average']:.1f} at the start, "
        f"{m['load_average_end']:.1f} at the end",
        f"data: {data['pledges']} published pledges, {data['practices']} practices, "
        f"{data['reviews']} reviews, {data['forum_sessions']} forum sessions",
        "",
        f"{'page':<16} {'n':>5} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8} {'budget':>6}  "
        f"{'verdict':<7} {'bare p50/p95':>13} {'SQL p50/p95':>15} {'weight KB':>9} {'other hosts':>11}",
    ]
    for row in results["pages"]:
        server, weight = row["server"], row.get("weight")
        size = f"{weight['gzip_bytes'] / KB:.1f}" if weight else "-"
        hosts = str(len(weight["other_hosts"])) if weight else "-"
        verdict = "FAIL" if page_failures(row) else "ok"
        n = f"{server['n']}{'' if server['stable'] else '*'}"
        lines.append(
            f"{row['page']:<16} {n:>5} {row['queries']:>7} {server['p50_ms']:>8.1f} "
            f"{server['p95_ms']:>8.1f} {PAGE_P95_MS:>6}  {verdict:<7} {_pair(row['bare']):>13} "
            f"{_pair(row['sql']):>15} {size:>9} {hosts:>11}"
        )
    lines += [
        f"budgets: p95 <= {PAGE_P95_MS} ms, weight <= {WEIGHT_KB} KB gzipped, 0 other hosts",
        "n*: the p95 still moved by more than 5 % when the time cap ended the measurement",
    ]
    if export := results.get("export"):
        lines += ["", "CSV export of published pledges (budget: memory flat as rows grow)"]
        lines.append(
            f"  {'':<6} {'rows':>8} {'MB':>7} {'seconds':>8} {'rows/s':>8} "
            f"{'peak traced MB':>14} {'RSS growth MB':>13}"
        )
        for label, run in (("tenth", export["tenth"]), ("all", export["full"])):
            lines.append(
                f"  {label:<6} {run['rows']:>8} {run['bytes'] / 1024**2:>7.1f} "
                f"{run['seconds']:>8.2f} {run['rows_per_s']:>8.0f} "
                f"{run['peak_traced_mb']:>14.1f} {_mb(run['rss_growth_mb']):>13}"
            )
        lines.append(f"  verdict: {EXPORT_VERDICTS[export['flat']]}")
    if throughput := results.get("throughput"):
        t = throughput
        lines += [
            "",
            f"Throughput of {t['url']}: gunicorn {t['workers']} workers, {t['concurrency']} "
            f"concurrent clients for {t['seconds']:.0f} s (budget: no errors)",
            f"  {t['requests']} requests, {t['rps']:.0f} requests/s, p50 {t['p50_ms']:.1f} ms, "
            f"p95 {t['p95_ms']:.1f} ms, {t['errors']} errors: {'FAIL' if t['errors'] else 'ok'}",
        ]
    return "\n".join(lines)


def default_path() -> Path:
    return settings.BASE_DIR / "var" / "bench" / f"bench-{connection.vendor}.json"


def write(results: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
