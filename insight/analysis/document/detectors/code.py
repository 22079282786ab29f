"""Code blocks added or removed whole, and lines changed inside the blocks that stay."""

from __future__ import annotations

import re
from collections import Counter, defaultdict, deque

from insight.analysis.document.detectors.identifiers import (
    COMMAND_LANGUAGES,
    FIGURE_LANGUAGES,
    PULLS_IN,
    SHELL_PROMPT,
    SHELLS_OF_PREFIXES,
    another_tool,
    either_quote,
    in_session,
    quoted_block,
    shows_output,
    typed,
)
from insight.analysis.document.read import Document, help_default, option_named
from insight.analysis.document.reading import Element
from insight.analysis.document.source import FENCE
from insight.analysis.document.words import short
from insight.models import Signal

_TREE_LINE = re.compile(r"^[\s+-]*(?:[\u2500-\u257f]|\|[\s-]|`--|\+--)")
"""A line of a drawn file tree: box-drawing characters or ASCII branches (``|-``, ``+--``),
after the indentation and a diff block's own marker."""
_TREE_NAME = re.compile(r"[\w.@/~-]*\w[\w.@/~-]*")
_CASELESS_LANGUAGES = SHELLS_OF_PREFIXES | {
    *("cmd", "bat", "batch", "sql", "tsql", "t-sql", "mysql", "plsql", "vb", "vbnet", "vbscript"),
}
"""Languages that read a name the same in any case: a line of them that changed case alone
(``Foreach-Object`` → ``ForEach-Object``, ``-casesensitive`` → ``-CaseSensitive``) is the
same line."""


def _body(lines: list[str], start: int, size: int) -> list[str]:
    """A block's lines, fences and blank lines aside, without their indentation."""
    block = lines[start : start + size]
    return [line.strip() for line in block if line.strip() and not FENCE.match(line)]


def _spaceless(lines: list[str]) -> list[str]:
    """Lines of code as a formatter may respace them: ``{ a: 1 }}`` and ``{ a: 1 } }`` alike."""
    return ["".join(line.split()) for line in lines]


def _compared(text: str, language: str) -> str:
    """A line of code as edits are counted: spacing and a shell's prompt ignored (``$ cd
    grpc`` and ``cd grpc`` are the same command), the kind of quotes in a language where it
    makes the same string (``'a'``, ``"a"``), case too in a language that ignores it; a
    line of a drawn file tree by the names it shows alone (``|- index.js`` redrawn as
    ``├── index.js`` is the same tree)."""
    if _TREE_LINE.match(text):
        return " ".join(_TREE_NAME.findall(text))
    compared = either_quote(language, " ".join(SHELL_PROMPT.sub("", text, count=1).split()))
    return compared.casefold() if language.lower() in _CASELESS_LANGUAGES else compared


def _kept(lines: list[str], start: int, size: int, shown: set[str]) -> float:
    """The share of a block's lines (fences and blank lines aside) found in ``shown``
    (``_as_shown``): for a removed block, what the page still shows (a sample merged into
    another keeps them all, and so do samples "Before" and "After" rewritten as one diff); for
    an added block, the lines the page lost (a sample fenced that stood indented, a code block
    of four spaces, was on the page already)."""
    body = _body(lines, start, size)
    return round(sum(_as_shown(line) in shown for line in body) / len(body), 2) if body else 0.0


def _as_shown(line: str) -> str:
    """A stripped line of code as readers know it again elsewhere on the page: without the
    ``-``/``+`` a diff puts in front, and with either quote (``require('a')``,
    ``+ require("a")``)."""
    if line.startswith(("+ ", "- ")):
        line = line[2:].lstrip()
    return line.replace("'", '"')


def detect_code(document: Document) -> list[Signal]:
    """Blocks whose fences came or went with their content, and edits inside kept blocks."""
    sides = ("old", "new")
    if not document.code_lines and not any(document.elements(side, "fence") for side in sides):
        return []  # no fence and no line of code changed
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
    sessions: dict[tuple[str, int], tuple[bool, bool]] = {}  # (in a session, quoted)
    options: dict[str, list[tuple[str, int, str]]] = {"old": [], "new": []}
    commands: set[tuple[int, str]] = set()  # edits of what is typed in a shell or a session
    rewrapped = _rewrapped(document)
    for (side, hunk, position), (language, start) in document.code_lines.items():
        if language.lower() in FIGURE_LANGUAGES or shows_output(document, side, language, start):
            continue  # a diagram redrawn, an output or a log refreshed: no sample changed
        if (hunk, position) in rewrapped:
            continue  # the same words broken into lines another way (a syntax rewrapped)
        if document.lists_properties(side, start) or start in whole_starts[side]:
            continue  # an option's properties (a table, not a sample), or a block come or gone
        text = document.hunks[hunk].lines[position].text
        if PULLS_IN.search(text):
            continue  # a line that pulls a file in: readers see the file, not its path
        if (side, start) not in sessions:
            session = in_session(document, side, start)
            sessions[(side, start)] = (session, session and quoted_block(document, side, start))
        session, quoted = sessions[(side, start)]
        if session and not typed(text, quoted):
            continue  # what the program printed in a terminal session: an output refreshed
        if session or language.lower() in COMMAND_LANGUAGES:
            commands.add((hunk, language))
        option = option_named(text) if document.lists_options(side, start) else None
        if option is not None:  # a command's help: its options, not a sample, came or went
            line = document.hunks[hunk].lines[position]
            number = (line.new_line if side == "new" else line.old_line) or 0
            options[side].append((option, number, text))
            continue
        texts[(hunk, language)][0 if side == "new" else 1][_compared(text, language)] += 1
    edits: dict[tuple[int, str], list[int]] = defaultdict(lambda: [0, 0])
    for key, (added_texts, removed_texts) in texts.items():
        gained, lost = added_texts - removed_texts, removed_texts - added_texts
        if key in commands:
            _drop_runs_through_another_tool(gained, lost)
        edits[key] = [sum(gained.values()), sum(lost.values())]
    added_by_hunk: dict[tuple[int, str], deque[tuple[Element, int]]] = defaultdict(deque)
    for element, size in whole["new"]:
        added_by_hunk[(element.hunk, element.data["language"].lower())].append((element, size))
    signals = []
    shown: set[str] | None = None
    for element, size in whole["old"]:
        language = element.data["language"]
        twins = added_by_hunk.get((element.hunk, language.lower()))
        if twins:
            twin, new_size = twins.popleft()
            counts = edits[(element.hunk, language)]
            lines = document.lines
            if lines is None:
                counts[0] += new_size
                counts[1] += size
                continue
            old_body = _spaceless(_body(lines["old"], element.line.number - 1, size))
            new_body = _spaceless(_body(lines["new"], twin.line.number - 1, new_size))
            if old_body == new_body:
                continue  # the same sample, indented or spaced anew (into a list, by a formatter)
            # the block's fences moved (its indentation changed): its lines that differ
            old_lines, new_lines = Counter(old_body), Counter(new_body)
            counts[0] += sum((new_lines - old_lines).values())
            counts[1] += sum((old_lines - new_lines).values())
            continue
        detail: dict[str, object] = {"language": language, "lines": size}
        if document.lines is not None:
            if shown is None:
                shown = {_as_shown(line.strip()) for line in document.lines["new"]}
            detail["kept"] = _kept(document.lines["old"], element.line.number, size, shown)
        signals.append(Signal("code_removed", element.line.number, "old", detail))
    known: set[str] | None = None
    for twins in added_by_hunk.values():
        for element, size in twins:
            detail = {"language": element.data["language"], "lines": size}
            if document.lines is not None:
                if known is None:  # what the page lost: a block fenced that stood indented
                    known = {
                        _as_shown(line.text.strip()) for _, line in document.changed_lines["old"]
                    }
                detail["kept"] = _kept(document.lines["new"], element.line.number, size, known)
            signals.append(Signal("code_added", element.line.number, "new", detail))
    for (hunk, language), (added, removed) in edits.items():
        if not added and not removed:
            continue
        detail = {"language": language, "added": added, "removed": removed}
        signals.append(Signal("code_changed", document.hunks[hunk].new_start, "new", detail))
    return signals + _options_changed(options)


def _options_changed(options: dict[str, list[tuple[str, int, str]]]) -> list[Signal]:
    """``entry_added``/``entry_removed`` for the options a command's help gained or lost, and
    ``default_changed`` for one whose ``(default …)`` changed; an option on both sides
    otherwise only had its description reworded (or its column realigned)."""
    lines = {side: {name: text for name, _, text in found} for side, found in options.items()}
    signals = []
    for side, kind in (("new", "entry_added"), ("old", "entry_removed")):
        other = lines["old" if side == "new" else "new"]
        seen: set[str] = set()
        for name, number, text in options[side]:
            if name in seen:
                continue
            seen.add(name)
            if name not in other:
                signals.append(Signal(kind, number, side, {"name": name}))
                continue
            old, new = help_default(other[name]), help_default(text)
            if side == "new" and old is not None and new is not None and old != new:
                detail = {"old": old, "new": new, "text": short(text.strip())}
                signals.append(Signal("default_changed", number, side, detail))
    return signals


def _rewrapped(document: Document) -> set[tuple[int, int]]:
    """The (hunk, position) of the code lines of each edit whose removed and added code say
    the same words in the same order, broken into lines another way (RUBRIC.md: a reflow
    with the same text is minor)."""
    found: set[tuple[int, int]] = set()
    for hunk, block in enumerate(document.hunks):
        lines = block.lines
        for removed, added in document.edits(hunk):
            old = [at for at in removed if ("old", hunk, at) in document.code_lines]
            new = [at for at in added if ("new", hunk, at) in document.code_lines]
            if old and new and len(old) + len(new) > 2:
                old_words = " ".join(lines[at].text for at in old).split()
                if old_words == " ".join(lines[at].text for at in new).split():
                    found.update((hunk, at) for at in old + new)
    return found


def _drop_runs_through_another_tool(added: Counter[str], removed: Counter[str]) -> None:
    """Take out each removed line that an added line runs through another tool or a runner
    (``$ python main.py`` → ``$ uv run python main.py``), with that added line: what readers
    typed still works."""
    for old in list(removed):
        for _ in range(removed[old]):
            new = next((new for new in added if added[new] and another_tool(old, new)), None)
            if new is None:
                break
            removed[old] -= 1
            added[new] -= 1
    for counter in (added, removed):
        for text in [text for text, count in counter.items() if count <= 0]:
            del counter[text]


def _block_size(document: Document, side: str, element: Element) -> tuple[int, int]:
    """(lines of the block, lines of it changed on this side), fences included."""
    start = element.line.number
    end = document.outline(side, element.hunk).block_end.get(start, start)
    source = document.source(side)
    closing = source.block_end(start) if source is not None else None
    end = closing if closing is not None else end
    return document.span(side, start, end)
