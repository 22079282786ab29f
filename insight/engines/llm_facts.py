"""What a file prompt says of a change, in words: the site's facts and the diff's findings.

The model decides the type, so it is shown evidence, never the offline verdict: where the
page is published before and after, whether its old address still serves and how, where
text it lost went, which pages show it, version bumps and announcements it shares with the
range; and the offline analysis's signals as observations in the order of the page. Every
field of :class:`~insight.models.PageFacts` that is set is shown: those ``SITE_FACTS`` words
read as sentences, any other as its name and value, so a fact added later reaches the model
before anyone words it.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Sequence

from insight import i18n
from insight.engines.phrases import phrase  # the offline engine's words for a signal
from insight.models import (
    SERVED_REDIRECT,
    SERVED_REPLACED,
    SERVED_SAME,
    SERVED_VERSION,
    FileChange,
    NavigationFacts,
    PageFacts,
    Signal,
    VersionBump,
)

MAX_FINDINGS = 12
"""Signals of the offline analysis a file prompt shows (its deciding ones, in page order)."""
MAX_LISTED = 5
"""Pages, entries or files named in one fact; the fact says how many more there are."""
PAGE_TITLE_LIMIT = 200
OBSERVED = {
    "breaking_entry_added": "added a release-notes entry flagged at its start: “{text}”",
}
"""Findings the offline engine words as a verdict, worded here as what the page shows."""

Fact = Callable[[FileChange, PageFacts], list[str]]
MAX_NAMES = 12
"""Names of a shared file the prompt lists."""
UNSHOWN = frozenset(("paired", "whole"))
"""Fields the prompt does not show: a removed file's pairing with the file that now publishes
its address is said by ``served`` and ``replaced_by``; ``whole`` only tells where the facts
were read."""
KINDS = {
    "include": "shared text that pages show (an include or snippet); it publishes no page of "
    "its own",
    "navigation": "a navigation file (table of contents); it lists pages",
    "media": "an image or video",
    "data": "configuration or data; it publishes no page",
    "other": "a file that is not a page (code or configuration)",
}
SERVED = {
    SERVED_SAME: "the same address ({same})",
    SERVED_REDIRECT: "redirects to {redirect}",
    SERVED_REPLACED: "another file of this range now publishes it: {replaced_by}",
    SERVED_VERSION: "the page moved between version folders that publish under one address",
}


def site_facts(change: FileChange, site: PageFacts | None) -> list[str]:
    """Each fact the change set's analysis set for ``change``, as one or more lines."""
    if site is None:
        return []
    set_fields = {
        field.name
        for field in dataclasses.fields(PageFacts)
        if _is_set(site, field) and field.name not in UNSHOWN
    }
    lines = []
    for names, words in SITE_FACTS:
        if set_fields & set(names):
            lines += words(change, site)
    for name in sorted(set_fields - {name for names, _ in SITE_FACTS for name in names}):
        lines.append(f"{name.replace('_', ' ').capitalize()}: {_listed(getattr(site, name))}")
    return lines


def findings(signals: Sequence[Signal]) -> list[str]:
    """The offline analysis's deciding signals, in the order of the page, as the offline
    engine words them (in English) and with their lines; a signal without words is shown as
    its kind and detail. The order carries no verdict: it is the page's, not the rules'."""
    english = _english()
    shown = sorted(signals[:MAX_FINDINGS], key=lambda signal: signal.line or 0)
    lines = []
    for signal in shown:
        phrase = _observed(signal, english)
        if phrase is None:
            lines.append(_signal_text(signal))
            continue
        if signal.line:
            phrase += f" at line {signal.line}" + (" (old)" if signal.side == "old" else "")
        moved = signal.detail.get("moved")
        if isinstance(moved, int) and moved:
            went = "reappear" if signal.side == "old" else "were removed"
            phrase += f" ({_count(moved, 'line')} of it {went} elsewhere in this file)"
        lines.append(phrase)
    return lines


def _addresses(change: FileChange, site: PageFacts) -> list[str]:
    """Where the page is published before and after, and whether its old address still
    serves: the same address, a redirect (and where it leads), or no redirect found. A change
    that keeps its address is never said to lack a redirect, nor a page moved from a path the
    site did not publish."""
    removed, moved = change.status == "removed", change.status == "renamed"
    lines = []
    if site.url:
        lines.append(f"Published {'before the change ' if removed else ''}at: {site.url}")
    if moved and site.old_url and site.old_url != site.url:
        lines.append(f"Published before the move at: {site.old_url}")
    if site.kind == "page" and (removed or (moved and (site.old_url or _served(site)))):
        lines.append(f"Old address now: {_old_address_now(change, site)}")
    return lines


def _served(site: PageFacts) -> str | None:
    if site.served is not None:
        return site.served
    if site.keeps_address:
        return SERVED_SAME
    if site.replaced_by:
        return SERVED_REPLACED
    return SERVED_REDIRECT if site.redirect else None


def _old_address_now(change: FileChange, site: PageFacts) -> str:
    served = _served(site)
    if served is None:
        return "nothing serves it any more (no redirect from it was found)"
    redirect = site.redirect or ""
    here = " (this page's address)" if _same_url(redirect, site.url) else ""
    return SERVED[served].format(
        same=_same_address(change),
        redirect=redirect + here,
        replaced_by=site.replaced_by or "",
    )


def _same_url(one: str, other: str | None) -> bool:
    return other is not None and one.rstrip("/") == other.rstrip("/")


def _same_address(change: FileChange) -> str:
    old_path = change.old_path or change.path
    if old_path.lower() == change.path.lower():
        return "a case-only rename on a site whose addresses ignore case"
    return f"the site publishes {old_path} and {change.path} at one address"


def _kind(change: FileChange, site: PageFacts) -> list[str]:
    return [f"What it is: {KINDS[site.kind]}"] if site.kind in KINDS else []


def _replaces(change: FileChange, site: PageFacts) -> list[str]:
    return [
        f"It now publishes the address of {site.replaces}, which this range removes: "
        "judge the two as one page"
    ]


def _moved_text(change: FileChange, site: PageFacts) -> list[str]:
    lines = []
    for runs, title, arrow in (
        (site.moved_text, "Removed text that reappears in this range", "→"),
        (site.moved_in, "Added text that this range removed elsewhere (moved here)", "←"),
        (site.echoed_in, "Removed text that reappears in a file this page does not link to", "→"),
    ):
        shown = [
            f"lines {run.start}-{run.end} {arrow} "
            + ("elsewhere in this file" if run.path == change.path else run.path)
            for run in runs
        ]
        if shown:
            lines.append(f"{title}: {_listed(shown)}")
    return lines


def _title(change: FileChange, site: PageFacts) -> list[str]:
    return [f"Page title: {shorten(site.page_title or '', PAGE_TITLE_LIMIT)}"]


def _included(change: FileChange, site: PageFacts) -> list[str]:
    pages = site.included_in
    return [f"Shown in {_count(len(pages), 'page')}: {_listed(pages)}"]


def _removed_with(change: FileChange, site: PageFacts) -> list[str]:
    return [f"Removed together with the page that showed it: {site.removed_with}"]


def _shown_nowhere(change: FileChange, site: PageFacts) -> list[str]:
    return ["No page showed this shared file at the start of the range either"]


def _moved_out(change: FileChange, site: PageFacts) -> list[str]:
    lines = _count(site.moved_lines, "line")
    return [f"Moved in this range: {lines} this file lost reappear in {_listed(site.moved_to)}"]


def _bumps(change: FileChange, site: PageFacts) -> list[str]:
    return [_bump(bump) for bump in site.version_bumps]


def _bump(bump: VersionBump) -> str:
    files = _count(bump.files, "file")
    stated = "; one of them states it as a minimum or requirement" if bump.minimum else ""
    return f"Version {bump.old} → {bump.new}: the same replacement in {files} of this range{stated}"


def _navigation(change: FileChange, site: PageFacts) -> list[str]:
    facts = site.navigation or NavigationFacts()
    lines = [
        f"Navigation entries: {facts.dropped} whose page no longer appears, "
        f"{facts.gained} whose page did not appear before"
    ]
    if facts.lost:
        lines.append(
            "Entries dropped whose page this range removes, or moves with no redirect found: "
            + _entries(facts.lost)
        )
    if facts.new_pages:
        lines.append("Entries added for pages this range adds: " + _entries(facts.new_pages))
    return lines


def _entries(found: Sequence[tuple[str, str]]) -> str:
    return _listed([f"{title} ({page})" for title, page in found])


def _announces(change: FileChange, site: PageFacts) -> list[str]:
    return [
        "Entries added here that announce a removal, deprecation or incompatible change: "
        + "; ".join(f"“{text}”" for text in site.announces)
    ]


def _shown_names(change: FileChange, site: PageFacts) -> list[str]:
    files: dict[str, list[str]] = {}
    for name, path in site.shown_names:
        files.setdefault(path, []).append(name)
    return [
        f"Shared file this page now shows: {path}; it documents {_listed(names[:MAX_NAMES])}"
        for path, names in files.items()
    ]


SITE_FACTS: tuple[tuple[tuple[str, ...], Fact], ...] = (
    (("kind",), _kind),
    (("page_title",), _title),
    (("url", "old_url", "redirect", "served", "keeps_address", "replaced_by"), _addresses),
    (("replaces",), _replaces),
    (("moved_text", "moved_in", "echoed_in"), _moved_text),
    (("included_in",), _included),
    (("removed_with",), _removed_with),
    (("shown_nowhere",), _shown_nowhere),
    (("moved_to", "moved_lines"), _moved_out),
    (("version_bumps",), _bumps),
    (("navigation",), _navigation),
    (("announces",), _announces),
    (("shown_names",), _shown_names),
)
"""The fields of ``PageFacts`` worded together, and their words; a field not named here is
shown as its name and value."""


def _is_set(site: PageFacts, field: dataclasses.Field) -> bool:
    default = (
        field.default_factory()
        if field.default_factory is not dataclasses.MISSING
        else field.default
    )
    return getattr(site, field.name) != default


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut to ``limit`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _listed(value: object) -> str:
    if not isinstance(value, (list, tuple)):
        return str(value)
    shown = ", ".join(str(item) for item in value[:MAX_LISTED])
    more = len(value) - MAX_LISTED
    return f"{shown}, and {more} more" if more > 0 else shown


def _observed(signal: Signal, english: i18n.Catalogue) -> str | None:
    words = OBSERVED.get(signal.kind)
    if words is not None:
        return words.format(**{key: str(value) for key, value in signal.detail.items()})
    return phrase(signal, english)


@functools.cache
def _english() -> i18n.Catalogue:
    return i18n.catalogue("en_US")


def _signal_text(signal: Signal) -> str:
    detail = ", ".join(
        f"{key}={value}" for key, value in signal.detail.items() if value not in (None, "")
    )
    where = f" (line {signal.line}, {signal.side})" if signal.line else ""
    return f"{signal.kind}{where}: {detail}" if detail else f"{signal.kind}{where}"
