"""Build a file change from a before/after pair, the way the git source or GitHub gives it.

``change(old, new)`` makes the hunks-only patch (3 lines of context, like ``git diff``) and, in
``documents`` mode, also carries both whole texts; without them the analysis reads the hunks
as fragments, as it does for a GitHub ``patch``.
"""

from __future__ import annotations

import difflib

from insight.analysis.document.signals import analyze
from insight.models import FileChange, Signal


def patch_of(old: str, new: str) -> str:
    """The hunks of a unified diff of two texts split on ``\\n`` only (no file header)."""
    lines = list(difflib.unified_diff(old.split("\n"), new.split("\n"), lineterm="", n=3))
    return "\n".join(lines[2:])


def change(
    old: str, new: str, *, path: str = "articles/page.md", documents: bool = True
) -> FileChange:
    patch = patch_of(old, new)
    additions = sum(1 for line in patch.split("\n") if line.startswith("+"))
    deletions = sum(1 for line in patch.split("\n") if line.startswith("-"))
    return FileChange(
        path=path,
        status="modified",
        additions=additions,
        deletions=deletions,
        patch=patch,
        old_text=old if documents else None,
        new_text=new if documents else None,
    )


def signals(old: str, new: str, **options: object) -> list[Signal]:
    return list(analyze(change(old, new, **options)))  # type: ignore[arg-type]


def of_kind(found: list[Signal], kind: str) -> list[Signal]:
    return [signal for signal in found if signal.kind == kind]


def kinds(found: list[Signal]) -> set[str]:
    return {signal.kind for signal in found}


def page(*body: str, front: str = "title: A page\nms.date: 01/01/2025") -> str:
    """A Markdown page: front matter between ``---`` fences, a title, then ``body`` lines."""
    return "\n".join(["---", *front.split("\n"), "---", "", "# A page", "", *body, ""])
