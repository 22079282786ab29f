"""Report Markdown -> safe HTML, with markdown-it-py and mdit-py-plugins.

Everything in a report that came from a diff or a model is text: raw HTML is off, so a
``<script>`` or an ``onerror=`` shows as written. The format's own structure is read by
rules of this module instead: the ``<details>``/``<summary>``/``</details>`` lines around
each diff, the ``{#item-xxxxxx}`` anchors after headings, and ``{target="_blank"}`` after
links (mdit-py-plugins' attrs). Only http(s), mailto and relative links survive.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_block import StateBlock
from markdown_it.rules_block.table import MAX_AUTOCOMPLETED_CELLS
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from insight.models import CHANGE_TYPES

_SUMMARY_LINE = re.compile(r"^<summary>(.*)</summary>$")
_DROPPED_LINES = ("<format>", "</format>")
"""Tags the anchor system's model left around its overviews; they carry nothing."""
_HEADING_ID = re.compile(r"\s*\{#([A-Za-z][\w:.-]*)\}\s*$")
_SAFE_SCHEME = re.compile(r"^(?:https?:|mailto:)", re.IGNORECASE)
_ANY_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_TYPE_CLASSES = {kind: "type type-" + kind.split()[0] for kind in CHANGE_TYPES}
_LEVEL = "insight_heading_level"
"""The environment's key for the level of the last heading rendered."""
_TABLE_BODY, _TABLE_END = "<tbody>\n", "</tbody>\n</table></div>\n"
TABLE_CELLS_MISSING_LIMIT = MAX_AUTOCOMPLETED_CELLS
"""markdown-it ends a table whose rows lack more cells than this, all told."""


def render_html(markdown: str) -> str:
    """The HTML body of a report under the page's own ``<h1>``.

    The front matter is left out (the page shows it), and every heading moves one level
    down, so that headings stay in order below the page title.
    """
    return _parser().render(markdown)


def render_run(
    pieces: Sequence[str], run: Sequence[int], tables: Mapping[int, str], level: int
) -> tuple[list[str], int] | None:
    """The HTML of the pieces ``run`` (indexes into ``pieces``, in order) of one document,
    such that the HTML of all of them in turn is ``render_html("".join(pieces))``; and how
    many table cells they left empty. None when the pieces do not render alone as they do
    together. Each piece but the last ends a line; each is parsed and dropped in turn, so
    that a page of a hundred thousand sections is never one tree of tokens.

    A piece renders alone as it does in the document when the blocks it opens end with it;
    the caller cuts before lines that end every open block (an ``##`` heading, a line after
    a blank one). What does not end there is caught here: a fence left open, a front matter
    that would close in a later piece, a link reference (a document-wide definition), a
    carriage return (a line break the cuts did not see). Headings take their level from the
    one before: ``level`` is the level of the last heading before the run.

    A piece in ``tables`` is rows of the table the piece before it ends with: it is rendered
    under that table's header and delimiter lines (its value), and the HTML of the table's
    start and end is cut where the table goes on. markdown-it stops a table whose rows lack
    over 65,536 cells in all: the caller makes sure the empty cells stay below that.
    """
    parser, env = _parser(), {_LEVEL: level}
    rendered, empty_cells = [], 0
    for index in run:
        piece, header, goes_on = pieces[index], tables.get(index), index + 1 in tables
        if "\r" in piece:
            return None
        text = piece if header is None else header + piece
        tokens = parser.parse(text, env)
        if env.get("references"):
            return None
        if header is not None or goes_on:
            if not _one_table_to_the_end(tokens, text.count("\n"), whole=header is not None):
                return None
            empty_cells += sum(not token.content for token in tokens if token.type == "inline")
        if index + 1 < len(pieces) and _left_open(tokens, starts=index == 0):
            return None
        html = parser.renderer.render(tokens, parser.options, env)
        body = html.find(_TABLE_BODY) if header is not None else 0
        if body < 0 or (goes_on and not html.endswith(_TABLE_END)):
            return None
        if header is not None:
            html = html[body + len(_TABLE_BODY) :]
        rendered.append(html[: -len(_TABLE_END)] if goes_on else html)
    return rendered, empty_cells


def _one_table_to_the_end(tokens: Sequence[Token], lines: int, whole: bool) -> bool:
    """Whether the tokens end with a table that reaches the last line (and, for rows under
    a header, whether that table is all there is)."""
    opens = [token for token in tokens if token.type == "table_open" and token.level == 0]
    return (
        bool(opens)
        and tokens[-1].type == "table_close"
        and tokens[-1].level == 0
        and opens[-1].map is not None
        and opens[-1].map[1] == lines
        and (not whole or tokens[0] is opens[-1])
    )


def _left_open(tokens: Sequence[Token], starts: bool) -> bool:
    """Whether these tokens would run on into the text after them: a fence without its
    closing line (its lines are the opening one and its content, no closing one); at the
    start of a document, a ``---`` that a later line could make the opening of a front
    matter; or a hidden token last (a front matter alone), which the next block's HTML
    follows after a line break."""
    if starts and tokens and tokens[0].type == "hr" and tokens[0].map == [0, 1]:
        return True
    last = tokens[-1] if tokens else None  # a fence left open runs to the end (in a list
    # or a quote, the container's closing token comes last: those end where the piece does)
    return last is not None and (
        last.hidden
        or (
            last.type == "fence"
            and last.map is not None
            and last.content.count("\n") == last.map[1] - last.map[0] - 1
        )
    )


@cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.disable("image")
    md.validateLink = _valid_link  # type: ignore[method-assign]  # markdown-it-py's hook
    md.use(front_matter_plugin)
    md.use(attrs_plugin, after=("link_close",), allowed=("target",))
    md.block.ruler.before("paragraph", "report_details", _details_block, {"alt": ["paragraph"]})
    if md.inline.ruler.get_all_rules()[:1] == ["text"]:
        md.core.ruler.at("inline", _inline)
    md.core.ruler.after("block", "heading_ids", _heading_ids)
    md.core.ruler.after("heading_ids", "heading_levels", _heading_levels)
    md.core.ruler.push("link_safety", _link_safety)
    md.core.ruler.push("table_cells", _table_cells)
    md.add_render_rule("fence", _render_fence)
    md.add_render_rule("table_open", lambda *_: '<div class="table-wrap"><table>\n')
    md.add_render_rule("table_close", lambda *_: "</table></div>\n")
    md.add_render_rule("front_matter", lambda *_: "")
    return md


def _valid_link(url: str) -> bool:
    """http(s), mailto and relative references only: no javascript:, data:, vbscript:..."""
    stripped = url.strip()
    return bool(_SAFE_SCHEME.match(stripped)) or not _ANY_SCHEME.match(stripped)


def _details_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """The lines that fold each diff: ``<details>``, ``<summary>…</summary>``, ``</details>``."""
    first, end = state.bMarks[start] + state.tShift[start], state.eMarks[start]
    if state.sCount[start] - state.blkIndent >= 4 or state.src.find("<", first, end) < 0:
        return False  # tried at the start of every line of every paragraph: none is asked twice
    line = state.src[first:end].strip()
    summary = _SUMMARY_LINE.match(line)
    if line not in ("<details>", "</details>", *_DROPPED_LINES) and not summary:
        return False
    if silent:
        return True
    state.line = start + 1
    if line == "<details>":
        state.push("details_open", "details", 1).map = [start, start + 1]
    elif line == "</details>":
        state.push("details_close", "details", -1)
    elif summary:
        state.push("summary_open", "summary", 1)
        inline = state.push("inline", "", 0)
        inline.content, inline.map, inline.children = summary.group(1), [start, start + 1], []
        state.push("summary_close", "summary", -1)
    return True


def _inline(state: StateCore) -> None:
    """markdown-it's inline stage, where a text that holds none of the characters at which
    an inline rule can start (those that stop the ``text`` rule, which is tried first)
    becomes one text token at once, as the rules would make it: a summary table has
    hundreds of thousands of such cells."""
    parser, terminators = state.md.inline, state.md.inline.terminator_re
    for token in state.tokens:
        if token.type != "inline":
            continue
        if token.children is None:
            token.children = []
        if token.content and terminators.search(token.content) is None:
            text = Token("text", "", 0)
            text.content = token.content
            token.children.append(text)
        else:
            parser.parse(token.content, state.md, state.env, token.children)


def _heading_ids(state: StateCore) -> None:
    """``## path{#item-xxxxxx}``: the braces become the heading's id."""
    tokens = state.tokens
    for index, token in enumerate(tokens[:-1]):
        if token.type != "heading_open":
            continue
        inline = tokens[index + 1]
        match = _HEADING_ID.search(inline.content)
        if match:
            inline.content = inline.content[: match.start()]
            token.attrSet("id", match.group(1))


def _heading_levels(state: StateCore) -> None:
    """One level down (the page's ``<h1>`` is the report title), and never a level skipped:
    overviews written by a model sometimes go from ``#`` straight to ``###``. The level
    runs on in the environment from one piece of a document to the next."""
    previous = state.env.get(_LEVEL, 1)
    for token in state.tokens:
        if token.type == "heading_open":
            previous = min(int(token.tag[1]) + 1, previous + 1, 6)
            token.tag = f"h{previous}"
        elif token.type == "heading_close":
            token.tag = f"h{previous}"
    state.env[_LEVEL] = previous


def _link_safety(state: StateCore) -> None:
    """Links open new tabs only as ``_blank`` and never give the new page a handle on this one.

    A relative link other than an in-page anchor (``concepts/models.md`` in a model's
    explanation) points into the docs repository, not the site: it stays as its text.
    """
    for token in state.tokens:
        if token.type == "inline" and token.children:
            token.children = _checked_links(token.children)


def _checked_links(children: list[Token]) -> list[Token]:
    kept: list[Token] = []
    unlinking = False
    for token in children:
        if token.type == "link_open":
            href = str(token.attrGet("href") or "")
            unlinking = not (href.startswith("#") or _SAFE_SCHEME.match(href))
            if unlinking:
                continue
            if token.attrGet("target") not in (None, "_blank"):
                del token.attrs["target"]
            if token.attrGet("target") or href.lower().startswith(("http:", "https:")):
                token.attrSet("rel", "noopener noreferrer")
        elif token.type == "link_close" and unlinking:
            unlinking = False
            continue
        kept.append(token)
    return kept


def _table_cells(state: StateCore) -> None:
    """Header cells get ``scope=col``; a cell that names a change type gets its badge class."""
    tokens = state.tokens
    for index, token in enumerate(tokens[:-1]):
        if token.type == "th_open":
            token.attrSet("scope", "col")
        elif token.type == "td_open" and tokens[index + 1].content in _TYPE_CLASSES:
            token.attrSet("class", _TYPE_CLASSES[tokens[index + 1].content])


def _render_fence(self: Any, tokens: Sequence[Token], index: int, options: Any, env: Any) -> str:
    """Code blocks escaped; a diff gets one span per line so added and removed lines show."""
    token = tokens[index]
    language = token.info.strip().split(" ")[0]
    if language != "diff":
        css = f' class="language-{escapeHtml(language)}"' if language else ""
        return f"<pre><code{css}>{escapeHtml(token.content)}</code></pre>\n"
    lines = []
    for line in token.content.rstrip("\n").split("\n"):
        kind = {"+": "add", "-": "del", "@": "hunk"}.get(line[:1], "ctx")
        lines.append(f'<span class="d-{kind}">{escapeHtml(line)}</span>')
    # The spans are blocks: a newline between them would be one more, empty line.
    return '<pre class="diff"><code class="language-diff">' + "".join(lines) + "</code></pre>\n"
