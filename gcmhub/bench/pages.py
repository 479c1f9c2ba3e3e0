"""Server time of each public page type, beside two floors measured in the same run: a bare
Django view served through the same middleware, and the raw SQL the page itself executes.

Requests go in-process through Django's test client (the real WSGI handler and middleware),
each as a new anonymous visitor from an address of its own, and a response counts once its
whole body has been read."""

import itertools
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db import connection
from django.db.models import Count, Q
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse

from gcmhub.compact.models import Country
from gcmhub.forum.models import Session
from gcmhub.pledges.models import Pledge
from gcmhub.practices.models import Practice
from gcmhub.workflow.models import State

HOST = "127.0.0.1"
URLCONF = "gcmhub.bench.urls"  # the site's URLs plus the bare view
WARMUP = 3  # requests before timing: caches, connections and templates are warm
CAP_SECONDS = 15.0  # past the minimum number of requests, stop measuring a page after this
MAX_REQUESTS = 5000
STABLE = 0.05  # the p95 moved by less than this share when the sample grew by half: stable
VARIANTS = 5  # records asked for in turn by detail pages, so no single hot row is measured
SEARCH = "migrant"

_visitors = itertools.count(1)


class PageError(Exception):
    """A page did not answer 200: its figures would mean nothing."""


@dataclass(frozen=True)
class Page:
    """A public page type; its URLS (a few records or filter sets) are requested in turn."""

    name: str
    urls: tuple[str, ...]


@dataclass(frozen=True)
class Statement:
    """One SQL statement a page executed, with its parameters, as Django passed it on."""

    sql: str
    params: object
    many: bool

    @property
    def is_read(self) -> bool:
        words = self.sql.lstrip(" (").split(None, 1)
        return not self.many and bool(words) and words[0].upper() in ("SELECT", "WITH")


def _spread(published, count: int) -> list:
    """COUNT of the PUBLISHED records spread over the key range, the one at the median first."""
    keys = published.order_by("pk").values_list("pk", flat=True).distinct()
    total = keys.count()
    if not total:
        raise PageError(f"No published {published.model._meta.verbose_name_plural} to measure.")
    positions = [total // 2, *(total * i // (count + 1) for i in range(1, count + 1))]
    return [published.model.objects.get(pk=keys[p]) for p in list(dict.fromkeys(positions))[:count]]


def _pledge_filters(pledge: Pledge) -> dict:
    """Three filters a published pledge matches, beside the words: objective, type and region."""
    objective = pledge.main_objectives.order_by("number").first()
    country = pledge.countries.order_by("iso3").first()
    return {
        "q": SEARCH,
        "objective": objective.number if objective else "",
        "type": pledge.pledge_type,
        "region": country.region_id if country else "",
    }


def _practice_filters(practice: Practice) -> dict:
    """Three filters a published practice matches, beside the words: objective, region, type."""
    objective = practice.primary_objectives.order_by("number").first()
    region = practice.regions.order_by("pk").first()
    country = practice.countries.order_by("iso3").first()
    return {
        "q": SEARCH,
        "objective": objective.number if objective else "",
        "region": region.pk if region else (country.region_id if country else ""),
        "type": practice.practice_type,
    }


def _with_query(url: str, query: dict) -> str:
    return f"{url}?{urlencode({k: v for k, v in query.items() if v not in ('', None)})}"


def page_types() -> list[Page]:
    """Every public page type, with records and filters picked from the database the same way
    in every run: records spread over the key range, the countries with most pledges."""
    pledges = _spread(Pledge.objects.published(), VARIANTS)
    practices = _spread(Practice.objects.published(), VARIANTS)
    # filters taken from records with a country, so that each list has its region filter too
    located = {"countries__isnull": False}
    pledge_filters = [
        _pledge_filters(p) for p in _spread(Pledge.objects.published().filter(**located), 3)
    ]
    practice_filters = [
        _practice_filters(p) for p in _spread(Practice.objects.published().filter(**located), 3)
    ]
    objectives = list(
        dict.fromkeys([5, *(f["objective"] for f in pledge_filters if f["objective"])])
    )
    countries = (
        Country.objects.annotate(n=Count("pledges", filter=Q(pledges__state=State.PUBLISHED)))
        .order_by("-n", "iso3")
        .values_list("iso3", flat=True)[:3]
    )
    year = (
        Session.objects.order_by("-edition__year").values_list("edition__year", flat=True).first()
    )
    if year is None:
        raise PageError("No forum session to measure a programme with.")
    return [
        Page("home", (reverse("web:home"),)),
        Page(
            "pledge-list",
            tuple(_with_query(reverse("pledges:list"), f) for f in pledge_filters),
        ),
        Page("pledge-detail", tuple(p.get_absolute_url() for p in pledges)),
        Page("dashboard", (reverse("pledges:dashboard"),)),
        Page(
            "practice-search",
            tuple(_with_query(reverse("practices:list"), f) for f in practice_filters),
        ),
        Page("practice-detail", tuple(p.get_absolute_url() for p in practices)),
        Page(
            "reviews-search",
            tuple(
                _with_query(reverse("reviews:list"), {"q": q})
                for q in (SEARCH, "labour", "children")
            ),
        ),
        Page("country-profile", tuple(reverse("web:country", args=[c]) for c in countries)),
        Page("objective", tuple(reverse("web:objective", args=[n]) for n in objectives)),
        Page("forum-programme", (reverse("forum:programme", args=[year]),)),
        Page(
            "api-list",
            tuple(
                _with_query(reverse("api:collection", args=["pledges"]), {"objective": n})
                for n in objectives
            ),
        ),
    ]


@contextmanager
def serving() -> Iterator[Client]:
    """A test client on the site's URLs plus the bare view, as the bench requests them."""
    with override_settings(ROOT_URLCONF=URLCONF):
        yield Client()


def bare_url() -> str:
    with override_settings(ROOT_URLCONF=URLCONF):
        return reverse("bench_bare")


def fetch(client: Client, url: str) -> tuple[object, bytes]:
    """GET URL as a new anonymous visitor (no cookies, an address of its own, so the API's
    limit per address never answers 429) and read the whole body; PageError unless 200."""
    client.cookies.clear()
    n = next(_visitors)
    address = f"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}"
    response = client.get(url, HTTP_HOST=HOST, REMOTE_ADDR=address)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response.status_code != 200:
        raise PageError(f"{url} answered {response.status_code}, not 200.")
    return response, body


def captured(client: Client, url: str) -> list[Statement]:
    """The SQL statements (with their parameters) that a request for URL executes."""
    statements = []

    def record(execute, sql, params, many, context):
        statements.append(Statement(sql, params, many))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        fetch(client, url)
    return statements


def replay(statements: list[Statement]) -> None:
    """Execute STATEMENTS directly on a cursor and fetch every row: the database floor."""
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement.sql, statement.params)
            if cursor.description is not None:
                cursor.fetchall()


def percentile(samples: list[float], share: int) -> float:
    return statistics.quantiles(samples, n=100, method="inclusive")[share - 1]


def timed(
    run: Callable[[int], object], *, minimum: int, cap: float = CAP_SECONDS, warmup: int = WARMUP
) -> dict:
    """Call RUN(i) WARMUP times, then at least MINIMUM times and on until the p95 is stable or
    CAP seconds have passed: n, p50 and p95 in milliseconds, and whether the p95 settled."""
    minimum = max(minimum, 2)
    for i in range(warmup):
        run(i)
    samples: list[float] = []
    checkpoint, previous, stable = minimum, None, False
    deadline = time.perf_counter() + cap
    while True:
        started = time.perf_counter()
        run(len(samples))
        samples.append(time.perf_counter() - started)
        n = len(samples)
        if n == checkpoint:
            p95 = percentile(samples, 95)
            if previous is not None and abs(p95 - previous) <= STABLE * previous:
                stable = True
                break
            previous, checkpoint = p95, n + n // 2
        if n >= minimum and (time.perf_counter() > deadline or n >= MAX_REQUESTS):
            break
    return {
        "n": len(samples),
        "p50_ms": statistics.median(samples) * 1000,
        "p95_ms": percentile(samples, 95) * 1000,
        "stable": stable,
    }


def measure(
    client: Client, page: Page, *, minimum: int, cap: float = CAP_SECONDS, warmup: int = WARMUP
) -> dict:
    """PAGE's server time beside the bare view's and the replay of the page's own SQL."""
    for url in page.urls:  # the statements of a warm request: what the timed ones execute
        fetch(client, url)
    statements = [captured(client, url) for url in page.urls]
    reads = [[s for s in group if s.is_read] for group in statements]
    urls, bare = page.urls, bare_url()
    limits = {"minimum": minimum, "cap": cap, "warmup": warmup}
    return {
        "page": page.name,
        "urls": list(urls),
        "queries": max(len(group) for group in statements),
        "writes": max(sum(not s.is_read for s in group) for group in statements),
        "server": timed(lambda i: fetch(client, urls[i % len(urls)]), **limits),
        "bare": timed(lambda i: fetch(client, bare), **limits),
        "sql": timed(lambda i: replay(reads[i % len(reads)]), **limits),
    }
