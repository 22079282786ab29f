"""Sections added, removed or renamed, and headings whose level changed."""

from __future__ import annotations

import re
from collections import defaultdict, deque
from collections.abc import Sequence
from difflib import SequenceMatcher

from insight.analysis.document.detectors.entries import POINTER
from insight.analysis.document.detectors.identifiers import spelled_alike
from insight.analysis.document.detectors.names import NAME_SPAN
from insight.analysis.document.hunks import MAX_PAIRED_LINES, Line
from insight.analysis.document.read import Document
from insight.analysis.document.reading import LINK_DEFINITION, Element
from insight.analysis.document.source import FENCE, Source
from insight.analysis.document.titles import page_headings
from insight.analysis.document.words import (
    CJK,
    mentions,
    name_key,
    normal,
    stems,
    without_links,
    word_count,
)
from insight.lexicon import Lexicon
from insight.models import Signal

_NUMBERED = re.compile(r"^[^\W\d_][^\d:：]{0,30}?\s*(\d+)(?![.,]\d)\s*(?:[:：.)\-–—]|$)")
_ANCHOR = re.compile(r"""<a\s+(?:id|name)\s*=\s*["']([^"']+)["']|\{#([\w-]+)\}""")
"""An explicit anchor: ``<a id="old-slug"></a>``, ``{#old-slug}``."""
ANCHOR_REACH = 3
"""Lines from a kept anchor to the heading it now stands for."""
RESTATED_WORDS = 3
RESTATED_SHARE = 0.7
"""A removed section of at least this many words (``words.stems``) of which this share stands
in the text its page gained was restated there."""
_ITEM = re.compile(r"^[ \t>]*(?:[-*+]|\d+[.)])[ \t]")
_LINKS_ALONE = re.compile(r"^[ \t>]*(?:!?\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])[ \t]*)+$")
"""A line of links or pictures alone (a gallery card's image and its "Details" link)."""
_LED_BY_NAME = re.compile(r"^`([^`]+)`")
"""A reference heading: it starts with the name it documents (`` `runner` [string]``)."""
_WORDED = re.compile(r"[^\W\d_]")
"""A heading says something in words; ``# ...`` or ``# 1`` is a comment of an unfenced sample."""


def _example(lexicon: Lexicon) -> re.Pattern[str]:
    """A heading that introduces an example by its label ("Example 1: …", "EXAMPLE: …")."""
    label = lexicon.alternation("example_labels", bounded=False)
    return re.compile(rf"^{label}\s*(?:\d+\s*)?[:：.)\-–—]", re.IGNORECASE)


def _dated_title(lexicon: Lexicon) -> re.Pattern[str]:
    """A year, with or without a month before it (``March 2024``, ``2024 年``)."""
    months = lexicon.alternation("months", bounded=False)
    return re.compile(rf"(?:^|\s)(?:{months}\.?\s+)?20\d\d(?:\s|$)|20\d\d\s*年", re.IGNORECASE)


def detect_sections(document: Document) -> list[Signal]:
    """Headings matched by text (level changes), then paired as renames; the rest came or went."""
    removed = [e for e in document.elements("old", "heading") if _WORDED.search(e.data["title"])]
    added = [e for e in document.elements("new", "heading") if _WORDED.search(e.data["title"])]
    signals: list[Signal] = []
    if not removed and not added:
        return signals
    open_added = {id(element): element for element in added}
    by_text: dict[str, deque[Element]] = defaultdict(deque)
    for element in added:
        by_text[element.key].append(element)
    leftover = []
    for element in removed:
        twins = by_text.get(element.key)
        if not twins:
            leftover.append(element)
            continue
        twin = twins.popleft()
        del open_added[id(twin)]
        if twin.data["level"] != element.data["level"]:
            detail = {
                "heading": twin.data["title"],
                "old_level": element.data["level"],
                "new_level": twin.data["level"],
            }
            signals.append(Signal("heading_level_changed", twin.line.number, "new", detail))
    renamed = _pair_titles(leftover, list(open_added.values()))
    paired = {id(element) for pair in renamed for element in pair}
    renamed += _pair_named(
        [element for element in leftover if id(element) not in paired],
        [element for element in open_added.values() if id(element) not in paired],
    )
    paired = {id(element) for pair in renamed for element in pair}
    renamed += _pair_kept_anchors(
        document,
        [element for element in leftover if id(element) not in paired],
        [element for element in open_added.values() if id(element) not in paired],
    )
    paired = {id(element) for pair in renamed for element in pair}
    renamed += _pair_renames(
        document,
        [element for element in leftover if id(element) not in paired],
        [element for element in open_added.values() if id(element) not in paired],
    )
    for old, new in renamed:
        del open_added[id(new)]
        detail = {
            "old": old.data["title"],
            "new": new.data["title"],
            "level": new.data["level"],
        }
        signals.append(Signal("section_renamed", new.line.number, "new", detail))
    renamed_old = {id(old) for old, _ in renamed}
    fences = {side: document.elements(side, "fence") for side in ("old", "new")}
    lexicon = document.lexicon
    for side, kind, elements in (
        ("old", "section_removed", [e for e in leftover if id(e) not in renamed_old]),
        ("new", "section_added", list(open_added.values())),
    ):
        title = _title_heading(document, side) if elements else None
        for element in elements:
            if element.line.number == title:
                continue  # the page's title heading: what is under it is judged on its own
            size, changed = _section_size(document, side, element)
            end = element.line.number + size - 1
            body = document.changed_between(side, element.line.number + 1, end)
            detail = {
                "heading": element.data["title"],
                "level": element.data["level"],
                "lines": size,
                "changed": changed,
                "moved": document.moved_between(side, element.line.number, end),
                "kept": document.all_moved(side, body),
                "restated": side == "old" and _restated(document, body),
                "words": sum(word_count(without_links(line.text)) for line in body),
                "dated": _dated(element.data["title"], lexicon),
                "pointers": _points_elsewhere(document.source(side), element.line.number, end),
                "example": _labelled_example(element.data["title"], lexicon)
                or (
                    _numbered(element.data["title"], lexicon)
                    and any(element.line.number < f.line.number <= end for f in fences[side])
                ),
            }
            signals.append(Signal(kind, element.line.number, side, detail))
    return signals


def _title_heading(document: Document, side: str) -> int | None:
    """The line of the heading that titles a page on one side of a change, when both sides
    hold the page: its only level-1 heading, the first of its headings (the page rewritten
    without it, or with it, stays the page it was)."""
    change = document.change
    if change.old_text is None or change.new_text is None:
        return None
    text = change.old_text if side == "old" else change.new_text
    first = next(page_headings(text), None)
    if first is None or first.level != 1 or len(list(page_headings(text, deepest=1))) != 1:
        return None
    return first.line + 1


def _restated(document: Document, lines: Sequence[Line]) -> bool:
    """A section of prose whose words the text its page gained holds, most of them: merged
    into another section, reworded (a one-line "How to fix" folded into the description). A
    section with a sample or a table says more than its words, and text in CJK scripts has no
    words to compare. ``lines`` are the changed lines of its body."""
    if any(FENCE.match(line.text) or line.text.lstrip().startswith("|") for line in lines):
        return False
    text = "\n".join(line.text for line in lines)
    if CJK.search(text):
        return False
    words = stems(text)
    # the names it set in code style that the page still shows ("`Get-WmiObject` ->
    # `Get-CimInstance`" under "How", the cmdlets still listed above it) went nowhere
    kept = {
        stem
        for name in NAME_SPAN.findall(text)
        if mentions(document.shown, name)
        for stem in stems(name)
    }
    shared = len(words & (document.gained_words | kept))
    return len(words) >= RESTATED_WORDS and shared >= RESTATED_SHARE * len(words)


def _points_elsewhere(source: Source | None, start: int, end: int) -> bool:
    """A section that only points to other pages: its list items are all links (``-
    [`log`][config.log]``), or its lines of links and pictures alone hold a link (a gallery
    card: a screenshot and "[Details](page.md)"), and a few lines of prose at most introduce
    them ("Advanced settings", a list of related pages, whatever its heading)."""
    if source is None:
        return False
    text = source.text
    begin = stop = source.offset(start + 1)  # below the heading, one line at a time from it
    for _ in range(end - start):
        stop = text.find("\n", stop) + 1 or len(text)
    lines = text[begin:stop].split("\n")
    items = [line for line in lines if _ITEM.match(line)]
    cards = [line for line in lines if _LINKS_ALONE.match(line)]
    prose = [
        line
        for line in lines
        if line.strip()
        and not _ITEM.match(line)
        and not _LINKS_ALONE.match(line)
        and not LINK_DEFINITION.match(line)
        and not line.lstrip().startswith("<!--")
    ]
    pointers = all(POINTER.match(line) for line in items)
    linked = bool(items) or any(not line.lstrip(" \t>").startswith("!") for line in cards)
    return linked and pointers and len(prose) <= 4


def _labelled_example(title: str, lexicon: Lexicon) -> bool:
    """A heading that says it is an example ("Example 1: …", "EXAMPLE: …"): it shows what the
    page documents."""
    return lexicon.compiled(_example).match(title.strip()) is not None


def _numbered(title: str, lexicon: Lexicon) -> bool:
    """A heading numbered past the first of a series ("Example 4: …", "例 4：…"): with a code
    block in it, one more example of what the page already documents."""
    match = _NUMBERED.match(title.strip())
    return match is not None and not _dated(title, lexicon) and int(match.group(1)) >= 2


def _dated(title: str, lexicon: Lexicon) -> bool:
    """A title with a year (``March 2024``, ``2024 年``); each holds "20", tested first."""
    return "20" in title and lexicon.compiled(_dated_title).search(title) is not None


def _pair_titles(
    removed: Sequence[Element], added: Sequence[Element]
) -> list[tuple[Element, Element]]:
    """A page has one title: a removed level-1 heading and an added one are a retitle."""
    old = [element for element in removed if element.data["level"] == 1]
    new = [element for element in added if element.data["level"] == 1]
    return [(old[0], new[0])] if len(old) == 1 and len(new) == 1 else []


def _pair_named(
    removed: Sequence[Element], added: Sequence[Element]
) -> list[tuple[Element, Element]]:
    """Reference headings led by the same name of an option, command or member on both sides,
    once each: one section, retyped or reworded around its name
    (``testEnvironment [string]`` → ``testEnvironment [node | jsdom | string]``), wherever
    the diff puts the two."""
    old, new = _by_code_name(removed), _by_code_name(added)
    return [
        (olds[0], new[name][0])
        for name, olds in old.items()
        if len(olds) == 1
        and len(new.get(name, ())) == 1
        and abs(olds[0].data["level"] - new[name][0].data["level"]) <= 1
    ]


def _by_code_name(headings: Sequence[Element]) -> dict[str, list[Element]]:
    named: dict[str, list[Element]] = defaultdict(list)
    for element in headings:
        code = _LED_BY_NAME.match(element.data["title"])
        if code is not None:
            named[name_key(code.group(1))].append(element)
    return named


def _pair_kept_anchors(
    document: Document, removed: Sequence[Element], added: Sequence[Element]
) -> list[tuple[Element, Element]]:
    """A heading reworded while the page keeps an anchor of its old name just above the new
    one (``<a id="old-slug"></a>``, how books and guides keep old links working): one section,
    renamed; its address still serves."""
    text = document.change.new_text
    if not removed or not added or not text or not _ANCHOR.search(text):
        return []
    anchors = {
        match.group(1) or match.group(2): text.count("\n", 0, match.start()) + 1
        for match in _ANCHOR.finditer(text)
    }
    free = sorted(added, key=lambda element: element.line.number)
    pairs = []
    for old in removed:
        line = anchors.get(_slug(old.data["title"]))
        if line is None:
            continue
        new = next((e for e in free if 0 < e.line.number - line <= ANCHOR_REACH), None)
        if new is not None:
            free.remove(new)
            pairs.append((old, new))
    return pairs


def _slug(title: str) -> str:
    """A heading's anchor as GitHub, mdBook and most site generators make it."""
    return re.sub(r"[^\w\- ]", "", title.strip().lower()).replace(" ", "-")


def _pair_renames(
    document: Document, removed: list[Element], added: list[Element]
) -> list[tuple[Element, Element]]:
    """A heading replaced by one of about its level in the same hunk, alike or body kept.

    A hunk with more than ``MAX_PAIRED_LINES`` new headings is a rewrite: no pairing.
    """
    pairs = []
    by_hunk: dict[int, list[Element]] = defaultdict(list)
    for element in added:
        by_hunk[element.hunk].append(element)
    for old in removed:
        hunk_headings = by_hunk.get(old.hunk, [])
        if len(hunk_headings) > MAX_PAIRED_LINES:
            continue
        candidates = [
            new for new in hunk_headings if abs(new.data["level"] - old.data["level"]) <= 1
        ]
        scored = [(_similarity(old.data["title"], new.data["title"]), new) for new in candidates]
        if not scored:
            continue
        score, best = max(scored, key=lambda pair: pair[0])
        chosen: Element | None = best
        if score < 0.5:
            chosen = next((new for _, new in scored if _body_kept(document, old, new)), None)
        if chosen is not None:
            by_hunk[old.hunk].remove(chosen)
            pairs.append((old, chosen))
    return pairs


def _body_kept(document: Document, old: Element, new: Element) -> bool:
    old_size, old_changed = _section_size(document, "old", old)
    new_size, new_changed = _section_size(document, "new", new)
    return (
        old_size > 1
        and new_size > 1
        and 2 * old_changed <= old_size
        and 2 * new_changed <= new_size
    )


def _section_size(document: Document, side: str, element: Element) -> tuple[int, int]:
    """(lines of the section, lines of it changed on this side), heading included."""
    start = element.line.number
    source = document.source(side)
    if source is not None:
        end = source.section_end(start, element.data["level"])
    else:
        end = document.outline(side, element.hunk).section_end.get(start, start)
    return document.span(side, start, end)


def _similarity(old: str, new: str) -> float:
    """How alike two headings are: the words they share; 1 for a heading whose spelling alone
    was fixed (``httpPathModfier`` → ``HTTPPathModifier``)."""
    old_words, new_words = set(normal(old).split()), set(normal(new).split())
    if not old_words or not new_words:
        return 0.0
    if spelled_alike(normal(old), normal(new)):
        return 1.0
    if CJK.search(old + new):
        return SequenceMatcher(None, normal(old), normal(new)).ratio()
    return len(old_words & new_words) / len(old_words | new_words)
