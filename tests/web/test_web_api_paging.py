"""The API agrees with the pages and the CLI: paging, filters, claim threads, the bearer scheme in the
OpenAPI document, 200 for an article already held, and the token checked before the body is read."""

from __future__ import annotations

import httpx

from tests.web.conftest import Ledger, LiveServer


def test_openapi_declares_the_bearer_scheme_and_names_operations(live: LiveServer) -> None:
    document = httpx.get(f"{live.base_url}/openapi.json").json()
    scheme = document["components"]["securitySchemes"]["bearer"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    post = document["paths"]["/api/articles"]["post"]
    assert post["operationId"] == "ingest"
    assert {"bearer": []} in post["security"]
    assert post["requestBody"]["content"]["application/json"]["schema"]["required"] == ["text"]
    assert {"200", "201", "401"} <= set(post["responses"])
    ids = {op["operationId"] for path in document["paths"].values() for op in path.values()}
    assert {"articles", "article", "claims", "claim", "search", "stories", "story"} <= ids


def test_the_token_is_checked_before_the_body_is_read(live: LiveServer) -> None:
    response = httpx.post(
        f"{live.base_url}/api/articles",
        content=b'{"text": "unfinished',
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 401


def test_posting_an_article_the_ledger_holds_answers_200(live: LiveServer, ledger: Ledger) -> None:
    seed = ledger.seed.article
    response = httpx.post(
        f"{live.base_url}/api/articles",
        json={"text": seed.text, "published": seed.published.isoformat() if seed.published else None},
        headers={"Authorization": f"Bearer {live.token}"},
        timeout=120,
    )
    assert response.status_code == 200, response.text
    assert (response.json()["status"], response.json()["article_id"]) == ("unchanged", seed.id)


def test_lists_page_with_limit_and_offset(live: LiveServer) -> None:
    for path in ("/api/claims", "/api/articles", "/api/stories"):
        two = httpx.get(f"{live.base_url}{path}", params={"limit": 2}).json()
        second = httpx.get(f"{live.base_url}{path}", params={"limit": 1, "offset": 1}).json()
        assert len(two) == 2 and second == two[1:], path


def test_a_claim_thread_has_its_api(live: LiveServer) -> None:
    rows = httpx.get(f"{live.base_url}/api/claims", params={"limit": 500}).json()
    thread_id = next(r["linked_claim_id"] for r in rows if r["linked_claim_id"])
    thread = httpx.get(f"{live.base_url}/api/claims/{thread_id}")
    assert thread.status_code == 200
    assert thread.json()["claim_id"] == thread_id and thread.json()["history"]
    assert httpx.get(f"{live.base_url}/api/claims/clm-nope").status_code == 404


def test_api_search_has_the_search_page_filters(live: LiveServer) -> None:
    found = httpx.get(f"{live.base_url}/api/search", params={"status": "denied"}).json()
    assert found["claims"] and {c["status"] for c in found["claims"]} == {"denied"}
    assert found["hits"] == []
    events = httpx.get(f"{live.base_url}/api/search", params={"type": "ASSAULT"}).json()["events"]
    assert events and {e["type"] for e in events} == {"ASSAULT"}
    bad = httpx.get(f"{live.base_url}/api/search", params={"status": "bogus"})
    assert bad.status_code == 422


def test_an_event_type_in_any_case_is_read_as_the_cli_reads_it(live: LiveServer) -> None:
    lower = httpx.get(f"{live.base_url}/api/events", params={"type": "assault"})
    upper = httpx.get(f"{live.base_url}/api/events", params={"type": "ASSAULT"})
    assert lower.status_code == 200 and lower.json() and lower.json() == upper.json()
    assert httpx.get(f"{live.base_url}/api/events", params={"type": "bogus"}).status_code == 422
