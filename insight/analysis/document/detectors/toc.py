"""Entries of a YAML table of contents added, removed, moved, renamed or retargeted."""

from __future__ import annotations

import re
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from insight.analysis.document.hunks import Fragment
from insight.analysis.document.read import Document
from insight.models import Signal

_TOC_FIELD = re.compile(r"^(\s*)(-\s+)?(name|href|displayName|topicHref):\s*(.*?)\s*$")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class _Entry:
    name: str
    href: str
    parent: tuple[str, ...]
    line: int | None
    signature: str = ""
    """The entry's own lines, stripped (fragments only): an entry moved keeps them."""


def detect_toc_entries(document: Document) -> list[Signal]:
    """Entries added, removed, moved, renamed or retargeted, by ``href`` first, then ``name``."""
    change = document.change
    old = _toc_entries(change.old_text) if change.old_text is not None else None
    new = _toc_entries(change.new_text) if change.new_text is not None else None
    if old is None or new is None:
        return _compare_entries(*_fragment_entries(document.fragments), whole=False)
    return _compare_entries(old, new, whole=True)


def _toc_entries(text: str) -> list[_Entry] | None:
    """Every entry of a TOC document, with its parents' names; None when it is not YAML.

    The document is composed into nodes (by libyaml when present) and walked; building Python
    objects for it would cost more than the walk.
    """
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError:
        return None
    entries: list[_Entry] = []
    stack: list[tuple[Any, tuple[str, ...]]] = [(root, ())]
    while stack:
        node, parent = stack.pop()
        if isinstance(node, yaml.MappingNode):
            fields = {
                key.value: value for key, value in node.value if isinstance(key, yaml.ScalarNode)
            }
            name = _scalar(fields.get("name") or fields.get("displayName"))
            href = _scalar(fields.get("href") or fields.get("topicHref"))
            if name or href:
                entries.append(_Entry(name, href, parent, node.start_mark.line + 1))
            child_parent = (*parent, name) if name else parent
            stack.extend(
                (value, child_parent)
                for value in reversed(list(fields.values()))
                if isinstance(value, (yaml.MappingNode, yaml.SequenceNode))
            )
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, parent) for item in reversed(node.value))
    return entries


def _scalar(node: Any) -> str:
    return str(node.value).strip() if isinstance(node, yaml.ScalarNode) else ""


def _fragment_entries(
    fragments: Sequence[tuple[Fragment, Fragment]],
) -> tuple[list[_Entry], list[_Entry]]:
    """Entries read from the hunks alone: a ``- name:`` line and the ``href:`` that follows.

    Without the document the parents are unknown; the indentation stands in for them, so an
    entry indented differently on the two sides has moved.
    """
    sides: dict[str, list[_Entry]] = {"old": [], "new": []}
    for pair in fragments:
        for fragment in pair:
            current: dict[str, Any] | None = None
            for line in fragment.lines:
                match = _TOC_FIELD.match(line.text)
                if not match:
                    continue
                indent, dash, field_name, value = match.groups()
                if dash or current is None:
                    if current is not None and current["changed"]:
                        sides[fragment.side].append(_entry_of(current))
                    depth = len(indent) + len(dash or "")
                    current = {"name": "", "href": "", "line": line.number, "changed": False}
                    current["parent"] = (f"indent {depth}",)
                    current["signature"] = []
                current["signature"].append(line.text.strip().removeprefix("- "))
                field_name = field_name.lower()
                if field_name in ("name", "href", "topichref"):
                    key = "href" if field_name.endswith("href") else "name"
                    current[key] = value.strip().strip("'\"")
                current["changed"] = current["changed"] or line.changed
            if current is not None and current["changed"]:
                sides[fragment.side].append(_entry_of(current))
    return sides["old"], sides["new"]


def _entry_of(item: dict[str, Any]) -> _Entry:
    signature = "\n".join(item["signature"])
    return _Entry(item["name"], item["href"], item["parent"], item["line"], signature)


def _compare_entries(old: list[_Entry], new: list[_Entry], *, whole: bool) -> list[Signal]:
    """Entries matched by (name, href) - moved -, then href - renamed -, then name - retargeted.

    From whole documents every entry is listed and the unchanged ones cancel out; from hunks
    only entries whose lines changed are listed, so one that shows on both sides unchanged in
    content moved (or was re-indented), and one whose other fields changed is left alone.
    """
    if whole:
        common = Counter((e.name, e.href, e.parent) for e in old) & Counter(
            (e.name, e.href, e.parent) for e in new
        )
        old, new = _without(old, common), _without(new, common)
    signals: list[Signal] = []
    keys: tuple[tuple[Callable[[_Entry], Any], str], ...] = (
        (lambda e: (e.name, e.href), "toc_entry_moved"),
        (lambda e: ("href", e.href) if e.href else None, "toc_entry_renamed"),
        (lambda e: ("name", e.name, e.parent) if e.name else None, "toc_entry_retargeted"),
    )
    for key_of, kind in keys:
        index: dict[Any, deque[_Entry]] = defaultdict(deque)
        for entry in new:
            key = key_of(entry)
            if key is not None:
                index[key].append(entry)
        unmatched = []
        matched: set[int] = set()
        for entry in old:
            key = key_of(entry)
            queue = index.get(key) if key is not None else None
            if not queue:
                unmatched.append(entry)
                continue
            twin = queue.popleft()
            matched.add(id(twin))
            detail: dict[str, Any]
            if kind != "toc_entry_moved":
                detail = (
                    {"href": twin.href, "old": entry.name, "new": twin.name}
                    if kind == "toc_entry_renamed"
                    else {"name": twin.name, "old": entry.href, "new": twin.href}
                )
            elif whole:
                detail = {
                    "name": twin.name,
                    "href": twin.href,
                    "old_parent": " > ".join(entry.parent),
                    "new_parent": " > ".join(twin.parent),
                }
            elif entry.signature == twin.signature:
                detail = {
                    "name": twin.name,
                    "href": twin.href,
                    "old_parent": None,
                    "new_parent": None,
                }
            else:
                continue
            signals.append(Signal(kind, twin.line, "new", detail))
        old = unmatched
        new = [entry for entry in new if id(entry) not in matched]
    for side, kind, entries in (("old", "toc_entry_removed", old), ("new", "toc_entry_added", new)):
        for entry in entries:
            signals.append(Signal(kind, entry.line, side, {"name": entry.name, "href": entry.href}))
    return signals


def _without(entries: list[_Entry], common: Counter[Any]) -> list[_Entry]:
    remaining = Counter(common)
    rest = []
    for entry in entries:
        key = (entry.name, entry.href, entry.parent)
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            rest.append(entry)
    return rest
