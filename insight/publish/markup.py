"""Report Markdown -> safe HTML, with markdown-it-py and mdit-py-plugins.

Everything in a report that came from a diff or a model is text: raw HTML is off, so a
``<script>`` or an ``onerror=`` shows as written. The format's own structure is read by
rules of this module instead: the ``<details>``/``<summary>``/``</details>`` lines around
each diff, the ``{#item-xxxxxx}`` anchors after headings, and ``{target="_blank"}`` after
links (mdit-py-plugins' attrs). Only http(s), mailto and relative links survive.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_block import StateBlock
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


def render_html(markdown: str) -> str:
    """The HTML body of a report under the page's own ``<h1>``.

    The front matter is left out (the page shows it), and every heading moves one level
    down, so that headings stay in order below the page title.
    """
    return _parser().render(markdown)


@cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.disable("image")
    md.validateLink = _valid_link  # type: ignore[method-assign]  # markdown-it-py's hook
    md.use(front_matter_plugin)
    md.use(attrs_plugin, after=("link_close",), allowed=("target",))
    md.block.ruler.before("paragraph", "report_details", _details_block, {"alt": ["paragraph"]})
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
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    line = state.src[state.bMarks[start] + state.tShift[start] : state.eMarks[start]].strip()
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
    overviews written by a model sometimes go from ``#`` straight to ``###``."""
    previous = 1
    for token in state.tokens:
        if token.type == "heading_open":
            previous = min(int(token.tag[1]) + 1, previous + 1, 6)
            token.tag = f"h{previous}"
        elif token.type == "heading_close":
            token.tag = f"h{previous}"


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
