"""`seed_demo` at scale: proportionate, skewed, six-language data, every published record in
the search index as the lifecycle would index it, nothing new the second time; and its progress
bar."""

import io
import re
import statistics
from collections import Counter

import pytest
from django.core.management import call_command
from django.core.management.base import OutputWrapper
from django.db import transaction
from django.db.models import Count

from gcmhub.accounts.models import Organisation
from gcmhub.forum.models import SideEvent
from gcmhub.pledges.models import Pledge, ProgressReport
from gcmhub.practices.models import Assignment, Practice
from gcmhub.reviews import demo as reviews_demo
from gcmhub.reviews.models import Kind, Review
from gcmhub.search import registry, services
from gcmhub.search.models import Entry
from gcmhub.web.management.commands import seed_demo
from gcmhub.web.progress import ProgressBar
from gcmhub.workflow.models import Event

pytestmark = pytest.mark.django_db

SCALE = 2000
LANGUAGES = {"ar", "zh-hans", "en", "fr", "ru", "es"}
MODELS = [Organisation, Pledge, ProgressReport, Practice, Assignment, Review, SideEvent, Event]


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """`seed_demo --scale 2000` once for this module (its output), rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = io.StringIO()
        call_command("seed_demo", scale=SCALE, stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


def test_scale_makes_pledges_practices_and_organisations_in_proportion(seeded):
    generated = int(re.search(r"Demo organisations created: (\d+)\.", seeded).group(1))
    published = Pledge.objects.published()

    assert published.count() == SCALE
    assert Practice.objects.count() == SCALE // 2
    assert generated == SCALE // 50 - 11  # about one per 50 pledges, counting the 11 of the demo
    assert Organisation.objects.count() >= SCALE // 50
    assert ProgressReport.objects.published().filter(pledge__in=published).count() > SCALE // 2
    assert set(published.values_list("language", flat=True)) == LANGUAGES
    assert set(Practice.objects.values_list("language", flat=True)) == LANGUAGES


def test_scale_gives_states_and_stakeholders_and_one_government_a_country(seeded):
    governments = Organisation.objects.filter(entity_type__code="member-state")
    per_country = governments.values("country").annotate(n=Count("pk")).filter(n__gt=1)
    pledgers = Organisation.objects.filter(pk__in=Pledge.objects.published().values("organisation"))

    assert not per_country.exists()
    assert pledgers.filter(entity_type__is_state=True).count() >= 5
    assert pledgers.filter(entity_type__is_state=False).count() >= 10


def test_a_few_organisations_pledge_most_and_objectives_stay_skewed(seeded):
    per_organisation = Counter(
        Pledge.objects.published().values_list("organisation", flat=True)
    ).values()
    per_objective = Counter(
        Pledge.objects.published().values_list("main_objectives__number", flat=True)
    )

    assert max(per_organisation) >= 5 * statistics.median(per_organisation)
    assert max(per_organisation) >= SCALE // 10
    assert per_objective[16] >= 1.5 * per_objective[3]  # inclusion draws more than information


def test_scale_adds_voluntary_reviews_once_a_cycle_and_accepted_side_events(seeded):
    reviews = Review.objects.published().filter(kind=Kind.VOLUNTARY_REVIEW)
    twice = reviews.values("country", "edition").annotate(n=Count("pk")).filter(n__gt=1)
    in_the_demo = [
        report
        for government in reviews_demo.GOVERNMENTS
        for report in government.reports
        if report.kind == Kind.VOLUNTARY_REVIEW
    ]

    assert reviews.count() == len(in_the_demo) + SCALE // 500
    assert not twice.exists()
    assert not reviews.exclude(documents__status="current").exists()
    assert SideEvent.objects.published().filter(call__edition__year=2026).count() == 4 + 5
    assert SideEvent.objects.published().exclude(session=None).count() == 3 + 5


def test_the_search_index_holds_every_published_record_as_the_lifecycle_indexes_it(seeded):
    entries = {
        (kind, record_id): (language, title, text)
        for kind, record_id, language, title, text in Entry.objects.values_list(
            "kind", "record_id", "language", "title", "text"
        )
    }
    for model in registry.registered():
        published = model.objects.published()
        kind = registry.kind(model)

        assert {r for k, r in entries if k == kind} == set(published.values_list("pk", flat=True))
        sample = list(published.order_by("pk").values_list("pk", flat=True))[::37]
        with transaction.atomic():
            for pk in sample:
                services.index(model.objects.get(pk=pk))  # alone, without any prefetch
            again = Entry.objects.filter(kind=kind, record_id__in=sample)
            assert {(kind, e.record_id): (e.language, e.title, e.text) for e in again} == {
                (kind, pk): entries[kind, pk] for pk in sample
            }
            transaction.set_rollback(True)


def test_seed_demo_a_second_time_creates_nothing(seeded):
    before = [model.objects.count() for model in MODELS]
    out = io.StringIO()

    call_command("seed_demo", scale=SCALE, verbosity=0, stdout=out)

    assert out.getvalue().startswith(
        "Demo organisations created: 0. Demo pledges created: 0. Demo practices created: 0. "
        "Demo reviews created: 0. Demo forum sessions created: 0."
    )
    assert [model.objects.count() for model in MODELS] == before


def test_seed_demo_reports_progress_line_by_line_when_not_on_a_terminal(seeded):
    indexed = Entry.objects.count()
    last = {}
    for line in seeded.splitlines():
        if re.fullmatch(r"[a-z ]+: [\d,]+/[\d,]+ \(\d+%\), \d+ s", line):
            label, figures = line.split(": ")
            last[label] = figures.split(" (")[0]

    assert last == {
        "pledges": "2,000/2,000",
        "practices": "1,000/1,000",
        "reviews": "4/4",
        "search index": f"{indexed:,}/{indexed:,}",
    }


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_bar_redraws_one_line_on_a_terminal():
    out = Terminal()
    seconds = iter([0, 3, 12, 20])
    bar = ProgressBar(OutputWrapper(out), "pledges", clock=lambda: next(seconds))

    bar(0, 100_000)
    bar(40_000, 100_000)
    bar(100_000, 100_000)
    bar.finish()

    assert out.getvalue().split("\r")[1:] == [
        "pledges       ░░░░░░░░░░░░░░░░░░░░░░░░  0/100,000     3 s",
        "pledges       █████████░░░░░░░░░░░░░░░  40,000/100,000    12 s",
        "pledges       ████████████████████████  100,000/100,000    20 s\n",
    ]


def test_progress_bar_writes_a_line_a_tenth_otherwise():
    out = io.StringIO()
    bar = ProgressBar(OutputWrapper(out), "practices", clock=lambda: 0)

    for done in range(0, 50_001, 2000):
        bar(done, 50_000)
    bar.finish()

    assert out.getvalue().splitlines() == [
        f"practices: {done:,}/50,000 ({done * 100 // 50_000}%), 0 s"
        for done in (0, 6000, 10000, 16000, 20000, 26000, 30000, 36000, 40000, 46000, 50000)
    ]


@pytest.mark.parametrize(("verbosity", "shown"), [(0, ""), (1, "step: 1/1 (100%), 0 s\n")])
def test_seed_demo_shows_progress_unless_verbosity_0(verbosity, shown):
    out = io.StringIO()
    command = seed_demo.Command(stdout=out)
    command.verbosity = verbosity

    done = command._step("step", lambda progress: progress(1, 1) or "done")

    assert (done, out.getvalue()) == ("done", shown)
