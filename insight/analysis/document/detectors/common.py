"""Helpers that several detectors share."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from insight.analysis.document.reading import Element

MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
"""Month names in dates (a retirement date, a what's-new heading)."""


def surplus(elements: Sequence[Element], other: Counter[Any]) -> list[Element]:
    """The elements beyond as many of the same key as ``other`` counts: added or removed."""
    seen: Counter[Any] = Counter()
    extra = []
    for element in elements:
        seen[element.key] += 1
        if seen[element.key] > other.get(element.key, 0):
            extra.append(element)
    return extra
