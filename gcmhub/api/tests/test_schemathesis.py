"""schemathesis reads the OpenAPI document and calls every reading operation with examples it
generates from it (a bounded number, the same each run): no answer is a server error, and every
answer conforms to the document. Items are read both at generated keys (mostly not found) and at
the key of a published record, with generated parameters and headers."""

import pytest
import schemathesis
from django.core import signals
from django.core.cache import cache
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from gcmhub.api import registry
from gcmhub.api.tests.test_api_leaks import publish_one_of_each
from gcmhub.wsgi import application

pytestmark = pytest.mark.django_db(transaction=False)

CHECKS = [not_a_server_error, response_schema_conformance]
EXAMPLES = settings(
    max_examples=10,
    derandomize=True,  # the same examples on every run
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def api_schema(db, settings):
    """The document as the site serves it, over a database with a record in every collection."""
    settings.API_ANONYMOUS_RATE = 1_000_000  # hundreds of requests from one address
    cache.clear()
    publish_one_of_each()
    # As Django's test client does: the end of a request would close the connection that
    # holds the test's transaction (PostgreSQL; SQLite's in-memory database stays open).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def _check(strategy) -> None:
    @EXAMPLES
    @given(case=strategy)
    def call(case):
        case.call_and_validate(checks=CHECKS)

    call()


def test_the_api_keeps_to_its_document(api_schema):
    reads = [
        operation
        for operation in (result.ok() for result in api_schema.get_all_operations())
        if operation.method.upper() == "GET"
    ]

    for operation in reads:
        _check(operation.as_strategy())

    assert len(reads) == 1 + 2 * len(registry.resources())


def test_published_records_keep_to_the_document(api_schema):
    for name, resource in registry.resources().items():
        first = resource.record(next(iter(resource.rows({}))))
        operation = api_schema[f"/api/v1/{name}/{{{resource.key}}}/"]["GET"]

        _check(operation.as_strategy(path_parameters={resource.key: first[resource.key]}))
