"""Table rows and columns added, removed or changed, and availability marks flipped."""

from __future__ import annotations

import html
import re
from collections import Counter, defaultdict, deque
from collections.abc import Sequence
from typing import Any

from insight.analysis.document.detectors.common import surplus
from insight.analysis.document.detectors.identifiers import misspelled
from insight.analysis.document.read import Document
from insight.analysis.document.reading import Element
from insight.analysis.document.words import (
    MARKUP,
    alike,
    as_read,
    normal,
    short,
    without_links,
    without_tags,
)
from insight.lexicon import Lexicon
from insight.models import Signal

_YES = frozenset(("✅", "✓", "✔", "✔️", "☑", "☑️"))
_NO = frozenset(("❌", "✗", "✘", "✖", "✖️", "-", "–", "—", ""))
"""Marks of availability in any language; the words are the lexicon's (``available_marks``,
``unavailable_marks``)."""
_IMAGE_ALT = re.compile(r"!\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])")
_IMAGE = re.compile(r"!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])")
_PARENTHESES = re.compile(r"\([^()]*\)")
_CELL_ITEM_SPLIT = re.compile(r"<br\s*/?>|,(?!\d{3})", re.IGNORECASE)


def detect_tables(document: Document) -> list[Signal]:
    """Rows edited in place (cells, columns, availability), then rows added or removed."""
    old_rows = document.elements("old", "row")
    new_rows = document.elements("new", "row")
    signals: list[Signal] = []
    if not old_rows and not new_rows:
        return signals
    pairs = _pair_rows(document, old_rows, new_rows)
    paired = {id(element) for pair in pairs for element in pair}
    for old, new in pairs:
        if old.key == new.key:
            continue
        if new.data.get("is_header") or old.data.get("is_header"):
            signals += _column_changes(old, new, _retitled(old, new, pairs))
        else:
            signals += _row_changes(old, new, document.lexicon)
    old_rest = [element for element in old_rows if id(element) not in paired]
    new_rest = [element for element in new_rows if id(element) not in paired]
    for side, kind, rows, others in (
        ("old", "table_row_removed", old_rest, new_rest),
        ("new", "table_row_added", new_rest, old_rest),
    ):
        for element in surplus(rows, Counter(other.key for other in others)):
            if element.data["is_header"] or _templated(element.data["cells"]):
                continue
            detail = {
                "row": _row_name(element.data["cells"]),
                "table": _row_name(element.data.get("header") or []),
            }
            signals.append(Signal(kind, element.line.number, side, detail))
    return signals


_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
"""A template's expression or tag (Liquid, Jinja, Hugo): ``{{ entry.name }}``, ``{% for %}``."""


def _templated(cells: Sequence[str]) -> bool:
    """A row a template repeats for each entry of its data (``| {{ entry.name }} |``), or a
    template's tag read as a row (``{% for entry in site.data.x %}``): no row of its own, what
    it shows is the data file's."""
    filled = [cell for cell in cells if cell.strip(" `*_")]
    return bool(filled) and all(not _TEMPLATE.sub("", cell).strip(" `*_") for cell in filled)


def _row_name(cells: Sequence[str]) -> str:
    """The first non-empty cell as a reader sees it: link labels, no markup."""
    for cell in cells:
        name = _shown(cell).strip()
        if name:
            return short(name) or ""
    return ""


def _shown(cell: str) -> str:
    """A cell's text as readers see it: link labels, no markup, no HTML tags (an anchor
    around an option's name: ``<a id="opt-tls" href="#opt-tls">`tls`</a>`` shows ``tls``)."""
    return without_tags(without_links(cell))


def _pair_rows(
    document: Document, old_rows: Sequence[Element], new_rows: Sequence[Element]
) -> list[tuple[Element, Element]]:
    """Rows edited in place: paired as lines of one edit, else by their first cell. A first
    cell that several changed rows of a side share (``install`` on every row of a benchmark)
    names none of them: such rows pair only where most of their cells agree."""
    repeated = {
        side: {name for name, count in Counter(_first(row) for row in rows).items() if count > 1}
        for side, rows in (("old", old_rows), ("new", new_rows))
    }
    named = repeated["old"] | repeated["new"]
    pairs = []
    new_at = {(element.hunk, element.line.position): element for element in new_rows}
    taken: set[int] = set()
    for old in old_rows:
        partner = document.partner("old", old.hunk).get(old.line.position)
        new = new_at.get((old.hunk, partner)) if partner is not None else None
        if new is not None and id(new) not in taken and _same_row(old, new, named):
            pairs.append((old, new))
            taken.update((id(old), id(new)))
    first_cells: dict[str, deque[Element]] = defaultdict(deque)
    for element in new_rows:
        if id(element) not in taken and _first(element) and _first(element) not in named:
            first_cells[_first(element)].append(element)
    for element in old_rows:
        if id(element) in taken or not _first(element) or _first(element) in named:
            continue
        twins = first_cells.get(_first(element))
        if twins:
            twin = twins.popleft()
            pairs.append((element, twin))
            taken.update((id(element), id(twin)))
    # Last, by what the first cell names: a status image or a note beside the name aside
    # ("![Supported][1] 10" and "![Out of Support][4] 10 (Buster)" are one row).
    identities: dict[str, deque[Element]] = defaultdict(deque)
    for element in new_rows:
        if id(element) not in taken and element.data["cells"] and _first(element) not in named:
            identities[_identity(element.data["cells"][0])].append(element)
    for element in old_rows:
        if id(element) in taken or not element.data["cells"] or _first(element) in named:
            continue
        identity = _identity(element.data["cells"][0])
        twins = identities.get(identity) if identity else None
        if twins:
            pairs.append((element, twins.popleft()))
    return pairs


def _first(row: Element) -> str:
    """A row's first cell, as it is matched."""
    return row.key[0] if row.key else ""


def _identity(cell: str) -> str:
    """What a first cell names, without status images, notes in parentheses or markup."""
    return normal(_PARENTHESES.sub("", _IMAGE.sub("", cell)))


def _same_row(old: Element, new: Element, repeated: set[str]) -> bool:
    """One row edited, not one row replaced by another: the first cell (unless ``repeated``:
    several rows have it) or most cells agree."""
    if old.key and new.key and _first(old) == _first(new) and _first(old) not in repeated:
        return True
    shared = sum(1 for a, b in zip(old.key, new.key, strict=False) if a == b)
    return shared * 2 >= max(len(old.key), len(new.key)) > 1


def _row_changes(old: Element, new: Element, lexicon: Lexicon) -> list[Signal]:
    old_cells, new_cells = old.data["cells"], new.data["cells"]
    row = _row_name(new_cells)
    header = new.data.get("header") or []
    signals = []
    items_added: list[str] = []
    items_removed: list[str] = []
    obligations = lexicon.pattern("obligations")
    for old_column, column in _aligned_columns(old, new):
        before, after = _mark(old_cells[old_column], lexicon), _mark(new_cells[column], lexicon)
        name = _row_name([header[column]]) if column < len(header) else str(column + 1)
        if before != after and column < len(header) and obligations.search(name):
            # a column that says what is required: not availability, and the other way round
            if after == "yes":  # what was optional is required now
                detail = {
                    "old": short(f"{row}, {name}: {_shown(old_cells[old_column])}"),
                    "new": short(f"{row}, {name}: {_shown(new_cells[column])}"),
                }
                signals.append(Signal("statement_corrected", new.line.number, "new", detail))
            continue  # what was required is optional now: a row changed, nothing lost
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
        if column not in aligned and _mark(new_cells[column], lexicon) == "yes":
            name = _row_name([header[column]]) if column < len(header) else str(column + 1)
            detail = {"row": row, "column": name}
            signals.append(Signal("availability_expanded", new.line.number, "new", detail))
    if signals:
        return signals
    if as_read(" ".join(old_cells)) == as_read(" ".join(new_cells)):
        return []
    changed: dict[str, Any] = {"row": row, "table": _row_name(header)}
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


def _retitled(old: Element, new: Element, pairs: Sequence[tuple[Element, Element]]) -> set[int]:
    """The columns of a header row renamed in place (as many columns as before) whose cells
    read alike in every edited row of the table: a column retitled (``See`` → ``Go to...``),
    nothing taken out of the table."""
    old_cells, new_cells = old.data["cells"], new.data["cells"]
    if len(old_cells) != len(new_cells):
        return set()
    renamed = {
        column
        for column, (before, after) in enumerate(zip(old_cells, new_cells, strict=True))
        if normal(before) != normal(after)
    }
    for before, after in pairs:
        if after.data.get("header") != new_cells or after.data.get("is_header"):
            continue
        cells = before.data["cells"], after.data["cells"]
        renamed = {
            column
            for column in renamed
            if column < min(map(len, cells))
            and alike(as_read(cells[0][column]), as_read(cells[1][column]))
        }
    return renamed


def _column_changes(old: Element, new: Element, retitled: set[int]) -> list[Signal]:
    """Columns a header row gained and lost; a column whose name a letter or two fixed in
    the same place (``Defination`` → ``Definition``), or that was ``retitled``, is the same
    column."""
    old_cells, new_cells = old.data["cells"], new.data["cells"]
    old_names = Counter(normal(cell) for cell in old_cells)
    new_names = Counter(normal(cell) for cell in new_cells)
    kept = retitled | {
        column
        for column, (before, after) in enumerate(zip(old_cells, new_cells, strict=False))
        if misspelled(normal(before), normal(after))
    }
    same = {normal(cells[column]) for column in kept for cells in (old_cells, new_cells)}
    signals = []
    for cell in new_cells:
        name = normal(cell)
        if name and new_names[name] > old_names.get(name, 0) and name not in same:
            detail = {"column": _row_name([cell])}
            signals.append(Signal("table_column_added", new.line.number, "new", detail))
    for cell in old_cells:
        name = normal(cell)
        if name and old_names[name] > new_names.get(name, 0) and name not in same:
            detail = {"column": _row_name([cell])}
            signals.append(Signal("table_column_removed", new.line.number, "new", detail))
    return signals


def _mark(cell: str, lexicon: Lexicon) -> str | None:
    """``yes`` or ``no`` for a cell that marks availability (an emoji, an HTML entity, a word,
    the alt text of a status image), else None."""
    cell = _IMAGE_ALT.sub(r"\1", html.unescape(cell)).replace("\ufe0f", "")
    value = MARKUP.sub("", cell).strip().lower().rstrip(".")
    value = re.sub(r"<sup>.*?</sup>|\[\d+\]|\s*\d$", "", value).strip()
    if value in _YES or value in lexicon.values("available_marks"):
        return "yes"
    if value in _NO or value in lexicon.values("unavailable_marks"):
        return "no"
    return None


def _cell_items(cell: str) -> list[str]:
    items = [normal(item) for item in _CELL_ITEM_SPLIT.split(cell)]
    return [item for item in items if item and len(item.split()) <= 8]
