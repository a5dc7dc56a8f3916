"""A news server on 127.0.0.1 for the polling tests, and settings that keep its slow answers short.

The server answers only what a test gave it (`add`), honours ETag and Last-Modified with 304s, can
answer late (`delay`) to make a client time out, and records every request's path and headers.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "application/xml; charset=utf-8"
    etag: str = ""
    last_modified: str = ""
    delay: float = 0.0
    location: str = ""  # sent as `Location`: with a 3xx status, a redirect


@dataclass
class NewsServer:
    base: str = ""
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def add(self, path: str, body: bytes = b"", **options) -> str:
        self.routes[path] = Route(body=body, **options)
        return self.base + path

    def hits(self, path: str) -> list[dict[str, str]]:
        """The headers of every request for `path`, in order."""
        return [headers for requested, headers in self.requests if requested == path]


def _handler(server: NewsServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            path = self.path.split("?", 1)[0]
            server.requests.append((path, {key.lower(): value for key, value in self.headers.items()}))
            route = server.routes.get(path)
            if route is None:
                self._answer(404, b"not found", "text/plain")
                return
            time.sleep(route.delay)
            etag_matches = route.etag and self.headers.get("If-None-Match") == route.etag
            date_matches = route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified
            if etag_matches or (date_matches and not self.headers.get("If-None-Match")):
                self._answer(304, b"", route.content_type, route)
                return
            self._answer(route.status, route.body, route.content_type, route)

        def _answer(self, status: int, body: bytes, content_type: str, route: Route | None = None) -> None:
            try:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                if route is not None and route.etag:
                    self.send_header("ETag", route.etag)
                if route is not None and route.last_modified:
                    self.send_header("Last-Modified", route.last_modified)
                if route is not None and route.location:
                    self.send_header("Location", route.location)
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up waiting: what a timeout test wants
                pass

        def log_message(self, format: str, *args) -> None:  # noqa: A002 (http.server's signature)
            pass

    return Handler


@pytest.fixture
def news_server(settings):
    """The server listens on 127.0.0.1, which sources reach only where private addresses are allowed."""
    settings.SOURCE_PRIVATE_TARGETS = True
    server = NewsServer()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(server))
    httpd.daemon_threads = True
    httpd.handle_error = lambda request, address: None  # a client that timed out is not a test failure
    server.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def fast_polling(settings):
    """Short timeouts and retry waits, so a source that never answers costs the suite a second, not minutes."""
    settings.SOURCE_FETCH_TIMEOUT = 0.4
    settings.SOURCE_FETCH_RETRIES = 1
    settings.SOURCE_RETRY_DELAY = 0.01
    return settings


@pytest.fixture(scope="package", autouse=True)
def migrated_state_put_back(django_db_setup, django_db_blocker) -> Iterator[None]:
    """After the worker and scheduler tests' flush, put back the migrated state (reference data, permissions).

    Later tests, and the next `--reuse-db` run, expect it.
    """
    yield
    from django.db import connections

    with django_db_blocker.unblock():
        for connection in connections.all():
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents:
                connection.creation.deserialize_db_from_string(contents)
