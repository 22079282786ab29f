"""A loopback stand-in for GitHub's REST API: the issue comments of one repository.

A real HTTP server on 127.0.0.1 that answers as GitHub does for listing (paged, with a
``Link`` header), creating and updating issue comments, and refuses a wrong token with
401 "Bad credentials". It records every request (method, path, Authorization header).
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

_LIST = re.compile(r"^/repos/([^/]+/[^/]+)/issues/(\d+)/comments$")
_ONE = re.compile(r"^/repos/([^/]+/[^/]+)/issues/comments/(\d+)$")


@dataclass
class FakeGitHub:
    repository: str
    token: str
    page_size: int = 2
    """Comments per page, whatever ``per_page`` asks: listing takes several pages."""
    comments: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    requests: list[tuple[str, str, str]] = field(default_factory=list)
    url: str = ""
    _next_id: int = 100

    def add_comment(self, number: int, body: str, login: str = "someone") -> dict[str, Any]:
        self._next_id += 1
        comment = {
            "id": self._next_id,
            "body": body,
            "user": {"login": login},
            "html_url": f"https://github.test/{self.repository}/pull/{number}"
            f"#issuecomment-{self._next_id}",
        }
        self.comments.setdefault(number, []).append(comment)
        return comment

    def find(self, comment_id: int) -> dict[str, Any] | None:
        for comments in self.comments.values():
            for comment in comments:
                if comment["id"] == comment_id:
                    return comment
        return None


def _handler(state: FakeGitHub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # quiet
            pass

        def _reply(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

        def _authorised(self) -> bool:
            authorization = self.headers.get("Authorization", "")
            state.requests.append((self.command, self.path, authorization))
            if authorization != f"Bearer {state.token}":
                self._reply(401, {"message": "Bad credentials"})
                return False
            return True

        def _body(self) -> dict[str, Any]:
            length = int(self.headers.get("Content-Length") or 0)
            return json.loads(self.rfile.read(length) or b"{}")

        def do_GET(self) -> None:
            if not self._authorised():
                return
            parts = urlsplit(self.path)
            found = _LIST.match(parts.path)
            if not found or found.group(1) != state.repository:
                self._reply(404, {"message": "Not Found"})
                return
            comments = state.comments.get(int(found.group(2)), [])
            page = int(parse_qs(parts.query).get("page", ["1"])[0])
            start = (page - 1) * state.page_size
            headers = {}
            if start + state.page_size < len(comments):
                headers["Link"] = (
                    f'<{state.url}{parts.path}?per_page=100&page={page + 1}>; rel="next"'
                )
            self._reply(200, comments[start : start + state.page_size], headers)

        def do_POST(self) -> None:
            if not self._authorised():
                return
            found = _LIST.match(urlsplit(self.path).path)
            if not found or found.group(1) != state.repository:
                self._reply(404, {"message": "Not Found"})
                return
            comment = state.add_comment(int(found.group(2)), self._body()["body"], "bot")
            self._reply(201, comment)

        def do_PATCH(self) -> None:
            if not self._authorised():
                return
            found = _ONE.match(urlsplit(self.path).path)
            comment = state.find(int(found.group(2))) if found else None
            if comment is None or found is None or found.group(1) != state.repository:
                self._reply(404, {"message": "Not Found"})
                return
            comment["body"] = self._body()["body"]
            self._reply(200, comment)

    return Handler


@contextmanager
def fake_github(repository: str, token: str) -> Iterator[FakeGitHub]:
    state = FakeGitHub(repository, token)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
