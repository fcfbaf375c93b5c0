"""Fetching as a good guest: robots.txt honoured, one request at a time per host with a pause between
them, and a server that says "too many" or fails is left alone for as long as it asks.

- robots.txt is read once per host per run (``/robots.txt``; a 404 allows everything, a 401/403 or an
  unreachable or failing server allows nothing, as the Robots Exclusion Protocol, RFC 9309, says). Its
  ``Crawl-delay`` for newsledger, if longer than ours, is used for that host.
- Requests to one host are spaced by ``min_delay`` seconds. The watcher makes one request at a time, so
  spacing them is all "one at a time per host" takes.
- 429 and 5xx: the host is not asked again before ``Retry-After`` (seconds or a date) or, without it, an
  exponential back-off from ``min_delay``; the request is retried up to ``retries`` times if the wait is at
  most ``max_wait``, else it fails with the wait in its reason and the caller moves on.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.robotparser import RobotFileParser

import httpx

from newsledger.sources.web.fetch import ROBOTS_TYPES, Fetcher, FetchFailed, Response

ROBOTS_AGENT = "newsledger"
MAX_ROBOTS_BYTES = 512 * 1024
MAX_CRAWL_DELAY = 60.0
_BACKOFF_FLOOR = 1.0


class PoliteFetcher:
    """A :class:`Fetcher` behind robots.txt, per-host spacing and back-off; ``get`` takes its arguments."""

    def __init__(
        self,
        fetcher: Fetcher,
        *,
        min_delay: float = 1.0,
        max_wait: float = 60.0,
        retries: int = 2,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.fetcher = fetcher
        self.min_delay = min_delay
        self.max_wait = max_wait
        self.retries = retries
        self.sleep = sleep
        self._next_allowed: dict[str, float] = {}
        self._delays: dict[str, float] = {}
        self._robots: dict[str, RobotFileParser | None] = {}
        self._unreachable: dict[str, str] = {}
        self.requests = 0

    def get(
        self,
        url: str,
        *,
        accept: frozenset[str],
        etag: str | None = None,
        last_modified: str | None = None,
        max_bytes: int | None = None,
    ) -> Response:
        """``Fetcher.get`` if robots.txt allows it, when the host may be asked, retried as the module says."""
        if not self.allowed(url):
            raise FetchFailed(url, "disallowed by the site's robots.txt")
        unreachable = self._unreachable.get(_origin(url))
        if unreachable is not None:
            raise FetchFailed(url, unreachable)
        host = _origin(url)
        attempt = 0
        while True:
            try:
                return self._gated(
                    host,
                    lambda: self.fetcher.get(
                        url, accept=accept, etag=etag, last_modified=last_modified, max_bytes=max_bytes
                    ),
                )
            except FetchFailed as error:
                if error.status is None or not (error.status == 429 or 500 <= error.status < 600):
                    raise
                wait = error.retry_after
                if wait is None:
                    wait = max(_BACKOFF_FLOOR, self.min_delay) * 2**attempt
                self._next_allowed[host] = max(self._next_allowed.get(host, 0.0), time.monotonic() + wait)
                if attempt >= self.retries or wait > self.max_wait:
                    raise
                attempt += 1

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets newsledger fetch ``url`` (read once per host and run); a host whose
        robots.txt could not be reached allows nothing, and its pages fail with that reason."""
        host = _origin(url)
        if host not in self._robots:
            self._robots[host] = self._read_robots(host)
        rules = self._robots[host]
        return host in self._unreachable or rules is None or rules.can_fetch(ROBOTS_AGENT, url)

    def wait_for(self, url: str) -> float:
        """Seconds until the host of ``url`` may be asked again (0 if now)."""
        return max(0.0, self._next_allowed.get(_origin(url), 0.0) - time.monotonic())

    def _read_robots(self, host: str) -> RobotFileParser | None:
        """The host's rules; ``None`` when it has none (everything allowed)."""
        rules = RobotFileParser(f"{host}/robots.txt")
        try:
            response = self._gated(
                host,
                lambda: self.fetcher.get(
                    f"{host}/robots.txt", accept=ROBOTS_TYPES, max_bytes=MAX_ROBOTS_BYTES
                ),
            )
        except FetchFailed as error:
            if error.status is not None and 400 <= error.status < 500 and error.status not in (401, 403):
                return None
            if error.status is None:  # not reached at all: the page will not be either, and says why
                self._unreachable[host] = error.reason
            rules.parse(["User-agent: *", "Disallow: /"])
            return rules
        if response.content_type not in (None, "text/plain"):
            return None  # an HTML "not found" page served with 200: no rules
        rules.parse(response.body.decode("utf-8", "replace").splitlines())
        delay = rules.crawl_delay(ROBOTS_AGENT)
        if delay is not None:
            self._delays[host] = min(float(delay), MAX_CRAWL_DELAY)
        return rules

    def _gated(self, host: str, request: Callable[[], Response]) -> Response:
        wait = self._next_allowed.get(host, 0.0) - time.monotonic()
        if wait > self.max_wait:
            raise FetchFailed(
                host, f"the server asked to wait {wait:.0f} s; trying again later", retry_after=wait
            )
        if wait > 0:
            self.sleep(wait)
        try:
            self.requests += 1
            return request()
        finally:
            delay = max(self.min_delay, self._delays.get(host, 0.0))
            self._next_allowed[host] = max(self._next_allowed.get(host, 0.0), time.monotonic() + delay)


def _origin(url: str) -> str:
    """``scheme://host:port``: what robots.txt and politeness are kept per."""
    parsed = httpx.URL(url)
    port = f":{parsed.port}" if parsed.port else ""
    return f"{parsed.scheme}://{parsed.host}{port}"
