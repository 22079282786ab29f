"""Lines as a reader sees them: links, markup and words, compared across the two sides."""

from __future__ import annotations

import html
import re

MAX_DETAIL = 120
"""Longest text a signal's detail quotes."""
EDITS_KEPT = 1 << 14
"""Edited lines whose reading is kept: the versions (or languages) of a page often carry the
same edit, read once."""

LINK = re.compile(
    r"(!?)\[((?:[^\[\]\\]|\\.|\[[^\[\]]*\])*)\]"
    r"\(\s*<?((?:[^()\s<>]|\([^()\s]*\))*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
)
INCLUDE = re.compile(r"\[!INCLUDE\s*\[([^\]]*)\]\(\s*([^)\s]+)\s*\)\s*\]", re.IGNORECASE)
HTML_LINK = re.compile(r"<a\s[^>]*?href\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)
_HTML_LINK_TAG = re.compile(HTML_LINK.pattern + r"[^>]*>", re.IGNORECASE)
"""A link's whole opening tag, the attributes after its target with it (``title="…">``)."""
MARKUP = re.compile(r"[*_`~]+|<br\s*/?>|&nbsp;", re.IGNORECASE)
_MARKUP_START = re.compile(r"[*_`~<&]")
"""The characters ``MARKUP`` can start with (none has a case): without them it matches nothing."""
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
"""A backslash escape of an ASCII punctuation character (CommonMark): the character itself."""
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[^\W_]+")
_WORD_OR_DASH = re.compile(r"[\w-]")
_DIRECTIVE_TARGET = re.compile(r"\b(?:source|lightbox|link)\s*=\s*\"[^\"]*\"")
HEADING_ATTRIBUTES = re.compile(r"\s*\{[^{}]*\}\s*$")
"""A heading's attribute list (``{#welcome}``, ``{ #fastapi-conf }``, ``{#id .class}``): its
anchor and classes, no word of its title."""


def name_key(name: str) -> str:
    """A name as compared across files: without code marks, a call's parentheses or case."""
    return name.strip("` ").removesuffix("()").casefold()


def normal(text: str) -> str:
    """Text compared across sides: markup, case and spacing ignored, character references
    and backslash escapes read as the characters they stand for (``list\\<int\\>`` and
    ``list&lt;int&gt;`` show the same text)."""
    if _MARKUP_START.search(text):  # most lines have no markup: the substitution is skipped
        if "&" in text:
            text = html.unescape(text)
        text = MARKUP.sub("", text)
    if "\\" in text:
        text = _ESCAPED.sub(r"\1", text)
    return " ".join(text.casefold().split())


def as_read(text: str) -> str:
    """Text compared as readers see it: ``normal`` and without link targets (a line whose
    links move to a project's new address says what it said)."""
    return normal(without_links(text))


def short(text: str | None) -> str | None:
    """Text quoted in a signal's detail: spacing collapsed, at most ``MAX_DETAIL`` characters."""
    if text is None:
        return None
    text = " ".join(str(text).split())
    return text if len(text) <= MAX_DETAIL else text[: MAX_DETAIL - 1] + "…"


def without_links(text: str) -> str:
    """The text a reader sees: link labels kept, targets and markup dropped. (Each pattern
    runs only where the characters it needs stand: most lines hold none of them.)"""
    if "[!" in text:
        text = INCLUDE.sub(lambda match: f"[!INCLUDE {match.group(1)}]", text)
    text = link_labels(text)
    if "<" in text:
        text = _HTML_LINK_TAG.sub("<a>", text)
    if "=" in text:
        text = _DIRECTIVE_TARGET.sub("", text)
    return MARKUP.sub("", text) if _MARKUP_START.search(text) else text


def link_labels(text: str) -> str:
    """Each Markdown link as its label, its target dropped."""
    return LINK.sub(lambda match: match.group(2), text) if "](" in text else text


HTML_TAG = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>")
"""An HTML tag, with its attributes (``<a href="…" rel="sponsored">``, ``<img src="…"/>``);
not an autolink (``<https://…>``)."""
_OPENING_TAG = re.compile(r"<([A-Za-z][\w-]*)(\s[^<>]*)?/?>")
_CLOSING_TAG = re.compile(r"</([A-Za-z][\w-]*)\s*>")
_EMPTY_ELEMENTS = frozenset(("br", "hr", "wbr", "img"))


def without_tags(text: str) -> str:
    """``text`` without its HTML tags: those with attributes, those closed in it and the empty
    elements (``<a id="opt-tls" href="#opt-tls">``, ``<kbd>Alt</kbd>``, ``<br>``). A bare
    ``<dir>`` or ``<T>`` that nothing closes is a placeholder readers fill in (``--outDir
    <dir>``, ``MTLock<T>``): it stays."""
    if "<" not in text:
        return text
    closed = {name.casefold() for name in _CLOSING_TAG.findall(text)}

    def tag(match: re.Match[str]) -> str:
        name = match.group(1).casefold()
        dropped = match.group(2) or name in closed or name in _EMPTY_ELEMENTS
        return "" if dropped else match.group(0)

    return _CLOSING_TAG.sub("", _OPENING_TAG.sub(tag, text))


def shown_words(text: str) -> int:
    """The words of a line a reader sees: link labels, not targets; the text between HTML
    tags, not the tags and their attributes (a row of sponsors' logos shows no words)."""
    return word_count(without_links(HTML_TAG.sub(" ", text) if "<" in text else text))


def word_count(text: str) -> int:
    """Words of a line; each CJK character counts as a word."""
    if text.isascii() or not CJK.search(text):  # most lines have none: the words alone
        return len(_WORD.findall(text))
    words = len(_WORD.findall(CJK.sub(" ", text)))
    return words + len(CJK.findall(text))


def bag(text: str) -> frozenset[str]:
    """The distinct words of a line, case-folded; each CJK character counts as a word."""
    folded = text.casefold()
    if not folded.isascii() and CJK.search(folded):  # most lines have none
        folded = CJK.sub(r" \g<0> ", folded)
    return frozenset(_WORD.findall(folded))


def stems(text: str) -> frozenset[str]:
    """The words of five letters or more of ``text`` as a reader sees it (no link targets),
    case-folded and without a plural's ``s``: the words that carry what a text says."""
    words = bag(without_links(text))
    return frozenset(word.removesuffix("s") for word in words if len(word) >= 5)


def bags_alike(old_words: frozenset[str], new_words: frozenset[str]) -> bool:
    """Two bags of words of which at least half are shared."""
    if not old_words or not new_words:
        return False
    return 2 * len(old_words & new_words) >= max(len(old_words), len(new_words))


def alike(old: str, new: str) -> bool:
    """Two lines that share at least half of their words (characters, for CJK text)."""
    return old == new or bags_alike(bag(old), bag(new))


def mentions(text: str, name: str) -> int:
    """How often ``text`` names ``name`` as a whole word (not next to a letter, digit, ``_``
    or ``-``)."""
    count = 0
    start = text.find(name) if name else -1
    while start != -1:
        end = start + len(name)
        whole = not _WORD_OR_DASH.match(text, start - 1, start) if start else True
        whole = whole and not _WORD_OR_DASH.match(text, end, end + 1)
        count += whole
        start = text.find(name, end if whole else start + 1)
    return count


OPPOSITES = frozenset(
    pair
    for a, b in (("true", "false"), ("enabled", "disabled"), ("on", "off"))
    for pair in ((a, b), (b, a))
)
"""Values each the other's negation: "is not `true`" says "is `false`"."""
