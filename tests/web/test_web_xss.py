"""Article text is untrusted: an article made of script tags, event handlers and javascript: links is
posted through the API, analyzed, stored and opened in Chromium. Nothing may run; every character must
show as text."""

from __future__ import annotations

import httpx
from playwright.sync_api import Browser, Dialog

from tests.web.conftest import LiveServer

TITLE = "<script>window.__xss = 'title'</script> Council website defaced"
HOSTILE_ARTICLE = """\
Hackers defaced the city council's website on Tuesday, planting code in the comments section, the council's \
spokesperson Maria Jensen said. "We found <script>window.__xss = 'quote'; alert(1)</script> in dozens of \
comments," Jensen told reporters.
According to the security firm Northwind Labs, the attackers also posted images written as \
<img src=x onerror="window.__xss = 'img'; alert(2)"> and links such as \
<a href="javascript:window.__xss = 'link'">claim your refund</a> to lure visitors.
Researchers said other comments carried <div onmouseover="window.__xss = 'hover'">move here</div> and \
<svg onload=window.__xss='svg'></svg>, as well as a broken tag "></mark></span><script>window.__xss = 'break'</script>.
The council said no personal data had been stolen, but the claim has not been confirmed independently. \
Officials, speaking on condition of anonymity, said the site would stay offline until Friday.
"""


def test_hostile_article_shows_as_text_and_runs_nothing(live: LiveServer, browser: Browser) -> None:
    response = httpx.post(
        f"{live.base_url}/api/articles",
        json={"text": HOSTILE_ARTICLE, "title": TITLE, "published": "2025-02-04", "outlet": "<b>Gazette</b>"},
        headers={"Authorization": f"Bearer {live.token}"},
        timeout=120,
    )
    assert response.status_code == 201, response.text
    created = response.json()
    analysis = httpx.get(f"{live.base_url}/api/articles/{created['article_id']}").json()
    assert analysis["attributions"], "the hostile text must be highlighted for the test to mean anything"

    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []

    def dismiss(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.goto(live.base_url + created["page"])
    for record in page.locator(".record").all():  # every record's evidence gets focused once
        if record.is_visible():
            record.click()
    page.locator("#article-text").hover()
    page.mouse.move(10, 10)

    assert page.evaluate("typeof window.__xss") == "undefined"
    assert dialogs == []
    assert page.locator("#article-text").text_content() == analysis["article"]["text"]
    assert page.locator("h1").text_content() == TITLE
    assert (
        page.locator("#article-text script, #article-text img, #article-text a, #article-text svg").count()
        == 0
    )
    assert [s.get_attribute("src") for s in page.locator("script").all()] == ["/static/ledger.js"]
    # The search results and the list of articles print the same text, escaped too.
    page.goto(f"{live.base_url}/search?q=defaced")
    page.goto(f"{live.base_url}/")
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert dialogs == []
    context.close()
