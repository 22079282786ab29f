"""RUBRIC.md as rules over structural signals: one type per file, the reason and a confidence.

The page's status decides first (removed or moved: breaking; added: new feature). For a
modified page the signals of ``insight.analysis.document.signals`` are weighed as evidence: what a
reader of the old text relied on and lost (sections, pivots, code samples, table rows,
availability, a version in a sample, a retirement notice) against what is new to use (sections,
pivots, samples, rows, regions, TOC entries). Each weight below names the rubric line it
implements. Size alone decides nothing (tie-break 4): weights saturate, and a rewrite that
keeps its lines (moved, re-indented, retitled) weighs nothing.

``trivial`` marks noise a model need not read: metadata, whitespace, link targets and
typo-size edits only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import partial

from insight.analysis import evidence
from insight.analysis.document.signals import analyze
from insight.analysis.document.signals import read_through as _read_through
from insight.analysis.document.words import HEADING_ATTRIBUTES, name_key
from insight.analysis.site import kinds
from insight.lexicon import Lexicon
from insight.lexicon import load as load_lexicon
from insight.models import (
    BREAKING,
    MINOR,
    NEW_FEATURE,
    SERVED_REDIRECT,
    SERVED_REPLACED,
    SERVED_SAME,
    SERVED_VERSION,
    Assessment,
    FileChange,
    NavigationFacts,
    PageFacts,
    Signal,
    VersionBump,
)

CONTENT_CONFIDENCE = 0.9
"""A verdict weighed from a file's content is at most this sure: below what an address that
stops serving, a new page or a navigation entry shows (measured on the labelled sets: 173 of
174 verdicts from addresses were right, 127 of 152 weighed from content)."""
TRIVIAL_WORDS = 3
"""A wording edit of at most this many words in one line is typo-size."""
_WORDS = re.compile(r"\w+")


@dataclass(frozen=True)
class Rules:
    """What the verdict weighs with: the evidence's numbers and the words it reads."""

    weights: evidence.Weights
    lexicon: Lexicon


def signals_of(change: FileChange, lexicon: Lexicon | None = None) -> tuple[Signal, ...]:
    """The structural signals the rules read (see ``insight.analysis.document.signals``)."""
    return analyze(change, lexicon)


def read_through(change: FileChange) -> bool:
    """Whether ``signals_of`` reads the change (else it has none to give)."""
    return _read_through(change)


def assess(
    change: FileChange,
    signals: Sequence[Signal],
    page: PageFacts | None = None,
    weights: evidence.Weights | None = None,
    *,
    lexicon: Lexicon | None = None,
) -> Assessment:
    """One type per file, the reason, a confidence; the deciding signals lead ``signals``.
    ``page`` is what the change set says of the file: what it is to the site, whether its old
    address still serves, where its lost text went. ``weights`` are the evidence's numbers
    (``evidence.shipped_weights()`` unless given); ``lexicon`` names the navigation headings
    and the kinds forced trivial (the shipped lexicon unless given)."""
    lexicon = lexicon or load_lexicon()
    rules = Rules(weights or evidence.shipped_weights(), lexicon)
    page = page or PageFacts(kind=kinds.kind_of(change.path, kinds.text_of(change)))
    signals = tuple(signals)
    if page.kind == kinds.MEDIA:
        return Assessment(MINOR, "image or video file", 0.95, True, signals)
    if page.navigation is not None:
        return _assess_navigation(change, page.navigation, signals, lexicon)
    if page.kind == kinds.DATA and change.status == "modified" and signals:
        # A data file read at build time: judged by what its values change on the pages.
        return _assess_content(change, page, signals, rules)
    if page.kind in (kinds.DATA, kinds.OTHER):
        # Configuration, data or code: its status alone makes it no new or removed page.
        return Assessment(MINOR, "not a page (configuration, data or code)", 0.75, signals=signals)
    if page.paired is not None and change.status == "removed":
        # Its address is another file's now, or leads to it: the move is judged on that file.
        if page.served == SERVED_VERSION:
            reason = f"carried to {page.paired.path}, its address with a version folder added"
        elif page.replaced_by:
            reason = f"its address is now published by {page.paired.path}"
        else:
            reason = f"moved to {page.paired.path}, where its old address redirects"
        return Assessment(MINOR, reason, 0.85, signals=signals)
    if page.paired is not None:
        # A file that publishes a removed file's address, or that it now redirects to (with
        # most of its text): one move, judged by its content.
        served = {
            SERVED_REDIRECT: "moved with a redirect",
            SERVED_VERSION: "carried to a version folder",
        }.get(page.served or "", "same address")
        why = f"{page.paired.old_path} → {page.paired.path}: {served}"
        paired = analyze(page.paired, lexicon)
        return _judged_by_content(why, page.paired, paired, page, rules)
    if change.status == "removed":
        return _assess_removal(change, page, signals)
    if page.announces and change.status != "renamed":
        # A new release entry that announces breaking changes, removals or deprecations.
        reason = f"announces breaking changes: {page.announces[0]}"
        return Assessment(BREAKING, reason, 0.75, signals=signals)
    if change.status == "renamed":
        return _assess_move(change, page, signals, rules)
    if change.status in ("added", "copied"):
        if kinds.is_stub(change):
            reason = "new page with nothing of its own to read (front matter and title only)"
            return Assessment(MINOR, reason, 0.7, signals=signals)
        if page.kind == kinds.INCLUDE:
            return Assessment(NEW_FEATURE, "new shared text", 0.9, signals=signals)
        return Assessment(NEW_FEATURE, "new page", 0.95, signals=signals)
    if change.status == "changed":
        return Assessment(MINOR, "file type changed", 0.5, signals=signals)
    if change.binary:
        return Assessment(MINOR, "binary document", 0.5, signals=signals)
    return _assess_content(change, page, signals, rules)


def _assess_removal(change: FileChange, page: PageFacts, signals: tuple[Signal, ...]) -> Assessment:
    """A removed page breaks its address, even with a redirect: what the reader relied on is
    gone from where it was. Shared text that publishes no page of its own is judged by the
    pages that showed it: gone from them, unless it moved elsewhere in the range, went with
    the page that showed it (that page's removal says it), or no page showed it."""
    if page.kind == kinds.INCLUDE:
        if page.moved_to:
            return Assessment(
                MINOR, f"shared text moved to {page.moved_to[0]}", 0.7, signals=signals
            )
        if page.removed_with:
            reason = f"removed with the page that showed it, {page.removed_with}"
            return Assessment(MINOR, reason, 0.8, signals=signals)
        if page.shown_nowhere:
            reason = "shared text that no page showed (a draft or a leftover)"
            return Assessment(MINOR, reason, 0.75, signals=signals)
        reason = "shared text removed from the pages that showed it"
        return Assessment(BREAKING, reason, 0.9, signals=signals)
    if page.redirect:  # the address serves another page: what stood there is gone
        reason = f"page removed: its content is gone; the old address redirects to {page.redirect}"
    else:
        reason = "page removed: links and bookmarks break"
    return Assessment(BREAKING, reason, 0.95, signals=signals, certain=True)


def _assess_move(
    change: FileChange,
    page: PageFacts,
    signals: tuple[Signal, ...],
    rules: Rules,
) -> Assessment:
    """A move breaks links unless the old address still serves (the same address, a redirect,
    a version folder under one address); then the file is judged by its content change alone
    (RUBRIC.md, moves and redirects). Shared text has no address: moved, it breaks nothing
    when the pages that show it now point to its new path."""
    if page.served is None and not (page.kind == kinds.INCLUDE and page.whole):
        if page.kind == kinds.INCLUDE:
            # A diff alone cannot tell whether the pages that show it follow it.
            reason = "shared text moved; no page in the diff shows it at its new path"
            return Assessment(BREAKING, reason, 0.6, signals=signals)
        reason = "page moved: links and bookmarks to the old address break"
        return Assessment(BREAKING, reason, 0.95, signals=signals, certain=True)
    why = {
        SERVED_SAME: "moved; same address",
        SERVED_REDIRECT: "moved with a redirect from its old address",
        SERVED_VERSION: "carried to another version folder",
        SERVED_REPLACED: "moved; another file now publishes its old address",
    }.get(page.served or "", "shared text moved; it publishes no page of its own")
    return _judged_by_content(why, change, signals, page, rules)


def _judged_by_content(
    why: str,
    change: FileChange,
    signals: tuple[Signal, ...],
    page: PageFacts,
    rules: Rules,
) -> Assessment:
    if not signals:
        return Assessment(MINOR, why, 0.9, True, signals)
    judged = _assess_content(change, page, signals, rules)
    return replace(judged, reason=f"{why}; {judged.reason}")


def _assess_content(
    change: FileChange,
    page: PageFacts,
    signals: tuple[Signal, ...],
    rules: Rules,
) -> Assessment:
    """A file judged by what changed in its text: what it lost and what it gained, less what
    moved within the range (RUBRIC.md, "Content moved elsewhere"): text it lost that went
    elsewhere is no removal, text it gained that came from elsewhere is nothing new."""
    moved = [signal for signal in signals if _moved(signal, page)]
    if moved:
        moved += evidence.reshaped_with(moved, signals)
        rest = tuple(signal for signal in signals if signal not in moved)
        other = _moved(moved[0], page)
        shown = "elsewhere in the page" if other == change.path else other
        why = f"content moved {'to' if moved[0].side == 'old' else 'here from'} {shown}"
        if not rest:
            return Assessment(MINOR, why, 0.75, signals=signals)
        still = replace(page, moved_text=(), moved_to=(), moved_in=())
        judged = _assess_content(change, still, rest, rules)
        return replace(
            judged, reason=f"{why}; {judged.reason}", signals=judged.signals + tuple(moved)
        )
    if page.version_bumps:
        return _assess_bumped(page.version_bumps, signals, rules)
    return _assess_edit(signals, rules)


def _moved(signal: Signal, page: PageFacts) -> str | None:
    """The other file of the text a signal stands for, when that text moved within the range:
    where a removal went (all of what the file lost, when most of it went to one place; a
    section or entry whose name a shared file the page now shows documents), where an
    addition came from."""
    line = signal.line
    named = signal.detail.get("heading") or signal.detail.get("name")
    if signal.side == "old" and page.shown_names and isinstance(named, str):
        shown_names = dict(page.shown_names)
        key = name_key(named)
        shown = shown_names.get(key) or shown_names.get(key.lstrip(":$@"))
        if shown:
            return shown  # a section or entry now documented in a file the page shows
    if signal.side == "old" and signal.kind in evidence.REMOVAL_KINDS:
        if page.moved_to:
            return page.moved_to[0]
        runs = page.moved_text
    elif signal.side == "new" and signal.kind in evidence.ADDITION_KINDS:
        runs = page.moved_in
    else:
        return None
    if line is None:
        return None
    return next((run.path for run in runs if run.start <= line <= run.end), None)


def _assess_bumped(
    bumps: Sequence[VersionBump],
    signals: tuple[Signal, ...],
    rules: Rules,
) -> Assessment:
    """A version bump the file shares with others of the range gets one meaning for all:
    a raised minimum or requirement is breaking; the current version in examples moving on is
    routine, and the rest of the file decides."""
    shared = {(bump.old, bump.new): bump for bump in bumps}
    bumped = [
        signal
        for signal in signals
        if signal.kind == "version_changed"
        and (_bare(signal.detail["old"]), _bare(signal.detail["new"])) in shared
    ]
    if not bumped:
        return _assess_edit(signals, rules)
    rest = tuple(signal for signal in signals if signal not in bumped)
    first = shared[(_bare(bumped[0].detail["old"]), _bare(bumped[0].detail["new"]))]
    if any(bump.minimum for bump in bumps):
        minimum = next(bump for bump in bumps if bump.minimum)
        reason = f"minimum version raised: {minimum.old} → {minimum.new} ({minimum.files} files)"
        return Assessment(BREAKING, reason, 0.75, signals=tuple(bumped) + rest)
    why = f"version {first.old} → {first.new} updated in {first.files} files of the range"
    if not rest:
        return Assessment(MINOR, why, 0.8, signals=tuple(bumped))
    edit = _assess_edit(rest, rules)
    if edit.type != MINOR:
        return replace(edit, signals=edit.signals + tuple(bumped))
    return replace(edit, reason=f"{why}; {edit.reason}", signals=tuple(bumped) + edit.signals)


def _bare(version: str) -> str:
    return version[1:] if version[:1] in "vV" else version


def _assess_navigation(
    change: FileChange, facts: NavigationFacts, signals: tuple[Signal, ...], lexicon: Lexicon
) -> Assessment:
    """A navigation file by the pages of its entries, whatever its own status (RUBRIC.md,
    navigation files): an entry lost with its page breaks; one for a new page is new."""
    if facts.lost:
        lead = _entry_signals("toc_entry_removed", facts.lost, signals)
        reason = (
            "navigation entry dropped with its page (removed, or moved without a redirect): "
            + facts.lost[0][1]
        )
        return Assessment(BREAKING, reason, 0.9, signals=lead)
    if facts.new_pages:
        lead = _entry_signals("toc_entry_added", facts.new_pages, signals)
        reason = f"navigation entry for a new page: {facts.new_pages[0][1]}"
        return Assessment(NEW_FEATURE, reason, 0.9, signals=lead)
    reason = "navigation regrouped or retitled; every page stays reachable"
    trivial = change.status == "modified" and _is_trivial(signals, lexicon)
    return Assessment(MINOR, reason, 0.8, trivial, _minor_order(signals))


def _entry_signals(
    kind: str, found: Sequence[tuple[str, str]], signals: tuple[Signal, ...]
) -> tuple[Signal, ...]:
    """The signals that name the deciding entries, first: the detector's own when it saw the
    entry (removed, or pointed elsewhere), else one made from the entry."""
    side = "old" if kind == "toc_entry_removed" else "new"
    lead = []
    for name, page in found:
        for signal in signals:
            key = side if signal.kind == "toc_entry_retargeted" else "href"
            target = signal.detail.get(key)
            if (
                signal.kind in (kind, "toc_entry_retargeted")
                and isinstance(target, str)
                and target
                and page.endswith(target.split("#", 1)[0].lstrip("./"))
            ):
                if signal not in lead:
                    lead.append(signal)
                break
        else:
            lead.append(Signal(kind, None, side, {"name": name, "href": page}))
    return tuple(lead) + tuple(signal for signal in signals if signal not in lead)


def _assess_edit(signals: tuple[Signal, ...], rules: Rules) -> Assessment:
    weights, lexicon = rules.weights, rules.lexicon
    changelog = _is_changelog(signals)
    context = evidence.Context.of(signals, partial(_aside, lexicon=lexicon))
    lost = evidence.weigh(context, evidence.BREAKING_SIDE, weights, changelog)
    gained = evidence.weigh(context, evidence.NEW_SIDE, weights)
    if lost.weight >= weights.deciding and (
        lost.decided or lost.weight >= weights.breaking_share * min(gained.weight, weights.tie_cap)
    ):
        return _verdict(BREAKING, lost, gained, signals)
    if gained.weight >= weights.deciding:
        return _verdict(NEW_FEATURE, gained, lost, signals)
    if _is_trivial(signals, lexicon):
        return Assessment(MINOR, _minor_reason(signals), 0.97, True, _minor_order(signals))
    confidence = 0.8 - 0.25 * max(lost.weight, gained.weight)
    return Assessment(
        MINOR, _minor_reason(signals), round(confidence, 2), False, _minor_order(signals)
    )


def _verdict(
    kind: str, winner: evidence.Weighed, loser: evidence.Weighed, signals: tuple[Signal, ...]
) -> Assessment:
    margin = winner.weight - loser.weight
    confidence = min(CONTENT_CONFIDENCE, 0.55 + 0.1 * margin + 0.05 * min(winner.weight, 4))
    lead = winner.signals()
    rest = [signal for signal in signals if signal not in lead]
    return Assessment(kind, winner.reason(), round(confidence, 2), False, tuple(lead + rest))


def _is_changelog(signals: Sequence[Signal]) -> bool:
    """A what's-new page: a section titled by a date (``## March 2025``) came or went."""
    return any(
        signal.kind in ("section_added", "section_removed") and signal.detail["dated"]
        for signal in signals
    )


def _aside(heading: str, lexicon: Lexicon) -> bool:
    """The heading of a section beside what the page documents: one that only points
    elsewhere (it is, or it says, one of the lexicon's ``navigation_headings``: "Take the
    next step", "See also:"), or one about the project and its people (it ends with one of
    ``project_headings``: "Gold Sponsors", "Meet the team", "FastAPI Conf", its id's words
    too: "Конференція FastAPI { #fastapi-conf }"). A parameter's own heading ("-Team")
    documents the parameter, and one that ends in a file's name ("Edit `nginx.conf`") that
    file."""
    words = " " + " ".join(_WORDS.findall(heading.casefold())) + " "
    if any(f" {phrase} " in words for phrase in lexicon.navigation_headings):
        return True
    ends = words.rstrip()
    shown = HEADING_ATTRIBUTES.sub("", heading.casefold()).rstrip(" `*_")
    return not heading.lstrip().startswith("-") and any(
        ends.endswith(f" {phrase}") and not shown.endswith(f".{phrase}")
        for phrase in lexicon.project_headings
    )


# --- minor update ------------------------------------------------------------------------------


def _is_trivial(signals: Sequence[Signal], lexicon: Lexicon) -> bool:
    """Noise with high confidence: nothing but metadata, formatting, link targets or typos.

    Links added to or removed from words that stay (no prose added or removed) count as
    link maintenance; a wording edit of at most ``TRIVIAL_WORDS`` words in one line as a typo.
    A config's ``[rules] trivial_kinds`` adds kinds to the declared ones (``lexicon``).
    """
    if not signals:
        return False
    for signal in signals:
        trivial_kind = signal.kind in evidence.TRIVIAL_KINDS or signal.kind in lexicon.trivial_kinds
        if trivial_kind or _typo_size(signal):
            continue
        return False
    return True


def _typo_size(signal: Signal) -> bool:
    """A wording edit of one line (up to three words) or two lines (up to two words each)."""
    detail = signal.detail
    if signal.kind != "text_edited" or detail["lines"] > 2:
        return False
    return detail["words"] <= max(TRIVIAL_WORDS, 2 * detail["lines"])


def _minor_order(signals: Sequence[Signal]) -> tuple[Signal, ...]:
    """The signals of a minor update in the order of ``evidence.KINDS``."""
    rank = evidence.RANK
    return tuple(sorted(signals, key=lambda signal: rank.get(signal.kind, len(rank))))


def _minor_reason(signals: Sequence[Signal]) -> str:
    kinds = {signal.kind for signal in signals}
    if not kinds:
        return "no structural change found"
    if kinds == {"front_matter_changed"}:
        keys = ", ".join(signal.detail["key"] for signal in signals)
        return f"metadata only ({keys})"
    parts = []
    for kind, label in evidence.LABELS:
        if kind in kinds and label not in parts:
            parts.append(label)
    return ", ".join(parts[:4]) if parts else "small edits with no new or removed capability"
