"""The demo practices: varied, in every language, consistent with the rules of the repository
and its peer review, created once."""

import io
import re

import pytest
from django.core.management import call_command
from django.db.models import Count

from gcmhub.accounts import demo as accounts_demo
from gcmhub.accounts.models import User
from gcmhub.practices import demo
from gcmhub.practices.models import (
    SUMMARY_MAX,
    SUMMARY_MIN,
    Assignment,
    Call,
    Criterion,
    Practice,
    ReviewerProfile,
)
from gcmhub.practices.queries import consolidated_comments, review_status
from gcmhub.workflow.models import Event, State

pytestmark = pytest.mark.django_db

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PUBLIC_FIELDS = [
    "title",
    "summary",
    "main_implementer",
    "partners",
    "benefits",
    "innovation",
    "replication",
    "lessons",
]


@pytest.fixture
def seeded():
    accounts_demo.seed()
    return demo.seed(30)


def _states() -> dict[str, int]:
    return dict(Practice.objects.order_by().values_list("state").annotate(n=Count("pk")))


def test_seed_creates_count_practices_a_third_at_most_in_progress(seeded):
    assert seeded == 30
    assert _states() == {
        State.PUBLISHED: 21,
        State.SUBMITTED: 6,
        State.CHANGES_REQUESTED: 1,
        State.DRAFT: 2,
    }
    assert Practice.objects.published().exclude(call=None).count() == 4  # 21 // 5 answer a call


def test_practices_are_complete_and_objectives_disjoint(seeded):
    incomplete = []
    for practice in Practice.objects.prefetch_related("primary_objectives", "secondary_objectives"):
        primary = {o.number for o in practice.primary_objectives.all()}
        secondary = {o.number for o in practice.secondary_objectives.all()}
        assert 1 <= len(primary) <= 3 and len(secondary) <= 3
        assert primary.isdisjoint(secondary), practice.title
        assert SUMMARY_MIN <= len(practice.summary) <= SUMMARY_MAX, practice.title
        assert practice.criteria == list(Criterion.values)
        assert 2015 <= practice.start_year <= 2025
        assert practice.is_ongoing == (practice.end_year is None)
        if practice.submission_problems():
            incomplete.append(practice.state)
    assert incomplete == [State.DRAFT]  # one draft has its last section to fill


def test_every_language_is_written_in_its_script(seeded):
    published = Practice.objects.published()
    assert set(Practice.objects.values_list("language", flat=True)) == {
        "en",
        "fr",
        "es",
        "ar",
        "zh-hans",
        "ru",
    }
    chinese = published.filter(language="zh-hans").first()
    assert "移民" in chinese.summary and "劳工" in chinese.summary + chinese.title
    assert re.search("[\u0600-\u06ff]{4}", published.filter(language="ar").first().summary)
    assert re.search(
        "[éèàç’]", " ".join(published.filter(language="fr").values_list("summary", flat=True))
    )
    assert re.search("[а-я]{4}", published.filter(language="ru").first().summary)


def test_published_practices_passed_a_complete_peer_review(seeded):
    for practice in Practice.objects.published():
        status = review_status(practice)
        assert (status.internal_done, status.external_done, status.problems) == (1, 2, [])
        assert practice.review_round == 1
        for assignment in status.assignments:
            assert assignment.conflict == "none"
            assert assignment.recommendation == "publish" and assignment.comments
            assert (
                practice.submitted_at
                < assignment.assigned_at
                < assignment.declared_at
                < assignment.reviewed_at
                < practice.published_at
            )
    publications = Event.objects.filter(action="publish", to_state=State.PUBLISHED)
    assert publications.count() == 21


def test_the_review_queue_shows_each_situation(seeded):
    submitted = list(Practice.objects.filter(state=State.SUBMITTED))
    statuses = [review_status(practice) for practice in submitted]
    assigned = sorted(len(status.assignments) for status in statuses)
    assert assigned == [0, 0, 1, 2, 2, 3]
    assert [s.needs_tiebreak for s in statuses].count(True) == 1
    returned = Practice.objects.get(state=State.CHANGES_REQUESTED)
    assert [c["recommendation"] for c in consolidated_comments(returned)] == [
        "Revise",
        "Revise",
        "Publish",
    ]


def test_roster_and_the_demo_peer_reviewer(seeded):
    roster = ReviewerProfile.objects.order_by().values_list("kind").annotate(n=Count("pk"))
    assert dict(roster) == {"internal": 3, "external": 5}
    covered = {language for p in ReviewerProfile.objects.all() for language in p.languages}
    assert covered == {"en", "fr", "es", "ar", "zh-hans", "ru"}
    assert not ReviewerProfile.objects.filter(user__email="reviewer@example.org").exists()
    peer = User.objects.get(email=demo.PEER_EMAIL)
    assert peer.check_password(accounts_demo.DEMO_PASSWORD)
    waiting = Assignment.objects.filter(reviewer__user=peer, conflict="")
    assert [a.practice.state for a in waiting] == [State.SUBMITTED]


def test_no_email_address_in_what_the_public_sees(seeded):
    published = Practice.objects.published()
    assert published.exclude(implementer_email="").exists()  # the one place for an address
    for practice in published:
        public = [getattr(practice, name) for name in PUBLIC_FIELDS] + practice.links
        assert not any(EMAIL.search(text) for text in public), practice.title


def test_seed_runs_once_and_the_same_way_each_time(seeded):
    models = [Practice, Assignment, ReviewerProfile, User, Call, Event]
    before = [model.objects.count() for model in models]
    first = list(Practice.objects.order_by("pk").values_list("title", "language", "state"))

    assert demo.seed(30) == 0
    assert [model.objects.count() for model in models] == before

    Practice.objects.all().delete()
    Call.objects.all().delete()
    assert demo.seed(30) == 30
    assert list(Practice.objects.order_by("pk").values_list("title", "language", "state")) == first


def test_seed_demo_command_lists_the_peer_reviewer():
    out = io.StringIO()

    call_command("seed_demo", stdout=out)

    assert "Demo practices created: 150." in out.getvalue()
    assert demo.PEER_EMAIL in out.getvalue()
    assert Practice.objects.count() == 150
