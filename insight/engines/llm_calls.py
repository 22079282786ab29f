"""What the model engine asks: its calls, built from the prompts in ``prompts/``.

A file's call shows the change, the site's facts about it and the offline analysis's
findings in words (never its verdict: the model decides; see :mod:`insight.engines.llm_facts`),
and the diff cut to a budget (the hunks with findings first); its cache keys come from all
of that. A translation's call shows the text of the first locale; an overview's, the
report's themes in order of impact; a summary's, the overview. Everything taken from the
repository sits between data markers whose code is a hash of it.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from insight import i18n
from insight.engines.llm_facts import findings, shorten, site_facts
from insight.engines.themes import Theme, themes
from insight.llm import prompts
from insight.llm.cache import ReplyCache, cache_key
from insight.llm.calls import Call
from insight.llm.client import estimate_tokens
from insight.models import (
    CHANGE_TYPES,
    Assessment,
    FileChange,
    PageFacts,
    ReportItem,
)
from insight.source.diff import read_hunks

OVERVIEW_EXPLANATION_LIMIT = 300
MAX_THEMES = 40
"""Themes of one type the overview prompt shows, the most important first."""
THEME_HEADINGS = ("Breaking changes", "New features", "Minor updates")


@dataclass(frozen=True)
class FileKeys:
    """Where a file's verdict and texts are cached: apart, so a new locale reuses the verdict."""

    verdict: str
    texts: dict[str, str]


def file_facts(
    change: FileChange, assessment: Assessment, patch_budget: int, page: PageFacts | None = None
) -> dict[str, Any]:
    """What the file prompt shows of a file, in any locale: the change, the change set's facts
    and the findings in words, and the diff cut to the budget; not the offline verdict."""
    patch, cut = cut_patch(change, assessment, patch_budget)
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
        "facts": site_facts(change, page),
        "findings": findings(assessment.signals),
        "patch": patch,
        "cut": cut,
        "no_patch": no_patch,
    }


def file_keys(model: str, facts: dict[str, Any], locales: Sequence[str]) -> FileKeys:
    """Cache keys: model, prompt versions, (locale), and all the file prompt shows of the
    file, so that a reply is reused only for the input it was given."""
    file_prompt, localize_prompt = prompts.load("file").key, prompts.load("localize").key
    shown = hashlib.sha256(json.dumps(facts, sort_keys=True, default=str).encode()).hexdigest()
    return FileKeys(
        verdict=cache_key("verdict", model, file_prompt, shown),
        texts={
            locale: cache_key("text", model, file_prompt, localize_prompt, locale, shown)
            for locale in locales
        },
    )


def file_call(
    model: str, facts: dict[str, Any], locales: Sequence[str], keys: FileKeys, cache: ReplyCache
) -> Call:
    """A file's type, reason and texts in every locale; kept as a verdict and a text per
    locale, so that a locale added later reuses the verdict."""
    values = {
        **facts,
        "locales": [{"code": locale, "language": language(locale)} for locale in locales],
    }

    def keep(verdict: dict[str, Any]) -> None:
        cache.put(keys.verdict, "file", verdict_of(verdict, locales[0]))
        for locale in locales:
            cache.put(keys.texts[locale], "text", verdict["texts"][locale])

    messages = prompts.load("file").messages(**marked(values))
    return Call(keys.verdict, "file", model, messages, tuple(locales), keep)


def localize_call(model: str, path: str, verdict: dict[str, Any], locale: str, key: str) -> Call:
    """A file's title and explanation in another locale, from the cached verdict's text."""
    source = verdict["source"]
    values = {
        "path": path,
        "type": verdict["type"],
        "locale": locale,
        "language": language(locale),
        "source_locale": source["locale"],
        "title": source["title"],
        "explanation": source["explanation"],
    }
    return Call(key, "localize", model, prompts.load("localize").messages(**marked(values)))


def overview_call(model: str, category: str, items: Sequence[ReportItem], locale: str) -> Call:
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
        "language": language(locale),
        "files": len(items),
        "lists": lists,
        "counts": ", ".join(f"{counted[kind]} {kind}" for kind in CHANGE_TYPES),
    }
    key = cache_key("overview", model, prompt.key, locale, category, lists)
    return Call(key, "overview", model, prompt.messages(**marked(values)))


def summary_call(model: str, category: str, overview: str, locale: str) -> Call:
    """A report's summary (its front matter), from its overview."""
    prompt = prompts.load("summary")
    values = {
        "category": category,
        "locale": locale,
        "language": language(locale),
        "overview": overview,
    }
    key = cache_key("summary", model, prompt.key, locale, category, overview)
    return Call(key, "summary", model, prompt.messages(**marked(values)))


def verdict_of(reply: dict[str, Any], locale: str) -> dict[str, Any]:
    """What the cache keeps of a file's reply, apart from its texts: the type, the reason and
    the text of ``locale``, from which a locale added later is written."""
    source = {"locale": locale, **reply["texts"][locale]}
    return {"type": reply["type"], "reason": reply["reason"], "source": source}


def cut_patch(change: FileChange, assessment: Assessment, budget: int) -> tuple[str, str]:
    """The diff within ``budget`` tokens, keeping the hunks that carry signals; what was cut."""
    patch = change.patch or ""
    if estimate_tokens(patch) <= budget:
        return patch, ""
    hunks = _hunk_texts(patch)
    ranges = [(h.old_start, h.old_length, h.new_start, h.new_length) for h in read_hunks(patch)]
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
    """One theme as the overview prompt shows it: what ``Theme.to_dict`` gives, and the
    explanation of its first file."""
    row = theme.to_dict()
    for noise in ("line", "side"):
        row.pop(noise, None)
    row["explanation"] = shorten(theme.items[0].explanation, OVERVIEW_EXPLANATION_LIMIT)
    return json.dumps(row, ensure_ascii=False, default=str)


def marked(values: dict[str, Any]) -> dict[str, Any]:
    """The prompt's values and the code of its data markers: a hash of every value (paths,
    titles, category names, headings, the diff), so no value can contain the code and close
    the markers early."""
    text = json.dumps(values, ensure_ascii=False, sort_keys=True, default=str)
    return {**values, "marker": hashlib.sha256(text.encode()).hexdigest()[:16]}


def language(locale: str) -> str:
    return (
        i18n.catalogue(locale).text("meta.language")
        if locale in i18n.supported_locales()
        else locale
    )
