"""Plain data passed between the stages: a file change, its assessment, a report.

This module imports nothing from insight, so every stage can depend on it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from insight.lexicon import Lexicon

SCHEMA = "insight.report/v1"

BREAKING = "breaking change"
NEW_FEATURE = "new feature"
MINOR = "minor update"
CHANGE_TYPES = (BREAKING, NEW_FEATURE, MINOR)
"""The only types a generated report may carry (see RUBRIC.md)."""

FALLBACK_ENGINE = "heuristic-fallback"
"""The ``engine`` of a file the model engine was asked for and the offline engine decided,
because the model failed or its reply stayed unusable."""

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx")
YAML_SUFFIXES = (".yml", ".yaml")
DOCUMENT_SUFFIXES = MARKDOWN_SUFFIXES + YAML_SUFFIXES
"""The documents insight reads whole and analyses; other files are judged by their status."""

TITLE_SEPARATOR = " - "
"""A report's title is ``Diff Insight Report``, this, and its category."""


def report_title(category: str) -> str:
    return f"Diff Insight Report{TITLE_SEPARATOR}{category}"


def anchor(path: str) -> str:
    """A file's section id in a report: ``item-`` and the first 6 hex digits of MD5(path)."""
    return "item-" + hashlib.md5(path.encode("utf-8")).hexdigest()[:6]


@dataclass(frozen=True)
class Step:
    """Progress through counted work (model calls), for a display of rate and time left."""

    label: str
    done: int
    total: int


Progress = Callable[[str | Step], None]
"""Where a stage says what it is doing: a phase in words, or a ``Step`` of counted work."""


@dataclass(frozen=True)
class NavigationFacts:
    """What a navigation file's entries lost and gained, read against the rest of the range."""

    lost: tuple[tuple[str, str], ...] = ()
    """(title, page) of entries dropped because their page was removed, or moved without a
    redirect, in the same range."""
    new_pages: tuple[tuple[str, str], ...] = ()
    """(title, page) of entries added for pages the range adds."""
    dropped: int = 0
    """Entries whose page no longer appears, whatever the reason."""
    gained: int = 0
    """Entries whose page did not appear before."""


@dataclass(frozen=True)
class VersionBump:
    """The same version replaced in several files of a range."""

    old: str
    new: str
    files: int
    """How many files of the range make this replacement."""
    minimum: bool = False
    """A line of one of them states the version as a minimum or a requirement."""


@dataclass(frozen=True)
class MovedText:
    """A run of lines whose text moved within the range: lost by one file and gained by
    another (or by the same file, reorganised)."""

    start: int
    """First line of the run (1-based): in the old document for text a file lost, in the new
    one for text it gained."""
    end: int
    """Last line of the run."""
    path: str
    """The other file: where lost text went, or where gained text came from."""


SERVED_SAME = "same address"
"""The moved file publishes at the address it had (``page.md`` → ``page.mdx``)."""
SERVED_REDIRECT = "redirect"
"""A redirect from the old address leads on."""
SERVED_REPLACED = "another file"
"""Another file of the range now publishes the old address."""
SERVED_VERSION = "version folder"
"""The page moved between version folders that publish under one address."""


@dataclass(frozen=True)
class PageFacts:
    """What the site makes of a changed file, read from the whole repository and range."""

    kind: str = "page"
    """What the file is to the site (``insight.analysis.site.kinds``): ``page``,
    ``navigation``, ``include``, ``media``, ``data`` or ``other``."""
    whole: bool = False
    """The facts were read from the repository and the whole range, not from a diff alone."""
    url: str | None = None
    """The published address of the page (after the change; before it for a removed page)."""
    page_title: str | None = None
    old_url: str | None = None
    """A moved or removed page's address before the change."""
    redirect: str | None = None
    """Where the old address of a moved or removed page now leads, from the redirect files."""
    served: str | None = None
    """For a moved or removed page: how its old address still serves readers
    (``SERVED_*``), or None when it stops serving."""
    keeps_address: bool = False
    """A move the site maps to the same address (``page.md`` → ``page.mdx``, a case-only
    rename on a case-blind site, a relocated content root)."""
    replaced_by: str | None = None
    """For a removed page whose address another file of the range now publishes: that file."""
    replaces: str | None = None
    """For the file that now publishes a removed page's address: the removed one."""
    paired: FileChange | None = None
    """For a removed file and the file that now publishes its address: the two as one move,
    whose content change decides both."""
    included_in: tuple[str, ...] = ()
    """For an include or snippet: the pages that show it."""
    removed_with: str | None = None
    """For shared text removed with the page that showed it (a Hugo bundle's resource and the
    bundle's own page, a partial and the one page that imported it): that page, whose removal
    it is part of."""
    shown_nowhere: bool = False
    """For shared text removed: no page showed it at the start of the range either (a draft,
    a leftover), so no page loses it."""
    navigation: NavigationFacts | None = None
    """For a navigation file (a TOC, ``mkdocs.yml``): what its entries lost and gained."""
    version_bumps: tuple[VersionBump, ...] = ()
    """The version replacements this file shares with other files of the range."""
    moved_text: tuple[MovedText, ...] = ()
    """Runs of lines this file lost whose text went elsewhere in the range."""
    moved_in: tuple[MovedText, ...] = ()
    """Runs of lines this file gained whose text came from elsewhere in the range (an include
    inlined, a section moved here): not new."""
    echoed_in: tuple[MovedText, ...] = ()
    """Runs of lines this file lost whose text now stands in a file of the range it does not
    point to: removed from here all the same (its anchors, its readers); said where."""
    moved_to: tuple[str, ...] = ()
    """Other files of the range that gained most of what this file lost (the one that took
    most first)."""
    moved_lines: int = 0
    """How many of the lines this file lost reappear in ``moved_to``."""
    announces: tuple[str, ...] = ()
    """For release notes or an announcement: new entries that announce breaking changes,
    removals or deprecations."""
    shown_names: tuple[tuple[str, str], ...] = ()
    """For a page that starts to show shared files (an include added): the names those files
    document (headings, entries), compared as ``words.name_key`` makes them, each with its
    file. A section or entry the page lost under such a name moved there."""


SiteFacts = Mapping[str, PageFacts]
"""What the change set says of each file, by path: passed beside the changes, not into them."""


@dataclass(frozen=True)
class FileChange:
    """One changed path in a range, counted the way ``git diff --numstat`` counts it."""

    path: str
    status: str
    """GitHub's word: added, removed, modified, renamed, copied, or changed (a type change)."""
    additions: int = 0
    deletions: int = 0
    old_path: str | None = None
    binary: bool = False
    patch: str | None = None
    """Hunks only, from the first ``@@`` line, without a final newline (GitHub's ``patch``)."""
    patch_too_large: bool = False
    """The patch exceeded the size limit and was left out; the counts are still exact."""
    patch_size: int = 0
    """Size of the patch in bytes, kept when the patch itself is left out."""
    old_text: str | None = None
    """The whole document before the change, when the source could read it."""
    new_text: str | None = None
    """The whole document after the change, when the source could read it."""
    fingerprint: str | None = None
    """This change of this file, stably: its paths and its old and new blobs (see
    ``change_fingerprint``); a reviewer's override is keyed by it."""

    @property
    def changes(self) -> int:
        return self.additions + self.deletions


def change_fingerprint(path: str, old_path: str | None, old_blob: str, new_blob: str) -> str:
    """16 hex digits that name one change of one file: the same paths and blobs give the
    same fingerprint in every run and every range that contains that change whole."""
    key = "\0".join((old_path or path, path, old_blob, new_blob))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Commit:
    """One commit that touched a file, as a report names it."""

    sha: str
    subject: str
    author: str
    date: str
    """The author date, ISO 8601."""
    pull_request: int | None = None
    """The pull request that brought it in (from a merge or squash commit's message)."""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "sha": self.sha,
            "subject": self.subject,
            "author": self.author,
            "date": self.date,
        }
        if self.pull_request is not None:
            data["pull_request"] = self.pull_request
        return data


@dataclass(frozen=True)
class Attribution:
    """Who changed a file in a range: its commits, most recent first, and pull requests."""

    commits: tuple[Commit, ...] = ()
    pull_requests: tuple[int, ...] = ()


@dataclass(frozen=True)
class Category:
    """A named group of paths: prefixes (``articles/search``) or globs (``articles/**/x-*.md``),
    less the paths that ``exclude`` (prefixes or globs too) matches."""

    name: str
    paths: tuple[str, ...]
    exclude: tuple[str, ...] = ()


@dataclass(frozen=True)
class Signal:
    """One structural fact about a change, with the line of the document it came from."""

    kind: str
    """What changed, for example ``section_removed`` or ``front_matter_changed``."""
    line: int | None = None
    """1-based line in the new document, or in the old one for what was removed."""
    side: str = "new"
    """``old`` or ``new``: which document ``line`` refers to."""
    detail: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "line": self.line, "side": self.side, **self.detail}


@dataclass(frozen=True)
class Findings:
    """The document analysis of a range's files (``insight.analysis.document.signals``),
    worked out while the rest of the change set was read: each file's signals by path, and
    the word lists they were read with."""

    lexicon: Lexicon
    signals: Mapping[str, tuple[Signal, ...]]

    def of(self, change: FileChange, lexicon: Lexicon) -> tuple[Signal, ...] | None:
        """``change``'s signals, if they were read with ``lexicon``; else None (read them)."""
        return self.signals.get(change.path) if lexicon is self.lexicon else None


@dataclass(frozen=True)
class Assessment:
    """The locale-independent verdict on one file: its type and why."""

    type: str
    reason: str
    confidence: float = 0.5
    trivial: bool = False
    """True when the change is noise with high confidence (no model call needed)."""
    signals: tuple[Signal, ...] = ()
    """Every structural signal found, the decisive ones first."""
    engine: str = "heuristic"
    certain: bool = False
    """The evidence settles the type whatever the text says: an address readers used stops
    serving (a page removed, or moved without a redirect). A model's answer never overrides a
    certain verdict; every other verdict is the model's to make when a model is asked."""


@dataclass(frozen=True)
class Writeup:
    """The per-locale text of one file: a short title and a 1-3 sentence explanation."""

    title: str
    explanation: str


@dataclass(frozen=True)
class Described:
    """What an engine returns for one file: one assessment, a writeup per locale."""

    assessment: Assessment
    writeups: Mapping[str, Writeup]


@dataclass(frozen=True)
class Overview:
    """The report-level text: the Markdown overview and the front-matter summary."""

    overview: str
    summary: str


@dataclass(frozen=True)
class CallEstimate:
    """The model calls one model would get in a run, and their tokens."""

    model: str
    calls: int
    tokens_in: int
    tokens_out: int
    rated_tokens: int = 0
    """What the rate limit counts: the prompts and all their replies may use (max_tokens)."""
    seconds: float | None = None
    """How long the calls take at the account's rate limit, when the limit is known."""


@dataclass
class ReportItem:
    """One row of the summary table and one section of Modified Contents."""

    path: str
    status: str
    additions: int
    deletions: int
    changes: int
    patch: str | None
    type: str
    title: str
    explanation: str
    old_path: str | None = None
    binary: bool | None = None
    reason: str | None = None
    confidence: float | None = None
    trivial: bool | None = None
    engine: str | None = None
    signals: list[dict[str, Any]] | None = None
    url: str | None = None
    """The page's published address (for a removed page, the address it had)."""
    page_title: str | None = None
    redirect: str | None = None
    """Where a moved or removed page's old address now leads."""
    included_in: list[str] | None = None
    """For an include or snippet: the pages that show it."""
    commits: list[dict[str, Any]] | None = None
    """The commits that changed the file, most recent first: ``sha``, ``subject``,
    ``author``, ``date`` and, when known, ``pull_request``."""
    pull_requests: list[int] | None = None
    """The pull requests that changed the file, most recent first."""
    fingerprint: str | None = None
    """The change's fingerprint (paths and blobs), the key of a reviewer's override."""
    reviewed: bool | None = None
    """True when a reviewer's override set the type, title or explanation."""


REQUIRED_ITEM_FIELDS = (
    "path",
    "status",
    "additions",
    "deletions",
    "changes",
    "patch",
    "type",
    "title",
    "explanation",
)
OPTIONAL_ITEM_FIELDS = (
    "old_path",
    "binary",
    "reason",
    "confidence",
    "trivial",
    "engine",
    "signals",
    "url",
    "page_title",
    "redirect",
    "included_in",
    "commits",
    "pull_requests",
    "fingerprint",
    "reviewed",
)


@dataclass(frozen=True)
class Coverage:
    """What a report covers: the range's two ends, its commits and their first and last days."""

    base: str
    head: str
    commits: int
    first_date: str | None
    last_date: str | None


@dataclass
class Report:
    """A report for one category in one locale: the ``insight.report/v1`` model."""

    title: str
    locale: str
    date: str
    permalink: str
    summary: str
    overview: str
    items: list[ReportItem]
    schema: str = SCHEMA
    range: Coverage | None = None
    """Optional: models written before it (the golden reports) render as they always did."""

    @property
    def category(self) -> str:
        """The category named in the title (reports of other tools may word the rest apart)."""
        return self.title.rsplit(TITLE_SEPARATOR, 1)[-1]
