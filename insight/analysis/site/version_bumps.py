"""A version bump repeated across the files of a range, read as one change with one meaning.

When the same ``old → new`` replaces a version in several files (a release that every
install example tracks), each file should get the same type, decided by what the bump means
(RUBRIC.md): the current version shown in examples and samples moving on is routine (a minor
update); a version the text states as a minimum or a requirement being raised breaks what a
reader relied on ("a raised minimum version").

A bump is read from lines that are the same but for their versions (one removed line and one
added line of a hunk), so reworded lines and tables that gain rows do not pair by accident.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence

from insight.lexicon import Lexicon
from insight.models import FileChange, VersionBump

MIN_FILES = 2
"""A bump counts as repeated when this many files of the range share it."""
_VERSION = re.compile(
    r"(?<![\d.])v?(\d+\.\d+(?:\.\d+)+(?:-(?:preview|beta|alpha|rc)[0-9.]*)?"
    r"|20\d\d-[01]\d-[0-3]\d(?:-preview)?)(?![\d])(?!\.\d)"
)
_REMOVED_VERSION = re.compile(r"^-.*?\d\.\d+\.\d|^-.*?20\d\d-[01]\d-", re.MULTILINE)
_ADDED_VERSION = re.compile(r"^\+.*?\d\.\d+\.\d|^\+.*?20\d\d-[01]\d-", re.MULTILINE)
_ADDRESS = re.compile(r"https?://\S+")
PROSE_WORDS = 4
"""A line with fewer words than this is not read as a sentence."""
_WORD = re.compile(r"[^\W\d_]{2,}")


def bumps_of(change: FileChange, lexicon: Lexicon) -> dict[tuple[str, str], bool]:
    """Each ``(old, new)`` version replaced in a line of ``change``, and whether a line that
    says so states a minimum or a requirement (``requirements`` of the lexicon)."""
    found: dict[tuple[str, str], bool] = {}
    requirement = lexicon.pattern("requirements")
    for removed, added, before in _edited_pairs(change.patch or ""):
        old_versions = _VERSION.findall(removed)
        new_versions = _VERSION.findall(added)
        if len(old_versions) != len(new_versions) or not old_versions:
            continue
        if _VERSION.sub("", removed) != _VERSION.sub("", added):
            continue
        # a version in a link's address is where the link goes, not what the sentence states
        stated = _VERSION.search(_ADDRESS.sub(" ", added)) is not None
        minimum = stated and any(
            requirement.search(line) and _is_prose(line) for line in (added, before)
        )
        for old, new in zip(old_versions, new_versions, strict=True):
            if old != new:
                found[(old, new)] = found.get((old, new), False) or minimum
    return found


def _is_prose(line: str) -> bool:
    """A sentence rather than code or configuration (``requires = [...]`` states nothing)."""
    words = _WORD.findall(line)
    letters = sum(len(word) + 1 for word in words)
    return len(words) >= PROSE_WORDS and letters >= 0.7 * len(line.strip())


def _edited_pairs(patch: str) -> Iterator[tuple[str, str, str]]:
    """(removed line, added line, the line before them) for each run of removed lines followed
    by as many added lines, paired in order."""
    removed: list[str] = []
    added: list[str] = []
    before = ""
    last_context = ""
    for line in [*patch.split("\n"), " "]:
        mark = line[:1]
        if mark == "-":
            if added:
                yield from _paired(removed, added, before)
                removed, added = [], []
            if not removed:
                before = last_context
            removed.append(line[1:])
        elif mark == "+":
            added.append(line[1:])
        else:
            if removed and added:
                yield from _paired(removed, added, before)
            removed, added = [], []
            last_context = line[1:]


def _paired(removed: list[str], added: list[str], before: str) -> Iterator[tuple[str, str, str]]:
    if len(removed) == len(added):
        for old, new in zip(removed, added, strict=True):
            if _VERSION.search(old):
                yield old, new, before


def shared_bumps(
    changes: Sequence[FileChange], lexicon: Lexicon
) -> dict[str, tuple[VersionBump, ...]]:
    """For each modified file, the bumps it shares with other files of the range; a bump is a
    new minimum in all of them when any of its lines says so."""
    per_file: dict[str, dict[tuple[str, str], bool]] = {}
    files: defaultdict[tuple[str, str], list[str]] = defaultdict(list)
    for change in changes:
        if change.status != "modified" or not change.patch:
            continue
        if not (_REMOVED_VERSION.search(change.patch) and _ADDED_VERSION.search(change.patch)):
            continue
        found = bumps_of(change, lexicon)
        if found:
            per_file[change.path] = found
            for pair in found:
                files[pair].append(change.path)
    minimum = {
        pair: any(per_file[path][pair] for path in paths)
        for pair, paths in files.items()
        if len(paths) >= MIN_FILES
    }
    shared = {}
    for path, found in per_file.items():
        bumps = tuple(
            VersionBump(old, new, len(files[(old, new)]), minimum[(old, new)])
            for old, new in found
            if (old, new) in minimum
        )
        if bumps:
            shared[path] = bumps
    return shared
