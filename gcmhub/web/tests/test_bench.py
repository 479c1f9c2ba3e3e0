"""The bench (`manage.py bench`) on the smallest demo data: every page type answers, and its
figures come from real requests, real queries and real files."""

import io
import json

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from gcmhub.bench import export, pages, report, weight
from gcmhub.pledges.models import Pledge

pytestmark = pytest.mark.django_db

PAGE_TYPES = [
    "home",
    "pledge-list",
    "pledge-detail",
    "dashboard",
    "practice-search",
    "practice-detail",
    "reviews-search",
    "country-profile",
    "objective",
    "forum-programme",
    "api-list",
]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """`seed_demo --scale 50` once for this module, rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", scale=50, stdout=io.StringIO())
        yield
        transaction.set_rollback(True)
    cache.clear()


@pytest.fixture(scope="module")
def measured(demo, django_db_blocker):
    """Every page type measured with the fewest requests the bench allows, and weighed."""
    rows = []
    with django_db_blocker.unblock(), pages.serving() as client:
        types = pages.page_types()
        for page in types:
            rows.append(pages.measure(client, page, minimum=2, cap=0, warmup=0))
            rows[-1]["weight"] = weight.page_weight(client, page.urls[0])
    return types, rows


@pytest.fixture(scope="module")
def exported(demo, django_db_blocker):
    """The export of every published pledge and of a tenth of them."""
    with django_db_blocker.unblock():
        return {"full": export.run(1.0), "tenth": export.run(0.1), "flat": None}


def test_bench_measures_every_public_page_type(measured):
    types, rows = measured

    assert [page.name for page in types] == PAGE_TYPES
    assert [row["page"] for row in rows] == PAGE_TYPES


def test_bench_pages_ask_for_several_records_and_three_filters_with_words(measured):
    types = {page.name: page for page in measured[0]}

    assert len(types["pledge-detail"].urls) == pages.VARIANTS
    for url in types["pledge-list"].urls + types["practice-search"].urls:
        assert url.count("=") == 4, url  # q and three filters
        assert f"q={pages.SEARCH}" in url


@pytest.mark.parametrize("timing", ["server", "bare", "sql"])
def test_bench_timings_are_positive_with_p95_at_least_p50(measured, timing):
    for row in measured[1]:
        figures = row[timing]

        assert figures["n"] >= 2, row["page"]
        assert 0 < figures["p50_ms"] <= figures["p95_ms"], row["page"]


def test_bench_queries_are_captured_from_the_page_and_replay(demo):
    with pages.serving() as client:
        page = next(p for p in pages.page_types() if p.name == "pledge-detail")
        statements = pages.captured(client, page.urls[0])

        pages.replay(statements)

    assert len(statements) > 1
    assert all(statement.is_read for statement in statements)
    assert any('"pledges_pledge"' in statement.sql for statement in statements)


def test_bench_counts_the_queries_of_each_page(measured):
    for row in measured[1]:
        assert row["queries"] > 0, row["page"]
        assert row["writes"] == 0, row["page"]


def test_bench_refuses_a_page_that_does_not_answer_200(demo):
    with pages.serving() as client, pytest.raises(pages.PageError, match="answered 404"):
        pages.fetch(client, "/en/pledges/999999/")


def test_bench_weight_counts_the_page_and_what_it_loads_from_this_site_only(measured):
    for row in measured[1]:
        figures = row["weight"]

        assert figures["files"][0] == row["urls"][0]
        assert 0 < figures["gzip_bytes"] < figures["bytes"], row["page"]
        assert figures["other_hosts"] == [], row["page"]
        if row["page"] != "api-list":
            assert any(f.endswith(".css") for f in figures["files"]), row["page"]
            assert any(f.endswith(".js") for f in figures["files"]), row["page"]


def test_bench_weight_finds_what_a_browser_loads_and_where_from():
    html = b"""<html><head><link rel="stylesheet" href="/static/a.css">
    <link rel="alternate" href="/en/feeds/pledges/"><script src="https://cdn.example.com/x.js"></script>
    </head><body><a href="https://example.org/">a link</a><img src="//img.example.net/p.png">
    <img src="data:image/png;base64,AAAA"></body></html>"""
    css = b"@import 'base.css'; body { background: url(\"/static/bg.svg\"); } p { filter: url(#f) }"

    found = weight.references("text/html; charset=utf-8", html)

    assert found == [
        "/static/a.css",
        "https://cdn.example.com/x.js",
        "//img.example.net/p.png",
        "data:image/png;base64,AAAA",
    ]
    assert weight.references("text/css", css) == ["base.css", "/static/bg.svg"]
    assert weight.locate("base.css", "/static/a.css") == ("/static/base.css", None)
    assert weight.locate("//img.example.net/p.png", "/en/") == (
        None,
        "http://img.example.net/p.png",
    )
    assert weight.locate("https://cdn.example.com/x.js", "/en/") == (
        None,
        "https://cdn.example.com/x.js",
    )
    assert weight.locate("data:image/png;base64,AAAA", "/en/") == (None, None)


def test_bench_export_counts_every_published_pledge_and_a_tenth(exported):
    published = Pledge.objects.published().count()

    full, tenth = exported["full"], exported["tenth"]

    assert (full["rows"], tenth["rows"]) == (published, round(published / 10))
    assert full["bytes"] > tenth["bytes"] > 0
    assert full["rows_per_s"] > 0
    assert full["peak_traced_mb"] > 0


@pytest.mark.parametrize(
    ("full_mb", "tenth_rows", "flat"),
    [(12, 10_000, True), (19, 10_000, True), (40, 10_000, False), (40, 50, None)],
)
def test_bench_export_memory_is_flat_within_a_margin(full_mb, tenth_rows, flat):
    full = {"rows": tenth_rows * 10, "peak_traced_mb": full_mb}
    tenth = {"rows": tenth_rows, "peak_traced_mb": 10}

    assert export.is_flat(full, tenth) is flat


def test_bench_report_names_every_budget_not_held():
    results = {
        "pages": [
            {
                "page": "pledge-list",
                "server": {"p95_ms": 150.0},
                "weight": {"gzip_bytes": 70_000, "other_hosts": ["https://cdn.example.com/x.js"]},
            },
            {
                "page": "home",
                "server": {"p95_ms": 5.0},
                "weight": {"gzip_bytes": 20_000, "other_hosts": []},
            },
        ],
        "export": {"flat": False},
        "throughput": {"errors": 3},
    }

    assert report.failures(results) == [
        "pledge-list: p95 150 ms > 100 ms",
        "pledge-list: weight 70.0 KB > 60 KB",
        "pledge-list: 1 requests to other hosts",
        "export: memory grows with the rows",
        "throughput: 3 errors",
    ]


def test_bench_report_writes_a_table_and_json_with_every_section(measured, exported, tmp_path):
    results = {
        "machine": {**report.machine(), "load_average_end": 0.5},
        "dataset": {"pledges": 50, "practices": 150, "reviews": 42, "forum_sessions": 26},
        "budgets": report.BUDGETS,
        "pages": measured[1],
        "export": exported,
        "throughput": None,
    }

    text = report.table(results)
    report.write(results, tmp_path / "bench.json")

    written = json.loads((tmp_path / "bench.json").read_text())
    assert set(written) == {"machine", "dataset", "budgets", "pages", "export", "throughput"}
    assert {"cpu", "cores", "ram_gb", "python", "sqlite", "database_version", "date"} <= set(
        written["machine"]
    )
    assert [row["page"] for row in written["pages"]] == PAGE_TYPES
    for name in PAGE_TYPES:
        assert f"\n{name} " in text
    assert "CSV export of published pledges" in text


def test_bench_command_refuses_debug(settings):
    settings.DEBUG = True

    with pytest.raises(CommandError, match="DEBUG=false"):
        call_command("bench", "--quick", "--no-throughput")
