"""One changed document, read once: its fragments, where each changed line stands, what the
lines hold, and which lines are versions of each other.

Every part is computed on first use and kept (``cached_property``); the detectors only read.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from insight.analysis.document.hunks import Fragment, Line, fragments_of, pair_lines
from insight.analysis.document.reading import Element, FrontBlock, LineKey, Outline, Reading, read
from insight.analysis.document.source import FENCE, Source, front_matter_end
from insight.analysis.document.words import normal, stems
from insight.lexicon import Lexicon
from insight.models import FileChange
from insight.source.diff import Hunk, edit_blocks

_LIST_MARKER = re.compile(r"^[ \t>]*(?:[-*+]|\d+[.)])?[ \t]+")
_PROPERTIES_FENCE = re.compile(r"^\s*(`{3,}|~{3,})\s*(yaml|yml)?\s*$", re.IGNORECASE)
_PROPERTY = re.compile(r"^\s*(?:-\s+\S.*|(?:-\s+)?[A-Za-z][\w .()-]*:(?:\s.*)?)$")
"""``Label: value``, a label of a nested value (``ParameterSets:``) or an item of a list."""
_BLOCK_COMMENTS = (("<#", "#>"), ("/*", "*/"))
"""The opening and closing marks of block comments in samples (PowerShell, C-like)."""
_OPTION_LINE = re.compile(r"^\s*(?:-[A-Za-z],\s+)?(--?[A-Za-z][\w.-]*)(?:[ =][^\s]+)?\s{2,}\S")
"""A line of a command's help: an option (its short form first, a type or value after it),
then, past two spaces or more, what it does."""
_HELP_DEFAULT = re.compile(r"\(default:? ([^()]*)\)", re.IGNORECASE)
"""An option's default as a command's help states it: ``(default "~/.cache/helm")``."""
_OPTION_SHARE = 0.8
"""The share of a block's lines that describe options for it to be a command's help."""
_OPTION_HEADING = re.compile(r"^#{2,6}\s+-{1,2}[A-Za-z]")
"""A heading that names an option or parameter (``### -Path``, ``#### --force``)."""
_LOG_LINE = re.compile(
    r"^\s*\[?(?:\d{4}-\d\d-\d\d[T ]\d\d:\d\d|\d\d:\d\d:\d\d"
    r"|(?:TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|FATAL|CRITICAL)\b)"
)
"""A line of a program's log: it starts with a timestamp or a log level."""
_LOG_SHARE = 0.8
"""The share of a block's lines that a log's lines must be for the block to be a log."""


@dataclass(frozen=True, eq=False)
class Document:
    """The hunks of one Markdown or YAML file (``kind``: markdown, yaml or toc), side by side,
    and the words the detectors look for in them (``lexicon``)."""

    change: FileChange
    hunks: tuple[Hunk, ...]
    kind: str
    lexicon: Lexicon

    @cached_property
    def fragments(self) -> tuple[tuple[Fragment, Fragment], ...]:
        """The old and the new side of each hunk."""
        return tuple(fragments_of(index, hunk) for index, hunk in enumerate(self.hunks))

    @cached_property
    def sources(self) -> Mapping[str, Source | None]:
        """The whole document of each side, when the change carries it."""
        texts = {"old": self.change.old_text, "new": self.change.new_text}
        return {side: Source(text) if text is not None else None for side, text in texts.items()}

    def source(self, side: str) -> Source | None:
        return self.sources[side]

    @cached_property
    def lines(self) -> Mapping[str, list[str]] | None:
        """The lines of each side's whole text, when the change carries both (split once)."""
        old, new = self.change.old_text, self.change.new_text
        if old is None or new is None:
            return None
        return {"old": old.split("\n"), "new": new.split("\n")}

    def still_shown(self, line: str) -> bool:
        """Whether the new text shows a line (stripped) as many times as the old text did: a
        line that stayed, so the line paired with it was inserted, not made of it."""
        counts = self._line_counts
        return counts is not None and counts[1][line.strip()] >= counts[0][line.strip()]

    def lists_properties(self, side: str, start: int) -> bool:
        """Whether the code block opened on line ``start`` of ``side`` lists the properties of
        the option its heading names (``### -Path`` over ``Type: String[]``, ``Required: True``,
        ``Accept pipeline input: False``): a table in code form that readers read, not a sample
        they type. Each line is a ``Label: value`` (or an item of a value's list)."""
        return bool(self._of_block(_lists_properties, side, start))

    def lists_options(self, side: str, start: int) -> bool:
        """Whether the code block opened on line ``start`` of ``side`` is a command's help: each
        line an option and what it does (``--kubeconfig string   Paths to a kubeconfig.``), the
        options' reference in code form rather than a sample readers type."""
        return bool(self._of_block(_lists_options, side, start))

    def prints_log(self, side: str, start: int) -> bool:
        """Whether the code block opened on line ``start`` of ``side`` is a program's log: most
        of its lines start with a timestamp or a log level (``DEBUG [2024-09-28 17:27:40] …``),
        what it printed, nothing readers type."""
        return bool(self._of_block(_prints_log, side, start))

    def commented(self, side: str, start: int, number: int) -> bool:
        """Whether line ``number`` of ``side`` stands inside a block comment (``<# … #>``,
        ``/* … */``: a function's help, a doc comment) of the code block opened on ``start``."""
        return number in (self._of_block(_block_comments, side, start) or ())

    def _of_block(self, reader: Callable[[Sequence[str], int], Any], side: str, start: int) -> Any:
        """What ``reader`` finds in the code block opened on line ``start`` of ``side``, read
        once per block; None when the change does not carry the documents."""
        key = (reader, side, start)
        if key not in self._blocks:
            lines = self.lines
            self._blocks[key] = reader(lines[side], start) if lines is not None else None
        return self._blocks[key]

    def of_block(self, reader: Callable[[Document, str, int], Any], side: str, start: int) -> Any:
        """What ``reader`` finds of the code block opened on line ``start`` of ``side``, asked
        of the document once per block (each of its edited lines asks again)."""
        key = (reader, side, start)
        if key not in self._blocks:
            self._blocks[key] = reader(self, side, start)
        return self._blocks[key]

    @cached_property
    def _blocks(self) -> dict[tuple[Callable[..., Any], str, int], Any]:
        return {}

    @cached_property
    def _line_counts(self) -> tuple[Counter[str], Counter[str]] | None:
        if self.lines is None:
            return None
        return Counter(map(str.strip, self.lines["old"])), Counter(
            map(str.strip, self.lines["new"])
        )

    @cached_property
    def shown(self) -> str:
        """The new page as readers see it, below its metadata (``ms.service: contoso-openai``
        names nothing they type); empty when the change does not carry it."""
        text = self.change.new_text or ""
        end = front_matter_end(text)
        return text.split("\n", end)[-1] if end else text

    @cached_property
    def metadata_only(self) -> bool:
        """Every changed line lies in the front matter of its document (known from the texts)."""
        if self.kind == "yaml":
            return False
        for side, numbers in self.changed_numbers.items():
            source = self.source(side)
            if numbers and (source is None or numbers[-1] > source.front_matter_end):
                return False
        return True

    @cached_property
    def _reading(self) -> Reading:
        return read(
            self.fragments,
            self.sources,
            yaml_file=self.kind == "yaml",
            metadata_only=self.metadata_only,
        )

    def elements(self, side: str, kind: str) -> Sequence[Element]:
        """The elements of ``kind`` (heading, link, row…) on changed lines of ``side``."""
        return self._reading.elements[side].get(kind, ())

    def front_blocks(self, side: str) -> Sequence[FrontBlock]:
        return self._reading.front_blocks[side]

    def zone(self, side: str, hunk: int, position: int) -> str:
        """Where a changed line stands: text, code, fence, table, front, comment, heading…"""
        return self._reading.zones.get((side, hunk, position), "text")

    @property
    def code_lines(self) -> Mapping[LineKey, tuple[str, int]]:
        """(side, hunk, position) of each changed code line -> (language, opening line)."""
        return self._reading.code_lines

    def outline(self, side: str, hunk: int) -> Outline:
        """Where the blocks and sections of a fragment that was read end."""
        return self._reading.outlines[(side, hunk)]

    # changed lines

    @cached_property
    def changed_lines(self) -> Mapping[str, list[tuple[int, Line]]]:
        """(hunk, line) of every changed line of each side, in order."""
        sides: dict[str, list[tuple[int, Line]]] = {"old": [], "new": []}
        for hunk, pair in enumerate(self.fragments):
            for fragment in pair:
                sides[fragment.side].extend((hunk, line) for line in fragment.lines if line.changed)
        return sides

    @cached_property
    def changed_numbers(self) -> Mapping[str, list[int]]:
        return {
            side: [line.number for _, line in lines] for side, lines in self.changed_lines.items()
        }

    def changed_text(self, side: str) -> str:
        """All changed lines of ``side`` in one string: one search tells if any line matters."""
        return self._changed_texts[side]

    @cached_property
    def _changed_texts(self) -> Mapping[str, str]:
        return {
            side: "\n".join(line.text for _, line in lines)
            for side, lines in self.changed_lines.items()
        }

    def span(self, side: str, start: int, end: int) -> tuple[int, int]:
        """(lines in ``start..end``, how many of them changed on ``side``)."""
        numbers = self.changed_numbers[side]
        changed = bisect.bisect_right(numbers, end) - bisect.bisect_left(numbers, start)
        return end - start + 1, changed

    def moved_between(self, side: str, start: int, end: int) -> int:
        """Changed lines in ``start..end`` whose text is changed on the other side too (moved)."""
        numbers = self.changed_numbers[side]
        texts = self._moved_keys[side]
        other = self._moved_bags["new" if side == "old" else "old"]
        first, last = bisect.bisect_left(numbers, start), bisect.bisect_right(numbers, end)
        return sum(1 for text in texts[first:last] if text and text in other)

    def changed_between(self, side: str, start: int, end: int) -> list[Line]:
        """The changed lines of ``start..end`` on ``side``."""
        numbers = self.changed_numbers[side]
        first, last = bisect.bisect_left(numbers, start), bisect.bisect_right(numbers, end)
        return [line for _, line in self.changed_lines[side][first:last]]

    def all_moved(self, side: str, lines: Sequence[Line]) -> bool:
        """Whether every one of these changed lines of ``side`` that says something (not blank,
        not a fence's marker) is changed on the other side too, and one does at least: the
        text stands elsewhere on the page."""
        other = self._moved_bags["new" if side == "old" else "old"]
        said = [
            _moved_key(line.text)
            for line in lines
            if line.text.strip() and not FENCE.match(line.text)
        ]
        return bool(said) and all(key and key in other for key in said)

    @cached_property
    def gained_words(self) -> frozenset[str]:
        """The words of the lines the page gained, as ``words.stems`` gives them."""
        return stems(self.changed_text("new"))

    @cached_property
    def _moved_keys(self) -> Mapping[str, list[str]]:
        """Each changed line as compared to find it moved, in the order of ``changed_numbers``."""
        return {
            side: [_moved_key(line.text) for _, line in lines]
            for side, lines in self.changed_lines.items()
        }

    @cached_property
    def _moved_bags(self) -> Mapping[str, Counter[str]]:
        return {side: Counter(filter(None, texts)) for side, texts in self._moved_keys.items()}

    # edits: runs of removed then added lines, and the lines in them edited in place

    def edits(self, hunk: int) -> Sequence[tuple[list[int], list[int]]]:
        """(removed, added) positions of each edit of ``hunk`` (``edit_blocks``)."""
        return self._edit_blocks[hunk]

    @cached_property
    def _edit_blocks(self) -> list[list[tuple[list[int], list[int]]]]:
        """The edits of each hunk, listed once for the pairs, the edit indexes and detectors."""
        return [list(edit_blocks(hunk)) for hunk in self.hunks]

    def pairs(self, hunk: int) -> list[tuple[int, int]]:
        """(removed, added) positions of the lines of ``hunk`` edited in place."""
        return self._edited_lines[hunk]

    @cached_property
    def _edited_lines(self) -> list[list[tuple[int, int]]]:
        return [
            [pair for removed, added in edits for pair in pair_lines(h, removed, added)]
            for h, edits in zip(self.hunks, self._edit_blocks, strict=True)
        ]

    def edit_at(self, hunk: int, position: int) -> tuple[list[int], list[int]]:
        """The edit (removed, added positions) that a changed line of ``hunk`` is in."""
        return self._edit_blocks[hunk][self._edits[hunk][position]]

    def edit_index(self, hunk: int, position: int) -> int:
        """The index of the edit (run of removed then added lines) a line of ``hunk`` is in
        among ``edits(hunk)``; -1 for a line of context."""
        return self._edits[hunk].get(position, -1)

    def edit_of(self, element: Element) -> int:
        """The index of the edit (run of removed then added lines) an element's line is in."""
        return self.edit_index(element.hunk, element.line.position)

    @cached_property
    def _edits(self) -> list[dict[int, int]]:
        return [
            {
                position: index
                for index, (removed, added) in enumerate(edits)
                for position in removed + added
            }
            for edits in self._edit_blocks
        ]

    def partner(self, side: str, hunk: int) -> Mapping[int, int]:
        """Position of each edited line of ``side`` -> position of its other version."""
        return self._partners[side][hunk]

    @cached_property
    def _partners(self) -> Mapping[str, list[dict[int, int]]]:
        return {
            "old": [dict(pairs) for pairs in self._edited_lines],
            "new": [{new: old for old, new in pairs} for pairs in self._edited_lines],
        }

    def partner_texts(self, side: str) -> dict[tuple[int, int], str]:
        """The other version of each edited line of ``side``, by (hunk, position)."""
        return {
            (index, mine): hunk.lines[theirs].text
            for index, hunk in enumerate(self.hunks)
            for mine, theirs in self.partner(side, index).items()
        }


def _lists_properties(lines: Sequence[str], start: int) -> bool:
    """``Document.lists_properties`` for the lines of one side (``start`` counts from 1)."""
    if not 0 < start <= len(lines) or not _PROPERTIES_FENCE.match(lines[start - 1]):
        return False
    said = _block_lines(lines, start)
    if len(said) < 3 or not all(_PROPERTY.match(line) for line in said):
        return False
    above = (lines[at] for at in range(start - 2, -1, -1) if lines[at].startswith("#"))
    return _OPTION_HEADING.match(next(above, "")) is not None


def _lists_options(lines: Sequence[str], start: int) -> bool:
    """``Document.lists_options`` for the lines of one side (``start`` counts from 1): most of
    the block's lines (the others continue a description) are options described."""
    if not 0 < start <= len(lines) or not FENCE.match(lines[start - 1]):
        return False
    said = _block_lines(lines, start)
    described = sum(1 for line in said if _OPTION_LINE.match(line))
    return described >= 3 and described >= _OPTION_SHARE * len(said)


def _prints_log(lines: Sequence[str], start: int) -> bool:
    """``Document.prints_log`` for the lines of one side (``start`` counts from 1)."""
    if not 0 < start <= len(lines) or not FENCE.match(lines[start - 1]):
        return False
    said = _block_lines(lines, start)
    logged = sum(1 for line in said if _LOG_LINE.match(line))
    return logged >= 2 and logged >= _LOG_SHARE * len(said)


def _block_lines(lines: Sequence[str], start: int) -> list[str]:
    """The lines of the code block opened on line ``start`` that are not blank."""
    said = []
    for line in lines[start:]:
        if FENCE.match(line):
            break
        if line.strip():
            said.append(line)
    return said


def option_named(text: str) -> str | None:
    """The option a line of a command's help describes (``--kubeconfig``), else None."""
    match = _OPTION_LINE.match(text)
    return match.group(1) if match else None


def help_default(text: str) -> str | None:
    """The default a line of a command's help states: ``(default "~/.cache/helm")``."""
    match = _HELP_DEFAULT.search(text)
    return match.group(1) if match else None


def _block_comments(lines: Sequence[str], start: int) -> frozenset[int]:
    """The numbers of the lines inside block comments, up to their closing line, of the code
    block opened on line ``start`` (``Document.commented``)."""
    inside: set[int] = set()
    closer = None
    for number in range(start + 1, len(lines) + 1):
        text = lines[number - 1]
        if FENCE.match(text):
            break
        if closer is not None:
            inside.add(number)
            closer = None if closer in text else closer
            continue
        opening = text.lstrip()
        for opener, closing in _BLOCK_COMMENTS:
            if opening.startswith(opener) and closing not in opening[len(opener) :]:
                closer = closing  # (a line that starts the comment: not "cp build/* dist/")
                break
    return frozenset(inside)


def _moved_key(text: str) -> str:
    """A line as compared to find it moved: no list marker, markup or spacing; "" if short."""
    key = normal(_LIST_MARKER.sub("", text))
    return key if key.count(" ") >= 2 else ""  # three words or more, one space apart
