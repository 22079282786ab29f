"""Page content wrapped in a code fence the site does not show as code, read as the page.

Docusaurus renders a fence of the language ``mdx-code-block`` as the MDX it holds (sites
translated with Crowdin wrap their tabs and components in one, so that the translation tool
leaves them alone): readers see tabs, prose and the samples inside, not a code block. The
wrapping fence lines are read as blank lines, in both documents and in the hunks, so that what
stands between them is read as it is shown: prose as prose, the fences inside as samples.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from insight.analysis.document.source import FENCE
from insight.models import FileChange
from insight.source.diff import Hunk

WRAPPER = "mdx-code-block"
"""The language of a fence whose content is page content (Docusaurus)."""


def unwrapped(change: FileChange, hunks: Sequence[Hunk]) -> tuple[FileChange, tuple[Hunk, ...]]:
    """``change`` and its ``hunks`` with the lines of each wrapping fence made blank; as they
    are when the change wraps nothing, or does not carry both documents (without them a
    hunk's lines cannot be told to open or close a wrapper)."""
    old_text, new_text = change.old_text, change.new_text
    if (
        old_text is None
        or new_text is None
        or (WRAPPER not in old_text and WRAPPER not in new_text)
    ):
        return change, tuple(hunks)
    old_lines, new_lines = _wrapper_lines(old_text), _wrapper_lines(new_text)
    if not (old_lines or new_lines):
        return change, tuple(hunks)
    change = replace(
        change, old_text=_blanked(old_text, old_lines), new_text=_blanked(new_text, new_lines)
    )
    return change, tuple(
        hunk._replace(
            lines=tuple(
                line._replace(text="")
                if line.old_line in old_lines or line.new_line in new_lines
                else line
                for line in hunk.lines
            )
        )
        for hunk in hunks
    )


def _wrapper_lines(text: str) -> frozenset[int]:
    """The 1-based numbers of the lines that open or close a wrapping fence of ``text``."""
    found: set[int] = set()
    wrappers: list[str] = []  # the markers of the wrappers open, innermost last
    inner: str | None = None  # the marker of the code block open inside them
    for number, line in enumerate(text.split("\n"), 1):
        fence = FENCE.match(line) if ("``" in line or "~~" in line) else None
        if fence is None:
            continue
        marker, info = fence.group(1), fence.group(2)
        if inner is not None:
            if _closes(marker, inner) and not info:
                inner = None
        elif info == WRAPPER:
            wrappers.append(marker)
            found.add(number)
        elif wrappers and not info and _closes(marker, wrappers[-1]):
            wrappers.pop()
            found.add(number)
        else:
            inner = marker
    return frozenset(found)


def _closes(marker: str, opener: str) -> bool:
    """Whether a fence of ``marker`` closes a block opened by ``opener`` (CommonMark: the same
    character, at least as many)."""
    return marker[0] == opener[0] and len(marker) >= len(opener)


def _blanked(text: str, numbers: frozenset[int]) -> str:
    if not numbers:
        return text
    lines = text.split("\n")
    for number in numbers:
        lines[number - 1] = ""
    return "\n".join(lines)
