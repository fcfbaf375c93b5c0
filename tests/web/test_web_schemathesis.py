"""Property-based tests of the JSON API from its own OpenAPI document, against the live server.

For every operation schemathesis generates requests, valid and invalid, and checks that the server never
answers 5xx and that each response matches the status, content type and schema the document declares.
Writes are tried without the token, so they exercise validation and the 401 path, not the analyzer.

The operations are driven with hypothesis directly (schemathesis's pytest loader does not run under
this pytest), one parametrized test per operation and generation mode.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import Case, GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from tests.web.conftest import LiveServer

EXAMPLES_PER_OPERATION = 25
OPERATIONS = [
    ("GET", "/api/articles"),
    ("POST", "/api/articles"),
    ("GET", "/api/articles/{article_id}"),
    ("GET", "/api/entities/{name}/timeline"),
    ("GET", "/api/claims"),
    ("GET", "/api/claims/{thread_id}"),
    ("GET", "/api/events"),
    ("GET", "/api/search"),
    ("GET", "/api/stories"),
    ("GET", "/api/stories/{story_id}"),
    ("GET", "/api/events/{event_id}"),
]


def test_every_api_operation_is_fuzzed(live: LiveServer) -> None:
    schema = schemathesis.openapi.from_url(f"{live.base_url}/openapi.json")
    results = list(schema.get_all_operations())
    assert all(isinstance(result, Ok) for result in results), results
    found = {(r.ok().method.upper(), r.ok().path) for r in results if isinstance(r, Ok)}
    assert found == set(OPERATIONS)


# Operations whose every request is valid (any string is an id; no parameters) have no invalid case.
NOTHING_TO_NEGATE = {
    ("GET", "/api/articles/{article_id}"),
    ("GET", "/api/claims/{thread_id}"),
    ("GET", "/api/stories/{story_id}"),
    ("GET", "/api/events/{event_id}"),
}
CASES = [
    pytest.param(method, path, mode, id=f"{method} {path} {mode.value}")
    for method, path in OPERATIONS
    for mode in GenerationMode
    if mode is GenerationMode.POSITIVE or (method, path) not in NOTHING_TO_NEGATE
]


@pytest.mark.parametrize(("method", "path", "mode"), CASES)
def test_api_operation_conforms_to_the_document(
    live: LiveServer, method: str, path: str, mode: GenerationMode
) -> None:
    schema = schemathesis.openapi.from_url(f"{live.base_url}/openapi.json")
    operation = schema[path][method]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES_PER_OPERATION // 2 + 1,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    def check(case: Case[Any]) -> None:
        case.call_and_validate(
            checks=[not_a_server_error, response_schema_conformance, content_type_conformance], timeout=30
        )

    check()
