"""Which category each changed file belongs to: the first whose prefix or glob matches."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from wcmatch import glob

from insight.models import Category, FileChange

_GLOB_FLAGS = glob.GLOBSTAR | glob.DOTGLOB
GLOB_CHARS = frozenset("*?[")
"""A category path with one of these is a glob; without, a prefix."""


def matches(path: str, pattern: str) -> bool:
    """A prefix matches itself and everything under it; a glob matches with ``**`` semantics."""
    if GLOB_CHARS & set(pattern):
        return glob.globmatch(path, pattern, flags=_GLOB_FLAGS)
    return path == pattern or path.startswith(pattern + "/")


def pattern_problem(pattern: str) -> str | None:
    """Why ``pattern`` cannot be a category path (an unclosed ``[``), or None when it can."""
    position = pattern.find("[")
    while position >= 0:
        start = position + 1
        if pattern[start : start + 1] in ("!", "^"):
            start += 1
        close = pattern.find("]", start + 1)  # a ']' right after '[' is a member, not the end
        if close < 0:
            return f"the '[' at character {position + 1} is never closed by ']'"
        position = pattern.find("[", close + 1)
    return None


def member(path: str, category: Category) -> bool:
    """Whether ``path`` belongs to ``category``: one of its paths matches, no exclude does."""
    return any(matches(path, pattern) for pattern in category.paths) and not any(
        matches(path, pattern) for pattern in category.exclude
    )


def assign(
    changes: Sequence[FileChange],
    categories: Sequence[Category],
    default_name: str,
    catch_all: str | None = None,
) -> tuple[dict[str, list[FileChange]], int]:
    """Changes grouped by category, in configuration order, and how many matched none.

    Without categories, one category named ``default_name`` holds every file. With them, a
    file no category takes goes to ``catch_all`` (last), unless that is None: then it is
    left out, and counted.
    """
    if not categories:
        return {default_name: list(changes)}, 0
    names = [category.name for category in categories]
    if catch_all is not None and catch_all not in names:
        names.append(catch_all)
    groups: dict[str, list[FileChange]] = {name: [] for name in names}
    unmatched = 0
    for change in changes:
        category = next((c for c in categories if member(change.path, c)), None)
        if category is not None:
            groups[category.name].append(change)
        elif catch_all is not None:
            groups[catch_all].append(change)
        else:
            unmatched += 1
    return {name: members for name, members in groups.items() if members}, unmatched


def matching_nothing(categories: Sequence[Category], paths: Iterable[str]) -> list[Category]:
    """The categories none of ``paths`` belongs to (a typo'd folder, a folder gone)."""
    waiting = list(categories)
    for path in paths:
        waiting = [category for category in waiting if not member(path, category)]
        if not waiting:
            break
    return waiting


def top_folders(paths: Iterable[str], limit: int = 5) -> list[tuple[str, int]]:
    """The folders most ``paths`` are in, with how many, most first.

    Folders start at the top of the repository; a folder that holds two thirds or more of
    the paths, most of them in subfolders, is replaced by its subfolders (``articles`` by
    ``articles/search``, …), so the answer names the folders where the paths part ways.
    Files at the top level count in none.
    """
    nested = [path for path in paths if "/" in path]
    counts = Counter(path.split("/", 1)[0] for path in nested)
    while counts:
        folder, count = counts.most_common(1)[0]
        inner = Counter(
            folder + "/" + path[len(folder) + 1 :].split("/", 1)[0]
            for path in nested
            if path.startswith(folder + "/") and "/" in path[len(folder) + 1 :]
        )
        direct = count - sum(inner.values())
        if count * 3 < sum(counts.values()) * 2 or not inner or direct * 2 >= count:
            break
        del counts[folder]
        counts.update(inner)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]


def describe_folders(folders: Sequence[tuple[str, int]]) -> str:
    """``articles/search (12), articles/speech (3)``, for a notice."""
    return ", ".join(f"{folder} ({count})" for folder, count in folders)
