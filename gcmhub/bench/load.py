"""The load run: simulated users browse, search and submit pledge drafts against gunicorn on
loopback; afterwards every submission the server acknowledged is looked for in the database,
whole (its objectives, countries and lifecycle events).

Submissions go through the API with a token of an organisation of its own, kept between runs;
each pledge's title ends with a marker unique to the run and the user, so that what was sent
and what was stored can be compared one by one, and the run's pledges removed afterwards."""

import random
import re
import secrets
from collections import Counter, defaultdict
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from gcmhub.accounts import services as accounts
from gcmhub.accounts.models import ApiToken, Membership, Organisation, User
from gcmhub.bench import loadgen
from gcmhub.bench.server import Server
from gcmhub.compact import queries as compact
from gcmhub.compact.models import EntityType
from gcmhub.pledges.models import Pledge
from gcmhub.practices.models import Practice
from gcmhub.reviews.models import Review
from gcmhub.web.i18n import URL_PREFIXES
from gcmhub.workflow.models import Action, Event, State

ORGANISATION = "gcmhub load test"
WRITER = "load-test@example.invalid"
GUNICORN_ERROR = re.compile(r"\] \[(?:CRITICAL|ERROR)\] (.*)$")  # "[CRITICAL] WORKER TIMEOUT…"
# What simulated users do, in proportion: mostly reading pages, as people do.
WEIGHTS = {"browse": 70, "search": 22, "api": 3, "submit": 5}
# Seconds a user pauses between two actions, at random between the two: about ten, less than
# people take to read a page, so 200 users ask for about 20 pages a second.
THINK = (5.0, 15.0)
WARM_UP = 120  # seconds at most for each worker to see each kind of list once
WORDS = ["migrants", "labour", "children", "integration", "return", "health", "data", "travail"]
# A complete pledge, as an organisation's program would send it (the edition is the next one).
PLEDGE = {
    "title": "Seasonal work pathways",
    "description": (
        "We will open a regular pathway for seasonal agricultural workers between our two "
        "countries, with pre-departure training, fair recruitment without fees, portable social "
        "protection and a helpline in the workers' languages. Employers sign a code of conduct; "
        "a joint committee of both governments, employers and trade unions meets twice a year "
        "to review the figures and the complaints received, and publishes its findings."
    ),
    "language": "en",
    "pledge_type": "individual",
    "main_objectives": [5, 6],
    "related_objectives": [18],
    "principles": [2],
    "level": "national",
    "category": "programme",
    "countries": ["KEN", "MAR"],
    "action": "Open a regular pathway for seasonal workers.",
    "indicators": [{"indicator": "Workers recruited", "baseline": "0", "target": "5000"}],
    "resources_amount": "250000",
    "resources_currency": "EUR",
    "start_date": "2026-01-01",
    "end_date": "2030-12-31",
}
# The lifecycle events a whole pledge has in each state this run can leave it in.
TRAILS = {
    State.DRAFT: [(Action.CREATE, "", State.DRAFT)],
    State.SUBMITTED: [
        (Action.CREATE, "", State.DRAFT),
        (Action.SUBMIT, State.DRAFT, State.SUBMITTED),
    ],
}


@transaction.atomic
def writer(purpose: str) -> tuple[ApiToken, str]:
    """The load test's verified organisation and focal point (created the first time), and a
    new API token of theirs with its secret."""
    now = timezone.now()
    organisation, _created = Organisation.objects.get_or_create(
        name=ORGANISATION,
        defaults={
            "entity_type": EntityType.objects.get(code="civil-society"),
            "status": Organisation.Status.VERIFIED,
            "verified_at": now,
        },
    )
    person = User.objects.filter(email=WRITER).first() or User.objects.create_user(
        email=WRITER, full_name="Load test", email_confirmed_at=now
    )
    Membership.objects.get_or_create(
        user=person, organisation=organisation, defaults={"level": Membership.Level.FOCAL_POINT}
    )
    return accounts.create_api_token(organisation, name=purpose, by=person)


def paths(rng: random.Random) -> dict[str, list[str]]:
    """Addresses of public pages to browse and search, and of the API, in the six languages
    (English most often), to records of the current database."""
    pledges = _sample(rng, Pledge.objects.published(), 40)
    practices = _sample(rng, Practice.objects.published(), 40)
    reviews = _sample(rng, Review.objects.published(), 10)
    countries = rng.sample([country.iso3 for country in compact.countries()], 20)
    regions = list(compact.regions().values_list("pk", flat=True))
    years = compact.editions().values_list("year", flat=True)
    lists = ["/", "/pledges/", "/pledges/dashboard/", "/practices/", "/reviews/", "/forum/"]
    browse = [
        *lists * 5,
        "/objectives/",
        "/countries/",
        *(f"/forum/{year}/" for year in years),
        *(f"/pledges/{pk}/" for pk in pledges),
        *(f"/practices/{pk}/" for pk in practices),
        *(f"/reviews/{pk}/" for pk in reviews),
        *(f"/countries/{iso3}/" for iso3 in countries),
        *(f"/objectives/{number}/" for number in range(1, 24)),
    ]
    search = []
    for _number in range(60):
        word, objective = rng.choice(WORDS), rng.randint(1, 23)
        region, iso3 = rng.choice(regions), rng.choice(countries)
        language = rng.choice(settings.LANGUAGES)[0]
        search += [
            "/pledges/?" + urlencode({"q": word, "objective": objective, "region": region}),
            "/pledges/?" + urlencode({"q": word, "type": "individual", "country": iso3}),
            "/practices/?" + urlencode({"q": word, "objective": objective, "language": language}),
            "/practices/?" + urlencode({"q": word, "region": region}),
            "/reviews/?" + urlencode({"q": word, "country": iso3}),
        ]
    prefixes = [URL_PREFIXES.get(code, code) for code, _name in settings.LANGUAGES]
    prefixes += ["en"] * 4
    api = ["/api/v1/pledges/?page_size=20", "/api/v1/practices/?page_size=20"]
    return {
        # each kind of list once, before the run: the first request of a worker fills its caches
        "tour": [f"/en{path}" for path in [*lists, *search[:5]]] + api,
        "browse": [f"/{rng.choice(prefixes)}{path}" for path in browse],
        "search": [f"/{rng.choice(prefixes)}{path}" for path in search],
        "api": [*api, *(f"/api/v1/pledges/{pk}/" for pk in pledges[:10])],
    }


def _sample(rng: random.Random, records, count: int) -> list[int]:
    ids = list(records.values_list("pk", flat=True))
    return rng.sample(ids, min(count, len(ids)))


def tally(marker: str, *, sent: list[str], acknowledged: list[str], since) -> dict:
    """What the database holds of the submissions whose titles carry MARKER: how many are
    stored, which acknowledged ones are missing, which are stored twice, and what is wrong
    with any of them (a half-written record); and lifecycle events left without their record
    since SINCE."""
    pledges = Pledge.objects.filter(title__contains=marker).prefetch_related(
        "main_objectives", "countries"
    )
    kind = ContentType.objects.get_for_model(Pledge)
    trails = defaultdict(list)
    events = Event.objects.filter(record_type=kind, record_id__in=pledges.values("pk"))
    for event in events.order_by("created_at", "pk"):
        trails[event.record_id].append((event.action, event.from_state, event.to_state))
    stored = Counter(pledge.title.rsplit(" ", 1)[-1] for pledge in pledges)
    submitted = {
        pledge.title.rsplit(" ", 1)[-1] for pledge in pledges if pledge.state == State.SUBMITTED
    }
    problems = [problem for pledge in pledges for problem in _problems(pledge, trails[pledge.pk])]
    orphans = (
        Event.objects.filter(record_type=kind, created_at__gte=since)
        .exclude(record_id__in=Pledge.objects.values("pk"))
        .count()
    )
    if orphans:
        problems.append(f"{orphans} lifecycle events of pledges that do not exist")
    return {
        "sent": len(sent),
        "acknowledged": len(acknowledged),
        "stored": sum(stored.values()),
        "lost": sorted(set(acknowledged) - submitted),
        "duplicates": sorted(marker for marker, count in stored.items() if count > 1),
        "unacknowledged_stored": len(set(stored) - set(acknowledged)),
        "problems": problems,
    }


def _problems(pledge: Pledge, trail: list[tuple]) -> list[str]:
    """What is missing from PLEDGE, stored by this run: its related rows and lifecycle events."""
    problems = []
    objectives = sorted(objective.number for objective in pledge.main_objectives.all())
    if objectives != PLEDGE["main_objectives"]:
        problems.append(f"pledge {pledge.pk}: main objectives {objectives}")
    countries = sorted(country.iso3 for country in pledge.countries.all())
    if countries != PLEDGE["countries"]:
        problems.append(f"pledge {pledge.pk}: countries {countries}")
    if trail != TRAILS.get(pledge.state):
        problems.append(f"pledge {pledge.pk} ({pledge.state}): lifecycle events {trail}")
    if (pledge.submitted_at is not None) != (pledge.state == State.SUBMITTED):
        problems.append(f"pledge {pledge.pk} ({pledge.state}): submitted at {pledge.submitted_at}")
    return problems


@transaction.atomic
def remove(marker: str) -> int:
    """Delete the pledges whose titles carry MARKER, with their lifecycle events; how many."""
    pledges = Pledge.objects.filter(title__contains=marker)
    kind = ContentType.objects.get_for_model(Pledge)
    Event.objects.filter(record_type=kind, record_id__in=pledges.values("pk")).delete()
    return pledges.delete()[1].get("pledges.Pledge", 0)


def database() -> str:
    """Which database this is, for the report."""
    if connection.vendor == "sqlite":
        return f"SQLite (WAL) {connection.settings_dict['NAME']}"
    return f"{connection.vendor} {connection.settings_dict['NAME']}"


def run(
    *,
    users: int = 200,
    seconds: float = 60,
    workers: int = 2,
    threads: int = 1,
    think: tuple[float, float] = THINK,
    keep: bool = False,
) -> dict:
    """Serve the current database with gunicorn, let USERS simulated users loose on it for
    SECONDS, then compare what they submitted with what is stored; the report."""
    marker = f"load-{secrets.token_hex(4)}"
    token, secret = writer(f"Load run {marker}")
    since = timezone.now()
    plan = {
        "user": "visitor",
        "users": users,
        "seconds": seconds,
        "think": think,
        "weights": WEIGHTS,
        "paths": paths(random.Random(marker)),
        "token": secret,
        "pledge": PLEDGE,
        "marker": marker,
    }
    # Every simulated user comes from 127.0.0.1: the per-address limit of anonymous API reads
    # would refuse them as one client.
    server = Server(workers=workers, threads=threads, env={"API_ANONYMOUS_RATE": "1000000"})
    try:
        with server:
            tour = {**plan, "url": server.url, "user": "tourist", "users": workers * threads}
            warm_up = loadgen.run({**tour, "seconds": WARM_UP})
            result = loadgen.run({**plan, "url": server.url})
            log = server.log()
        submissions = tally(
            marker, sent=result.pop("sent"), acknowledged=result.pop("acknowledged"), since=since
        )
    finally:
        accounts.revoke_api_token(token, by=token.created_by)
        removed = 0 if keep else remove(marker)
    return {
        "database": database(),
        "users": users,
        "workers": workers,
        "threads": threads,
        "think": list(think),
        "marker": marker,
        "warm_up": {key: warm_up[key] for key in ("requests", "errors", "seconds", "p95_ms")},
        **result,
        "seconds": seconds,
        "elapsed": result["seconds"],  # until the last answer (or timeout) of the run
        "submissions": submissions,
        "removed": removed,
        "server_log_errors": log_errors(log),
    }


def log_errors(log: str) -> dict[str, int]:
    """What went wrong in gunicorn's log, counted: workers timed out or killed, and the last
    line of each traceback a worker logged."""
    errors = Counter()
    lines = log.splitlines()
    for number, line in enumerate(lines):
        if match := GUNICORN_ERROR.search(line):
            errors[re.sub(r" ?\(pid:\d+\)", "", match[1])] += 1
        elif line.startswith("Traceback"):
            last = next(
                (later for later in lines[number + 1 :] if later and not later[0].isspace()),
                "",
            )
            errors[last] += 1
    return dict(errors)


def failed(report: dict) -> bool:
    """Did the run see an error, or lose, duplicate or half-write a submission?"""
    submissions = report["submissions"]
    return bool(
        report["errors"]
        or report["warm_up"]["errors"]
        or submissions["lost"]
        or submissions["duplicates"]
        or submissions["problems"]
    )
