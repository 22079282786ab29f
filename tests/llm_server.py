"""A model service on 127.0.0.1 that speaks the OpenAI HTTP API, for tests and benchmarks.

It answers chat completions (OpenAI ``/v1``, Azure ``/openai/deployments/NAME`` and Azure
``/openai/v1``), files and batches. Replies are made by a *responder* from the request;
*faults* queued by a test change what the next chat requests get (``ok``: nothing), a 429
with Retry-After, a 500, a reply slower than the client's timeout, invalid JSON, an
off-schema label, a cut reply (``finish_reason=length``), a dropped connection, a 401, a 400
that finds fault with the request's schema (``bad_schema``).
A test can also say what the model answers for one file: ``answer_for(path, type=...)``, and
which response formats the server rejects with HTTP 400 (``rejects=("json_schema",)``);
``hang=("file",)`` makes a server that reads the chat requests of those purposes and never
answers them.

With a :class:`RateLimit`, the service enforces an OpenAI-style budget of tokens and requests
per minute (a minute may be made shorter, for tests): a request costs its prompt's tokens
plus its ``max_tokens`` when it arrives, the budget refills evenly, a request over budget is
answered 429 with ``retry-after-ms``/``retry-after``, and every reply states the budget in
``x-ratelimit-*`` headers, the way OpenAI does (``headers=False``: no such headers).
"""

from __future__ import annotations

import email
import itertools
import json
import math
import re
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Responder = Callable[[str, dict[str, Any]], dict[str, Any]]
"""(purpose, request body) -> the reply's JSON content."""


STATUS_TYPES = {"removed": "breaking change", "added": "new feature"}
"""What ``agreeable`` answers for a file of each status; any other status: a minor update."""


def agreeable(purpose: str, request: dict[str, Any]) -> dict[str, Any]:
    """A model that judges a file by its status alone (``STATUS_TYPES``) and writes plain
    text."""
    prompt = next(
        message["content"] for message in request["messages"] if message["role"] == "user"
    )
    path = _field(prompt, "File") or "the file"
    locale = _field(prompt, "Write in") or "en_US"
    if purpose == "file":
        status = (_field(prompt, "Status") or "").split(" ", 1)[0]
        kind = STATUS_TYPES.get(status, "minor update")
        name = path.rsplit("/", 1)[-1]
        codes = re.findall(r"\b[a-z]{2}_[A-Z]{2}\b", locale)
        texts = {
            code: {"title": f"[{code}] title of {name}", "explanation": f"About {path}."}
            for code in codes
        }
        return {"type": kind, "reason": "the structural signals", "texts": texts}
    if purpose == "localize":
        return {
            "title": f"[{locale}] localized title",
            "explanation": f"Localized explanation in {locale}.",
        }
    if purpose == "overview":
        return {
            "highlights": f"Highlights in {locale}.",
            "new_features": ["A new feature."],
            "breaking_changes": [],
            "other_updates": ["Other updates."],
            "insights": "An insight.",
        }
    return {"summary": f"A summary in {locale}."}


ANCHOR_REPLY = """### Summary

```json
{
    "modification_type": "minor update",
    "modification_title": "Updated the page"
}
```

### Explanation
The page was updated. Several lines changed to keep the documentation accurate and current."""


_STATUSES = {"429": 429, "500": 500, "401": 401, "format": 400, "bad_schema": 400}


def _purpose(request: dict[str, Any]) -> str:
    """The schema's name; in JSON mode, the name the system message gives the schema."""
    response_format = request.get("response_format") or {}
    if response_format.get("type") == "json_schema":
        return response_format["json_schema"]["name"]
    if response_format.get("type") == "json_object":
        named = re.search(r'JSON schema "(\w+)"', request["messages"][0]["content"])
        return named.group(1) if named else "json"
    return "text"


def _format(request: dict[str, Any]) -> str:
    return (request.get("response_format") or {}).get("type") or "text"


def _field(prompt: str, name: str) -> str | None:
    match = re.search(rf"^{re.escape(name)}: (.+)$", prompt, re.MULTILINE)
    return match.group(1).strip() if match else None


@dataclass
class RateLimit:
    """A budget of ``tokens`` and ``requests`` per ``minute`` seconds, full at the start."""

    tokens: int
    requests: int
    minute: float = 60.0
    headers: bool = True
    _levels: dict[str, float] = field(default_factory=dict, init=False, repr=False)
    _stamp: float = field(default_factory=time.monotonic, init=False, repr=False)

    def admit(self, cost: int) -> tuple[bool, dict[str, str]]:
        """Whether a request of ``cost`` tokens is in budget (then it is taken), and the
        headers of the reply. Not thread-safe: the service calls it under its lock."""
        now = time.monotonic()
        limits = {"tokens": self.tokens, "requests": self.requests}
        for kind, limit in limits.items():
            level = self._levels.get(kind, float(limit))
            self._levels[kind] = min(limit, level + limit / self.minute * (now - self._stamp))
        self._stamp = now
        wanted = {"tokens": min(cost, self.tokens), "requests": 1}
        short = max(
            (wanted[kind] - self._levels[kind]) / (limits[kind] / self.minute) for kind in limits
        )
        if short <= 0:
            for kind in limits:
                self._levels[kind] -= wanted[kind]
        headers: dict[str, str] = {}
        if self.headers:
            for kind, limit in limits.items():
                level = max(self._levels[kind], 0.0)
                headers[f"x-ratelimit-limit-{kind}"] = str(limit)
                headers[f"x-ratelimit-remaining-{kind}"] = str(math.floor(level))
                headers[f"x-ratelimit-reset-{kind}"] = _duration(
                    (limit - level) / (limit / self.minute)
                )
        if short > 0:
            headers["retry-after-ms"] = str(math.ceil(short * 1000))
            headers["retry-after"] = str(math.ceil(short))
        return short <= 0, headers


def _duration(seconds: float) -> str:
    """A reset time as OpenAI writes it: ``120ms``, ``1.5s``, ``6m0s``."""
    if seconds < 1:
        return f"{math.ceil(seconds * 1000)}ms"
    minutes, rest = divmod(round(seconds, 3), 60)
    return f"{int(minutes)}m{rest:g}s" if minutes else f"{rest:g}s"


def prompt_tokens(request: dict[str, Any]) -> int:
    return sum(len(message["content"]) for message in request["messages"]) // 4


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hangs up mid-request (a run that stopped) is no error of the service."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class FakeModelService:
    """Start with ``with FakeModelService() as service:``; ``service.url`` is the base URL."""

    def __init__(
        self,
        responder: Responder = agreeable,
        latency: float = 0.0,
        batch_polls: int = 1,
        rate_limit: RateLimit | None = None,
        rejects: tuple[str, ...] = (),
        hang: tuple[str, ...] = (),
    ) -> None:
        self.responder = responder
        self.hang = hang
        """Purposes whose chat requests are read and never answered (until the service stops)."""
        self._stopping = threading.Event()
        self.rejects = rejects
        """Response formats (``json_schema``, ``json_object``) answered HTTP 400, the way
        older Azure OpenAI API versions and some local servers answer them."""
        self.latency = latency
        self.batch_polls = batch_polls
        self.rate_limit = rate_limit
        self.at_once = 0
        """Chat requests within their latency now; each request records how many there were."""
        self.faults: deque[str] = deque()
        self.headers: dict[str, str] = {}
        """Sent with every chat reply (a 429's too), over the service's own: hostile
        rate-limit headers, a ``retry-after-ms`` of ``NaN``."""
        self.answers: dict[str, dict[str, str]] = {}
        self.requests: list[dict[str, Any]] = []
        self.files: dict[str, bytes] = {}
        self.batches: dict[str, dict[str, Any]] = {}
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> FakeModelService:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()

    def answer_for(
        self,
        path: str,
        *,
        type: str | None = None,
        reason: str | None = None,
        title: str | None = None,
        explanation: str | None = None,
    ) -> None:
        """What the model answers for the file at ``path`` from now on, over the responder's
        answer; ``{locale}`` in the title or the explanation becomes each text's locale."""
        given = {"type": type, "reason": reason, "title": title, "explanation": explanation}
        self.answers[path] = {name: value for name, value in given.items() if value is not None}

    def chat_requests(self, purpose: str | None = None) -> list[dict[str, Any]]:
        return [
            request
            for request in self.requests
            if request["kind"] == "chat" and (purpose is None or request["purpose"] == purpose)
        ]

    def completion(self, request: dict[str, Any], fault: str | None = None) -> dict[str, Any]:
        """A chat completion object for ``request``, with ``fault`` applied to its content.

        A request without a JSON schema (the anchor system's) gets the Markdown it asks for.
        """
        purpose = _purpose(request)
        if purpose == "text":
            content = ANCHOR_REPLY
        else:
            content = json.dumps(self._answer(purpose, request), ensure_ascii=False)
        finish = "stop"
        if fault == "invalid_json":
            content = "Sure! Here is my answer: " + content[:20]
        elif fault == "off_schema":
            data = json.loads(content)
            data["type"] = "bug fix"
            content = json.dumps(data)
        elif fault == "length":
            content, finish = content[: len(content) // 2], "length"
        prompt = prompt_tokens(request)
        return {
            "id": f"chatcmpl-{next(self._ids)}",
            "object": "chat.completion",
            "created": 1_700_000_000,
            "model": request["model"],
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content},
                    "finish_reason": finish,
                    "logprobs": None,
                }
            ],
            "usage": {
                "prompt_tokens": prompt,
                "completion_tokens": len(content) // 4,
                "total_tokens": prompt + len(content) // 4,
            },
        }

    def _answer(self, purpose: str, request: dict[str, Any]) -> dict[str, Any]:
        answer = self.responder(purpose, request)
        prompt = next(
            message["content"] for message in request["messages"] if message["role"] == "user"
        )
        given = self.answers.get(_field(prompt, "File") or "") if purpose == "file" else None
        if given:
            answer.update({name: given[name] for name in ("type", "reason") if name in given})
            for locale, text in answer["texts"].items():
                text.update(
                    {
                        name: given[name].format(locale=locale)
                        for name in ("title", "explanation")
                        if name in given
                    }
                )
        return answer

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        service = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                """Quiet: the test output is no place for an access log."""

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                if len(body) < length:  # the client hung up before it had sent the body
                    self.close_connection = True
                    return
                path = self.path.split("?", 1)[0]
                if path.endswith("/chat/completions"):
                    self._chat(json.loads(body), path)
                elif path.endswith("/files"):
                    self._upload(body)
                elif path.endswith("/batches"):
                    self._create_batch(json.loads(body))
                else:
                    self._send(404, {"error": {"message": f"no route {path}"}})

            def do_GET(self) -> None:
                path = self.path.split("?", 1)[0]
                content = re.search(r"/files/([^/]+)/content$", path)
                batch = re.search(r"/batches/([^/]+)$", path)
                if content and content.group(1) in service.files:
                    self._send_bytes(
                        200, service.files[content.group(1)], "application/octet-stream"
                    )
                elif batch and batch.group(1) in service.batches:
                    self._send(200, service._poll(batch.group(1)))
                else:
                    self._send(404, {"error": {"message": f"no route {path}"}})

            def _chat(self, request: dict[str, Any], path: str) -> None:
                admitted, headers = True, {}
                with service._lock:
                    if service.rate_limit is not None:
                        cost = prompt_tokens(request) + int(request.get("max_tokens") or 0)
                        admitted, headers = service.rate_limit.admit(cost)
                    fault = None
                    if admitted and _format(request) in service.rejects:
                        fault = "format"  # the format is refused before any queued fault
                    elif admitted and service.faults:
                        fault = service.faults.popleft()
                    service.at_once += admitted
                    service.requests.append(
                        {
                            "kind": "chat",
                            "path": self.path,
                            "purpose": _purpose(request),
                            "body": request,
                            "fault": fault,
                            "status": _STATUSES.get(fault or "", 200) if admitted else 429,
                            "at_once": service.at_once,
                            "arrived": time.monotonic(),
                            "authorized": bool(
                                self.headers.get("Authorization") or self.headers.get("api-key")
                            ),
                        }
                    )
                if not admitted:
                    self._send(429, {"error": {"message": "Rate limit reached"}}, headers)
                    return
                if _purpose(request) in service.hang:
                    service._stopping.wait()
                    self.close_connection = True
                    return
                if service.latency:
                    time.sleep(service.latency)
                with service._lock:  # done before the reply leaves, so the next call sees it
                    service.at_once -= 1
                self._answer(request, fault, headers)

            def _answer(
                self, request: dict[str, Any], fault: str | None, headers: dict[str, str]
            ) -> None:
                headers = {**headers, **service.headers}
                if fault == "drop":
                    self.close_connection = True
                    self.connection.close()
                    return
                if fault == "slow":
                    time.sleep(2.0)
                if fault == "429":
                    self._send(
                        429,
                        {"error": {"message": "Rate limit reached"}},
                        {"Retry-After": "0.05", **headers},
                    )
                elif fault == "500":
                    self._send(500, {"error": {"message": "The server had an error"}}, headers)
                elif fault == "format":
                    kind = _format(request)
                    message = (
                        f"Invalid parameter: 'response_format' of type '{kind}' is not supported."
                    )
                    error = {"message": message, "type": "invalid_request_error"}
                    self._send(400, {"error": {**error, "param": "response_format"}}, headers)
                elif fault == "bad_schema":
                    message = "Invalid schema for response_format 'file': 'required' is missing."
                    error = {"message": message, "type": "invalid_request_error"}
                    self._send(400, {"error": {**error, "param": "response_format"}}, headers)
                elif fault == "401":
                    self._send(401, {"error": {"message": "Incorrect API key provided"}})
                else:
                    self._send(200, service.completion(request, fault), headers)

            def _upload(self, body: bytes) -> None:
                message = email.message_from_bytes(
                    b"Content-Type: " + self.headers["Content-Type"].encode() + b"\r\n\r\n" + body
                )
                content = next(
                    part.get_payload(decode=True) for part in message.walk() if part.get_filename()
                )
                file_id = f"file-{next(service._ids)}"
                service.files[file_id] = content
                service.requests.append({"kind": "upload", "path": self.path})
                self._send(
                    200,
                    {
                        "id": file_id,
                        "object": "file",
                        "bytes": len(content),
                        "created_at": 0,
                        "filename": "insight-batch.jsonl",
                        "purpose": "batch",
                        "status": "processed",
                    },
                )

            def _create_batch(self, request: dict[str, Any]) -> None:
                batch_id = f"batch-{next(service._ids)}"
                lines = service.files[request["input_file_id"]].decode().splitlines()
                service.batches[batch_id] = {"request": request, "lines": lines, "polls": 0}
                service.requests.append({"kind": "batch", "path": self.path})
                self._send(200, service._batch_object(batch_id, "validating", None))

            def _send(
                self, status: int, payload: dict[str, Any], headers: dict[str, str] | None = None
            ) -> None:
                self._send_bytes(status, json.dumps(payload).encode(), "application/json", headers)

            def _send_bytes(
                self, status: int, data: bytes, kind: str, headers: dict[str, str] | None = None
            ) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

        return Handler

    def _poll(self, batch_id: str) -> dict[str, Any]:
        batch = self.batches[batch_id]
        batch["polls"] += 1
        if batch["polls"] <= self.batch_polls:
            return self._batch_object(batch_id, "in_progress", None)
        if "output" not in batch:
            results = []
            for line in batch["lines"]:
                entry = json.loads(line)
                results.append(
                    json.dumps(
                        {
                            "id": f"response-{next(self._ids)}",
                            "custom_id": entry["custom_id"],
                            "response": {
                                "status_code": 200,
                                "body": self.completion(entry["body"]),
                            },
                            "error": None,
                        }
                    )
                )
            output_id = f"file-{next(self._ids)}"
            self.files[output_id] = ("\n".join(results) + "\n").encode()
            batch["output"] = output_id
        return self._batch_object(batch_id, "completed", batch["output"])

    def _batch_object(self, batch_id: str, status: str, output: str | None) -> dict[str, Any]:
        batch = self.batches[batch_id]
        total = len(batch["lines"])
        return {
            "id": batch_id,
            "object": "batch",
            "endpoint": "/v1/chat/completions",
            "input_file_id": batch["request"]["input_file_id"],
            "completion_window": "24h",
            "status": status,
            "output_file_id": output,
            "created_at": 0,
            "request_counts": {"total": total, "completed": total if output else 0, "failed": 0},
        }
