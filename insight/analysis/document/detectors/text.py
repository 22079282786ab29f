"""Prose edited, added or removed; typos, markup, whitespace and hidden comments."""

from __future__ import annotations

import re
from collections import Counter
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any

from insight.analysis.document.read import Document
from insight.analysis.document.reading import LINK_DEFINITION
from insight.analysis.document.words import (
    CJK,
    EDITS_KEPT,
    INCLUDE,
    LINK,
    shown_words,
    without_links,
    word_count,
)
from insight.models import Signal

MAX_TOKENS = 400
"""Tokens of a line compared word by word; the rest of a very long line is not."""
_TOKEN = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*|\S", re.UNICODE)
_WORD_CHARS = re.compile(r"[^\w\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]+")
_PROSE_ZONES = frozenset(("text", "entry", "blank", "table", "image"))
_CONTENTS_ENTRY = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+\[[^\]]*\]\(#[^)\s]*\)\s*$")
"""An entry of a contents list: it only links to a section of its own page
(``- [Why use it?](#why-use-it)``), whose heading says the words; it shows none of its own."""
_TEXT_KINDS = (
    *("text_added", "text_removed", "text_edited", "typo_fixed", "image_text_changed"),
    *("formatting_changed", "whitespace_changed", "comment_changed"),
)


def detect_text(document: Document) -> list[Signal]:
    """Prose edits: whitespace, markup, typo-size, wording; prose added or removed whole.

    Lines edited inside tables count here only for whitespace, markup and typos (a wording
    change of a row is ``table_row_changed``); edits inside comments are hidden from readers.
    """
    counts: Counter[str] = Counter()
    fixes: list[str] = []
    first: dict[str, int | None] = {}

    def count(kind: str, words: int, line: int | None) -> None:
        counts[kind] += 1
        counts[kind + ".words"] += words
        first.setdefault(kind, line)

    for hunk_index, hunk in enumerate(document.hunks):
        pairs = document.pairs(hunk_index)
        for old, new in pairs:
            zones = {document.zone("old", hunk_index, old), document.zone("new", hunk_index, new)}
            if zones == {"comment"}:
                count("comment_changed", 0, hunk.lines[new].new_line)
                continue
            if not zones <= _PROSE_ZONES:
                continue
            kind, words, found = _classify_edit(hunk.lines[old].text, hunk.lines[new].text)
            if kind == "text_edited" and "image" in zones:
                kind = "image_text_changed"
            if kind is None or (kind == "text_edited" and "table" in zones):
                continue
            count(kind, words, hunk.lines[new].new_line)
            fixes += found if kind == "typo_fixed" else ()
        paired = {old for old, _ in pairs} | {new for _, new in pairs}
        # Every changed line is in one edit, and the edits come in order of position.
        for removed, added in document.edits(hunk_index):
            edit = removed + added
            blank = all(not hunk.lines[position].text.strip() for position in edit)
            for position in edit:
                if position in paired:
                    continue
                line = hunk.lines[position]
                side = "old" if line.kind == "-" else "new"
                number = line.old_line if side == "old" else line.new_line
                zone = document.zone(side, hunk_index, position)
                if zone == "comment":
                    count("comment_changed", 0, number)
                elif blank:  # an edit that only adds or removes blank lines
                    count("whitespace_changed", 0, number)
                elif zone in ("text", "entry") and not (
                    LINK_DEFINITION.match(line.text) or _CONTENTS_ENTRY.match(line.text)
                ):
                    # the words readers see: a link's target (or definition) shows none
                    kind = "text_removed" if side == "old" else "text_added"
                    count(kind, shown_words(line.text), number)
    signals = []
    for kind in _TEXT_KINDS:
        if not counts[kind]:
            continue
        detail: dict[str, Any] = {"lines": counts[kind]}
        if kind in ("text_added", "text_removed", "text_edited", "typo_fixed"):
            detail["words"] = counts[kind + ".words"]
        if kind == "typo_fixed":
            detail["fixes"] = fixes[:5]
        side = "old" if kind == "text_removed" else "new"
        signals.append(Signal(kind, first.get(kind), side, detail))
    return signals


@lru_cache(maxsize=EDITS_KEPT)
def _classify_edit(old: str, new: str) -> tuple[str | None, int, tuple[str, ...]]:
    """One edited line: whitespace, link-only, typo-size or a wording change (words changed)."""
    if old.split() == new.split():
        return "whitespace_changed", 0, ()
    old_plain, new_plain = without_links(old), without_links(new)
    if old_plain.split() == new_plain.split():
        if _targets(old) != _targets(new):
            return None, 0, ()
        return "formatting_changed", 0, ()
    old_tokens = _TOKEN.findall(old_plain)[:MAX_TOKENS]
    new_tokens = _TOKEN.findall(new_plain)[:MAX_TOKENS]
    matcher = SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    changed = 0
    fixes: list[str] = []
    typo_like = True
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        before, after = old_tokens[i1:i2], new_tokens[j1:j2]
        changed += max(word_count(" ".join(before)), word_count(" ".join(after)), 1)
        pairs = list(zip(before, after, strict=False))
        if tag == "replace" and len(before) == len(after) and all(_is_typo(*p) for p in pairs):
            fixes += [f"{a} → {b}" for a, b in pairs]
            continue
        if all(not _WORD_CHARS.sub("", token) for token in before + after):
            if before and after:  # punctuation swapped; one added or dropped names nothing
                fixes.append(f"{''.join(before)} → {''.join(after)}")
            continue
        typo_like = False
    if typo_like and changed <= 3:
        return "typo_fixed", changed, tuple(fixes)
    return "text_edited", changed, ()


def _targets(text: str) -> list[str]:
    """The link, image and include targets of a line, in order."""
    return [match.group(3) for match in LINK.finditer(text)] + [
        match.group(2) for match in INCLUDE.finditer(text)
    ]


def _is_typo(old: str, new: str) -> bool:
    """Case, or a letter or two, in a word; a changed number is never a typo."""
    if any(char.isdigit() for char in old + new):
        return False
    if old.lower() == new.lower():
        return True
    if len(old) < 4 or len(new) < 4 or CJK.search(old + new):
        return False
    return SequenceMatcher(None, old.lower(), new.lower()).ratio() >= 0.8
