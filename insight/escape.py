"""Text from a repository or a model, made safe to put into a report's Markdown and YAML.

A file name, a title or an explanation must never change the structure of a report: no
heading, fence, rule, raw HTML or ``javascript:`` link of its own, no line that ends the
front matter, no bracket that turns a table cell into another link. Each function leaves
ordinary text as it is (the golden reports are rendered byte for byte through them) and
escapes only what Markdown or YAML would read as structure.

CommonMark and markdown-it break lines at ``\\n``, ``\\r\\n`` and a bare ``\\r``; Python's
``splitlines`` also at U+2028 and other separators. Every line break either of them sees
counts as one here, so that no reader finds a line start this module did not look at.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

LINE_BREAK = re.compile(r"\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_UNESCAPED = r"(?<!\\)((?:\\\\)*)"
"""An even number of backslashes (none included) before the next character: it is active."""
_INLINE_SPECIAL = re.compile(r"([\\\[\]<])")
_HTML_START = re.compile(_UNESCAPED + r"<(?=[A-Za-z/!?])")
_LINK_TARGET = re.compile(_UNESCAPED + r"\]\(\s*<?([^\s)>]*)")
_DEFINITION = re.compile(r"^(\s{0,3}(?:>\s?)*\[[^\]]*)\]:\s*<?(\S*)")
_CONTAINER = r"^((?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))*[ \t]*)"
_BLOCK_START = re.compile(
    _CONTAINER + r"(#{1,6}(?=[ \t]|$)|`{3,}|~{3,}|=+[ \t]*$|(?:[-*_][ \t]*){3,}$|-+[ \t]*$)"
)
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).*?(?<!`)\1(?!`)")
_SAFE_SCHEME = re.compile(r"^(?:https?|mailto):", re.IGNORECASE)
_ANY_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
_FORMAT_TAGS = ("<format>", "</format>")
"""Lines the anchor system's model left around its overviews; harmless, and kept."""
_BACKTICK_FENCE = re.compile(r"[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029][ +\-]? {0,3}(`{3,})")
"""A run of backticks that could open a fence, after any line break (``LINE_BREAK``'s)."""
_FENCE_OPEN = re.compile(r"^( {0,3})(`{3,}|~{3,})(.*)$")
_FRONT_MATTER_END = re.compile(r"^(?: {0,3}-{3,}[ \t]*|\.\.\.[ \t]*)$", re.MULTILINE)


_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
"""Characters no written file keeps raw: C0 and C1 controls but tab and line ends, DEL, lone
surrogates (not UTF-8 at all) and the two noncharacters XML refuses."""


def printable(text: str) -> str:
    """``text`` with each character of ``_UNWRITABLE`` as a visible ``\\u001b`` escape: a
    report, page or feed can neither drive a terminal nor stop being UTF-8 or XML. In a JSON
    string the escape means the very character, so a model keeps its data."""
    if not _UNWRITABLE.search(text):
        return text
    return _UNWRITABLE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def lines(text: str) -> list[str]:
    """The lines of ``text`` as any Markdown reader or Python would split them."""
    return LINE_BREAK.split(text)


def one_line(text: str) -> str:
    """Every line break a space: a title, a file name or a table cell stays on its line."""
    return " ".join(lines(str(text)))


def inline(text: str) -> str:
    """Text inside a line (a heading, link text, a title): no link, HTML or anchor of its own.

    Backslashes, brackets and ``<`` are escaped outside code spans, ``{#`` everywhere.
    """
    flat = one_line(text)
    if _INLINE_SPECIAL.search(flat):
        flat = _outside_code_spans(flat, lambda part: _INLINE_SPECIAL.sub(r"\\\1", part))
    return flat.replace("{#", "{\\#")


def code_span(text: str) -> str:
    """``text`` as one code span on one line, whatever backticks it holds."""
    flat = one_line(text)
    longest = max((len(run) for run in re.findall(r"`+", flat)), default=0)
    fence = "`" * (longest + 1)
    padded = f" {flat} " if flat.startswith("`") or flat.endswith("`") else flat
    return f"{fence}{padded}{fence}"


def cell(text: str) -> str:
    """Inline text in a table cell: pipes escaped too, so a row stays one row."""
    return inline(text).replace("|", "\\|")


def block(text: str) -> str:
    """Paragraphs and lists (an explanation): no heading, fence, rule, raw HTML or unsafe link.

    Links to http(s), mailto and relative targets stay links; lists, emphasis and code spans
    stay as they are.
    """
    source = "\n".join(_escape_line_start(line) for line in lines(str(text)))
    escaped = _outside_code_spans(source, _escape_inline_markup)
    if not _structure_free(escaped, headings=False):
        escaped = _escape_inline_markup(source)
    return escaped.replace("{#", "{\\#")


def overview(text: str) -> str:
    """A model's Markdown overview: headings and rules allowed, raw HTML and unsafe links not.

    A fence the overview opens and never closes stays open, as the model wrote it: the
    Markdown of a report is the model's text, byte for byte (the site closes such a fence
    on its own copy, ``close_fences``)."""
    source = lines(str(text))
    escaped = _each_line(source, lambda line: _outside_code_spans(line, _escape_inline_markup))
    if not _structure_free(escaped, headings=True):
        escaped = _each_line(source, _escape_inline_markup)
    return escaped


def _each_line(source: list[str], escape: Callable[[str], str]) -> str:
    return "\n".join(line if line.strip() in _FORMAT_TAGS else escape(line) for line in source)


def close_fences(text: str) -> str:
    """``text`` with a closing line for a fenced block it opens and never closes."""
    opened: str | None = None
    for line in lines(text):
        if opened is None:
            match = _FENCE_OPEN.match(line)
            if match and not (match.group(2)[0] == "`" and "`" in match.group(3)):
                opened = match.group(2)
        elif re.match(rf"^ {{0,3}}{re.escape(opened[0])}{{{len(opened)},}}[ \t]*$", line):
            opened = None
    if opened is None:
        return text
    return text + ("" if text.endswith("\n") else "\n") + opened


def fence(patch: str) -> str:
    """A fence for ``patch``: one backtick more than any run that starts one of its lines."""
    if "```" not in patch:
        return "````"
    starts = _BACKTICK_FENCE.findall("\n" + patch)  # the first line starts after a break too
    longest = max((len(run) for run in starts), default=3)
    return "`" * (max(longest, 3) + 1)


class _FrontMatterDumper(yaml.SafeDumper):
    """PyYAML as the format was made with: multi-line strings as literal blocks."""


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_FrontMatterDumper.add_representer(str, _represent_str)


def front_matter(metadata: dict[str, str]) -> str:
    """YAML between ``---`` lines; no value can end the block early (a summary line ``---``).

    Literal blocks as the format always had them; when a value would put a ``---`` or
    ``...`` line into the block, every value is a double-quoted string on one line instead
    (JSON's, which YAML reads).
    """
    dumped = yaml.dump(
        metadata, allow_unicode=True, default_flow_style=False, Dumper=_FrontMatterDumper
    )
    if not _FRONT_MATTER_END.search(dumped) and len(lines(dumped)) == dumped.count("\n") + 1:
        return dumped
    for readable in (True, False):
        quoted = "".join(
            f"{key}: {json.dumps(value, ensure_ascii=not readable)}\n"
            for key, value in sorted(metadata.items())
        )
        if len(lines(quoted)) == quoted.count("\n") + 1:
            break
    return quoted


def _escape_line_start(line: str) -> str:
    return _BLOCK_START.sub(lambda match: match.group(1) + "\\" + match.group(2), line, count=1)


def _escape_inline_markup(text: str) -> str:
    """Raw HTML and autolinks become text; a link to anything but http(s), mailto or a
    relative target loses its link."""
    if "<" not in text and "]" not in text:
        return text  # no HTML, autolink, link or link definition can start
    text = _LINK_TARGET.sub(
        lambda match: (
            match.group(0)
            if safe_target(match.group(2))
            else match.group(1) + "\\" + match.group(0)[len(match.group(1)) :]
        ),
        text,
    )
    text = _HTML_START.sub(lambda match: match.group(1) + "\\<", text)
    return "\n".join(
        _DEFINITION.sub(
            lambda match: (
                match.group(0)
                if safe_target(match.group(2))
                else match.group(1) + "\\" + match.group(0)[len(match.group(1)) :]
            ),
            line,
        )
        for line in text.split("\n")
    )


_WEB_ADDRESS = re.compile(r"^(?:https?://[^\s/?#]+)?[^\s:]*(?:[?#]\S*)?$", re.IGNORECASE)


def web_address(address: str | None) -> str | None:
    """``address`` when it is an http(s) URL or a path without a scheme (``/docs/a``); None for
    ``javascript:``, ``data:`` or anything else a repository's configuration may hold."""
    if not address or not _WEB_ADDRESS.match(address) or _UNWRITABLE.search(address):
        return None
    return address


def safe_target(target: str) -> bool:
    plain = _CONTROL.sub("", html.unescape(target))
    return bool(_SAFE_SCHEME.match(plain)) or not _ANY_SCHEME.match(plain)


def _outside_code_spans(text: str, escape: Callable[[str], str]) -> str:
    """``escape`` applied to the parts of each line outside its code spans."""
    result = []
    for line in text.split("\n"):
        parts, position = [], 0
        for span in _CODE_SPAN.finditer(line):
            parts.append(escape(line[position : span.start()]))
            parts.append(span.group(0))
            position = span.end()
        parts.append(escape(line[position:]))
        result.append("".join(parts))
    return "\n".join(result)


_MARKUP_SIGNS = re.compile(r"[<\]]")
"""What raw HTML, an autolink, a link or an image needs. Headings, rules and fences start
lines, which ``block`` escapes before any inline reading: no code span can make one."""


@cache
def _checker() -> MarkdownIt:
    """markdown-it as CommonMark with HTML; imported on first use (plain text never needs it)."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True})
    md.validateLink = lambda url: True  # type: ignore[method-assign]  # see every link
    return md


def _structure_free(text: str, headings: bool) -> bool:
    """What markdown-it reads in ``text`` holds no HTML, no unsafe link and, unless allowed,
    no heading, rule or fence. Code spans across lines can fool a line-by-line escape;
    this check cannot be fooled, and a text that fails it is escaped everywhere."""
    if not _MARKUP_SIGNS.search(text):
        return True  # no HTML or link can form: nothing for markdown-it to find
    tokens: list[Token] = []
    pending = _checker().parse(text)
    while pending:
        token = pending.pop()
        tokens.append(token)
        pending.extend(token.children or [])
    for token in tokens:
        if token.type in ("html_block", "html_inline"):
            if token.content.strip() not in _FORMAT_TAGS:
                return False
        elif token.type in ("link_open", "image"):
            if not safe_target(str(token.attrGet("href") or token.attrGet("src") or "")):
                return False
        elif not headings and token.type in ("heading_open", "hr", "fence"):
            return False
    return True
