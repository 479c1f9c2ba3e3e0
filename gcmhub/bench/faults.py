"""The SIGKILL run: gunicorn is killed, master and workers at once, in the middle of a stream of
pledge submissions, then started again. Afterwards no half-written record may exist: every
pledge of the run has its objectives, countries and the lifecycle events of its state, every
submission the server acknowledged is stored, and submissions are acknowledged again."""

import secrets
import signal
import threading
import time

from django.utils import timezone

from gcmhub.accounts import services as accounts
from gcmhub.bench import load, loadgen
from gcmhub.bench.server import Server

STREAMS = 4  # submitting connections: more than the workers, so that they are kept busy
WAIT = 120  # seconds to wait for the acknowledgements expected before and after the kill
UNDER_WAY = 0.01  # seconds since a request was sent: the server is working on it (or on others)


class FaultRunError(RuntimeError):
    """The stream of submissions stalled: the run could not go as planned."""


def run(
    *,
    before: int = 12,
    after: int = 8,
    workers: int = 2,
    keep: bool = False,
    env: dict | None = None,
) -> dict:
    """Stream submissions to gunicorn on the current database (ENV adds to the server's
    environment); once BEFORE are acknowledged, SIGKILL it and start it again; once AFTER more
    are, stop and look at what is stored. The report."""
    marker = f"faults-{secrets.token_hex(4)}"
    token, secret = load.writer(f"Fault run {marker}")
    since = timezone.now()
    plan = {"token": secret, "pledge": load.PLEDGE}
    recorder = loadgen.Recorder()
    stop = threading.Event()
    try:
        with Server(workers=workers, env=env) as server:
            clients = [loadgen.Client(server.url, recorder) for _number in range(STREAMS)]
            streams = [
                threading.Thread(target=_stream, args=(client, plan, f"{marker}-{n}", stop))
                for n, client in enumerate(clients)
            ]
            for stream in streams:
                stream.start()
            try:
                _wait_for(recorder, before)
                _wait_for_work(clients)
                acknowledged_at_kill = len(recorder.acknowledged)
                killed = time.monotonic()
                server.kill(signal.SIGKILL)
                server.start()
                restarted = time.monotonic() - killed
                _wait_for(recorder, acknowledged_at_kill + after)
            finally:
                stop.set()
                for stream in streams:
                    stream.join()
        submissions = load.tally(
            marker, sent=recorder.sent, acknowledged=recorder.acknowledged, since=since
        )
    finally:
        accounts.revoke_api_token(token, by=token.created_by)
        removed = 0 if keep else load.remove(marker)
    return {
        "database": load.database(),
        "marker": marker,
        "acknowledged_at_kill": acknowledged_at_kill,
        "restart_seconds": round(restarted, 1),
        "requests": len(recorder.requests),
        "errors_by_kind": loadgen.errors_by_kind(recorder.requests),
        "submissions": submissions,
        "removed": removed,
    }


def _stream(client: loadgen.Client, plan: dict, prefix: str, stop) -> None:
    """Submit pledge after pledge on one connection until STOP is set."""
    number = 0
    while not stop.is_set():
        number += 1
        loadgen.submit(client, plan, f"{prefix}-{number}")
    client.close()


def _wait_for(recorder: loadgen.Recorder, acknowledged: int) -> None:
    deadline = time.monotonic() + WAIT
    while len(recorder.acknowledged) < acknowledged:
        if time.monotonic() > deadline:
            raise FaultRunError(
                f"Only {len(recorder.acknowledged)} submissions of {acknowledged} were "
                f"acknowledged within {WAIT} s."
            )
        time.sleep(0.01)


def _wait_for_work(clients: list[loadgen.Client]) -> None:
    """Until a request has been under way for a moment: the kill then cuts at least one."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        now, sent = time.monotonic(), [client.waiting_since for client in clients]
        if any(since is not None and now - since > UNDER_WAY for since in sent):
            return
        time.sleep(0.001)
    raise FaultRunError(f"No request was under way within {WAIT} s.")


def failed(report: dict) -> bool:
    """Is a submission lost, stored twice or half-written?"""
    submissions = report["submissions"]
    return bool(submissions["lost"] or submissions["duplicates"] or submissions["problems"])
