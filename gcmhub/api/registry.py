"""Every published collection of every part, gathered from the parts' `opendata` modules: the
API, the downloads, the data bundle and the feeds list them from here."""

import importlib
from functools import cache

from gcmhub.web.opendata import Resource

MODULES = [
    "gcmhub.compact.opendata",
    "gcmhub.accounts.opendata",
    "gcmhub.pledges.opendata",
    "gcmhub.practices.opendata",
    "gcmhub.reviews.opendata",
    "gcmhub.forum.opendata",
]


@cache
def resources() -> dict[str, Resource]:
    """{name: Resource} in the order of MODULES."""
    found: dict[str, Resource] = {}
    for module in MODULES:
        for resource in importlib.import_module(module).RESOURCES:
            found[resource.name] = resource
    return found
