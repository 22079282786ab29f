"""Content moved between files of a range: what one page lost, another file of the range gained.

A page whose text moves into an include that the page now shows, or into a page its old
address now redirects to (a docfx ``redirect_url`` stub), still gives a reader what they
relied on at that address: a move, not a removal (RUBRIC.md, "Moves and redirects"). Text
moved to another page that this one only links to is gone from here (its anchors break), so
that stays a removal. Lines are compared whole, with their spacing normalised; short lines
(headings, fences, bare links) and lines that many files gain at once (boilerplate) say
nothing about a move.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence

from insight.models import FileChange

MIN_LENGTH = 20
"""Lines shorter than this (a heading, a fence, a bare link) are too common to show a move."""
MAX_RECEIVERS = 5
"""A line gained by more files than this is boilerplate, not moved content."""
MIN_MOVED = 5
"""At least this many lines must reappear elsewhere for a move."""
MOVED_SHARE = 0.6
"""...and at least this share of the lines the file lost."""
_SHOWS_OR_LEADS = re.compile(
    r"\[!INCLUDE|--8<--|\{\{[<%]\s*(?:readfile|include)|\{%\s*include|^\s*import\s.+\sfrom\s"
    r"|^\s*redirect_url\s*:",
    re.IGNORECASE,
)
"""A line that shows another file on the page, or sends the page's address to another page."""


def _lines(patch: str | None, mark: str) -> Iterator[str]:
    for line in (patch or "").split("\n"):
        if line[:1] == mark and line[:3] != mark * 3:
            text = " ".join(line[1:].split())
            if len(text) >= MIN_LENGTH:
                yield text


def moved_content(changes: Sequence[FileChange]) -> dict[str, tuple[tuple[str, ...], int]]:
    """For each file whose lost lines mostly reappear in other files of the range: those files
    (the one that took most first) and how many lines moved."""
    gained: defaultdict[str, set[str]] = defaultdict(set)
    for change in changes:
        if change.status != "removed" and change.patch:
            for text in _lines(change.patch, "+"):
                gained[text].add(change.path)
    if not gained:
        return {}
    found = {}
    for change in changes:
        if change.status != "modified" or not change.patch:
            continue
        lost = list(dict.fromkeys(_lines(change.patch, "-")))
        if len(lost) < MIN_MOVED:
            continue
        pointers = [
            line
            for line in (change.new_text or change.patch).split("\n")
            if _SHOWS_OR_LEADS.search(line.lstrip("+"))
        ]
        if not pointers:
            continue
        where: Counter[str] = Counter()
        moved = 0
        for text in lost:
            receivers = {
                path
                for path in gained.get(text, ())
                if path != change.path and _named(path, pointers)
            }
            if receivers and len(gained[text]) <= MAX_RECEIVERS:
                moved += 1
                where.update(receivers)
        if moved >= MIN_MOVED and moved >= MOVED_SHARE * len(lost):
            found[change.path] = (tuple(path for path, _ in where.most_common(3)), moved)
    return found


def _named(path: str, pointers: Sequence[str]) -> bool:
    """Whether one of the lines that show or lead elsewhere names ``path``."""
    stem = posixpath.splitext(posixpath.basename(path))[0]
    return any(stem in line for line in pointers)
