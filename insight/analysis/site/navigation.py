"""Navigation files read against the change set: which pages their entries stop or start to show.

A navigation file (a docfx ``toc.yml`` or ``TOC.md``, the ``nav`` of ``mkdocs.yml``, an mdBook
``SUMMARY.md``, a docsify ``_sidebar.md``, Docusaurus ``sidebars.js``) is judged by the pages
of its entries (RUBRIC.md, "Moves and redirects", last bullet): an entry dropped because its
page was removed, or moved without a redirect, in the same range breaks links; an entry for a
page the range adds is a new feature; entries regrouped or retitled while every page stays
reachable are a minor update. That holds for a whole navigation file added or removed too: it
is not a page of its own.

Entries are read line by line (``href:`` values, ``- Name: page.md`` items, Markdown links, doc
ids), so the same reading works on whole documents and on the lines of a patch.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from insight.analysis.site.addresses import MKDOCS_CONFIG
from insight.analysis.site.kinds import SIDEBARS, is_navigation
from insight.models import FileChange, NavigationFacts

_DOC_ID = re.compile(r"['\"`]([\w.-]+(?:/[\w.-]+)*)['\"`]")
_YAML_NAME = re.compile(r"^\s*(?:-\s+)?(?:name|displayName):\s*['\"]?(.*?)['\"]?\s*$")
_YAML_HREF = re.compile(r"^\s*(?:-\s+)?(?:href|topicHref):\s*['\"]?([^'\"\s]+)")
_NAV_ITEM = re.compile(
    r"^\s*-\s+(?:(?:'([^']*)'|\"([^\"]*)\"|([^:'\"]+?)):\s+)?"
    r"['\"]?([^'\"\s:]+\.(?:md|mdx|markdown|ipynb))['\"]?\s*$"
)
_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_DOCS_DIR = re.compile(r"^docs_dir:\s*['\"]?([^'\"\s#]+)", re.MULTILINE)
_TOP_LEVEL_KEY = re.compile(r"^[A-Za-z_][\w-]*\s*:")


@dataclass(frozen=True)
class Entry:
    """One entry of a navigation file: its title and the repository path of its page."""

    name: str
    page: str


def entries(path: str, lines: Iterable[str], docs_dir: str | None = None) -> list[Entry]:
    """The entries that ``lines`` of the navigation file at ``path`` hold, pages resolved."""
    name = posixpath.basename(path).lower()
    if MKDOCS_CONFIG.fullmatch(name):
        base = posixpath.join(posixpath.dirname(path), docs_dir or "docs")
        found = _mkdocs_entries(lines)
    elif SIDEBARS.fullmatch(name):
        base = posixpath.join(posixpath.dirname(path), docs_dir or "docs")
        found = [(doc, doc) for line in lines for doc in _DOC_ID.findall(line)]
    elif name.endswith((".yml", ".yaml")):
        base = posixpath.dirname(path)
        found = _yaml_entries(lines)
    else:
        base = posixpath.dirname(path)
        found = [(match.group(1), match.group(2)) for line in lines for match in _links(line)]
    resolved = []
    for title, target in found:
        page = _page(base, target)
        if page is not None:
            resolved.append(Entry(" ".join(title.split()) or target, page))
    return resolved


def _links(line: str) -> Iterable[re.Match[str]]:
    return _MARKDOWN_LINK.finditer(line) if "](" in line else ()


def _yaml_entries(lines: Iterable[str]) -> list[tuple[str, str]]:
    found = []
    name = ""
    for line in lines:
        named = _YAML_NAME.match(line)
        if named:
            name = named.group(1)
            continue
        href = _YAML_HREF.match(line)
        if href:
            found.append((name, href.group(1)))
            name = ""
    return found


def _mkdocs_entries(lines: Iterable[str]) -> list[tuple[str, str]]:
    """``- Title: page.md`` and ``- page.md`` items (of the ``nav`` when the whole file is read;
    a patch shows too little to tell, and such items appear nowhere else)."""
    found = []
    for line in lines:
        match = _NAV_ITEM.match(line)
        if match:
            title = match.group(1) or match.group(2) or match.group(3) or ""
            found.append((title.strip(), match.group(4)))
    return found


def _page(base: str, target: str) -> str | None:
    target = target.split("#", 1)[0].split("?", 1)[0]
    if not target or "://" in target or target.startswith(("/", "mailto:", "~")):
        return None
    return posixpath.normpath(posixpath.join(base, target))


def _nav_lines(text: str, mkdocs: bool) -> list[str]:
    """The lines that can hold entries: for ``mkdocs.yml`` only those of its ``nav``."""
    lines = text.split("\n")
    if not mkdocs:
        return lines
    inside, kept = False, []
    for line in lines:
        if _TOP_LEVEL_KEY.match(line):
            inside = line.startswith("nav:")
        elif inside:
            kept.append(line)
    return kept


Sides = tuple[list[Entry], list[Entry]]
"""The entries of a navigation file before and after its change."""


def sides_of(change: FileChange) -> Sides:
    """The entries before and after the change: from the documents, else from the patch."""
    mkdocs = bool(MKDOCS_CONFIG.fullmatch(posixpath.basename(change.path).lower()))
    old_path = change.old_path or change.path
    if change.old_text is not None or change.new_text is not None:
        old_text = change.old_text if change.status not in ("added", "copied") else None
        new_text = change.new_text if change.status != "removed" else None
        old = _of_text(old_path, old_text, mkdocs)
        new = _of_text(change.path, new_text, mkdocs)
        return old, new
    removed, added = [], []
    for line in (change.patch or "").split("\n"):
        if line.startswith("-") and not line.startswith("---"):
            removed.append(line[1:])
        elif line.startswith("+") and not line.startswith("+++"):
            added.append(line[1:])
    return entries(old_path, removed), entries(change.path, added)


def _of_text(path: str, text: str | None, mkdocs: bool) -> list[Entry]:
    if not text:
        return []
    docs_dir = _DOCS_DIR.search(text) if mkdocs else None
    return entries(path, _nav_lines(text, mkdocs), docs_dir.group(1) if docs_dir else None)


def navigation_facts(
    change: FileChange,
    sides: Sides,
    added: set[str],
    removed: set[str],
    moved: Mapping[str, bool],
    losing: Mapping[str, NavigationFacts] | None = None,
    changed: Collection[str] | None = None,
) -> NavigationFacts:
    """What the entries of a navigation file lost and gained, read against the change set.

    ``added`` and ``removed`` are the pages the range adds and removes; ``moved`` maps the old
    path of each moved page to whether its old address still works (a redirect, or the same
    address). An entry that leads to another navigation file (a nested TOC) stands for that
    file's pages: ``losing`` holds the facts of the navigation files of the range, and an
    entry dropped for one that lost pages lost them too. ``sides`` are the change's entries
    (``sides_of``). ``changed``, given when the repository itself cannot be read (a lone
    diff), holds the paths the diff shows: an entry for a page it does not show is taken at its
    word, dropped with its page or added for a new one.
    """
    old, new = sides
    if SIDEBARS.fullmatch(posixpath.basename(change.path).lower()):
        # Doc ids name pages without their extension.
        known = {posixpath.splitext(page)[0]: page for page in (*added, *removed, *moved)}
        old = [Entry(e.name, known.get(e.page, e.page)) for e in old]
        new = [Entry(e.name, known.get(e.page, e.page)) for e in new]
    nested = {entry.page for entry in (*old, *new) if is_navigation(entry.page)}
    lost_nested = tuple(
        found
        for entry in old
        if entry.page in nested and entry.page not in {e.page for e in new}
        for found in (losing or {}).get(entry.page, NavigationFacts()).lost
    )
    old = [entry for entry in old if entry.page not in nested]
    new = [entry for entry in new if entry.page not in nested]
    old_pages = {entry.page for entry in old}
    new_pages = {entry.page for entry in new}
    dropped = _unique(entry for entry in old if entry.page not in new_pages)
    gained = _unique(entry for entry in new if entry.page not in old_pages)
    unseen = (lambda page: page not in changed) if changed is not None else (lambda page: False)
    lost = tuple(
        entry
        for entry in dropped
        if entry.page in removed
        or (entry.page in moved and not moved[entry.page])
        or unseen(entry.page)
    )
    fresh = tuple(entry for entry in gained if entry.page in added or unseen(entry.page))
    return NavigationFacts(
        lost=tuple((entry.name, entry.page) for entry in lost) + lost_nested,
        new_pages=tuple((entry.name, entry.page) for entry in fresh),
        dropped=len(dropped),
        gained=len(gained),
    )


def _unique(found: Iterable[Entry]) -> list[Entry]:
    seen: set[str] = set()
    kept = []
    for entry in found:
        if entry.page not in seen:
            seen.add(entry.page)
            kept.append(entry)
    return kept
