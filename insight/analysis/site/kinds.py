"""What kind of file a changed path is: the one place that decides it.

- ``navigation``: a file that lists pages for the site's navigation (a docfx ``toc.yml`` or
  ``TOC.md``, ``mkdocs.yml``, an mdBook ``SUMMARY.md``, a docsify ``_sidebar.md``, Docusaurus
  ``sidebars.js``); it is judged by the pages of its entries, never as a page of its own;
- ``media``: images and video, refreshed as the pages that show them change;
- ``include``: text that pages show but that publishes no page of its own (RUBRIC.md, files
  that publish no page): a file in a folder named like ``includes``, ``snippets`` or
  ``partials``, a file whose name starts with ``_`` (Hugo's ``_index.md`` aside), a Hugo
  ``headless`` bundle, a page under a Hugo section whose ``_index.md`` cascades
  ``build: render: never`` to it (``unrendered_sections``), a content file beside a Hugo
  leaf bundle's ``index.md`` (``bundle_page``);
- ``data``: YAML configuration and data (a docfx ``zone-pivot-groups.yml``, a site's data
  files, a Kubernetes object a page has readers apply); a YAML file is a page when it
  declares a page type (docfx ``### YamlMime:Landing``) or has a top-level ``title`` or
  ``metadata`` (but no ``apiVersion``: a Kubernetes object's ``metadata`` is the object's);
- ``page``: a document the site publishes at an address of its own;
- ``other``: code, configuration and anything else: a package manager's lock file, anything
  in a hidden folder (``.github/`` CI workflows: no site reads them) or in an installed
  package's folder (``node_modules/``: a dependency's own README, not the docs), GitHub's
  issue and pull request templates wherever GitHub reads them (forms contributors fill in,
  published nowhere), a release-note fragment waiting for the next release (towncrier's
  ``newsfragments/`` or ``changelog.d/``, ``changelog_unreleased/``: gathered into the
  release notes when they are written, published nowhere on its own).

A Markdown page that a toolchain's configuration does not publish is still a page: sources
are often converted before the toolchain sees them (Learn's cmdlet reference), and a
repository's own guides are read where they live. An HTML file that a known toolchain
publishes nowhere is code (``insight.analysis.site.facts`` settles it with the site map).

A page with nothing of its own to read (front matter and at most a title: a section's index
stub, a redirect stub) is a ``stub``.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Collection, Iterable, Mapping

from insight.analysis.site.addresses import MKDOCS_CONFIG, PAGE_SUFFIXES
from insight.models import MARKDOWN_SUFFIXES, YAML_SUFFIXES, FileChange

PAGE = "page"
NAVIGATION = "navigation"
INCLUDE = "include"
MEDIA = "media"
DATA = "data"
OTHER = "other"

NAVIGATION_NAMES = frozenset(("toc.yml", "toc.yaml", "toc.md", "summary.md", "_sidebar.md"))
SIDEBARS = re.compile(r"sidebars?\.(?:[cm]?js|ts|json)")
"""Docusaurus sidebars: entries are doc ids, paths under ``docs/`` without an extension."""
LOCK_FILE = re.compile(r"(?:^|/)[^/]*[-.]lock\.ya?ml$")
"""A package manager's record of the versions it installed (``pnpm-lock.yaml``): no site
reads it, no reader does."""
MEDIA_SUFFIXES = (
    *(".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".bmp", ".ico", ".avif"),
    *(".mp4", ".webm", ".mov"),
)
GITHUB_TEMPLATE = re.compile(
    r"(?:^|/)(?:issue|pull_request)_template(?:/|\.(?:md|markdown|ya?ml)$)", re.IGNORECASE
)
"""An issue or pull request template (``ISSUE_TEMPLATE.md``, ``ISSUE_TEMPLATE/bug.md``), which
GitHub reads at the top of a repository, in ``docs/`` and in ``.github/``."""
PACKAGES_FOLDER = "node_modules"
"""Where a JavaScript package manager installs dependencies: their files are theirs."""
FRAGMENTS_FOLDER = re.compile(
    r"(?:^|/)(?:newsfragments|changelog\.d|changelog_unreleased|changelogs?/unreleased)/",
    re.IGNORECASE,
)
"""Where release-note fragments wait for the next release (towncrier, prettier, GitLab)."""
CONFIGURATION_TYPES = frozenset(("zonepivotgroups", "redirection", "breadcrumb"))
"""docfx YAML document types that configure the site rather than show a page."""
SHARED_FOLDER = re.compile(
    r"(^|/)(_?includes?|_?snippets?|_?partials?|_?fragments?|\.snippets|_shared)/", re.IGNORECASE
)
TESTS_FOLDER = re.compile(r"(^|/)(tests?|__tests__|testdata|fixtures?)/", re.IGNORECASE)
"""A folder of a code repository's tests: Markdown there that no site publishes is a fixture."""
_YAML_MIME = re.compile(r"^\s*###\s*YamlMime:\s*([\w.-]+)", re.IGNORECASE)
_PAGE_KEY = re.compile(r"^(?:title|metadata)\s*:", re.MULTILINE)
_MANIFEST = re.compile(r"^apiVersion\s*:", re.MULTILINE)
"""A Kubernetes object (``apiVersion``, ``kind``, ``metadata``): a sample readers apply."""
_FRONT_MATTER = re.compile(r"\A(?:---|\+\+\+)\s*\n.*?\n(?:---|\+\+\+)\s*(?:\n|\Z)", re.DOTALL)
_HEADLESS = re.compile(r"^headless\s*[:=]\s*true\s*$", re.MULTILINE | re.IGNORECASE)
_CASCADE = re.compile(r"^\[?cascade\b", re.MULTILINE | re.IGNORECASE)
_NEVER_RENDERED = re.compile(
    r"^\s*(?:render\s*[:=]\s*['\"]?(?:never|false)\b|headless\s*[:=]\s*true\b)",
    re.MULTILINE | re.IGNORECASE,
)
_TITLE_LINE = re.compile(r"^\s*#\s+\S.*$|^\s*<!--.*?-->\s*$", re.MULTILINE)


def is_navigation(path: str) -> bool:
    """A file that lists pages for the site's navigation rather than being a page."""
    name = posixpath.basename(path).lower()
    return name in NAVIGATION_NAMES or bool(
        MKDOCS_CONFIG.fullmatch(name) or SIDEBARS.fullmatch(name)
    )


def is_document(path: str) -> bool:
    """A Markdown or YAML file: insight reads its text and its structure."""
    return path.lower().endswith((*MARKDOWN_SUFFIXES, *YAML_SUFFIXES))


def kind_of(path: str, text: str | None = None) -> str:
    """The kind of the file at ``path``; its ``text``, when known, settles YAML files and
    headless bundles."""
    lowered = path.lower()
    if is_navigation(path):
        return NAVIGATION
    if lowered.endswith(MEDIA_SUFFIXES):
        return MEDIA
    if not lowered.endswith(PAGE_SUFFIXES) or LOCK_FILE.search(lowered):
        return OTHER
    folders = path.split("/")[:-1]
    if any(part.startswith(".") or part == PACKAGES_FOLDER for part in folders):
        return OTHER
    if GITHUB_TEMPLATE.search(path) or FRAGMENTS_FOLDER.search(path):
        return OTHER
    if lowered.endswith(YAML_SUFFIXES):
        return _yaml_kind(text)
    if posixpath.basename(path).startswith("_") and not _is_index(path):
        return INCLUDE
    if SHARED_FOLDER.search(path) or (text is not None and _is_headless(text)):
        return INCLUDE
    return PAGE


def text_of(change: FileChange) -> str | None:
    """The document as it stands after the change (before it, for a removed file); without
    the documents, the lines the patch adds (or removes)."""
    text = change.old_text if change.status == "removed" else change.new_text
    if text is not None or not change.patch:
        return text
    mark = "-" if change.status == "removed" else "+"
    return "\n".join(
        line[1:]
        for line in change.patch.split("\n")
        if line.startswith(mark) and line[:3] != mark * 3
    )


def is_stub(change: FileChange) -> bool:
    """A Markdown page with nothing of its own to read: front matter and at most a title."""
    if change.path.lower().endswith(YAML_SUFFIXES) or posixpath.basename(change.path) == "":
        return False
    text = text_of(change)
    if text is None:
        return False
    body = _FRONT_MATTER.sub("", text.lstrip("\ufeff"), count=1)
    return not _TITLE_LINE.sub("", body).strip()


def _yaml_kind(text: str | None) -> str:
    if text is None:
        return PAGE
    mime = _YAML_MIME.match(text)
    if mime:
        return DATA if mime.group(1).lower() in CONFIGURATION_TYPES else PAGE
    head = text[:4000]
    return PAGE if _PAGE_KEY.search(head) and not _MANIFEST.search(head) else DATA


def _is_index(path: str) -> bool:
    """Hugo's ``_index.md``: a section's page, not a partial."""
    return posixpath.splitext(posixpath.basename(path))[0].lower() == "_index"


def section_indexes(paths: Iterable[str]) -> list[str]:
    """The ``_index.md`` files that may hold a Hugo section's cascade over ``paths``: one in
    each folder above each path, sorted."""
    folders = {posixpath.dirname(path) for path in paths}
    return sorted(
        {
            posixpath.join(above, "_index.md")
            for folder in folders
            for above in folders_above(folder)
        }
    )


def unrendered_sections(indexes: Mapping[str, str | None]) -> set[str]:
    """The Hugo section folders whose ``_index.md`` (``indexes``: path → text) cascades to
    every page below it that it is never rendered (``cascade: build: render: never``, or a
    cascaded ``headless: true``): the snippets a site shows with a shortcode."""
    found = set()
    for path, text in indexes.items():
        front = _front_matter(text or "")
        if _CASCADE.search(front) and _NEVER_RENDERED.search(front):
            found.add(posixpath.dirname(path))
    return found


def bundle_page(path: str, paths: Collection[str]) -> str | None:
    """For a Hugo page resource (a content file, not the index, in a folder whose ``index.md``
    makes it a leaf bundle, among ``paths``), the bundle's own page that shows it; None for
    the index itself or a file of no bundle."""
    folder, name = posixpath.split(path)
    if posixpath.splitext(name)[0].lower() in ("index", "_index"):
        return None
    pages = (posixpath.join(folder, "index" + suffix) for suffix in MARKDOWN_SUFFIXES)
    return next((page for page in pages if page in paths), None)


def folders_above(folder: str) -> list[str]:
    """A folder and the folders that hold it, nearest first, up to the top (the top itself,
    ``""``, left out)."""
    parts = folder.split("/") if folder else []
    return ["/".join(parts[:end]) for end in range(len(parts), 0, -1)]


def _is_headless(text: str) -> bool:
    """A Hugo headless bundle: its front matter says it publishes no page."""
    return bool(_HEADLESS.search(_front_matter(text)))


def _front_matter(text: str) -> str:
    """The front matter block a text opens with (fences included), or ``""``."""
    front = _FRONT_MATTER.match(text.lstrip("\ufeff")[:4000])
    return front.group(0) if front else ""
