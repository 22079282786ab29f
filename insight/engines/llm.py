"""The LLM engine: a model writes the types, titles, explanations and overviews.

Analyse once, localize many. One call per file (the ``file`` prompt) decides its type and
writes its title and explanation in every configured locale. The cache keeps the verdict
(type, reason and the first locale's text) apart from each locale's text, so a locale added
later costs one small ``localize`` call per file, from the cached text, not a second run.

Replies follow a JSON schema and are validated; an unusable reply is asked again once with
the error stated, then the file falls back to the offline engine (``heuristic-fallback``).
In ``auto`` mode, files the offline analysis marks trivial get its result with no call.
Calls run concurrently; every reply is cached as it arrives, so an interrupted run loses
nothing it finished.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import queue
import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from insight import i18n
from insight.engines.heuristic import HeuristicEngine
from insight.engines.overview import LISTS, OverviewText, overview_markdown
from insight.engines.themes import Theme, themes
from insight.engines.writeup import _phrase  # the offline engine's words for a signal
from insight.errors import ModelError
from insight.llm import prompts
from insight.llm.cache import ReplyCache, cache_key
from insight.llm.client import ModelClient, Reply, estimate_tokens
from insight.models import (
    BREAKING,
    CHANGE_TYPES,
    MINOR,
    Assessment,
    CallEstimate,
    Described,
    FileChange,
    Overview,
    PageFacts,
    ReportItem,
    Signal,
    Writeup,
)
from insight.source.diff import parse_patch

LOG = logging.getLogger(__name__)
Progress = Callable[[str], None]
FALLBACK = "heuristic-fallback"
TITLE_LIMIT = 120
MAX_FINDINGS = 12
"""Signals of the offline analysis a file prompt shows, the deciding ones first."""
MAX_INCLUDED_IN = 5
"""Pages named of those that show an include; the prompt says how many there are."""
PAGE_TITLE_LIMIT = 200
OVERVIEW_EXPLANATION_LIMIT = 300
MAX_THEMES = 40
"""Themes of one type the overview prompt shows, the most important first."""
MAX_BULLETS = 8
THEME_HEADINGS = ("Breaking changes", "New features", "Minor updates")
_Label = TypeVar("_Label")
_Item = TypeVar("_Item")
_Result = TypeVar("_Result")
_STRUCTURE_LINE = re.compile(r"^(\s{0,3})(#{1,6}(?:\s|$)|`{3,}|~{3,}|<|-{3,}\s*$|={3,}\s*$)")


class _Text(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str = Field(min_length=1)
    explanation: str = Field(min_length=1)


class _Verdict(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: Literal["breaking change", "new feature", "minor update"]
    reason: str
    texts: dict[str, _Text] = Field(min_length=1)
    """The title and explanation by locale: one property per locale asked for."""


class _OverviewReply(BaseModel):
    model_config = ConfigDict(extra="forbid")
    highlights: str = Field(min_length=1)
    new_features: list[str]
    breaking_changes: list[str]
    other_updates: list[str]
    insights: str = Field(min_length=1)


class _SummaryReply(BaseModel):
    model_config = ConfigDict(extra="forbid")
    summary: str = Field(min_length=1)


def _schema(properties: dict[str, Any]) -> dict[str, Any]:
    """A strict structured-outputs schema: every property required, nothing else allowed."""
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


_STRING = {"type": "string"}
_STRINGS = {"type": "array", "items": _STRING}
_REPLIES: dict[str, type[BaseModel]] = {
    "file": _Verdict,
    "localize": _Text,
    "overview": _OverviewReply,
    "summary": _SummaryReply,
}


def schema_for(purpose: str, locales: Sequence[str] = ()) -> dict[str, Any]:
    """The JSON schema a reply must follow. A file's texts are an object with one required
    property per locale, so that under strict structured outputs no locale can be missing."""
    text = _schema({"title": _STRING, "explanation": _STRING})
    if purpose == "file":
        return _schema(
            {
                "type": {"type": "string", "enum": list(CHANGE_TYPES)},
                "reason": _STRING,
                "texts": _schema({locale: text for locale in locales}),
            }
        )
    if purpose == "localize":
        return text
    if purpose == "overview":
        return _schema(
            {
                "highlights": _STRING,
                "new_features": _STRINGS,
                "breaking_changes": _STRINGS,
                "other_updates": _STRINGS,
                "insights": _STRING,
            }
        )
    return _schema({"summary": _STRING})


class UnusableReply(Exception):
    """A reply that is cut, not JSON, or off the schema; the message says which."""


@dataclass(frozen=True)
class LLMOptions:
    model: str = "gpt-4o-mini"
    overview_model: str = "gpt-4o-mini"
    concurrency: int = 8
    patch_budget: int = 3000
    """Tokens of diff a per-file prompt may carry; larger diffs keep the hunks with signals."""
    skip_trivial: bool = True
    batch: bool = False
    batch_poll: float = 30.0
    tokens_per_minute: int | None = None
    """The account's limit, for ``estimate``; by default what earlier replies stated."""


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


@dataclass(frozen=True)
class _Call:
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


@dataclass(frozen=True)
class _FileKeys:
    """Where a file's verdict and texts are cached: apart, so a new locale reuses the verdict."""

    verdict: str
    texts: dict[str, str]


class LLMEngine:
    name = "llm"

    def __init__(
        self,
        client: ModelClient | None,
        cache: ReplyCache,
        options: LLMOptions,
        offline: HeuristicEngine | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.client = client
        self.cache = cache
        self.options = options
        self.offline = offline or HeuristicEngine()
        self.progress = progress or (lambda _message: None)
        self.stats = RunStats()
        self._assessed: tuple[Sequence[FileChange], list[Assessment]] = ((), [])

    def _assess(self, changes: Sequence[FileChange]) -> list[Assessment]:
        """The offline assessments of ``changes``, once: ``estimate`` (for --max-calls) and
        ``describe`` get the same list, and the analysis of a large range costs seconds."""
        if self._assessed[0] is not changes:
            self._assessed = (changes, [self.offline.assess(change) for change in changes])
        return self._assessed[1]

    def summary(self) -> str | None:
        return self.stats.line(self.client)

    def close(self) -> None:
        """Keep the limits the replies stated; close the model's connections and the cache."""
        self._remember_limits()
        if self.client is not None:
            self.client.close()
        self.cache.close()

    def __enter__(self) -> LLMEngine:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- the files ---------------------------------------------------------------------------

    def describe(self, changes: Sequence[FileChange], locales: Sequence[str]) -> list[Described]:
        assessments = self._assess(changes)
        asked = [
            i
            for i, assessment in enumerate(assessments)
            if self._asks_model(changes[i], assessment)
        ]
        self.stats.add("skipped", len(changes) - len(asked))
        facts = {i: self._facts(changes[i], assessments[i]) for i in asked}
        keys = {i: self._keys(facts[i], locales) for i in asked}
        verdicts = {i: self.cache.get(keys[i].verdict) for i in asked}
        self.stats.add("cache_hits", sum(1 for verdict in verdicts.values() if verdict))
        texts: dict[tuple[int, str], dict[str, Any] | None] = {}
        file_calls = {
            i: self._file_call(facts[i], locales, keys[i]) for i in asked if verdicts[i] is None
        }
        for i, reply in self._run(file_calls, "files").items():
            if reply is not None:
                verdicts[i] = _verdict_of(reply, locales[0])
                texts.update({(i, locale): text for locale, text in reply["texts"].items()})
        missing: dict[tuple[int, str], _Call] = {}
        for i in asked:
            verdict = verdicts[i]
            if verdict is None or i in file_calls:
                continue
            for locale in locales:
                texts[(i, locale)] = self.cache.get(keys[i].texts[locale])
                if texts[(i, locale)] is None:
                    missing[(i, locale)] = self._localize_call(
                        changes[i], verdict, locale, keys[i].texts[locale]
                    )
        self.stats.add(
            "cache_hits", sum(1 for i, _ in texts if i not in file_calls and texts[(i, _)])
        )
        texts.update(self._run(missing, "translations"))
        described = []
        for i, (change, assessment) in enumerate(zip(changes, assessments, strict=True)):
            verdict = verdicts.get(i)
            if verdict is None:
                described.append(self._offline(change, assessment, locales, fell_back=i in keys))
                continue
            writeups = {
                locale: Writeup(_title(text["title"]), _plain(text["explanation"]))
                if (text := texts.get((i, locale)))
                else self.offline.write(change, assessment, locale)
                for locale in locales
            }
            settled = _settled_by_rubric(change, assessment)
            chosen = Assessment(
                type=assessment.type if settled else verdict["type"],
                reason=assessment.reason if settled else verdict["reason"] or assessment.reason,
                confidence=assessment.confidence,
                trivial=False,
                signals=assessment.signals,
                engine="llm",
            )
            described.append(Described(chosen, writeups))
        return described

    def _asks_model(self, change: FileChange, assessment: Assessment) -> bool:
        """Trivial changes (in auto mode) and files with nothing to read stay offline."""
        if self.options.skip_trivial and assessment.trivial:
            return False
        return bool(
            change.patch
            or change.patch_too_large
            or change.status in ("added", "removed", "renamed")
        )

    def _offline(
        self, change: FileChange, assessment: Assessment, locales: Sequence[str], fell_back: bool
    ) -> Described:
        if fell_back:
            self.stats.add("fallbacks")
            assessment = replace(assessment, engine=FALLBACK)
        return Described(
            assessment,
            {locale: self.offline.write(change, assessment, locale) for locale in locales},
        )

    def _keys(self, facts: dict[str, Any], locales: Sequence[str]) -> _FileKeys:
        """Cache keys: model, prompt versions, (locale), and all the file prompt shows of the
        file, so that a reply is reused only for the input it was given."""
        file_prompt, localize_prompt = prompts.load("file").key, prompts.load("localize").key
        shown = hashlib.sha256(json.dumps(facts, sort_keys=True, default=str).encode()).hexdigest()
        return _FileKeys(
            verdict=cache_key("verdict", self.options.model, file_prompt, shown),
            texts={
                locale: cache_key(
                    "text", self.options.model, file_prompt, localize_prompt, locale, shown
                )
                for locale in locales
            },
        )

    def _facts(self, change: FileChange, assessment: Assessment) -> dict[str, Any]:
        """What the file prompt shows of a file, in any locale: the change, the offline
        analysis's findings in words, where the page is published and what leads to it, and
        the diff cut to the budget."""
        patch, cut = cut_patch(change, assessment, self.options.patch_budget)
        if change.binary:
            no_patch = "binary file"
        elif change.patch_too_large:
            no_patch = "the diff is too large"
        else:
            no_patch = "no line changes"
        return {
            "path": change.path,
            "status": change.status,
            "old_path": change.old_path,
            "additions": change.additions,
            "deletions": change.deletions,
            "offline_type": assessment.type,
            "offline_reason": assessment.reason,
            "findings": _findings(assessment.signals),
            "page": _page(change.site),
            "patch": patch,
            "cut": cut,
            "no_patch": no_patch,
        }

    def _file_call(self, facts: dict[str, Any], locales: Sequence[str], keys: _FileKeys) -> _Call:
        prompt = prompts.load("file")
        values = {
            **facts,
            "locales": [{"code": locale, "language": _language(locale)} for locale in locales],
        }

        def keep(verdict: dict[str, Any]) -> None:
            self.cache.put(keys.verdict, "file", _verdict_of(verdict, locales[0]))
            for locale in locales:
                self.cache.put(keys.texts[locale], "text", verdict["texts"][locale])

        return _Call(
            keys.verdict,
            "file",
            self.options.model,
            prompt.messages(**_marked(values)),
            tuple(locales),
            keep,
        )

    def _localize_call(
        self, change: FileChange, verdict: dict[str, Any], locale: str, key: str
    ) -> _Call:
        prompt = prompts.load("localize")
        source = verdict["source"]
        values = {
            "path": change.path,
            "type": verdict["type"],
            "locale": locale,
            "language": _language(locale),
            "source_locale": source["locale"],
            "title": source["title"],
            "explanation": source["explanation"],
        }
        return _Call(key, "localize", self.options.model, prompt.messages(**_marked(values)))

    # -- the reports --------------------------------------------------------------------------

    def overview(self, category: str, items: Sequence[ReportItem], locale: str) -> Overview:
        try:
            markdown = overview_markdown(
                _overview_text(self._answer(self._overview_call(category, items, locale))),
                locale,
            )
            summary = _plain(
                self._answer(self._summary_call(category, markdown, locale))["summary"]
            )
        except (ModelError, UnusableReply) as error:
            if isinstance(error, ModelError) and error.fatal:
                raise
            LOG.warning("overview of %s (%s) written offline: %s", category, locale, error)
            self.stats.add("overview_fallbacks")
            return self.offline.overview(category, items, locale)
        return Overview(overview=markdown, summary=summary)

    def _overview_call(self, category: str, items: Sequence[ReportItem], locale: str) -> _Call:
        """The overview is written from the report's themes (files that changed alike, as one),
        per type in order of impact; the cache key comes from that input."""
        prompt = prompts.load("overview")
        grouped = themes(items)
        lists = [
            {
                "heading": heading,
                "files": sum(len(theme.items) for theme in grouped[kind]),
                "themes": [_theme_row(theme) for theme in grouped[kind][:MAX_THEMES]],
                "more": len(grouped[kind][MAX_THEMES:]),
            }
            for kind, heading in zip(CHANGE_TYPES, THEME_HEADINGS, strict=True)
        ]
        counted = Counter(item.type for item in items)
        values = {
            "category": category,
            "locale": locale,
            "language": _language(locale),
            "files": len(items),
            "lists": lists,
            "counts": ", ".join(f"{counted[kind]} {kind}" for kind in CHANGE_TYPES),
        }
        key = cache_key(
            "overview", self.options.overview_model, prompt.key, locale, category, lists
        )
        return _Call(
            key, "overview", self.options.overview_model, prompt.messages(**_marked(values))
        )

    def _summary_call(self, category: str, overview: str, locale: str) -> _Call:
        prompt = prompts.load("summary")
        values = {
            "category": category,
            "locale": locale,
            "language": _language(locale),
            "overview": overview,
        }
        key = cache_key(
            "summary", self.options.overview_model, prompt.key, locale, category, overview
        )
        return _Call(
            key, "summary", self.options.overview_model, prompt.messages(**_marked(values))
        )

    # -- cost ---------------------------------------------------------------------------------

    def estimate(
        self, changes: Sequence[FileChange], locales: Sequence[str], reports: int
    ) -> list[CallEstimate]:
        """The calls this run would make, by model, and their tokens; cached replies are free.

        Input tokens of per-file calls come from the real prompts; replies, and the calls that
        depend on replies (translations, overviews), are estimated from the prompts' sizes.
        """
        assessments = self._assess(changes)
        asked = [
            i
            for i, assessment in enumerate(assessments)
            if self._asks_model(changes[i], assessment)
        ]
        file_calls, translations = [], 0
        for i in asked:
            facts = self._facts(changes[i], assessments[i])
            keys = self._keys(facts, locales)
            if self.cache.get(keys.verdict) is None:
                file_calls.append(self._file_call(facts, locales, keys))
            else:
                translations += sum(1 for key in keys.texts.values() if self.cache.get(key) is None)
        text_tokens = prompts.load("localize").max_tokens // 3
        sample = estimate_tokens(
            _content(prompts.load("localize").messages(**_marked(_sample_localize())))
        )
        prompt_tokens = sum(estimate_tokens(_content(call.messages)) for call in file_calls)
        prompt_tokens += translations * (sample + text_tokens)
        per_file = CallEstimate(
            self.options.model,
            len(file_calls) + translations,
            prompt_tokens,
            len(file_calls) * text_tokens * len(locales) + translations * text_tokens,
            rated_tokens=prompt_tokens
            + sum(call.max_tokens for call in file_calls)
            + translations * prompts.load("localize").max_tokens,
        )
        # Overviews read the files' texts: with every file reply cached, they are cached too.
        overviews = 2 * reports if (per_file.calls and reports) else 0
        overview_max = prompts.load("overview").max_tokens
        prompt_tokens = (
            overviews
            // 2
            * (sum(estimate_tokens(c.path) + 80 for c in changes) // max(reports, 1) + 900)
        )
        per_report = CallEstimate(
            self.options.overview_model,
            overviews,
            prompt_tokens,
            overviews * overview_max // 3,
            rated_tokens=prompt_tokens
            + overviews // 2 * (overview_max + prompts.load("summary").max_tokens),
        )
        by_model: dict[str, CallEstimate] = {}
        for estimate in (per_file, per_report):
            if estimate.calls:
                known = by_model.get(estimate.model, CallEstimate(estimate.model, 0, 0, 0))
                by_model[estimate.model] = CallEstimate(
                    estimate.model,
                    known.calls + estimate.calls,
                    known.tokens_in + estimate.tokens_in,
                    known.tokens_out + estimate.tokens_out,
                    known.rated_tokens + estimate.rated_tokens,
                )
        return [replace(e, seconds=self._time_at_limit(e)) for e in by_model.values()]

    def _time_at_limit(self, estimate: CallEstimate) -> float | None:
        """Seconds the calls take at the model's limits: ``tokens_per_minute``, else the limits
        an earlier run's replies stated; None when neither is known."""
        known = self.cache.limits(self._limits_key(estimate.model)) or {}
        per_minute = {
            "tokens_per_minute": self.options.tokens_per_minute or known.get("tokens_per_minute"),
            "requests_per_minute": known.get("requests_per_minute"),
        }
        needed = {"tokens_per_minute": estimate.rated_tokens, "requests_per_minute": estimate.calls}
        minutes = [needed[name] / rate for name, rate in per_minute.items() if rate]
        return 60 * max(minutes) if minutes else None

    def _limits_key(self, model: str) -> str:
        where = self.client.endpoint.describe() if self.client is not None else ""
        return cache_key("limits", where, model)

    def _remember_limits(self) -> None:
        """Keep the limits the replies stated, for the next ``--dry-run``'s time estimate."""
        if self.client is not None:
            for model, per_minute in self.client.pacer.rates().items():
                self.cache.remember_limits(self._limits_key(model), per_minute)

    # -- calls --------------------------------------------------------------------------------

    def _run(self, calls: dict[Any, _Call], noun: str) -> dict[Any, dict[str, Any] | None]:
        """Every call's checked reply (None when unusable), concurrently, in a fixed order."""
        if not calls:
            return {}
        answered = self._batch(list(calls.values())) if self.options.batch else {}
        results: dict[Any, dict[str, Any] | None] = {}
        asked = {label: call for label, call in calls.items() if call.key not in answered}
        futures = in_background(self._answer_or_none, asked, self.options.concurrency)
        try:
            for done, (label, future) in enumerate(futures.items(), 1):
                results[label] = future.result()
                if done % 10 == 0 or done == len(futures):
                    self.progress(f"model {noun}: {done}/{len(futures)}")
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

    def _answer_or_none(self, call: _Call) -> dict[str, Any] | None:
        try:
            return self._answer(call)
        except UnusableReply as error:
            LOG.warning("%s reply unusable after a second try: %s", call.purpose, error)
        except ModelError as error:
            if error.fatal:
                raise
            LOG.warning("%s call failed: %s", call.purpose, error)
        return None

    def _answer(self, call: _Call) -> dict[str, Any]:
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

    def _keep(self, call: _Call, value: dict[str, Any]) -> None:
        if call.keep is not None:
            call.keep(value)
        else:
            self.cache.put(call.key, call.purpose, value)

    def _ask(self, call: _Call) -> dict[str, Any]:
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

    # -- batches ------------------------------------------------------------------------------

    def _batch(self, calls: list[_Call]) -> dict[str, dict[str, Any]]:
        """Send the calls through the Batch API, wait, keep the replies; the checked ones by key.

        The batch id is cached under the set of calls, so a run started again while a batch is
        still running (or after it finished) picks that batch up instead of paying twice. A
        reply that is unusable is left out: the normal path asks for it again, one by one.
        """
        if self.client is None:
            return {}
        batch_key = cache_key("batch", sorted(call.key for call in calls))
        batch_id = self.cache.batch(batch_key)
        if batch_id is None:
            requests = {
                call.key: self.client.request(
                    call.model, call.messages, call.schema, call.max_tokens, call.purpose
                )
                for call in calls
            }
            batch_id = self.client.submit_batch(
                requests, f"insight: {len(calls)} {calls[0].purpose} calls"
            )
            self.cache.remember_batch(batch_key, batch_id)
        while True:
            status, output, done, total = self.client.batch_status(batch_id)
            self.progress(f"batch {batch_id}: {status}, {done}/{total}")
            if status == "completed" and output:
                break
            if status in ("failed", "expired", "cancelled"):
                raise ModelError(f"batch {batch_id} {status}; run again without --batch to finish")
            time.sleep(self.options.batch_poll)
        by_key = {call.key: call for call in calls}
        answered: dict[str, dict[str, Any]] = {}
        for line in self.client.file_text(output).splitlines():
            entry = json.loads(line) if line.strip() else {}
            call = by_key.get(entry.get("custom_id", ""))
            body = (entry.get("response") or {}).get("body") or {}
            if call is None or not body.get("choices"):
                continue
            choice, usage = body["choices"][0], body.get("usage") or {}
            reply = Reply(
                content=choice["message"].get("content") or "",
                finish_reason=choice.get("finish_reason") or "stop",
                tokens_in=usage.get("prompt_tokens", 0),
                tokens_out=usage.get("completion_tokens", 0),
                retries=0,
                seconds=0.0,
            )
            self.stats.count(reply)
            try:
                answered[call.key] = validate(call.purpose, reply, call.locales)
            except UnusableReply:
                continue
            self._keep(call, answered[call.key])
        return answered


def in_background(
    work: Callable[[_Item], _Result], items: dict[_Label, _Item], workers: int
) -> dict[_Label, Future[_Result]]:
    """``work`` over ``items`` on at most ``workers`` daemon threads, a future per item.

    Not an executor: its threads are joined when the interpreter exits, so a model call that
    hangs would hold an interrupted run until its timeout and retries ran out. A daemon
    thread is left behind; a cancelled future is never started.
    """
    jobs: queue.SimpleQueue[tuple[Future[_Result], _Item] | None] = queue.SimpleQueue()
    futures: dict[_Label, Future[_Result]] = {}
    for label, item in items.items():
        futures[label] = Future()
        jobs.put((futures[label], item))

    def worker() -> None:
        while (job := jobs.get()) is not None:
            future, item = job
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(work(item))
            except BaseException as error:
                future.set_exception(error)

    for _ in range(min(workers, len(items))):
        jobs.put(None)
        threading.Thread(target=worker, name="insight-model", daemon=True).start()
    return futures


def _verdict_of(reply: dict[str, Any], locale: str) -> dict[str, Any]:
    """What the cache keeps of a file's reply, apart from its texts: the type, the reason and
    the text of ``locale``, from which a locale added later is written."""
    source = {"locale": locale, **reply["texts"][locale]}
    return {"type": reply["type"], "reason": reply["reason"], "source": source}


def _settled_by_rubric(change: FileChange, assessment: Assessment) -> bool:
    """Whether the rubric decides the type by itself, the model's answer aside: a page removed
    or moved is a breaking change (links and bookmarks break), whatever the page says."""
    return change.status in ("removed", "renamed") and assessment.type == BREAKING


def validate(purpose: str, reply: Reply, locales: Sequence[str] = ()) -> dict[str, Any]:
    """The reply's JSON, or UnusableReply saying what is wrong with it."""
    if reply.finish_reason == "length":
        raise UnusableReply("the reply was cut off at the token limit; be brief")
    try:
        data = json.loads(reply.content)
    except json.JSONDecodeError as error:
        raise UnusableReply(
            f"it is not valid JSON ({error.msg} at character {error.pos})"
        ) from None
    try:
        value = _REPLIES[purpose].model_validate(data).model_dump()
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "the object"
        raise UnusableReply(f"{where}: {first['msg']}") from None
    if purpose == "file":
        given = list(value["texts"])
        if sorted(given) != sorted(locales):
            raise UnusableReply(
                f"texts: one is needed for each of {', '.join(locales)}, got {', '.join(given)}"
            )
    return value


def cut_patch(change: FileChange, assessment: Assessment, budget: int) -> tuple[str, str]:
    """The diff within ``budget`` tokens, keeping the hunks that carry signals; what was cut."""
    patch = change.patch or ""
    if estimate_tokens(patch) <= budget:
        return patch, ""
    hunks = _hunk_texts(patch)
    ranges = [
        (h.old_start, h.old_length, h.new_start, h.new_length) for h in parse_patch(patch).hunks
    ]
    marked = set()
    for signal in assessment.signals:
        for index, (old_start, old_length, new_start, new_length) in enumerate(
            ranges[: len(hunks)]
        ):
            start, length = (
                (old_start, old_length) if signal.side == "old" else (new_start, new_length)
            )
            if signal.line is not None and start <= signal.line < start + max(length, 1):
                marked.add(index)
    order = sorted(range(len(hunks)), key=lambda index: (index not in marked, index))
    kept, used = set(), 0
    for index in order:
        cost = estimate_tokens(hunks[index])
        if used + cost <= budget:
            kept.add(index)
            used += cost
    if not kept:  # one hunk larger than the budget: its head
        head = patch.encode("utf-8")[: budget * 4].decode("utf-8", "ignore")
        cut_lines = patch.count("\n") - head.count("\n")
        return head, f"cut to its first {head.count(chr(10)) + 1} lines; {cut_lines} lines left out"
    text = "\n".join(hunks[index] for index in sorted(kept))
    left_out = sum(hunks[index].count("\n") + 1 for index in range(len(hunks)) if index not in kept)
    return text, f"{len(kept)} of {len(hunks)} hunks kept, signals first; {left_out} lines left out"


def _hunk_texts(patch: str) -> list[str]:
    hunks: list[list[str]] = []
    for line in patch.split("\n"):
        if line.startswith("@@ ") or not hunks:
            hunks.append([])
        hunks[-1].append(line)
    return ["\n".join(lines) for lines in hunks]


def _theme_row(theme: Theme) -> str:
    """One theme as the overview prompt shows it: what ``Theme.to_dict`` gives (``theme`` is
    the theme's kind, ``kind`` the deciding change's), the explanation of its first file."""
    row = {"theme": theme.kind, **theme.to_dict()}
    for noise in ("line", "side"):
        row.pop(noise, None)
    row["explanation"] = _shorten(theme.items[0].explanation, OVERVIEW_EXPLANATION_LIMIT)
    return json.dumps(row, ensure_ascii=False, default=str)


def _overview_text(reply: dict[str, Any]) -> OverviewText:
    """The model's overview, as text that cannot change the report's structure: each list at
    most eight bullets, none the same as another."""
    bullets = {}
    for _, name in LISTS:
        kept: list[str] = []
        for bullet in reply[name]:
            line = _title(bullet.lstrip("-*• "))
            if line.strip() and line.casefold() not in {seen.casefold() for seen in kept}:
                kept.append(line)
        bullets[name] = kept[:MAX_BULLETS]
    return OverviewText(
        highlights=_plain(reply["highlights"]), insights=_plain(reply["insights"]), **bullets
    )


def _title(text: str) -> str:
    """One line, no Markdown structure, a sensible length."""
    line = " ".join(text.split())
    line = line.lstrip("#").strip() or line
    return line if len(line) <= TITLE_LIMIT else line[: TITLE_LIMIT - 1].rstrip() + "…"


def _plain(text: str) -> str:
    """Model text that cannot change a report's structure: no headings, fences, HTML or rules."""
    lines = [
        _STRUCTURE_LINE.sub(lambda match: match.group(1) + "\\" + match.group(2), line)
        for line in text.strip().splitlines()
    ]
    return "\n".join(lines).replace("{#", "{\\#")


def _shorten(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _marked(values: dict[str, Any]) -> dict[str, Any]:
    """The prompt's values and the code of its data markers: a hash of every value (paths,
    titles, category names, headings, the diff), so no value can contain the code and close
    the markers early."""
    text = json.dumps(values, ensure_ascii=False, sort_keys=True, default=str)
    return {**values, "marker": hashlib.sha256(text.encode()).hexdigest()[:16]}


def _findings(signals: Sequence[Signal]) -> list[str]:
    """The offline analysis's signals as the offline engine words them (in English), each with
    its kind and line; a signal without words is shown as its kind and detail."""
    english = _english()
    findings = []
    for signal in signals[:MAX_FINDINGS]:
        phrase = _phrase(signal, english)
        where = f", line {signal.line}, {signal.side}" if signal.line else ""
        findings.append(f"{phrase} [{signal.kind}{where}]" if phrase else _signal_text(signal))
    return findings


def _page(site: PageFacts | None) -> dict[str, Any]:
    """Where the page is published, its title, where its old address now leads, and the
    pages that show it (an include), for the file prompt: the first few, and how many."""
    site = site or PageFacts()
    return {
        "url": site.url,
        "old_url": site.old_url,
        "title": _shorten(site.page_title, PAGE_TITLE_LIMIT) if site.page_title else None,
        "redirect": site.redirect,
        "keeps_address": site.keeps_address,
        "included": list(site.included_in[:MAX_INCLUDED_IN]),
        "included_count": len(site.included_in),
    }


@functools.cache
def _english() -> i18n.Catalogue:
    return i18n.catalogue("en_US")


def _signal_text(signal: Any) -> str:
    detail = ", ".join(
        f"{key}={value}" for key, value in signal.detail.items() if value not in (None, "")
    )
    where = f" (line {signal.line}, {signal.side})" if signal.line else ""
    return f"{signal.kind}{where}: {detail}" if detail else f"{signal.kind}{where}"


def _language(locale: str) -> str:
    return (
        i18n.catalogue(locale).text("meta.language")
        if locale in i18n.supported_locales()
        else locale
    )


def _content(messages: Sequence[dict[str, str]]) -> str:
    return "\n".join(message["content"] for message in messages)


def _sample_localize() -> dict[str, str]:
    return {
        "path": "articles/example/page.md",
        "type": MINOR,
        "locale": "zh_CN",
        "language": "简体中文",
        "source_locale": "en_US",
        "title": "A title of about ten words for one changed documentation page",
        "explanation": " ".join(
            ["An explanation sentence of fifteen words or so about the change."] * 3
        ),
    }
