"""Model calls paced by the provider's rate limits: never a storm of 429s, never idle budget.

OpenAI and Azure OpenAI say on every reply how much of the account's budget is left:
``x-ratelimit-remaining-tokens`` and ``-requests``, with ``x-ratelimit-limit-*`` and the
time until the budget is full again, ``x-ratelimit-reset-*`` (``6m0s``, ``1s``, ``120ms``).
A :class:`Lane` per model keeps that budget as two buckets (tokens and requests) that refill
at the rate the reset times imply (no minute of 60 s is assumed when the server says how
long a refill takes), and starts a call only when both hold the call's estimate: its prompt
plus its ``max_tokens``, which is what the provider counts when the call arrives. Every
reply's headers set the buckets again, less the calls the server may not have counted yet
(calls sent together may arrive in any order).

How many calls run at once grows by one per answered call while the budget has room, and
halves on a 429 (additive increase, multiplicative decrease), up to the ``concurrency``
setting. Until the first reply, one call goes alone; a server whose replies carry no such
headers gets ``concurrency`` calls at once and no pacing, as before.
"""

from __future__ import annotations

import logging
import math
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

from insight.errors import ModelError
from insight.models import Progress

DEFAULT_WINDOW = 60.0
"""Seconds a budget takes to refill when the server gives limits but no reset times."""
RATE_SAMPLE = 0.1
"""The shortest reset time a refill rate is read from: shorter ones are mostly rounding."""
PROGRESS_EVERY = 2.0
_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)(ms|h|m|s)")
_UNITS = {"h": 3600.0, "m": 60.0, "s": 1.0, "ms": 0.001}


MAX_RESET = 60.0
"""The longest refill a reset header is believed for: a longer one (``1e9s``, ``999999h``:
a bug or a daily limit) is read as a minute; a 429 then says how long to wait."""
MAX_COUNT = 10**12
NOTICE_AFTER = 30.0
"""A wait for the rate limit this long or longer is said on stderr, terminal or not."""
LOG = logging.getLogger(__name__)


def finite_number(text: str | None) -> float | None:
    """The number a header states, when it is one and finite (not ``inf``, ``NaN``, ``1e400``)."""
    try:
        value = float(text) if text else None
    except ValueError:
        return None
    return value if value is not None and math.isfinite(value) else None


def duration(text: str | None) -> float | None:
    """Seconds from a reset header: ``6m0s``, ``1.5s``, ``120ms``, ``1h2m`` or a bare number."""
    if not text:
        return None
    text = text.strip()
    value = finite_number(text)
    if value is not None:
        return max(value, 0.0)
    parts = _DURATION_PART.findall(text)
    if not parts or "".join(number + unit for number, unit in parts) != text:
        return None
    total = sum(float(number) * _UNITS[unit] for number, unit in parts)
    return total if math.isfinite(total) else None


def _count(text: str | None) -> int | None:
    value = finite_number(text)
    return None if value is None else int(max(-MAX_COUNT, min(value, MAX_COUNT)))


@dataclass(frozen=True)
class Budget:
    """One budget as one reply's headers state it; any part may be missing (Azure sends
    only what remains)."""

    limit: int | None
    remaining: int | None
    reset: float | None


@dataclass(frozen=True)
class RateHeaders:
    tokens: Budget
    requests: Budget

    @classmethod
    def read(cls, headers: Mapping[str, str]) -> RateHeaders | None:
        """The rate-limit headers of a reply, or None when it has none."""

        def budget(kind: str) -> Budget:
            return Budget(
                _count(headers.get(f"x-ratelimit-limit-{kind}")),
                _count(headers.get(f"x-ratelimit-remaining-{kind}")),
                duration(headers.get(f"x-ratelimit-reset-{kind}")),
            )

        tokens, requests = budget("tokens"), budget("requests")
        if tokens.remaining is None and requests.remaining is None:
            return None
        return cls(tokens, requests)


class _Bucket:
    """A budget as the client sees it between replies: a level that refills at ``rate`` a
    second up to ``capacity``; unknown (no gate) until a reply states it."""

    def __init__(self) -> None:
        self.capacity = 0.0
        self.rate = 0.0
        self.level = 0.0
        self.stamp = 0.0

    @property
    def known(self) -> bool:
        return self.capacity > 0

    def refill(self, now: float) -> None:
        self.level = min(self.capacity, self.level + self.rate * (now - self.stamp))
        self.stamp = now

    def delay(self, amount: float, now: float) -> float:
        """Seconds until ``amount`` fits (never more than a full bucket is asked for)."""
        if not self.known:
            return 0.0
        self.refill(now)
        short = min(amount, self.capacity) - self.level
        if short <= 0:
            return 0.0
        return short / self.rate if self.rate > 0 else 1.0

    def take(self, amount: float, now: float) -> None:
        if self.known:
            self.refill(now)
            self.level -= amount

    def sync(self, stated: Budget, unsure: float, now: float) -> None:
        """The server's word, less what it may not have counted yet."""
        if stated.remaining is None:
            return
        self.capacity = float(stated.limit or max(self.capacity, stated.remaining))
        owed = self.capacity - stated.remaining
        reset = min(stated.reset, MAX_RESET) if stated.reset is not None else None
        if reset and owed > 0 and (reset >= RATE_SAMPLE or not self.rate):
            self.rate = owed / reset
        elif not self.rate:
            self.rate = self.capacity / DEFAULT_WINDOW
        self.level = stated.remaining - unsure
        self.stamp = now


@dataclass
class _Ticket:
    cost: int
    settled_tokens: int = 0
    """Tokens of the calls answered before this one started: the server counted them (or
    refused them) before it saw this one. Of any other call it cannot be sure."""
    settled_requests: int = 0
    status: int | None = None
    headers: RateHeaders | None = None

    def heard(self, status: int, headers: Mapping[str, str]) -> None:
        """What the server answered this call: its status and its rate-limit headers."""
        self.status, self.headers = status, RateHeaders.read(headers)


class Lane:
    """The calls to one model (each model has its own limits) and their budget."""

    def __init__(self, pacer: Pacer) -> None:
        self.pacer = pacer
        self.heard = False
        self.paced = False
        self.window = 1.0
        self.in_flight = 0
        self.tokens, self.requests = _Bucket(), _Bucket()
        self.sent_tokens = self.sent_requests = self.flying_tokens = 0
        self._queue: deque[_Ticket] = deque()

    @property
    def limit(self) -> int:
        """Calls that may run at once now."""
        if not self.heard:
            return 1
        return max(1, math.floor(self.window)) if self.paced else self.pacer.ceiling

    @contextmanager
    def call(self, cost: int) -> Iterator[_Ticket]:
        """Wait for a place and the budget for a call of ``cost`` tokens, then run it; tell
        the ticket what the server answered."""
        ticket = _Ticket(cost)
        self._start(ticket)
        try:
            yield ticket
        finally:
            self._finish(ticket)

    def _start(self, ticket: _Ticket) -> None:
        pacer = self.pacer
        with pacer.condition:
            self._queue.append(ticket)
            held = False
            try:
                while True:
                    if pacer.stopped:
                        raise ModelError("no more calls: the run is ending", fatal=True)
                    if self._queue[0] is ticket and self.in_flight < self.limit:
                        delay = self._delay(ticket.cost, pacer.clock()) if self.paced else 0.0
                        if delay <= 0:
                            break
                        if not held:
                            pacer._hold_begins()
                            held = True
                        pacer._say_waiting(delay)
                        pacer.condition.wait(delay)
                    else:
                        pacer.condition.wait()
            finally:
                self._queue.remove(ticket)
                if held:
                    pacer._hold_ends()
                pacer.condition.notify_all()
            now = pacer.clock()
            ticket.settled_tokens = self.sent_tokens - self.flying_tokens
            ticket.settled_requests = self.sent_requests - self.in_flight
            self.in_flight += 1
            self.flying_tokens += ticket.cost
            self.sent_tokens += ticket.cost
            self.sent_requests += 1
            self.tokens.take(ticket.cost, now)
            self.requests.take(1, now)

    def _delay(self, cost: int, now: float) -> float:
        return max(self.tokens.delay(cost, now), self.requests.delay(1, now))

    def _finish(self, ticket: _Ticket) -> None:
        pacer = self.pacer
        with pacer.condition:
            self.in_flight -= 1
            self.flying_tokens -= ticket.cost
            now = pacer.clock()
            if ticket.status is not None:
                self.heard = True
            if ticket.headers is not None:
                if not self.paced:
                    self.paced, self.window = True, float(max(1, self.in_flight + 1))
                # Every call but this one that the server may not have counted when it wrote
                # these headers: those in flight when this one started, and those sent since.
                unsure_tokens = self.sent_tokens - ticket.settled_tokens - ticket.cost
                unsure_requests = self.sent_requests - ticket.settled_requests - 1
                self.tokens.sync(ticket.headers.tokens, unsure_tokens, now)
                self.requests.sync(ticket.headers.requests, unsure_requests, now)
            if ticket.status == 429:
                pacer.refused += 1
                if self.paced:
                    self.window = max(1.0, self.window / 2)
            elif (
                self.paced
                and ticket.status is not None
                and ticket.status < 400
                and self._delay(ticket.cost, now) <= 0  # the budget has room: one more at once
            ):
                self.window = min(float(pacer.ceiling), self.window + 1)
            pacer.condition.notify_all()

    def per_minute(self) -> dict[str, float]:
        """The refill rates learnt from the headers, per minute, for the reply cache."""
        with self.pacer.condition:
            rates = {
                "tokens_per_minute": self.tokens.rate,
                "requests_per_minute": self.requests.rate,
            }
            return {name: rate * 60 for name, rate in rates.items() if rate > 0}


class Pacer:
    """The lanes of one client, what they waited and how many 429s they met."""

    def __init__(
        self,
        ceiling: int = 8,
        progress: Progress | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.ceiling = max(1, ceiling)
        self.progress = progress or (lambda _message: None)
        self.clock = clock
        self.condition = threading.Condition()
        self.refused = 0
        """Calls answered 429."""
        self.waited = 0.0
        """Seconds in which some call waited for the rate limit (budget, or a Retry-After)."""
        self.stopped = False
        self._lanes: dict[str, Lane] = {}
        self._holding = 0
        self._held_since = 0.0
        self._said = self._warned = -math.inf

    def lane(self, model: str) -> Lane:
        with self.condition:
            return self._lanes.setdefault(model, Lane(self))

    def hold(self, seconds: float) -> None:
        """Sleep out a 429's Retry-After, counted as waiting for the rate limit; a stop ends
        it early."""
        with self.condition:
            self._hold_begins()
            self._say_waiting(seconds)
            try:
                self.condition.wait_for(lambda: self.stopped, timeout=seconds)
            finally:
                self._hold_ends()

    def _hold_begins(self) -> None:
        if self._holding == 0:
            self._held_since = self.clock()
        self._holding += 1

    def _hold_ends(self) -> None:
        self._holding -= 1
        if self._holding == 0:
            self.waited += self.clock() - self._held_since

    def _say_waiting(self, seconds: float) -> None:
        now = self.clock()
        if seconds >= 1 and now - self._said >= PROGRESS_EVERY:
            self._said = now
            self.progress(f"waiting {math.ceil(seconds)} s for the rate limit")
        if seconds >= NOTICE_AFTER and now - self._warned >= NOTICE_AFTER:
            self._warned = now
            LOG.warning("waiting %d s for the model service's rate limit", math.ceil(seconds))

    def rates(self) -> dict[str, dict[str, float]]:
        """Per model, the limits per minute its replies stated."""
        with self.condition:
            lanes = dict(self._lanes)
        return {model: rates for model, lane in lanes.items() if (rates := lane.per_minute())}

    def stop(self) -> None:
        """Wake every waiting call with an error: the run is over."""
        with self.condition:
            self.stopped = True
            self.condition.notify_all()
