"""One HTTP GET on a user's behalf, bounded in every way a hostile server could stretch it.

- Time: a connect timeout, a read timeout between bytes, and a deadline for the whole response, because a
  server that drips one byte a second never trips a read timeout.
- Size: ``Content-Length`` over the cap is refused before the body is read, and the body is counted as it
  arrives (decompressed, so a gzip bomb is counted at its real size).
- Redirects: followed by hand, at most ``max_redirects``, http and https only, a loop named as one. Every
  hop connects through :class:`~newsledger.sources.web.addresses.GuardedBackend`, so a redirect to a
  private address is refused like a link to one.
- Content type: checked from the headers before the body is read, so a PDF or an image costs one request
  and no download; a declared charset that Python does not know is dropped rather than trusted.
- Conditional requests: ``etag`` and ``last_modified`` are sent back as ``If-None-Match`` and
  ``If-Modified-Since``; a 304 is a result, not an error.

No proxy from the environment is used (``trust_env=False``): a proxy would make the address check
meaningless, since the connection would go to the proxy.
"""

from __future__ import annotations

import codecs
import email.utils
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from types import TracebackType

import httpcore
import httpx

from newsledger.errors import InputError
from newsledger.sources.limits import MAX_FILE_BYTES, describe_bytes
from newsledger.sources.web.addresses import BlockedAddress, GuardedBackend

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset({
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
    "text/xml", "application/x-rss+xml", "text/rss+xml", "application/feed+xml", "text/plain",
})  # fmt: skip
"""What feeds are served as; ``text/plain`` too (misconfigured servers), since the parser decides."""
ROBOTS_TYPES = frozenset({"text/plain"})
_MAGIC = {
    b"%PDF": "application/pdf",
    b"\x89PNG": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
    b"GIF8": "image/gif",
}


def _package_version() -> str:
    try:
        return version("newsledger")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "0"


USER_AGENT = f"newsledger/{_package_version()} (news ledger; polls feeds politely, honours robots.txt)"


class FetchFailed(InputError):
    """A URL that gave no usable response; ``status`` and ``retry_after`` (seconds) when the server said."""

    def __init__(
        self, source: str, reason: str, *, status: int | None = None, retry_after: float | None = None
    ) -> None:
        super().__init__(source, reason)
        self.status = status
        self.retry_after = retry_after


@dataclass(frozen=True)
class FetchLimits:
    """How long and how much one fetch may take."""

    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    deadline: float = 60.0
    max_bytes: int = MAX_FILE_BYTES
    max_redirects: int = 5


@dataclass(frozen=True)
class Response:
    """A response as newsledger keeps it: the body whole, the headers it uses, and when it was fetched."""

    url: str
    final_url: str
    status: int
    content_type: str | None
    charset: str | None
    body: bytes
    etag: str | None
    last_modified: str | None
    fetched_at: datetime

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class Fetcher:
    """An HTTP client for pages, feeds and robots.txt; one per process, closed when done."""

    def __init__(
        self, *, allow_private: bool = False, limits: FetchLimits | None = None, user_agent: str = USER_AGENT
    ) -> None:
        self.limits = limits or FetchLimits()
        transport = httpx.HTTPTransport(trust_env=False)
        # httpx builds its pool with the default network backend; the same pool with the guarded one:
        transport._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            network_backend=GuardedBackend(allow_private=allow_private),
        )
        timeout = httpx.Timeout(
            self.limits.read_timeout, connect=self.limits.connect_timeout, pool=self.limits.connect_timeout
        )
        self.client = httpx.Client(
            transport=transport,
            timeout=timeout,
            follow_redirects=False,
            trust_env=False,
            headers={"User-Agent": user_agent},
        )

    def get(
        self,
        url: str,
        *,
        accept: frozenset[str],
        etag: str | None = None,
        last_modified: str | None = None,
        max_bytes: int | None = None,
    ) -> Response:
        """GET ``url``; raises :class:`FetchFailed` with the reason for anything but a usable response.

        ``accept`` is the set of media types wanted; a response of another type is refused unread. A 304
        comes back as a ``Response`` with an empty body.
        """
        cap = max_bytes or self.limits.max_bytes
        headers = {"Accept": ", ".join(sorted(accept)) + ", */*;q=0.1"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        started = time.monotonic()
        seen: list[str] = []
        current = url
        while True:
            _check_scheme(url, current)
            if current in seen:
                raise FetchFailed(url, f"redirect loop: {current} again after {len(seen) - 1} redirects")
            seen.append(current)
            if len(seen) > self.limits.max_redirects + 1:
                raise FetchFailed(url, f"more than {self.limits.max_redirects} redirects")
            try:
                with self.client.stream("GET", current, headers=headers) as response:
                    location = response.headers.get("location")
                    if response.status_code in REDIRECT_STATUSES and location:
                        current = str(response.url.join(location.strip()))
                        continue
                    return self._read(url, response, accept=accept, cap=cap, started=started)
            except BlockedAddress as error:
                raise FetchFailed(url, str(error)) from error
            except httpx.TimeoutException as error:
                raise FetchFailed(url, f"timed out ({type(error).__name__})") from error
            except (httpx.HTTPError, httpcore.ConnectError) as error:
                raise FetchFailed(url, f"could not be fetched ({type(error).__name__}: {error})") from error

    def _read(
        self, url: str, response: httpx.Response, *, accept: frozenset[str], cap: int, started: float
    ) -> Response:
        status = response.status_code
        final_url = str(response.url)
        if status >= 400:
            retry_after = parse_retry_after(response.headers.get("retry-after"))
            reason = f"HTTP {status} {response.reason_phrase}".rstrip()
            if retry_after is not None:
                reason += f", retry after {retry_after:g} s"
            raise FetchFailed(url, reason, status=status, retry_after=retry_after)
        media_type, charset = parse_content_type(response.headers.get("content-type"))
        if status == 304:
            body = b""
        elif status != 200:
            raise FetchFailed(url, f"HTTP {status} {response.reason_phrase}: not a page", status=status)
        else:
            if media_type is not None and media_type not in accept:
                raise FetchFailed(url, f"content type {media_type}, not one of {', '.join(sorted(accept))}")
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > cap:
                raise FetchFailed(
                    url, f"{describe_bytes(int(declared))}, over the limit of {describe_bytes(cap)}"
                )
            body = self._body(url, response, cap=cap, started=started)
            sniffed = next((kind for magic, kind in _MAGIC.items() if body.startswith(magic)), None)
            if sniffed is not None:
                raise FetchFailed(url, f"the body is {sniffed} (served as {media_type or 'no type'})")
        return Response(
            url=url,
            final_url=final_url,
            status=status,
            content_type=media_type,
            charset=charset,
            body=body,
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
            fetched_at=datetime.now(UTC),
        )

    def _body(self, url: str, response: httpx.Response, *, cap: int, started: float) -> bytes:
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > cap:
                raise FetchFailed(url, f"over the limit of {describe_bytes(cap)}")
            if time.monotonic() - started > self.limits.deadline:
                raise FetchFailed(url, f"too slow: not complete after {self.limits.deadline:g} s")
            chunks.append(chunk)
        return b"".join(chunks)

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _check_scheme(url: str, current: str) -> None:
    scheme = httpx.URL(current).scheme
    if scheme not in ("http", "https"):
        raise FetchFailed(url, f"{current}: only http and https URLs are fetched, not {scheme or 'this'}")


def parse_content_type(value: str | None) -> tuple[str | None, str | None]:
    """``("text/html", "utf-8")`` from a Content-Type header; a charset Python does not know is ``None``."""
    if not value:
        return None, None
    media_type, _, parameters = value.partition(";")
    charset = None
    for parameter in parameters.split(";"):
        name, _, given = parameter.partition("=")
        if name.strip().lower() == "charset":
            label = given.strip().strip("\"'").lower()
            try:
                charset = codecs.lookup(label).name if label else None
            except LookupError:
                charset = None
    return media_type.strip().lower() or None, charset


def parse_retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date), never negative."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
