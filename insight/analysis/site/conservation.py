"""Text moved within the change set: what one file lost, another file (or itself) gained.

Both ways: where each run of removed lines went (``moved_text``), and where each run of added
lines came from (``moved_in``: text a page gained that it or another file lost, such as an
include inlined into the pages that showed it, is no new content).

RUBRIC.md, "Content moved elsewhere in the same range": a section moved to its own page, an
option list moved to the plugin page that now documents it, a primer replaced by a link to
the page that now holds it, text moved into an include: none of it is removed. So each run of
removed lines (a block) is looked for in what the range added, as runs of words (shingles),
so that text reflowed, re-indented or reformatted on the way still counts:

- a block whose words mostly reappear in the added lines of the same file (reorganised), or
  of a file the change now names (an include it now shows, a page it now links to or
  redirects to), went there. Text that reappears in a page the change does not point to
  has left this page, whose anchors and readers it no longer serves: a removal still (a
  removed file's text is followed wherever it went, to say where);
- a block that a page replaces with a link to another page holding the same words, or whose
  heading names the title of the page the change now links to, went to that page, and its
  subsections with it.

Words are compared in lower case, markup aside; a block shorter than ``MIN_WORDS`` says
nothing, nor do runs of words that many files gain at once (boilerplate).
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from insight.models import FileChange, MovedText
from insight.source.diff import read_hunks
from insight.source.tree import Tree

SHINGLE = 6
"""Words in a run compared between files."""
MIN_WORDS = 10
"""A removed block of fewer words is too short to tell where it went."""
MOVED_SHARE = 0.6
"""A block moved when this share of its runs of words reappear in one file."""
BOILERPLATE = 6
"""A run of words gained by more files than this is boilerplate, not moved text."""
MAX_LINKED = 5
"""Pages a change links to that are read to look for a block's words."""
_WORD = re.compile(r"\w+")
_LINK = re.compile(r"\]\(\s*<?([^)\s>#?]+\.mdx?)(?:#[^)\s>]*)?>?(?:\s+\"[^\"]*\")?\s*\)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$")
_ATTRIBUTES = re.compile(r"\s*\{[^{}]*\}\s*$")
_TITLE = re.compile(r"^title:\s*['\"]?(.+?)['\"]?\s*$", re.MULTILINE)


@dataclass(frozen=True)
class _Block:
    path: str
    start: int
    end: int
    heading: str | None
    level: int
    """The heading's level (7 for a block without a heading)."""
    runs: frozenset[int]


def moved_in(changes: Sequence[FileChange]) -> dict[str, tuple[MovedText, ...]]:
    """For each modified file, the blocks of added lines whose text came from what another
    file (or the same one) lost in the range: an include inlined, a section moved here."""
    blocks = [block for change in changes for block in _blocks(change, "+")]
    if not blocks:
        return {}
    wanted = frozenset().union(*(block.runs for block in blocks))
    lost: defaultdict[int, set[str]] = defaultdict(set)
    for change in changes:
        text = change.old_text if change.status == "removed" else _patch_text(change, "-")
        for run in _runs(text or "") & wanted:
            lost[run].add(change.path)
    found: defaultdict[str, list[MovedText]] = defaultdict(list)
    for block in blocks:
        where: Counter[str] = Counter()
        for run in block.runs:
            sources = lost.get(run, ())
            if len(sources) <= BOILERPLATE:
                where.update(sources)
        best = where.most_common(1)
        if best and best[0][1] >= MOVED_SHARE * len(block.runs):
            found[block.path].append(MovedText(block.start, block.end, best[0][0]))
    return {path: tuple(moved) for path, moved in found.items()}


def moved_text(
    changes: Sequence[FileChange], tree: Tree | None = None
) -> dict[str, tuple[MovedText, ...]]:
    """For each file, the blocks of removed lines whose text went elsewhere in the range."""
    blocks = [block for change in changes for block in _blocks(change, "-")]
    if not blocks:
        return {}
    wanted = frozenset().union(*(block.runs for block in blocks))
    gained: defaultdict[int, set[str]] = defaultdict(set)
    for change in changes:
        if change.status == "removed":
            continue
        for run in _runs(_added_text(change)) & wanted:
            gained[run].add(change.path)
    found: defaultdict[str, list[MovedText]] = defaultdict(list)
    unplaced: list[_Block] = []
    by_path = {change.path: change for change in changes}
    for block in blocks:
        where: Counter[str] = Counter()
        for run in block.runs:
            receivers = gained.get(run, ())
            if len(receivers) <= BOILERPLATE:
                where.update(receivers)
        change = by_path[block.path]
        pointed = _added_text(change)
        ranked = sorted(
            (
                (path, count)
                for path, count in where.items()
                if path == block.path or _named(path, pointed) or change.status == "removed"
            ),
            key=lambda item: (-item[1], item[0] != block.path, item[0]),
        )
        if ranked and ranked[0][1] >= MOVED_SHARE * len(block.runs):
            found[block.path].append(MovedText(block.start, block.end, ranked[0][0]))
        else:
            unplaced.append(block)
    if tree is not None and unplaced:
        for block in unplaced:
            home = _linked_home(block, by_path[block.path], tree)
            if home is not None:
                found[block.path].append(MovedText(block.start, block.end, home))
    _with_subsections(blocks, found)
    return {path: tuple(moved) for path, moved in found.items()}


def _with_subsections(blocks: Sequence[_Block], found: defaultdict[str, list[MovedText]]) -> None:
    """A subsection goes where the section it belongs to went."""
    placed = {(run.start, run.end): run.path for runs in found.values() for run in runs}
    section: tuple[str, int, str | None] = ("", 0, None)  # path, level, where it went
    for block in blocks:
        home = placed.get((block.start, block.end)) if block.path in found else None
        if block.path == section[0] and block.level > section[1] and section[2]:
            if home is None:
                found[block.path].append(MovedText(block.start, block.end, section[2]))
            continue
        if block.heading is not None:
            section = (block.path, block.level, home)


def _blocks(change: FileChange, mark: str) -> Iterator[_Block]:
    """Runs of removed (``mark`` ``-``; a removed file: its sections) or added (``+``) lines,
    long enough to be recognised, numbered in their own document."""
    if change.status == "removed" and mark == "-":
        lines = (change.old_text or "").split("\n")
        yield from _sections(change.path, list(enumerate(lines, 1)))
        return
    if change.status not in ("modified", "renamed") or not change.patch:
        return
    if f"\n{mark}" not in change.patch and not change.patch.startswith(mark):
        return
    other = "+" if mark == "-" else "-"
    run: list[tuple[int, str]] = []
    for hunk in read_hunks(change.patch):
        for line in hunk.lines:
            number = line.old_line if mark == "-" else line.new_line
            if line.kind == mark and number is not None:
                run.append((number, line.text))
                continue
            if line.kind == other:
                continue
            yield from _sections(change.path, run)
            run = []
        yield from _sections(change.path, run)
        run = []


def _sections(path: str, lines: list[tuple[int, str]]) -> Iterator[_Block]:
    """A run of lines cut at its headings: each section is looked for on its own."""
    start = 0
    for index in range(1, len(lines) + 1):
        if index == len(lines) or _HEADING.match(lines[index][1]):
            part = lines[start:index]
            runs = _runs("\n".join(text for _, text in part))
            if part and len(runs) >= MIN_WORDS - SHINGLE + 1:
                heading = _HEADING.match(part[0][1])
                title = _ATTRIBUTES.sub("", heading.group(1)) if heading else None
                level = len(part[0][1].lstrip()) - len(part[0][1].lstrip().lstrip("#"))
                yield _Block(path, part[0][0], part[-1][0], title, level if heading else 7, runs)
            start = index


def _runs(text: str) -> frozenset[int]:
    words = _WORD.findall(text.lower())
    return frozenset(hash(tuple(words[i : i + SHINGLE])) for i in range(len(words) - SHINGLE + 1))


def _named(path: str, text: str) -> bool:
    """Whether ``text`` points to the file at ``path``: its file name, or its name as the last
    part of a link's or a redirect's address (``(../help)``, ``/docs/help/``,
    ``redirect_url: help``)."""
    name = posixpath.basename(path)
    if name in text:
        return True
    stem = re.escape(posixpath.splitext(name)[0])
    pointer = rf"(?:[/(\[\"']|(?:redirect_url|href)\s*:\s*){stem}(?:[)#?/\"']|$)"
    return re.search(pointer, text, re.MULTILINE) is not None


def _added_text(change: FileChange) -> str:
    if change.status in ("added", "copied") and change.new_text is not None:
        return change.new_text
    return _patch_text(change, "+")


def _patch_text(change: FileChange, mark: str) -> str:
    """The lines of the patch marked ``mark`` (``+`` or ``-``)."""
    return "\n".join(
        line[1:]
        for line in (change.patch or "").split("\n")
        if line[:1] == mark and line[:3] != mark * 3
    )


def _linked_home(block: _Block, change: FileChange, tree: Tree) -> str | None:
    """The page a change now links to that holds the block: its words, or a title that the
    block's heading names (a primer replaced by a link to the page that now holds it)."""
    for target in _linked_pages(change, tree):
        text = tree.read(target) or ""
        if len(block.runs & _runs(text)) >= MOVED_SHARE * len(block.runs):
            return target
        if block.heading and _same_words(block.heading, _title(text)):
            return target
    return None


def _linked_pages(change: FileChange, tree: Tree) -> list[str]:
    folder = posixpath.dirname(change.path)
    found: list[str] = []
    for line in (change.patch or "").split("\n"):
        if line[:1] != "+" or "](" not in line:
            continue
        for link in _LINK.findall(line):
            target = posixpath.normpath(posixpath.join(folder, link))
            if target not in found and target != change.path and target in tree.paths:
                found.append(target)
                if len(found) == MAX_LINKED:
                    return found
    return found


def _title(text: str) -> str | None:
    head = text[:4000]
    front = _TITLE.search(head) if head.lstrip("\ufeff").startswith("---") else None
    if front:
        return front.group(1)
    for line in head.split("\n"):
        heading = _HEADING.match(line)
        if heading and line.lstrip().startswith("# "):
            return _ATTRIBUTES.sub("", heading.group(1))
    return None


def _same_words(one: str, other: str | None) -> bool:
    return other is not None and _WORD.findall(one.casefold()) == _WORD.findall(other.casefold())
