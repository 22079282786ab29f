"""Model calls run for an engine: concurrently, checked, asked again once, kept as they arrive.

A :class:`Call` says what to send, how its reply is checked and where it is kept. The
:class:`CallRunner` answers calls from the cache or the model (through the Batch API when
asked), on daemon threads, so that Ctrl-C ends a run at once however long a call hangs: calls
not started are cancelled, the pacer stops the ones waiting, and calls in flight are left
behind. :class:`RunStats` counts what the work cost for the run's one-line summary.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from insight.errors import ModelError
from insight.llm import prompts
from insight.llm.background import in_background
from insight.llm.batch import replies_in_batch
from insight.llm.cache import ReplyCache
from insight.llm.client import ModelClient, Reply
from insight.llm.replies import UnusableReply, schema_for, validate
from insight.models import Progress, Step

LOG = logging.getLogger(__name__)
_Label = TypeVar("_Label")
UNUSABLE = "reply unusable twice"
"""The kind of failure of a call whose reply stayed unusable (the model did answer)."""
_FAILED: dict[str, Any] = {}
"""What a call that failed (not one whose reply was unusable) answers, inside ``run``."""


class TooManyFailures(ModelError):
    """More calls of one ``run`` failed than it allowed; the calls not done were cancelled."""

    def __init__(self, failed: int, asked: int) -> None:
        super().__init__(f"{failed} of {asked} model calls failed", fatal=True, kind="failed")
        self.failed, self.asked = failed, asked


@dataclass(frozen=True)
class Call:
    """One model call: what to send, how to check the reply, and where its reply is kept."""

    key: str
    purpose: str
    model: str
    messages: list[dict[str, str]]
    locales: tuple[str, ...] = ()
    keep: Callable[[dict[str, Any]], None] | None = None
    """Stores a checked reply; by default the reply is cached under ``key``."""

    @property
    def schema(self) -> dict[str, Any]:
        return schema_for(self.purpose, self.locales)

    @property
    def max_tokens(self) -> int:
        """The prompt's reply budget, once per locale a file's reply writes in."""
        return prompts.load(self.purpose).max_tokens * max(1, len(self.locales))


@dataclass
class RunStats:
    """What the model work of one run cost, for the one-line summary at its end."""

    calls: int = 0
    cache_hits: int = 0
    asked_again: int = 0
    """Unusable replies asked for again; the client counts the requests it sent again."""
    fallbacks: int = 0
    overview_fallbacks: int = 0
    skipped: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    failures: Counter[str] = field(default_factory=Counter)
    """Calls that failed (after their retries) or whose reply stayed unusable, by how."""
    examples: dict[str, str] = field(default_factory=dict)
    """The first message of each kind of failure."""
    started: float = field(default_factory=time.perf_counter)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def count(self, reply: Reply) -> None:
        with self._lock:
            self.calls += 1
            self.tokens_in += reply.tokens_in
            self.tokens_out += reply.tokens_out

    def add(self, name: str, amount: int = 1) -> None:
        with self._lock:
            setattr(self, name, getattr(self, name) + amount)

    def fail(self, kind: str, message: str) -> None:
        with self._lock:
            self.failures[kind] += 1
            self.examples.setdefault(kind, message)

    def failed(self) -> int:
        """Calls that failed so far (an unusable reply is no failed call)."""
        with self._lock:
            return sum(count for kind, count in self.failures.items() if kind != UNUSABLE)

    def failure_lines(self) -> list[str]:
        """One line per kind of failure (not one per call), most frequent first."""
        with self._lock:
            return [
                f"{count} model call{'' if count == 1 else 's'} failed ({kind}); the first: "
                f"{self.examples[kind]}"
                for kind, count in self.failures.most_common()
            ]

    def line(self, client: ModelClient | None = None) -> str:
        seconds = time.perf_counter() - self.started
        retries = self.asked_again + (client.retried if client is not None else 0)
        pacer = client.pacer if client is not None else None
        text = (
            f"model calls {self.calls}, cache hits {self.cache_hits}, retries {retries}, "
            f"fallbacks {self.fallbacks}, skipped as trivial {self.skipped}, "
            f"tokens in {self.tokens_in}, out {self.tokens_out}, {seconds:.1f} s"
        )
        if self.overview_fallbacks:
            text += f"; {self.overview_fallbacks} overviews written offline"
        if pacer is not None and (pacer.refused or pacer.waited):
            text += (
                f"; {pacer.refused} answered 429, {pacer.waited:.1f} s waiting for the rate limit"
            )
        return text


class CallRunner:
    """Answers calls: from the cache, the Batch API (``batch``) or one by one, concurrently."""

    def __init__(
        self,
        client: ModelClient | None,
        cache: ReplyCache,
        stats: RunStats,
        concurrency: int,
        progress: Progress,
        batch: bool = False,
        batch_poll: float = 30.0,
    ) -> None:
        self.client = client
        self.cache = cache
        self.stats = stats
        self.concurrency = concurrency
        self.progress = progress
        self.batch = batch
        self.batch_poll = batch_poll

    def run(
        self, calls: dict[_Label, Call], noun: str, allowed_failures: int | None = None
    ) -> dict[_Label, dict[str, Any] | None]:
        """Every call's checked reply (None when it failed or stayed unusable), concurrently,
        in a fixed order. Once more than ``allowed_failures`` calls have failed (not counting
        unusable replies), the rest are cancelled and :class:`TooManyFailures` is raised."""
        if not calls:
            return {}
        answered = self._batch(list(calls.values())) if self.batch else {}
        results: dict[_Label, dict[str, Any] | None] = {}
        asked = {label: call for label, call in calls.items() if call.key not in answered}
        futures = in_background(self._answer_or_none, asked, self.concurrency)
        failed = 0
        try:
            for done, (label, future) in enumerate(futures.items(), 1):
                reply = future.result()
                if reply is _FAILED:
                    failed += 1
                    if allowed_failures is not None and failed > allowed_failures:
                        raise TooManyFailures(failed, len(calls))
                results[label] = reply or None
                self.progress(Step(f"model {noun}", done, len(futures)))
        except BaseException:  # Ctrl-C or a fatal error: nothing more starts, nothing waits
            for future in futures.values():
                future.cancel()
            if self.client is not None:  # calls waiting for budget or a retry end now
                self.client.pacer.stop()
            raise
        return {
            label: answered[call.key] if call.key in answered else results[label]
            for label, call in calls.items()
        }

    def answer(self, call: Call) -> dict[str, Any]:
        """The call's reply: from the cache when it keeps replies under its key, else asked,
        checked and kept as soon as it arrives."""
        if call.keep is None:
            cached = self.cache.get(call.key)
            if cached is not None:
                self.stats.add("cache_hits")
                return cached
        value = self._ask(call)
        self._keep(call, value)
        return value

    def _answer_or_none(self, call: Call) -> dict[str, Any] | None:
        """The reply; None when it stayed unusable, ``_FAILED`` when the call failed. Each is
        counted by kind for the run's summary (an outage is one line, not one per call)."""
        try:
            return self.answer(call)
        except UnusableReply as error:
            LOG.info("%s reply unusable after a second try: %s", call.purpose, error)
            self.stats.fail(UNUSABLE, f"{call.purpose}: {error}")
            return None
        except ModelError as error:
            if error.fatal:
                raise
            LOG.info("%s call failed: %s", call.purpose, error)
            self.stats.fail(error.kind, str(error))
            return _FAILED

    def _keep(self, call: Call, value: dict[str, Any]) -> None:
        if call.keep is not None:
            call.keep(value)
        else:
            self.cache.put(call.key, call.purpose, value)

    def _ask(self, call: Call) -> dict[str, Any]:
        """The checked reply; an unusable one is asked for again once, with the error stated."""
        if self.client is None:
            raise ModelError("no model endpoint is configured", fatal=True)
        schema, max_tokens = call.schema, call.max_tokens
        reply = self.client.chat(call.model, call.messages, schema, max_tokens, call.purpose)
        self.stats.count(reply)
        try:
            return validate(call.purpose, reply, call.locales)
        except UnusableReply as error:
            again = [
                *call.messages,
                {"role": "assistant", "content": reply.content},
                {
                    "role": "user",
                    "content": f"That reply was not usable: {error}. Send the JSON only.",
                },
            ]
            self.stats.add("asked_again")
            second = self.client.chat(
                call.model, again, schema, max_tokens + max_tokens // 2, call.purpose
            )
            self.stats.count(second)
            return validate(call.purpose, second, call.locales)

    def _batch(self, calls: list[Call]) -> dict[str, dict[str, Any]]:
        """The checked replies of the calls through the Batch API, kept, by key. A reply that
        is unusable is left out: the normal path asks for it again, one by one."""
        if self.client is None:
            return {}
        answered: dict[str, dict[str, Any]] = {}
        for call, reply in replies_in_batch(
            self.client, self.cache, calls, self.batch_poll, self.progress
        ):
            self.stats.count(reply)
            try:
                answered[call.key] = validate(call.purpose, reply, call.locales)
            except UnusableReply:
                continue
            self._keep(call, answered[call.key])
        return answered
