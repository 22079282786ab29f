"""Includes, links, images, videos, alerts and YAML list entries: added, removed or changed.

Elements are matched by target across the sides; of the rest, pairs are changes (a link
retargeted: the same text, or the other version of its line), the others were added or removed.
"""

from __future__ import annotations

from collections import Counter, defaultdict, deque
from collections.abc import Callable
from typing import Any

from insight.analysis.document.detectors.common import surplus
from insight.analysis.document.read import Document
from insight.analysis.document.reading import Element
from insight.analysis.document.words import normal, short
from insight.models import Signal

_Pairs = list[tuple[Element, Element]]
_PAIRED_IN_HUNK = frozenset(("alert", "image", "include"))
"""Kinds whose one lost and one gained element in an edit are a swap."""


def detect_includes(document: Document) -> list[Signal]:
    return _matched(document, "include", "include_added", "include_removed", "include_retargeted")


def detect_links(document: Document) -> list[Signal]:
    return _matched(document, "link", "link_added", "link_removed", "link_retargeted")


def detect_images(document: Document) -> list[Signal]:
    return _matched(document, "image", "image_added", "image_removed", "image_replaced")


def detect_videos(document: Document) -> list[Signal]:
    return _matched(document, "video", "video_added", "video_removed", None)


def detect_alerts(document: Document) -> list[Signal]:
    return _matched(document, "alert", "alert_added", "alert_removed", "alert_changed")


def detect_yaml_entries(document: Document) -> list[Signal]:
    return _matched(document, "entry", "yaml_entry_added", "yaml_entry_removed", None)


def _matched(
    document: Document, kind: str, added_kind: str, removed_kind: str, changed_kind: str | None
) -> list[Signal]:
    old = document.elements("old", kind)
    new = document.elements("new", kind)
    if not old and not new:
        return []
    lost = surplus(old, Counter(element.key for element in new))
    gained = surplus(new, Counter(element.key for element in old))
    signals = []
    if changed_kind:
        stages: list[Callable[[Document, list[Element], list[Element]], _Pairs]]
        stages = [_pair_by_text, _pair_on_edited_lines]
        stages += [_alone_in_edit] if kind in _PAIRED_IN_HUNK else []
        for stage in stages:
            pairs = stage(document, lost, gained)
            paired = {id(element) for pair in pairs for element in pair}
            lost = [element for element in lost if id(element) not in paired]
            gained = [element for element in gained if id(element) not in paired]
            for before, after in pairs:
                detail = {"old": before.key, "new": after.key}
                if kind == "link":
                    detail = {"text": short(after.data.get("text", "")), **detail}
                signals.append(Signal(changed_kind, after.line.number, "new", detail))
    for element in lost:
        signals.append(Signal(removed_kind, element.line.number, "old", _public(element.data)))
    for element in gained:
        signals.append(Signal(added_kind, element.line.number, "new", _public(element.data)))
    return signals


def _pair_by_text(document: Document, lost: list[Element], gained: list[Element]) -> _Pairs:
    """A lost and a gained element with the same link text (or on the same line position)."""
    by_text: dict[Any, deque[Element]] = defaultdict(deque)
    for element in gained:
        by_text[_pair_key(element)].append(element)
    pairs = []
    for element in lost:
        twins = by_text.get(_pair_key(element))
        if twins:
            pairs.append((element, twins.popleft()))
    return pairs


def _alone_in_edit(document: Document, lost: list[Element], gained: list[Element]) -> _Pairs:
    """The one element lost and the one gained in an edit: a swap (``[!NOTE]`` -> ``[!TIP]``)."""
    lost_by: dict[tuple[int, int], list[Element]] = defaultdict(list)
    gained_by: dict[tuple[int, int], list[Element]] = defaultdict(list)
    for elements, grouped in ((lost, lost_by), (gained, gained_by)):
        for element in elements:
            grouped[(element.hunk, document.edit_of(element))].append(element)
    return [
        (elements[0], gained_by[edit][0])
        for edit, elements in lost_by.items()
        if len(elements) == 1 and len(gained_by.get(edit, [])) == 1
    ]


def _pair_on_edited_lines(document: Document, lost: list[Element], gained: list[Element]) -> _Pairs:
    """A lost element and the one gained on the other version of its line, when each is alone."""
    gained_on: dict[tuple[int, int], list[Element]] = defaultdict(list)
    for element in gained:
        gained_on[(element.hunk, element.line.position)].append(element)
    lost_on = Counter((element.hunk, element.line.position) for element in lost)
    pairs = []
    for element in lost:
        partner = document.partner("old", element.hunk).get(element.line.position)
        twins = gained_on.get((element.hunk, partner), []) if partner is not None else []
        if lost_on[(element.hunk, element.line.position)] == 1 and len(twins) == 1:
            pairs.append((element, twins[0]))
    return pairs


def _pair_key(element: Element) -> Any:
    """What stays when a target changes: the link text, or the hunk and position of the line."""
    text = element.data.get("text")
    if text:
        return normal(text)
    return (element.hunk, element.line.position)


def _public(data: dict[str, Any]) -> dict[str, Any]:
    """An element's data as a signal's detail: texts shortened."""
    return {key: (short(value) if isinstance(value, str) else value) for key, value in data.items()}
