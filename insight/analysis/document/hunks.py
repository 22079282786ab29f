"""The hunks of a change, each read as two fragments, and the edits inside them."""

from __future__ import annotations

from typing import NamedTuple

from insight.analysis.document.words import bag, bags_alike
from insight.models import FileChange
from insight.source.diff import Hunk, PatchLine, comparable_hunks

MAX_PAIRED_LINES = 60
"""Longer blocks of removed and added lines are a rewrite; they are not paired line by line."""


class Line(NamedTuple):
    number: int
    """Line number in its side's document."""
    text: str
    changed: bool
    position: int
    """Index of the line in its hunk: a context line has the same position on both sides."""


class Fragment(NamedTuple):
    """One side of one hunk: context lines plus the removed (old) or added (new) lines."""

    side: str
    hunk: int
    lines: tuple[Line, ...]


def hunks_of(change: FileChange) -> tuple[Hunk, ...]:
    """The hunks of the patch or, without one, of the two whole documents.

    The patch is read by its markers alone, lines whose line end alone changed as context
    (``comparable_hunks``); its counts are the change's own ``additions`` and ``deletions``,
    which unidiff gave it.
    """
    if change.patch:
        return comparable_hunks(change.patch)
    if change.old_text is not None and change.new_text is not None:
        return (
            (_hunk_between(change.old_text, change.new_text),)
            if change.old_text != change.new_text
            else ()
        )
    return ()


def _hunk_between(old_text: str, new_text: str) -> Hunk:
    """One hunk from two whole documents, in linear time: the common head and tail trimmed."""
    old, new = old_text.split("\n"), new_text.split("\n")
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    lines = [
        PatchLine("-", text, head + 1 + index, None)
        for index, text in enumerate(old[head : len(old) - tail])
    ]
    lines += [
        PatchLine("+", text, None, head + 1 + index)
        for index, text in enumerate(new[head : len(new) - tail])
    ]
    return Hunk(
        head + 1, len(old) - tail - head, head + 1, len(new) - tail - head, "", tuple(lines)
    )


def fragments_of(hunk_index: int, hunk: Hunk) -> tuple[Fragment, Fragment]:
    """The old and the new side of a hunk; a trailing ``\\r`` (CRLF files) is dropped."""
    old: list[Line] = []
    new: list[Line] = []
    for position, line in enumerate(hunk.lines):
        text = line.text[:-1] if line.text.endswith("\r") else line.text
        if line.kind != "+" and line.old_line is not None:
            old.append(Line(line.old_line, text, line.kind == "-", position))
        if line.kind != "-" and line.new_line is not None:
            new.append(Line(line.new_line, text, line.kind == "+", position))
    return Fragment("old", hunk_index, tuple(old)), Fragment("new", hunk_index, tuple(new))


def pair_lines(hunk: Hunk, removed: list[int], added: list[int]) -> list[tuple[int, int]]:
    """Removed and added lines of one edit that are versions of each other."""
    if not removed or not added:
        return []
    if len(removed) > MAX_PAIRED_LINES or len(added) > MAX_PAIRED_LINES:
        return []
    old = [bag(hunk.lines[p].text) for p in removed]
    new = [bag(hunk.lines[p].text) for p in added]
    if len(old) == len(new):
        pairs = [(removed[i], added[i]) for i in range(len(old)) if bags_alike(old[i], new[i])]
        if len(pairs) * 2 >= len(old):
            return pairs
    pairs = []
    start = 0
    for index, words in enumerate(old):
        for other in range(start, len(new)):
            if bags_alike(words, new[other]):
                pairs.append((removed[index], added[other]))
                start = other + 1
                break
    return pairs
