"""Requests per second of one public page served by gunicorn, as production serves it, driven
by the load generator in a second process on loopback."""

from gcmhub.bench import loadgen
from gcmhub.bench.server import Server

WARM_UP = 2  # seconds of requests first: each worker loads its templates and fills its caches


def measure(
    url_path: str = "/en/",
    *,
    seconds: float = 10,
    concurrency: int = 16,
    workers: int = 2,
    env: dict | None = None,
) -> dict:
    """Serve the current database (ENV adds DATABASE_URL, VAR_DIR…) with WORKERS gunicorn
    processes and fetch URL_PATH from CONCURRENCY connections for SECONDS, without pause."""
    with Server(workers=workers, env=env) as server:
        plan = {"url": server.url, "user": "page", "path": url_path, "users": concurrency}
        loadgen.run({**plan, "seconds": WARM_UP})
        result = loadgen.run({**plan, "seconds": seconds})
    return {
        "url": url_path,
        "workers": workers,
        "concurrency": concurrency,
        "seconds": float(seconds),
        "requests": result["requests"],
        "errors": result["errors"],
        "rps": result["rps"],
        "p50_ms": result["p50_ms"],
        "p95_ms": result["p95_ms"],
    }
