"""The change set read as a whole: what one file's verdict may owe to the rest of the range.

Addresses first (RUBRIC.md, "Moves and redirects" and "Addresses, versions and formats"):
what breaks for a reader is an address that stops serving, not a git status. For every
documentation file this finds what it is to the site (a page, an include, a navigation
file…), its published address and title; for a moved or removed file, its old address and
whether that address still serves readers, and how:

- the same address: a source move the toolchain publishes where it was (``page.md`` →
  ``page.mdx``, ``guide.md`` → ``guide/index.md``, a case-only rename where addresses ignore
  case, a page's front-matter ``slug`` or ``permalink`` kept, a relocated content root);
- a redirect, in any form the toolchain knows (``insight.analysis.site.redirects``);
- another file: a file removed while another file of the range now publishes its address
  (the two are judged as one move, by their content change);
- a version folder: the page carried from one version folder to another under one address.

What other files of the range say about one file goes into its facts too: for an include,
the pages that show it; for a navigation file, the entries it lost with their pages and
those it gained for new pages; the version bumps it shares with other files; where text it
lost went (``moved_text``, ``moved_to``); for release notes, the new entries that announce
breaking changes. The facts are returned by path, beside the changes.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import cache

from insight.analysis.document.titles import document_title
from insight.analysis.site import kinds
from insight.analysis.site.addresses import (
    FILES,
    SiteMap,
    route_key,
    site_map,
    unversioned,
    version_added,
    version_twins,
)
from insight.analysis.site.announcements import breaking_items
from insight.analysis.site.conservation import conserved, mostly_same
from insight.analysis.site.includes import (
    DATA_FOLDERS,
    names_newly_shown,
    pages_including,
    pages_that_showed,
)
from insight.analysis.site.navigation import navigation_facts, sides_of
from insight.analysis.site.redirects import Redirects, read_redirects
from insight.analysis.site.version_bumps import shared_bumps
from insight.lexicon import Lexicon
from insight.lexicon import load as load_lexicon
from insight.models import (
    MARKDOWN_SUFFIXES,
    SERVED_REDIRECT,
    SERVED_REPLACED,
    SERVED_SAME,
    SERVED_VERSION,
    YAML_SUFFIXES,
    FileChange,
    MovedText,
    PageFacts,
)
from insight.source.tree import Tree

RELOCATED_PAGES = 10
"""Moves of this many pages from one content root to another are a relocation of the root."""
MOVED_SHARE = 0.6
"""A file whose lost lines went elsewhere at least this much moved its content there."""
_GONE = ("removed", "renamed")
_DATA_FOLDER = re.compile(rf"(?:^|/)(?:{'|'.join(DATA_FOLDERS)})/", re.IGNORECASE)


def site_facts(
    changes: Sequence[FileChange],
    tree: Tree | None,
    docs_url: str | None = None,
    base: Tree | None = None,
    lexicon: Lexicon | None = None,
) -> dict[str, PageFacts]:
    """What the change set says of each file, by path; without a tree, only what the diff
    itself says. ``tree`` is the head of the range; ``base``, its start, says where the old
    paths were published (a content folder renamed in the configuration moves every page).
    ``lexicon`` holds the wording of announcements and of requirements (by default the shipped
    one)."""
    lexicon = lexicon or load_lexicon()
    site = site_map(tree, docs_url) if tree is not None else SiteMap(None)
    old_site = site_map(base, docs_url) if base is not None else site
    redirects = read_redirects(tree, changes, site)
    kind = {change.path: kinds.kind_of(change.path, _text(change)) for change in changes}
    _unpublished(changes, kind, site, old_site)
    _partials(changes, kind, old_site)
    gone_pages: dict[str, str] = {}
    if site.toolchain == "hugo" and tree is not None:
        _never_rendered(changes, kind, tree)
        _bundle_resources(changes, kind, tree, base or tree)
        gone_pages = _removed_with_bundle(changes, kind)
    shared = [
        change.path
        for change in changes
        if change.status != "removed" and kind[change.path] == kinds.INCLUDE
    ]
    bases = {posixpath.dirname(rule.source.rstrip("/")) for rule in site.rules} | {
        rule.source for rule in site.rules
    }
    included = pages_including(tree, shared, sorted(bases)) if tree is not None else {}
    nowhere: set[str] = set()
    if tree is not None:
        with_pages, nowhere = _removed_with_pages(changes, kind, tree, sorted(bases))
        gone_pages |= with_pages
        if site.toolchain == "hugo":  # its templates show resources no reference names
            nowhere = set()
    shown = _names_shown(changes, kind, tree, sorted(bases))
    bumps = shared_bumps(changes, lexicon)
    relocated = _relocated_roots(changes)
    replaced, taken, carried = _old_addresses_taken(changes, old_site, site)
    leads_to = {
        change.path: _redirect(redirects, old_site, site, change.old_path or change.path, change)
        for change in changes
        if change.status in _GONE
    }
    redirected = _redirected_moves(changes, leads_to, site, replaced)
    # A redirected move is looked at as one file, in the added page's place: what it lost
    # may have gone to another.
    looked_at = [
        redirected.get(change.path, change)
        for change in changes
        if change.status != "removed" or change.path not in redirected
    ]
    moves = conserved(looked_at, tree)
    moved, gained = moves.lost, moves.gained
    facts: dict[str, PageFacts] = {}
    for change in changes:
        text = _text(change)
        old_path = change.old_path or change.path
        gone = change.status in _GONE
        url = site.address_of(change.path, text)
        old_url = old_site.address_of(old_path, change.old_text) if gone else None
        redirect = leads_to.get(change.path)
        keeps = change.status == "renamed" and (
            site.same_address(old_path, change.path)
            or _same_route(old_site, site, change)
            or (
                _root_change(old_path, change.path) in relocated
                and (old_url is None or url is None)
            )
        )
        moved_here = moved.get(change.path, ())
        moved_to, moved_lines = _moved_to(change, moved_here)
        facts[change.path] = PageFacts(
            kind=kind[change.path],
            whole=tree is not None,
            url=url,
            page_title=document_title(text) if kinds.is_document(change.path) else None,
            old_url=old_url,
            redirect=redirect,
            served=_served(
                change,
                keeps,
                redirect,
                change.path in replaced,
                change.path in taken,
                change.path in carried
                or (change.status == "renamed" and _versioned_route(old_site, site, change)),
            ),
            keeps_address=keeps,
            replaced_by=replaced[change.path].path
            if change.status == "removed" and change.path in replaced
            else taken.get(change.path),
            included_in=tuple(included.get(change.path, ())),
            removed_with=gone_pages.get(change.path),
            shown_nowhere=change.path in nowhere,
            version_bumps=bumps.get(change.path, ()),
            moved_text=moved_here,
            moved_in=gained.get(change.path, ()),
            echoed_in=moves.echoed.get(change.path, ()),
            moved_to=moved_to,
            moved_lines=moved_lines,
            announces=breaking_items(change, lexicon),
            shown_names=shown.get(change.path, ()),
        )
    for path, pair in replaced.items():
        served = SERVED_VERSION if path in carried else facts[path].served
        if path == pair.path:
            facts[path] = replace(facts[path], paired=pair, replaces=pair.old_path, served=served)
        else:
            facts[path] = replace(facts[path], paired=pair, served=served)
    for path, pair in redirected.items():
        if path == pair.path:
            facts[path] = replace(
                facts[path],
                paired=pair,
                replaces=pair.old_path,
                served=SERVED_REDIRECT,
                redirect=facts[pair.old_path or ""].redirect,
            )
        else:  # the removed page: its text went there
            lines = len((pair.old_text or "").splitlines())
            facts[path] = replace(
                facts[path], paired=pair, moved_to=(pair.path,), moved_lines=lines
            )
    _add_navigation(changes, facts, whole=tree is not None)
    return facts


def _unpublished(
    changes: Sequence[FileChange], kind: dict[str, str], site: SiteMap, old_site: SiteMap
) -> None:
    """A file that the site's toolchain publishes nowhere is no page (``kind`` is updated)
    when it is HTML (a sample web server's pages, a theme's templates, its partials too:
    code a page may show, no docs text) or lies in a tests folder (a fixture a test reads);
    Markdown in the toolchain's folder of static files is no page either: shared text (a
    sample's source a page imports). YAML is data read at build time (Hugo's ``data/``,
    Jekyll's ``_data/``: a registry entry, a list of versions), unless it lies outside the
    site's folders and any data folder: then no page reads it (a linter's settings, a code
    repository's manifests): code. Other Markdown outside the site's folders stays a page:
    the forge shows it to readers where it lives."""
    if site.toolchain is None:
        return
    static = STATIC_FOLDERS.get(site.toolchain)
    for change in changes:
        path = change.path
        lowered = path.lower()
        markdown = lowered.endswith(MARKDOWN_SUFFIXES)
        if static and markdown and kind[path] == kinds.PAGE and path.startswith(static):
            kind[path] = kinds.INCLUDE  # copied as it is, shown where a page imports it
            continue
        html = lowered.endswith((".html", ".htm"))
        data = lowered.endswith(YAML_SUFFIXES)
        code = data or html or kinds.TESTS_FOLDER.search(path)
        if code and (kind[path] == kinds.PAGE or (html and kind[path] == kinds.INCLUDE)):
            old_path = change.old_path or path
            if not _publishes(site, path) and not _publishes(old_site, old_path):
                kind[path] = kinds.DATA if data else kinds.OTHER
        if data and kind[path] == kinds.DATA and not _read_at_build(site, path):
            kind[path] = kinds.OTHER


STATIC_FOLDERS = {"docusaurus": "static/", "hugo": "static/", "starlight": "public/"}
"""Where a toolchain keeps the files it copies to the site as they are: Markdown there is
rendered into no page of its own (a sample's source a page imports)."""


def _read_at_build(site: SiteMap, path: str) -> bool:
    """Whether the site can read a data file at ``path``: it lies in a folder the site
    publishes from, or in a data folder (``data/``, ``_data/``)."""
    return _DATA_FOLDER.search(path) is not None or any(
        path.startswith(rule.source) for rule in site.rules
    )


def _publishes(site: SiteMap, path: str) -> bool:
    """Whether the toolchain found in the repository publishes ``path``: it gives the file a
    route. With no toolchain found every file has one (``FILES``), which says nothing."""
    return site.toolchain != FILES.toolchain and site.route_of(path) is not None


def _never_rendered(changes: Sequence[FileChange], kind: dict[str, str], tree: Tree) -> None:
    """Hugo: the pages under a section that cascades to them that they are never rendered
    publish no page of their own; they are shared text (``kind`` is updated)."""
    pages = [change.path for change in changes if kind[change.path] == kinds.PAGE]
    indexes = [path for path in kinds.section_indexes(pages) if path in tree.paths]
    if not indexes:
        return
    tree.prefetch(indexes)
    folders = kinds.unrendered_sections({path: tree.read(path) for path in indexes})
    for path in pages:
        if any(path.startswith(folder + "/") for folder in folders):
            kind[path] = kinds.INCLUDE


def _bundle_resources(
    changes: Sequence[FileChange], kind: dict[str, str], tree: Tree, base: Tree
) -> None:
    """Hugo: a content file beside a leaf bundle's ``index.md`` is a resource of that page,
    shown by it, not a page of its own (``kind`` is updated); a removed file is looked for
    where it was."""
    for change in changes:
        if kind[change.path] == kinds.PAGE:
            paths = base.paths if change.status == "removed" else tree.paths
            if kinds.bundle_page(change.path, paths) is not None:
                kind[change.path] = kinds.INCLUDE


def _partials(changes: Sequence[FileChange], kind: dict[str, str], site: SiteMap) -> None:
    """Docusaurus and Starlight leave out of the site every file in a folder whose name starts
    with ``_`` (``_recipes/``): text pages import, or a draft; no page (``kind`` is updated).
    Jekyll is left alone: its collections (``_posts/``) publish their pages."""
    if site.toolchain not in ("docusaurus", "starlight"):
        return
    for change in changes:
        path = change.old_path or change.path
        if kind[change.path] == kinds.PAGE and site.is_partial(path):
            kind[change.path] = kinds.INCLUDE


def _removed_with_pages(
    changes: Sequence[FileChange], kind: dict[str, str], tree: Tree, bases: list[str]
) -> tuple[dict[str, str], set[str]]:
    """Each removed shared file that only pages the range removes had shown, with the first
    of them (whose removal it is part of); and the removed shared files no page had shown."""
    removed = [
        change.path
        for change in changes
        if change.status == "removed" and kind[change.path] == kinds.INCLUDE
    ]
    showed = pages_that_showed(tree, changes, removed, bases)
    gone = {change.path for change in changes if change.status == "removed"}
    found, nowhere = {}, set()
    for path, pages in showed.items():
        if not pages:
            nowhere.add(path)
        elif pages <= gone:
            found[path] = min(pages)
    return found, nowhere


def _removed_with_bundle(changes: Sequence[FileChange], kind: dict[str, str]) -> dict[str, str]:
    """Each removed bundle resource whose bundle's own page (``index.md`` beside it) the range
    removes too: the resource went with that page, and that page's removal is what readers
    see."""
    removed = {change.path for change in changes if change.status == "removed"}
    pages = {path: kinds.bundle_page(path, removed) for path in removed}
    return {path: page for path, page in pages.items() if page and kind[path] == kinds.INCLUDE}


def _names_shown(
    changes: Sequence[FileChange], kind: dict[str, str], tree: Tree | None, bases: list[str]
) -> dict[str, tuple[tuple[str, str], ...]]:
    """For each modified page that starts to show shared files, the names they document
    (``PageFacts.shown_names``); a file of the range is read as it now stands."""
    if tree is None:
        return {}
    by_path = {change.path: change for change in changes}

    @cache
    def read(path: str) -> str | None:
        change = by_path.get(path)
        return change.new_text if change is not None else tree.read(path)

    found = {}
    for change in changes:
        if change.status == "modified" and kind[change.path] == kinds.PAGE:
            names = names_newly_shown(change, tree.paths, ["", *bases], read)
            if names:
                found[change.path] = names
    return found


def _text(change: FileChange) -> str | None:
    return change.old_text if change.status == "removed" else change.new_text


def _served(
    change: FileChange,
    keeps: bool,
    redirect: str | None,
    replaced: bool,
    taken: bool,
    versioned: bool,
) -> str | None:
    """How the old address of a moved or removed file still serves readers, if it does."""
    if change.status not in _GONE:
        return None
    if keeps:
        return SERVED_SAME
    if versioned or (
        change.status == "renamed"
        and change.old_path
        and version_twins(change.old_path, change.path)
    ):
        return SERVED_VERSION
    if replaced and change.status == "removed":
        return SERVED_REPLACED
    if taken:
        return SERVED_REPLACED
    return SERVED_REDIRECT if redirect else None


def _same_route(old_site: SiteMap, site: SiteMap, change: FileChange) -> bool:
    """A move whose old and new source publish at one address, front matter considered."""
    old = old_site.route_of(change.old_path or change.path, change.old_text)
    return old is not None and old == site.route_of(change.path, change.new_text)


def _versioned_route(old_site: SiteMap, site: SiteMap, change: FileChange) -> bool:
    """A move into a version's folder of the site: the new address is the old one with a
    version added (the current docs of a release kept as its version's, under the picker)."""
    old = old_site.route_of(change.old_path or change.path, change.old_text)
    new = site.route_of(change.path, change.new_text)
    return old is not None and new is not None and version_added(old, new)


def _redirect(
    redirects: Redirects, old_site: SiteMap, site: SiteMap, old_path: str, change: FileChange
) -> str | None:
    route = old_site.route_of(old_path, change.old_text)
    target = redirects.target(old_path, route)
    if target is None and old_site.toolchain == FILES.toolchain:
        # with no toolchain found, a page's address is only a guess from its path: a redirect
        # from an address the path ends with (``/en/learn/x`` for ``site/pages/en/learn/x.md``)
        target = redirects.target(old_path, None)
    return site.absolute(target) if target else None


def _published(changes: Sequence[FileChange], site: SiteMap) -> dict[str, FileChange]:
    """The address (route) each added, copied or moved file now publishes: the first file of
    the range for an address."""
    published: dict[str, FileChange] = {}
    for change in changes:
        if change.status in ("added", "copied", "renamed"):
            route = site.route_of(change.path, change.new_text)
            if route is not None:
                published.setdefault(route, change)
    return published


def _old_addresses_taken(
    changes: Sequence[FileChange], old_site: SiteMap, site: SiteMap
) -> tuple[dict[str, FileChange], dict[str, str], set[str]]:
    """Removed and moved files whose old address another file of the range now publishes, or
    carries into a version's folder (those files, gone and carrying, are the third part).

    A removed one is paired with that file as one move (by the removed path, and by the
    file's path unless the file is a move of its own, judged by its own move). A moved one
    gets that file's path: git pairs a move by content, so among copies (version folders,
    translations) it may pair a page with another folder's new file while a new file took its
    old place."""
    removed: dict[str, FileChange] = {}
    moved: list[tuple[str, FileChange]] = []
    for change in changes:
        old_path = change.path if change.status == "removed" else change.old_path
        if change.status not in ("removed", "renamed") or not old_path:
            continue
        route = old_site.route_of(old_path, change.old_text)
        if route is not None and change.status == "removed":
            removed[route] = change
        elif route is not None:
            moved.append((route, change))
    if not removed and not moved:
        return {}, {}, set()
    published = _published(changes, site)
    versions = _carried_from(published)
    carried: set[str] = set()
    pairs: dict[str, FileChange] = {}
    for route, gone in removed.items():
        publisher = published.get(route) or _carrier(versions, route, gone, carried)
        if publisher is None:
            continue
        pair = _as_move(gone, publisher)
        pairs[gone.path] = pair
        if publisher.status != "renamed":
            pairs[publisher.path] = pair
            if gone.path in carried:
                carried.add(publisher.path)
    taken = {}
    for route, change in moved:
        publisher = published.get(route) or _carrier(versions, route, change, carried)
        if publisher is not None and publisher.path != change.path:
            taken[change.path] = publisher.path
    return pairs, taken, carried


def _carried_from(published: Mapping[str, FileChange]) -> dict[str, list[FileChange]]:
    """The files of the range that publish in a version's part of the site, by the address
    they would have without their version folder (``/docs/3/intro``: ``/docs/intro``)."""
    versions: dict[str, list[FileChange]] = {}
    for route, change in published.items():
        for plain in unversioned(route):
            versions.setdefault(plain, []).append(change)
    return versions


def _carrier(
    versions: Mapping[str, list[FileChange]], route: str, gone: FileChange, carried: set[str]
) -> FileChange | None:
    """The file that carries a gone page into a version's folder: it publishes the page's
    old address with a version added and is the same page, by its title or mostly its text
    (RUBRIC.md: a page carried from one version folder to another is judged by its content).
    The gone file's path is noted in ``carried``."""
    for change in versions.get(route, ()):
        if _same_page(change.new_text, gone.old_text):
            carried.add(gone.path)
            return change
    return None


def _same_page(text: str | None, old_text: str | None) -> bool:
    """Whether a page is the other one rewritten: the same title, or mostly the same text."""
    title = document_title(old_text or "")
    return bool(title and document_title(text or "") == title) or mostly_same(text, old_text)


def _redirected_moves(
    changes: Sequence[FileChange],
    leads_to: Mapping[str, str | None],
    site: SiteMap,
    replaced: Mapping[str, FileChange],
) -> dict[str, FileChange]:
    """Removed pages whose old address now redirects (``leads_to``) to a page added in the
    range that is the same page (its title, or mostly its text): moves git did not pair (the
    text changed on the way), made with a redirect (RUBRIC.md, moves and redirects). A page
    merged into a larger new one of another title stays removed. Both files' paths give the
    pair, one move."""
    published: dict[str, FileChange] | None = None
    pairs: dict[str, FileChange] = {}
    for change in changes:
        redirect = leads_to.get(change.path)
        if change.status != "removed" or change.path in replaced or redirect is None:
            continue
        published = published if published is not None else _published(changes, site)
        # a redirect to a source file (mkdocs-redirects, Sphinx) leads where it publishes
        added = published.get(site.route_of(redirect) or route_key(redirect, site.ignores_case))
        if (
            added is not None
            and added.status == "added"
            and added.path not in replaced
            and added.path not in pairs
            and _same_page(added.new_text, change.old_text)
        ):
            pairs[change.path] = pairs[added.path] = _as_move(change, added)
    return pairs


def _as_move(gone: FileChange, new: FileChange) -> FileChange:
    """A removed file and the file that now publishes its address, as one move whose patch is
    the difference of their texts."""
    old_lines = (gone.old_text or "").split("\n")
    new_lines = (new.new_text or "").split("\n")
    diff = difflib.unified_diff(old_lines, new_lines, lineterm="", n=3)
    patch = "\n".join(line for line in diff if not line.startswith(("---", "+++")))
    added = sum(1 for line in patch.split("\n") if line.startswith("+"))
    deleted = sum(1 for line in patch.split("\n") if line.startswith("-"))
    return FileChange(
        new.path,
        "renamed",
        added,
        deleted,
        old_path=gone.path,
        patch=patch or None,
        old_text=gone.old_text,
        new_text=new.new_text,
    )


def _moved_to(change: FileChange, moved: Sequence[MovedText]) -> tuple[tuple[str, ...], int]:
    """The files that gained most of what this file lost, when most of it went elsewhere, and
    how many lines went."""
    lines: Counter[str] = Counter()
    for run in moved:
        if run.path != change.path:
            lines[run.path] += run.end - run.start + 1
    total = sum(lines.values())
    if not total or total < MOVED_SHARE * (change.deletions or total):
        return (), 0
    return tuple(path for path, _ in lines.most_common(3)), total


def _add_navigation(
    changes: Sequence[FileChange], facts: dict[str, PageFacts], whole: bool
) -> None:
    """Navigation files with what their entries lost and gained, against the pages the range
    adds, removes and moves: a removed page is lost (even with a redirect) unless another file
    now publishes its address; a moved page is lost unless its old address still serves.
    Without the repository (not ``whole``), an entry's page the diff does not show is taken
    at the entry's word."""
    if not any(facts[change.path].kind == kinds.NAVIGATION for change in changes):
        return
    added = {change.path for change in changes if change.status in ("added", "copied")}
    removed = {
        change.path
        for change in changes
        if change.status == "removed" and facts[change.path].served != SERVED_REPLACED
    }
    moved = {
        change.old_path: facts[change.path].served is not None
        for change in changes
        if change.status == "renamed" and change.old_path
    }
    navigation = [change for change in changes if facts[change.path].kind == kinds.NAVIGATION]
    sides = {change.path: sides_of(change) for change in navigation}
    changed = None if whole else {path for c in changes for path in (c.path, c.old_path) if path}
    first = {
        change.path: navigation_facts(
            change, sides[change.path], added, removed, moved, changed=changed
        )
        for change in navigation
    }
    for change in navigation:
        found = navigation_facts(change, sides[change.path], added, removed, moved, first, changed)
        facts[change.path] = replace(facts[change.path], navigation=found)


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
