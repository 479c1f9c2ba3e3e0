"""The demo pledges: six languages written as each writes, the latest progress on each pledge,
stored a chunk at a time."""

import re

import pytest

from gcmhub.accounts import demo as accounts_demo
from gcmhub.pledges import demo
from gcmhub.pledges.models import Pledge, ProgressReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def progress(monkeypatch):
    monkeypatch.setattr(demo, "CHUNK", 50)
    accounts_demo.seed()
    calls = []
    demo.seed(120, progress=lambda done, total: calls.append((done, total)))
    return calls


def test_seed_stores_chunks_and_reports_each(progress):
    assert progress == [(50, 120), (100, 120), (120, 120)]
    assert Pledge.objects.published().count() == 120


def test_pledges_are_written_in_six_languages_each_in_its_script(progress):
    published = Pledge.objects.published()
    chinese = published.filter(language="zh-hans").first()

    assert set(published.values_list("language", flat=True)) == {
        "ar",
        "zh-hans",
        "en",
        "fr",
        "ru",
        "es",
    }
    assert chinese.description.startswith(chinese.title + "。")
    assert " " not in chinese.description + chinese.action
    assert re.search("[а-я]{4}", published.filter(language="ru").first().description)
    assert all(len(pledge.description) >= 300 for pledge in published)


def test_each_pledge_carries_its_latest_report(progress):
    latest = {}
    for report in ProgressReport.objects.order_by("date"):
        latest[report.pledge_id] = report
    reported = Pledge.objects.published().exclude(last_report_date=None)

    assert reported.count() == len(latest) > 0
    for pledge in reported:
        report = latest[pledge.pk]
        assert (pledge.progress_status, pledge.last_report_date, pledge.amount_delivered) == (
            report.status,
            report.date,
            report.amount_delivered,
        )
