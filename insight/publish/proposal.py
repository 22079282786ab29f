"""The categories ``insight init`` proposes: the docs toolchain's own content roots.

Where the pages are is what the repository's toolchain says, not where files changed most:

- docfx / Microsoft Learn: each docset's ``build_source_folder`` and the ``src`` folders of
  the ``build.content`` entries of its ``docfx.json``;
- MkDocs: each ``mkdocs.yml``'s ``docs_dir``; Hugo: ``contentDir`` (``content``);
  Docusaurus: ``docs``, ``blog`` and ``versioned_docs``; mdBook: ``book.src`` (``src``);
- a tree per language (FastAPI's ``docs/{lang}/docs``, Hugo's ``content/{lang}``,
  Docusaurus's ``i18n/{lang}``): one category per language.

A single content root whose changes spread over several folders is split into those folders
(the root itself last, for the rest). Without any toolchain, the folders where the
documentation changed most are proposed until they cover ``COVERAGE`` of it. Code, CI and
test folders are never proposed. What the proposal covers of the documentation files changed
over the last commits, and what it leaves out, is measured and said.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from insight.analysis.site.addresses import mkdocs_configs, read_config
from insight.models import DOCUMENT_SUFFIXES, Category
from insight.source import categories
from insight.source.languages import Layout, detect_layouts
from insight.source.tree import Tree

COVERAGE = 0.95
"""The share of the recently changed documentation a proposal should take."""
SPLIT_LIMIT = 6
"""Folders a single content root is split into, at most (the root itself comes last)."""
FALLBACK_LIMIT = 10
LEFT_OUT_SHOWN = 5
NOT_DOCS = frozenset(
    ("tests", "test", "__tests__", "spec", "scripts", "node_modules", "vendor", "build", "dist")
)
"""Folders (at any depth) that hold code, tests, tooling or build output, never docs; so
does every folder whose name starts with a dot (``.github``, ``.vscode``)."""
_NAME_UNSAFE = re.compile(r"[^\w.-]+")
"""What a proposed category's name (it names report files) keeps of its folder's name."""
_HUGO_CONFIGS = ("hugo.toml", "config.toml", "hugo.yaml", "config.yaml", "hugo.yml")


@dataclass(frozen=True)
class Proposal:
    """Proposed categories, with what they take of the documentation changed recently."""

    categories: tuple[tuple[Category, int], ...]
    """Each category and how many of the recently changed documentation files it takes."""
    documents: int
    """Documentation files changed over the commits looked at."""
    covered: int
    left_out: tuple[tuple[str, int], ...]
    """Where the documentation files no category takes are (a folder, or a top-level file)."""

    @property
    def share(self) -> float:
        return self.covered / self.documents if self.documents else 1.0


def is_documentation(path: str) -> bool:
    """A document (Markdown, YAML) outside code, CI and test folders."""
    folders = path.split("/")[:-1]
    return path.lower().endswith(DOCUMENT_SUFFIXES) and not any(
        folder.startswith(".") or folder.lower() in NOT_DOCS for folder in folders
    )


def propose(tree: Tree, changed: Iterable[str]) -> Proposal:
    """Categories for the repository at ``tree``, measured on the ``changed`` paths."""
    documents = sorted({path for path in changed if is_documentation(path)})
    present = _folders(tree.paths)
    folders = _language_folders(detect_layouts(tree.paths))
    taken = [folder for folder, _ in folders]
    roots = [root for root in content_roots(tree, present) if not _inside_any(root, taken)]
    if len(roots) == 1 and not folders:
        folders += _split(roots[0], documents)
    else:
        folders += [(root, posixpath.basename(root)) for root in roots]
    if not folders:
        folders = _most_changed(documents)
    proposed = [Category(name, (folder,)) for folder, name in _named(folders) if folder in present]
    counts = [0] * len(proposed)
    left: list[str] = []
    for path in documents:
        index = next((i for i, c in enumerate(proposed) if categories.member(path, c)), None)
        if index is None:
            left.append(path)
        else:
            counts[index] += 1
    return Proposal(
        categories=tuple(zip(proposed, counts, strict=True)),
        documents=len(documents),
        covered=len(documents) - len(left),
        left_out=tuple(_where(left)),
    )


def content_roots(tree: Tree, present: frozenset[str]) -> list[str]:
    """The folders (of ``present``) the docs toolchain publishes pages from, most specific
    first."""
    roots: list[str] = []
    publish = read_config(tree, ".openpublishing.publish.config.json")
    docsets = publish.get("docsets_to_publish") if isinstance(publish, dict) else None
    for docset in docsets if isinstance(docsets, list) else []:
        if not isinstance(docset, dict):
            continue
        source = _clean(str(docset.get("build_source_folder") or ""))
        docfx = read_config(tree, posixpath.join(source, "docfx.json"))
        build = docfx.get("build") if isinstance(docfx, dict) else None
        content = build.get("content") if isinstance(build, dict) else None
        for entry in content if isinstance(content, list) else []:
            if isinstance(entry, dict) and entry.get("src"):
                roots.append(_clean(posixpath.join(source, str(entry["src"]))))
        roots.append(source)
    for path, config in mkdocs_configs(tree).items():
        docs_dir = str(config.get("docs_dir") or "docs")
        roots.append(_clean(posixpath.join(posixpath.dirname(path), docs_dir)))
    for name in _HUGO_CONFIGS:
        if name in tree.paths:
            config = read_config(tree, name)
            content_dir = config.get("contentDir") if isinstance(config, dict) else None
            roots.append(_clean(str(content_dir or "content")))
            break
    if any(tree.read(name) is not None for name in _DOCUSAURUS_CONFIGS):
        roots += ["docs", "blog", "versioned_docs"]
    book = read_config(tree, "book.toml")
    if isinstance(book, dict):
        settings = book.get("book")
        book_source = settings.get("src") if isinstance(settings, dict) else None
        roots.append(_clean(str(book_source or "src")))
    found = [root for root in dict.fromkeys(roots) if root and root in present]
    return sorted(found, key=lambda root: -root.count("/"))


_DOCUSAURUS_CONFIGS = ("docusaurus.config.js", "docusaurus.config.ts", "docusaurus.config.mjs")


def _language_folders(layouts: Sequence[Layout]) -> list[tuple[str, str]]:
    """(folder, name) of each language's tree: the source's, then each translation's; a
    Docusaurus language as its whole ``i18n/{lang}`` folder."""
    found: dict[str, str] = {}
    for layout in layouts:
        if layout.by_suffix or not layout.source:
            continue
        before, _, after = layout.pattern.partition("{lang}")
        source = layout.source
        if source.startswith(before) and source.endswith(after):
            found.setdefault(source, source[len(before) : len(source) - len(after)] or source)
        else:
            found.setdefault(source, posixpath.basename(source))
        for language in layout.languages:
            folder = layout.pattern.format(lang=language)
            if folder.startswith("i18n/"):
                folder = f"i18n/{language}"
            found.setdefault(folder, language)
    return list(found.items())


def _split(root: str, documents: Sequence[str]) -> list[tuple[str, str]]:
    """A content root as the folders under it where its documents changed, then itself."""
    inside = [path[len(root) + 1 :] for path in documents if path.startswith(root + "/")]
    folders = [
        (f"{root}/{folder}", folder)
        for folder, _ in _top_level_folders(inside)[:SPLIT_LIMIT]
        if not categories.GLOB_CHARS & set(folder)
    ]
    return [*folders, (root, posixpath.basename(root))]


def _most_changed(documents: Sequence[str]) -> list[tuple[str, str]]:
    """Without a toolchain: the folders where most documents changed, until they cover
    ``COVERAGE`` of them (or ``FALLBACK_LIMIT`` folders)."""
    chosen: list[tuple[str, str]] = []
    covered = 0
    for folder, files in categories.top_folders(documents, FALLBACK_LIMIT * 2):
        if covered >= COVERAGE * len(documents) or len(chosen) == FALLBACK_LIMIT:
            break
        if categories.GLOB_CHARS & set(folder):  # a folder named like a glob is no prefix
            continue
        chosen.append((folder, folder.rsplit("/", 1)[-1]))
        covered += files
    return chosen


def _top_level_folders(paths: Sequence[str]) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for path in paths:
        if "/" in path:
            folder = path.split("/", 1)[0]
            counts[folder] = counts.get(folder, 0) + 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def _named(folders: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """Each folder once (its first name), with a name fit for a file name, unique."""
    named: list[tuple[str, str]] = []
    seen, taken = set(), set()
    for folder, wanted in folders:
        if folder in seen:
            continue
        seen.add(folder)
        base = _NAME_UNSAFE.sub("-", wanted).strip("-.") or "docs"
        name, number = base, 2
        while name in taken:
            name, number = f"{base}-{number}", number + 1
        taken.add(name)
        named.append((folder, name))
    return named


def _folders(paths: Iterable[str]) -> frozenset[str]:
    """Every folder of ``paths``."""
    found = set()
    for path in paths:
        parts = path.split("/")[:-1]
        for end in range(1, len(parts) + 1):
            found.add("/".join(parts[:end]))
    return frozenset(found)


def _inside_any(folder: str, others: Sequence[str]) -> bool:
    return any(folder == other or folder.startswith(other + "/") for other in others)


def _clean(folder: str) -> str:
    cleaned = posixpath.normpath(folder.strip("/")) if folder.strip("/") else ""
    return "" if cleaned in (".", "..") or cleaned.startswith("../") else cleaned


def _where(paths: Sequence[str]) -> list[tuple[str, int]]:
    """Where ``paths`` are: their folders (a top-level file by its name), most first."""
    counted = Counter(posixpath.dirname(path) or path for path in paths)
    return sorted(counted.items(), key=lambda item: (-item[1], item[0]))[:LEFT_OUT_SHOWN]
