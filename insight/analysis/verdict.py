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
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from insight.analysis.document.signals import analyze
from insight.analysis.site import kinds
from insight.models import (
    BREAKING,
    MINOR,
    NEW_FEATURE,
    SERVED_REDIRECT,
    SERVED_SAME,
    SERVED_VERSION,
    Assessment,
    FileChange,
    NavigationFacts,
    PageFacts,
    Signal,
    VersionBump,
)

DECIDING = 1.0
"""Evidence of at least this weight moves a change out of minor update."""
BREAKING_SHARE = 0.75
"""Tie-break 1: breaking wins when what was lost weighs at least this share of what is new."""
NAVIGATION = frozenset(
    (
        *("next steps", "next step", "related content", "see also", "additional resources"),
        *("related articles", "learn more", "more resources"),
        *("后续步骤", "相关内容", "另请参阅", "次のステップ", "関連コンテンツ", "関連項目", "参照"),
    )
)
"""Sections that only point elsewhere: renaming or dropping them changes no instruction."""
TRIVIAL_KINDS = frozenset(
    (
        *("front_matter_changed", "whitespace_changed", "typo_fixed", "link_retargeted"),
        *("include_retargeted", "image_replaced", "heading_level_changed", "toc_entry_moved"),
        *("toc_entry_renamed", "toc_entry_retargeted", "link_added", "link_removed"),
        *("formatting_changed", "comment_changed", "image_text_changed", "alert_changed"),
        "name_corrected",
    )
)
"""Signals that alone make a change noise: metadata, formatting, link targets, typos."""
CHANGELOG_BREAKING = frozenset(
    (
        *("deprecation_added", "availability_reduced", "version_changed"),
        *("table_column_removed", "breaking_entry_added"),
    )
)
"""What still breaks on a what's-new page, where old entries are archived, not withdrawn."""
REMOVAL_KINDS = frozenset(
    (
        *("section_removed", "tab_removed", "code_removed", "text_removed"),
        *("table_row_removed", "include_removed", "alert_removed", "image_removed"),
    )
)
"""What a file loses; when it reappears in another file of the range, it moved."""
ANNOUNCED_BREAKING = frozenset(("breaking_entry_added",))
"""Tie-break 1 said by the page itself: release notes that flag a breaking change make the
page breaking, however many entries only add."""
VALUES_WEIGHT = 0.6
"""Values and versions changed in prose and tables weigh at most this much together: never
deciding alone (a refreshed table is routine maintenance)."""
ENTRIES_WEIGHT = 2.0
"""Entries added to a reference list weigh at most this much together."""
TRIVIAL_WORDS = 3
"""A wording edit of at most this many words in one line is typo-size."""
_WORDS = re.compile(r"\w+")
_IDENTIFIER = re.compile(r"`[^`]+`|\b[A-Za-z]+[-.]?\d[\w.-]*\b|\b\w+-\w+-\w+\b")


def signals_of(change: FileChange) -> tuple[Signal, ...]:
    """The structural signals the rules read (see ``insight.analysis.document.signals``)."""
    return analyze(change)


@dataclass
class _Weighed:
    """Evidence for one type: its weight and the signals that carry it, heaviest first."""

    weight: float = 0.0
    items: list[tuple[float, Signal, str]] = field(default_factory=list)

    def add(self, weight: float, signal: Signal, why: str) -> None:
        if weight > 0:
            self.weight += weight
            self.items.append((weight, signal, why))

    def signals(self) -> list[Signal]:
        return [signal for _, signal, _ in sorted(self.items, key=lambda item: -item[0])]

    def reason(self) -> str:
        heaviest = sorted(self.items, key=lambda item: -item[0])
        whys = list(dict.fromkeys(why for _, _, why in heaviest))
        return "; ".join(whys[:3])


def assess(
    change: FileChange, signals: Sequence[Signal], page: PageFacts | None = None
) -> Assessment:
    """One type per file, the reason, a confidence; the deciding signals lead ``signals``.
    ``page`` is what the change set says of the file: what it is to the site, whether its old
    address still serves, where its lost text went."""
    page = page or PageFacts(kind=kinds.kind_of(change.path, kinds.text_of(change)))
    signals = tuple(signals)
    if page.kind == kinds.MEDIA:
        return Assessment(MINOR, "image or video file", 0.95, True, signals)
    if page.navigation is not None:
        return _assess_navigation(change, page.navigation, signals)
    if page.kind in (kinds.DATA, kinds.OTHER):
        # Configuration, data or code: its status alone makes it no new or removed page.
        return Assessment(MINOR, "not a page (configuration, data or code)", 0.75, signals=signals)
    if page.paired is not None:
        # A removed file whose address another file now publishes: one move, judged by content.
        why = f"{page.paired.old_path} → {page.paired.path}: same address"
        return _judged_by_content(why, page.paired, analyze(page.paired), page)
    if change.status == "removed":
        return _assess_removal(change, page, signals)
    if page.announces and change.status != "renamed":
        # A new release entry that announces breaking changes, removals or deprecations.
        reason = f"announces breaking changes: {page.announces[0]}"
        return Assessment(BREAKING, reason, 0.75, signals=signals)
    if change.status == "renamed":
        return _assess_move(change, page, signals)
    if change.status in ("added", "copied"):
        if kinds.is_stub(change):
            reason = "new page with nothing of its own to read (front matter and title only)"
            return Assessment(MINOR, reason, 0.7, signals=signals)
        what = "new shared text" if page.kind == kinds.INCLUDE else "new page"
        return Assessment(NEW_FEATURE, what, 0.85, signals=signals)
    if change.status == "changed":
        return Assessment(MINOR, "file type changed", 0.5, signals=signals)
    if change.binary:
        return Assessment(MINOR, "binary document", 0.5, signals=signals)
    return _assess_content(change, page, signals)


def _assess_removal(change: FileChange, page: PageFacts, signals: tuple[Signal, ...]) -> Assessment:
    """A removed page breaks its address, even with a redirect: what the reader relied on is
    gone from where it was. Shared text that publishes no page of its own is judged by the
    pages that showed it: gone from them, unless it moved elsewhere in the range."""
    if page.kind == kinds.INCLUDE:
        if page.moved_to:
            return Assessment(
                MINOR, f"shared text moved to {page.moved_to[0]}", 0.7, signals=signals
            )
        reason = "shared text removed from the pages that showed it"
        return Assessment(BREAKING, reason, 0.75, signals=signals)
    where = f"; the old address redirects to {page.redirect}" if page.redirect else ""
    reason = f"page removed: links and bookmarks break{where}"
    return Assessment(BREAKING, reason, 0.95, signals=signals, certain=True)


def _assess_move(change: FileChange, page: PageFacts, signals: tuple[Signal, ...]) -> Assessment:
    """A move breaks links unless the old address still serves (the same address, a redirect,
    a version folder under one address); then the file is judged by its content change alone
    (RUBRIC.md, moves and redirects). Shared text has no address: moved, it breaks nothing
    when the pages that show it now point to its new path."""
    if page.served is None and not (page.kind == kinds.INCLUDE and page.included_in):
        if page.kind == kinds.INCLUDE:
            reason = "shared text moved; no page was found that shows it at its new path"
            return Assessment(BREAKING, reason, 0.6, signals=signals)
        reason = "page moved: links and bookmarks to the old address break"
        return Assessment(BREAKING, reason, 0.9, signals=signals, certain=True)
    why = {
        SERVED_SAME: "moved; same address",
        SERVED_REDIRECT: "moved with a redirect from its old address",
        SERVED_VERSION: "carried to another version folder",
    }.get(page.served or "", "shared text moved; the pages that show it point to its new path")
    return _judged_by_content(why, change, signals, page)


def _judged_by_content(
    why: str, change: FileChange, signals: tuple[Signal, ...], page: PageFacts
) -> Assessment:
    if not signals:
        return Assessment(MINOR, why, 0.9, True, signals)
    judged = _assess_content(change, page, signals)
    return replace(judged, reason=f"{why}; {judged.reason}")


def _assess_content(change: FileChange, page: PageFacts, signals: tuple[Signal, ...]) -> Assessment:
    """A file judged by what changed in its text: what it lost and what it gained, less what
    moved elsewhere in the range (RUBRIC.md, "Content moved elsewhere")."""
    moved = [
        signal
        for signal in signals
        if signal.kind in REMOVAL_KINDS
        and signal.side == "old"
        and (page.moved_to or _moved(signal, page))
    ]
    if moved:
        rest = tuple(signal for signal in signals if signal not in moved)
        target = page.moved_to[0] if page.moved_to else _moved(moved[0], page)
        shown = "elsewhere in the page" if target == change.path else target
        why = f"content moved to {shown}"
        if not rest:
            return Assessment(MINOR, why, 0.75, signals=signals)
        judged = _assess_content(change, replace(page, moved_text=()), rest)
        return replace(
            judged, reason=f"{why}; {judged.reason}", signals=judged.signals + tuple(moved)
        )
    if page.version_bumps:
        return _assess_bumped(page.version_bumps, signals)
    return _assess_edit(signals)


def _moved(signal: Signal, page: PageFacts) -> str | None:
    """Where the text a removal signal stands for went, if it went elsewhere in the range."""
    line = signal.line
    if line is None:
        return None
    return next((run.to for run in page.moved_text if run.start <= line <= run.end), None)


def _assess_bumped(bumps: Sequence[VersionBump], signals: tuple[Signal, ...]) -> Assessment:
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
        return _assess_edit(signals)
    rest = tuple(signal for signal in signals if signal not in bumped)
    first = shared[(_bare(bumped[0].detail["old"]), _bare(bumped[0].detail["new"]))]
    if any(bump.minimum for bump in bumps):
        minimum = next(bump for bump in bumps if bump.minimum)
        reason = f"minimum version raised: {minimum.old} → {minimum.new} ({minimum.files} files)"
        return Assessment(BREAKING, reason, 0.75, signals=tuple(bumped) + rest)
    why = f"version {first.old} → {first.new} updated in {first.files} files of the range"
    if not rest:
        return Assessment(MINOR, why, 0.8, signals=tuple(bumped))
    edit = _assess_edit(rest)
    if edit.type != MINOR:
        return replace(edit, signals=edit.signals + tuple(bumped))
    return replace(edit, reason=f"{why}; {edit.reason}", signals=tuple(bumped) + edit.signals)


def _bare(version: str) -> str:
    return version[1:] if version[:1] in "vV" else version


def _assess_navigation(
    change: FileChange, facts: NavigationFacts, signals: tuple[Signal, ...]
) -> Assessment:
    """A navigation file by the pages of its entries, whatever its own status (RUBRIC.md,
    navigation files): an entry lost with its page breaks; one for a new page is new."""
    if facts.lost:
        lead = _entry_signals("toc_entry_removed", facts.lost, signals)
        reason = (
            "navigation entry dropped with its page (removed, or moved without a redirect): "
            + facts.lost[0][1]
        )
        return Assessment(BREAKING, reason, 0.85, signals=lead)
    if facts.new_pages:
        lead = _entry_signals("toc_entry_added", facts.new_pages, signals)
        reason = f"navigation entry for a new page: {facts.new_pages[0][1]}"
        return Assessment(NEW_FEATURE, reason, 0.8, signals=lead)
    reason = "navigation regrouped or retitled; every page stays reachable"
    trivial = change.status == "modified" and _is_trivial(signals)
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


def _assess_edit(signals: tuple[Signal, ...]) -> Assessment:
    lost, gained = _breaking(signals), _new(signals)
    announced = any(signal.kind in ANNOUNCED_BREAKING for signal in lost.signals())
    if lost.weight >= DECIDING and (announced or lost.weight >= BREAKING_SHARE * gained.weight):
        return _verdict(BREAKING, lost, gained, signals)
    if gained.weight >= DECIDING:
        return _verdict(NEW_FEATURE, gained, lost, signals)
    if _is_trivial(signals):
        return Assessment(MINOR, _minor_reason(signals), 0.97, True, _minor_order(signals))
    confidence = 0.8 - 0.25 * max(lost.weight, gained.weight)
    return Assessment(
        MINOR, _minor_reason(signals), round(confidence, 2), False, _minor_order(signals)
    )


def _verdict(
    kind: str, winner: _Weighed, loser: _Weighed, signals: tuple[Signal, ...]
) -> Assessment:
    margin = winner.weight - loser.weight
    confidence = min(0.95, 0.55 + 0.1 * margin + 0.05 * min(winner.weight, 4))
    lead = winner.signals()
    rest = [signal for signal in signals if signal not in lead]
    return Assessment(kind, winner.reason(), round(confidence, 2), False, tuple(lead + rest))


# --- breaking change: what a reader of the old text relied on and lost ----------------------


def _breaking(signals: Iterable[Signal]) -> _Weighed:
    evidence = _Weighed()
    signals = list(signals)
    if _is_changelog(signals):
        # A what's-new page announces; moving old entries out breaks nothing relied on.
        signals = [signal for signal in signals if signal.kind in CHANGELOG_BREAKING]
    values = 0.0
    words_added = sum(s.detail.get("words", 0) for s in signals if s.kind == "text_added")
    code_added: defaultdict[str, int] = defaultdict(int)
    for signal in signals:
        if signal.kind == "code_added":
            code_added[signal.detail["language"].lower()] += signal.detail["lines"]
    for signal in signals:
        detail = signal.detail
        kind = signal.kind
        if kind == "section_removed" and not _navigation(detail["heading"]):
            # "A section, procedure, ... is removed"; dated what's-new entries are archived.
            removed = detail["changed"] - detail["moved"]
            if not detail["dated"] and removed >= 3 and 2 * detail["changed"] >= detail["lines"]:
                why = f"section '{detail['heading']}' removed ({detail['lines']} lines)"
                evidence.add(1.0 + min(removed, 40) / 40, signal, why)
        elif kind == "tab_removed" and detail["lines"] >= 3:
            # "A ... code sample ... is removed": a pivot of a tab group.
            evidence.add(1.5, signal, f"tab '{detail['tab']}' removed")
        elif kind == "code_removed" and detail["lines"] >= 3:
            language = detail["language"].lower()
            if code_added[language] >= detail["lines"]:
                code_added[language] -= detail["lines"]
                continue
            why = f"{detail['language'] or 'code'} sample removed"
            evidence.add(1.0, signal, why)
        elif kind == "code_changed" and detail["removed"] >= 5:
            # "Old sample code no longer works."
            why = f"{detail['language'] or 'code'} sample rewritten"
            evidence.add(min(detail["removed"], 30) / 15, signal, why)
        elif kind == "deprecation_added":
            # "Announced as deprecated/retired with a date."
            why = (
                f"retirement notice ({detail['date']})" if detail["date"] else "deprecation notice"
            )
            evidence.add(2.0 if detail["date"] else 1.0, signal, why)
        elif kind == "breaking_entry_added":
            # Release notes that announce a breaking change, a removal or a deprecation.
            evidence.add(2.0, signal, f"flagged entry: {detail['text']}")
        elif kind == "availability_reduced":
            # "Availability is reduced."
            evidence.add(1.5, signal, f"availability removed: {detail['column']}")
        elif kind == "table_column_removed":
            evidence.add(1.0, signal, f"table column '{detail['column']}' removed")
        elif kind == "version_changed" and not _patch_bump(detail["old"], detail["new"]):
            # "A raised minimum version": a version in a sample; a patch release is routine,
            # and versions in prose or a table alone are a refresh (at most VALUES_WEIGHT).
            weight = 1.0 if detail["in_code"] else min(0.3, VALUES_WEIGHT - values)
            values += 0 if detail["in_code"] else weight
            evidence.add(weight, signal, f"version {detail['old']} → {detail['new']}")
        elif kind == "identifier_renamed":
            # "A renamed endpoint, package, command, field or setting": in a sample, the old
            # text no longer works however much else is new (tie-break 1).
            evidence.add(
                1.5 if detail["in_code"] else 1.0,
                signal,
                f"'{detail['old']}' renamed to '{detail['new']}'",
            )
        elif kind in ("default_changed", "minimum_raised"):
            # "A changed default; a raised minimum version."
            evidence.add(1.0, signal, f"{kind.split('_')[0]} {detail['old']} → {detail['new']}")
        elif kind == "value_changed" and values < VALUES_WEIGHT:
            # A changed value says something only with others: routine table upkeep is minor.
            weight = min(0.25, VALUES_WEIGHT - values)
            values += weight
            evidence.add(weight, signal, f"value {detail['old']} → {detail['new']}")
        elif kind == "statement_corrected":
            # "A reader who followed the old text would now be wrong."
            evidence.add(1.0, signal, f"statement corrected: {detail['new']}")
        elif kind == "entry_removed":
            # "A parameter, option ... is removed": a name-led entry of a reference list.
            evidence.add(1.0, signal, f"entry '{detail['name']}' removed")
        elif kind == "code_line_changed":
            # "A new required step or parameter; old sample code that no longer works."
            evidence.add(1.0, signal, f"sample line changed: {detail['new'] or detail['old']}")
        elif kind == "text_removed" and detail["words"] - words_added >= 100:
            # "An option ... is removed": a lot of prose gone, little written instead.
            evidence.add(1.0, signal, f"{detail['lines']} lines of text removed")
    _weigh_rows(signals, evidence, "table_row_removed", "table_row_added", "row removed")
    return evidence


# --- new feature: something new to use ------------------------------------------------------


def _new(signals: Iterable[Signal]) -> _Weighed:
    evidence = _Weighed()
    signals = list(signals)
    entries = 0.0
    for signal in signals:
        detail = signal.detail
        kind = signal.kind
        if kind == "section_added" and not _navigation(detail["heading"]):
            # "A new section that documents a capability ... not documented before."
            # A numbered one more of a series (Example 4 after Example 3) is one more sample
            # of what is documented: minor.
            added = detail["changed"] - detail["moved"]
            if detail.get("example"):
                continue
            if added >= 4 and 2 * detail["changed"] >= detail["lines"]:
                why = f"section '{detail['heading']}' added ({detail['lines']} lines)"
                evidence.add(1.0 + min(added, 40) / 40, signal, why)
        elif kind == "tab_added" and detail["lines"] >= 5:
            evidence.add(1.5, signal, f"tab '{detail['tab']}' added")
        elif kind == "code_added" and detail["lines"] >= 5:
            evidence.add(0.7, signal, f"{detail['language'] or 'code'} sample added")
        elif kind == "availability_expanded":
            # "Availability ... is expanded (a model arrives in a new region)."
            evidence.add(1.5, signal, f"availability added: {detail['column']}")
        elif kind == "table_column_added":
            evidence.add(1.0, signal, f"table column '{detail['column']}' added")
        elif kind == "toc_entry_added" and detail.get("href"):
            # "A new page ... in the TOC."
            evidence.add(1.5, signal, f"TOC entry '{detail['name']}' added")
        elif kind == "sample_key_added":
            # "A new ... parameter, option" shown in a reference block or sample.
            evidence.add(1.0, signal, f"setting '{detail['key']}' added to a sample")
        elif kind == "entry_added":
            # "A new ... parameter, option ... not documented before": a name-led list entry;
            # a longer list of them says no more than two.
            weight = min(1.0 if not entries else 0.5, ENTRIES_WEIGHT - entries)
            entries += weight
            evidence.add(weight, signal, f"entry '{detail['name']}' added")
        elif kind == "yaml_entry_added":
            evidence.add(0.7, signal, f"entry '{detail['value']}' added")
    _weigh_rows(signals, evidence, "table_row_added", "table_row_removed", "row added")
    return evidence


def _weigh_rows(
    signals: Sequence[Signal], evidence: _Weighed, kind: str, opposite: str, label: str
) -> None:
    """Rows gained (or lost) per table, net of rows going the other way in that table; in a
    table regenerated as a whole (more than twice as many rows changed) each weighs half.

    "A model, region, parameter, option ... added/removed": a row naming an identifier
    (code-formatted, or letters with digits such as a model or version) weighs more.
    """
    against: defaultdict[str, int] = defaultdict(int)
    reworked: defaultdict[str, int] = defaultdict(int)
    for signal in signals:
        if signal.kind == opposite:
            against[signal.detail["table"]] += 1
        elif signal.kind == "table_row_changed":
            reworked[signal.detail.get("table", "")] += 1
    for signal in signals:
        if signal.kind != kind:
            continue
        table = signal.detail["table"]
        if against[table] > 0:
            against[table] -= 1
            continue
        row = signal.detail["row"]
        weight = 1.0 if _IDENTIFIER.search(row) else 0.5
        if reworked[table] > 2 * sum(1 for s in signals if s.kind == kind):
            weight /= 2  # a regenerated table: most of its rows changed along with these
        evidence.add(weight, signal, f"{label}: {row}")


def _patch_bump(old: str, new: str) -> bool:
    """Two dotted versions that differ only after their second number (1.2.3 → 1.2.4)."""
    old_parts, new_parts = old.split("."), new.split(".")
    return len(old_parts) > 2 and len(new_parts) > 2 and old_parts[:2] == new_parts[:2]


def _is_changelog(signals: Sequence[Signal]) -> bool:
    """A what's-new page: a section titled by a date (``## March 2025``) came or went."""
    return any(
        signal.kind in ("section_added", "section_removed") and signal.detail["dated"]
        for signal in signals
    )


def _navigation(heading: str) -> bool:
    """A heading that only points elsewhere: it is, or it says, one of ``NAVIGATION`` ("Take
    the next step", "See also:")."""
    words = " " + " ".join(_WORDS.findall(heading.casefold())) + " "
    return any(f" {phrase} " in words or phrase == words.strip() for phrase in NAVIGATION)


# --- minor update ------------------------------------------------------------------------------


def _is_trivial(signals: Sequence[Signal]) -> bool:
    """Noise with high confidence: nothing but metadata, formatting, link targets or typos.

    Links added to or removed from words that stay (no prose added or removed) count as
    link maintenance; a wording edit of at most ``TRIVIAL_WORDS`` words in one line as a typo.
    """
    if not signals:
        return False
    for signal in signals:
        if signal.kind in TRIVIAL_KINDS or _typo_size(signal):
            continue
        return False
    return True


def _typo_size(signal: Signal) -> bool:
    """A wording edit of one line (up to three words) or two lines (up to two words each)."""
    detail = signal.detail
    if signal.kind != "text_edited" or detail["lines"] > 2:
        return False
    return detail["words"] <= max(TRIVIAL_WORDS, 2 * detail["lines"])


MINOR_ORDER = (
    *("identifier_renamed", "sample_changed", "name_corrected"),
    *("code_line_changed", "default_changed", "minimum_raised"),
    *("statement_corrected", "version_changed", "value_changed", "entry_added"),
    *("entry_removed", "sample_key_added", "breaking_entry_added"),
    *("section_renamed", "text_added", "text_removed", "text_edited", "table_row_changed"),
    *("table_row_added", "table_row_removed", "alert_added", "alert_removed", "alert_changed"),
    *("code_changed", "include_added", "include_removed", "typo_fixed", "link_retargeted"),
    *("include_retargeted", "link_added", "link_removed", "image_replaced", "image_added"),
    *("image_removed", "heading_level_changed", "front_matter_changed", "formatting_changed"),
)
"""The signals of a minor update, most telling first: named values and names, then content,
then metadata and markup."""


def _minor_order(signals: Sequence[Signal]) -> tuple[Signal, ...]:
    """The signals of a minor update in ``MINOR_ORDER``; kinds not listed keep their place last."""
    rank = {kind: index for index, kind in enumerate(MINOR_ORDER)}
    return tuple(sorted(signals, key=lambda signal: rank.get(signal.kind, len(rank))))


def _minor_reason(signals: Sequence[Signal]) -> str:
    kinds = {signal.kind for signal in signals}
    if not kinds:
        return "no structural change found"
    if kinds == {"front_matter_changed"}:
        keys = ", ".join(signal.detail["key"] for signal in signals)
        return f"metadata only ({keys})"
    parts = []
    labels = (
        ("front_matter_changed", "metadata"),
        ("typo_fixed", "typo fixes"),
        ("whitespace_changed", "formatting"),
        ("link_retargeted", "link targets"),
        ("link_added", "links"),
        ("link_removed", "links"),
        ("text_edited", "wording"),
        ("text_added", "small additions"),
        ("alert_added", "notes"),
        ("table_row_changed", "table maintenance"),
        ("image_replaced", "images"),
        ("section_renamed", "headings reworded"),
    )
    for kind, label in labels:
        if kind in kinds and label not in parts:
            parts.append(label)
    return ", ".join(parts[:4]) if parts else "small edits with no new or removed capability"
