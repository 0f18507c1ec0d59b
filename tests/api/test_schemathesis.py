"""Property-based checks of the read API against its own OpenAPI schema (schemathesis):
whatever parameters a client sends, no server error and every answer matches the schema."""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application  # noqa: E402

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)


@pytest.fixture(autouse=True)
def _generous_rate(settings):
    settings.KER_API_ANON_RATE = "100000/min"


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """The requests go to the WSGI application itself, not through Django's test client: each
    one sends ``request_started`` and ``request_finished``, whose ``close_old_connections``
    closes a connection found inside a transaction, here the test's own. PostgreSQL's
    connection then stayed closed for every later request ("the connection is closed": 500s
    when this file ran on its own; other files' tests had hidden it). Django's test client
    disconnects it around each request, as here."""
    from django.core import signals
    from django.db import close_old_connections

    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_never_fails_and_matches_its_schema(case, territory):
    case.call_and_validate(
        checks=[
            not_a_server_error,
            response_schema_conformance,
            status_code_conformance,
            content_type_conformance,
        ]
    )
