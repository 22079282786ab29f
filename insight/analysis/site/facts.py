"""The change set read as a whole: what one file's verdict may owe to the rest of the range.

For every documentation file it finds the published address and the page title; for a moved
or removed page, its old address and where that address now leads (the redirect files of
the repository and of the range); whether a move keeps its address; and for an include or a
snippet, the pages that show it. The rules judge a move with a redirect by its content alone
(RUBRIC.md, "Moves and redirects"), and the report links each file to its published page.

What other files of the range say about one file goes into its facts too: for a navigation
file, the entries it lost with their pages and those it gained for new pages
(``navigation``); the version bumps it shares with other files (``version_bumps``); where
text it lost went (``moved_to``); for release notes, the new entries that announce breaking
changes (``announces``); and a move that only relocates the content root keeps its address.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import NamedTuple

from insight.analysis.site.addresses import SiteMap, site_map
from insight.analysis.site.announcements import breaking_items
from insight.analysis.site.conservation import moved_content
from insight.analysis.site.includes import is_shared, pages_including
from insight.analysis.site.navigation import is_navigation, navigation_facts, sides_of
from insight.analysis.site.redirects import read_redirects
from insight.analysis.site.version_bumps import shared_bumps
from insight.models import DOCUMENT_SUFFIXES, FileChange, PageFacts
from insight.source.tree import Tree

_FRONT_MATTER_TITLE = re.compile(r"^title:\s*(.+?)\s*$", re.MULTILINE)
_HEADING_OR_FENCE = re.compile(
    r"\n(?:(#{1,6})\s+(.+?)\s*#*\s*|\s{0,3}(`{3,}|~{3,}).*)$", re.MULTILINE
)
"""A heading or fence line, with the line break before it: searched in the page with a line
break put in front. A search for a literal first character jumps from line break to line
break, where one for ``^`` would try every character."""
RELOCATED_PAGES = 10
"""Moves of this many pages from one content root to another are a relocation of the root."""
_HEADING_ATTRIBUTES = re.compile(r"\s*\{[^{}]*\}\s*$")


class Heading(NamedTuple):
    line: int
    """0-based line of the document."""
    level: int
    title: str


def page_headings(text: str | None) -> Iterator[Heading]:
    """The ATX headings of a page outside fenced code, attribute lists (``{ #id }``) left out."""
    text = "\n" + (text or "")
    fence, line, counted = "", 0, 1
    for found in _HEADING_OR_FENCE.finditer(text):
        marker = found.group(3)
        if marker:
            if not fence or marker.startswith(fence):
                fence = "" if fence else marker
        elif not fence:
            title = _HEADING_ATTRIBUTES.sub("", found.group(2)).strip()
            if title:
                start = found.start() + 1  # the heading's first character
                line += text.count("\n", counted, start)
                counted = start
                yield Heading(line, len(found.group(1)), title)


def document_title(text: str | None) -> str | None:
    """The page title a reader sees: front-matter ``title``, else the first ``#`` heading
    outside code."""
    if not text:
        return None
    head = text[:4000]
    match = _FRONT_MATTER_TITLE.search(head) if head.lstrip().startswith("---") else None
    if match:
        return match.group(1).strip().strip("'\"")
    return next((heading.title for heading in page_headings(text) if heading.level == 1), None)


def site_facts(
    changes: Sequence[FileChange], tree: Tree | None, docs_url: str | None = None
) -> dict[str, PageFacts]:
    """What the change set says of each documentation file, by path; without a tree, only
    what the diff itself says."""
    site = site_map(tree, docs_url) if tree is not None else SiteMap(None)
    redirects = read_redirects(tree, changes, site)
    shared = [
        change.path
        for change in changes
        if change.status != "removed" and is_shared(change.path, site)
    ]
    bases = {posixpath.dirname(rule.source.rstrip("/")) for rule in site.rules} | {
        rule.source for rule in site.rules
    }
    included = pages_including(tree, shared, sorted(bases)) if tree is not None else {}
    bumps = shared_bumps(changes)
    relocated = _relocated_roots(changes)
    moved_out = moved_content(changes)
    facts = {}
    for change in changes:
        if not change.path.lower().endswith(DOCUMENT_SUFFIXES):
            continue
        old_path = change.old_path or change.path
        moved = change.status in ("renamed", "removed")
        url = site.address_of(change.path)
        old_url = site.address_of(old_path) if moved else None
        text = change.old_text if change.status == "removed" else change.new_text
        moved_to, moved_lines = moved_out.get(change.path, ((), 0))
        facts[change.path] = PageFacts(
            url=url,
            page_title=document_title(text),
            old_url=old_url,
            redirect=_redirect(redirects.target(old_path, old_url), site) if moved else None,
            keeps_address=change.status == "renamed"
            and (
                site.same_address(old_path, change.path)
                or (
                    _root_change(old_path, change.path) in relocated
                    and (old_url is None or url is None)
                )
            ),
            included_in=tuple(included.get(change.path, ())),
            version_bumps=bumps.get(change.path, ()),
            moved_to=moved_to,
            moved_lines=moved_lines,
            announces=breaking_items(change),
        )
    _add_navigation(changes, facts)
    return facts


def _add_navigation(changes: Sequence[FileChange], facts: dict[str, PageFacts]) -> None:
    """Navigation files with what their entries lost and gained, against the pages the range
    adds, removes and moves (a move keeps its old address with a redirect or the same URL; a
    page removed where another page of the range is now published still has its address)."""
    if not any(is_navigation(change.path) for change in changes):
        return
    added = {change.path for change in changes if change.status in ("added", "copied")}
    served = {
        page.url
        for change in changes
        if change.status != "removed" and (page := facts.get(change.path)) and page.url
    }
    removed = {
        change.path
        for change in changes
        if change.status == "removed"
        and not ((page := facts.get(change.path)) and page.url in served)
    }
    moved = {
        change.old_path: bool(
            (page := facts.get(change.path)) and (page.redirect or page.keeps_address)
        )
        for change in changes
        if change.status == "renamed" and change.old_path
    }
    sides = {change.path: sides_of(change) for change in changes if is_navigation(change.path)}
    first = {
        change.path: navigation_facts(change, sides[change.path], added, removed, moved)
        for change in changes
        if change.path in sides
    }
    for change in changes:
        if change.path in first:
            found = navigation_facts(change, sides[change.path], added, removed, moved, first)
            facts[change.path] = replace(facts.get(change.path) or PageFacts(), navigation=found)


def _root_change(old_path: str, new_path: str) -> tuple[str, str] | None:
    """The leading folders a move drops or adds when the rest of the path stays:
    ``content/docs/a.md`` -> ``docs/a.md`` drops ``content/``."""
    if old_path.endswith("/" + new_path):
        return (old_path[: -len(new_path)], "")
    if new_path.endswith("/" + old_path):
        return ("", new_path[: -len(old_path)])
    return None


def _relocated_roots(changes: Sequence[FileChange]) -> set[tuple[str, str]]:
    """Content roots the range relocates: at least ``RELOCATED_PAGES`` pages move from under one
    folder to the same paths under another (a site-generator migration). The site serves
    them from its content root, so their addresses stay where insight cannot derive them."""
    moves = Counter(
        _root_change(change.old_path, change.path)
        for change in changes
        if change.status == "renamed" and change.old_path
    )
    return {root for root, count in moves.items() if root and count >= RELOCATED_PAGES}


def _redirect(target: str | None, site: SiteMap) -> str | None:
    return site.absolute(target) if target else None
