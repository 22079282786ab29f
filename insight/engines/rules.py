"""RUBRIC.md as rules over what a diff shows.

A first set of rules read straight from the patch: status, headings added or removed,
front-matter-only edits and retirement wording. Each rule names the rubric line it
implements.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from insight.diffparse import parse_patch
from insight.models import BREAKING, MINOR, NEW_FEATURE, Assessment, FileChange, Signal

DOCUMENT_SUFFIXES = (".md", ".markdown", ".mdx", ".yml", ".yaml")
_HEADING = re.compile(r"^#{1,6}\s+(\S.*?)\s*#*\s*$")
_FRONT_MATTER_KEY = re.compile(
    r"^\s*(ms\.[\w.-]+|author|manager|title|description|titleSuffix)\s*:"
)
_RETIREMENT = re.compile(
    r"\b(retire[sd]?|retirement|deprecat\w*|end of (?:support|life)"
    r"|no longer (?:supported|available))\b",
    re.IGNORECASE,
)


def is_document(path: str) -> bool:
    return path.lower().endswith(DOCUMENT_SUFFIXES)


def signals_of(change: FileChange) -> tuple[Signal, ...]:
    """Headings added/removed, front-matter keys changed, retirement wording added."""
    if not change.patch or not is_document(change.path):
        return ()
    signals: list[Signal] = []
    parsed = parse_patch(change.patch)
    added = [line for hunk in parsed.hunks for line in hunk.lines if line.kind == "+"]
    removed = [line for hunk in parsed.hunks for line in hunk.lines if line.kind == "-"]
    added_headings = {_heading(line.text): line for line in added if _heading(line.text)}
    removed_headings = {_heading(line.text): line for line in removed if _heading(line.text)}
    for heading, line in removed_headings.items():
        if heading not in added_headings:
            signals.append(Signal("heading_removed", line.old_line, "old", {"heading": heading}))
    for heading, line in added_headings.items():
        if heading not in removed_headings:
            signals.append(Signal("heading_added", line.new_line, "new", {"heading": heading}))
    for line in added:
        if _RETIREMENT.search(line.text):
            signals.append(
                Signal("retirement", line.new_line, "new", {"text": line.text.strip()[:120]})
            )
            break
    keys = []
    for line in added + removed:
        match = _FRONT_MATTER_KEY.match(line.text)
        if match and match.group(1) not in keys:
            keys.append(match.group(1))
    signals.extend(Signal("front_matter_changed", None, "new", {"key": key}) for key in keys)
    return tuple(signals)


def _heading(text: str) -> str | None:
    match = _HEADING.match(text.strip("\r"))
    return match.group(1) if match else None


def assess(change: FileChange, signals: Sequence[Signal]) -> Assessment:
    """One type per file, with the reason; the deciding signals lead ``Assessment.signals``."""
    kinds = {signal.kind for signal in signals}

    def verdict(kind: str, reason: str, confidence: float, lead: str | None = None) -> Assessment:
        decisive = [signal for signal in signals if signal.kind == lead]
        rest = [signal for signal in signals if signal.kind != lead]
        return Assessment(kind, reason, confidence, signals=tuple(decisive + rest))

    if not is_document(change.path):
        return verdict(MINOR, "not a document (asset or code file)", 0.6)
    if change.status == "removed":
        return verdict(BREAKING, "page removed: links and bookmarks break", 0.9)
    if change.status == "renamed":
        return verdict(BREAKING, "page moved: links and bookmarks break", 0.85)
    if change.status in ("added", "copied"):
        return verdict(NEW_FEATURE, "new page", 0.85)
    if change.status == "changed":
        return verdict(MINOR, "file type changed", 0.5)
    if "retirement" in kinds:
        return verdict(BREAKING, "retirement or deprecation wording added", 0.7, "retirement")
    if "heading_removed" in kinds:
        return verdict(BREAKING, "section removed", 0.65, "heading_removed")
    if "heading_added" in kinds:
        return verdict(NEW_FEATURE, "section added", 0.6, "heading_added")
    if kinds == {"front_matter_changed"} and change.changes <= 2 * len(signals):
        return Assessment(MINOR, "front matter only", 0.95, True, tuple(signals))
    return verdict(MINOR, "wording, links or formatting", 0.55)
