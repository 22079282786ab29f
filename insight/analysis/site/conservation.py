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
  has left this page, whose anchors and readers it no longer serves: a removal still,
  though where it now stands is said (a removed file's text is followed wherever it went;
  a page's, as ``echoed``);
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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain

from insight.analysis.document.words import HEADING_ATTRIBUTES
from insight.analysis.site.addresses import twin_folders
from insight.analysis.site.includes import DATA_REFERENCE, DATA_SUFFIXES
from insight.models import MARKDOWN_SUFFIXES, FileChange, MovedText
from insight.parallel import interleaved, map_forked, usable_cores
from insight.source.diff import comparable_hunks
from insight.source.tree import Tree

SHINGLE = 6
"""Words in a run compared between files."""
MIN_WORDS = 10
"""A removed block of fewer words is too short to tell where it went."""
MIN_RUNS = MIN_WORDS - SHINGLE + 1
"""The runs of words of a text of ``MIN_WORDS`` words."""
MOVED_SHARE = 0.6
"""A block moved when this share of its runs of words reappear in one file."""
PARALLEL_TEXT = 4_000_000
"""Characters of added pages above which they are looked in for lost text on every core."""
BOILERPLATE = 6
"""A run of words gained by more files than this is boilerplate, not moved text."""
ECHO_LINES = 6
"""A removed run shorter than this whose words stand elsewhere is not said to (a sentence a
new index page quotes)."""
MAX_LINKED = 5
"""Pages a change links to that are read to look for a block's words."""
_WORD = re.compile(r"\w+")
_NOT_WORD = {code: " " for code in range(128) if not (chr(code).isalnum() or chr(code) == "_")}
"""ASCII characters outside ``_WORD``, as spaces: ASCII text splits into its words faster."""
_LINK = re.compile(r"\]\(\s*<?([^)\s>#?]+\.mdx?)(?:#[^)\s>]*)?>?(?:\s+\"[^\"]*\")?\s*\)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$")
_TITLE = re.compile(r"^title:\s*['\"]?(.+?)['\"]?\s*$", re.MULTILINE)
_OPENS = frozenset("/([\"'")
"""What a link's or an address's last part follows (``(help)``, ``/docs/help``)."""
_CLOSES = frozenset(")#?/\"'\n")
"""What ends a link's or an address's last part, besides the end of the text."""
_ADDRESS_KEYS = ("redirect_url", "href")
"""Keys whose value is an address (``redirect_url: help``)."""


@dataclass(frozen=True)
class _Block:
    path: str
    start: int
    end: int
    heading: str | None
    level: int
    """The heading's level (7 for a block without a heading)."""
    runs: frozenset[int]


@dataclass(frozen=True)
class Conserved:
    """Where moved text went and where it came from, by file."""

    lost: dict[str, tuple[MovedText, ...]]
    """For each file, the runs of removed lines whose text went elsewhere in the range."""
    gained: dict[str, tuple[MovedText, ...]]
    """For each modified file, the runs of added lines whose text came from what another file
    (or the same one) lost in the range: an include inlined, a section moved here."""
    echoed: dict[str, tuple[MovedText, ...]] = field(default_factory=dict)
    """For each modified file, the runs of removed lines whose words reappear in a file the
    change does not point to: still removed here (its anchors, its readers), said where."""


def conserved(changes: Sequence[FileChange], tree: Tree | None = None) -> Conserved:
    """Text moved within the range, both ways; each text's runs of words are read once. A file
    added or removed whole counts as one block."""
    lost_blocks: list[_Block] = []
    gained_blocks: list[_Block] = []
    added: list[FileChange] = []
    runs_of = _RunsOf()
    for change in changes:
        if change.status == "removed":
            lost_blocks += _whole(change.path, change.old_text, runs_of)
        elif change.status in ("added", "copied"):
            added.append(change)
        else:
            lost, gained = _patch_blocks(change, runs_of)
            lost_blocks += lost
            gained_blocks += gained
    if not lost_blocks:
        return Conserved({}, {})
    lost_runs = frozenset().union(*(block.runs for block in lost_blocks))
    added_files = _added_blocks(added, lost_runs)
    if not (gained_blocks or added_files):
        return Conserved({}, {})
    gained_runs = frozenset().union(*(block.runs for block in gained_blocks))
    went, echoed = _went(
        changes, lost_blocks, _index((*gained_blocks, *added_files), lost_runs), tree
    )
    return Conserved(went, _came(gained_blocks, _index(lost_blocks, gained_runs)), echoed)


def _added_blocks(added: Sequence[FileChange], lost_runs: frozenset[int]) -> list[_Block]:
    """The added files as blocks of the runs that were lost (an added file is only looked in
    for lost text); many pages on every core."""
    workers = usable_cores()
    if workers < 2 or sum(len(change.new_text or "") for change in added) < PARALLEL_TEXT:
        return [block for blocks in _kept_share((added, lost_runs), (0, 1)) for block in blocks]
    step = workers * 4
    shares = [(start, step) for start in range(step)]
    parts = map_forked(_kept_share, (added, lost_runs), shares, workers)
    return [block for blocks in interleaved(parts, len(added)) for block in blocks]


def _kept_share(
    work: tuple[Sequence[FileChange], frozenset[int]], share: tuple[int, int]
) -> list[list[_Block]]:
    """Every ``step``-th added file from ``start``, as its blocks of the runs that were lost."""
    added, lost_runs = work
    start, step = share
    runs_of = _RunsOf()
    return [
        _whole(change.path, change.new_text, runs_of, lost_runs) for change in added[start::step]
    ]


def _preferred(block: _Block) -> Callable[[tuple[str, int]], tuple[int, bool, str]]:
    """The file that holds most of a block, the block's own file first on a tie, then by
    path (never by the order of a set, which changes from run to run)."""
    return lambda item: (item[1], item[0] == block.path, item[0])


def _index(blocks: Sequence[_Block], wanted: frozenset[int]) -> dict[int, set[str]]:
    """The files each wanted run of words appears in, among ``blocks``."""
    paths: dict[int, tuple[frozenset[int], set[str]]] = {}  # by id: blocks of the same words
    for block in blocks:
        paths.setdefault(id(block.runs), (block.runs, set()))[1].add(block.path)
    index: defaultdict[int, set[str]] = defaultdict(set)
    for runs, holders in paths.values():
        for run in runs & wanted:
            index[run] |= holders
    return index


class _RunsOf(dict[str, frozenset[int]]):
    """``_runs`` of each text asked, worked out once: the versions of a page (or its
    languages) often gain and lose the same sections, and their blocks then share one set."""

    def __missing__(self, text: str) -> frozenset[int]:
        runs = self[text] = _runs(text)
        return runs


class _Counts(dict[frozenset[int], dict[str, int]]):
    """How many of a block's runs each file of ``index`` holds (boilerplate aside), by the
    block's runs: blocks of the same words are counted once."""

    def __init__(self, index: Mapping[int, set[str]]) -> None:
        super().__init__()
        self.index = index

    def __missing__(self, runs: frozenset[int]) -> dict[str, int]:
        held = (self.index[run] for run in self.index.keys() & runs)
        counts = self[runs] = Counter(
            chain.from_iterable(paths for paths in held if len(paths) <= BOILERPLATE)
        )
        return counts


def _came(
    blocks: Sequence[_Block], lost: Mapping[int, set[str]]
) -> dict[str, tuple[MovedText, ...]]:
    found: defaultdict[str, list[MovedText]] = defaultdict(list)
    counted = _Counts(lost)
    for block in blocks:
        counts = counted[block.runs]
        if counts:
            path, count = max(counts.items(), key=_preferred(block))
            if count >= MOVED_SHARE * len(block.runs):
                found[block.path].append(MovedText(block.start, block.end, path))
    return {path: tuple(moved) for path, moved in found.items()}


def _went(
    changes: Sequence[FileChange],
    blocks: Sequence[_Block],
    gained: Mapping[int, set[str]],
    tree: Tree | None,
) -> tuple[dict[str, tuple[MovedText, ...]], dict[str, tuple[MovedText, ...]]]:
    """Where each block went (``Conserved.lost``), and where the words of a block that went
    nowhere the change points to reappear (``Conserved.echoed``)."""
    found: defaultdict[str, list[MovedText]] = defaultdict(list)
    elsewhere: dict[int, tuple[_Block, str]] = {}  # by id: where a block's words reappear
    unplaced: list[_Block] = []
    by_path = {change.path: change for change in changes}
    counted = _Counts(gained)
    pointed: dict[str, str] = {}
    named: dict[tuple[str, str], bool] = {}

    def names(path: str, change: FileChange) -> bool:
        """``_named(path, what the change added)``, worked out once per pair."""
        if (path, change.path) not in named:
            if change.path not in pointed:
                pointed[change.path] = _added_text(change)
            named[path, change.path] = _named(path, pointed[change.path])
        return named[path, change.path]

    for block in blocks:
        change = by_path[block.path]
        anywhere = counts = counted[block.runs]
        if counts and change.status != "removed":
            counts = {p: n for p, n in counts.items() if p == block.path or names(p, change)}
        best = max(counts.items(), key=_preferred(block), default=None)
        if best is not None and best[1] >= MOVED_SHARE * len(block.runs):
            found[block.path].append(MovedText(block.start, block.end, best[0]))
            continue
        unplaced.append(block)
        if anywhere is not counts and block.end - block.start + 1 >= ECHO_LINES:
            told = [p for p, n in anywhere.items() if n >= MOVED_SHARE * len(block.runs)]
            told = [path for path in told if _told(block, path)]
            if told:  # the nearest: in a versioned site, the same version's page
                nearest = max(told, key=lambda path: (_shared_folders(block.path, path), path))
                elsewhere[id(block)] = (block, nearest)
    if tree is not None and unplaced:
        linked = {path: _linked_pages(by_path[path], tree) for path in {b.path for b in unplaced}}
        tree.prefetch(target for targets in linked.values() for target in targets)
        pages: dict[str, tuple[frozenset[int], str | None]] = {}
        for block in unplaced:
            home = _linked_home(block, linked[block.path], tree, pages)
            if home is not None:
                found[block.path].append(MovedText(block.start, block.end, home))
    _with_subsections(blocks, found)
    placed = {(path, run.start, run.end) for path, runs in found.items() for run in runs}
    echoed: defaultdict[str, list[MovedText]] = defaultdict(list)
    for block, path in elsewhere.values():
        if (block.path, block.start, block.end) not in placed:
            echoed[block.path].append(MovedText(block.start, block.end, path))
    return (
        {path: tuple(moved) for path, moved in found.items()},
        {path: tuple(moved) for path, moved in echoed.items()},
    )


def _told(block: _Block, other: str) -> bool:
    """Whether to say that a block removed from a page (``ECHO_LINES`` or more) now stands in
    ``other``, a file the change does not point to: another page, not the same page of
    another version or language (a new version's copy, a translation that kept the
    original's text, still holds what this one dropped), not code."""
    pages = all(path.lower().endswith(MARKDOWN_SUFFIXES) for path in (block.path, other))
    return pages and other != block.path and twin_folders(block.path, other) is None


def _shared_folders(path: str, other: str) -> int:
    """How many leading folders two paths share."""
    shared = posixpath.commonpath([posixpath.dirname(path), posixpath.dirname(other)])
    return len(shared.split("/")) if shared else 0


def _with_subsections(blocks: Sequence[_Block], found: defaultdict[str, list[MovedText]]) -> None:
    """A subsection goes where the section it belongs to went."""
    placed = {(path, run.start, run.end): run.path for path, runs in found.items() for run in runs}
    section: tuple[str, int, str | None] = ("", 0, None)  # path, level, where it went
    for block in blocks:
        home = placed.get((block.path, block.start, block.end))
        if block.path == section[0] and block.level > section[1] and section[2]:
            if home is None:
                found[block.path].append(MovedText(block.start, block.end, section[2]))
            continue
        if block.heading is not None:
            section = (block.path, block.level, home)


def _patch_blocks(change: FileChange, runs_of: _RunsOf) -> tuple[list[_Block], list[_Block]]:
    """The runs of removed and of added lines of a modified file's patch, read in one pass,
    each cut at its headings and numbered in its own document."""
    if change.status not in ("modified", "renamed") or not change.patch:
        return [], []
    runs: dict[str, list[tuple[int, str]]] = {"-": [], "+": []}
    blocks: dict[str, list[_Block]] = {"-": [], "+": []}
    for hunk in comparable_hunks(change.patch):
        for line in hunk.lines:
            number = line.old_line if line.kind == "-" else line.new_line
            if line.kind in runs and number is not None:
                runs[line.kind].append((number, line.text))
                continue
            for mark, run in runs.items():
                if run:
                    blocks[mark] += _sections(change.path, run, runs_of)
                    runs[mark] = []
        for mark, run in runs.items():
            if run:
                blocks[mark] += _sections(change.path, run, runs_of)
                runs[mark] = []
    return blocks["-"], blocks["+"]


def _whole(
    path: str, text: str | None, runs_of: _RunsOf, within: frozenset[int] | None = None
) -> list[_Block]:
    """A file added or removed whole, as one block (of its runs ``within``, if given)."""
    runs = runs_of[text or ""]
    if len(runs) < MIN_RUNS:
        return []
    kept = runs if within is None else runs & within
    return [_Block(path, 1, (text or "").count("\n") + 1, None, 7, kept)]


def _sections(path: str, lines: list[tuple[int, str]], runs_of: _RunsOf) -> list[_Block]:
    """A run of lines cut at its headings: each section is looked for on its own. A section's
    runs of words are among those of the whole run, so a run too short to tell is not cut."""
    whole = "\n".join(text for _, text in lines)
    if len(runs_of[whole]) < MIN_RUNS:
        return []
    blocks = []
    starts = [0]
    if "#" in whole:
        starts += [i for i, (_, text) in enumerate(lines) if i and _HEADING.match(text)]
    for start, end in zip(starts, [*starts[1:], len(lines)], strict=True):
        part = lines[start:end]
        runs = runs_of["\n".join(text for _, text in part)]
        if len(runs) >= MIN_RUNS:
            heading = _HEADING.match(part[0][1])
            title = HEADING_ATTRIBUTES.sub("", heading.group(1)) if heading else None
            level = len(part[0][1].lstrip()) - len(part[0][1].lstrip().lstrip("#"))
            blocks.append(
                _Block(path, part[0][0], part[-1][0], title, level if heading else 7, runs)
            )
    return blocks


def _runs(text: str) -> frozenset[int]:
    """The runs of ``SHINGLE`` words of ``text``, hashed."""
    text = text.lower()
    words = text.translate(_NOT_WORD).split() if text.isascii() else _WORD.findall(text)
    return frozenset(map(hash, zip(*(words[i:] for i in range(SHINGLE)), strict=False)))


def mostly_same(text: str | None, other: str | None) -> bool:
    """Whether two texts are mostly the same words, each way: most of the runs of words of
    each are in the other (reflowed or reformatted on the way). A page merged into a larger
    one is not the same text: most of the larger one is new."""
    runs, other_runs = _runs(text or ""), _runs(other or "")
    if min(len(runs), len(other_runs)) < MIN_RUNS:
        return False
    shared = len(runs & other_runs)
    return shared >= MOVED_SHARE * max(len(runs), len(other_runs))


def _named(path: str, text: str) -> bool:
    """Whether ``text`` points to the file at ``path``: its file name, or its name as the last
    part of a link's or a redirect's address (``(../help)``, ``/docs/help/``,
    ``redirect_url: help``), or for a data file, a template's reference to it (Jekyll's
    ``site.data.permalinks``: the page now shows what the file holds)."""
    name = posixpath.basename(path)
    if name in text:
        return True
    stem = posixpath.splitext(name)[0]
    if name.endswith(DATA_SUFFIXES) and stem in DATA_REFERENCE.findall(text):
        return True
    start = text.find(stem)  # the pointer holds it as it is
    while start >= 0:
        end = start + len(stem)
        if (end == len(text) or text[end] in _CLOSES) and _opened(text, start):
            return True
        start = text.find(stem, start + 1)
    return False


def _opened(text: str, start: int) -> bool:
    """Whether what stands before ``start`` opens an address: ``/``, ``(``, ``[``, a quote,
    or ``redirect_url:`` or ``href:`` (spaces around the colon allowed)."""
    if start and text[start - 1] in _OPENS:
        return True
    colon = _space_before(text, start)
    return (
        colon > 0
        and text[colon - 1] == ":"
        and text.endswith(_ADDRESS_KEYS, 0, _space_before(text, colon - 1))
    )


def _space_before(text: str, end: int) -> int:
    """Where the white space that ends at ``end`` starts."""
    while end and text[end - 1].isspace():
        end -= 1
    return end


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


def _linked_home(
    block: _Block,
    targets: list[str],
    tree: Tree,
    pages: dict[str, tuple[frozenset[int], str | None]],
) -> str | None:
    """The page of ``targets`` (those a change now links to) that holds the block: its
    words, or a title that the block's heading names (a primer replaced by a link to the
    page that now holds it). ``pages`` keeps the words and title of each page read."""
    for target in targets:
        if target not in pages:
            text = tree.read(target) or ""
            pages[target] = (_runs(text), _title(text))
        runs, title = pages[target]
        if len(block.runs & runs) >= MOVED_SHARE * len(block.runs):
            return target
        if block.heading and _same_words(block.heading, title):
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
            return HEADING_ATTRIBUTES.sub("", heading.group(1))
    return None


def _same_words(one: str, other: str | None) -> bool:
    return other is not None and _WORD.findall(one.casefold()) == _WORD.findall(other.casefold())
