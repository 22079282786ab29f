"""Where a hunk stands in its document: inside a code fence, a comment or the front matter.

The whole document tells it when the change carries it (``Source``); otherwise the fragment's
own lines are read for clues (``guess_state``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property

from insight.analysis.document.hunks import Fragment, Line

METADATA_KEYS = frozenset(
    (
        *("title", "titlesuffix", "description", "author", "manager", "services", "keywords"),
        *("zone_pivot_groups", "monikerrange", "recommendations", "robots", "uid", "layout"),
    )
)
"""Front-matter keys of docs sites: recognise front matter in a hunk that shows no fence."""
FRONT_MATTER_REACH = 60
"""A hunk starting below this line cannot be inside the front matter."""

FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})[ \t]*([^`\s]*)[^`]*$")
_LANGUAGE_END = re.compile(r"[\s,{]")
TAB = re.compile(r"^\[(.+?)\]\(#tab/([^)\s]+)\)")
FRONT_KEY = re.compile(r"^[ \t]?([A-Za-z_][\w.\-]*)[ \t]*:(?:[ \t]+(.*?))?[ \t]*$")
YAML_CONTINUATION = re.compile(r"^(?:[ \t]+\S|[ \t]*-[ \t]|[ \t]*#)")
_MARKDOWN_LINE = re.compile(
    r"^ {0,3}#{2,6}\s+\S|^\s*(?:[-*+]|\d+\.)\s+\w|\]\([^)]+\)|^\s*>\s|^\s*\|.*\|\s*$"
    r"|:::image|\[!INCLUDE|^[A-Z][^{}();=<>]*[.:]\s*$"
)
_CODE_START = re.compile(
    r"\s*(?:[\]\[{}()]|(?:import|from|def|class|return|print|var|const|let|using"
    r"|curl|pip|npm|az|mvn|dotnet|export|set)\b|\"[^\"]+\"\s*:|</?[\w:.-]+[\s>]|[\w.]+\s*=\s*\S)"
)
"""How a line of code starts: a bracket, a keyword or command, a quoted key, a tag, an
assignment (matched at the line's start)."""
_CALL = re.compile(r"\w\(")
_FENCED_FRONT_MATTER = re.compile(
    r"---[ \t\r]*\n(?:.*?\n)??(---|\.\.\.)[ \t\r]*(?:\n|$)", re.DOTALL
)
_DOC_FENCE = re.compile(r"^[ \t>]*(?P<marker>`{3,}|~{3,})[ \t]*(?P<info>[^\n]*)$", re.MULTILINE)
_DOC_BLOCK = re.compile(
    r"\n(?:[ \t>]*(?P<fence>(?P<marker>`{3,}|~{3,})[ \t]*(?P<info>[^\n]*))$"
    r"| {0,3}(?P<hashes>#{1,6})(?:[ \t]+(?P<title>[^\n]*))?$)",
    re.MULTILINE,
)
"""A fence or heading line, with the line break before it (searched in ``Source.lined``: its
start is the line's offset in the text). A search for a literal first character jumps from
line break to line break, where one for ``^`` would try every character."""

_Fence = tuple[str, int, str, int]
"""An open fence in a whole document: (marker, length, language, offset)."""


@dataclass
class OpenFence:
    char: str
    length: int
    language: str
    start: int
    assumed: bool = False
    """Opened before the fragment (the document or a guess says so), not seen in it."""


@dataclass
class State:
    """The reading state at a line; the reader moves it on line by line."""

    front_matter: bool = False
    front_matter_end: int | None = None
    """The front matter's last line when known; else it ends at a ``---`` line."""
    fence: OpenFence | None = None
    comment: bool = False


class Source:
    """Lookups in a whole document by line: where a line stands, where a section or block ends.

    A line's offset is found by counting line breaks in C (``line_offset``), never by listing
    the offsets of every line; every lookup is a regular-expression search from a known offset,
    and the fence state before a line is carried forward from the previous lookup (hunks come
    in order), so no Python loop runs over every line of the document.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.front_matter_end = front_matter_end(text)
        self._cursor: tuple[int, _Fence | None] = (0, None)
        self._known = (1, 0)
        """The line ``offset`` was asked for last, and its offset."""
        self._section_ends: dict[tuple[int, int], int] = {}

    @cached_property
    def lined(self) -> str:
        """The text with a line break in front: every line, the first too, follows one, at
        the offset of the line in the text."""
        return "\n" + self.text

    @cached_property
    def _body(self) -> int:
        """Where the text below the front matter starts."""
        end = self.front_matter_end
        return line_offset(self.text, end + 1) if end else 0

    @cached_property
    def count(self) -> int:
        """The lines of the text."""
        return self.text.count("\n") + 1

    def offset(self, line: int) -> int:
        """Where ``line`` starts (the first line's start before it, the last line's past it):
        counted on from the line asked for last when it lies before (lookups mostly come in
        order), else from the start."""
        known, at = self._known
        if line < known:
            known, at = 1, 0
        offset = line_offset(self.text, line - known + 1, at)
        self._known = (max(line, 1), offset)
        return offset

    def lines_above(self, line: int) -> Iterator[str]:
        """The lines before ``line``, the nearest first."""
        end = self.offset(line) - 1  # the line break that ends the line before
        while end >= 0:
            start = self.text.rfind("\n", 0, end) + 1
            yield self.text[start:end]
            end = start - 1

    def line_of(self, offset: int) -> int:
        """The line of an offset in the text: one more than the line breaks before it."""
        return self.text.count("\n", 0, offset) + 1

    def state_at(self, line: int) -> State:
        """The reading state just before ``line``."""
        state = State(line <= self.front_matter_end, self.front_matter_end or None)
        offset = self.offset(line)
        fence = self._fence_before(offset)
        if fence is not None:
            char, length, language, start = fence
            state.fence = OpenFence(char, length, language, self.line_of(start), assumed=True)
        state.comment = self._in_comment(0, offset)
        return state

    def _in_comment(self, start: int, end: int) -> bool:
        """Whether a comment opened between ``start`` and ``end`` is still open at ``end``."""
        return self._commented and (
            self.text.rfind("<!--", start, end) > self.text.rfind("-->", start, end)
        )

    @cached_property
    def _commented(self) -> bool:
        """Whether the text holds a comment at all (most pages hold none: no line of theirs
        is looked back from for one)."""
        return "<!--" in self.text

    def _fence_before(self, offset: int) -> _Fence | None:
        scanned, fence = self._cursor
        if offset < scanned:
            scanned, fence = 0, None
        scanned = max(scanned, self._body)
        for match in _fence_lines(self.text, scanned, offset):
            fence = _next_fence(fence, match)
        self._cursor = (offset, fence)
        return fence

    def section_end(self, line: int, level: int) -> int:
        """The last line of the section whose heading is at ``line`` (found once per heading)."""
        key = (line, level)
        if key not in self._section_ends:
            self._section_ends[key] = self._find_section_end(line, level)
        return self._section_ends[key]

    def _find_section_end(self, line: int, level: int) -> int:
        fence: _Fence | None = None
        start = self.offset(line + 1) if line < self.count else len(self.text)
        for match in _DOC_BLOCK.finditer(self.lined, start):
            if match.group("fence"):
                fence = _next_fence(fence, match)
                continue
            if fence is not None or len(match.group("hashes")) > level:
                continue
            if TAB.match((match.group("title") or "").strip()):
                continue
            if self._in_comment(start, match.start()):
                continue
            return self.line_of(match.start()) - 1
        return self.count

    def block_end(self, line: int) -> int | None:
        """The closing fence of the block opened at ``line``, or None if ``line`` opens none."""
        match = _DOC_FENCE.match(self.text, self.offset(line))
        if match is None:
            return None
        fence = _next_fence(None, match)
        for later in _DOC_FENCE.finditer(self.text, self.offset(line + 1)):
            fence = _next_fence(fence, later)
            if fence is None:
                return self.line_of(later.start())
        return self.count


COUNTED_BLOCK = 1024
"""Characters whose line breaks ``line_offset`` counts in one call."""


def line_offset(text: str, line: int, start: int = 0) -> int:
    """The offset of ``line`` (1-based) of ``text`` counted from ``start`` (a line's start);
    the last line's past the end: the line breaks before it are counted block by block in C,
    and only the last few found one by one."""
    breaks = line - 1
    offset = start
    while breaks > 0:
        end = offset + COUNTED_BLOCK
        found = text.count("\n", offset, end)
        if found >= breaks or end >= len(text):
            break
        breaks -= found
        offset = end
    for _ in range(breaks):
        found = text.find("\n", offset)
        if found < 0:
            return text.rfind("\n") + 1
        offset = found + 1
    return offset


def _fence_lines(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """The fence lines that start in ``start..end``, found by searching for the markers.

    Each marker is found with ``str.find`` (much faster than a search for either); the next
    hit of each is kept until the reading passes it, and the nearer one is looked at.
    """
    backticks = text.find("```", start, end)
    tildes = text.find("~~~", start, end)
    while backticks >= 0 or tildes >= 0:
        hit = backticks if tildes < 0 or 0 <= backticks < tildes else tildes
        match = _DOC_FENCE.match(text, text.rfind("\n", 0, hit) + 1)
        if match is not None and match.start("marker") == hit:
            yield match
        line_end = text.find("\n", hit)
        if line_end < 0:
            return
        position = line_end + 1
        if 0 <= backticks < position:
            backticks = text.find("```", position, end)
        if 0 <= tildes < position:
            tildes = text.find("~~~", position, end)


def _next_fence(fence: _Fence | None, match: re.Match[str]) -> _Fence | None:
    """The open fence after a fence line, or None."""
    marker, info = match.group("marker"), match.group("info").strip()
    if fence is None:
        if marker[0] == "`" and "`" in info:
            return None
        return (marker[0], len(marker), fence_language(info), match.start())
    if marker[0] == fence[0] and len(marker) >= fence[1] and not info:
        return None
    return fence


def fence_language(info: str) -> str:
    """The language a fence's info string names: its first word, without the attributes
    some toolchains write against it (mdBook's ``rust,editable``, VitePress's ``js{1,3}``)."""
    return _LANGUAGE_END.split(info, maxsplit=1)[0]


def front_matter_end(text: str) -> int:
    """The line of the closing fence of a leading ``---`` block, or of an unfenced key block."""
    fenced = _FENCED_FRONT_MATTER.match(text)
    if fenced:
        return text.count("\n", 0, fenced.start(1)) + 1
    newline = text.find("\n")
    if text.startswith("---") or not FRONT_KEY.match(text[:newline] if newline >= 0 else text):
        return 0
    lines = text[:20000].split("\n", 200)[:200]
    end = 0
    for number, line in enumerate(lines, start=1):
        stripped = line.rstrip("\r")
        if FRONT_KEY.match(stripped) or (end and YAML_CONTINUATION.match(stripped)):
            end = number
            continue
        break
    has_metadata = any(
        (match := FRONT_KEY.match(line.rstrip("\r"))) and is_metadata_key(match.group(1))
        for line in lines[:end]
    )
    blank_after = end < len(lines) and not lines[end].strip()
    return end if end and has_metadata and blank_after else 0


def is_metadata_key(key: str) -> bool:
    lowered = key.lower()
    return lowered.startswith("ms.") or lowered in METADATA_KEYS


# --- without the document: clues in the fragment ---------------------------------------------


def guess_state(fragment: Fragment) -> State:
    """The reading state at a fragment's first line when the whole document is unknown."""
    state = State()
    lines = fragment.lines
    if not lines:
        return state
    if lines[0].number <= FRONT_MATTER_REACH:
        state.front_matter = _looks_like_front_matter(lines)
        if state.front_matter and lines[0].number == 1:
            state.front_matter_end = (
                front_matter_end("\n".join(line.text for line in lines)) or None
            )
    fences = [
        (index, match) for index, line in enumerate(lines) if (match := FENCE.match(line.text))
    ]
    if fences and _starts_in_code(lines, fences):
        marker = fences[0][1].group(1)
        state.fence = OpenFence(marker[0], len(marker), "", lines[0].number, assumed=True)
    elif not fences and _all_code(lines):
        state.fence = OpenFence("`", 3, "", lines[0].number, assumed=True)
    for line in lines:
        opening, closing = line.text.find("<!--"), line.text.find("-->")
        if closing >= 0 and (opening < 0 or closing < opening):
            state.comment = True
            break
        if opening >= 0:
            break
    return state


def _starts_in_code(lines: Sequence[Line], fences: list[tuple[int, re.Match[str]]]) -> bool:
    """Does the fragment's first fence close a block that began above the hunk?

    A closing fence has no language, so a reading that would close a block with ```` ```python ````
    is wrong. When both readings hold, the lines before the first fence decide (Markdown-looking
    lines: it opens; code-looking lines: it closes), or, when the fence comes first, the lines
    after it, and then the parity of the fences.
    """
    infos = [bool(match.group(2)) for _, match in fences]
    opens_first = not any(infos[1::2])
    closes_first = not any(infos[0::2])
    if opens_first != closes_first:
        return closes_first
    first_index = fences[0][0]
    before = [line.text for line in lines[:first_index] if line.text.strip()]
    code, markdown = _code_score(before), _markdown_score(before)
    if code != markdown:
        return code > markdown
    after = [line.text for line in lines[first_index + 1 :] if line.text.strip()][:8]
    markdown, code = _markdown_score(after), _code_score(after)
    if markdown != code:
        return markdown > code
    return len(fences) % 2 == 1 and not infos[-1]


def _all_code(lines: Sequence[Line]) -> bool:
    """A hunk without fences whose lines all look like code: it sits inside a code block."""
    texts = [line.text for line in lines if line.text.strip()]
    code = _code_score(texts)
    return code >= 2 and 2 * code >= len(texts) and not _markdown_score(texts)


def _markdown_score(texts: Sequence[str]) -> int:
    return sum(1 for text in texts if _MARKDOWN_LINE.search(text))


def _code_score(texts: Sequence[str]) -> int:
    return sum(1 for text in texts if is_code_line(text))


def is_code_line(text: str) -> bool:
    """Does a line (no line break in it) look like code? It starts like code (``_CODE_START``)
    or it ends, spaces aside, with ``;``, a brace, or a call's ``)``.

    The ending is tested on the stripped line rather than searched for at every position: the
    last character tells it, and a call needs a ``\\w(`` anywhere before the closing ``)``
    (any ``(`` of the line comes before its last character, a ``)``).
    """
    if _CODE_START.match(text):
        return True
    end = text.rstrip()[-1:]
    if end in (";", "{", "}"):
        return True
    return end == ")" and _CALL.search(text) is not None


def _looks_like_front_matter(lines: Sequence[Line]) -> bool:
    """A hunk near the top whose lines read as ``key: value`` up to a ``---`` (or a blank line
    when it starts the document, front matter without fences)."""
    if lines[0].number == 1:
        return lines[0].text.strip() == "---" or bool(
            front_matter_end("\n".join(line.text for line in lines))
        )
    keys: list[str] = []
    for line in lines:
        if line.text.strip() == "---":
            return bool(keys)
        match = FRONT_KEY.match(line.text)
        if match:
            keys.append(match.group(1))
        elif not YAML_CONTINUATION.match(line.text) and line.text.strip():
            return False
    return any(is_metadata_key(key) for key in keys)
