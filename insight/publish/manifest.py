"""What the last build of a site wrote, and from what: the site folder's ``.insight-site.json``.

A publish reads a report again only when its file's hash changed, and renders its page
again only when what the page shows changed: the report, the locales it is published in,
the reviewers' overrides, or insight itself (its code, templates and catalogues, and the
Markdown library). The lists, feeds and ``index.json`` are made again every time, from what
the manifest keeps of each report. Only files the manifest lists are ever removed.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import markdown_it
import mdit_py_plugins
import yaml

from insight.report.overrides import Override
from insight.resources import PACKAGE, resource_dir

MANIFEST = ".insight-site.json"
"""The files the last build wrote, in the site folder: only those are ever removed."""
_LIBRARIES = (markdown_it, mdit_py_plugins, jinja2, yaml)
"""What renders the pages beside insight's own files."""
_SLUG = re.compile(r"[^\w.-]+")


@dataclass(frozen=True)
class Listing:
    """What the site's lists, feeds and ``index.json`` tell of a report, kept in the
    manifest so that a report that did not change is not read again."""

    title: str
    locale: str
    category: str
    date: str
    summary: str
    counts: dict[str, int]
    source: str
    """The report's path relative to the reports directory."""
    range: dict[str, Any] | None = None
    pages: list[dict[str, Any]] = field(default_factory=list)
    """What ``index.json`` tells of each file that has a published page."""

    @property
    def page(self) -> str:
        """Where the report's page goes in the site."""
        return f"{self.locale}/reports/{slug(f'{self.date}-{self.category}')}.html"

    @property
    def urn(self) -> str:
        """The report's permanent id in feeds."""
        return f"urn:insight:report:{self.locale}:{self.category}:{self.date}"


@dataclass(frozen=True)
class Known:
    """A report file as the last build read it."""

    digest: str
    listing: Listing
    notices: tuple[str, ...] = ()
    """What reading it logged (overrides gone stale), told again while it stays the same."""


@dataclass
class Manifest:
    files: set[str] = field(default_factory=set)
    """Every file the build wrote or kept, relative to the site folder."""
    build: str = ""
    """The fingerprint of what every page depends on beside its report (``fingerprint``)."""
    reports: dict[str, Known] = field(default_factory=dict)
    """By the report file's path relative to the reports folder."""
    pages: dict[str, tuple[str, int]] = field(default_factory=dict)
    """Each report page's key (what it was rendered from) and its size in bytes."""

    def dumps(self) -> str:
        data = {
            "files": sorted(self.files),
            "build": self.build,
            "reports": {
                source: {
                    "digest": known.digest,
                    "listing": vars(known.listing),
                    "notices": list(known.notices),
                }
                for source, known in sorted(self.reports.items())
            },
            "pages": {page: list(record) for page, record in sorted(self.pages.items())},
        }
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def slug(name: str) -> str:
    """A file name from a category (configured names are safe; old reports' may not be)."""
    return _SLUG.sub("-", name).strip("-") or "report"


def text(site_dir: Path) -> str:
    """The manifest of the site folder as it is; empty when there is none it can read."""
    try:
        return (site_dir / MANIFEST).read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def parse(text: str) -> Manifest:
    """What the last build wrote; an empty manifest when the text is none (a manifest of an
    older insight lists its files only: every page is rendered again)."""
    try:
        data = json.loads(text)
    except ValueError:
        return Manifest()
    if not isinstance(data, dict):
        return Manifest()
    files = data.get("files")
    listed = files if isinstance(files, list) else []
    manifest = Manifest(files={name for name in listed if isinstance(name, str)})
    try:
        reports = {
            str(source): Known(
                str(known["digest"]),
                _listing(known["listing"]),
                tuple(str(notice) for notice in known["notices"]),
            )
            for source, known in data["reports"].items()
        }
        pages = {str(page): (str(key), int(size)) for page, (key, size) in data["pages"].items()}
        build = str(data["build"])
    except (KeyError, TypeError, ValueError, AttributeError):
        return manifest
    manifest.reports, manifest.pages, manifest.build = reports, pages, build
    return manifest


def _listing(data: dict[str, Any]) -> Listing:
    """A listing as the manifest keeps it; a TypeError when it is not one."""
    listing = Listing(**data)
    texts = (listing.title, listing.locale, listing.category, listing.date, listing.summary)
    if not (
        all(isinstance(text, str) for text in (*texts, listing.source))
        and all(isinstance(count, int) for count in listing.counts.values())
        and isinstance(listing.range, dict | None)
        and all(isinstance(page, dict) for page in listing.pages)
    ):
        raise TypeError("not a listing")
    return listing


def fingerprint(overrides: Sequence[Override]) -> str:
    """What every page depends on beside its own report: the overrides, and insight as
    installed (every file of the package and its templates) with the libraries it renders
    with. A different insight renders every page again."""
    digest = hashlib.sha256()
    for override in overrides:
        digest.update(json.dumps(asdict(override), sort_keys=True).encode())
    for library in _LIBRARIES:
        digest.update(f"{library.__name__} {getattr(library, '__version__', '')}\n".encode())
    for root in (PACKAGE, resource_dir("templates")):
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(root).as_posix().encode() + b"\0")
                digest.update(path.read_bytes())
    return digest.hexdigest()


def file_digest(path: Path) -> str:
    """The hash of a report file as it is now."""
    return hashlib.sha256(path.read_bytes()).hexdigest()
