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

This module decides what to ask and what to make of the answers. The calls are built in
:mod:`insight.engines.llm_calls`, their cost estimated in :mod:`insight.engines.llm_cost`,
run (concurrently, or through the Batch API) by :mod:`insight.llm.calls`, and the replies
checked against their schemas in :mod:`insight.llm.replies`.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from insight.engines.heuristic import HeuristicEngine
from insight.engines.llm_calls import (
    file_call,
    file_facts,
    file_keys,
    localize_call,
    overview_call,
    summary_call,
    verdict_of,
)
from insight.engines.llm_cost import estimate_calls, limits_key, with_time_at_limit
from insight.engines.overview import LISTS, OverviewText, overview_markdown
from insight.errors import ModelError
from insight.llm.cache import ReplyCache
from insight.llm.calls import UNUSABLE, Call, CallRunner, RunStats, TooManyFailures
from insight.llm.client import ModelClient
from insight.llm.replies import UnusableReply, one_line, plain
from insight.models import (
    FALLBACK_ENGINE,
    Assessment,
    CallEstimate,
    Described,
    FileChange,
    Findings,
    Overview,
    PageFacts,
    Progress,
    ReportItem,
    SiteFacts,
    Writeup,
)

LOG = logging.getLogger(__name__)
DISAGREED_CONFIDENCE = 0.6
"""How sure a model's type is where the offline evidence pointed elsewhere: neither is taken
as settled, so such a file does not headline an overview."""
MAX_BULLETS = 8
"""Bullets kept of each of an overview's lists."""


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
    fallback: str = "limited"
    """``limited``: a run whose calls fail for more than ``fallback_share`` of the files
    stops (nothing is written); ``heuristic``: such files are always decided offline."""
    fallback_share: float = 0.1


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
        self.calls = CallRunner(
            client,
            cache,
            self.stats,
            options.concurrency,
            self.progress,
            batch=options.batch,
            batch_poll=options.batch_poll,
        )
        self._assessed: tuple[Sequence[FileChange], list[Assessment]] = ((), [])

    def _assess(
        self,
        changes: Sequence[FileChange],
        facts: SiteFacts | None,
        findings: Findings | None = None,
    ) -> list[Assessment]:
        """The offline assessments of ``changes``, once: ``estimate`` (for --max-calls) and
        ``describe`` get the same list, and the analysis of a large range costs seconds."""
        if self._assessed[0] is not changes:
            lexicon = self.offline.lexicon
            assessed = [
                self.offline.assess(
                    change,
                    _page(facts, change),
                    findings.of(change, lexicon) if findings else None,
                )
                for change in changes
            ]
            self._assessed = (changes, assessed)
        return self._assessed[1]

    def summary(self) -> str | None:
        """What the model work cost, then one line per kind of failure."""
        return "\n".join([self.stats.line(self.client), *self.stats.failure_lines()])

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

    def describe(
        self,
        changes: Sequence[FileChange],
        locales: Sequence[str],
        facts: SiteFacts | None = None,
        findings: Findings | None = None,
    ) -> list[Described]:
        assessments = self._assess(changes, facts, findings)
        asked = [
            i
            for i, assessment in enumerate(assessments)
            if self._asks_model(changes[i], assessment)
        ]
        self.stats.add("skipped", len(changes) - len(asked))
        shown = {
            i: self._facts(changes[i], assessments[i], _page(facts, changes[i])) for i in asked
        }
        keys = {i: file_keys(self.options.model, shown[i], locales) for i in asked}
        verdicts = {i: self.cache.get(keys[i].verdict) for i in asked}
        # A hit is a call not made: a file's cached verdict (its texts came with it).
        self.stats.add("cache_hits", sum(1 for verdict in verdicts.values() if verdict))
        texts: dict[tuple[int, str], dict[str, Any] | None] = {}
        file_calls = {
            i: file_call(self.options.model, shown[i], locales, keys[i], self.cache)
            for i in asked
            if verdicts[i] is None
        }
        for i, reply in self._run_file_calls(file_calls).items():
            if reply is not None:
                verdicts[i] = verdict_of(reply, locales[0])
                texts.update({(i, locale): text for locale, text in reply["texts"].items()})
        missing: dict[tuple[int, str], Call] = {}
        for i in asked:
            verdict = verdicts[i]
            if verdict is None or i in file_calls:
                continue
            for locale in locales:
                texts[(i, locale)] = self.cache.get(keys[i].texts[locale])
                if texts[(i, locale)] is None:
                    missing[(i, locale)] = localize_call(
                        self.options.model, changes[i].path, verdict, locale, keys[i].texts[locale]
                    )
        texts.update(self.calls.run(missing, "translations"))
        described = []
        for i, (change, assessment) in enumerate(zip(changes, assessments, strict=True)):
            verdict = verdicts.get(i)
            page = _page(facts, change)
            if verdict is None:
                described.append(
                    self._offline(change, assessment, locales, page, fell_back=i in keys)
                )
                continue
            settled = _settled_by_rubric(change, assessment)
            chosen_type = assessment.type if settled else verdict["type"]
            chosen = Assessment(
                type=chosen_type,
                reason=assessment.reason if settled else verdict["reason"],
                confidence=assessment.confidence
                if chosen_type == assessment.type
                else DISAGREED_CONFIDENCE,
                trivial=False,
                signals=assessment.signals,
                engine="llm",
                certain=settled,
            )
            writeups = {
                locale: Writeup(one_line(text["title"]), plain(text["explanation"]))
                if (text := texts.get((i, locale)))
                else self.offline.write(change, chosen, locale, page)
                for locale in locales
            }
            described.append(Described(chosen, writeups))
        return described

    def _run_file_calls(self, calls: dict[int, Call]) -> dict[int, dict[str, Any] | None]:
        """The file calls' replies; under the ``limited`` fallback, a ``ModelError`` as soon as
        more than ``fallback_share`` of them failed (one line per kind of failure logged)."""
        limited = self.options.fallback != "heuristic"
        allowed = math.floor(self.options.fallback_share * len(calls)) if limited else None
        before = self.stats.failed()
        try:
            return self.calls.run(calls, "files", allowed_failures=allowed)
        except TooManyFailures as error:
            for line in self.stats.failure_lines():
                LOG.warning("%s", line)
            share = f"{self.options.fallback_share:.0%}"
            failed = max(error.failed, self.stats.failed() - before)  # some failed at once
            cancelled = "; the others were cancelled" if failed < error.asked else ""
            raise ModelError(
                f"the model failed for more than {share} of the files ({failed} of "
                f"{error.asked} calls failed{cancelled}): nothing was written. "
                'Run again when the model answers, or set fallback = "heuristic" to decide '
                "such files offline",
                fatal=True,
                kind="failed",
            ) from None

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
        self,
        change: FileChange,
        assessment: Assessment,
        locales: Sequence[str],
        page: PageFacts | None,
        fell_back: bool,
    ) -> Described:
        if fell_back:
            self.stats.add("fallbacks")
            assessment = replace(assessment, engine=FALLBACK_ENGINE)
        return Described(
            assessment,
            {locale: self.offline.write(change, assessment, locale, page) for locale in locales},
        )

    def overview(self, category: str, items: Sequence[ReportItem], locale: str) -> Overview:
        model = self.options.overview_model
        try:
            markdown = overview_markdown(
                _overview_text(self.calls.answer(overview_call(model, category, items, locale))),
                locale,
            )
            summary = plain(
                self.calls.answer(summary_call(model, category, markdown, locale))["summary"]
            )
        except (ModelError, UnusableReply) as error:
            if isinstance(error, ModelError) and error.fatal:
                raise
            LOG.info("overview of %s (%s) written offline: %s", category, locale, error)
            kind = error.kind if isinstance(error, ModelError) else UNUSABLE
            self.stats.fail(kind, f"overview: {error}")
            self.stats.add("overview_fallbacks")
            return self.offline.overview(category, items, locale)
        return Overview(overview=markdown, summary=summary)

    # -- cost ---------------------------------------------------------------------------------

    def estimate(
        self,
        changes: Sequence[FileChange],
        locales: Sequence[str],
        reports: int,
        facts: SiteFacts | None = None,
        findings: Findings | None = None,
    ) -> list[CallEstimate]:
        """The calls this run would make, by model, and their tokens; cached replies are free."""
        assessments = self._assess(changes, facts, findings)
        file_calls, translations = [], 0
        for i, assessment in enumerate(assessments):
            if not self._asks_model(changes[i], assessment):
                continue
            shown = self._facts(changes[i], assessment, _page(facts, changes[i]))
            keys = file_keys(self.options.model, shown, locales)
            if self.cache.get(keys.verdict) is None:
                file_calls.append(file_call(self.options.model, shown, locales, keys, self.cache))
            else:
                translations += sum(1 for key in keys.texts.values() if self.cache.get(key) is None)
        models = (self.options.model, self.options.overview_model)
        estimates = estimate_calls(file_calls, translations, changes, locales, reports, models)
        return with_time_at_limit(
            estimates, self.cache, self.client, self.options.tokens_per_minute
        )

    def _remember_limits(self) -> None:
        """Keep the limits the replies stated, for the next ``--dry-run``'s time estimate."""
        if self.client is not None:
            for model, per_minute in self.client.pacer.rates().items():
                self.cache.remember_limits(limits_key(self.client, model), per_minute)

    def _facts(
        self, change: FileChange, assessment: Assessment, page: PageFacts | None
    ) -> dict[str, Any]:
        return file_facts(change, assessment, self.options.patch_budget, page)


def _page(facts: SiteFacts | None, change: FileChange) -> PageFacts | None:
    return facts.get(change.path) if facts else None


def _settled_by_rubric(change: FileChange, assessment: Assessment) -> bool:
    """Whether the evidence decides the type by itself, the model's answer aside: an address
    readers used stops serving, whatever the page says."""
    return assessment.certain


def _overview_text(reply: dict[str, Any]) -> OverviewText:
    """The model's overview, as text that cannot change the report's structure: each list at
    most eight bullets, none the same as another."""
    bullets = {}
    for _, name in LISTS:
        kept: list[str] = []
        for bullet in reply[name]:
            line = one_line(bullet.lstrip("-*• "))
            if line.strip() and line.casefold() not in {seen.casefold() for seen in kept}:
                kept.append(line)
        bullets[name] = kept[:MAX_BULLETS]
    return OverviewText(
        highlights=plain(reply["highlights"]), insights=plain(reply["insights"]), **bullets
    )
