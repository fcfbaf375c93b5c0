"""The entity page suggests names when nothing is found under the one asked for, as the CLI does."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.web.conftest import LiveServer


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def test_a_partial_name_gets_suggestions_that_lead_to_the_entity(live: LiveServer, page: Page) -> None:
    response = page.goto(f"{live.base_url}/entities/Tkachenko")
    assert response is not None and response.status == 404
    suggestion = page.locator("#suggestions").get_by_role("link", name="Mykola Tkachenko")
    expect(suggestion).to_be_visible()
    suggestion.click()
    expect(page).to_have_url(re.compile("/entities/Mykola%20Tkachenko$"))
    expect(page.locator("h1")).to_have_text("Mykola Tkachenko")
    first_date = page.locator("table.said tbody tr td").first
    expect(first_date).to_have_text(
        re.compile(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2} \d{4}$")
    )
