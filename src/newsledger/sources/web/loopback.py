"""A small web site on 127.0.0.1 for the watcher's tests and benchmark: feeds, pages and hostile cases.

A :class:`Site` serves :class:`Route` objects by path from Python's ``http.server`` in a thread and keeps
every request it saw (path and headers), so a test can check what newsledger asked for: conditional
headers, the User-Agent, robots.txt first, the spacing between requests. Routes can answer 304 to a
matching ``If-None-Match``/``If-Modified-Since``, fail a number of times first (429 with Retry-After, 503),
redirect, drip their body a byte at a time, or declare any content type. Nothing here leaves the machine.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType


@dataclass
class Route:
    """What one path answers; the first ``fail_first`` requests get ``fail_status`` (and ``retry_after``)."""

    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    location: str | None = None
    fail_first: int = 0
    fail_status: int = 429
    retry_after: str | None = None
    drip_seconds: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Request:
    path: str
    headers: dict[str, str]
    at: float


class Site:
    """A threaded HTTP server on 127.0.0.1 (a free port), serving ``routes``; 404 for any other path."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def seen(self, path: str) -> list[Request]:
        """The requests made for ``path``, in order."""
        with self._lock:
            return [request for request in self.requests if request.path == path]

    def start(self) -> Site:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> Site:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path
        with self._lock:
            self.requests.append(
                Request(path, {k.lower(): v for k, v in handler.headers.items()}, time.monotonic())
            )
            route = self.routes.get(path)
            failing = route is not None and route.fail_first > 0
            if route is not None and failing:
                route.fail_first -= 1
        if route is None:
            _send(handler, 404, {"Content-Type": "text/plain"}, b"not found")
            return
        if failing:
            headers = {"Content-Type": "text/plain"}
            if route.retry_after is not None:
                headers["Retry-After"] = route.retry_after
            _send(handler, route.fail_status, headers, b"slow down")
            return
        headers = dict(route.headers)
        if route.content_type:
            headers["Content-Type"] = route.content_type
        if route.etag:
            headers["ETag"] = route.etag
        if route.last_modified:
            headers["Last-Modified"] = route.last_modified
        if route.location:
            headers["Location"] = route.location
        matches_etag = route.etag is not None and handler.headers.get("If-None-Match") == route.etag
        matches_date = route.last_modified is not None and (
            handler.headers.get("If-Modified-Since") == route.last_modified
        )
        if route.status == 200 and (matches_etag or matches_date):
            _send(handler, 304, {k: v for k, v in headers.items() if k != "Content-Type"}, b"")
            return
        if route.drip_seconds:
            headers["Content-Length"] = str(len(route.body))
            handler.send_response(route.status)
            for name, value in headers.items():
                handler.send_header(name, value)
            handler.end_headers()
            try:
                for byte in route.body:
                    handler.wfile.write(bytes([byte]))
                    handler.wfile.flush()
                    time.sleep(route.drip_seconds)
            except OSError:  # the client gave up, as it should
                pass
            return
        _send(handler, route.status, headers, route.body)


def _send(handler: BaseHTTPRequestHandler, status: int, headers: dict[str, str], body: bytes) -> None:
    handler.send_response(status)
    for name, value in headers.items():
        handler.send_header(name, value)
    if status != 304:
        handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    if status != 304:
        with contextlib.suppress(OSError):
            handler.wfile.write(body)


def _handler(site: Site) -> Callable[..., BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            site._answer(self)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler
