"""Helpers that several detectors share."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from insight.analysis.document.reading import Element


def surplus(elements: Sequence[Element], other: Counter[Any]) -> list[Element]:
    """The elements beyond as many of the same key as ``other`` counts: added or removed."""
    seen: Counter[Any] = Counter()
    extra = []
    for element in elements:
        seen[element.key] += 1
        if seen[element.key] > other.get(element.key, 0):
            extra.append(element)
    return extra
