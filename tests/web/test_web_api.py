"""The JSON API and the HTTP edges of the live server: headers, tokens, bad bodies, read closing."""

from __future__ import annotations

import json

import httpx

from newsledger.records import Analysis
from newsledger.store import open_store, queries
from tests.web.conftest import BODY_LIMIT, Ledger, LiveServer


def test_api_article_round_trips_the_stored_analysis(live: LiveServer, ledger: Ledger) -> None:
    response = httpx.get(f"{live.base_url}/api/articles/{ledger.seed.article.id}")
    assert response.status_code == 200
    assert Analysis.model_validate(response.json()) == ledger.seed


def test_api_lists_every_ingested_article(live: LiveServer, ledger: Ledger) -> None:
    listed = {row["article_id"] for row in httpx.get(f"{live.base_url}/api/articles?limit=100").json()}
    assert listed >= {a.article.id for a in [ledger.seed, *ledger.corpus]}


def test_api_search_finds_the_seed_by_its_words(live: LiveServer, ledger: Ledger) -> None:
    hits = httpx.get(f"{live.base_url}/api/search", params={"q": "Dzhabarov"}).json()["hits"]
    assert ledger.seed.article.id in {hit["article_id"] for hit in hits}


def test_api_claims_filter_by_status(live: LiveServer) -> None:
    rows = httpx.get(f"{live.base_url}/api/claims", params={"status": "hedged"}).json()
    assert rows and {row["status"] for row in rows} == {"hedged"}


def test_unknown_article_is_404_with_a_message(live: LiveServer) -> None:
    response = httpx.get(f"{live.base_url}/api/articles/0000000000000000")
    assert response.status_code == 404
    assert "no article" in response.json()["detail"]


def test_every_response_carries_the_security_headers(live: LiveServer, ledger: Ledger) -> None:
    for path in ["/", f"/articles/{ledger.seed.article.id}", "/api/articles", "/no-such-page"]:
        headers = httpx.get(live.base_url + path).headers
        policy = headers["content-security-policy"]
        assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy, path
        assert "unsafe-inline" not in policy, path
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"


def test_writing_without_a_token_is_401(live: LiveServer) -> None:
    response = httpx.post(f"{live.base_url}/api/articles", json={"text": "Some text."})
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert "Authorization: Bearer" in response.json()["detail"]


def test_writing_with_a_wrong_token_is_403(live: LiveServer) -> None:
    response = httpx.post(
        f"{live.base_url}/api/articles",
        json={"text": "Some text."},
        headers={"Authorization": f"Bearer {live.token}x"},
    )
    assert response.status_code == 403
    assert response.json()["detail"] == "the token is wrong"


def test_malformed_json_is_400_with_the_reason(live: LiveServer) -> None:
    response = httpx.post(
        f"{live.base_url}/api/articles",
        content=b'{"text": "unfinished',
        headers={"Authorization": f"Bearer {live.token}", "Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert response.json()["detail"].startswith("malformed JSON")


def test_unknown_fields_are_422(live: LiveServer) -> None:
    response = httpx.post(
        f"{live.base_url}/api/articles",
        json={"text": "Some text.", "author": "someone"},
        headers={"Authorization": f"Bearer {live.token}"},
    )
    assert response.status_code == 422
    assert any(error["loc"][-1] == "author" for error in response.json()["detail"])


def test_oversized_body_is_413_declared_or_streamed(live: LiveServer) -> None:
    body = json.dumps({"text": "word " * BODY_LIMIT}).encode()
    headers = {"Authorization": f"Bearer {live.token}", "Content-Type": "application/json"}
    declared = httpx.post(f"{live.base_url}/api/articles", content=body, headers=headers)
    assert declared.status_code == 413
    assert str(BODY_LIMIT) in declared.json()["detail"]

    def chunks() -> list[bytes]:  # no Content-Length: the server must count what arrives
        return [body[i : i + 65536] for i in range(0, len(body), 65536)]

    streamed = httpx.post(f"{live.base_url}/api/articles", content=iter(chunks()), headers=headers)
    assert streamed.status_code == 413


def test_closed_ledger_needs_the_token_to_read(live_closed: LiveServer) -> None:
    assert httpx.get(f"{live_closed.base_url}/api/articles").status_code == 401
    assert httpx.get(f"{live_closed.base_url}/").status_code == 401
    wrong = httpx.get(f"{live_closed.base_url}/api/articles", headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 403
    right = httpx.get(
        f"{live_closed.base_url}/api/articles", headers={"Authorization": f"Bearer {live_closed.token}"}
    )
    assert right.status_code == 200 and right.json()


def test_text_that_is_not_an_article_is_422_and_kept_as_a_failure(live: LiveServer, ledger: Ledger) -> None:
    response = httpx.post(
        f"{live.base_url}/api/articles",
        json={"text": "   \n  "},
        headers={"Authorization": f"Bearer {live.token}"},
    )
    assert response.status_code == 422
    assert "no text" in response.json()["detail"]
    with open_store(ledger.url) as store:
        assert any(f.source == "POST /api/articles" for f in queries.failures(store))


def test_api_stories_match_the_story_page(live: LiveServer) -> None:
    summaries = httpx.get(f"{live.base_url}/api/stories").json()
    articles = httpx.get(f"{live.base_url}/api/articles", params={"limit": 500}).json()
    assert sum(s["articles"] for s in summaries) == len(articles)
    largest = summaries[0]
    story = httpx.get(f"{live.base_url}/api/stories/{largest['story_id']}").json()
    assert len(story["articles"]) == largest["articles"] > 1
    texts = {
        a["article_id"]: httpx.get(f"{live.base_url}/api/articles/{a['article_id']}").json()["article"][
            "text"
        ]
        for a in story["articles"]
    }
    for event in story["events"]:
        for telling in event["tellings"]:
            assert texts[telling["article_id"]][telling["start"] : telling["end"]] == telling["trigger"]
    for claim in story["claims"]:
        assert len({entry["article_id"] for entry in claim["history"]}) > 1
        assert [e["status"] for e in claim["status_changes"]] == [
            e["status"]
            for i, e in enumerate(claim["history"])
            if i == 0 or e["status"] != claim["history"][i - 1]["status"]
        ]
    page = httpx.get(f"{live.base_url}/stories/{largest['story_id']}").text
    assert page.count('class="story-event"') == len(story["events"])
    assert page.count('class="story-claim') == len(story["claims"])
    assert httpx.get(f"{live.base_url}/api/stories/nope").status_code == 404
