"""Sign-in attempts limited per account and per address, counted in the shared cache."""

import hashlib

from django.conf import settings
from django.core.cache import cache


def _keys(email: str, address: str) -> list[tuple[str, int]]:
    limits = settings.SIGN_IN_LIMITS
    account = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    return [
        (f"sign-in:account:{account}", limits["per_account"]),
        (f"sign-in:address:{address}", limits["per_address"]),
    ]


def is_blocked(email: str, address: str) -> bool:
    """Has this account or this address failed too often within the window?"""
    return any((cache.get(key) or 0) >= limit for key, limit in _keys(email, address))


def record_failure(email: str, address: str) -> None:
    window = settings.SIGN_IN_LIMITS["window_seconds"]
    for key, _limit in _keys(email, address):
        if cache.add(key, 1, timeout=window):
            continue
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, timeout=window)


def clear(email: str) -> None:
    cache.delete(_keys(email, "")[0][0])


def client_address(request) -> str:
    """The client's address; behind the proxy the app trusts REMOTE_ADDR as the proxy sets it."""
    return request.META.get("REMOTE_ADDR", "unknown")
