"""A corrected article in the browser: the current version says "corrected on …" and links the earlier
text, the earlier text sends its reader to the current one, the story lists only the current version, an
article page links its original URL, and an untitled article is named by its first words."""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser, Page, expect

from newsledger.records import Analysis
from newsledger.store import open_store
from newsledger.store.linker import Linker
from tests.store.articles import KHARKIV, KHARKIV_UPDATE, Story
from tests.store.conftest import analyze_story
from tests.web.conftest import start_server, stop_server

UNTITLED = Story(
    text=(
        "Ukrainian drones struck an oil refinery in Russia's Saratov region overnight, the regional "
        "governor said on Wednesday. A fire broke out at the site and was put out by morning."
    ),
    published=KHARKIV.published,
    outlet="Volga Report",
    url="https://volga.example/saratov-refinery",
    title="",
)


@dataclass(frozen=True)
class Corrected:
    base_url: str
    old: Analysis
    new: Analysis
    untitled: Analysis


@pytest.fixture(scope="module")
def corrected(tmp_path_factory: pytest.TempPathFactory, nlp: object) -> Iterator[Corrected]:
    url = f"sqlite:///{tmp_path_factory.mktemp('corrected') / 'ledger.db'}"
    old, new, untitled = (analyze_story(s) for s in (KHARKIV, KHARKIV_UPDATE, UNTITLED))
    with open_store(url) as store:
        linker = Linker(store)
        for analysis in (old, new, untitled):
            store.ingest(analysis)
            linker.link(analysis)
    process, base_url = start_server(url, secrets.token_urlsafe(16))
    yield Corrected(base_url, old, new, untitled)
    stop_server(process)


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def test_the_current_version_says_corrected_and_links_the_earlier_one(
    corrected: Corrected, page: Page
) -> None:
    page.goto(f"{corrected.base_url}/articles/{corrected.new.article.id}")
    note = page.locator("#version-note")
    expect(note).to_contain_text(re.compile(r"Corrected on \w{3} \d{1,2} \w{3} \d{4}, \d\d:\d\d UTC"))
    note.get_by_role("link", name="read the earlier version").click()
    expect(page).to_have_url(re.compile(f"/articles/{corrected.old.article.id}$"))
    expect(page.locator("#version-note")).to_contain_text("An earlier version")
    page.locator("#version-note").get_by_role("link", name="read the current version").click()
    expect(page).to_have_url(re.compile(f"/articles/{corrected.new.article.id}$"))
    expect(page.locator("a.original")).to_have_attribute("href", KHARKIV.url)


def test_the_story_holds_only_the_current_version(corrected: Corrected, page: Page) -> None:
    page.goto(f"{corrected.base_url}/articles/{corrected.old.article.id}/story")
    body = page.locator("main")
    expect(body).to_contain_text(KHARKIV_UPDATE.title)
    expect(body).not_to_contain_text(KHARKIV.title)


def test_an_untitled_article_is_named_by_its_first_words(corrected: Corrected, page: Page) -> None:
    page.goto(f"{corrected.base_url}/articles/{corrected.untitled.article.id}")
    expect(page.locator("h1")).to_have_text(
        "Ukrainian drones struck an oil refinery in Russia's Saratov region…"
    )
    expect(page).to_have_title(re.compile("^Ukrainian drones struck"))
    expect(page.locator("#version-note")).to_have_count(0)
