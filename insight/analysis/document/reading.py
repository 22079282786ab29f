"""One pass over the fragments of a change: the zone of each changed line and what it holds.

Each fragment is read line by line from the state it starts in (known from the whole document,
or guessed); a changed line gets a zone (text, code, table, front matter, comment…) and yields
elements (a heading, a link, a row…) that the detectors match against the other side.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple

from insight.analysis.document.hunks import Fragment, Line
from insight.analysis.document.source import (
    FENCE,
    FRONT_KEY,
    FRONT_MATTER_REACH,
    TAB,
    YAML_CONTINUATION,
    OpenFence,
    Source,
    State,
    fence_language,
    guess_state,
    is_metadata_key,
)
from insight.analysis.document.words import (
    HEADING_ATTRIBUTES,
    HTML_LINK,
    HTML_TAG,
    INCLUDE,
    LINK,
    normal,
)

_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
_CLOSING_HASHES = re.compile(r"[ \t]+#+$")
_DELIMITER_ROW = re.compile(
    r"^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{1,}:?[ \t]*)+\|?[ \t]*$"
)
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_TABLE_REACH = 1000
"""Rows of a table looked through, upwards, for the header a fragment starts below."""
_ALERT = re.compile(r"^[ \t]*>[ \t]*\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]", re.IGNORECASE)
_VIDEO = re.compile(r"^[ \t]*>[ \t]*\[!VIDEO\s+([^\]\s]+)\s*\]", re.IGNORECASE)
LINK_DEFINITION = re.compile(r"^ {0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s+.*)?$")
"""A reference-style link's definition (``[label]: target``): it shows nothing on the page."""
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_HTML_IMAGE = re.compile(r"<img\s[^>]*?src\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)
_DOCS_IMAGE = re.compile(r":::image\s[^\n]*?source\s*=\s*\"([^\"]+)\"", re.IGNORECASE)
_RULE = re.compile(r"^(?:-[ \t]*){3,}$|^(?:\*[ \t]*){3,}$|^(?:_[ \t]*){3,}$")
_IMAGE_LINE = re.compile(
    r"^[ \t>]*(?::::image\s.*:::|!\[[^\]]*\]\([^)]*\)|<img\s[^>]*>)"
    r"(?:[ \t]*:::image-end:::)?[ \t]*$",
    re.IGNORECASE,
)
_TRAILING_COMMENT = re.compile(r"\s+#.*$")
_YAML_ENTRY = re.compile(r"^\s*-\s+([\w.-]+):\s*(.*?)\s*$")
_YAML_PAIR = re.compile(r"^(\s*)([\w.-]+):\s*(.*?)\s*$")

_TAB_LINK = "](#tab/"
"""What every tab heading's title holds (``TAB``): a heading without it is no tab."""

LineKey = tuple[str, int, int]
"""(side, hunk, position) of a line."""


class Element(NamedTuple):
    """Something a line holds (a link, a row, a heading), to be matched against the other side."""

    kind: str
    key: Any
    line: Line
    hunk: int
    data: dict[str, Any]


@dataclass
class FrontBlock:
    """One front-matter key as a fragment shows it: its value or its list items."""

    key: str
    scalar: str
    line: Line
    items: list[str] = field(default_factory=list)
    changed: bool = False

    def value(self) -> str:
        return ", ".join(filter(None, [self.scalar, *self.items]))


@dataclass
class Outline:
    """What reading one fragment found besides elements: where blocks and sections end."""

    headings: list[tuple[int, int]] = field(default_factory=list)
    """(line, level) of every heading of the fragment, tabs excluded."""
    block_end: dict[int, int] = field(default_factory=dict)
    """Opening fence line -> closing fence line (or the fragment's last line)."""
    tab_end: dict[int, int] = field(default_factory=dict)
    last: int = 0

    @cached_property
    def section_end(self) -> dict[int, int]:
        """Each heading's last line: before the next heading of the same or a higher level."""
        ends: dict[int, int] = {}
        stack: list[tuple[int, int]] = []
        for number, level in self.headings:
            while stack and stack[-1][1] >= level:
                ends[stack.pop()[0]] = number - 1
            stack.append((number, level))
        for number, _ in stack:
            ends[number] = self.last
        return ends


@dataclass(frozen=True)
class Reading:
    """Everything the pass found, by side."""

    elements: Mapping[str, Mapping[str, list[Element]]]
    front_blocks: Mapping[str, list[FrontBlock]]
    zones: Mapping[LineKey, str]
    """Zone of each changed line: text, code, table, front..."""
    code_lines: Mapping[LineKey, tuple[str, int]]
    """Each changed code line -> (language, opening line)."""
    outlines: Mapping[tuple[str, int], Outline]
    """(side, hunk) -> the outline of each fragment read."""


def read(
    fragments: Sequence[tuple[Fragment, Fragment]],
    sources: Mapping[str, Source | None],
    *,
    yaml_file: bool,
    metadata_only: bool,
) -> Reading:
    """Read every fragment with changed lines, and both fragments of a hunk near the top.

    ``metadata_only``: every changed line lies in the front matter, so each fragment is read
    as front matter up to its end.
    """
    reader = _Reader(sources, yaml_file=yaml_file, metadata_only=metadata_only)
    for old, new in fragments:
        near_top = bool(old.lines) and old.lines[0].number <= FRONT_MATTER_REACH
        for fragment in (old, new):
            if fragment.lines and (near_top or any(line.changed for line in fragment.lines)):
                reader.read(fragment)
    return Reading(
        reader.elements, reader.front_blocks, reader.zones, reader.code_lines, reader.outlines
    )


@dataclass
class _Table:
    header: list[str]
    rows: int = 0


class _Reader:
    """The reading pass: fills its maps fragment by fragment."""

    def __init__(
        self, sources: Mapping[str, Source | None], *, yaml_file: bool, metadata_only: bool
    ) -> None:
        self.sources = sources
        self.yaml_file = yaml_file
        self.metadata_only = metadata_only
        self.elements: dict[str, dict[str, list[Element]]] = {
            "old": defaultdict(list),
            "new": defaultdict(list),
        }
        self.front_blocks: dict[str, list[FrontBlock]] = {"old": [], "new": []}
        self.zones: dict[LineKey, str] = {}
        self.code_lines: dict[LineKey, tuple[str, int]] = {}
        self.outlines: dict[tuple[str, int], Outline] = {}

    def read(self, fragment: Fragment) -> None:
        """Read one fragment line by line, from the state it starts in."""
        outline = Outline(last=fragment.lines[-1].number)
        self.outlines[(fragment.side, fragment.hunk)] = outline
        state = self._start(fragment)
        table: _Table | None = None
        tab: int | None = None
        block: FrontBlock | None = None
        plain = not self.yaml_file
        for index, line in enumerate(fragment.lines):
            text = line.text
            # In plain Markdown, an unchanged line of prose (it starts with a letter or a digit
            # and holds no table or comment markup) only ends a table, and so does a blank line,
            # which is in the "blank" zone: the full reading below would record nothing else.
            if plain and state.fence is None and not state.comment and not state.front_matter:
                if (
                    not line.changed
                    and text[:1].isalnum()
                    and "|" not in text
                    and "<!--" not in text
                ):
                    table = None
                    continue
                if not text.strip():
                    table = None
                    if line.changed:
                        self.zones[(fragment.side, fragment.hunk, line.position)] = "blank"
                    continue
            stripped = text.strip()
            if self.yaml_file:
                zone = self._yaml_line(fragment, line)
            elif state.front_matter and line.number > (state.front_matter_end or line.number):
                state.front_matter = False
                zone, table = self._markdown_line(fragment, index, stripped, state, table, outline)
            elif state.front_matter:
                zone = "comment" if stripped.startswith("#") else "front"
                if stripped in ("---", "...") and line.number != 1:
                    state.front_matter = False
                elif zone == "front":
                    block = self._front_matter_line(fragment, line, block)
            elif state.comment:
                zone = "comment"
                state.comment = "-->" not in text
            elif state.fence is not None:
                zone = "code"
                fence = FENCE.match(text) if ("``" in text or "~~" in text) else None
                opened = state.fence
                if (
                    fence
                    and fence.group(1)[0] == opened.char
                    and len(fence.group(1)) >= opened.length
                    and not fence.group(2)
                ):
                    state.fence = None
                    outline.block_end[opened.start] = line.number
                    zone = "fence"
                elif line.changed:
                    key = (fragment.side, fragment.hunk, line.position)
                    self.code_lines[key] = (opened.language, opened.start)
            elif line.number == 1 and stripped == "---":
                state.front_matter = True
                zone = "front"
            else:
                zone, table = self._markdown_line(fragment, index, stripped, state, table, outline)
            if zone == "heading" or (tab is not None and stripped == "---"):
                if tab is not None:
                    outline.tab_end[tab] = line.number - 1
                    tab = None
                if zone == "heading" and _tab_of(text):
                    tab = line.number
            if line.changed:
                self.zones[(fragment.side, fragment.hunk, line.position)] = zone
        if state.fence is not None and not state.fence.assumed:
            outline.block_end.setdefault(state.fence.start, outline.last)
        if tab is not None:
            outline.tab_end[tab] = outline.last

    def _start(self, fragment: Fragment) -> State:
        """The reading state at the fragment's first line."""
        source = self.sources[fragment.side]
        if self.metadata_only:
            end = source.front_matter_end if source is not None else None
            return State(front_matter=True, front_matter_end=end)
        if self.yaml_file:
            return State()
        if source is None:
            return guess_state(fragment)
        return source.state_at(fragment.lines[0].number)

    def _markdown_line(
        self,
        fragment: Fragment,
        index: int,
        stripped: str,
        state: State,
        table: _Table | None,
        outline: Outline,
    ) -> tuple[str, _Table | None]:
        """The zone of the line at ``index`` (``stripped``: its text stripped) and the table
        it is in."""
        line = fragment.lines[index]
        text = line.text
        if not stripped:
            return "blank", None
        first = stripped[0]
        fence = FENCE.match(text) if first in "`~>" else None
        if fence and not (fence.group(1)[0] == "`" and "`" in fence.group(2)):
            marker, language = fence.group(1), fence_language(fence.group(2))
            state.fence = OpenFence(marker[0], len(marker), language, line.number)
            if line.changed:
                self._add(fragment, "fence", line.number, line, language=language)
            return "fence", None
        opening = text.find("<!--")
        if opening >= 0 and "-->" not in text[opening:]:
            state.comment = True
            return "comment", None
        if opening == 0 and stripped.endswith("-->"):
            return "comment", None
        if first in "-*_" and _RULE.match(stripped):
            return "rule", None
        alert = _ALERT.match(text) if first == ">" else None
        if alert:
            if line.changed:
                name = alert.group(1).upper()
                self._add(fragment, "alert", name, line, alert=name)
            return "alert", None
        heading = _HEADING.match(text) if first == "#" else None
        if heading:
            title = _CLOSING_HASHES.sub("", heading.group(2) or "").strip()
            tab = TAB.match(title) if _TAB_LINK in title else None
            level = len(heading.group(1))
            if tab is None:
                outline.headings.append((line.number, level))
            if line.changed and tab is not None:
                label, anchor = tab.group(1), f"#tab/{tab.group(2)}"
                self._add(fragment, "tab", normal(label), line, title=label, id=anchor)
            elif line.changed:
                words = normal(HEADING_ATTRIBUTES.sub("", title) if "{" in title else title)
                self._add(fragment, "heading", words, line, title=title, level=level)
            return "heading", None
        is_header = (
            "|" in text
            and index + 1 < len(fragment.lines)
            and _is_delimiter_row(fragment.lines[index + 1].text)
        )
        if is_header:
            table = _Table(_cells(text))
        if table is not None or (stripped.startswith("|") and stripped.count("|") >= 2):
            if _is_delimiter_row(text):
                return "table", table
            table = table or _Table(self._header_above(fragment.side, line.number))
            if line.changed:
                cells = _cells(text)
                key = tuple(normal(cell) for cell in cells)
                header = None if is_header else table.header
                self._add(
                    fragment, "row", key, line, cells=cells, header=header, is_header=is_header
                )
                self._inline(fragment, line)
            table.rows += 1
            return "table", table
        row = _HTML_ROW.match(stripped) if first == "<" else None
        if row is not None:  # an HTML table's row, written on one line
            if line.changed:
                cells = [HTML_TAG.sub("", cell).strip() for cell in _HTML_CELL.findall(row[1])]
                key = tuple(normal(cell) for cell in cells)
                is_header = row[1].lstrip().lower().startswith("<th")
                self._add(fragment, "row", key, line, cells=cells, header=None, is_header=is_header)
            return "table", None
        if line.changed:
            self._inline(fragment, line)
        return ("image" if first in ":!<" and _IMAGE_LINE.match(text) else "text"), None

    def _header_above(self, side: str, number: int) -> list[str]:
        """The header of the table whose row at line ``number`` a fragment starts in, read
        in the document above it (a hunk's context may not reach it); none when unknown."""
        source = self.sources[side]
        if source is None:
            return []
        above = source.lines_above(number)
        for count, text in enumerate(above):
            if "|" not in text or count == _TABLE_REACH:
                return []
            if _is_delimiter_row(text):
                header = next(above, "")
                return _cells(header) if "|" in header else []
        return []

    def _inline(self, fragment: Fragment, line: Line) -> None:
        text = line.text
        if ">" in text:
            video = _VIDEO.match(text)
            if video:
                self._add(fragment, "video", video.group(1), line, source=video.group(1))
        if "[!" in text:
            for match in INCLUDE.finditer(text):
                target = match.group(2)
                self._add(fragment, "include", target, line, target=target, text=match.group(1))
            text = INCLUDE.sub(" ", text)
        if ":::" in text or "<" in text:
            for pattern in (_DOCS_IMAGE, _HTML_IMAGE):
                for match in pattern.finditer(text):
                    self._add(fragment, "image", match.group(1), line, source=match.group(1))
        if "](" not in text and "]:" not in text and "<" not in text:
            return
        for match in LINK.finditer(text):
            target = match.group(3)
            if match.group(1):
                self._add(fragment, "image", target, line, source=target)
            elif not target.startswith("#tab/"):
                self._add(fragment, "link", target, line, target=target, text=match.group(2))
        reference = LINK_DEFINITION.match(text)
        if reference:
            target = reference.group(2)
            self._add(fragment, "link", target, line, target=target, text=reference.group(1))
        for pattern in (_AUTOLINK, HTML_LINK):
            for match in pattern.finditer(text):
                self._add(fragment, "link", match.group(1), line, target=match.group(1), text="")

    def _front_matter_line(
        self, fragment: Fragment, line: Line, block: FrontBlock | None
    ) -> FrontBlock | None:
        """A ``key: value`` line opens a block; ``  - item`` lines add to the open one."""
        match = FRONT_KEY.match(line.text)
        if match:
            block = FrontBlock(match.group(1), _strip_comment(match.group(2) or ""), line)
            self.front_blocks[fragment.side].append(block)
        elif block is not None and YAML_CONTINUATION.match(line.text):
            block.items.append(_strip_comment(line.text.strip().lstrip("-").strip()))
        else:
            return None
        block.changed = block.changed or line.changed
        return block

    def _yaml_line(self, fragment: Fragment, line: Line) -> str:
        """Other YAML files: metadata keys, list entries (``- question:``) and their prose."""
        if not line.changed:
            return "yaml"
        entry = _YAML_ENTRY.match(line.text)
        if entry:
            name, value = entry.group(1), entry.group(2).strip("'\"|> ")
            self._add(fragment, "entry", (name, normal(value)), line, key=name, value=value)
            return "entry"
        pair = _YAML_PAIR.match(line.text)
        if pair is None:
            self._inline(fragment, line)
            return "text"
        indent, key, value = pair.groups()
        if value in ("", "|", ">", "|-", ">-"):
            return "yaml"
        if not indent or is_metadata_key(key):
            block = FrontBlock(key, _strip_comment(value), line, changed=True)
            self.front_blocks[fragment.side].append(block)
            return "front"
        self._inline(fragment, line)
        return "text"

    def _add(self, fragment: Fragment, kind: str, match: Any, line: Line, /, **data: Any) -> None:
        """Record an element; ``match`` is what it is matched on against the other side."""
        self.elements[fragment.side][kind].append(Element(kind, match, line, fragment.hunk, data))


def _is_delimiter_row(text: str) -> bool:
    """A table's delimiter row (``|---|:--:|``); one needs ``--``, tested first as it is cheaper."""
    return "--" in text and _DELIMITER_ROW.match(text) is not None


def _tab_of(text: str) -> bool:
    if _TAB_LINK not in text:
        return False
    heading = _HEADING.match(text)
    return bool(heading and TAB.match((heading.group(2) or "").strip()))


_HTML_ROW = re.compile(r"<tr\b[^>]*>(.*<t[dh]\b.*)</tr>", re.IGNORECASE)
_HTML_CELL = re.compile(r"<t[dh]\b[^>]*?(?:/>|>(.*?)</t[dh]>)", re.IGNORECASE)
"""A cell of an HTML row, its text (``<td />``: empty)."""


def _cells(text: str) -> list[str]:
    stripped = text.strip()
    if stripped.startswith("|"):
        stripped = stripped[1:]
    if stripped.endswith("|") and not stripped.endswith("\\|"):
        stripped = stripped[:-1]
    return [cell.strip().replace("\\|", "|") for cell in _CELL_SPLIT.split(stripped)]


def _strip_comment(value: str) -> str:
    if "#" in value:  # a value without one has no comment to cut
        value = _TRAILING_COMMENT.sub("", value)
    return value.strip().strip("'\"")
