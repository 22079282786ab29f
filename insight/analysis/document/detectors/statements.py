"""Statements whose facts changed in an edited line: a value, a default, a minimum version, a
negation or an obligation.

An edited line is compared token by token with its other version. A number that changed is a
changed value; on a line that speaks of a default, a changed default; on a line that states a
minimum (``at least``, ``or later``, ``>=``, ``以上``…), a raised minimum when the number grew;
on a line that states a limit (``limit``, ``maximum``, ``up to``, ``上限``…), a limit reduced or
raised.
A negation added or dropped (``not``, ``no longer``, ``不``, ``ない``…) or a permission traded
for an obligation (``optional`` → ``required``, ``can`` → ``must``) is a corrected statement:
a reader of the old line is now wrong, provided the whole edit, and the line with the line
before or after it, gained or lost it too (a paragraph wrapped anew only moves its ``not`` to
the next line). The words are the lexicon's (``defaults``, ``minimums``, ``limits``,
``negations``, ``obligations``, ``permissions``: ``insight/lexicon/*.toml``); numbers need
none.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from insight.analysis.document.read import Document
from insight.analysis.document.words import EDITS_KEPT, OPPOSITES, link_labels, short
from insight.lexicon import Lexicon
from insight.models import Signal

MAX_STATEMENTS = 8
"""Changed statements named per document."""
MAX_CORRECTION = 6
"""Words changed at most in an edit read as a corrected statement; more is a rewrite."""
_ZONES = frozenset(("text", "entry", "table"))
_LIST_MARKER = re.compile(r"^[ \t>]*(?:[-*+]|\d+[.)])[ \t]+")
_WORDS = re.compile(r"[^\W_]+(?:'[^\W_]+)?|[\u3040-\u30ff\u3400-\u9fff]")
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|[\u3040-\u30ff\u3400-\u9fff]", re.UNICODE)
_NUMBER = re.compile(r"^\d+(?:[.,]\d+)*$")
_DIGIT = re.compile(r"\d")
_GROUPED = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
"""A number whose thousands are grouped with commas (``9,999``, ``1,048,576.5``)."""
_RELEASE = re.compile(r"^\d+\.\d+\.\d+")
_ADMONITION = re.compile(r"^[ \t>]*(?:///|!!!\+?|\?\?\?\+?|:::+)[ \t]*[A-Za-z]")
"""A line that opens an admonition (``/// note | Title``, ``!!! tip "Title"``, ``??? info``,
``:::note[Title]``): its title labels the box, it states nothing."""
_PATH = re.compile(r"[\w.~@:-]*(?:/[\w.~@:-]*)+", re.ASCII)
"""A word with a slash in it: a file's path or a route, which states nothing (ASCII: a run
of Chinese or Japanese text beside a slash is words, not a path)."""
_ADDRESS = re.compile(r"<?\b[a-z][a-z0-9+.-]*://[^\s>)]+>?", re.IGNORECASE)


def detect_statements(document: Document) -> list[Signal]:
    """``default_changed``, ``minimum_raised``, ``limit_reduced``, ``limit_raised``,
    ``value_changed`` (``old``, ``new``, ``text``)
    and ``statement_corrected`` (``old``, ``new``) in edited prose and table lines."""
    signals: list[Signal] = []
    for index, hunk in enumerate(document.hunks):
        for old, new in document.pairs(index):
            if len(signals) >= MAX_STATEMENTS:
                return signals
            zones = (document.zone("old", index, old), document.zone("new", index, new))
            if zones[0] not in _ZONES or zones[1] not in _ZONES:
                continue
            old_text, new_text = hunk.lines[old].text, hunk.lines[new].text
            if _ADMONITION.match(old_text) or _ADMONITION.match(new_text):
                continue  # an admonition's title is a label ("/// note | Not": Turkish "Note")
            line = hunk.lines[new].new_line
            signal = _changed_fact(document.lexicon, old_text, new_text, line)
            if signal is not None and signal.kind == "statement_corrected":
                removed, added = document.edit_at(index, new)
                near = zip(_near(removed, old), _near(added, new), strict=True)
                for lines in ((removed, added), *near):
                    texts = (" ".join(hunk.lines[at].text for at in run) for run in lines)
                    if not _turned(document.lexicon, *map(_prose, texts)):
                        signal = None  # the paragraph was rewrapped: the word changed lines
                        break
            if signal is not None:
                signals.append(signal)
    return signals


def _changed_fact(
    lexicon: Lexicon, old_text: str, new_text: str, line: int | None
) -> Signal | None:
    old_text, new_text = _prose(old_text), _prose(new_text)
    if _corrected(lexicon, old_text, new_text):
        detail = {"old": short(old_text.strip(" >*-\t")), "new": short(new_text.strip(" >*-\t"))}
        return Signal("statement_corrected", line, "new", detail)
    numbers = _changed_numbers(old_text, new_text)
    if not numbers:
        return None
    before, after = numbers
    detail = {"old": before, "new": after, "text": short(new_text.strip(" >*-|\t"))}
    default, minimum = lexicon.pattern("defaults"), lexicon.pattern("minimums")
    if default.search(new_text) and default.search(old_text):
        return Signal("default_changed", line, "new", detail)
    if minimum.search(new_text) and minimum.search(old_text) and _grew(before, after):
        return Signal("minimum_raised", line, "new", detail)
    limit = lexicon.pattern("limits")
    if limit.search(new_text) and limit.search(old_text) and before != after:
        kind = "limit_raised" if _grew(before, after) else "limit_reduced"
        return Signal(kind, line, "new", detail)
    return Signal("value_changed", line, "new", detail)


def _near(run: list[int], position: int) -> tuple[list[int], list[int]]:
    """A line of a run of lines with the line before it, and with the line after it: where a
    word wrapped onto the line came from, or went to."""
    at = run.index(position)
    return run[max(0, at - 1) : at + 1], run[at : at + 2]


def _prose(text: str) -> str:
    return _readable(_LIST_MARKER.sub("", text).replace("’", "'"))


def _readable(text: str) -> str:
    """A line as read: no link targets or addresses (``defaults.js#L14`` states no default)."""
    text = link_labels(text)
    return _ADDRESS.sub("", text) if "://" in text else text


def _count(pattern: re.Pattern[str], text: str) -> int:
    return len(pattern.findall(text))


@lru_cache(maxsize=EDITS_KEPT)
def _corrected(lexicon: Lexicon, old_text: str, new_text: str) -> bool:
    """A small edit (at most ``MAX_CORRECTION`` words) whose changed words gained or lost a
    negation, or traded a permission for an obligation (``optional`` → ``required``, ``can``
    → ``must``): the statement turned, not reworded."""
    if "/" in old_text or "/" in new_text:  # a path states nothing: not "do-not-import"
        old_text, new_text = _PATH.sub(" ", old_text), _PATH.sub(" ", new_text)
    old_tokens, new_tokens = _WORDS.findall(old_text), _WORDS.findall(new_text)
    if old_tokens == new_tokens:
        return False
    matcher = SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    lost, gained = [], []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            lost += old_tokens[i1:i2]
            gained += new_tokens[j1:j2]
    if (not lost and not gained) or max(len(lost), len(gained)) > MAX_CORRECTION:
        return False
    if _negated_opposite(lexicon, lost, gained) or _negated_opposite(lexicon, gained, lost):
        return False  # "is not `true`" → "is `false`": the same statement
    return _turned(lexicon, " ".join(lost), " ".join(gained))


def _negated_opposite(lexicon: Lexicon, negated: list[str], plain: list[str]) -> bool:
    """Whether ``negated`` is a negation and a value, and ``plain`` that value's opposite
    alone ("not true" and "false")."""
    negation = lexicon.pattern("negations")
    rest = [word for word in negated if not negation.fullmatch(word)]
    return (
        len(rest) == 1
        and len(negated) == 2
        and len(plain) == 1
        and (rest[0].lower(), plain[0].lower()) in OPPOSITES
    )


def _turned(lexicon: Lexicon, before: str, after: str) -> bool:
    """Whether ``after`` gained or lost a negation, or traded a permission for an obligation."""
    obligation, permission = lexicon.pattern("obligations"), lexicon.pattern("permissions")
    negation = lexicon.pattern("negations")
    tightened = _count(obligation, after) > _count(obligation, before) and _count(
        permission, before
    ) > _count(permission, after)
    return tightened or _count(negation, before) != _count(negation, after)


def _changed_numbers(old_text: str, new_text: str) -> tuple[str, str] | None:
    """The first number replaced by another where the words around it stay."""
    if not (_DIGIT.search(old_text) and _DIGIT.search(new_text)):
        return None
    old_tokens, new_tokens = _TOKEN.findall(old_text), _TOKEN.findall(new_text)
    matcher = SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "replace":
            continue
        before, after = old_tokens[i1:i2], new_tokens[j1:j2]
        if len(before) == len(after) == 1 and _NUMBER.match(before[0]) and _NUMBER.match(after[0]):
            if _RELEASE.match(before[0]) or _RELEASE.match(after[0]):
                continue  # a release number: ``version_changed`` reads it
            if _ungrouped(before[0]) == _ungrouped(after[0]):
                continue  # "9999" → "9,999": the same number, its thousands grouped
            return before[0], after[0]
    return None


def _ungrouped(number: str) -> str:
    """A number without the commas that group its thousands (``50,000`` → ``50000``)."""
    return number.replace(",", "") if _GROUPED.match(number) else number


def _grew(before: str, after: str) -> bool:
    def parts(number: str) -> tuple[int, ...]:
        return tuple(int(part) for part in re.split(r"[.,]", _ungrouped(number)))

    return parts(after) > parts(before)
