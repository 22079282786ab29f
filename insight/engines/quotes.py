"""What a change's text says, quoted from it: the new sentence, the statement old → new.

An explanation that says "reworded 4 lines" tells a reader nothing; one that quotes the
statement as it was and as it now reads tells what changed. This module finds those quotes
in a change, language-free (the writeup puts them in each locale's words):

- ``added`` / ``removed``: the first sentence of a paragraph of added (removed) prose, from a
  given line or the first one the patch adds (removes);
- ``rewrite``: an edit (removed lines, then the lines that replace them) as the words that
  changed, with a few words around them on each side: ``written in Go`` → ``written in Go and
  Rust``.

Prose is what a reader reads: in a Markdown page, lines outside the front matter, code
fences and comments, without headings, table rows, directives and markup (link labels kept).
Code is read in code fences; a file that is not a page is read line by line, as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from insight.analysis.document.detectors.identifiers import SHELL_PROMPT
from insight.analysis.document.source import Source
from insight.models import MARKDOWN_SUFFIXES, FileChange
from insight.source.diff import comparable_hunks

PROSE = "prose"
CODE = "code"
LINES = "lines"
"""How the lines of a Markdown page are read: as prose, as code, or every line as it is."""
SENTENCE_LIMIT = 140
"""Longest quote of an explanation, in characters."""
TITLE_LIMIT = 60
"""Longest quote of a title, in characters."""
CONTEXT_TOKENS = 3
"""Words kept around the changed words of a rewrite, on each side (twice as many CJK
characters)."""
MERGED_GAP = 2
"""Changed words this close together are one change."""
PROSE_WORDS = 3
"""A line of prose has at least this many words of three letters or more (or CJK
characters)."""
_MARKUP = re.compile(
    r"!?\[([^\]]*)\]\([^)]*\)|\[([^\]]+)\]\[[^\]]*\]|<[^>]+>|`+|(?<![\w*])[*_]+|[*_]+(?![\w*])"
    r"|^\s*(?:[-*+>]\s+)+"
    r"|^\s*\d+[.)]\s+|\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*",
    re.IGNORECASE,
)
_NOT_PROSE = re.compile(
    r"^\s*(?:#|\||```|~~~|:::|<!--|-->|---\s*$|\[!|\[[^\]]+\]:\s|!\[|\{%|\{\{)", re.IGNORECASE
)
_MDX_STATEMENT = re.compile(
    r"^\s*(?:import\s+(?:[\w{}\s,*]+\s+from\s+)?['\"]|export\s+(?:const|default|function)\b)"
)
"""An MDX page's import or export statement (``import DocCardList from "@theme/DocCardList";``):
what the page is built with, not what it shows."""
_WORD = re.compile(r"[^\W\d_]{3,}")
_LETTER = re.compile(r"[^\W\d_]")
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_FENCE = re.compile(r"^[ \t>]*(?:`{3,}|~{3,})")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_TOKEN = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]|[^\W_]+(?:['’.\-][^\W_]+)*|\S"
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(])|(?<=[。！？])")


@dataclass(frozen=True)
class Rewrite:
    """A statement as it was and as it now reads: the changed words with their neighbours."""

    old: str
    new: str
    line: int
    """The line of the new text in the new document."""


class _Line:
    """One changed line, read (as prose, code or a line) only when a quote gets to it: most
    quotes are found in the first lines of a change."""

    __slots__ = ("_text", "number", "raw", "zones")

    def __init__(self, number: int, raw: str, zones: _Zones | None) -> None:
        self.number = number
        self.raw = raw
        self.zones = zones
        self._text: str | None = None

    @property
    def text(self) -> str:
        """The line as a reader reads it: markup dropped; empty for a line that is not read."""
        if self._text is None:
            self._text = self.zones.read(self.number, self.raw) if self.zones else ""
        return self._text


_BREAK = _Line(0, "", None)
"""Ends a run of lines: a paragraph does not go on into the next run."""


@dataclass(frozen=True)
class _Edit:
    removed: tuple[_Line, ...]
    added: tuple[_Line, ...]


def added(
    change: FileChange, line: int | None = None, limit: int = SENTENCE_LIMIT, reading: str = PROSE
) -> str | None:
    """The first sentence of the added prose at ``line`` (else of the first added prose); in
    code or lines (``reading``), the first added line."""
    edits = _edits(change, reading)
    return _first_sentence([edit.added for edit in edits], line, limit, _raw(change, reading))


def removed(
    change: FileChange, line: int | None = None, limit: int = SENTENCE_LIMIT, reading: str = PROSE
) -> str | None:
    """The first sentence of the removed prose at old ``line`` (else of the first removed)."""
    edits = _edits(change, reading)
    return _first_sentence([edit.removed for edit in edits], line, limit, _raw(change, reading))


def opening(path: str, text: str | None, limit: int = SENTENCE_LIMIT) -> str | None:
    """The first sentence of prose of a whole page (a new page without sections)."""
    if not text or not path.lower().endswith(MARKDOWN_SUFFIXES):
        return None
    zones = _Zones(text, markdown=True, reading=PROSE)
    run = tuple(_Line(number, line, zones) for number, line in enumerate(text.split("\n"), 1))
    return _first_sentence([run], None, limit, raw=False)


def rewrite(
    change: FileChange, line: int | None = None, limit: int = SENTENCE_LIMIT, reading: str = PROSE
) -> Rewrite | None:
    """The first edit whose words changed (the one at new ``line`` when given, else the first
    one), as the changed words in their context on each side."""
    edits = _edits(change, reading)
    raw = _raw(change, reading)
    at_line = [edit for edit in edits if any(entry.number == line for entry in edit.added)]
    for candidates in (at_line, edits):  # an edit's words are compared only when needed
        found = next(filter(None, (_rewritten(edit, limit, raw) for edit in candidates)), None)
        if found is not None:
            return found
    return None


def _rewritten(edit: _Edit, limit: int, raw: bool) -> Rewrite | None:
    """The changed words of one edit in their context, or None when only spacing or markup
    changed (``raw``: lines of code or data, quoted whole when short enough)."""
    old = " ".join(entry.text for entry in edit.removed if entry.text)
    new = " ".join(entry.text for entry in edit.added if entry.text)
    quoted = _changed_words(old, new, limit) if old and new else None
    if quoted is None:
        return None
    if raw and max(len(old), len(new)) <= limit:
        quoted = (old, new)  # lines of code or data read best whole
    first = next(entry.number for entry in edit.added if entry.text)
    return Rewrite(quoted[0], quoted[1], first)


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word to at most ``limit`` characters, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:") + "…"


def _first_sentence(
    runs: list[tuple[_Line, ...]], line: int | None, limit: int, raw: bool
) -> str | None:
    """The first sentence of the paragraph of prose at ``line`` (else of the first one); in
    code (``raw``), the first line."""
    lines = [entry for run in runs for entry in (*run, _BREAK)]
    starts = [index for index, entry in enumerate(lines) if entry.number == line] if line else []
    for start in [*starts[:1], 0]:
        paragraph: list[str] = []
        for entry in lines[start:]:
            if entry.text:
                if raw:
                    return shorten(entry.text, limit)
                paragraph.append(entry.text)
                continue
            sentence = _whole_sentence(_SENTENCE_END.split(" ".join(paragraph)))
            if sentence:
                return shorten(sentence, limit)
            paragraph = []
    return None


def _whole_sentence(sentences: list[str]) -> str | None:
    """The first sentence of prose, preferring one that starts where a sentence starts (an
    added line often continues a sentence of the line above it); a fragment is marked."""
    prose = [sentence for sentence in sentences if _is_prose(sentence)]
    whole = next((sentence for sentence in prose if not sentence[:1].islower()), None)
    if whole is not None:
        return whole
    return "…" + prose[0] if prose else None


def _changed_words(old: str, new: str, limit: int) -> tuple[str, str] | None:
    """The words that differ between two texts, with ``CONTEXT_TOKENS`` around them; None
    when only spacing or markup differs."""
    old_tokens = [match.span() for match in _TOKEN.finditer(old)]
    new_tokens = [match.span() for match in _TOKEN.finditer(new)]
    matcher = SequenceMatcher(
        None,
        [old[a:b].casefold() for a, b in old_tokens],
        [new[a:b].casefold() for a, b in new_tokens],
        autojunk=False,
    )
    changed = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    if not changed:
        changed = [
            op
            for op in SequenceMatcher(
                None, [old[a:b] for a, b in old_tokens], [new[a:b] for a, b in new_tokens]
            ).get_opcodes()
            if op[0] != "equal"
        ]  # a change of case only
        if not changed:
            return None
    _, i1, i2, j1, j2 = changed[0]
    for _, k1, k2, l1, l2 in changed[1:]:
        if k1 - i2 > MERGED_GAP or l1 - j2 > MERGED_GAP:
            break
        i2, j2 = k2, l2
    return (
        _window(old, old_tokens, i1, i2, limit),
        _window(new, new_tokens, j1, j2, limit),
    )


def _window(text: str, tokens: list[tuple[int, int]], start: int, end: int, limit: int) -> str:
    """Tokens ``start..end`` of ``text`` with their context, ellipses where text is cut."""
    context = CONTEXT_TOKENS * (2 if _CJK.search(text) else 1)  # a CJK token is a character
    first = max(0, start - context)
    while first < start and not _LETTER_OR_DIGIT.match(text, tokens[first][0]):
        first += 1  # the context starts at a word, not at the stop before it
    last = min(len(tokens), max(end, start) + context)
    if first == last:
        return ""
    begin = tokens[first][0]
    finish = tokens[last - 1][1]
    quoted = text[begin:finish]
    if len(quoted) > limit:
        quoted = shorten(quoted, limit)
    elif last < len(tokens):
        quoted += "…"
    return ("…" if first > 0 else "") + quoted


@lru_cache(maxsize=4)
def _edits(change: FileChange, reading: str) -> tuple[_Edit, ...]:
    """Runs of removed lines and the added lines after them, each line read as ``reading``
    says. A writeup asks for the same change's edits several times (a title, the gist): the
    last few are kept."""
    if not change.patch or change.binary:
        return ()
    markdown = change.path.lower().endswith(MARKDOWN_SUFFIXES)
    zones = {
        "-": _Zones(change.old_text, markdown, reading),
        "+": _Zones(change.new_text, markdown, reading),
    }
    edits = []
    for hunk in comparable_hunks(change.patch):
        edit: dict[str, list[_Line]] = {"-": [], "+": []}
        for line in (*hunk.lines, None):
            if line is None or line.kind == " " or (line.kind == "-" and edit["+"]):
                if edit["-"] or edit["+"]:
                    edits.append(_Edit(tuple(edit["-"]), tuple(edit["+"])))
                edit = {"-": [], "+": []}
            if line is not None and line.kind != " ":
                number = (line.old_line if line.kind == "-" else line.new_line) or 0
                edit[line.kind].append(_Line(number, line.text, zones[line.kind]))
    return tuple(edits)


class _Zones:
    """Which lines of one side of a file are read, and how: in a Markdown page, prose (outside
    the front matter, code and comments, when the whole text is known), the lines of code
    blocks (``CODE``) or every line but the front matter (``LINES``); in any other file, every
    line with a letter, as it is."""

    def __init__(self, text: str | None, markdown: bool, reading: str) -> None:
        self.markdown = markdown
        self.reading = reading
        self.source = Source(text) if markdown and text is not None else None

    def read(self, number: int, text: str) -> str:
        """The line as read, or "" when it is not read."""
        if not _LETTER.search(text):
            return ""
        if not self.markdown:
            return " ".join(text.split())
        state = self.source.state_at(number) if self.source is not None and number else None
        in_code = state is not None and state.fence is not None
        if self.reading == CODE or (self.reading == LINES and in_code):
            if not in_code or _FENCE.match(text):
                return ""
            return " ".join(SHELL_PROMPT.sub("", text, count=1).split())  # the command alone
        if _MDX_STATEMENT.match(text):
            return ""
        if self.reading == LINES:
            front = state is not None and state.front_matter
            return "" if front or _FENCE.match(text) else _worded(_plain(_HEADING.sub("", text)))
        if _NOT_PROSE.match(text) or (
            state is not None and (state.front_matter or in_code or state.comment)
        ):
            return ""
        return _worded(_plain(text))


def _raw(change: FileChange, reading: str) -> bool:
    """Lines are quoted as they are, not as sentences: code and lines, or a file that is no
    page."""
    return reading != PROSE or not change.path.lower().endswith(MARKDOWN_SUFFIXES)


def _plain(text: str) -> str:
    """A line as a reader reads it: link labels kept, targets and markup dropped."""
    plain = _MARKUP.sub(lambda match: match.group(1) or match.group(2) or "", text)
    return " ".join(plain.split())


def _worded(text: str) -> str:
    """``text``, or "" when it holds no letter once its markup is dropped (a shortcode or a tag
    alone: ``{{< cli-flags "install" >}}`` reads as ``{{}}``): a line that says no word."""
    return text if _LETTER.search(text) else ""


def _is_prose(text: str) -> bool:
    """Words a reader reads as a statement: ``PROSE_WORDS`` words apart, and as many words of
    three letters or more (or CJK characters)."""
    if len(_CJK.findall(text)) > PROSE_WORDS:
        return True
    return len(text.split()) > PROSE_WORDS and len(_WORD.findall(text)) >= PROSE_WORDS
