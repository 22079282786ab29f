"""Files that changed alike, as one theme, and themes in the order of their impact.

A reader of a digest wants the story, not the file list: the same rename or version bump in
seven pages is one change; thirty pages moved from one folder to another are one
reorganisation. The themes, each within one change type:

- ``moved``: pages moved from one folder to another (how many kept a redirect);
- ``removed`` / ``added``: several pages removed from, or added to, one folder;
- ``copies``: the same change (the same patch) in the copies of a page in several version
  folders or languages (``insight.engines.copies``);
- ``same``: the same deciding change (an old → new value, a section title) in several files;
- ``single``: one file on its own.

Each list is ordered by impact (``RANKS``): what a reader of the old text loses first (a page
gone, then a page moved without a redirect, then a section, then a changed value), what is new
by size (a page, then a section, then a navigation entry). Language-free: the engines word
the themes in each locale; the model engine receives them as input.

A theme may lead an overview (``leads``: the highlights, "the biggest change", the summary's
lead) only when the engine is sure of it and it is news: most of its files typed with a
confidence of at least ``CONFIDENT``, and its deciding change not routine upkeep (metadata
only, or a table refreshed: rows added or dropped among more rows updated in place, as a
list of contributors is). Every theme is still listed under its type.
"""

from __future__ import annotations

import posixpath
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from insight.analysis.site.kinds import is_document
from insight.engines.copies import copies
from insight.models import BREAKING, CHANGE_TYPES, MINOR, NEW_FEATURE, ReportItem

FOLDER_THEME_MINIMUM = 3
"""Removed or added pages form a theme from this many in one folder."""
FOLDER_PAGES = frozenset(("index", "_index", "readme"))
"""File names of a folder's own page: the page is the folder, in the folder above."""
SAME_CHANGE_KEYS = ("old", "new", "heading", "tab", "row", "column", "key", "name", "package")
"""The details that make two files' deciding changes the same change."""
RANKS: dict[str, tuple[tuple[str, ...], ...]] = {
    BREAKING: (
        ("removed",),
        ("moved",),
        ("section_removed", "tab_removed", "toc_entry_removed", "code_removed"),
        ("deprecation_added", "availability_reduced", "table_row_removed", "table_column_removed"),
        ("version_changed", "identifier_renamed", "value_changed", "default_changed"),
    ),
    NEW_FEATURE: (
        ("added",),
        ("section_added", "tab_added", "code_added"),
        ("table_row_added", "table_column_added", "availability_expanded"),
        ("toc_entry_added", "yaml_entry_added"),
    ),
    MINOR: (("moved",),),
}
"""Per type, kinds of change from the most to the least important; what is unlisted comes
last, larger changes first."""


CONFIDENT = 0.75
"""The confidence from which a file may lead an overview. Measured with
``benchmarks/calibrate_confidence.py`` on the labelled sets, offline engine: on
``dev-general`` (the set the rules were least fitted to), the breaking changes and new
features typed at or above it are right 77 of 83 times, those below it 8 of 18 (of the 15
between 0.7 and 0.75, 6; 0.8 drops one right and one wrong more); over ``dev``,
``dev-multi`` and ``dev-general`` together, 270 of 283 against 30 of 43. A file without a
confidence (a model written by another tool) never leads."""
REFRESHED_TABLE = ("table_row_added", "table_row_removed")
"""Deciding changes that are no news when the file has more table rows updated in place
(``table_row_changed``) than added and dropped: its tables were refreshed, as a list of
contributors with their counts is. Counted over the file: a table's name is not always known
on both sides of a diff."""
METADATA = "front_matter_changed"
"""A change whose every signal is of this kind touched metadata only: never a headline."""


@dataclass(frozen=True)
class Theme:
    kind: str
    """``moved``, ``removed``, ``added``, ``copies``, ``same`` or ``single``."""
    type: str
    items: tuple[ReportItem, ...]
    detail: dict[str, Any] = field(default_factory=dict)
    """``moved``: ``old``, ``new`` (folders); ``removed``/``added``: ``folder``; these with
    ``pages`` (all documents) and ``redirected`` (how many); ``same``: the deciding signal;
    ``copies``: that, ``folders`` (where each copy is) and ``copies_in`` (a ``copies.KINDS``)."""

    @property
    def lines(self) -> int:
        return sum(item.changes for item in self.items)

    def to_dict(self) -> dict[str, Any]:
        """What the model's overview prompt is given of a theme: ``theme`` is its kind, and a
        ``same`` or ``single`` theme's deciding change comes with its own ``kind``."""
        return {
            "theme": self.kind,
            "type": self.type,
            "files": len(self.items),
            "title": self.items[0].title,
            "paths": [item.path for item in self.items[:5]],
            **self.detail,
        }


def leads(theme: Theme) -> bool:
    """Whether a theme may lead an overview: most of its files are typed with confidence and
    are news, not routine upkeep."""
    sure = [item for item in theme.items if confident(item) and not routine(item)]
    return 2 * len(sure) > len(theme.items)


def leading(found: Sequence[Theme]) -> list[Theme]:
    """The themes of one list that may lead an overview, in order of impact."""
    return [theme for theme in found if leads(theme)]


def confident(item: ReportItem) -> bool:
    return item.confidence is not None and item.confidence >= CONFIDENT


def routine(item: ReportItem) -> bool:
    """Upkeep, whatever type it was given: noise the engine marked trivial, metadata only, a
    refreshed table."""
    signals = item.signals or []
    if item.trivial:
        return True
    if item.status != "modified" or not signals:
        return False  # a page added, removed or moved is news whatever its metadata says
    if all(signal["kind"] == METADATA for signal in signals):
        return True
    if signals[0]["kind"] not in REFRESHED_TABLE:
        return False
    rows = Counter(signal["kind"] for signal in signals)
    return rows["table_row_changed"] > sum(rows[kind] for kind in REFRESHED_TABLE)


def themes(items: Sequence[ReportItem]) -> dict[str, list[Theme]]:
    """The themes of a report by change type, each list in order of impact."""
    found: dict[str, list[Theme]] = {kind: [] for kind in CHANGE_TYPES}
    new_homes = {item.url: item.path for item in items if item.status == "added" and item.url}
    for kind in CHANGE_TYPES:
        members = [item for item in items if item.type == kind]
        moves = _folder_moves(members, new_homes)
        moved = {id(item) for theme in moves for item in theme.items}
        grouped = [*moves, *_folder_groups([item for item in members if id(item) not in moved])]
        for more in (_copy_themes, _same_changes):
            taken = {id(item) for theme in grouped for item in theme.items}
            grouped += more([item for item in members if id(item) not in taken], kind)
        found[kind] = sorted(grouped, key=_impact)
    return found


def _folder_moves(members: Sequence[ReportItem], new_homes: dict[str, str]) -> list[Theme]:
    """Pages moved between two folders: renamed, or removed with a redirect to a page added
    in the same range (a rewrite git does not pair as a rename)."""

    def folders(item: ReportItem, home: Callable[[str], str]) -> tuple[str, str] | None:
        if item.status == "renamed" and item.old_path:
            old, new = home(item.old_path), home(item.path)
        elif item.status == "removed" and item.redirect in new_homes:
            old, new = home(item.path), home(new_homes[item.redirect])
        else:
            return None
        return (old, new) if old != new else None

    return [
        Theme("moved", group[0].type, tuple(group), {"old": old, "new": new, **_reach(group)})
        for (old, new), group in _by_folder(members, folders, 2)
    ]


def _folder_groups(members: Sequence[ReportItem]) -> list[Theme]:
    def folder(item: ReportItem, home: Callable[[str], str]) -> tuple[str, str] | None:
        return (item.status, home(item.path)) if item.status in ("removed", "added") else None

    return [
        Theme(status, group[0].type, tuple(group), {"folder": where, **_reach(group)})
        for (status, where), group in _by_folder(members, folder, FOLDER_THEME_MINIMUM)
    ]


Key = TypeVar("Key")


def _by_folder(
    members: Sequence[ReportItem],
    key: Callable[[ReportItem, Callable[[str], str]], Key | None],
    minimum: int,
) -> list[tuple[Key, list[ReportItem]]]:
    """The groups of at least ``minimum`` members under one ``key``, made of their folders;
    a folder's own page (``guide/index.md``, ``_index.md``, ``README.md``: a page bundle) its
    folder's group leaves too small counts in the folder above."""
    first: dict[Key, list[ReportItem]] = defaultdict(list)
    for item in members:
        found = key(item, posixpath.dirname)
        if found is not None:
            first[found].append(item)
    second: dict[Key, list[ReportItem]] = defaultdict(list)
    for group in first.values():
        if len(group) < minimum:
            for item in group:
                found = key(item, _above_if_folder_page) if _folder_page(item.path) else None
                if found is not None:
                    second[found].append(item)
    groups = {found: group for found, group in first.items() if len(group) >= minimum}
    for found, group in second.items():
        groups.setdefault(found, []).extend(group)
    return [(found, group) for found, group in groups.items() if len(group) >= minimum]


def _folder_page(path: str) -> bool:
    return posixpath.splitext(posixpath.basename(path))[0].lower() in FOLDER_PAGES


def _above_if_folder_page(path: str) -> str:
    """The folder that holds a folder's own page's folder; any other file's folder."""
    folder = posixpath.dirname(path)
    return posixpath.dirname(folder) if _folder_page(path) else folder


def _reach(group: Sequence[ReportItem]) -> dict[str, Any]:
    """Whether a group is of pages (whose old addresses may redirect) or of other files."""
    pages = all(is_document(item.path) for item in group)
    return {"pages": pages, "redirected": sum(1 for item in group if item.redirect)}


def _copy_themes(members: Sequence[ReportItem], kind: str) -> list[Theme]:
    return [
        Theme(
            "copies",
            kind,
            group.items,
            {**_deciding(group.items[0]), "folders": list(group.folders), "copies_in": group.kind},
        )
        for group in copies(members)
    ]


def _same_changes(members: Sequence[ReportItem], kind: str) -> list[Theme]:
    by_key: dict[Any, list[ReportItem]] = defaultdict(list)
    for item in members:
        by_key[_change_key(item)].append(item)
    grouped = []
    for key, group in by_key.items():
        if key[0] == "single" or len(group) == 1:
            grouped += [Theme("single", kind, (item,), _deciding(item)) for item in group]
        else:
            grouped.append(Theme("same", kind, tuple(group), _deciding(group[0])))
    return grouped


def _deciding(item: ReportItem) -> dict[str, Any]:
    """The deciding signal of an item (the rules put it first), or its status."""
    signals = item.signals or []
    return dict(signals[0]) if signals and item.status == "modified" else {"kind": item.status}


def _change_key(item: ReportItem) -> tuple[Any, ...]:
    """Items with the same key changed alike; unkeyed items stand alone."""
    deciding = _deciding(item)
    values = tuple(str(deciding.get(name)) for name in SAME_CHANGE_KEYS if deciding.get(name))
    if item.status != "modified" or not values:
        return ("single", item.path)
    return (deciding["kind"], *values)


def _impact(theme: Theme) -> tuple[bool, int, int, int, str]:
    """Pages moved, removed or added by folder first (a reorganisation says more than any one
    page), then the rank of the kind of change, more files, more lines, the path."""
    ranks = RANKS.get(theme.type, ())
    change = theme.kind if theme.kind in ("moved", "removed", "added") else theme.detail["kind"]
    if theme.kind in ("single", "same") and theme.items[0].status != "modified":
        change = {"renamed": "moved"}.get(theme.items[0].status, theme.items[0].status)
    rank = next((index for index, kinds in enumerate(ranks) if change in kinds), len(ranks))
    if change == "moved" and theme.type == BREAKING and theme.detail.get("redirected"):
        rank += 1
    folders = theme.kind in ("moved", "removed", "added")
    return (not folders, rank, -len(theme.items), -theme.lines, theme.items[0].path)
