"""The SIGKILL run (gcmhub/bench/faults.py), as an integration test: gunicorn on a free loopback
port, a stream of pledge submissions through the API from threads, the server's master and
workers killed at once in the middle of it, then started again. It runs `manage.py faults` on
a database of its own, made for the test: a SQLite file under tmp_path, or, when the test
run's DATABASE_URL is PostgreSQL, a throwaway database created and dropped here.

And the check that run relies on: it tells a whole submission from a half-written one."""

import json
import os
import signal
import subprocess
import sys
import uuid
from urllib.parse import urlsplit

import psycopg
import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from gcmhub.bench import load
from gcmhub.pledges.models import Pledge
from gcmhub.workflow.models import Action, Event

TIMEOUT = 300  # seconds; the run's own waits end it sooner when the server stops answering


def manage(*args: str, env: dict) -> subprocess.CompletedProcess:
    command = [sys.executable, "manage.py", *args]
    with subprocess.Popen(
        command,
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        try:
            stdout, stderr = process.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGINT)  # on its way out it stops the server it started
            process.communicate()
            raise
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


@pytest.fixture
def database(tmp_path):
    """The environment of a new, migrated database (uploads and static files under tmp_path)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "gcmhub.settings",
        "DEBUG": "true",
        "VAR_DIR": str(tmp_path),
    }
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        env.pop("DATABASE_URL", None)  # SQLite in VAR_DIR
        yield _migrated(env)
        return
    name = f"gcmhub_faults_{uuid.uuid4().hex[:12]}"
    maintenance = urlsplit(url)._replace(path="/postgres").geturl()
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _migrated({**env, "DATABASE_URL": urlsplit(url)._replace(path=f"/{name}").geturl()})
    finally:
        with psycopg.connect(maintenance, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def _migrated(env: dict) -> dict:
    migrated = manage("migrate", "--no-input", "-v", "0", env=env)
    assert migrated.returncode == 0, migrated.stderr
    return env


@pytest.mark.integration
def test_sigkill_mid_stream_leaves_no_half_written_record(database, tmp_path):
    report_file = tmp_path / "faults.json"

    result = manage(
        "faults", "--before", "6", "--after", "4", "--json", str(report_file), env=database
    )

    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(report_file.read_text())
    submissions = report["submissions"]
    assert report["errors_by_kind"].get("connection", 0) >= 1  # requests under way were cut
    assert submissions["problems"] == []  # each pledge whole: objectives, countries, events
    assert submissions["lost"] == []
    assert submissions["duplicates"] == []
    assert submissions["acknowledged"] >= report["acknowledged_at_kill"] + 4  # answers again
    assert (
        submissions["stored"] == submissions["acknowledged"] + submissions["unacknowledged_stored"]
    )
    assert report["removed"] == submissions["stored"]


@pytest.mark.django_db
def test_tally_tells_whole_submissions_from_half_written_and_lost_ones(client):
    _token, secret = load.writer("Test run")
    since = timezone.now()
    stored = [_submit(client, secret, marker) for marker in ("faults-t-1", "faults-t-2")]
    half = Pledge.objects.get(pk=stored[1])
    half.main_objectives.clear()
    Event.objects.filter(record_id=half.pk, action=Action.SUBMIT).delete()
    Event.objects.create(
        record_type=ContentType.objects.get_for_model(Pledge),
        record_id=half.pk + 1,
        action="create",
    )
    markers = ["faults-t-1", "faults-t-2", "faults-t-3"]

    tallied = load.tally("faults-t-", sent=markers, acknowledged=markers, since=since)

    assert tallied == {
        "sent": 3,
        "acknowledged": 3,
        "stored": 2,
        "lost": ["faults-t-3"],
        "duplicates": [],
        "unacknowledged_stored": 0,
        "problems": [
            f"pledge {half.pk}: main objectives []",
            f"pledge {half.pk} (submitted): lifecycle events [('create', '', 'draft')]",
            "1 lifecycle events of pledges that do not exist",
        ],
    }


def _submit(client, secret: str, marker: str) -> int:
    """Create and submit a pledge through the API, as the load generator does."""
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    body = json.dumps({**load.PLEDGE, "title": f"{load.PLEDGE['title']} {marker}"})
    created = client.post("/api/v1/pledges/", body, content_type="application/json", **headers)
    pk = created.json()["id"]
    submitted = client.post(
        f"/api/v1/pledges/{pk}/submit/", "{}", content_type="application/json", **headers
    )
    assert (created.status_code, submitted.status_code) == (201, 200)
    return pk
