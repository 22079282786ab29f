"""A page's title and headings, as a reader sees them: outside code, without attribute lists."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from insight.analysis.document.words import HEADING_ATTRIBUTES

_FRONT_MATTER_TITLE = re.compile(r"^title:\s*(.+?)\s*$", re.MULTILINE)
_HEADING_OR_FENCE = {
    deepest: re.compile(
        rf"\n(?:(#{{1,{deepest}}})\s+(.+?)\s*#*\s*|\s{{0,3}}(`{{3,}}|~{{3,}}).*)$", re.MULTILINE
    )
    for deepest in (1, 6)
}
"""A heading (of a level up to the key) or fence line, with the line break before it: searched
in the page with a line break put in front. A search for a literal first character jumps from
line break to line break, where one for ``^`` would try every character."""


class Heading(NamedTuple):
    line: int
    """0-based line of the document."""
    level: int
    title: str


def page_headings(text: str | None, deepest: int = 6) -> Iterator[Heading]:
    """The ATX headings of a page outside fenced code, attribute lists (``{ #id }``) left out;
    with ``deepest`` 1, its level-1 headings alone (a long reference page's hundreds of others
    passed over)."""
    text = "\n" + (text or "")
    fence, line, counted = "", 0, 1
    for found in _HEADING_OR_FENCE[deepest].finditer(text):
        marker = found.group(3)
        if marker:
            if not fence or marker.startswith(fence):
                fence = "" if fence else marker
        elif not fence:
            title = HEADING_ATTRIBUTES.sub("", found.group(2)).strip()
            if title:
                start = found.start() + 1  # the heading's first character
                line += text.count("\n", counted, start)
                counted = start
                yield Heading(line, len(found.group(1)), title)


def document_title(text: str | None) -> str | None:
    """The page title a reader sees: front-matter ``title``, else the first ``#`` heading
    outside code, else a title underlined with ``=`` near the top (a Markdown setext heading,
    reStructuredText's title, overlined or not)."""
    if not text:
        return None
    head = text[:4000]
    match = _FRONT_MATTER_TITLE.search(head) if head.lstrip().startswith("---") else None
    if match:
        return match.group(1).strip().strip("'\"")
    title = next((heading.title for heading in page_headings(text) if heading.level == 1), None)
    if title is None:
        fences = [at for at in (head.find("```"), head.find("~~~")) if at >= 0]
        underlined = _UNDERLINED_TITLE.search(head[: min(fences, default=len(head))])
        title = underlined.group("title").strip() if underlined else None
    return title


_UNDERLINED_TITLE = re.compile(
    r"^(?:(?P<over>[=#*])(?P=over){2,}[ \t]*\n)?[ \t]*(?P<title>[^\s.][^\n]*?)[ \t]*\n"
    r"(?:(?P=over)|=)(?:(?P=over)|=){2,}[ \t]*$",
    re.MULTILINE,
)
"""A line underlined with ``===`` (or over- and underlined with ``=``, ``#`` or ``*``); a line
starting with a dot is a reStructuredText directive or comment, no title."""
