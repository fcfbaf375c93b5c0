"""The fetcher, politeness and feed parsing against a real HTTP server on 127.0.0.1 (no store, no spaCy).

Every hostile case must fail with a reason and cost one request at most; nothing here leaves the machine.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator

import pytest

from newsledger.sources.web.addresses import BlockedAddress, GuardedBackend, is_public
from newsledger.sources.web.feeds import FeedUnreadable, parse_feed
from newsledger.sources.web.fetch import (
    FEED_TYPES,
    PAGE_TYPES,
    USER_AGENT,
    Fetcher,
    FetchFailed,
    FetchLimits,
    parse_content_type,
    parse_retry_after,
)
from newsledger.sources.web.loopback import Route, Site
from newsledger.sources.web.pages import canonical_url, modified_date, read_page
from newsledger.sources.web.polite import PoliteFetcher

PAGE = b"""<!doctype html><html><head><meta charset="utf-8"><title>Ceasefire talks resume in Doha</title>
<link rel="canonical" href="/world/ceasefire-talks?utm=rss#top">
<meta property="article:published_time" content="2025-03-10T08:00:00Z">
<meta property="article:modified_time" content="2025-03-11T17:30:00Z"></head><body><article>
<h1>Ceasefire talks resume in Doha</h1>
<p>Negotiators from both sides returned to Doha on Monday for a new round of ceasefire talks, Qatari
officials said, after a week in which the fighting around the northern towns intensified.</p>
<p>A senior diplomat said the mediators hoped to agree on an exchange of prisoners before the end of the
month, but warned that the gaps between the two delegations remained wide.</p>
</article></body></html>"""


@pytest.fixture
def site() -> Iterator[Site]:
    with Site() as running:
        running.routes["/robots.txt"] = Route(
            b"User-agent: *\nDisallow: /members/\n", content_type="text/plain"
        )
        yield running


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(allow_private=True, limits=FetchLimits(read_timeout=5, deadline=1)) as opened:
        yield opened


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.9", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),  # cloud metadata services live here
        ("100.64.0.1", False),  # carrier-grade NAT
        ("224.0.0.251", False),
        ("0.0.0.0", False),
        ("::1", False),
        ("fe80::1", False),
        ("fd00::1", False),
        ("::ffff:127.0.0.1", False),  # loopback dressed as IPv6
        ("ff02::1", False),
        ("151.101.1.69", True),
        ("2a04:4e42::81", True),
    ],
)
def test_only_public_unicast_addresses_are_public(address: str, public: bool) -> None:
    assert is_public(ipaddress.ip_address(address)) is public


def test_loopback_is_refused_without_allow_private_and_no_request_is_made(site: Site) -> None:
    site.routes["/news.html"] = Route(PAGE)
    with Fetcher() as guarded, pytest.raises(FetchFailed, match=r"127\.0\.0\.1, a loopback, private"):
        guarded.get(site.url("/news.html"), accept=PAGE_TYPES)
    assert site.requests == []


def test_a_name_is_checked_on_the_addresses_it_resolves_to() -> None:
    with pytest.raises(BlockedAddress, match="localhost resolves to"):
        GuardedBackend(allow_private=False).connect_tcp("localhost", 80, timeout=1)


def test_a_page_comes_back_with_its_type_charset_validators_and_user_agent(
    site: Site, fetcher: Fetcher
) -> None:
    site.routes["/news.html"] = Route(PAGE, etag='"abc"', last_modified="Tue, 11 Mar 2025 17:30:00 GMT")
    response = fetcher.get(site.url("/news.html"), accept=PAGE_TYPES)
    assert (response.status, response.content_type, response.charset) == (200, "text/html", "utf-8")
    assert (response.etag, response.last_modified) == ('"abc"', "Tue, 11 Mar 2025 17:30:00 GMT")
    assert response.body == PAGE
    assert site.requests[0].headers["user-agent"] == USER_AGENT
    assert USER_AGENT.startswith("newsledger/")


def test_validators_are_sent_back_and_a_304_is_a_result(site: Site, fetcher: Fetcher) -> None:
    site.routes["/feed.xml"] = Route(b"<rss/>", content_type="application/rss+xml", etag='"v7"')
    response = fetcher.get(site.url("/feed.xml"), accept=FEED_TYPES, etag='"v7"')
    assert response.not_modified and response.body == b""
    assert site.requests[-1].headers["if-none-match"] == '"v7"'


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        (Route(b"%PDF-1.7 ...", content_type="application/pdf"), "content type application/pdf"),
        (Route(b"\x89PNG\r\n\x1a\n....", content_type="text/html"), "the body is image/png"),
        (Route(b"x" * 5000), "over the limit of 4 KB"),
        (Route(b"gone", status=410), "HTTP 410"),
        (Route(b"", status=301, location="/loop-b"), "redirect loop"),
        (Route(PAGE, drip_seconds=0.05), "too slow: not complete after 1 s"),
        (Route(b"", status=302, location="ftp://127.0.0.1/file"), "only http and https"),
    ],
    ids=["pdf", "image-as-html", "too-large", "gone", "redirect-loop", "drip", "ftp-redirect"],
)
def test_hostile_responses_fail_with_their_reason(
    site: Site, fetcher: Fetcher, route: Route, reason: str
) -> None:
    site.routes["/item"] = route
    site.routes["/loop-b"] = Route(b"", status=302, location="/item")
    with pytest.raises(FetchFailed, match=reason):
        fetcher.get(site.url("/item"), accept=PAGE_TYPES, max_bytes=4096)


def test_a_declared_size_over_the_cap_is_refused_before_the_body_is_read(
    site: Site, fetcher: Fetcher
) -> None:
    site.routes["/huge.html"] = Route(b"<p>" + b"a" * (50 * 1024 * 1024))
    with pytest.raises(FetchFailed, match="50 MB, over the limit of 20 MB"):
        fetcher.get(site.url("/huge.html"), accept=PAGE_TYPES)


def test_redirects_are_followed_up_to_the_limit(site: Site) -> None:
    for hop in range(4):
        site.routes[f"/r{hop}"] = Route(b"", status=302, location=f"/r{hop + 1}")
    site.routes["/r4"] = Route(PAGE)
    with Fetcher(allow_private=True, limits=FetchLimits(max_redirects=4)) as fetcher:
        assert fetcher.get(site.url("/r0"), accept=PAGE_TYPES).final_url == site.url("/r4")
    limits = FetchLimits(max_redirects=3)
    with (
        Fetcher(allow_private=True, limits=limits) as fetcher,
        pytest.raises(FetchFailed, match="more than 3"),
    ):
        fetcher.get(site.url("/r0"), accept=PAGE_TYPES)


def test_429_is_retried_after_the_wait_the_server_asked_for(site: Site, fetcher: Fetcher) -> None:
    site.routes["/feed.xml"] = Route(b"<rss/>", content_type="text/xml", fail_first=1, retry_after="2")
    waits: list[float] = []
    polite = PoliteFetcher(fetcher, min_delay=0, sleep=waits.append)
    assert polite.get(site.url("/feed.xml"), accept=FEED_TYPES).status == 200
    assert [request.path for request in site.requests] == ["/robots.txt", "/feed.xml", "/feed.xml"]
    assert len(waits) == 1 and 1.0 < waits[0] <= 2.0


def test_a_long_retry_after_is_not_waited_for_but_reported(site: Site, fetcher: Fetcher) -> None:
    site.routes["/feed.xml"] = Route(b"<rss/>", fail_first=5, fail_status=503, retry_after="3600")
    polite = PoliteFetcher(fetcher, min_delay=0, sleep=lambda _: None)
    with pytest.raises(FetchFailed, match="HTTP 503") as failure:
        polite.get(site.url("/feed.xml"), accept=FEED_TYPES)
    assert failure.value.retry_after == 3600
    assert len(site.seen("/feed.xml")) == 1
    with pytest.raises(FetchFailed, match="asked to wait"):  # the host is left alone meanwhile
        polite.get(site.url("/other.xml"), accept=FEED_TYPES)
    assert site.seen("/other.xml") == []


def test_5xx_without_retry_after_backs_off_exponentially(site: Site, fetcher: Fetcher) -> None:
    site.routes["/feed.xml"] = Route(b"<rss/>", content_type="text/xml", fail_first=2, fail_status=502)
    waits: list[float] = []
    polite = PoliteFetcher(fetcher, min_delay=0, sleep=waits.append)
    assert polite.get(site.url("/feed.xml"), accept=FEED_TYPES).status == 200
    assert len(waits) == 2 and waits[1] > waits[0] > 0.5


def test_robots_txt_is_read_once_and_honoured(site: Site, fetcher: Fetcher) -> None:
    site.routes["/members/report.html"] = Route(PAGE)
    site.routes["/news.html"] = Route(PAGE)
    polite = PoliteFetcher(fetcher, min_delay=0)
    with pytest.raises(FetchFailed, match=r"robots\.txt"):
        polite.get(site.url("/members/report.html"), accept=PAGE_TYPES)
    polite.get(site.url("/news.html"), accept=PAGE_TYPES)
    assert [request.path for request in site.requests] == ["/robots.txt", "/news.html"]


def test_requests_to_one_host_are_spaced_by_the_minimum_delay(site: Site, fetcher: Fetcher) -> None:
    site.routes["/a.html"] = Route(PAGE)
    site.routes["/b.html"] = Route(PAGE)
    waits: list[float] = []
    polite = PoliteFetcher(fetcher, min_delay=30, max_wait=60, sleep=waits.append)
    polite.get(site.url("/a.html"), accept=PAGE_TYPES)  # after robots.txt: one wait
    polite.get(site.url("/b.html"), accept=PAGE_TYPES)  # and one more
    assert len(waits) == 2 and all(25 < wait <= 30 for wait in waits)


def test_a_fetched_page_keeps_its_canonical_url_and_dates(site: Site, fetcher: Fetcher) -> None:
    site.routes["/news.html"] = Route(PAGE, last_modified="Tue, 11 Mar 2025 17:30:00 GMT")
    article, facts = read_page(fetcher.get(site.url("/news.html"), accept=PAGE_TYPES))
    assert article.url == facts.canonical_url == site.url("/world/ceasefire-talks?utm=rss")
    assert article.title == "Ceasefire talks resume in Doha"
    assert str(facts.published) == "2025-03-10" and str(facts.modified) == "2025-03-11"
    assert facts.last_modified == "Tue, 11 Mar 2025 17:30:00 GMT"
    assert article.text.startswith("Negotiators from both sides")


def test_a_canonical_url_on_another_host_is_not_believed() -> None:
    fetched = "http://news.example.org/a/1.html"
    assert canonical_url("https://victim.example.com/their-story", fetched) == fetched
    assert canonical_url("javascript:alert(1)", fetched) == fetched
    assert canonical_url("/a/1.html#comments", fetched) == fetched
    assert canonical_url(None, fetched + "#x") == fetched


def test_modified_date_from_json_ld() -> None:
    page = '<html><script type="application/ld+json">{"dateModified": "2025-04-02T10:00:00+02:00"}</script></html>'
    assert str(modified_date(page)) == "2025-04-02"
    assert modified_date("<html><p>no dates</p></html>") is None


def test_content_type_and_retry_after_parsing() -> None:
    assert parse_content_type('text/HTML; Charset="ISO-8859-1"') == ("text/html", "iso8859-1")
    assert parse_content_type("text/html; charset=x-no-such-thing") == ("text/html", None)
    assert parse_retry_after("120") == 120
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0
    assert parse_retry_after("soon") is None


RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Kyiv Ledger</title>
<item><title>Strike on Odesa &lt;script&gt;alert(1)&lt;/script&gt;</title><link>/news/odesa.html#top</link>
<guid isPermaLink="false">odesa-1</guid><pubDate>Mon, 10 Mar 2025 08:00:00 GMT</pubDate></item>
<item><title>No link here</title><link>javascript:alert(1)</link></item>
</channel></rss>"""
RDF = b"""<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
xmlns="http://purl.org/rss/1.0/"><channel rdf:about="http://x/"><title>Wire</title></channel>
<item rdf:about="http://wire.example/1"><title>Sanctions agreed</title><link>http://wire.example/1</link></item>
</rdf:RDF>"""
ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Observer</title>
<entry><title>Protest in Tbilisi</title><link href="https://observer.example/tbilisi"/><id>tag:observer,1</id>
<updated>2025-03-14T10:00:00Z</updated></entry></feed>"""
SITEMAP = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://desk.example/a</loc>
<news:news><news:publication_date>2025-03-12</news:publication_date><news:title>Shadow fleet</news:title>
</news:news></url></urlset>"""
INDEX = b"""<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>/sitemap-news.xml</loc></sitemap></sitemapindex>"""


def test_feed_formats_give_their_entries() -> None:
    rss = parse_feed(RSS, url="http://kyiv.example/feed.xml")
    assert rss.format == "rss20" and rss.title == "Kyiv Ledger"
    [odesa] = rss.items
    assert (odesa.link, odesa.key) == ("http://kyiv.example/news/odesa.html", "odesa-1")
    assert odesa.title == "Strike on Odesa <script>alert(1)</script>"  # text: escaped wherever shown
    assert rss.skipped == ["entry 'No link here' has no http(s) link"]
    assert [i.link for i in parse_feed(RDF, url="http://wire.example/rss").items] == ["http://wire.example/1"]
    atom = parse_feed(ATOM, url="https://observer.example/atom.xml")
    assert (atom.format, atom.items[0].key, atom.items[0].updated) == (
        "atom10",
        "tag:observer,1",
        "2025-03-14T10:00:00Z",
    )
    news = parse_feed(SITEMAP, url="https://desk.example/sitemap.xml")
    assert (news.format, news.items[0].title, news.items[0].updated) == (
        "sitemap",
        "Shadow fleet",
        "2025-03-12",
    )
    index = parse_feed(INDEX, url="https://desk.example/sitemap.xml")
    assert index.sitemaps == ["https://desk.example/sitemap-news.xml"]


def test_a_huge_feed_gives_its_first_entries_and_says_how_many_it_dropped() -> None:
    items = b"".join(b"<item><link>http://x.example/%d</link></item>" % n for n in range(1500))
    parsed = parse_feed(
        b'<rss version="2.0"><channel>' + items + b"</channel></rss>", url="http://x.example/"
    )
    assert (len(parsed.items), parsed.dropped) == (1000, 500)


@pytest.mark.parametrize(
    "body",
    [
        b"<html><body>Not a feed at all</body></html>",
        b"\x00\x01binary",
        b'<?xml version="1.0"?><urlset><url>',
    ],
)
def test_what_is_not_a_feed_is_unreadable(body: bytes) -> None:
    with pytest.raises(FeedUnreadable):
        parse_feed(body, url="http://x.example/feed")


def test_entities_are_not_expanded_in_sitemaps() -> None:
    bomb = b"""<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://x.example/&b;</loc></url></urlset>"""
    parsed = parse_feed(bomb, url="https://x.example/sitemap.xml")
    assert all("aaaaaaaaaa" not in item.link for item in parsed.items)
