"""What changed in a document's structure: the facts the rubric is decided on.

``analyze(change)`` reads a Markdown or YAML change and lists ``Signal``s, each with the line
it came from (``side`` says in which document). It reads the hunks of the patch; the whole
documents, when the source has them, only tell it where each hunk stands (inside a code
fence, a comment or the front matter; how long a section is). Without them the hunks are read
as fragments, so every signal also works on a GitHub ``patch``: a removed ``## Heading`` line
with the removed lines under it is a removed section.

The signals, their details and the rubric line each one serves follow. ``line`` is 1-based
in the new document (``side: new``) or, for what was removed, in the old one (``side: old``).
The rules in ``insight/engines/rules.py`` weigh them against the rubric (RUBRIC.md, summarised
in the README); the heuristic engine names the deciding ones in each locale
(``insight/catalogues/*.toml``, table ``[signal]``).

Only Markdown (`.md`, `.markdown`, `.mdx`) and YAML (`.yml`, `.yaml`) files of a modified,
renamed, copied or type-changed path are read; other files, binaries and pages added or
removed whole give no signals (their status decides their type).

## Markdown

- `section_added`: `heading`, `level`, `lines` (section size), `changed` (its lines added),
  `moved` (of those, lines also removed elsewhere), `dated` (a what's-new heading such as "March
  2025"). Rubric: new feature: a new section that documents a capability.
- `section_removed`: same as above, for the old document. Rubric: breaking: a section or
  procedure is removed.
- `section_renamed`: `old`, `new`, `level` (a page's single `#` title is always a rename).
  Rubric: minor: wording.
- `heading_level_changed`: `heading`, `old_level`, `new_level`. Rubric: minor: formatting.
- `tab_added`, `tab_removed`: `tab`, `lines`: a `# [Label](#tab/id)` pivot that came or went
  with most of its content. Rubric: new: a new sample / breaking: a code sample is removed.
- `front_matter_changed`: `key`, `old`, `new` (`null` when the key was added or removed); front
  matter with or without `---` fences. Rubric: minor: metadata only.
- `link_added`, `link_removed`: `text`, `target` (inline, reference, autolink, `<a href>`).
  Rubric: minor: links.
- `link_retargeted`: `text`, `old`, `new`. Rubric: minor: link targets fixed or retargeted.
- `include_added`, `include_removed`: `target`, `text`: `[!INCLUDE [text](path)]`. Rubric:
  shared content in or out.
- `include_retargeted`: `old`, `new`. Rubric: minor: link targets.
- `image_added`, `image_removed`: `source` (`![alt](src)`, `:::image source=`, `<img src>`).
  Rubric: minor: image refreshes.
- `image_replaced`: `old`, `new`. Rubric: minor: image refreshes.
- `image_text_changed`: `lines`: alt text or caption of an image line reworded. Rubric: minor:
  image refreshes.
- `video_added`, `video_removed`: `source`: `> [!VIDEO url]`. Rubric: minor.
- `code_added`, `code_removed`: `language`, `lines`. Rubric: new: a new sample / breaking: a
  code sample is removed.
- `code_changed`: `language`, `added`, `removed` (lines, whitespace ignored). Rubric: breaking:
  old sample code no longer works.
- `table_row_added`, `table_row_removed`: `row` (first cell as read), `table` (first header
  cell). Rubric: new / breaking: a model, region, parameter or option.
- `table_row_changed`: `row`, and `added`/`removed` items of list-like cells (`a <br> b`, `a,
  b`). Rubric: minor: routine table maintenance.
- `table_column_added`, `table_column_removed`: `column`. Rubric: new / breaking.
- `availability_expanded`: `column`, `rows`: cells that turned from a "no" mark (`-`, `❌`, `No`,
  empty) to a "yes" mark (`✅`, `✓`, `Yes`). Rubric: new: availability expanded.
- `availability_reduced`: `column`, `rows`: "yes" turned "no". Rubric: breaking: availability
  reduced.
- `alert_added`, `alert_removed`: `alert`: `NOTE`, `TIP`, `IMPORTANT`, `WARNING`, `CAUTION`.
  Rubric: minor: notes that add no capability.
- `alert_changed`: `old`, `new`: one alert type swapped for another in an edit. Rubric: minor:
  formatting.
- `deprecation_added`, `deprecation_removed`: `text`, `date`: retire, deprecate, end of support,
  no longer supported/available, will be removed… (also in Chinese and Japanese). Rubric:
  breaking: announced as deprecated or retired with a date.
- `version_changed`: `old`, `new`, `in_code`: an API version (`2025-04-01-preview`) or package
  version (`1.2.3`, `2.1.0-beta2`) replaced in an edited line. Rubric: breaking: a changed
  version, a raised minimum version.
- `text_added`, `text_removed`: `lines`, `words`: prose outside the structures above. Rubric: by
  size only as a last resort (breaking when much more is removed than added).
- `text_edited`: `lines`, `words` (words changed). Rubric: minor: wording, small clarifications.
- `typo_fixed`: `lines`, `words`, `fixes` (`old → new`): case or a letter or two; a changed
  number is never a typo. Rubric: minor: typos.
- `formatting_changed`: `lines`: markup only (emphasis, code spans, `<br>`), the words the same.
  Rubric: minor: formatting.
- `whitespace_changed`: `lines`: spacing, indentation, blank lines only. Rubric: minor:
  formatting.
- `comment_changed`: `lines`: HTML comments and YAML comments, hidden from readers. Rubric:
  minor.

## YAML

- `toc_entry_added`, `toc_entry_removed`: `name`, `href` (`toc.yml`, matched by `href`, then
  `name`). Rubric: new: a new page / breaking: a page leaves the TOC.
- `toc_entry_moved`: `name`, `href`, `old_parent`, `new_parent`. Rubric: minor: TOC ordering.
- `toc_entry_renamed`: `href`, `old`, `new`. Rubric: minor.
- `toc_entry_retargeted`: `name`, `old`, `new`. Rubric: minor: link targets.
- `front_matter_changed`: `key`, `old`, `new`: top-level or metadata keys of other YAML files
  (`faq.yml`, `index.yml`). Rubric: minor: metadata only.
- `yaml_entry_added`, `yaml_entry_removed`: `key`, `value`: a list entry (`- question: ...`, `-
  name: ...`). Rubric: new / breaking by what it holds.

Prose inside YAML values (`answer: |` blocks) gives the same `text_*` and `typo_fixed` signals
as Markdown.

## How lines are read

- Whole documents (`FileChange.old_text`/`new_text`) are scanned with regular expressions only
  (no per-line parse): fenced code blocks, HTML comments, the front matter, the ATX headings and
  their section ends. That tells where each hunk starts (inside a fence? a comment?) and how
long
  a section is.
- Without documents (a GitHub `patch`), each hunk is read as a fragment: a fence that would have
  to close with a language cannot be a closer, so the reading in which every closing fence is
  bare wins; otherwise the lines around the first fence decide. A hunk near the top whose lines
  look like `key: value` up to a `---` is front matter.
- Lines split on `\\n` only: a bare `\\r`, U+2028 or a form feed inside a line is content. A
  trailing `\\r` (CRLF files) is ignored.
- Table cells split on unescaped pipes (`\\|` stays in the cell).
- Moved content does not count as added or removed: a section whose lines reappear elsewhere
  carries them in `moved`.

## From signals to a type

`insight/engines/rules.py` weighs the signals of a modified page as evidence for breaking change
(sections, pivots and samples removed, rows and availability lost, a version changed in a
sample, a dated retirement notice, much more prose removed than added) and for new feature
(sections, pivots, samples, rows, columns, availability and TOC entries added). Evidence of
weight 1 moves a page out of minor update; breaking wins when it weighs at least three quarters
of the new-feature evidence (tie-break 1). Navigation sections (Next steps, Related content…)
and moved lines weigh nothing; on a what's-new page (a section titled by a date came or went)
only retirements, lost availability and changed versions count as breaking.

The trivial mark (no model call needed) is given only when every signal is metadata,
whitespace, formatting, hidden comments, link or include targets, links added to or removed
from words that stay, image refreshes, alert type swaps, heading levels, TOC moves or renames,
or a typo-size edit (at most 3 words in one line, or 2 words in each of two lines); and to
image files.

Everything here is linear in the size of the patch plus the documents: elements are matched
through dictionaries, the documents are scanned with regular expressions, and the few
pairwise comparisons (headings of one hunk, lines of one edit) are bounded by constants.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

import yaml

from insight.analysis.document import Document
from insight.analysis.hunks import MAX_PAIRED_LINES, Fragment, Line, edit_blocks, hunks_of
from insight.analysis.reading import Element, FrontBlock
from insight.analysis.words import (
    CJK,
    INCLUDE,
    LINK,
    MARKUP,
    alike,
    normal,
    short,
    without_links,
    word_count,
)
from insight.models import FileChange, Signal
from insight.source.diff import Hunk

SIGNAL_KINDS = (
    *("section_added", "section_removed", "section_renamed", "heading_level_changed"),
    *("tab_added", "tab_removed", "front_matter_changed"),
    *("link_added", "link_removed", "link_retargeted"),
    *("include_added", "include_removed", "include_retargeted"),
    *("image_added", "image_removed", "image_replaced", "image_text_changed"),
    *("video_added", "video_removed", "code_added", "code_removed", "code_changed"),
    *("table_row_added", "table_row_removed", "table_row_changed"),
    *("table_column_added", "table_column_removed", "availability_expanded"),
    *("availability_reduced", "alert_added", "alert_removed", "alert_changed"),
    *("deprecation_added", "deprecation_removed", "version_changed"),
    *("text_added", "text_removed", "text_edited", "typo_fixed", "formatting_changed"),
    *("whitespace_changed", "comment_changed", "toc_entry_added", "toc_entry_removed"),
    *("toc_entry_moved", "toc_entry_renamed", "toc_entry_retargeted"),
    *("yaml_entry_added", "yaml_entry_removed"),
)
"""Every kind of signal ``analyze`` gives (the module's docstring describes each)."""
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx")
YAML_SUFFIXES = (".yml", ".yaml")
MAX_SIGNALS_PER_KIND = 40
"""More signals of one kind are dropped (entries of a table of contents excepted)."""


def document_kind(path: str) -> str | None:
    """``markdown``, ``toc`` (a YAML table of contents), ``yaml`` or None for anything else."""
    lowered = path.lower()
    if lowered.endswith(MARKDOWN_SUFFIXES):
        return "markdown"
    if lowered.endswith(YAML_SUFFIXES):
        name = lowered.rsplit("/", 1)[-1]
        return "toc" if name.startswith("toc.") else "yaml"
    return None


def analyze(change: FileChange) -> tuple[Signal, ...]:
    """The structural signals of one changed file, by kind (the rules order them by weight).

    Only Markdown and YAML files of a modified, renamed, copied or type-changed path are read;
    any other file, and pages added or removed whole, give no signals (their status says it).
    """
    kind = document_kind(change.path)
    if kind is None or change.binary or change.status in ("added", "removed"):
        return ()
    hunks = hunks_of(change)
    if not hunks:
        return ()
    document = Document(change, hunks, kind)
    signals = [signal for detect in detectors_for(document) for signal in detect(document)]
    if kind == "toc":
        return tuple(signals)  # every entry of a table of contents counts
    return tuple(_bounded(_by_column(signals)))


def _by_column(signals: list[Signal]) -> list[Signal]:
    """One availability signal per column and direction, naming its rows."""
    merged: dict[tuple[str, str], Signal] = {}
    rest = []
    for signal in signals:
        if signal.kind not in ("availability_expanded", "availability_reduced"):
            rest.append(signal)
            continue
        key = (signal.kind, signal.detail["column"])
        if key in merged:
            merged[key].detail["rows"].append(signal.detail["row"])
        else:
            detail = {"column": signal.detail["column"], "rows": [signal.detail["row"]]}
            merged[key] = Signal(signal.kind, signal.line, signal.side, detail)
    return list(merged.values()) + rest


def _bounded(signals: list[Signal]) -> list[Signal]:
    """At most ``MAX_SIGNALS_PER_KIND`` of a kind, so a rewrite stays readable."""
    counts: Counter[str] = Counter()
    kept = []
    for signal in signals:
        counts[signal.kind] += 1
        if counts[signal.kind] <= MAX_SIGNALS_PER_KIND:
            kept.append(signal)
    return kept


MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
"""Month names in dates (a retirement date, a what's-new heading)."""


def surplus(elements: Sequence[Element], other: Counter[Any]) -> list[Element]:
    """The elements beyond as many of the same key as ``other`` counts: added or removed."""
    seen: Counter[Any] = Counter()
    extra = []
    for element in elements:
        seen[element.key] += 1
        if seen[element.key] > other.get(element.key, 0):
            extra.append(element)
    return extra


def detect_front_matter(document: Document) -> list[Signal]:
    """Keys whose value changed, was added or removed, with both values."""
    old = {block.key: block for block in document.front_blocks("old")}
    new = {block.key: block for block in document.front_blocks("new")}
    touched = [block.key for side in ("old", "new") for block in document.front_blocks(side)]
    touched = [key for key in dict.fromkeys(touched) if _touched(old.get(key), new.get(key))]
    signals = []
    for key in touched:
        before, after = old.get(key), new.get(key)
        old_value = before.value() if before else None
        new_value = after.value() if after else None
        if old_value == new_value:
            continue
        detail = {"key": key, "old": short(old_value), "new": short(new_value)}
        if after is not None:
            signals.append(Signal("front_matter_changed", after.line.number, "new", detail))
        elif before is not None:
            signals.append(Signal("front_matter_changed", before.line.number, "old", detail))
    return signals


def _touched(old: FrontBlock | None, new: FrontBlock | None) -> bool:
    return any(block is not None and block.changed for block in (old, new))


_DATED = re.compile(rf"(?:^|\s)(?:(?:{MONTHS})\.?\s+)?20\d\d(?:\s|$)|20\d\d\s*年", re.IGNORECASE)


def detect_sections(document: Document) -> list[Signal]:
    """Headings matched by text (level changes), then paired as renames; the rest came or went."""
    removed = document.elements("old", "heading")
    added = document.elements("new", "heading")
    signals: list[Signal] = []
    open_added = {id(element): element for element in added}
    by_text: dict[str, deque[Element]] = defaultdict(deque)
    for element in added:
        by_text[element.key].append(element)
    leftover = []
    for element in removed:
        twins = by_text.get(element.key)
        if not twins:
            leftover.append(element)
            continue
        twin = twins.popleft()
        del open_added[id(twin)]
        if twin.data["level"] != element.data["level"]:
            detail = {
                "heading": twin.data["title"],
                "old_level": element.data["level"],
                "new_level": twin.data["level"],
            }
            signals.append(Signal("heading_level_changed", twin.line.number, "new", detail))
    renamed = _pair_titles(leftover, list(open_added.values()))
    paired = {id(element) for pair in renamed for element in pair}
    renamed += _pair_renames(
        document,
        [element for element in leftover if id(element) not in paired],
        [element for element in open_added.values() if id(element) not in paired],
    )
    for old, new in renamed:
        del open_added[id(new)]
        detail = {
            "old": old.data["title"],
            "new": new.data["title"],
            "level": new.data["level"],
        }
        signals.append(Signal("section_renamed", new.line.number, "new", detail))
    renamed_old = {id(old) for old, _ in renamed}
    for side, kind, elements in (
        ("old", "section_removed", [e for e in leftover if id(e) not in renamed_old]),
        ("new", "section_added", list(open_added.values())),
    ):
        for element in elements:
            size, changed = _section_size(document, side, element)
            end = element.line.number + size - 1
            detail = {
                "heading": element.data["title"],
                "level": element.data["level"],
                "lines": size,
                "changed": changed,
                "moved": document.moved_between(side, element.line.number, end),
                "dated": bool(_DATED.search(element.data["title"])),
            }
            signals.append(Signal(kind, element.line.number, side, detail))
    return signals


def _pair_titles(
    removed: Sequence[Element], added: Sequence[Element]
) -> list[tuple[Element, Element]]:
    """A page has one title: a removed level-1 heading and an added one are a retitle."""
    old = [element for element in removed if element.data["level"] == 1]
    new = [element for element in added if element.data["level"] == 1]
    return [(old[0], new[0])] if len(old) == 1 and len(new) == 1 else []


def _pair_renames(
    document: Document, removed: list[Element], added: list[Element]
) -> list[tuple[Element, Element]]:
    """A heading replaced by one of about its level in the same hunk, alike or body kept.

    A hunk with more than ``MAX_PAIRED_LINES`` new headings is a rewrite: no pairing.
    """
    pairs = []
    by_hunk: dict[int, list[Element]] = defaultdict(list)
    for element in added:
        by_hunk[element.hunk].append(element)
    for old in removed:
        hunk_headings = by_hunk.get(old.hunk, [])
        if len(hunk_headings) > MAX_PAIRED_LINES:
            continue
        candidates = [
            new for new in hunk_headings if abs(new.data["level"] - old.data["level"]) <= 1
        ]
        scored = [(_similarity(old.data["title"], new.data["title"]), new) for new in candidates]
        if not scored:
            continue
        score, best = max(scored, key=lambda pair: pair[0])
        chosen: Element | None = best
        if score < 0.5:
            chosen = next((new for _, new in scored if _body_kept(document, old, new)), None)
        if chosen is not None:
            by_hunk[old.hunk].remove(chosen)
            pairs.append((old, chosen))
    return pairs


def _body_kept(document: Document, old: Element, new: Element) -> bool:
    old_size, old_changed = _section_size(document, "old", old)
    new_size, new_changed = _section_size(document, "new", new)
    return (
        old_size > 1
        and new_size > 1
        and 2 * old_changed <= old_size
        and 2 * new_changed <= new_size
    )


def _section_size(document: Document, side: str, element: Element) -> tuple[int, int]:
    """(lines of the section, lines of it changed on this side), heading included."""
    start = element.line.number
    source = document.source(side)
    if source is not None:
        end = source.section_end(start, element.data["level"])
    else:
        end = document.outline(side, element.hunk).section_end.get(start, start)
    return document.span(side, start, end)


def _similarity(old: str, new: str) -> float:
    old_words, new_words = set(normal(old).split()), set(normal(new).split())
    if not old_words or not new_words:
        return 0.0
    if CJK.search(old + new):
        return SequenceMatcher(None, normal(old), normal(new)).ratio()
    return len(old_words & new_words) / len(old_words | new_words)


def detect_tabs(document: Document) -> list[Signal]:
    """Pivots that came or went with most of their content; a pivot's anchor changed."""
    signals = []
    for side, kind, other in (("old", "tab_removed", "new"), ("new", "tab_added", "old")):
        theirs = Counter(element.key for element in document.elements(other, "tab"))
        for element in surplus(document.elements(side, "tab"), theirs):
            start = element.line.number
            end = document.outline(side, element.hunk).tab_end.get(start, start)
            size, changed = document.span(side, start, end)
            if 2 * changed >= size:
                detail = {"tab": element.data["title"], "lines": size}
                signals.append(Signal(kind, start, side, detail))
    new_tabs = _by_key(document.elements("new", "tab"))
    for key, old_tabs in _by_key(document.elements("old", "tab")).items():
        for old, new in zip(old_tabs, new_tabs.get(key, []), strict=False):
            if old.data["id"] != new.data["id"]:
                detail = {
                    "text": new.data["title"],
                    "old": old.data["id"],
                    "new": new.data["id"],
                }
                signals.append(Signal("link_retargeted", new.line.number, "new", detail))
    return signals


def _by_key(elements: Iterable[Element]) -> dict[Any, list[Element]]:
    grouped: dict[Any, list[Element]] = {}
    for element in elements:
        grouped.setdefault(element.key, []).append(element)
    return grouped


_YES = frozenset(("✅", "✓", "✔", "✔️", "☑", "☑️", "yes", "y", "supported", "available", "x"))
_NO = frozenset(("❌", "✗", "✘", "✖", "✖️", "-", "–", "—", "no", "n", "", "not supported"))
_NO |= frozenset(("not available", "n/a", "na", "none"))
_CELL_ITEM_SPLIT = re.compile(r"<br\s*/?>|,(?!\d{3})", re.IGNORECASE)


def detect_tables(document: Document) -> list[Signal]:
    """Rows edited in place (cells, columns, availability), then rows added or removed."""
    old_rows = document.elements("old", "row")
    new_rows = document.elements("new", "row")
    signals: list[Signal] = []
    pairs = _pair_rows(document, old_rows, new_rows)
    paired = {id(element) for pair in pairs for element in pair}
    for old, new in pairs:
        signals += _row_changes(old, new)
    old_rest = [element for element in old_rows if id(element) not in paired]
    new_rest = [element for element in new_rows if id(element) not in paired]
    for side, kind, rows, others in (
        ("old", "table_row_removed", old_rest, new_rest),
        ("new", "table_row_added", new_rest, old_rest),
    ):
        for element in surplus(rows, Counter(other.key for other in others)):
            if element.data["is_header"]:
                continue
            detail = {
                "row": _row_name(element.data["cells"]),
                "table": _row_name(element.data.get("header") or []),
            }
            signals.append(Signal(kind, element.line.number, side, detail))
    return signals


def _row_name(cells: Sequence[str]) -> str:
    """The first non-empty cell as a reader sees it: link labels, no markup."""
    for cell in cells:
        name = without_links(cell).strip()
        if name:
            return short(name) or ""
    return ""


def _pair_rows(
    document: Document, old_rows: Sequence[Element], new_rows: Sequence[Element]
) -> list[tuple[Element, Element]]:
    """Rows edited in place: paired as lines of one edit, else by their first cell."""
    pairs = []
    new_at = {(element.hunk, element.line.position): element for element in new_rows}
    taken: set[int] = set()
    for old in old_rows:
        partner = document.partner("old", old.hunk).get(old.line.position)
        new = new_at.get((old.hunk, partner)) if partner is not None else None
        if new is not None and id(new) not in taken and _same_row(old, new):
            pairs.append((old, new))
            taken.update((id(old), id(new)))
    first_cells: dict[str, deque[Element]] = defaultdict(deque)
    for element in new_rows:
        if id(element) not in taken and element.key and element.key[0]:
            first_cells[element.key[0]].append(element)
    for element in old_rows:
        if id(element) in taken or not element.key or not element.key[0]:
            continue
        twins = first_cells.get(element.key[0])
        if twins:
            pairs.append((element, twins.popleft()))
    return pairs


def _same_row(old: Element, new: Element) -> bool:
    """One row edited, not one row replaced by another: the first cell or most cells agree."""
    if old.key and new.key and old.key[0] == new.key[0]:
        return True
    shared = sum(1 for a, b in zip(old.key, new.key, strict=False) if a == b)
    return shared * 2 >= max(len(old.key), len(new.key)) > 1


def _row_changes(old: Element, new: Element) -> list[Signal]:
    old_cells, new_cells = old.data["cells"], new.data["cells"]
    if old.key == new.key:
        return []
    row = _row_name(new_cells)
    if new.data.get("is_header") or old.data.get("is_header"):
        return _column_changes(old_cells, new_cells, new)
    header = new.data.get("header") or []
    signals = []
    items_added: list[str] = []
    items_removed: list[str] = []
    for old_column, column in _aligned_columns(old, new):
        before, after = _mark(old_cells[old_column]), _mark(new_cells[column])
        name = _row_name([header[column]]) if column < len(header) else str(column + 1)
        if before == "no" and after == "yes":
            detail = {"row": row, "column": name}
            signals.append(Signal("availability_expanded", new.line.number, "new", detail))
        elif before == "yes" and after == "no":
            detail = {"row": row, "column": name}
            signals.append(Signal("availability_reduced", new.line.number, "new", detail))
        elif before is None and after is None:
            old_items = _cell_items(old_cells[old_column])
            new_items = _cell_items(new_cells[column])
            if len(old_items) > 1 or len(new_items) > 1:
                items_added += [item for item in new_items if item not in old_items]
                items_removed += [item for item in old_items if item not in new_items]
    aligned = {column for _, column in _aligned_columns(old, new)}
    for column in range(len(new_cells)):
        if column not in aligned and _mark(new_cells[column]) == "yes":
            name = _row_name([header[column]]) if column < len(header) else str(column + 1)
            detail = {"row": row, "column": name}
            signals.append(Signal("availability_expanded", new.line.number, "new", detail))
    if signals:
        return signals
    if normal(without_links(" ".join(old_cells))) == normal(without_links(" ".join(new_cells))):
        return []
    changed: dict[str, Any] = {"row": row}
    if items_added or items_removed:
        changed["added"] = [short(item) for item in items_added[:8]]
        changed["removed"] = [short(item) for item in items_removed[:8]]
    return [Signal("table_row_changed", new.line.number, "new", changed)]


def _aligned_columns(old: Element, new: Element) -> list[tuple[int, int]]:
    """(old column, new column) of the same column: by header name when columns moved."""
    old_cells, new_cells = old.data["cells"], new.data["cells"]
    old_header, new_header = old.data.get("header") or [], new.data.get("header") or []
    if len(old_header) == len(old_cells) and len(new_header) == len(new_cells):
        old_index: dict[str, int] = {}
        for index, name in enumerate(old_header):
            old_index.setdefault(normal(name), index)
        if [normal(name) for name in old_header] != [normal(name) for name in new_header]:
            return [
                (old_index[normal(name)], index)
                for index, name in enumerate(new_header)
                if normal(name) in old_index
            ]
    if len(old_cells) != len(new_cells):
        return []
    return [(index, index) for index in range(len(new_cells))]


def _column_changes(old_cells: list[str], new_cells: list[str], new: Element) -> list[Signal]:
    old_names = Counter(normal(cell) for cell in old_cells)
    new_names = Counter(normal(cell) for cell in new_cells)
    signals = []
    for cell in new_cells:
        if new_names[normal(cell)] > old_names.get(normal(cell), 0) and normal(cell):
            signals.append(
                Signal("table_column_added", new.line.number, "new", {"column": _row_name([cell])})
            )
    for cell in old_cells:
        if old_names[normal(cell)] > new_names.get(normal(cell), 0) and normal(cell):
            signals.append(
                Signal(
                    "table_column_removed", new.line.number, "new", {"column": _row_name([cell])}
                )
            )
    return signals


def _mark(cell: str) -> str | None:
    value = MARKUP.sub("", cell).strip().lower().rstrip(".")
    value = re.sub(r"<sup>.*?</sup>|\[\d+\]|\s*\d$", "", value).strip()
    if value in _YES:
        return "yes"
    if value in _NO:
        return "no"
    return None


def _cell_items(cell: str) -> list[str]:
    items = [normal(item) for item in _CELL_ITEM_SPLIT.split(cell)]
    return [item for item in items if item and len(item.split()) <= 8]


def detect_code(document: Document) -> list[Signal]:
    """Blocks whose fences came or went with their content, and edits inside kept blocks."""
    whole: dict[str, list[tuple[Element, int]]] = {"old": [], "new": []}
    whole_starts: dict[str, set[int]] = {"old": set(), "new": set()}
    for side in ("old", "new"):
        for element in document.elements(side, "fence"):
            size, changed = _block_size(document, side, element)
            if 5 * changed >= 4 * size:
                whole[side].append((element, size))
                whole_starts[side].add(element.line.number)
    texts: dict[tuple[int, str], tuple[Counter[str], Counter[str]]] = defaultdict(
        lambda: (Counter(), Counter())
    )
    for (side, hunk, position), (language, start) in document.code_lines.items():
        if start not in whole_starts[side]:
            text = " ".join(document.hunks[hunk].lines[position].text.split())
            texts[(hunk, language)][0 if side == "new" else 1][text] += 1
    edits: dict[tuple[int, str], list[int]] = defaultdict(lambda: [0, 0])
    for key, (added_texts, removed_texts) in texts.items():
        edits[key] = [
            sum((added_texts - removed_texts).values()),
            sum((removed_texts - added_texts).values()),
        ]
    added_by_hunk: dict[tuple[int, str], deque[tuple[Element, int]]] = defaultdict(deque)
    for element, size in whole["new"]:
        added_by_hunk[(element.hunk, element.data["language"].lower())].append((element, size))
    signals = []
    for element, size in whole["old"]:
        language = element.data["language"]
        twins = added_by_hunk.get((element.hunk, language.lower()))
        if twins:
            _, new_size = twins.popleft()
            counts = edits[(element.hunk, language)]
            counts[0] += new_size
            counts[1] += size
            continue
        detail = {"language": language, "lines": size}
        signals.append(Signal("code_removed", element.line.number, "old", detail))
    for twins in added_by_hunk.values():
        for element, size in twins:
            detail = {"language": element.data["language"], "lines": size}
            signals.append(Signal("code_added", element.line.number, "new", detail))
    for (hunk, language), (added, removed) in edits.items():
        if not added and not removed:
            continue
        detail = {"language": language, "added": added, "removed": removed}
        signals.append(Signal("code_changed", document.hunks[hunk].new_start, "new", detail))
    return signals


def _block_size(document: Document, side: str, element: Element) -> tuple[int, int]:
    """(lines of the block, lines of it changed on this side), fences included."""
    start = element.line.number
    end = document.outline(side, element.hunk).block_end.get(start, start)
    source = document.source(side)
    closing = source.block_end(start) if source is not None else None
    end = closing if closing is not None else end
    return document.span(side, start, end)


_Pairs = list[tuple[Element, Element]]
_PAIRED_IN_HUNK = frozenset(("alert", "image", "include"))
"""Kinds whose one lost and one gained element in an edit are a swap."""


def detect_includes(document: Document) -> list[Signal]:
    return _matched(document, "include", "include_added", "include_removed", "include_retargeted")


def detect_links(document: Document) -> list[Signal]:
    return _matched(document, "link", "link_added", "link_removed", "link_retargeted")


def detect_images(document: Document) -> list[Signal]:
    return _matched(document, "image", "image_added", "image_removed", "image_replaced")


def detect_videos(document: Document) -> list[Signal]:
    return _matched(document, "video", "video_added", "video_removed", None)


def detect_alerts(document: Document) -> list[Signal]:
    return _matched(document, "alert", "alert_added", "alert_removed", "alert_changed")


def detect_yaml_entries(document: Document) -> list[Signal]:
    return _matched(document, "entry", "yaml_entry_added", "yaml_entry_removed", None)


def _matched(
    document: Document, kind: str, added_kind: str, removed_kind: str, changed_kind: str | None
) -> list[Signal]:
    old = document.elements("old", kind)
    new = document.elements("new", kind)
    if not old and not new:
        return []
    lost = surplus(old, Counter(element.key for element in new))
    gained = surplus(new, Counter(element.key for element in old))
    signals = []
    if changed_kind:
        stages: list[Callable[[Document, list[Element], list[Element]], _Pairs]]
        stages = [_pair_by_text, _pair_on_edited_lines]
        stages += [_alone_in_edit] if kind in _PAIRED_IN_HUNK else []
        for stage in stages:
            pairs = stage(document, lost, gained)
            paired = {id(element) for pair in pairs for element in pair}
            lost = [element for element in lost if id(element) not in paired]
            gained = [element for element in gained if id(element) not in paired]
            for before, after in pairs:
                detail = {"old": before.key, "new": after.key}
                if kind == "link":
                    detail = {"text": short(after.data.get("text", "")), **detail}
                signals.append(Signal(changed_kind, after.line.number, "new", detail))
    for element in lost:
        signals.append(Signal(removed_kind, element.line.number, "old", _public(element.data)))
    for element in gained:
        signals.append(Signal(added_kind, element.line.number, "new", _public(element.data)))
    return signals


def _pair_by_text(document: Document, lost: list[Element], gained: list[Element]) -> _Pairs:
    """A lost and a gained element with the same link text (or on the same line position)."""
    by_text: dict[Any, deque[Element]] = defaultdict(deque)
    for element in gained:
        by_text[_pair_key(element)].append(element)
    pairs = []
    for element in lost:
        twins = by_text.get(_pair_key(element))
        if twins:
            pairs.append((element, twins.popleft()))
    return pairs


def _alone_in_edit(document: Document, lost: list[Element], gained: list[Element]) -> _Pairs:
    """The one element lost and the one gained in an edit: a swap (``[!NOTE]`` -> ``[!TIP]``)."""
    lost_by: dict[tuple[int, int], list[Element]] = defaultdict(list)
    gained_by: dict[tuple[int, int], list[Element]] = defaultdict(list)
    for elements, grouped in ((lost, lost_by), (gained, gained_by)):
        for element in elements:
            grouped[(element.hunk, document.edit_of(element))].append(element)
    return [
        (elements[0], gained_by[edit][0])
        for edit, elements in lost_by.items()
        if len(elements) == 1 and len(gained_by.get(edit, [])) == 1
    ]


def _pair_on_edited_lines(document: Document, lost: list[Element], gained: list[Element]) -> _Pairs:
    """A lost element and the one gained on the other version of its line, when each is alone."""
    gained_on: dict[tuple[int, int], list[Element]] = defaultdict(list)
    for element in gained:
        gained_on[(element.hunk, element.line.position)].append(element)
    lost_on = Counter((element.hunk, element.line.position) for element in lost)
    pairs = []
    for element in lost:
        partner = document.partner("old", element.hunk).get(element.line.position)
        twins = gained_on.get((element.hunk, partner), []) if partner is not None else []
        if lost_on[(element.hunk, element.line.position)] == 1 and len(twins) == 1:
            pairs.append((element, twins[0]))
    return pairs


def _pair_key(element: Element) -> Any:
    """What stays when a target changes: the link text, or the hunk and position of the line."""
    text = element.data.get("text")
    if text:
        return normal(text)
    return (element.hunk, element.line.position)


def _public(data: dict[str, Any]) -> dict[str, Any]:
    """An element's data as a signal's detail: texts shortened."""
    return {key: (short(value) if isinstance(value, str) else value) for key, value in data.items()}


_API_VERSION = re.compile(
    r"(?<![\w/.-])(20\d\d-[01]\d-[0-3]\d(?:-(?:preview|beta|alpha)\d*)?)(?![\w-])"
)
_PACKAGE_VERSION = re.compile(
    r"(?<![\w.-])v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z]+(?:\.[0-9A-Za-z]+)*)?)(?![\w.]*\d\.)(?![\w-])"
)
_DIGIT_DOT_DASH = re.compile(r"\d[.-]\d")


def detect_versions(document: Document) -> list[Signal]:
    """A version string replaced by another in an edited line (or, failing that, a hunk)."""
    by_hunk: dict[int, tuple[list[Element], list[Element]]] = defaultdict(lambda: ([], []))
    for side in ("old", "new"):
        for element in _version_elements(document, side):
            by_hunk[element.hunk][0 if side == "old" else 1].append(element)
    signals = []
    seen = set()
    for hunk, (lost, gained) in by_hunk.items():
        partner = document.partner("old", hunk)
        lost_keys, gained_keys = Counter(e.key for e in lost), Counter(e.key for e in gained)
        fresh = [element for element in gained if not lost_keys[element.key]]
        on_line: dict[int, list[Element]] = defaultdict(list)
        for element in fresh:
            on_line[element.line.position].append(element)
        for element in lost:
            if gained_keys[element.key]:
                continue
            position = partner.get(element.line.position)
            candidates = on_line.get(position, []) if position is not None else []
            candidates = [c for c in candidates if _same_family(element.key, c.key)]
            if not candidates:
                candidates = [c for c in fresh if _same_family(element.key, c.key)]
                if len({c.key for c in candidates}) != 1:
                    continue
            change = (element.key, candidates[0].key)
            if change not in seen:
                seen.add(change)
                detail = {
                    "old": change[0],
                    "new": change[1],
                    "in_code": candidates[0].data["in_code"],
                }
                signals.append(Signal("version_changed", candidates[0].line.number, "new", detail))
    return signals


def _version_elements(document: Document, side: str) -> list[Element]:
    if not _DIGIT_DOT_DASH.search(document.changed_text(side)):
        return []
    elements = []
    for hunk, line in document.changed_lines[side]:
        zone = document.zone(side, hunk, line.position)
        if zone in ("front", "comment") or not _DIGIT_DOT_DASH.search(line.text):
            continue
        for pattern in (_API_VERSION, _PACKAGE_VERSION):
            for match in pattern.finditer(line.text):
                data = {"in_code": zone in ("code", "fence")}
                elements.append(Element("version", match.group(1), line, hunk, data))
    return elements


def _same_family(old: str, new: str) -> bool:
    """Two version strings of one kind: both dates (API versions) or both dotted numbers."""
    return bool(_API_VERSION.fullmatch(old)) == bool(_API_VERSION.fullmatch(new))


_DEPRECATION = re.compile(
    r"\b(?:retir(?:e|es|ed|ing|ement)|deprecat\w*|sunset(?:s|ting)?"
    r"|end[- ]of[- ](?:support|life|sale)|no longer (?:be )?(?:supported|available|offered)"
    r"|(?:will|to) be (?:removed|discontinued|disabled|shut down)|discontinu\w+|phased? out)\b"
    r"|弃用|停用|停止支持|不再支持|不再提供|将被删除|将被移除|淘汰"
    r"|非推奨|廃止|提供終了|サポート終了|サポートされなくなり|削除される予定|使用できなくなり",
    re.IGNORECASE,
)
_DATE = re.compile(
    rf"\b(?:(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+20\d\d"
    rf"|\d{{1,2}}\s+(?:{MONTHS})\.?,?\s+20\d\d|(?:{MONTHS})\s+20\d\d"
    r"|20\d\d-[01]\d-[0-3]\d(?![\w-])|[01]?\d/[0-3]?\d/20\d\d)\b"
    r"|20\d\d\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?",
    re.IGNORECASE,
)


def detect_deprecations(document: Document) -> list[Signal]:
    """Retirement wording that appears in (or leaves) the prose, with its date.

    Wording that stands on both sides (on the other version of its line, or on a line
    alike elsewhere: an announcement moved into a table) is not news.
    """
    notices = {side: _notices(document, side) for side in ("old", "new")}
    signals: list[Signal] = []
    if not notices["old"] and not notices["new"]:
        return signals
    for side, kind in (("old", "deprecation_removed"), ("new", "deprecation_added")):
        partners = document.partner_texts(side)
        others = [line.text for _, line, _ in notices["new" if side == "old" else "old"]]
        dates: set[str] = set()
        for hunk, line, wording in notices[side]:
            if _DEPRECATION.search(partners.get((hunk, line.position), "")):
                continue
            if any(alike(normal(line.text), normal(other)) for other in others[:MAX_PAIRED_LINES]):
                continue
            date = _DATE.search(line.text)
            key = date.group(0) if date else wording.lower()
            if key in dates:
                continue
            dates.add(key)
            detail = {
                "text": short(line.text.strip(" >*-\t")),
                "date": date.group(0) if date else None,
            }
            signals.append(Signal(kind, line.number, side, detail))
    return signals


def _notices(document: Document, side: str) -> list[tuple[int, Line, str]]:
    """(hunk, line, wording) of the changed lines of ``side`` with retirement wording, outside
    code and metadata."""
    if not _DEPRECATION.search(document.changed_text(side)):
        return []
    return [
        (hunk, line, wording.group(0))
        for hunk, line in document.changed_lines[side]
        if document.zone(side, hunk, line.position) not in ("front", "comment", "code", "fence")
        and (wording := _DEPRECATION.search(line.text))
    ]


MAX_TOKENS = 400
"""Tokens of a line compared word by word; the rest of a very long line is not."""
_TOKEN = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*|\S", re.UNICODE)
_WORD_CHARS = re.compile(r"[^\w\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]+")
_PROSE_ZONES = frozenset(("text", "entry", "blank", "table", "image"))
_TEXT_KINDS = (
    *("text_added", "text_removed", "text_edited", "typo_fixed", "image_text_changed"),
    *("formatting_changed", "whitespace_changed", "comment_changed"),
)


def detect_text(document: Document) -> list[Signal]:
    """Prose edits: whitespace, markup, typo-size, wording; prose added or removed whole.

    Lines edited inside tables count here only for whitespace, markup and typos (a wording
    change of a row is ``table_row_changed``); edits inside comments are hidden from readers.
    """
    counts: Counter[str] = Counter()
    fixes: list[str] = []
    first: dict[str, int | None] = {}

    def count(kind: str, words: int, line: int | None) -> None:
        counts[kind] += 1
        counts[kind + ".words"] += words
        first.setdefault(kind, line)

    for hunk_index, hunk in enumerate(document.hunks):
        pairs = document.pairs(hunk_index)
        for old, new in pairs:
            zones = {document.zone("old", hunk_index, old), document.zone("new", hunk_index, new)}
            if zones == {"comment"}:
                count("comment_changed", 0, hunk.lines[new].new_line)
                continue
            if not zones <= _PROSE_ZONES:
                continue
            kind, words, found = _classify_edit(hunk.lines[old].text, hunk.lines[new].text)
            if kind == "text_edited" and "image" in zones:
                kind = "image_text_changed"
            if kind is None or (kind == "text_edited" and "table" in zones):
                continue
            count(kind, words, hunk.lines[new].new_line)
            fixes += found if kind == "typo_fixed" else []
        paired = {old for old, _ in pairs} | {new for _, new in pairs}
        blank_edits = _blank_edits(hunk)
        for position, line in enumerate(hunk.lines):
            if line.kind == " " or position in paired:
                continue
            side = "old" if line.kind == "-" else "new"
            number = line.old_line if side == "old" else line.new_line
            zone = document.zone(side, hunk_index, position)
            if zone == "comment":
                count("comment_changed", 0, number)
            elif position in blank_edits:
                count("whitespace_changed", 0, number)
            elif zone in ("text", "entry"):
                kind = "text_removed" if side == "old" else "text_added"
                count(kind, word_count(line.text), number)
    signals = []
    for kind in _TEXT_KINDS:
        if not counts[kind]:
            continue
        detail: dict[str, Any] = {"lines": counts[kind]}
        if kind in ("text_added", "text_removed", "text_edited", "typo_fixed"):
            detail["words"] = counts[kind + ".words"]
        if kind == "typo_fixed":
            detail["fixes"] = fixes[:5]
        side = "old" if kind == "text_removed" else "new"
        signals.append(Signal(kind, first.get(kind), side, detail))
    return signals


def _blank_edits(hunk: Hunk) -> set[int]:
    """Positions of the lines of edits that only add or remove blank lines."""
    return {
        position
        for removed, added in edit_blocks(hunk)
        if all(not hunk.lines[p].text.strip() for p in removed + added)
        for position in removed + added
    }


def _classify_edit(old: str, new: str) -> tuple[str | None, int, list[str]]:
    """One edited line: whitespace, link-only, typo-size or a wording change (words changed)."""
    if old.split() == new.split():
        return "whitespace_changed", 0, []
    old_plain, new_plain = without_links(old), without_links(new)
    if old_plain.split() == new_plain.split():
        if _targets(old) != _targets(new):
            return None, 0, []
        return "formatting_changed", 0, []
    old_tokens = _TOKEN.findall(old_plain)[:MAX_TOKENS]
    new_tokens = _TOKEN.findall(new_plain)[:MAX_TOKENS]
    matcher = SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    changed = 0
    fixes: list[str] = []
    typo_like = True
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        before, after = old_tokens[i1:i2], new_tokens[j1:j2]
        changed += max(word_count(" ".join(before)), word_count(" ".join(after)), 1)
        pairs = list(zip(before, after, strict=False))
        if tag == "replace" and len(before) == len(after) and all(_is_typo(*p) for p in pairs):
            fixes += [f"{a} → {b}" for a, b in pairs]
            continue
        if all(not _WORD_CHARS.sub("", token) for token in before + after):
            fixes.append(f"{''.join(before)} → {''.join(after)}")
            continue
        typo_like = False
    if typo_like and changed <= 3:
        return "typo_fixed", changed, fixes
    return "text_edited", changed, []


def _targets(text: str) -> list[str]:
    """The link, image and include targets of a line, in order."""
    return [match.group(3) for match in LINK.finditer(text)] + [
        match.group(2) for match in INCLUDE.finditer(text)
    ]


def _is_typo(old: str, new: str) -> bool:
    """Case, or a letter or two, in a word; a changed number is never a typo."""
    if any(char.isdigit() for char in old + new):
        return False
    if old.lower() == new.lower():
        return True
    if len(old) < 4 or len(new) < 4 or CJK.search(old + new):
        return False
    return SequenceMatcher(None, old.lower(), new.lower()).ratio() >= 0.8


_TOC_FIELD = re.compile(r"^(\s*)(-\s+)?(name|href|displayName|topicHref):\s*(.*?)\s*$")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class _Entry:
    name: str
    href: str
    parent: tuple[str, ...]
    line: int | None
    signature: str = ""
    """The entry's own lines, stripped (fragments only): an entry moved keeps them."""


def detect_toc_entries(document: Document) -> list[Signal]:
    """Entries added, removed, moved, renamed or retargeted, by ``href`` first, then ``name``."""
    change = document.change
    old = _toc_entries(change.old_text) if change.old_text is not None else None
    new = _toc_entries(change.new_text) if change.new_text is not None else None
    if old is None or new is None:
        return _compare_entries(*_fragment_entries(document.fragments), whole=False)
    return _compare_entries(old, new, whole=True)


def _toc_entries(text: str) -> list[_Entry] | None:
    """Every entry of a TOC document, with its parents' names; None when it is not YAML.

    The document is composed into nodes (by libyaml when present) and walked; building Python
    objects for it would cost more than the walk.
    """
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError:
        return None
    entries: list[_Entry] = []
    stack: list[tuple[Any, tuple[str, ...]]] = [(root, ())]
    while stack:
        node, parent = stack.pop()
        if isinstance(node, yaml.MappingNode):
            fields = {
                key.value: value for key, value in node.value if isinstance(key, yaml.ScalarNode)
            }
            name = _scalar(fields.get("name") or fields.get("displayName"))
            href = _scalar(fields.get("href") or fields.get("topicHref"))
            if name or href:
                entries.append(_Entry(name, href, parent, node.start_mark.line + 1))
            child_parent = (*parent, name) if name else parent
            stack.extend(
                (value, child_parent)
                for value in reversed(list(fields.values()))
                if isinstance(value, (yaml.MappingNode, yaml.SequenceNode))
            )
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, parent) for item in reversed(node.value))
    return entries


def _scalar(node: Any) -> str:
    return str(node.value).strip() if isinstance(node, yaml.ScalarNode) else ""


def _fragment_entries(
    fragments: Sequence[tuple[Fragment, Fragment]],
) -> tuple[list[_Entry], list[_Entry]]:
    """Entries read from the hunks alone: a ``- name:`` line and the ``href:`` that follows.

    Without the document the parents are unknown; the indentation stands in for them, so an
    entry indented differently on the two sides has moved.
    """
    sides: dict[str, list[_Entry]] = {"old": [], "new": []}
    for pair in fragments:
        for fragment in pair:
            current: dict[str, Any] | None = None
            for line in fragment.lines:
                match = _TOC_FIELD.match(line.text)
                if not match:
                    continue
                indent, dash, field_name, value = match.groups()
                if dash or current is None:
                    if current is not None and current["changed"]:
                        sides[fragment.side].append(_entry_of(current))
                    depth = len(indent) + len(dash or "")
                    current = {"name": "", "href": "", "line": line.number, "changed": False}
                    current["parent"] = (f"indent {depth}",)
                    current["signature"] = []
                current["signature"].append(line.text.strip().removeprefix("- "))
                field_name = field_name.lower()
                if field_name in ("name", "href", "topichref"):
                    key = "href" if field_name.endswith("href") else "name"
                    current[key] = value.strip().strip("'\"")
                current["changed"] = current["changed"] or line.changed
            if current is not None and current["changed"]:
                sides[fragment.side].append(_entry_of(current))
    return sides["old"], sides["new"]


def _entry_of(item: dict[str, Any]) -> _Entry:
    signature = "\n".join(item["signature"])
    return _Entry(item["name"], item["href"], item["parent"], item["line"], signature)


def _compare_entries(old: list[_Entry], new: list[_Entry], *, whole: bool) -> list[Signal]:
    """Entries matched by (name, href) - moved -, then href - renamed -, then name - retargeted.

    From whole documents every entry is listed and the unchanged ones cancel out; from hunks
    only entries whose lines changed are listed, so one that shows on both sides unchanged in
    content moved (or was re-indented), and one whose other fields changed is left alone.
    """
    if whole:
        common = Counter((e.name, e.href, e.parent) for e in old) & Counter(
            (e.name, e.href, e.parent) for e in new
        )
        old, new = _without(old, common), _without(new, common)
    signals: list[Signal] = []
    keys: tuple[tuple[Callable[[_Entry], Any], str], ...] = (
        (lambda e: (e.name, e.href), "toc_entry_moved"),
        (lambda e: ("href", e.href) if e.href else None, "toc_entry_renamed"),
        (lambda e: ("name", e.name, e.parent) if e.name else None, "toc_entry_retargeted"),
    )
    for key_of, kind in keys:
        index: dict[Any, deque[_Entry]] = defaultdict(deque)
        for entry in new:
            key = key_of(entry)
            if key is not None:
                index[key].append(entry)
        unmatched = []
        matched: set[int] = set()
        for entry in old:
            key = key_of(entry)
            queue = index.get(key) if key is not None else None
            if not queue:
                unmatched.append(entry)
                continue
            twin = queue.popleft()
            matched.add(id(twin))
            detail: dict[str, Any]
            if kind != "toc_entry_moved":
                detail = (
                    {"href": twin.href, "old": entry.name, "new": twin.name}
                    if kind == "toc_entry_renamed"
                    else {"name": twin.name, "old": entry.href, "new": twin.href}
                )
            elif whole:
                detail = {
                    "name": twin.name,
                    "href": twin.href,
                    "old_parent": " > ".join(entry.parent),
                    "new_parent": " > ".join(twin.parent),
                }
            elif entry.signature == twin.signature:
                detail = {
                    "name": twin.name,
                    "href": twin.href,
                    "old_parent": None,
                    "new_parent": None,
                }
            else:
                continue
            signals.append(Signal(kind, twin.line, "new", detail))
        old = unmatched
        new = [entry for entry in new if id(entry) not in matched]
    for side, kind, entries in (("old", "toc_entry_removed", old), ("new", "toc_entry_added", new)):
        for entry in entries:
            signals.append(Signal(kind, entry.line, side, {"name": entry.name, "href": entry.href}))
    return signals


def _without(entries: list[_Entry], common: Counter[Any]) -> list[_Entry]:
    remaining = Counter(common)
    rest = []
    for entry in entries:
        key = (entry.name, entry.href, entry.parent)
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            rest.append(entry)
    return rest


Detector = Callable[[Document], list[Signal]]

DETECTORS: tuple[Detector, ...] = (
    detect_front_matter,
    detect_sections,
    detect_tabs,
    detect_tables,
    detect_code,
    detect_includes,
    detect_links,
    detect_images,
    detect_videos,
    detect_alerts,
    detect_yaml_entries,
    detect_versions,
    detect_deprecations,
    detect_text,
)
"""Every detector of a Markdown or YAML document, in the order of the signals they give."""
FRONT_MATTER_DETECTORS = frozenset((detect_front_matter, detect_text))
"""The detectors that run when every changed line lies in the front matter: its keys, and the
comments and blank lines among them."""
TOC_DETECTORS: tuple[Detector, ...] = (detect_toc_entries,)
"""A table of contents is read as entries only."""


def detectors_for(document: Document) -> tuple[Detector, ...]:
    """The detectors that read ``document``, in order."""
    if document.kind == "toc":
        return TOC_DETECTORS
    if document.metadata_only:
        return tuple(detect for detect in DETECTORS if detect in FRONT_MATTER_DETECTORS)
    return DETECTORS
