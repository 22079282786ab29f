"""Retirement wording (deprecate, retire, end of support…) added to or removed from the prose."""

from __future__ import annotations

import re

from insight.analysis.document.hunks import MAX_PAIRED_LINES, Line
from insight.analysis.document.read import Document
from insight.analysis.document.words import INCLUDE, alike, as_read, normal, short
from insight.lexicon import Lexicon
from insight.models import Signal

MAX_FLAGGED = 5
"""Flagged entries quoted per document; more say nothing new."""
SAID_WORDS = 6
"""Words a notice's sentence needs for the other side's page to be said to say it already."""


def _date(lexicon: Lexicon) -> re.Pattern[str]:
    """A date in English words or numbers, or in Chinese and Japanese (2025 年 3 月)."""
    months = lexicon.alternation("months", bounded=False)
    return re.compile(
        rf"\b(?:{months}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+20\d\d"
        rf"|\d{{1,2}}\s+{months}\.?,?\s+20\d\d|{months}\s+20\d\d"
        r"|20\d\d-[01]\d-[0-3]\d(?![\w-])|[01]?\d/[0-3]?\d/20\d\d)\b"
        r"|20\d\d\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?",
        re.IGNORECASE,
    )


def _flagged(lexicon: Lexicon) -> re.Pattern[str]:
    """A heading, list item or line led by a flag word: ``[Removed]``, ``**Breaking:**``."""
    flag = lexicon.alternation("flag_words", bounded=False)
    return re.compile(
        r"^[ \t>]*(?:#{1,6}[ \t]+|(?:[-*+]|\d+[.)])[ \t]+)?"
        rf"(?:\[{flag}\]|\*\*{flag}[:：]?\*\*|[*_]*{flag}[*_]*[ \t]*(?:[:：]|$))",
        re.IGNORECASE,
    )


_SENTENCE_ENDS = (". ", "! ", "? ")
"""What ends a sentence inside a line (a dot inside a name or a version ends nothing)."""
_MARKERS = " >*-#\t"
"""The heading, list and quote markers around an entry's text."""


def detect_flagged_entries(document: Document) -> list[Signal]:
    """``breaking_entry_added``: a release-notes heading or entry flagged as breaking, removed
    or deprecated at its start (``[BREAKING CHANGE] …``, ``**Removed:** …``, ``### Deprecated``),
    as opposed to entries that only add. A mention inside a sentence is no flag."""
    signals: list[Signal] = []
    flagged = document.lexicon.compiled(_flagged)
    lost: set[str] | None = None
    for hunk, line in document.changed_lines["new"]:
        if not flagged.match(line.text):
            continue
        if document.zone("new", hunk, line.position) in ("front", "comment", "code", "fence"):
            continue
        if lost is None:
            lost = {_entry(old.text) for _, old in document.changed_lines["old"]}
        if _entry(line.text) in lost:
            continue  # the same entry: its heading a level up, its list marker or links changed
        detail = {"text": short(line.text.strip(_MARKERS))}
        signals.append(Signal("breaking_entry_added", line.number, "new", detail))
        if len(signals) == MAX_FLAGGED:
            break
    return signals


def _entry(text: str) -> str:
    """A release-notes entry as readers see it, its markers aside."""
    return as_read(text.strip(_MARKERS))


def detect_deprecations(document: Document) -> list[Signal]:
    """Retirement wording that appears in (or leaves) the prose, with its date.

    Wording that stands on both sides (on the other version of its line, or on a line
    alike elsewhere: an announcement moved into a table) is not news, nor is a sentence the
    other side's page already says word for word (a parameter's help added for one more
    version of the product, carrying the notice the page gave for the others).
    """
    notices = {side: _notices(document, side) for side in ("old", "new")}
    signals: list[Signal] = []
    if not notices["old"] and not notices["new"]:
        return signals
    retirement = document.lexicon.pattern("retirement")
    date_of = document.lexicon.compiled(_date)
    for side, kind in (("old", "deprecation_removed"), ("new", "deprecation_added")):
        partners = document.partner_texts(side)
        others = [line.text for _, line, _ in notices["new" if side == "old" else "old"]]
        other_page = document.change.new_text if side == "old" else document.change.old_text
        dates: set[str] = set()
        for hunk, line, wording in notices[side]:
            if retirement.search(partners.get((hunk, line.position), "")):
                continue
            if any(alike(normal(line.text), normal(other)) for other in others[:MAX_PAIRED_LINES]):
                continue
            if other_page and _said(_sentence(line.text, wording), other_page):
                continue
            date = date_of.search(line.text)
            key = date.group(0) if date else wording.lower()
            if key in dates:
                continue
            dates.add(key)
            detail = {
                "text": short(line.text.strip(" >*-\t")),
                "date": date.group(0) if date else None,
            }
            shared = INCLUDE.search(line.text)
            if shared and not INCLUDE.sub("", line.text).strip(" >*-|\t"):
                detail["shared"] = shared.group(2)  # a notice the page shows from a shared file
            signals.append(Signal(kind, line.number, side, detail))
    return signals


def _notices(document: Document, side: str) -> list[tuple[int, Line, str]]:
    """(hunk, line, wording) of the changed lines of ``side`` with retirement wording, outside
    code and metadata; wording that a hedge before it in its sentence makes a possibility
    (``This design would also enable the deprecation of …``: meeting notes, a proposal) is
    no notice, while a plain statement stays one whatever follows (``… are deprecated, and
    might not be available in future versions``)."""
    retirement = document.lexicon.pattern("retirement")
    if not retirement.search(document.changed_text(side)):
        return []
    hedges = document.lexicon.pattern("hedges")
    return [
        (hunk, line, wording.group(0))
        for hunk, line in document.changed_lines[side]
        if document.zone(side, hunk, line.position) not in ("front", "comment", "code", "fence")
        and (wording := retirement.search(line.text))
        and not _hedged(line.text, wording.start(), hedges)
    ]


def _sentence(text: str, wording: str) -> str:
    """The sentence of ``text`` that holds ``wording``, its markers aside."""
    at = text.find(wording)
    start = max(text.rfind(mark, 0, at) for mark in _SENTENCE_ENDS)
    start = start + 2 if start >= 0 else 0
    ends = [end + 1 for mark in _SENTENCE_ENDS if (end := text.find(mark, at)) >= 0]
    return text[start : min(ends, default=len(text))].strip(_MARKERS)


def _said(sentence: str, page: str) -> bool:
    """Whether ``page`` says ``sentence`` word for word; a short one (``This feature is
    deprecated.``) may say it of something else."""
    return len(sentence.split()) >= SAID_WORDS and sentence in page


def _hedged(text: str, at: int, hedges: re.Pattern[str]) -> bool:
    """Whether a hedge stands before position ``at`` in its sentence."""
    start = max(text.rfind(mark, 0, at) for mark in ".!?;:") + 1
    return hedges.search(text, start, at) is not None
