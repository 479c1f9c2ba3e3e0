"""gunicorn serving gcmhub on a free loopback port, as in production (DEBUG off, static files
collected), for the throughput, load and fault runs: started, killed at once, restarted."""

import contextlib
import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings

START_TIMEOUT = 60  # seconds: two workers import Django on a busy machine
STOP_TIMEOUT = 10


class ServerError(RuntimeError):
    """gunicorn did not start, or stopped answering."""


class Server:
    """gunicorn with WORKERS processes (and THREADS threads each) on 127.0.0.1, on the database
    of the environment: this process's, updated with ENV (DATABASE_URL, VAR_DIR, …).

    The listening socket belongs to this object, not to gunicorn: the port stays the same across
    restarts, connections made while gunicorn is down wait in the backlog, and no other process
    can take the port in between (tests run in parallel)."""

    def __init__(self, *, workers: int = 2, threads: int = 1, env: dict | None = None):
        self.workers, self.threads = workers, threads
        self.env = {
            **os.environ,
            **(env or {}),
            "DJANGO_SETTINGS_MODULE": "gcmhub.settings",  # never the test settings
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),  # for this run only
            "SECURE_SSL_REDIRECT": "false",
            "ALLOWED_HOSTS": "127.0.0.1",
        }
        self.port = 0
        self._socket = None
        self._process = None
        self._log_dir = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def is_running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    @property
    def _log_path(self) -> Path:
        return Path(self._log_dir.name) / "gunicorn.log"

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc_info):
        self.close()

    def start(self) -> None:
        """Start gunicorn (collecting static files the first time) and wait until it answers."""
        if self.is_running:
            raise ServerError("gunicorn is already running.")
        if self._socket is None:
            self._collect_static()
            self._socket = socket.create_server(("127.0.0.1", 0), backlog=2048)
            self.port = self._socket.getsockname()[1]
            self._log_dir = tempfile.TemporaryDirectory(prefix="gcmhub-server-")
        fd = self._socket.fileno()
        command = [
            *(sys.executable, "-m", "gunicorn", "gcmhub.wsgi"),
            *("--bind", f"fd://{fd}", "--workers", str(self.workers)),
            *("--threads", str(self.threads), "--chdir", str(settings.BASE_DIR)),
            "--no-control-socket",  # its default path is shared by every gunicorn of the user
        ]
        # Opened for appending: the master and the workers write to it at once, safely.
        with open(self._log_path, "a") as log:
            self._process = subprocess.Popen(
                command,
                env=self.env,
                pass_fds=[fd],
                start_new_session=True,  # its own process group: one signal reaches every worker
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        try:
            self._wait_until_answering()
        except BaseException:
            self.kill()
            raise

    def kill(self, sig: signal.Signals = signal.SIGKILL) -> None:
        """Send SIG to the master and every worker at once, and wait until they are gone."""
        if self._process is None:
            return
        with contextlib.suppress(ProcessLookupError):  # it died on its own
            os.killpg(self._process.pid, sig)
        self._process.wait()
        self._wait_for_group_to_end()

    def stop(self) -> None:
        """Stop gunicorn gracefully, and at once if it takes too long."""
        if not self.is_running:
            return
        os.killpg(self._process.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self._process.wait(timeout=STOP_TIMEOUT)
        self.kill()

    def close(self) -> None:
        """Stop gunicorn and free the port."""
        try:
            self.stop()
        finally:
            if self._socket is not None:
                self._socket.close()
            if self._log_dir is not None:
                self._log_dir.cleanup()

    def log(self) -> str:
        """What gunicorn wrote (errors, worker restarts), for a report or a failed start."""
        return self._log_path.read_text()

    def _collect_static(self) -> None:
        result = subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
            cwd=settings.BASE_DIR,
            env=self.env,
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise ServerError(f"collectstatic failed:\n{result.stdout}{result.stderr}")

    def _wait_until_answering(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise ServerError(f"gunicorn exited with {self._process.returncode}:\n{self.log()}")
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
            try:
                connection.request("GET", "/robots.txt")
                if connection.getresponse().status == 200:
                    return
            except (OSError, http.client.HTTPException):
                pass
            finally:
                connection.close()
            time.sleep(0.1)
        raise ServerError(f"gunicorn did not answer within {START_TIMEOUT} s:\n{self.log()}")

    def _wait_for_group_to_end(self) -> None:
        """Workers outlive the master by a moment when it dies first: wait until none is left."""
        deadline = time.monotonic() + STOP_TIMEOUT
        while time.monotonic() < deadline:
            try:
                os.killpg(self._process.pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.02)
        raise ServerError(f"gunicorn's workers (group {self._process.pid}) did not end.")
