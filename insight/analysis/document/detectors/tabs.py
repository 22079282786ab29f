"""Pivots (``# [Python](#tab/python)``) that came or went with their content, or were relinked."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from insight.analysis.document.detectors.common import surplus
from insight.analysis.document.read import Document
from insight.analysis.document.reading import Element
from insight.models import Signal


def detect_tabs(document: Document) -> list[Signal]:
    """Pivots that came or went with most of their content; a pivot's anchor changed."""
    signals: list[Signal] = []
    if not document.elements("old", "tab") and not document.elements("new", "tab"):
        return signals
    for side, kind, other in (("old", "tab_removed", "new"), ("new", "tab_added", "old")):
        theirs = Counter(element.key for element in document.elements(other, "tab"))
        for element in surplus(document.elements(side, "tab"), theirs):
            start = element.line.number
            end = document.outline(side, element.hunk).tab_end.get(start, start)
            size, changed = document.span(side, start, end)
            if 2 * changed >= size:
                detail = {"tab": element.data["title"], "lines": size}
                signals.append(Signal(kind, start, side, detail))
    new_tabs = _by_key(document.elements("new", "tab"))
    for key, old_tabs in _by_key(document.elements("old", "tab")).items():
        for old, new in zip(old_tabs, new_tabs.get(key, []), strict=False):
            if old.data["id"] != new.data["id"]:
                detail = {
                    "text": new.data["title"],
                    "old": old.data["id"],
                    "new": new.data["id"],
                }
                signals.append(Signal("link_retargeted", new.line.number, "new", detail))
    return signals


def _by_key(elements: Iterable[Element]) -> dict[Any, list[Element]]:
    grouped: dict[Any, list[Element]] = {}
    for element in elements:
        grouped.setdefault(element.key, []).append(element)
    return grouped
