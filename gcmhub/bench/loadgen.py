"""The load generator: simulated users in threads, each on its own keep-alive HTTP/1.1
connection, recording every request's latency and outcome.

It runs in a process of its own (`run()` starts `python -m gcmhub.bench.loadgen`, the plan on
stdin, the results on stdout as JSON), so its work is not counted in the server's time, and it
imports nothing of Django. An error is a status of 500 or more, a status the action did not
expect (a 429, a 404…), a timeout or a broken connection."""

import http.client
import json
import math
import random
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

TIMEOUT = 60  # seconds a request may take before it counts as an error
IDLE_REUSE = 1.5  # seconds: gunicorn closes an idle keep-alive connection after 2
SUBMISSIONS = "/api/v1/pledges/"


class Recorder:
    """Every request's (action, outcome, milliseconds), and the submissions, from all threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.requests: list[tuple[str, str, float]] = []
        self.sent: list[str] = []
        self.acknowledged: list[str] = []

    def add(self, action: str, outcome: str, ms: float) -> None:
        with self.lock:
            self.requests.append((action, outcome, ms))

    def submission(self, marker: str, *, acknowledged: bool = False) -> None:
        with self.lock:
            (self.acknowledged if acknowledged else self.sent).append(marker)


class Client:
    """One simulated user's connection to the server at BASE_URL."""

    def __init__(self, base_url: str, recorder: Recorder, *, timeout: float = TIMEOUT):
        address = urlsplit(base_url)
        self.host, self.port = address.hostname, address.port
        self.recorder, self.timeout = recorder, timeout
        self.connection = None
        self.last_used = 0.0
        self.waiting_since = None  # when the request under way was sent (None between requests)

    def request(
        self, action: str, method: str, path: str, *, body=None, headers=None, expect=(200,)
    ):
        """Send one request; the body of an expected answer (parsed, for JSON), else None."""
        if self.connection is not None and time.monotonic() - self.last_used > IDLE_REUSE:
            self.close()  # the server may be closing it at this moment: do not race it
        headers = dict(headers or {})
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        started = time.perf_counter()
        try:
            if self.connection is None:
                self.connection = http.client.HTTPConnection(
                    self.host, self.port, timeout=self.timeout
                )
            self.connection.request(method, path, body=data, headers=headers)
            self.waiting_since = time.monotonic()
            response = self.connection.getresponse()
            content = response.read()
        except TimeoutError:
            return self._failed(action, "timeout", started)
        except (OSError, http.client.HTTPException):
            return self._failed(action, "connection", started)
        finally:
            self.waiting_since = None
        self.last_used = time.monotonic()
        ms = (time.perf_counter() - started) * 1000
        if response.status in expect:
            self.recorder.add(action, "ok", ms)
            is_json = response.getheader("Content-Type", "").startswith("application/json")
            return json.loads(content) if is_json else content
        outcome = "server_error" if response.status >= 500 else f"status_{response.status}"
        self.recorder.add(action, outcome, ms)
        return None

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def _failed(self, action: str, outcome: str, started: float) -> None:
        self.recorder.add(action, outcome, (time.perf_counter() - started) * 1000)
        self.close()


def submit(client: Client, plan: dict, marker: str) -> bool:
    """Create a complete draft pledge titled with MARKER through the API, then submit it; True
    when the server acknowledged both."""
    headers = {"Authorization": f"Bearer {plan['token']}"}
    body = {**plan["pledge"], "title": f"{plan['pledge']['title']} {marker}"}
    client.recorder.submission(marker)
    created = client.request(
        "submit", "POST", SUBMISSIONS, body=body, headers=headers, expect=(201,)
    )
    if created is None:
        return False
    path = f"{SUBMISSIONS}{created['id']}/submit/"
    submitted = client.request("submit", "POST", path, body={}, headers=headers)
    if submitted is None or submitted["state"] != "submitted":
        return False
    client.recorder.submission(marker, acknowledged=True)
    return True


# The simulated users. Each runs until the deadline; a request under way then is finished.


def page_user(client: Client, plan: dict, number: int, deadline: float) -> None:
    """Fetch one page again and again, without pause: throughput."""
    while time.monotonic() < deadline:
        client.request("page", "GET", plan["path"])


def tourist(client: Client, plan: dict, number: int, deadline: float) -> None:
    """Fetch each of the plan's "tour" pages once: a warm-up of the workers' caches."""
    for path in plan["paths"]["tour"]:
        if time.monotonic() > deadline:
            return
        client.request("tour", "GET", path)


def visitor(client: Client, plan: dict, number: int, deadline: float) -> None:
    """Browse, search or submit, as the plan's weights say, thinking between actions."""
    rng = random.Random(number)
    low, high = plan["think"]
    actions = list(plan["weights"])
    weights = [plan["weights"][action] for action in actions]
    _pause(rng.uniform(0, high), deadline)  # arrive over a moment, not all at once
    submitted = 0
    while time.monotonic() < deadline:
        action = rng.choices(actions, weights)[0]
        if action == "submit":
            submitted += 1
            submit(client, plan, f"{plan['marker']}-{number}-{submitted}")
        else:
            client.request(action, "GET", rng.choice(plan["paths"][action]))
        _pause(rng.uniform(low, high), deadline)


def _pause(seconds: float, deadline: float) -> None:
    time.sleep(max(0.0, min(seconds, deadline - time.monotonic())))


USERS = {"page": page_user, "tourist": tourist, "visitor": visitor}


def drive(plan: dict) -> dict:
    """Run plan["users"] simulated users of kind plan["user"] against plan["url"] for
    plan["seconds"]; the summary of what they saw."""
    recorder = Recorder()
    user = USERS[plan["user"]]
    deadline = time.monotonic() + plan["seconds"]
    clients = [Client(plan["url"], recorder) for _number in range(plan["users"])]
    threads = [
        threading.Thread(target=user, args=(client, plan, number, deadline), daemon=True)
        for number, client in enumerate(clients)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    for client in clients:
        client.close()
    return summarise(recorder, elapsed)


def summarise(recorder: Recorder, elapsed: float) -> dict:
    """Counts, errors by kind and latency percentiles, overall and per action."""
    actions = {}
    for action in sorted({action for action, _outcome, _ms in recorder.requests}):
        actions[action] = _figures([r for r in recorder.requests if r[0] == action], elapsed)
    return {
        **_figures(recorder.requests, elapsed),
        "seconds": round(elapsed, 1),
        "actions": actions,
        "sent": recorder.sent,
        "acknowledged": recorder.acknowledged,
    }


def _figures(requests: list, elapsed: float) -> dict:
    latencies = sorted(ms for _action, _outcome, ms in requests)
    errors = errors_by_kind(requests)
    return {
        "requests": len(requests),
        "errors": sum(errors.values()),
        "errors_by_kind": errors,
        "rps": round(len(requests) / elapsed, 1) if elapsed else 0.0,
        "p50_ms": percentile(latencies, 50),
        "p95_ms": percentile(latencies, 95),
    }


def errors_by_kind(requests: list) -> dict[str, int]:
    """How many of REQUESTS failed, by kind of failure."""
    return dict(Counter(outcome for _action, outcome, _ms in requests if outcome != "ok"))


def percentile(ordered: list[float], percent: float) -> float:
    """The nearest-rank percentile of ORDERED (sorted) values, in milliseconds (0 for none)."""
    if not ordered:
        return 0.0
    rank = max(1, math.ceil(len(ordered) * percent / 100))
    return round(ordered[rank - 1], 1)


def run(plan: dict) -> dict:
    """drive(PLAN) in a second process, so that the generator's work is its own."""
    result = subprocess.run(
        [sys.executable, "-m", "gcmhub.bench.loadgen"],
        input=json.dumps(plan),
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=plan["seconds"] + 3 * TIMEOUT,  # a submission under way at the end: two requests
    )
    if result.returncode:
        raise RuntimeError(f"The load generator failed:\n{result.stderr}")
    return json.loads(result.stdout)


if __name__ == "__main__":
    json.dump(drive(json.load(sys.stdin)), sys.stdout)
