"""Model calls paced by the rate-limit headers: the real openai client against a service on
127.0.0.1 that enforces an OpenAI-style budget of tokens and requests per (short) minute."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner
from llm_server import FakeModelService, RateLimit
from sample_docs import SAMPLE_RANGE, build

from insight.cli import cli
from insight.config import load_settings
from insight.errors import ModelError
from insight.llm.client import CallSettings, Endpoint, ModelClient, request_tokens
from insight.llm.pacing import Pacer, RateHeaders, duration
from insight.report.pipeline import build_reports, create_engine

MESSAGES = [
    {"role": "system", "content": "Classify the change. " * 10},
    {"role": "user", "content": "File: articles/a.md\nWrite in: en_US\n" + "+ a line\n" * 20},
]
MAX_TOKENS = 300


def headers(remaining: int, limit: int = 1000, reset: str = "1s") -> dict[str, str]:
    return {
        "x-ratelimit-limit-tokens": str(limit),
        "x-ratelimit-remaining-tokens": str(remaining),
        "x-ratelimit-reset-tokens": reset,
    }


def call_many(service: FakeModelService, count: int, pacer: Pacer, threads: int = 8) -> int:
    """``count`` chat calls at once through the real client; how many were answered."""
    client = ModelClient(
        Endpoint("compatible", f"{service.url}/v1", "sk-test"),
        CallSettings(max_retries=4, backoff=0.05),
        pacer,
    )

    def one(_: int) -> bool:
        try:
            client.chat("gpt-4o-mini", MESSAGES, {"type": "object"}, MAX_TOKENS, "file")
        except ModelError:
            return False
        return True

    try:
        with ThreadPoolExecutor(max_workers=threads) as pool:
            return sum(pool.map(one, range(count)))
    finally:
        client.close()


def seconds_of_calls(service: FakeModelService) -> float:
    """From the first call's arrival to the last one's."""
    arrivals = [request["arrived"] for request in service.chat_requests()]
    return max(arrivals) - min(arrivals)


def statuses(service: FakeModelService) -> list[int]:
    return [request["status"] for request in service.chat_requests()]


def cost() -> int:
    return request_tokens({"messages": MESSAGES, "max_tokens": MAX_TOKENS})


def test_reset_times_and_budgets_are_read_as_the_providers_write_them() -> None:
    assert duration("6m0s") == 360
    assert duration("1s") == 1 and duration("1.5s") == 1.5
    assert duration("120ms") == pytest.approx(0.12)
    assert duration("1h2m3s") == 3723 and duration("0.25") == 0.25
    assert duration("soon") is None and duration("") is None
    openai = RateHeaders.read(
        {**headers(400), "x-ratelimit-limit-requests": "60", "x-ratelimit-remaining-requests": "59"}
    )
    assert openai is not None and openai.tokens.limit == 1000 and openai.tokens.remaining == 400
    assert openai.tokens.reset == 1 and openai.requests.remaining == 59
    azure = RateHeaders.read({"x-ratelimit-remaining-tokens": "9000", "retry-after-ms": "20"})
    assert azure is not None and azure.tokens.limit is None and azure.tokens.remaining == 9000
    assert RateHeaders.read({"content-type": "application/json"}) is None


def test_calls_at_the_limit_are_paced_instead_of_refused() -> None:
    # The budget holds 8 calls and refills 16 a second: 32 calls take 1.5 s at the limit,
    # which is only possible if the client refills by the reset headers, not by a 60 s minute.
    budget = RateLimit(tokens=8 * cost(), requests=1000, minute=0.5)
    ideal = (32 - 8) / 16
    with FakeModelService(latency=0.05, rate_limit=budget) as service:
        pacer = Pacer(8)
        answered = call_many(service, 32, pacer)
    elapsed = seconds_of_calls(service)
    assert answered == 32
    assert statuses(service).count(429) <= 1
    assert 0.8 * ideal < elapsed < 3 * ideal  # at a 60 s minute, it would take 60 times as long
    assert pacer.waited > 0.5 * ideal and pacer.refused == statuses(service).count(429)
    assert pacer.rates()["gpt-4o-mini"]["tokens_per_minute"] == pytest.approx(
        8 * cost() * 120, rel=0.05
    )


def test_without_pacing_the_same_budget_meets_a_storm_of_429s() -> None:
    """The server states no budget: the client cannot pace, and sends what it has at once."""
    budget = RateLimit(tokens=8 * cost(), requests=1000, minute=0.5, headers=False)
    with FakeModelService(latency=0.05, rate_limit=budget) as service:
        pacer = Pacer(8)
        call_many(service, 32, pacer)
    assert statuses(service).count(429) > 16 and pacer.refused == statuses(service).count(429)


def test_calls_at_once_grow_while_the_budget_has_room_up_to_the_ceiling() -> None:
    budget = RateLimit(tokens=10**7, requests=10**5, minute=60.0)
    with FakeModelService(latency=0.1, rate_limit=budget) as service:
        assert call_many(service, 30, Pacer(5), threads=8) == 30
    at_once = [request["at_once"] for request in service.chat_requests()]
    assert at_once[:2] == [1, 1]  # the first call goes alone, the second after its reply
    assert max(at_once) == 5  # grown to the ceiling, never past it
    assert at_once.index(5) > 5


def test_a_server_without_rate_limit_headers_gets_the_calls_at_once_as_before() -> None:
    # Threads reach the server at their own pace on a busy machine, so what is asserted is the
    # pacer's own ceiling and that the server saw it reached, not when each call arrived.
    with FakeModelService(latency=0.6) as service:
        pacer = Pacer(6)
        assert call_many(service, 19, pacer) == 19
    at_once = [request["at_once"] for request in service.chat_requests()]
    assert at_once[0] == 1 and max(at_once) == 6  # after the first reply, up to the ceiling
    assert pacer.lane("gpt-4o-mini").limit == 6  # never lowered: no header asked for less
    assert pacer.waited == 0 and pacer.rates() == {}


def test_a_429_halves_the_calls_at_once() -> None:
    pacer = Pacer(8)
    lane = pacer.lane("gpt-4o-mini")
    for _ in range(12):
        with lane.call(10) as ticket:
            ticket.heard(200, headers(remaining=1000))
    assert lane.limit == 8
    with lane.call(10) as ticket:
        ticket.heard(429, headers(remaining=1000))
    assert lane.limit == 4 and pacer.refused == 1
    with lane.call(10) as ticket:
        ticket.heard(429, headers(remaining=1000))
    assert lane.limit == 2


@pytest.fixture
def empty_budget() -> Iterator[tuple[Pacer, list[str]]]:
    """A pacer whose model has spent its budget of 1000 tokens, refilled over 60 s."""
    said: list[str] = []
    pacer = Pacer(4, progress=said.append)
    with pacer.lane("gpt-4o-mini").call(10) as ticket:
        ticket.heard(200, headers(remaining=0, reset="1m0s"))
    yield pacer, said
    pacer.stop()


def test_a_call_waiting_for_budget_says_so_and_stops_with_the_run(
    empty_budget: tuple[Pacer, list[str]],
) -> None:
    pacer, said = empty_budget
    failures: list[BaseException] = []

    def wait_for_budget() -> None:
        try:
            with pacer.lane("gpt-4o-mini").call(500):
                pass
        except ModelError as error:
            failures.append(error)

    waiting = threading.Thread(target=wait_for_budget)
    waiting.start()
    time.sleep(0.3)
    assert said == ["waiting 30 s for the rate limit"]
    pacer.stop()
    waiting.join(timeout=2)
    assert not waiting.is_alive() and len(failures) == 1
    assert pacer.waited >= 0.3


@pytest.fixture
def limited(
    isolated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[FakeModelService]:
    """A service with a budget of about 4 file calls, refilled every second."""
    with FakeModelService(
        latency=0.02, rate_limit=RateLimit(tokens=6000, requests=200, minute=1.0)
    ) as service:
        monkeypatch.setenv("OPENAI_BASE_URL", f"{service.url}/v1")
        monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
        monkeypatch.setenv("INSIGHT_CACHE", str(tmp_path / "cache.sqlite3"))
        yield service


def test_a_report_at_the_limit_loses_no_file_and_the_next_dry_run_knows_the_limit(
    limited: FakeModelService, tmp_path: Path
) -> None:
    sample = Path(build(tmp_path / "sample-docs").working_tree_dir)
    settings = load_settings(None, {"engine": "llm", "repo": str(sample)})
    with closing(create_engine(settings)) as engine:
        items = build_reports(settings, SAMPLE_RANGE, engine=engine).reports[0].items
        summary = engine.summary() or ""
    assert "llm" in {item.engine for item in items}
    assert "heuristic-fallback" not in {item.engine for item in items}
    assert 429 not in statuses(limited)
    assert "0 answered 429" in summary and "s waiting for the rate limit" in summary

    arguments = ["report", "--repo", str(sample), SAMPLE_RANGE, "--engine", "llm", "--dry-run"]
    dry = CliRunner().invoke(cli, [*arguments, "-l", "en_US", "-l", "ja_JP"])  # translations
    header, row = dry.stdout.splitlines()[:2]
    assert header.endswith("time at limit") and row.endswith(" s")


def test_dry_run_tells_the_time_at_the_limit_of_the_setting(
    isolated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sample = Path(build(tmp_path / "sample-docs").working_tree_dir)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.setenv("INSIGHT_CACHE", str(tmp_path / "cache.sqlite3"))
    arguments = ["report", "--repo", str(sample), SAMPLE_RANGE, "--engine", "llm", "--dry-run"]
    unknown = CliRunner().invoke(cli, arguments)
    assert "time at limit" not in unknown.stdout
    monkeypatch.setenv("INSIGHT_TOKENS_PER_MINUTE", "1000")
    known = CliRunner().invoke(cli, arguments)
    header, *rows = known.stdout.splitlines()
    assert header.endswith("time at limit")
    assert all(row.endswith(" s") and " min " in row for row in rows)
