"""An API or package version replaced by another in an edited line."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from insight.analysis.document.detectors.identifiers import shows_output
from insight.analysis.document.read import Document
from insight.analysis.document.reading import Element
from insight.models import Signal

_API_VERSION = re.compile(
    r"(?<![\w/.-])(20\d\d-[01]\d-[0-3]\d(?:-(?:preview|beta|alpha)\d*)?)(?![\w-])"
)
_PACKAGE_VERSION = re.compile(
    r"(?<![\w.-])v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z]+(?:\.[0-9A-Za-z]+)*)?)(?![\w.]*\d\.)(?![\w-])"
)
_DIGIT_DOT_DASH = re.compile(r"\d[.-]\d")


def detect_versions(document: Document) -> list[Signal]:
    """A version string replaced by another in an edited line (or, failing that, a hunk)."""
    by_hunk: dict[int, tuple[list[Element], list[Element]]] = defaultdict(lambda: ([], []))
    for side in ("old", "new"):
        for element in _version_elements(document, side):
            by_hunk[element.hunk][0 if side == "old" else 1].append(element)
    signals = []
    seen = set()
    for hunk, (lost, gained) in by_hunk.items():
        partner = document.partner("old", hunk)
        lost_keys, gained_keys = Counter(e.key for e in lost), Counter(e.key for e in gained)
        fresh = [element for element in gained if not lost_keys[element.key]]
        on_line: dict[int, list[Element]] = defaultdict(list)
        for element in fresh:
            on_line[element.line.position].append(element)
        for element in lost:
            if gained_keys[element.key]:
                continue
            position = partner.get(element.line.position)
            candidates = on_line.get(position, []) if position is not None else []
            candidates = [c for c in candidates if _same_family(element.key, c.key)]
            if not candidates:
                candidates = [c for c in fresh if _same_family(element.key, c.key)]
                if len({c.key for c in candidates}) != 1:
                    continue
            change = (element.key, candidates[0].key)
            if change not in seen:
                seen.add(change)
                detail = {
                    "old": change[0],
                    "new": change[1],
                    "in_code": candidates[0].data["in_code"],
                }
                signals.append(Signal("version_changed", candidates[0].line.number, "new", detail))
    return signals


def _version_elements(document: Document, side: str) -> list[Element]:
    if not _DIGIT_DOT_DASH.search(document.changed_text(side)):
        return []
    elements = []
    for hunk, line in document.changed_lines[side]:
        if not _DIGIT_DOT_DASH.search(line.text):
            continue
        zone = document.zone(side, hunk, line.position)
        if zone in ("front", "comment"):
            continue
        block = document.code_lines.get((side, hunk, line.position))
        if block is not None and shows_output(document, side, *block):
            continue  # an output or a log refreshed: its dates and versions are no one's pick
        for pattern in (_API_VERSION, _PACKAGE_VERSION):
            for match in pattern.finditer(line.text):
                data = {"in_code": zone in ("code", "fence")}
                elements.append(Element("version", match.group(1), line, hunk, data))
    return elements


def _same_family(old: str, new: str) -> bool:
    """Two version strings of one kind: both dates (API versions) or both dotted numbers."""
    return bool(_API_VERSION.fullmatch(old)) == bool(_API_VERSION.fullmatch(new))
