"""Entries of a reference list that came or went: an option, operator, member or value.

A reference documents its names as list items or definition terms led by a name: a code span
(``* `stddev` (…)``, ``**`frozen`**``, ``<code>--rm</code>``) or an item that is one name alone
(``- to_json``). A value list in a line (``Accepted values: a, b, c``) that gained or lost items
counts too. Structure and code only, so a translated page reads the same.
"""

from __future__ import annotations

import re
from collections import Counter

from insight.analysis.document.detectors.identifiers import IMPORT_LINE, respelled
from insight.analysis.document.read import Document
from insight.analysis.document.words import CJK, mentions
from insight.models import Signal

_ITEM = re.compile(r"^[ \t>]*(?:[-*+]|\d+[.)])[ \t]+(.*)$")
_LEAD_MARKUP = re.compile(r"^(?:\s|\*\*?|__?|\[|</?(?!code\b)[a-z][a-z0-9]*\b[^>]*>)+")
_LEAD_NAME = re.compile(r"^(?:`([^`]+)`|<code>([^<]+)</code>)")
_NAME = re.compile(
    r"-{1,2}[A-Za-z][\w-]*|[A-Za-z_][\w]*(?:[._][\w]+)+|[a-z]+[A-Z]\w*|[A-Z][a-z]+[A-Z]\w*"
    r"|[A-Z][a-z]+-[A-Z]\w+"
)
_LIST_START = re.compile(r"\s*(?:[-*+]|\d+[.)])\s")
POINTER = re.compile(r"^[ \t>]*(?:[-*+]|\d+[.)])[ \t]+(?:\*\*|__)?\[[^\]]+\][(\[]")
"""A list item that is a link (``- [`log`][config.log]``): it points to what another page
documents."""
_LINKED_HEADING = re.compile(r"^#{1,6}\s+\[([^\]]+)\]\([^)]*\)\s*$")
_SEPARATOR = re.compile(r"\s*[,，、]\s*")
_VALUE = re.compile(r"^[\w.-]{1,40}$")
MIN_LIST_ITEMS = 3
"""A line with fewer comma-separated items is prose, not a list of values."""
_NO_VALUES = frozenset(("fence", "front"))
"""Where a line lists no values readers read: a code fence's line, the front matter."""
_COMPONENT = re.compile(r"^\s*<[A-Z][\w.]*(?:\s[^>]*)?/?>\s*$")
"""A line that is one MDX component (``<Compatibility plugin={frontmatter.plugin} />``)."""


def detect_entries(document: Document) -> list[Signal]:
    """``entry_added``/``entry_removed`` (``name``) for name-led list items of a Markdown page
    and values that came or went, net of the same name going the other way (a moved entry;
    a name whose case alone changed, a case fix)."""
    if document.kind != "markdown":
        return []
    found: dict[str, list[tuple[str, int]]] = {"old": [], "new": []}
    pointers: set[str] = set()
    for side in ("old", "new"):
        for index, line in document.changed_lines[side]:
            if not _maybe_named(line.text) or _edited(document, side, index, line.position):
                continue
            if side == "old" and _given_to_component(document, index, line.position):
                continue  # the component that took the list's place shows it now
            if document.zone(side, index, line.position) in ("text", "entry", "heading"):
                name = lead_name(line.text)
                if name:
                    found[side].append((name, line.number))
                    if POINTER.match(line.text):
                        pointers.add(name)
    for index, hunk in enumerate(document.hunks):
        for old, new in document.pairs(index):
            zones = (document.zone("old", index, old), document.zone("new", index, new))
            if any(zone in _NO_VALUES for zone in zones):
                continue  # a fence's rendering options (``js [[1, 6, "x"]]``), metadata
            if zones[0] == "code" and IMPORT_LINE.match(hunk.lines[old].text):
                continue  # the names a sample imports follow what it uses: housekeeping
            lost, gained = _value_changes(
                hunk.lines[old].text, hunk.lines[new].text, document.change.old_text or ""
            )
            found["old"] += [(value, hunk.lines[old].old_line or 0) for value in lost]
            found["new"] += [(value, hunk.lines[new].new_line or 0) for value in gained]
    if not found["old"] and not found["new"]:
        return []
    # a name whose case alone changed is the same entry (RUBRIC.md: a case fix is a correction)
    counts = {
        side: Counter(name.casefold() for name, _ in entries) for side, entries in found.items()
    }
    signals = []
    for side, kind in (("new", "entry_added"), ("old", "entry_removed")):
        other = counts["old" if side == "new" else "new"]
        for name, number in found[side]:
            if other[name.casefold()]:
                other[name.casefold()] -= 1
                continue
            if side == "old" and mentions(document.shown, name):
                continue  # the page still names it: the entry was reworded or moved, not lost
            if side == "old" and name in pointers:
                continue  # a link to where another page documents it: that page says if it went
            signals.append(Signal(kind, number, side, {"name": name}))
    return signals


def _edited(document: Document, side: str, index: int, position: int) -> bool:
    """A line that is another version of a line of the other side; a heading become an entry
    (``### `retries``` → ``retries`` of a definition list) is an entry gained or lost."""
    other = document.partner(side, index).get(position)
    return other is not None and not document.hunks[index].lines[other].text.lstrip().startswith(
        "#"
    )


def _given_to_component(document: Document, index: int, position: int) -> bool:
    """A removed line whose edit put nothing but components in its place (a list of
    platforms become ``<Compatibility plugin={frontmatter.plugin} />``)."""
    edit = document.edit_index(index, position)
    if edit < 0:
        return False
    lines = document.hunks[index].lines
    added = [lines[at].text for at in document.edits(index)[edit][1] if lines[at].text.strip()]
    return bool(added) and all(_COMPONENT.match(text) for text in added)


def _maybe_named(text: str) -> bool:
    """A line that could be led by a name (it holds a code span, a tag or a link, or it is a
    list item): a quick test before the full reading."""
    return "`" in text or "<" in text or "[" in text or _LIST_START.match(text) is not None


def lead_name(text: str) -> str | None:
    """The name a list item or definition term is led by, if it is led by one; a heading that
    is a link to a name (``### [Get-Thing](get-thing.md)``: an index of commands)."""
    heading = _LINKED_HEADING.match(text)
    if heading:
        name = heading.group(1).strip("` ")
        return name if _NAME.fullmatch(name) else None
    if text.lstrip().startswith("#"):
        return None
    item = _ITEM.match(text)
    body = item.group(1) if item else text
    rest = _LEAD_MARKUP.sub("", body)
    lead = _LEAD_NAME.match(rest)
    if lead:
        name = (lead.group(1) or lead.group(2)).strip()
        if "://" in name or "{{" in name or "{%" in name:
            return None  # an address, or a template's expression (a name filled in later)
        tail = rest[lead.end() :].strip(" *_]")
        # A term alone on its line, or an item that goes on to say what the name is.
        if item or not tail or tail.startswith(("<", ":", "(")):
            return name or None
        return None
    if item and _NAME.fullmatch(body.strip()):
        return body.strip()
    return None


def _value_changes(old: str, new: str, page: str) -> tuple[list[str], list[str]]:
    """Values a comma-separated list in an edited line lost and gained (``Accepted values:
    a, b`` → ``a, b, c``); nothing when the line is not such a list or changed otherwise. A
    value spelled as the old ``page`` already spelled it elsewhere is the same value."""
    old_items, new_items = _SEPARATOR.split(old.strip(" .")), _SEPARATOR.split(new.strip(" ."))
    if min(len(old_items), len(new_items)) < MIN_LIST_ITEMS:
        return [], []
    if old_items[0] != new_items[0] and not (
        old_items[0].startswith(new_items[0]) or new_items[0].startswith(old_items[0])
    ):
        return [], []
    lost = [item.strip("`'\"") for item in old_items[1:] if item not in new_items]
    gained = [item.strip("`'\"") for item in new_items[1:] if item not in old_items]
    if not all(_VALUE.match(item) and not CJK.search(item) for item in lost + gained):
        return [], []  # a clause of Chinese or Japanese prose, which commas also part
    for item in list(lost):  # RUBRIC.md: a typo fixed
        fixed = next((other for other in gained if respelled(item, other, page)), None)
        if fixed is not None:
            lost.remove(item)
            gained.remove(fixed)
    return lost, gained
