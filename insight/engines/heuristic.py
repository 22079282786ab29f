"""The offline engine: rubric rules for the type, message catalogues for the words.

Deterministic and free: no network, the same input gives the same report.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import re
from collections import Counter
from collections.abc import Sequence

from insight import i18n
from insight.analysis import rules
from insight.models import (
    BREAKING,
    MINOR,
    NEW_FEATURE,
    Assessment,
    CallEstimate,
    Described,
    FileChange,
    Overview,
    ReportItem,
    Signal,
    Writeup,
    anchor,
)

TYPE_KEYS = {BREAKING: "breaking", NEW_FEATURE: "new", MINOR: "minor"}
MAX_SIGNAL_PHRASES = 3
MAX_LISTED = 3
"""Items of a list detail (rows, typo fixes) named in a phrase."""
MAX_OVERVIEW_ITEMS = 8
MAX_NAMED_FILES = 2
_FRONT_MATTER_TITLE = re.compile(r"^title:\s*(.+?)\s*$", re.MULTILINE)
_FIRST_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


PARALLEL_MINIMUM = 400
"""Below this many files, starting worker processes costs more than it saves."""
_WORK: tuple[Sequence[FileChange], Sequence[str]] = ((), ())
"""The changes a forked worker describes; it inherits them from its parent, unpickled."""


def _keep_work(changes: Sequence[FileChange], locales: Sequence[str]) -> None:
    global _WORK
    _WORK = (changes, locales)


def _describe_slice(bounds: tuple[int, int]) -> list[Described]:
    changes, locales = _WORK
    return HeuristicEngine(workers=1).describe(changes[bounds[0] : bounds[1]], locales)


class HeuristicEngine:
    name = "heuristic"

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or _usable_cores()

    def describe(self, changes: Sequence[FileChange], locales: Sequence[str]) -> list[Described]:
        """Every change's assessment and writeups; a large range on every core (if fork exists)."""
        if (
            self.workers > 1
            and len(changes) >= PARALLEL_MINIMUM
            and "fork" in mp.get_all_start_methods()
        ):
            return self._describe_in_processes(changes, locales)
        described = []
        for change in changes:
            assessment = self.assess(change)
            writeups = {locale: self.write(change, assessment, locale) for locale in locales}
            described.append(Described(assessment, writeups))
        return described

    def _describe_in_processes(
        self, changes: Sequence[FileChange], locales: Sequence[str]
    ) -> list[Described]:
        size = -(-len(changes) // (self.workers * 4))
        slices = [(start, start + size) for start in range(0, len(changes), size)]
        context = mp.get_context("fork")
        with context.Pool(
            self.workers, initializer=_keep_work, initargs=(changes, locales)
        ) as pool:
            return [described for part in pool.map(_describe_slice, slices) for described in part]

    def assess(self, change: FileChange) -> Assessment:
        """The type, reason, confidence and trivial mark of one file, from its structure."""
        return rules.assess(change, rules.signals_of(change))

    def write(self, change: FileChange, assessment: Assessment, locale: str) -> Writeup:
        """The title and explanation of one file in one locale."""
        return write(change, assessment, i18n.catalogue(locale))

    def overview(self, category: str, items: Sequence[ReportItem], locale: str) -> Overview:
        return compose_overview(category, items, i18n.catalogue(locale))

    def estimate(
        self, changes: Sequence[FileChange], locales: Sequence[str], reports: int
    ) -> list[CallEstimate]:
        return []

    def summary(self) -> str | None:
        return None

    def close(self) -> None:
        """Nothing to let go of."""


def _usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def write(change: FileChange, assessment: Assessment, messages: i18n.Catalogue) -> Writeup:
    """A short title and a 1-3 sentence explanation that name the decisive signals."""
    name = change.path.rsplit("/", 1)[-1]
    old_name = (change.old_path or change.path).rsplit("/", 1)[-1]
    title_text = document_title(change.new_text if change.status != "removed" else change.old_text)
    subject = messages.text("meta.subject", title=title_text) if title_text else f"`{name}`"
    prefix = "" if rules.is_document(change.path) else "file_"
    phrases = _phrases(assessment.signals, messages)
    params = {
        "subject": subject,
        "name": name,
        "old_name": old_name,
        "path": change.path,
        "old_path": change.old_path,
    }
    if change.status == "modified" and phrases:
        title = _capitalize(phrases[0])
    else:
        title = messages.text(f"title.{prefix}{change.status}", **params)
    sentences = [_status_sentence(change, messages, params)]
    if phrases:
        sentences.append(messages.text("explain.signals", list=messages.join(phrases)))
    sentences.append(messages.text(f"impact.{TYPE_KEYS[assessment.type]}"))
    return Writeup(
        title=title,
        explanation=" ".join(sentences) if messages.locale.startswith("en") else "".join(sentences),
    )


def _status_sentence(change: FileChange, messages: i18n.Catalogue, params: dict) -> str:
    if change.binary:
        return messages.text("explain.binary", **params)
    lines = messages.plural(
        "lines", change.additions if change.status == "added" else change.deletions
    )
    added = messages.plural("lines_added", change.additions)
    removed = messages.plural("lines_removed", change.deletions)
    edits = (
        messages.text("edits.both", added=added, removed=removed)
        if change.changes
        else messages.text("edits.none")
    )
    return messages.text(f"explain.{change.status}", lines=lines, edits=edits, **params)


def _phrases(signals: Sequence[Signal], messages: i18n.Catalogue) -> list[str]:
    """Phrases for the first signals (the rules put the deciding ones first), each once."""
    phrases: list[str] = []
    for signal in signals:
        phrase = _phrase(signal, messages)
        if phrase and phrase not in phrases:
            phrases.append(phrase)
        if len(phrases) == MAX_SIGNAL_PHRASES:
            break
    return phrases


def _phrase(signal: Signal, messages: i18n.Catalogue) -> str | None:
    """The catalogue's words for one signal: ``signal.<kind>`` or one of its variants."""
    detail = signal.detail
    params = {key: _shown(value) for key, value in detail.items()}
    for count in ("lines", "added", "removed"):
        if isinstance(detail.get(count), int):
            params[count] = messages.plural("lines", detail[count])
    key = f"signal.{signal.kind}{_variant(signal)}"
    return messages.text(key, **params) if messages.has(key) else None


def _variant(signal: Signal) -> str:
    """Which form of a phrase fits the detail: a key added or removed, no language, a date."""
    detail = signal.detail
    if signal.kind == "front_matter_changed" and detail["old"] is None:
        return "_added"
    if signal.kind == "front_matter_changed" and detail["new"] is None:
        return "_removed"
    if signal.kind.startswith("code_") and not detail.get("language"):
        return "_plain"
    if signal.kind.startswith("deprecation_") and detail.get("date"):
        return "_dated"
    if signal.kind == "link_retargeted" and not detail.get("text"):
        return "_plain"
    return ""


def _shown(value: object) -> str:
    """A detail value as it reads inside a phrase: lists shortened, no backticks or breaks."""
    if isinstance(value, (list, tuple)):
        shown = [str(item) for item in value[:MAX_LISTED]]
        more = len(value) - len(shown)
        value = ", ".join(shown) + (f" (+{more})" if more > 0 else "")
    return " ".join(str(value if value is not None else "").replace("`", "'").split())


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def document_title(text: str | None) -> str | None:
    """The page title a reader sees: front-matter ``title``, else the first ``#`` heading."""
    if not text:
        return None
    head = text[:4000]
    match = _FRONT_MATTER_TITLE.search(head) if head.lstrip().startswith("---") else None
    match = match or _FIRST_HEADING.search(text)
    return match.group(1).strip().strip("'\"") if match else None


def compose_overview(
    category: str, items: Sequence[ReportItem], messages: i18n.Catalogue
) -> Overview:
    """Highlights, the three lists and a few insights, from the items alone."""
    by_type = {kind: [item for item in items if item.type == kind] for kind in TYPE_KEYS}
    counts = {
        "files": messages.plural("count.files", len(items)),
        "breaking": messages.plural("count.breaking", len(by_type[BREAKING])),
        "new": messages.plural("count.new", len(by_type[NEW_FEATURE])),
        "minor": messages.plural("count.minor", len(by_type[MINOR])),
    }
    highlights = messages.text("overview.highlights", category=category, **counts)
    sections = [
        ("## New features", by_type[NEW_FEATURE]),
        ("## Breaking changes", by_type[BREAKING]),
        ("## Other updates", by_type[MINOR]),
    ]
    lines = ["", "# Highlights", highlights, ""]
    for heading, members in sections:
        lines.append(heading)
        lines.extend(_bullets(members, messages))
        lines.append("")
    lines.extend(["# Insights", _insights(items, by_type, messages), ""])
    return Overview(
        overview="\n".join(lines), summary=_summary(category, by_type, counts, messages)
    )


def _bullets(members: Sequence[ReportItem], messages: i18n.Catalogue) -> list[str]:
    """One bullet per distinct title, naming its files (versioned copies of a page share one)."""
    if not members:
        return [messages.text("overview.none")]
    by_title: dict[str, list[ReportItem]] = {}
    for item in members:
        by_title.setdefault(item.title, []).append(item)
    shown = [
        messages.text(
            "overview.item",
            title=title,
            anchor=anchor(group[0].path),
            files=_files(group, messages),
        )
        for title, group in list(by_title.items())[:MAX_OVERVIEW_ITEMS]
    ]
    hidden = sum(len(group) for group in list(by_title.values())[MAX_OVERVIEW_ITEMS:])
    if hidden:
        shown.append(messages.text("overview.more", count=hidden))
    return shown


def _files(group: Sequence[ReportItem], messages: i18n.Catalogue) -> str:
    names = messages.join([f"`{item.path}`" for item in group[:MAX_NAMED_FILES]])
    if len(group) <= MAX_NAMED_FILES:
        return names
    return messages.text(
        "overview.more_files", names=names, count=len(group) - MAX_NAMED_FILES, total=len(group)
    )


def _insights(items: Sequence[ReportItem], by_type: dict, messages: i18n.Catalogue) -> str:
    sentences = []
    if by_type[BREAKING]:
        titles = [item.title for item in by_type[BREAKING][:3]]
        sentences.append(messages.text("overview.insight_breaking", list=messages.join(titles)))
    if by_type[NEW_FEATURE]:
        titles = [item.title for item in by_type[NEW_FEATURE][:3]]
        sentences.append(messages.text("overview.insight_new", list=messages.join(titles)))
    if items:
        routine = sum(1 for item in items if item.trivial)
        if routine:
            sentences.append(
                messages.text("overview.insight_routine", share=round(100 * routine / len(items)))
            )
        directories = Counter(
            item.path.rsplit("/", 1)[0] if "/" in item.path else "." for item in items
        )
        directory, count = directories.most_common(1)[0]
        if len(directories) > 1 and count > 1:
            sentences.append(
                messages.text(
                    "overview.insight_area",
                    directory=directory,
                    files=messages.plural("count.files", count),
                )
            )
    return messages.sentences(sentences)


def _summary(category: str, by_type: dict, counts: dict, messages: i18n.Catalogue) -> str:
    sentences = [messages.text("summary.counts", category=category, **counts)]
    if by_type[BREAKING]:
        sentences.append(messages.text("summary.lead_breaking", title=by_type[BREAKING][0].title))
    if by_type[NEW_FEATURE]:
        sentences.append(messages.text("summary.lead_new", title=by_type[NEW_FEATURE][0].title))
    if not by_type[BREAKING] and not by_type[NEW_FEATURE]:
        sentences.append(messages.text("summary.routine"))
    return messages.sentences(sentences)
