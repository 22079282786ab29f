"""Front-matter keys (and top-level or metadata keys of YAML files) changed, added or removed."""

from __future__ import annotations

from insight.analysis.document.read import Document
from insight.analysis.document.reading import FrontBlock
from insight.analysis.document.words import short
from insight.models import Signal


def detect_front_matter(document: Document) -> list[Signal]:
    """Keys whose value changed, was added or removed, with both values."""
    old = {block.key: block for block in document.front_blocks("old")}
    new = {block.key: block for block in document.front_blocks("new")}
    touched = [block.key for side in ("old", "new") for block in document.front_blocks(side)]
    touched = [key for key in dict.fromkeys(touched) if _touched(old.get(key), new.get(key))]
    signals = []
    for key in touched:
        before, after = old.get(key), new.get(key)
        old_value = before.value() if before else None
        new_value = after.value() if after else None
        if old_value == new_value:
            continue
        detail = {"key": key, "old": short(old_value), "new": short(new_value)}
        if after is not None:
            signals.append(Signal("front_matter_changed", after.line.number, "new", detail))
        elif before is not None:
            signals.append(Signal("front_matter_changed", before.line.number, "old", detail))
    return signals


def _touched(old: FrontBlock | None, new: FrontBlock | None) -> bool:
    return any(block is not None and block.changed for block in (old, new))
