"""Loopback servers for git remotes: a dumb-HTTP git server that wants a password, and a
server that accepts connections and never answers."""

from __future__ import annotations

import base64
import socket
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import git


class PasswordGitServer:
    """Serves the bare repository ``bare`` over git's dumb HTTP protocol to ``user:password``."""

    def __init__(self, bare: Path, user: str, password: str) -> None:
        self.bare = bare
        self.expected = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
        self.authorizations: list[str | None] = []
        server = self

        class Handler(SimpleHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                server.authorizations.append(self.headers.get("Authorization"))
                if self.headers.get("Authorization") != server.expected:
                    self.send_response(401)
                    self.send_header("WWW-Authenticate", 'Basic realm="docs"')
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                super().do_GET()

        root = bare.parent
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(root)))
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def refresh(self) -> None:
        """What the dumb protocol reads (info/refs), after each push."""
        git.Repo(self.bare).git.update_server_info()

    def url(self, userinfo: str = "") -> str:
        host, port = self._server.server_address[:2]
        at = f"{userinfo}@" if userinfo else ""
        return f"http://{at}{host}:{port}/{self.bare.name}"

    def __enter__(self) -> PasswordGitServer:
        self.refresh()
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._server.shutdown()
        self._server.server_close()


class SilentServer:
    """Accepts every connection, reads nothing, answers nothing."""

    def __init__(self) -> None:
        self._socket = socket.socket()
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(16)
        self._held: list[socket.socket] = []
        self._thread = threading.Thread(target=self._accept, daemon=True)

    @property
    def port(self) -> int:
        return int(self._socket.getsockname()[1])

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self._socket.accept()
            except OSError:
                return
            self._held.append(connection)

    def __enter__(self) -> SilentServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._socket.close()
        for connection in self._held:
            connection.close()
