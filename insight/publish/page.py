"""The body of a report's page: its Markdown rendered piece by piece, and, on a page over
``PAGE_LIMIT``, its largest diffs shown as links to the forge instead.

The Markdown is cut around each file's diff and into runs of a long table's rows, so that
a diff turned into a link renders again alone, and a page of a hundred thousand files is
rendered once, on every core, written out in pieces, and never held as one tree of tokens.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from insight.escape import printable
from insight.models import Report, anchor
from insight.parallel import map_forked, usable_cores
from insight.publish.markup import TABLE_CELLS_MISSING_LIMIT, render_html, render_run
from insight.report.render import link_target

PAGE_LIMIT = 1_000_000
"""A report page over this many bytes shows its largest diffs as links to the forge."""
PARALLEL_MINIMUM = 2_000_000
"""Below this many characters of Markdown, a page is rendered in this process."""
TABLE_ROWS = 1_000
"""Rows of a table rendered together (a table of 100,000 rows would be 3 million tokens)."""
_DIFF_BLOCK = re.compile(
    r"^(?P<heading>## [^\n]*\{#(?P<anchor>item-[0-9a-f]{6})\}\n\n(?:[^<#\n][^\n]*\n\n)*)"
    r"<details>\n<summary>Diff</summary>\n(?P<fence>`{4,})diff\n.*?\n(?P=fence)\n</details>\n",
    re.MULTILINE | re.DOTALL,
)
_TABLE = re.compile(r"^(?P<header>\|[^\n]*\n\|[-:| \t]*\n)(?P<rows>(?:\|[^\n]*\n)+)(?=\n)", re.M)
"""A table of the report's own shape: rows that start with a bar, a blank line after them."""
Run = tuple[int, list[int]]
"""Pieces that render in turn, and the level of the last heading before them."""


@dataclass
class _Pieces:
    texts: list[str]
    diffs: list[int] = field(default_factory=list)
    """The piece of each diff block."""
    tables: dict[int, str] = field(default_factory=dict)
    """Pieces that are rows of the table the piece before ends with, and its header."""
    runs: list[Run] = field(default_factory=list)


def body(report: Report, markdown: str, frame_bytes: int, label: str) -> list[str]:
    """The page's body in pieces (no control character raw), such that the page
    (``frame_bytes`` around the body) is within ``PAGE_LIMIT`` once diffs are collapsed to
    links, the largest first.

    Each round collapses as many diffs as the excess of the round before, in characters of
    Markdown at the page's bytes per character, would take; the diffs collapsed are
    rendered again, alone (or the whole Markdown, when its pieces do not render alone).
    """
    blocks = list(_DIFF_BLOCK.finditer(markdown))
    pieces = _pieces(markdown, blocks)
    html = _rendered(pieces, len(markdown))
    whole = html is None
    if html is None:
        html = [_html(markdown)]
    sizes = [len(part.encode()) for part in html]
    page_bytes, length = frame_bytes + sum(sizes), len(markdown)
    largest = sorted(range(len(blocks)), key=lambda index: -len(blocks[index].group(0)))
    collapsed = 0
    links = _Links(report, label)
    while page_bytes > PAGE_LIMIT and collapsed < len(largest):
        bytes_per_character = page_bytes / max(length, 1)
        excess = (page_bytes - PAGE_LIMIT) / bytes_per_character
        for block in largest[collapsed:]:
            collapsed += 1
            excess -= len(blocks[block].group(0))
            at, link = pieces.diffs[block], links.markdown(blocks[block])
            length += len(link) - len(pieces.texts[at])
            pieces.texts[at] = link
            if not whole:
                html[at] = links.html(link)
                page_bytes += len(html[at].encode()) - sizes[at]
                sizes[at] = len(html[at].encode())
            if excess <= 0:
                break
        if whole:
            html = [_html("".join(pieces.texts))]
            page_bytes = frame_bytes + len(html[0].encode())
    return html


def _pieces(markdown: str, blocks: Sequence[re.Match[str]]) -> _Pieces:
    """The Markdown cut before each file's heading, before its diff and after it, and
    between runs of ``TABLE_ROWS`` rows of its first long table (each cut at a line that
    ends the blocks before it, but for rows); and the runs of pieces that render alone: a
    file's heading starts one at the level its ``##`` always gets (any after the first
    heading), and runs of rows are their own."""
    before_files = blocks[0].start() if blocks else len(markdown)
    table = next(
        (found for found in _TABLE.finditer(markdown, 0, before_files) if _long(found)), None
    )
    row_cuts = _row_cuts(table) if table else []
    cuts = {cut for block in blocks for cut in (block.start(), block.end("heading"), block.end())}
    if table:
        cuts |= {*row_cuts, table.end("rows")}
    starts = sorted(cuts - {0, len(markdown)})
    starts.insert(0, 0)
    ends = [*starts[1:], len(markdown)]
    pieces = _Pieces([markdown[start:end] for start, end in zip(starts, ends, strict=True)])
    piece_at = {start: index for index, start in enumerate(starts)}
    pieces.diffs = [piece_at[block.end("heading")] for block in blocks]
    if table:
        pieces.tables = {piece_at[cut]: table.group("header") for cut in row_cuts}
    headings = {piece_at[block.start()] for block in blocks}
    first_heading = min(headings, default=0)
    main: list[int] = []
    pieces.runs.append((1, main))
    for index in range(len(starts)):
        if index in pieces.tables:
            pieces.runs.append((1, [index]))  # rows: no heading, none before matters
        elif index in headings and index > first_heading:
            main = [index]
            pieces.runs.append((2, main))  # after any heading, ``##`` is always level 3
        else:
            main.append(index)
    return pieces


def _long(table: re.Match[str]) -> bool:
    return table.group("rows").count("\n") > TABLE_ROWS


def _row_cuts(table: re.Match[str]) -> list[int]:
    """Where each run of ``TABLE_ROWS`` rows after the first starts."""
    cuts, position, rows = [], table.start("rows"), table.group("rows")
    for number, line in enumerate(rows.splitlines(keepends=True)):
        if number and number % TABLE_ROWS == 0:
            cuts.append(position)
        position += len(line)
    return cuts


def _rendered(pieces: _Pieces, characters: int) -> list[str] | None:
    """The HTML of every piece, the runs shared out over the cores for a large page; None
    when they do not render alone (or their table could lack too many cells)."""
    workers = usable_cores() if characters >= PARALLEL_MINIMUM else 1
    jobs = _jobs(pieces, workers)
    done = map_forked(_render_job, pieces, jobs, workers)
    html: list[str] = [""] * len(pieces.texts)
    empty_cells = 0
    for job, result in zip(jobs, done, strict=True):
        if result is None:
            return None
        for (_, run), (parts, empty) in zip(job, result, strict=True):
            for index, part in zip(run, parts, strict=True):
                html[index] = part
            empty_cells += empty
    return None if empty_cells > TABLE_CELLS_MISSING_LIMIT else list(map(printable, html))


def _jobs(pieces: _Pieces, workers: int) -> list[list[Run]]:
    """The runs in about ``4 * workers`` jobs of similar size (one job for one worker)."""
    if workers == 1:
        return [pieces.runs]
    share = sum(map(len, pieces.texts)) // (4 * workers) + 1
    jobs: list[list[Run]] = [[]]
    size = 0
    for run in pieces.runs:
        if size >= share:
            jobs.append([])
            size = 0
        jobs[-1].append(run)
        size += sum(len(pieces.texts[index]) for index in run[1])
    return jobs


def _render_job(pieces: _Pieces, job: list[Run]) -> list[tuple[list[str], int]] | None:
    results = []
    for level, run in job:
        result = render_run(pieces.texts, run, pieces.tables, level)
        if result is None:
            return None
        results.append(result)
    return results


class _Links:
    """What a collapsed diff shows instead: a link to the file in the report's compare view
    (or only the words, when the report has no link), and that link's HTML."""

    def __init__(self, report: Report, label: str) -> None:
        self.paths = {anchor(item.path): item.path for item in report.items}
        self.permalink = link_target(report.permalink)
        self.label = label
        self.rendered: dict[str, str] = {}

    def markdown(self, block: re.Match[str]) -> str:
        if self.permalink == "#":
            return f"*{self.label}*\n\n"
        target, path = self.permalink, self.paths.get(block.group("anchor"))
        if path and "/compare/" in self.permalink and "#" not in self.permalink:
            target += "#diff-" + hashlib.sha256(path.encode("utf-8")).hexdigest()
        return f'[{self.label}]({target}){{target="_blank"}}\n\n'

    def html(self, link: str) -> str:
        if link not in self.rendered:
            self.rendered[link] = _html(link)
        return self.rendered[link]


def _html(markdown: str) -> str:
    """The HTML of Markdown as the page shows it: no control character in it raw."""
    return printable(render_html(markdown))
