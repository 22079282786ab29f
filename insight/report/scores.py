"""How well types agree with hand labels, and what a title says: the numbers of ``insight eval``.

Standard measures over the three types: per-class precision, recall and F1, their mean
(macro-F1), accuracy and the confusion matrix. Two measures of a title:

- count only: the title's main phrase (without a leading section label ``“Section”: `` and
  without asides in parentheses at its end) is left with no letter after removing numbers
  and the words ``line``, ``lines``, ``of``, ``text``, ``in``, ``and`` and the verbs
  ``added``, ``removed``, ``reworded``, ``changed``, ``edited``, ``updated``, ``deleted`` (any
  case): "Added 12 lines of text", "“Setup”: reworded 2 lines (“Run the…”)" lead with a count
  and say nothing of what changed; "Updated file: x.md" is not count only;
- names something: a code span of the title, or a word of 4+ letters that is neither one of
  the words above nor a word of insight's English title templates (``page``, ``section``,
  ``entry``, ``code``, ``sample``, ``version``…: ``TEMPLATE_WORDS``), occurs (ignoring case)
  in an added or removed line of the file's patch or in its path.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from insight.models import CHANGE_TYPES

COUNT_WORDS = frozenset({"line", "lines", "of", "text", "in", "and"})
COUNT_VERBS = frozenset({"added", "removed", "reworded", "changed", "edited", "updated", "deleted"})
TEMPLATE_WORDS = frozenset({
    "page", "file", "type", "moved", "copied", "section", "heading", "level", "from", "link",
    "points", "include", "image", "replaced", "descriptions", "video", "code", "sample", "table",
    "column", "marked", "available", "longer", "note", "deprecation", "notice", "retirement",
    "dated", "version", "typos", "fixes", "fixed", "formatting", "changes", "whitespace",
    "hidden", "comments", "entry", "renamed", "with",
})  # fmt: skip
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"[^\W\d_]+")
_LONG_WORD = re.compile(r"[^\W\d_]{4,}")
_CODE_SPAN = re.compile(r"`([^`]+)`")
_SECTION_LABEL = re.compile(r"^“[^”]*”: ")
_ASIDE = re.compile(r"\s*\([^()]*\)\s*$")


@dataclass(frozen=True)
class ClassScore:
    precision: float
    recall: float
    f1: float
    support: int
    """Files labelled with this type."""


@dataclass(frozen=True)
class Scores:
    """Predicted types against labels, over ``files`` (gold, predicted) pairs."""

    files: int
    accuracy: float
    macro_f1: float
    per_class: dict[str, ClassScore]
    matrix: dict[str, dict[str, int]]
    """``matrix[gold][predicted]``: how many files of each pair of types."""


def score(pairs: Iterable[tuple[str, str]]) -> Scores:
    """Accuracy, macro-F1 (the mean F1 of the three types), per-class numbers, confusion."""
    matrix = {gold: dict.fromkeys(CHANGE_TYPES, 0) for gold in CHANGE_TYPES}
    for gold, predicted in pairs:
        matrix[gold][predicted] += 1
    files = sum(sum(row.values()) for row in matrix.values())
    per_class = {}
    for kind in CHANGE_TYPES:
        right = matrix[kind][kind]
        typed = sum(matrix[gold][kind] for gold in CHANGE_TYPES)
        actual = sum(matrix[kind].values())
        precision, recall = share(right, typed), share(right, actual)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[kind] = ClassScore(precision, recall, f1, actual)
    accuracy = share(sum(matrix[kind][kind] for kind in CHANGE_TYPES), files)
    macro_f1 = sum(values.f1 for values in per_class.values()) / len(CHANGE_TYPES)
    return Scores(files, accuracy, macro_f1, per_class, matrix)


def share(part: int, whole: int) -> float:
    """``part / whole``, 0 for nothing."""
    return part / whole if whole else 0.0


def count_only(title: str) -> bool:
    """A title whose main phrase gives only line counts: "Added 6 lines of text", "“Setup”:
    reworded 2 lines (`Get-Item`)"."""
    main = _SECTION_LABEL.sub("", title)
    while _ASIDE.search(main):
        main = _ASIDE.sub("", main)
    words = _WORD.findall(_NUMBER.sub(" ", main).lower())
    return all(word in COUNT_WORDS or word in COUNT_VERBS for word in words)


def names_something(title: str, path: str, patch: str | None) -> bool:
    """A title that names something of the change: a word of its changed lines or its path."""
    haystack = (_changed_lines(patch) + "\n" + path).lower()
    spans = [span.strip().lower() for span in _CODE_SPAN.findall(title)]
    ignored = COUNT_WORDS | COUNT_VERBS | TEMPLATE_WORDS
    words = [
        word
        for word in _LONG_WORD.findall(_CODE_SPAN.sub(" ", title).lower())
        if word not in ignored
    ]
    return any(term and term in haystack for term in spans + words)


def _changed_lines(patch: str | None) -> str:
    lines = (patch or "").splitlines()
    return "\n".join(
        line[1:] for line in lines if line[:1] in "+-" and line[:3] not in ("+++", "---")
    )
