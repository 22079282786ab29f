"""Every kind of signal, declared once: which type it speaks for, how much, and why.

A signal is evidence for one of the rubric's three types (RUBRIC.md): ``breaking`` (what a
reader of the old text relied on and lost), ``new`` (something new to use) or ``minor``
(nothing to act on). Each declaration names the rubric line it serves, its weight (the
numbers live in ``weights.toml``, fitted by ``benchmarks/fit_weights.py``), when a signal of
its kind counts at all and how much (``counts``: a section of three lines is no section), and
the words of the reason it gives. Everything else is derived from this table: the kinds the
analysis may give, the noise that needs no model (``trivial``), what still breaks on a
what's-new page, what a file loses (and may have moved elsewhere), the order in which a minor
update names its signals.

Groups cap what a kind says together: changed values and versions in prose and tables never
decide alone (routine table upkeep), and a longer list of new entries says no more than two.
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from insight.analysis.document.words import name_key
from insight.models import Signal

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

BREAKING_SIDE = "breaking"
NEW_SIDE = "new"
MINOR_SIDE = "minor"
UNTAGGED = frozenset(("", "text", "txt", "plaintext", "plain", "no-highlight", "nohighlight"))
"""Fence languages that name no language: a sample shown plain."""
KEPT_SAMPLE = 0.8
"""A sample removed whose lines the page still shows at least this much was merged."""
_IDENTIFIER = re.compile(r"`[^`]+`|\b[A-Za-z]+[-.]?\d[\w.-]*\b|\b\w+-\w+-\w+\b")


@dataclass
class Context:
    """What the signals of one file say together, for the kinds whose weight depends on the
    others: text and samples added beside what was removed, rows going both ways per table.
    ``spent`` tracks what a kind already used up (samples added that a removed one replaced)."""

    signals: Sequence[Signal]
    words_added: int = 0
    """The words of the prose lines the page gained."""
    words_reworded: int = 0
    """The words its edited prose lines changed."""
    words_aside: int = 0
    """The words of the sections it lost that stood beside what it documents (Sponsors, See
    also, a list of links): no documentation removed."""
    code_added: Counter[str] = field(default_factory=Counter)
    rows: dict[str, Counter[str]] = field(default_factory=dict)
    reworked: Counter[str] = field(default_factory=Counter)
    entries: int = 0
    reshaped: frozenset[str] = frozenset()
    """Names a section lost and an entry gained, or the other way round: one thing written
    in another shape (a method's own section become a definition-list entry)."""
    new_sections: list[tuple[int, int]] = field(default_factory=list)
    """The lines of the new page each added section spans."""
    aside: Callable[[str], bool] = lambda heading: False
    """Whether a heading names a section beside what the page documents (See also, Sponsors)."""

    @classmethod
    def of(cls, signals: Sequence[Signal], aside: Callable[[str], bool]) -> Context:
        context = cls(signals, aside=aside)
        context.rows = {"table_row_added": Counter(), "table_row_removed": Counter()}
        for signal in signals:
            detail = signal.detail
            if signal.kind == "text_added":
                context.words_added += detail.get("words", 0)
            elif signal.kind == "text_edited":
                context.words_reworded += detail.get("words", 0)
            elif signal.kind == "code_added":
                context.code_added[detail["language"].lower()] += detail["lines"]
            elif signal.kind in context.rows:
                context.rows[signal.kind][detail["table"]] += 1
            elif signal.kind == "table_row_changed":
                context.reworked[detail.get("table", "")] += 1
            elif signal.kind == "section_added" and signal.line is not None:
                context.new_sections.append((signal.line, signal.line + detail["lines"] - 1))
            elif signal.kind == "section_removed" and (
                aside(detail["heading"]) or detail.get("pointers")
            ):
                context.words_aside += detail.get("words", 0)
        context.reshaped = _reshaped(signals)
        return context


def _reshaped(signals: Sequence[Signal]) -> frozenset[str]:
    """The names of what went in one shape (a section, a list entry, a table row) and came
    back in another (``Context.reshaped``)."""
    shapes: dict[str, dict[str, set[str]]] = {
        "removed": defaultdict(set),
        "added": defaultdict(set),
    }
    for signal in signals:
        if signal.kind in _RESHAPED:
            shape, field_name = _RESHAPED[signal.kind]
            direction = "removed" if signal.kind.endswith("_removed") else "added"
            shapes[direction][name_key(signal.detail[field_name])].add(shape)
    return frozenset(
        name
        for name, gone in shapes["removed"].items()
        if any(came != went for came in shapes["added"].get(name, ()) for went in gone)
    )


def reshaped_with(moved: Sequence[Signal], signals: Sequence[Signal]) -> list[Signal]:
    """The signals that are one of ``moved`` in another shape: the section a moved-in entry
    of the same name was (its text moved with it)."""
    paired = _reshaped(signals) & {
        _shaped_name(signal) for signal in moved if signal.kind in _RESHAPED
    }
    return [
        signal
        for signal in signals
        if signal.kind in _RESHAPED and signal not in moved and _shaped_name(signal) in paired
    ]


def _shaped_name(signal: Signal) -> str:
    """The name a section, entry or row signal stands for, as names are compared."""
    return name_key(signal.detail[_RESHAPED[signal.kind][1]])


Counts = Callable[[Signal, Context], float]


def _always(signal: Signal, context: Context) -> float:
    return 1.0


@dataclass(frozen=True)
class Kind:
    """One kind of signal: the type it speaks for and when, how much, and in which words."""

    name: str
    side: str
    rubric: str
    why: str | Callable[[Signal], str] = ""
    """The reason's words, formatted with the signal's detail (or made from the signal)."""
    counts: Counts = _always
    """How much one signal counts (times the weight); 0 when it is no evidence."""
    group: str | None = None
    """A group whose signals count together up to its cap (``weights.toml``, ``[caps]``)."""
    trivial: bool = False
    """Alone, signals of this kind are noise a model need not read."""
    on_changelog: bool = False
    """Still evidence on a what's-new page, whose old entries are archived, not withdrawn."""
    removal: bool = False
    """What a file loses: when its text reappears elsewhere in the range, it moved."""
    addition: bool = False
    """What a file gains: when its text came from elsewhere in the range, it is not new."""
    decides: bool = False
    """The page says it itself (release notes flag a breaking change): wins over what is new."""
    label: str | None = None
    """How a minor update made of this kind is summed up ("typo fixes")."""

    def reason(self, signal: Signal) -> str:
        if callable(self.why):
            return self.why(signal)
        return self.why.format_map(_Shown(signal.detail))

    def weight(self, weights: Mapping[str, float]) -> float:
        return weights.get(self.name, 0.0)


class _Shown(dict):
    """A signal's detail for a reason's words: a missing key reads as empty."""

    def __missing__(self, key: str) -> str:
        return ""


# --- when a signal counts ------------------------------------------------------------------


SMALL_SECTION = 15
"""Words below a heading that make a section (fewer are a sentence or two), and words a page
gains that make a rewrite."""
NAMED_HEADING = re.compile(r"`|\(\)|^\s*--?[^\W\d]|^[\w.:-]*[a-z][A-Z][\w.:-]*\s*$|^\w+[_.]\w")
"""A heading that names something readers type: code, a call, an option (``--force``,
``-Path``), a name in camel case or with ``_`` or ``.`` (``CheckOperator``, ``site_url``)."""

_RESHAPED = {
    "section_removed": ("section", "heading"),
    "section_added": ("section", "heading"),
    "entry_removed": ("entry", "name"),
    "entry_added": ("entry", "name"),
    "table_row_removed": ("row", "row"),
    "table_row_added": ("row", "row"),
}
"""The shapes a name can take on a page, and the field of the signal that holds the name."""


def _section_removed(signal: Signal, context: Context) -> float:
    """ "A section, procedure ... is removed": most of its lines went, and not to a what's-new
    archive (a dated section), a list of links elsewhere (Next steps, or any section whose
    items are all links: ``pointers``) or a list of sponsors, and not all of it to another
    heading of the page (``kept``: moved and renamed) or into the text the page gained
    (``restated``: reworded). A sentence or two under a heading of plain words ("How"),
    dropped while the page gains or rewords as much text, went with a rewrite: too little to
    remove a section."""
    detail = signal.detail
    removed = detail["changed"] - detail["moved"]
    aside = context.aside(detail["heading"]) or detail.get("pointers")
    moved = detail.get("kept") or detail.get("restated")
    if aside or detail["dated"] or moved or _reshaped_one(signal, context):
        return 0.0
    words = detail.get("words", SMALL_SECTION)
    rewritten = context.words_added + context.words_reworded
    if words < SMALL_SECTION <= rewritten and not NAMED_HEADING.search(detail["heading"]):
        return 0.0  # a sentence under a heading, dropped in a rewrite
    if removed >= 3 and 2 * detail["changed"] >= detail["lines"]:
        return 1.0 + min(removed, 40) / 40
    return 0.0


def _section_added(signal: Signal, context: Context) -> float:
    """ "A new section that documents a capability": not a list of links or sponsors, not one
    more example of what the page documents, not text the page had under another heading
    (``kept``)."""
    detail = signal.detail
    added = detail["changed"] - detail["moved"]
    aside = context.aside(detail["heading"]) or detail.get("pointers")
    if aside or detail.get("example") or detail.get("kept") or _reshaped_one(signal, context):
        return 0.0
    if added >= 4 and 2 * detail["changed"] >= detail["lines"]:
        return 1.0 + min(added, 40) / 40
    return 0.0


def _at_least(field_name: str, minimum: int) -> Counts:
    def counts(signal: Signal, context: Context) -> float:
        return 1.0 if signal.detail[field_name] >= minimum else 0.0

    return counts


def _code_removed(signal: Signal, context: Context) -> float:
    """A sample removed, unless a sample in its language took its place (a sample with no
    language named, in any: given its language) or the page still shows its lines (samples
    merged into one)."""
    lines = signal.detail["lines"]
    if lines < 3 or signal.detail.get("kept", 0.0) >= KEPT_SAMPLE:
        return 0.0
    language = signal.detail["language"].lower()
    added = context.code_added
    if language in UNTAGGED and added:
        language = max(added, key=added.__getitem__)
    if added[language] >= lines:
        added[language] -= lines
        return 0.0
    return 1.0


def _code_added(signal: Signal, context: Context) -> float:
    """A new sample of five lines or more whose lines the page did not lose elsewhere in the
    same edit (``kept``: an indented code block fenced was there already)."""
    if signal.detail.get("kept", 0.0) >= KEPT_SAMPLE:
        return 0.0
    return 1.0 if signal.detail["lines"] >= 5 else 0.0


def _code_changed(signal: Signal, context: Context) -> float:
    """ "Old sample code no longer works": by how much of the sample was removed."""
    removed = signal.detail["removed"]
    return min(removed, 30) / 15 if removed >= 5 else 0.0


def _dated_twice(signal: Signal, context: Context) -> float:
    """ "Announced as deprecated/retired with a date": a date doubles it."""
    return 2.0 if signal.detail["date"] else 1.0


def _version_changed(signal: Signal, context: Context) -> float:
    """A version in a sample; a patch release (``1.2.3`` → ``1.2.4``) is routine, and versions
    in prose or tables are a refresh (a share of the ``values`` group)."""
    detail = signal.detail
    if _patch_bump(detail["old"], detail["new"]):
        return 0.0
    return 1.0 if detail["in_code"] else 0.3


def _in_code(weight_in_code: float) -> Counts:
    def counts(signal: Signal, context: Context) -> float:
        return weight_in_code if signal.detail["in_code"] else 1.0

    return counts


def _text_removed(signal: Signal, context: Context) -> float:
    """ "An option ... is removed": a lot of prose gone, little written instead, besides the
    sections that stood beside what the page documents (a sponsors' section dropped)."""
    removed = signal.detail["words"] - context.words_aside
    return 1.0 if removed - context.words_added >= 100 else 0.0


def _outside_new_sections(signal: Signal, context: Context) -> float:
    """A limit said inside a section the change adds describes what that section brings (a
    new option's value: "Disabled: users are not allowed"): readers relied on nothing there."""
    line = signal.line
    inside = line is not None and any(start <= line <= end for start, end in context.new_sections)
    return 0.0 if inside else 1.0


def _reshaped_one(signal: Signal, context: Context) -> bool:
    return _shaped_name(signal) in context.reshaped


def _entry_added(signal: Signal, context: Context) -> float:
    """A name-led entry of a reference list: the first counts whole, the next half each;
    none when a section of that name went (the same thing in another shape)."""
    if _reshaped_one(signal, context):
        return 0.0
    context.entries += 1
    return 1.0 if context.entries == 1 else 0.5


def _entry_removed(signal: Signal, context: Context) -> float:
    """An entry removed, unless a section of that name now holds it."""
    return 0.0 if _reshaped_one(signal, context) else 1.0


def _row(opposite: str) -> Counts:
    """Rows gained (or lost) per table, net of rows going the other way in that table; in a
    table regenerated as a whole (more than twice as many rows changed) each counts half; a row
    naming an identifier (code, or letters with digits such as a model or version) counts
    whole, another half."""

    def counts(signal: Signal, context: Context) -> float:
        if _reshaped_one(signal, context):
            return 0.0  # a row that is a section or an entry of its own on the other side
        table = signal.detail["table"]
        against = context.rows[opposite]
        if against[table] > 0:
            against[table] -= 1
            return 0.0
        weight = 1.0 if _IDENTIFIER.search(signal.detail["row"]) else 0.5
        same = sum(1 for other in context.signals if other.kind == signal.kind)
        return weight / 2 if context.reworked[table] > 2 * same else weight

    return counts


def _with_href(signal: Signal, context: Context) -> float:
    return 1.0 if signal.detail.get("href") else 0.0


def _patch_bump(old: str, new: str) -> bool:
    """Two dotted versions that differ only after their second number (1.2.3 → 1.2.4)."""
    old_parts, new_parts = old.split("."), new.split(".")
    return len(old_parts) > 2 and len(new_parts) > 2 and old_parts[:2] == new_parts[:2]


def _versions_group(signal: Signal) -> str | None:
    return None if signal.detail.get("in_code") else "values"


def _sample(verb: str) -> Callable[[Signal], str]:
    def why(signal: Signal) -> str:
        return f"{signal.detail['language'] or 'code'} sample {verb}"

    return why


def _notice(signal: Signal) -> str:
    date = signal.detail["date"]
    return f"retirement notice ({date})" if date else "deprecation notice"


def _sample_line(signal: Signal) -> str:
    return f"sample line changed: {signal.detail['new'] or signal.detail['old']}"


# --- the table -------------------------------------------------------------------------------

B, N, M = BREAKING_SIDE, NEW_SIDE, MINOR_SIDE
KINDS: tuple[Kind, ...] = (
    # In the order a report names them: what names a thing or a value first, then content,
    # then what only reorganises, then metadata and markup.
    Kind("identifier_renamed", B, "a renamed endpoint, package, command, field or setting",
         "'{old}' renamed to '{new}'", _in_code(1.5)),
    Kind("sample_changed", M, "making a sample agree with the text; an include path"),
    Kind("name_corrected", M, "fixing a typo or the case of a name", trivial=True),
    Kind("code_line_changed", B, "a new required parameter; old sample code no longer works",
         _sample_line),
    Kind("default_changed", B, "a changed default", "default {old} → {new}"),
    Kind("minimum_raised", B, "a raised minimum version", "minimum {old} → {new}"),
    Kind("limit_reduced", B, "a limit or quota is reduced", "limit {old} → {new}"),
    Kind("limit_raised", N, "a limit or quota is expanded", "limit {old} → {new}"),
    Kind("statement_corrected", B, "a statement of behaviour readers acted on is corrected",
         "statement corrected: {new}"),
    Kind("capability_lost", B, "something readers relied on no longer holds, said in words",
         "announced: {text}", _outside_new_sections),
    Kind("capability_added", N, "a capability not documented before, said in words",
         "announced: {text}", group="announced"),
    Kind("version_changed", B, "a raised minimum version; a changed version in a sample",
         "version {old} → {new}", _version_changed, on_changelog=True),
    Kind("value_changed", B, "a limit, quota or value changed (never alone)",
         "value {old} → {new}", group="values"),
    Kind("entry_added", N, "a new parameter, option or value", "entry '{name}' added",
         _entry_added, group="entries", addition=True),
    Kind("entry_removed", B, "a parameter, option or value is removed",
         "entry '{name}' removed", _entry_removed),
    Kind("name_removed", B, "a parameter, option or API member the page no longer names",
         "'{name}' no longer documented", group="names", removal=True),
    Kind("sample_key_added", N, "a new field, parameter or option in a reference block",
         "setting '{key}' added to a sample"),
    Kind("breaking_entry_added", B, "release notes flag a breaking change or removal",
         "flagged entry: {text}", on_changelog=True, decides=True),
    Kind("section_renamed", M, "headings reworded", label="headings reworded"),
    Kind("text_added", M, "small clarifications", label="small additions", addition=True),
    Kind("text_removed", B, "an option or procedure is removed (much prose, little instead)",
         "{lines} lines of text removed", _text_removed, removal=True),
    Kind("text_edited", M, "wording", label="wording"),
    Kind("table_row_changed", M, "routine table maintenance", label="table maintenance"),
    Kind("table_row_added", N, "a new model, region, parameter or option", "row added: {row}",
         _row("table_row_removed"), addition=True),
    Kind("table_row_removed", B, "a model, region, parameter or option is removed",
         "row removed: {row}", _row("table_row_added"), removal=True),
    Kind("alert_added", M, "notes that add no capability", label="notes", addition=True),
    Kind("alert_removed", M, "notes", removal=True),
    Kind("alert_changed", M, "formatting", trivial=True),
    Kind("code_changed", B, "old sample code no longer works", _sample("rewritten"),
         _code_changed),
    Kind("include_added", M, "shared content in"),
    Kind("include_removed", M, "shared content out", removal=True),
    Kind("typo_fixed", M, "typos", trivial=True, label="typo fixes"),
    Kind("link_retargeted", M, "link targets fixed or retargeted", trivial=True,
         label="link targets"),
    Kind("include_retargeted", M, "link targets", trivial=True),
    Kind("link_added", M, "links", trivial=True, label="links"),
    Kind("link_removed", M, "links", trivial=True, label="links"),
    Kind("image_replaced", M, "image refreshes", trivial=True, label="images"),
    Kind("image_added", M, "image refreshes"),
    Kind("image_removed", M, "image refreshes", removal=True),
    Kind("heading_level_changed", M, "formatting", trivial=True),
    Kind("front_matter_changed", M, "metadata only", trivial=True, label="metadata"),
    Kind("formatting_changed", M, "formatting", trivial=True),
    Kind("section_removed", B, "a section or procedure is removed",
         "section '{heading}' removed ({lines} lines)", _section_removed, removal=True),
    Kind("section_added", N, "a new section that documents a capability",
         "section '{heading}' added ({lines} lines)", _section_added, addition=True),
    Kind("tab_removed", B, "a code sample is removed (a pivot)", "tab '{tab}' removed",
         _at_least("lines", 3), removal=True),
    Kind("tab_added", N, "a new sample (a pivot)", "tab '{tab}' added", _at_least("lines", 5),
         addition=True),
    Kind("code_removed", B, "a code sample is removed", _sample("removed"), _code_removed,
         removal=True),
    Kind("code_added", N, "a new sample", _sample("added"), _code_added, addition=True),
    Kind("deprecation_added", B, "announced as deprecated or retired with a date", _notice,
         _dated_twice, on_changelog=True),
    Kind("deprecation_removed", M, "a retirement notice withdrawn"),
    Kind("availability_reduced", B, "availability is reduced",
         "availability removed: {column}", on_changelog=True),
    Kind("availability_expanded", N, "availability is expanded",
         "availability added: {column}"),
    Kind("table_column_removed", B, "a parameter or option column is removed",
         "table column '{column}' removed", on_changelog=True),
    Kind("table_column_added", N, "a new parameter or option column",
         "table column '{column}' added"),
    Kind("toc_entry_added", N, "a new page in the navigation", "TOC entry '{name}' added",
         _with_href),
    Kind("toc_entry_removed", M, "navigation (judged by its pages)"),
    Kind("toc_entry_moved", M, "TOC ordering", trivial=True),
    Kind("toc_entry_renamed", M, "TOC titles", trivial=True),
    Kind("toc_entry_retargeted", M, "link targets", trivial=True),
    Kind("yaml_entry_added", N, "a new entry", "entry '{value}' added", addition=True),
    Kind("yaml_entry_removed", M, "entries of a data file"),
    Kind("whitespace_changed", M, "formatting", trivial=True, label="formatting"),
    Kind("comment_changed", M, "hidden comments", trivial=True),
    Kind("image_text_changed", M, "image refreshes", trivial=True),
    Kind("video_added", M, "videos"),
    Kind("video_removed", M, "videos"),
)  # fmt: skip
BY_NAME: Mapping[str, Kind] = {kind.name: kind for kind in KINDS}
SIGNAL_KINDS = tuple(kind.name for kind in KINDS)
"""Every kind of signal the analysis gives."""
TRIVIAL_KINDS = frozenset(kind.name for kind in KINDS if kind.trivial)
REMOVAL_KINDS = frozenset(kind.name for kind in KINDS if kind.removal)
ADDITION_KINDS = frozenset(kind.name for kind in KINDS if kind.addition)
RANK: Mapping[str, int] = {kind.name: rank for rank, kind in enumerate(KINDS)}
"""The order in which a minor update names its signals."""
LABELS: tuple[tuple[str, str], ...] = tuple((k.name, k.label) for k in KINDS if k.label)
"""How a minor update made of each kind is summed up, in the order of ``KINDS``."""


@dataclass(frozen=True)
class Weights:
    """The numbers of ``weights.toml``: each kind's weight, the groups' caps, the thresholds."""

    kinds: Mapping[str, float]
    caps: Mapping[str, float]
    deciding: float
    """Evidence of at least this weight moves a change out of minor update."""
    breaking_share: float
    """Tie-break 1: breaking wins when what was lost weighs at least this share of what is
    new..."""
    tie_cap: float
    """...counted up to this much: past it, more that is new does not make the old text
    right again."""


def read_weights(text: str) -> Weights:
    """``weights.toml`` read and checked: a weight for every kind that is evidence, none
    for a kind that does not exist."""
    data: dict[str, Any] = tomllib.loads(text)
    kinds = {str(name): float(value) for name, value in data.get("weights", {}).items()}
    unknown = sorted(set(kinds) - set(BY_NAME))
    if unknown:
        raise ValueError(f"weights.toml: unknown signal kinds {unknown}")
    missing = sorted(k.name for k in KINDS if k.side != MINOR_SIDE and k.name not in kinds)
    if missing:
        raise ValueError(f"weights.toml: no weight for {missing}")
    thresholds = data.get("thresholds", {})
    return Weights(
        kinds,
        {str(name): float(value) for name, value in data.get("caps", {}).items()},
        float(thresholds["deciding"]),
        float(thresholds["breaking_share"]),
        float(thresholds["tie_cap"]),
    )


def weights_toml(weights: Weights, note: str) -> str:
    """``weights`` as the text of ``weights.toml``: each kind with the rubric line it serves;
    ``note`` says where the numbers come from."""
    lines = [
        "# The weight of each kind of signal as evidence for the type it speaks for",
        "# (insight/analysis/evidence.py declares the kinds, the rubric line each serves and when",
        "# a signal counts at all).",
        *(f"# {line}" for line in note.splitlines()),
        "",
        "[thresholds]",
        f"deciding = {weights.deciding!r}  # evidence of this weight moves a file out of minor",
        f"breaking_share = {weights.breaking_share!r}  # tie-break 1: breaking wins at this share",
        f"tie_cap = {weights.tie_cap!r}  # of what is new, counted up to this much",
        "",
        "[caps]",
        *(f"{group} = {cap!r}" for group, cap in sorted(weights.caps.items())),
        "",
        "[weights]",
    ]
    for side, title in ((BREAKING_SIDE, "breaking change"), (NEW_SIDE, "new feature")):
        lines.append(f"# {title}")
        for kind in KINDS:
            if kind.side == side:
                lines.append(f"{kind.name} = {weights.kinds[kind.name]!r}  # {kind.rubric}")
    return "\n".join(lines) + "\n"


@cache
def shipped_weights() -> Weights:
    """The weights that ship with insight."""
    return read_weights(resources.files(__package__).joinpath("weights.toml").read_text("utf-8"))


@dataclass
class Weighed:
    """Evidence for one type: its weight and the signals that carry it, heaviest first."""

    weight: float = 0.0
    items: list[tuple[float, Signal, str]] = field(default_factory=list)
    decided: bool = False
    """A signal of a kind that ``decides`` is among them."""

    def add(self, weight: float, signal: Signal, why: str, decides: bool) -> None:
        if weight > 0:
            self.weight += weight
            self.items.append((weight, signal, why))
            self.decided = self.decided or decides

    def signals(self) -> list[Signal]:
        return [signal for _, signal, _ in sorted(self.items, key=lambda item: -item[0])]

    def reason(self) -> str:
        heaviest = sorted(self.items, key=lambda item: -item[0])
        whys = list(dict.fromkeys(why for _, _, why in heaviest))
        return "; ".join(whys[:3])


def weigh(context: Context, side: str, weights: Weights, changelog: bool = False) -> Weighed:
    """The evidence the signals of ``context`` give for ``side``: each kind's weight times what
    one signal counts, groups capped; on a what's-new page (``changelog``) only what still
    breaks there. One context serves both sides: what each side uses up is its own."""
    signals = context.signals
    evidence = Weighed()
    used: defaultdict[str, float] = defaultdict(float)
    rows = [signal for signal in signals if signal.kind in context.rows]
    for signal in [signal for signal in signals if signal.kind not in context.rows] + rows:
        kind = BY_NAME.get(signal.kind)
        if kind is None or kind.side != side or (changelog and not kind.on_changelog):
            continue
        weight = kind.weight(weights.kinds) * kind.counts(signal, context)
        group = _versions_group(signal) if kind.name == "version_changed" else kind.group
        if group is not None and weight > 0:
            weight = min(weight, weights.caps[group] - used[group])
            used[group] += max(weight, 0.0)
        evidence.add(weight, signal, kind.reason(signal), kind.decides)
    return evidence
