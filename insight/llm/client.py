"""The model service: the only module that imports ``openai``.

It works with OpenAI (``OPENAI_API_KEY``, optional ``OPENAI_BASE_URL``), Azure OpenAI
(``AZURE_OPENAI_ENDPOINT`` + ``AZURE_OPENAI_API_KEY`` + ``OPENAI_API_VERSION``, the deployment
name as the model; or the v1 endpoint ``https://RESOURCE.openai.azure.com/openai/v1/``), and
any OpenAI-compatible server (Ollama, vLLM, LM Studio) through ``OPENAI_BASE_URL``.

Retries are ours, not the SDK's, so that they are counted and their pace is a setting:
``Retry-After`` is honoured on 429, and 5xx, timeouts and dropped connections back off
exponentially with jitter. Chat calls wait their turn in a :class:`~insight.llm.pacing.Pacer`,
which reads the rate-limit headers of every reply. The key is never logged, stored or put in
an error message.

Replies are asked for as structured outputs (a strict ``json_schema`` response format). A
server that answers HTTP 400 about the response format (older Azure OpenAI API versions,
some local servers) is asked again in JSON mode (``json_object``), with the schema written
into the system message; the client remembers, per model, to go straight to JSON mode. The
engine validates every reply either way. A server that rejects JSON mode too is a one-line
error.
"""

from __future__ import annotations

import email.utils
import json
import logging
import random
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from insight.errors import ModelError, UsageError
from insight.llm.pacing import Pacer, finite_number

LOG = logging.getLogger(__name__)
MAX_RETRY_AFTER = 120.0
MAX_BACKOFF = 30.0


@dataclass(frozen=True)
class Endpoint:
    """Where the model service is and how to sign in; built from the environment."""

    kind: str
    """``openai``, ``azure`` (deployments API), ``azure-v1`` or ``compatible``."""
    base_url: str | None
    api_key: str = field(repr=False)
    api_version: str | None = None

    @classmethod
    def from_environment(cls, environ: Mapping[str, str]) -> Endpoint | None:
        """The endpoint the environment configures, or None when there are no credentials."""
        azure = environ.get("AZURE_OPENAI_ENDPOINT", "").strip()
        if azure:
            key = environ.get("AZURE_OPENAI_API_KEY", "").strip()
            if not key:
                raise UsageError("AZURE_OPENAI_ENDPOINT is set but AZURE_OPENAI_API_KEY is empty")
            if azure.rstrip("/").endswith("/openai/v1"):
                return cls("azure-v1", azure.rstrip("/") + "/", key)
            version = environ.get("OPENAI_API_VERSION", "").strip()
            if not version:
                raise UsageError("Azure OpenAI needs OPENAI_API_VERSION (for example 2024-10-21)")
            return cls("azure", azure, key, version)
        key = environ.get("OPENAI_API_KEY", "").strip()
        base_url = environ.get("OPENAI_BASE_URL", "").strip() or None
        if base_url:
            return cls(
                "compatible" if "api.openai.com" not in base_url else "openai",
                base_url,
                key or "none",
            )
        return cls("openai", None, key) if key else None

    def describe(self) -> str:
        """Where calls go, fit for a log line (never the key)."""
        names = {
            "openai": "OpenAI",
            "azure": "Azure OpenAI",
            "azure-v1": "Azure OpenAI v1",
            "compatible": "server",
        }
        return f"{names[self.kind]} at {self.base_url or 'https://api.openai.com/v1'}"


@dataclass(frozen=True)
class CallSettings:
    timeout: float = 60.0
    max_retries: int = 4
    backoff: float = 1.0
    """The first retry's delay in seconds; each next one doubles (with jitter), up to 30 s."""
    temperature: float | None = 0.2


class _FormatRejected(Exception):
    """The server refused the request's response format (HTTP 400 naming it)."""


@dataclass(frozen=True)
class Reply:
    content: str
    finish_reason: str
    tokens_in: int
    tokens_out: int
    retries: int
    seconds: float


class ModelClient:
    """Chat completions with structured output, files and batches, over one SDK client."""

    def __init__(
        self, endpoint: Endpoint, settings: CallSettings, pacer: Pacer | None = None
    ) -> None:
        import openai  # the only place; importing it costs ~0.8 s the offline path never pays

        self._openai = openai
        self.endpoint = endpoint
        self.settings = settings
        self.pacer = pacer or Pacer()
        self.retried = 0
        """Requests sent again by this client (429, 5xx, timeouts, dropped connections, a
        response format refused), whether the call then succeeded or not."""
        self._json_mode: set[str] = set()
        """Models whose server rejected ``json_schema``: they are asked in JSON mode."""
        self._lock = threading.Lock()
        common: dict[str, Any] = {
            "api_key": endpoint.api_key,
            "timeout": settings.timeout,
            "max_retries": 0,
        }
        self._client: openai.OpenAI
        if endpoint.kind == "azure":
            self._client = openai.AzureOpenAI(
                azure_endpoint=endpoint.base_url or "", api_version=endpoint.api_version, **common
            )
        else:
            self._client = openai.OpenAI(base_url=endpoint.base_url, **common)

    def request(
        self,
        model: str,
        messages: Sequence[Mapping[str, str]],
        schema: Mapping[str, Any],
        max_tokens: int,
        purpose: str,
    ) -> dict[str, Any]:
        """The body :meth:`chat` sends, with this client's temperature; a batch line's too."""
        with self._lock:
            structured = model not in self._json_mode
        return chat_request(
            model, messages, schema, max_tokens, purpose, self.settings.temperature, structured
        )

    def chat(
        self,
        model: str,
        messages: Sequence[Mapping[str, str]],
        schema: Mapping[str, Any],
        max_tokens: int,
        purpose: str,
    ) -> Reply:
        """One chat completion whose reply must follow ``schema`` (structured outputs, or JSON
        mode where the server rejects them)."""
        started = time.perf_counter()
        request = self.request(model, messages, schema, max_tokens, purpose)
        try:
            response, retries = self._with_retries(self._attempt(model, request), purpose)
        except _FormatRejected as error:
            if request["response_format"]["type"] != "json_schema":
                raise ModelError(
                    f"{self.endpoint.describe()}: {model} accepts neither json_schema nor "
                    f"json_object response formats ({error}); use a model or API version "
                    "with JSON mode",
                    fatal=True,
                ) from None
            LOG.info("%s: %s rejects json_schema replies; asking in JSON mode", purpose, model)
            with self._lock:
                self._json_mode.add(model)
            self._count_retry()
            return self.chat(model, messages, schema, max_tokens, purpose)
        choice = response.choices[0]
        usage = response.usage
        reply = Reply(
            content=choice.message.content or "",
            finish_reason=choice.finish_reason or "stop",
            tokens_in=usage.prompt_tokens if usage else estimate_tokens(str(messages)),
            tokens_out=usage.completion_tokens
            if usage
            else estimate_tokens(choice.message.content or ""),
            retries=retries,
            seconds=time.perf_counter() - started,
        )
        LOG.info(
            "%s: %s, %d tokens in, %d out, %.2f s, %d retries",
            purpose,
            model,
            reply.tokens_in,
            reply.tokens_out,
            reply.seconds,
            reply.retries,
        )
        return reply

    def _attempt(self, model: str, request: dict[str, Any]) -> Any:
        """One try of a chat request, paced in its model's lane; a response format the server
        refuses raises :class:`_FormatRejected`, which is not retried."""
        lane = self.pacer.lane(model)
        cost = request_tokens(request)

        def attempt() -> Any:
            with lane.call(cost) as ticket:
                try:
                    raw = self._client.chat.completions.with_raw_response.create(**request)
                except self._openai.APIStatusError as error:
                    ticket.heard(error.status_code, error.response.headers)
                    if error.status_code == 400 and _names_the_format(error):
                        raise _FormatRejected(self._safe(error)) from None
                    raise
                ticket.heard(raw.status_code, raw.headers)
                return raw.parse()

        return attempt

    def submit_batch(self, requests: Mapping[str, Mapping[str, Any]], description: str) -> str:
        """Upload the chat requests (bodies by custom id) as a JSONL file and start a batch
        over it; its id."""
        lines = b"".join(
            (json.dumps(_batch_line(custom_id, body), ensure_ascii=False) + "\n").encode()
            for custom_id, body in requests.items()
        )
        uploaded, _ = self._with_retries(
            lambda: self._client.files.create(file=("insight-batch.jsonl", lines), purpose="batch"),
            "batch upload",
        )
        batch, _ = self._with_retries(
            lambda: self._client.batches.create(
                input_file_id=uploaded.id,
                endpoint="/v1/chat/completions",
                completion_window="24h",
                metadata={"description": description},
            ),
            "batch create",
        )
        return batch.id

    def batch_status(self, batch_id: str) -> tuple[str, str | None, int, int]:
        """(status, output file id, requests done, requests in all) of a batch."""
        batch, _ = self._with_retries(
            lambda: self._client.batches.retrieve(batch_id), "batch status"
        )
        counts = batch.request_counts
        done = (counts.completed + counts.failed) if counts else 0
        return batch.status, batch.output_file_id, done, counts.total if counts else 0

    def file_text(self, file_id: str) -> str:
        response, _ = self._with_retries(
            lambda: self._client.files.content(file_id), "batch results"
        )
        return response.text

    def _with_retries(self, call: Any, purpose: str) -> tuple[Any, int]:
        errors = self._openai
        retries = 0
        while True:
            try:
                return call(), retries
            except (
                errors.AuthenticationError,
                errors.PermissionDeniedError,
                errors.NotFoundError,
            ) as error:
                detail = f"{self._safe(error)} (check the key, the model and the endpoint)"
                raise ModelError(
                    f"{self.endpoint.describe()}: {purpose}: {detail}", fatal=True
                ) from None
            except (
                errors.RateLimitError,
                errors.InternalServerError,
                errors.APIConnectionError,
            ) as error:
                if retries >= self.settings.max_retries:
                    raise ModelError(
                        f"{self.endpoint.describe()}: {purpose}: {self._safe(error)}",
                        kind=self._kind(error),
                    ) from None
                delay = self._delay(error, retries)
                LOG.info("%s: %s; retrying in %.2f s", purpose, type(error).__name__, delay)
                self._count_retry()
                if isinstance(error, errors.RateLimitError):
                    self.pacer.hold(delay)
                else:
                    time.sleep(delay)
                retries += 1
            except errors.APIStatusError as error:
                raise ModelError(
                    f"{self.endpoint.describe()}: {purpose}: {self._safe(error)}",
                    kind=self._kind(error),
                ) from None

    def _count_retry(self) -> None:
        with self._lock:
            self.retried += 1

    def _delay(self, error: Exception, retries: int) -> float:
        response = getattr(error, "response", None)
        if response is not None and response.status_code == 429:
            waited = retry_after(response.headers)
            if waited is not None:
                return min(waited, MAX_RETRY_AFTER)
        backoff = min(self.settings.backoff * 2**retries, MAX_BACKOFF)
        return backoff * (0.75 + 0.25 * random.random())

    def _kind(self, error: Exception) -> str:
        """How a call failed, in the words of the run's summary."""
        if isinstance(error, self._openai.APITimeoutError):
            return "timed out"
        if isinstance(error, self._openai.APIConnectionError):
            return "no connection"
        status = getattr(error, "status_code", None)
        return f"HTTP {status}" if status else type(error).__name__

    def _safe(self, error: Exception) -> str:
        """The error's message without the key, whatever the server echoed."""
        status = getattr(error, "status_code", None)
        text = str(getattr(error, "message", None) or error).replace(self.endpoint.api_key, "***")
        text = " ".join(text.split())[:300]
        return f"HTTP {status}: {text}" if status else f"{type(error).__name__}: {text}"

    def close(self) -> None:
        self.pacer.stop()
        self._client.close()


def chat_request(
    model: str,
    messages: Sequence[Mapping[str, str]],
    schema: Mapping[str, Any],
    max_tokens: int,
    purpose: str,
    temperature: float | None,
    structured: bool = True,
) -> dict[str, Any]:
    """One chat completion's body, whose reply must follow ``schema``: as structured outputs,
    or (``structured=False``) in JSON mode with the schema written into the system message.

    The one place a request is shaped: a direct call and a line of a batch send the same.
    """
    name = purpose.replace(" ", "_")
    sent = [dict(message) for message in messages]
    if structured:
        response_format: dict[str, Any] = {
            "type": "json_schema",
            "json_schema": {"name": name, "strict": True, "schema": dict(schema)},
        }
    else:
        response_format = {"type": "json_object"}
        described = (
            f'The reply is one JSON object that follows the JSON schema "{name}", with every '
            f"property it names and no other:\n{json.dumps(schema, ensure_ascii=False)}"
        )
        if sent and sent[0]["role"] == "system":
            sent[0]["content"] = f"{sent[0]['content']}\n\n{described}"
        else:
            sent.insert(0, {"role": "system", "content": described})
    request: dict[str, Any] = {
        "model": model,
        "messages": sent,
        "response_format": response_format,
        "max_tokens": max_tokens,
    }
    if temperature is not None:
        request["temperature"] = temperature
    return request


def _names_the_format(error: Exception) -> bool:
    """Whether a 400 refuses the response format (the parameter, or the formats named); not
    when it finds fault with our schema, which JSON mode would only hide."""
    text = f"{getattr(error, 'param', None)} {getattr(error, 'message', None) or error}"
    if "invalid schema" in text.lower():
        return False
    return any(name in text for name in ("response_format", "json_schema", "json_object"))


def _batch_line(custom_id: str, body: Mapping[str, Any]) -> dict[str, Any]:
    return {"custom_id": custom_id, "method": "POST", "url": "/v1/chat/completions", "body": body}


def retry_after(headers: Mapping[str, str]) -> float | None:
    """Seconds to wait from ``Retry-After`` (seconds or an HTTP date) or ``retry-after-ms``."""
    milliseconds = finite_number(headers.get("retry-after-ms"))
    if milliseconds is not None:  # not NaN, which no cap would bound, nor inf
        return max(milliseconds / 1000, 0.0)
    value = headers.get("retry-after")
    if not value:
        return None
    seconds = finite_number(value)
    if seconds is not None:
        return max(seconds, 0.0)
    try:
        when = email.utils.parsedate_to_datetime(value) if email.utils.parsedate_tz(value) else None
    except (ValueError, OverflowError):
        return None
    return max(when.timestamp() - time.time(), 0.0) if when else None


def request_tokens(request: Mapping[str, Any]) -> int:
    """What a provider counts against the rate limit when a chat request arrives: its
    prompt, estimated, and all the reply may use (``max_tokens``)."""
    prompt = "\n".join(str(message["content"]) for message in request["messages"])
    return estimate_tokens(prompt) + int(request.get("max_tokens") or 0)


def estimate_tokens(text: str) -> int:
    """About four bytes of UTF-8 a token: four Latin letters, or one to two CJK characters."""
    return max(1, len(text.encode("utf-8")) // 4)
