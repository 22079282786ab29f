"""The same change made in several copies of a page: one per version folder or language.

Docs kept per version (``docs/v1/``, ``docs/v2/``) or per language (``docs/en/``,
``docs/de/``) often get one edit in every copy. Items are copies of one change when they have
the same status and the same added and removed lines (the context around them may differ
from copy to copy), and their paths differ in exactly one folder, the same one. A reader
wants that change once, with where it was made.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from insight.models import ReportItem

_CHANGED_LINE = re.compile(r"^[-+].*$", re.MULTILINE)
_VERSION = re.compile(
    r"^(?:v?\d+(?:[._-]\d+)*(?:[._-]?[a-z]+\d*)?|latest|stable|preview|next|current|dev)$",
    re.IGNORECASE,
)
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?$")
KINDS = ("version", "language", "folder")
"""What the folders the copies differ in are: version folders, languages, or other folders."""


@dataclass(frozen=True)
class Copies:
    """Items that make one change in several copies, the first one standing for all."""

    items: tuple[ReportItem, ...]
    folders: tuple[str, ...]
    """The folder each item is in where the copies' paths differ, in the items' order."""
    kind: str
    """One of ``KINDS``."""


def copies(items: Sequence[ReportItem]) -> list[Copies]:
    """The groups of copies among ``items``, each in the items' order, largest first."""
    buckets: dict[tuple[str, tuple[str, ...]], list[ReportItem]] = defaultdict(list)
    for item in items:
        changed = tuple(_CHANGED_LINE.findall(item.patch or ""))
        if changed:
            buckets[(item.status, changed)].append(item)
    found: list[Copies] = []
    for bucket in buckets.values():
        remaining = list(bucket)
        while len(remaining) >= 2:
            group = _largest_group(remaining)
            if group is None:
                break
            position, members = group
            found.append(_copies(members, position))
            taken = {id(item) for item in members}
            remaining = [item for item in remaining if id(item) not in taken]
    order = {id(item): index for index, item in enumerate(items)}
    return sorted(found, key=lambda group: (-len(group.items), order[id(group.items[0])]))


def _largest_group(items: list[ReportItem]) -> tuple[int, list[ReportItem]] | None:
    """The position of the folder in which most items' paths differ, and those items."""
    by_shape: dict[tuple[int, tuple[str, ...]], list[ReportItem]] = defaultdict(list)
    for item in items:
        parts = item.path.split("/")
        for position in range(len(parts) - 1):  # a folder, never the file name
            by_shape[(position, (*parts[:position], "*", *parts[position + 1 :]))].append(item)
    if not by_shape:
        return None
    (position, _shape), members = max(by_shape.items(), key=lambda entry: len(entry[1]))
    return (position, members) if len(members) >= 2 else None


def _copies(members: list[ReportItem], position: int) -> Copies:
    folders = tuple(item.path.split("/")[position] for item in members)
    return Copies(tuple(members), folders, folder_kind(folders))


def folder_kind(folders: Sequence[str]) -> str:
    """``version`` or ``language`` when every folder is one, else ``folder``."""
    votes = Counter(
        "version" if _VERSION.match(name) else "language" if _LANGUAGE.match(name) else "folder"
        for name in folders
    )
    return next(iter(votes)) if len(votes) == 1 else "folder"


def as_copies(items: Sequence[ReportItem]) -> Copies | None:
    """``items`` as copies when their paths differ in exactly one folder, the same one."""
    paths = [item.path.split("/") for item in items]
    if len(items) < 2 or len({len(parts) for parts in paths}) != 1:
        return None
    differing = [
        position
        for position in range(len(paths[0]) - 1)
        if len({parts[position] for parts in paths}) > 1
    ]
    if len(differing) != 1 or len({parts[-1] for parts in paths}) != 1:
        return None
    return _copies(list(items), differing[0])
