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
_TARGET = re.compile(
    r"\]\(\s*<?([^)\s>]+)|['\"]([^'\"]+\.[\w]+)['\"]|redirect_url\s*:\s*['\"]?([^'\"\s]+)"
)
_POINTER_HINT = re.compile(r"INCLUDE|include|--8<--|readfile|import|redirect_url")


def _lines(patch: str | None, mark: str) -> Iterator[str]:
    for line in (patch or "").split("\n"):
        if line[:1] == mark and line[:3] != mark * 3:
            text = " ".join(line[1:].split())
            if len(text) >= MIN_LENGTH:
                yield text


def moved_content(changes: Sequence[FileChange]) -> dict[str, tuple[tuple[str, ...], int]]:
    """For each page whose lost lines mostly reappear in files it now shows or leads to: those
    files (the one that took most first) and how many lines moved."""
    candidates: list[tuple[FileChange, set[str]]] = []
    for change in changes:
        if change.status != "modified" or not change.patch or "\n-" not in change.patch:
            continue
        names = _pointed_names(change.patch)
        if names:
            candidates.append((change, names))
    if not candidates:
        return {}
    every_name = set().union(*(names for _, names in candidates))
    named = {
        change.path
        for change in changes
        if change.status != "removed" and _stem(change.path) in every_name
    }
    gained: defaultdict[str, set[str]] = defaultdict(set)
    boilerplate: Counter[str] = Counter()
    for change in changes:
        if change.status != "removed" and change.patch:
            for text in _lines(change.patch, "+"):
                boilerplate[text] += 1
                if change.path in named:
                    gained[text].add(change.path)
    found = {}
    for change, names in candidates:
        lost = list(dict.fromkeys(_lines(change.patch, "-")))
        if len(lost) < MIN_MOVED:
            continue
        where: Counter[str] = Counter()
        moved = 0
        for text in lost:
            receivers = {
                path
                for path in gained.get(text, ())
                if path != change.path and _stem(path) in names
            }
            if receivers and boilerplate[text] <= MAX_RECEIVERS:
                moved += 1
                where.update(receivers)
        if moved >= MIN_MOVED and moved >= MOVED_SHARE * len(lost):
            found[change.path] = (tuple(path for path, _ in where.most_common(3)), moved)
    return found


def _pointed_names(patch: str) -> set[str]:
    """The names in the added lines that show another file on the page or send its address
    elsewhere: the file a reference names (``[!INCLUDE [x](includes/setup.md)]``: ``setup``)."""
    if not _POINTER_HINT.search(patch):
        return set()
    return {
        _stem(next(group for group in target if group).split("?", 1)[0].split("#", 1)[0])
        for line in patch.split("\n")
        if line[:1] == "+" and _SHOWS_OR_LEADS.search(line[1:])
        for target in _TARGET.findall(line[1:])
    }


def _stem(path: str) -> str:
    return posixpath.splitext(posixpath.basename(path))[0]
