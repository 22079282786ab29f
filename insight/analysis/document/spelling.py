"""Spelling: whether a name changed only by a misspelled word spelled right.

RUBRIC.md, "Corrections versus changes": fixing a typo is a minor update, what readers relied
on was never the typo. A name made of words (``metric-tipe-for-the-modifier``,
``comma-seperated``, ``RetryPolcy``) whose one changed word was no English word and now is
one a letter or two away had a typo fixed; a word changed for another word
(``getUser`` → ``getUsers``, ``color`` → ``colour``) is a rename. The English words are
pyspellchecker's list, read on first use.
"""

from __future__ import annotations

import re
from functools import cache

from spellchecker import SpellChecker

TYPO_DISTANCE = 2
"""A name this many letters away from its replacement (and at least three times as long) is
a spelling fix."""
MIN_LETTERS = 4
"""A shorter word is too short to tell a typo from another word (``tst``, ``cfg``)."""
_WORD_PART = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
"""The words of a name: ``metric-tipe``, ``RetryPolcy``, ``HTTPClient``, ``v2``."""


@cache
def _english() -> SpellChecker:
    return SpellChecker(language="en")


def read_word_list() -> None:
    """Read the English word list now (a tenth of a second): the processes forked afterwards
    share this copy rather than each reading its own."""
    _english()


def _known(word: str) -> bool:
    """Whether ``word`` is an English word of the list."""
    return word.lower() in _english()


def typo_fixed(before: str, after: str) -> bool:
    """Whether ``after`` is ``before`` with one misspelled word spelled right: the word of
    ``MIN_LETTERS`` or more was no English word, and is now one within two letters of it."""
    old_words, new_words = _WORD_PART.findall(before), _WORD_PART.findall(after)
    if len(old_words) != len(new_words) or _WORD_PART.sub("", before) != _WORD_PART.sub("", after):
        return False
    changed = [(old, new) for old, new in zip(old_words, new_words, strict=True) if old != new]
    if len(changed) != 1:
        return False
    old, new = changed[0]
    if not (old.isalpha() and new.isalpha()) or min(len(old), len(new)) < MIN_LETTERS:
        return False
    if old.lower() == new.lower():
        return False  # case alone: read as a case change where it matters
    if distance(old.lower(), new.lower()) > TYPO_DISTANCE:
        return False
    return not _known(old) and _known(new)  # (the word list is read only when it must be)


def distance(one: str, other: str) -> int:
    """Levenshtein distance, stopped early past ``TYPO_DISTANCE``."""
    if abs(len(one) - len(other)) > TYPO_DISTANCE:
        return TYPO_DISTANCE + 1
    previous = list(range(len(other) + 1))
    for i, letter in enumerate(one, 1):
        current = [i]
        for j, theirs in enumerate(other, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (letter != theirs))
            )
        if min(current) > TYPO_DISTANCE:
            return TYPO_DISTANCE + 1
        previous = current
    return previous[-1]
