"""The words the offline analysis reads in documentation, as data: one TOML file per language.

Each file of this folder (``en.toml``, ``zh.toml``, ``ja.toml``, ``es.toml``) holds lists
named for what they hold (``LISTS``), all of them or some (Spanish gives its retirement
wording alone); the lists of every language are merged, so a Chinese retirement phrase is
found in any page. A config's ``[rules]`` (``Rules``) adds entries to any list and names
signal kinds that alone make a change noise. ``load`` builds the effective ``Lexicon`` once;
the analysis receives it as an argument, never from a global.

How an entry of a phrase list matches:

- its letters, digits and punctuation match themselves, case ignored (the lists that
  ``CASE_AS_WRITTEN`` names match case as written: ``BREAKING`` in capitals flags a
  release-notes entry where "breaking" in a sentence does not);
- a ``*`` that ends a word stands for any further letters of that word: ``deprecat*``
  matches deprecate, deprecated and deprecation;
- a ``-`` between two words matches a hyphen or a space: ``end-of-life`` matches "end of
  life" too;
- ``{n}`` stands for a number: ``new in v{n}`` matches "new in v2" and "new in v3.12";
- where its script separates words with spaces, a phrase stands as whole words (``not`` is not
  found in "note"); a Chinese or Japanese phrase is found inside any text.

Entries of the path lists (``announcement_paths``, ``_files``, ``_folders``) are literal parts
of a file path, case ignored; entries of the mark lists (``available_marks``,
``unavailable_marks``) are a table cell's whole text, case ignored. Navigation and project
headings are compared word by word, case and punctuation ignored ("See also:" is the heading
``see also``).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any

from insight.errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

FOLDER = Path(__file__).resolve().parent
PHRASES, PATHS, HEADINGS, CELLS = "phrases", "path parts", "headings", "cell values"


@dataclass(frozen=True)
class ListKind:
    """What one list holds (for messages and the README) and how its entries are read."""

    holds: str
    form: str = PHRASES
    """``phrases`` (the syntax above), ``path parts`` (literal), ``headings`` (words) or
    ``cell values`` (a table cell's whole text)."""


LISTS: Mapping[str, ListKind] = MappingProxyType(
    {
        "retirement": ListKind("wording that retires something (deprecation notices)"),
        "flag_words": ListKind("words that flag a release-notes entry as breaking at its start"),
        "new_capability": ListKind("wording that announces something new to use"),
        "lost_capability": ListKind("wording that says something readers relied on is gone"),
        "months": ListKind("month names and abbreviations in dates"),
        "defaults": ListKind("words that say a value is the default"),
        "minimums": ListKind("words that state a minimum (at least, or later)"),
        "requirements": ListKind("words that make a version bump a new requirement"),
        "limits": ListKind("words that state a limit (maximum, up to, quota)"),
        "negations": ListKind("words that negate a statement"),
        "hedges": ListKind("words that make retirement wording a possibility (would, might)"),
        "obligations": ListKind("words that make something required"),
        "permissions": ListKind("words that leave something optional"),
        "example_labels": ListKind("labels that introduce an example heading (Example 2:)"),
        "sentence_words": ListKind(
            "small words of sentences (is, the, of): words around them in code are a message"
        ),
        "navigation_headings": ListKind("headings of sections that only point elsewhere", HEADINGS),
        "project_headings": ListKind(
            "headings of sections about the project and its people (sponsors, team)", HEADINGS
        ),
        "announcement_strong": ListKind("wording that announces a breaking change, alone"),
        "announcement_weak": ListKind("wording that announces a removal (two entries decide)"),
        "absences": ListKind(
            "words before an announcement that say there is none, or it was undone (no, fixed)"
        ),
        "announcement_paths": ListKind("parts of a release-notes or changelog path", PATHS),
        "announcement_files": ListKind("file names of release notes", PATHS),
        "announcement_folders": ListKind("folders of release notes, blogs and news", PATHS),
        "available_marks": ListKind("table cells that say available (yes, supported)", CELLS),
        "unavailable_marks": ListKind("table cells that say not available (no, n/a)", CELLS),
    }
)
"""Every list a language file may hold, by name."""
CASE_AS_WRITTEN = frozenset(("announcement_strong",))
"""Lists whose entries match case as written."""
_UNSPACED = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
"""Kana and CJK ideographs: scripts that write words without spaces (no word boundaries)."""
_SPACED_WORD_CHAR = re.compile(rf"[^\W{_UNSPACED}]")
_SYNTAX = re.compile(r"(?<=\w)\*(?!\w)|(?<=\w)-(?=\w)|\{n\}")
_SYNTAX_ATOMS = {"*": r"\w*", "-": "[- ]", "{n}": r"\d+(?:\.\d+)*"}
_WORDS = re.compile(r"\w+")


@dataclass(frozen=True)
class Rules:
    """What a config's ``[rules]`` adds to the shipped lists: ``phrases`` (list name → extra
    entries) and signal kinds whose presence alone is noise (``trivial_kinds``)."""

    phrases: tuple[tuple[str, tuple[str, ...]], ...] = ()
    trivial_kinds: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class Lexicon:
    """The merged lists of every language, with the config's extras; patterns built on first
    use and kept."""

    lists: Mapping[str, tuple[str, ...]]
    trivial_kinds: frozenset[str] = frozenset()
    """Signal kinds that alone make a change noise, beyond the verdict's own."""
    _built: dict[Any, re.Pattern[str]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _values: dict[str, frozenset[str]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def entries(self, name: str) -> tuple[str, ...]:
        """The entries of list ``name``, every language merged."""
        if name not in LISTS:
            raise KeyError(f"no list {name!r} in the lexicon")
        return self.lists.get(name, ())

    @cached_property
    def navigation_headings(self) -> tuple[str, ...]:
        """The navigation headings as their words, case-folded, joined by single spaces."""
        return self._headings("navigation_headings")

    @cached_property
    def project_headings(self) -> tuple[str, ...]:
        """The project headings as their words, case-folded, joined by single spaces."""
        return self._headings("project_headings")

    def _headings(self, name: str) -> tuple[str, ...]:
        return tuple(
            dict.fromkeys(
                " ".join(_WORDS.findall(heading.casefold())) for heading in self.entries(name)
            )
        )

    def values(self, name: str) -> frozenset[str]:
        """The entries of list ``name`` in lower case, for comparing whole values, kept."""
        if name not in self._values:
            self._values[name] = frozenset(entry.lower() for entry in self.entries(name))
        return self._values[name]

    def alternation(self, name: str, *, bounded: bool = True) -> str:
        """A regular expression that matches any entry of list ``name``, the longer of two
        that start alike first.

        ``bounded``: phrases stand as whole words where their script has word boundaries;
        without it, the expression around the alternation decides where an entry may stand.
        Entries that start alike share their start in the expression (a flat alternation of
        thirty phrases searches several times more slowly).
        """
        literal = LISTS[name].form != PHRASES
        groups: dict[tuple[bool, bool], list[list[str]]] = {}
        for entry in self.entries(name):
            atoms = [re.escape(char) for char in entry] if literal else _atoms(entry)
            edges = _edges(entry) if bounded and not literal else (False, False)
            groups.setdefault(edges, []).append(atoms)
        parts = [
            (r"\b" if start else "") + _trie(sequences) + (r"\b" if end else "")
            for (start, end), sequences in sorted(groups.items(), reverse=True)
        ]
        return "(?:" + "|".join(parts) + ")" if parts else "(?!)"

    def pattern(self, name: str) -> re.Pattern[str]:
        """The compiled ``alternation`` of list ``name`` (bounded), kept. It first looks at
        the character where a match would start, which is one an entry starts with: a long
        text is searched several times faster than by trying every entry at each character."""
        if name not in self._built:
            flags = 0 if name in CASE_AS_WRITTEN else re.IGNORECASE
            starts = _first_characters(self.entries(name), LISTS[name].form != PHRASES)
            self._built[name] = re.compile(starts + self.alternation(name), flags)
        return self._built[name]

    def compiled(self, build: Callable[[Lexicon], re.Pattern[str]]) -> re.Pattern[str]:
        """The pattern ``build`` makes of this lexicon (a date around the month names, say),
        built once per lexicon and kept."""
        if build not in self._built:
            self._built[build] = build(self)
        return self._built[build]


def _first_characters(entries: Iterable[str], literal: bool) -> str:
    """A lookahead for a character some entry starts with (a number for ``{n}``); nothing
    when there are no entries."""
    firsts = {
        r"\d" if not literal and entry.startswith("{n}") else re.escape(entry[0])
        for entry in entries
        if entry
    }
    return f"(?=[{''.join(sorted(firsts))}])" if firsts else ""


def _atoms(entry: str) -> list[str]:
    """A phrase as the regular expressions of its characters (see the module's docstring)."""
    atoms: list[str] = []
    position = 0
    for match in _SYNTAX.finditer(entry):
        atoms += [re.escape(char) for char in entry[position : match.start()]]
        atoms.append(_SYNTAX_ATOMS[match.group(0)])
        position = match.end()
    return atoms + [re.escape(char) for char in entry[position:]]


def _edges(entry: str) -> tuple[bool, bool]:
    """Whether a phrase has a word boundary at its start and at its end: where it starts or
    ends with a letter or digit of a script that puts spaces between words."""
    first, last = entry[0], entry.rstrip("*")[-1]
    return bool(_SPACED_WORD_CHAR.match(first)), bool(_SPACED_WORD_CHAR.match(last))


def _trie(sequences: list[list[str]]) -> str:
    """One expression for several sequences of atoms, each shared start written once; where
    one sequence goes on from the end of another, the longer is tried first."""
    root: dict[str, Any] = {}
    for atoms in sequences:
        node = root
        for atom in atoms:
            node = node.setdefault(atom, {})
        node[""] = {}  # a sequence ends here
    return _expression(root)


def _expression(node: dict[str, Any]) -> str:
    branches = [atom + _expression(child) for atom, child in node.items() if atom]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" not in node:
        return body
    return body + "?" if len(branches) > 1 else f"(?:{body})?"


def entry_problem(name: str, entry: Any) -> str | None:
    """Why ``entry`` cannot be an entry of list ``name``, or None."""
    if not isinstance(entry, str):
        return f"entries must be strings, not {entry!r}"
    if not entry.strip():
        return "an entry is empty"
    if entry != entry.strip():
        return f"entry {entry!r} starts or ends with a space"
    form = LISTS[name].form
    if form == HEADINGS and not _WORDS.search(entry):
        return f"heading {entry!r} has no word"
    if form == PHRASES and "*" in _SYNTAX.sub("", entry):
        return f"entry {entry!r}: a '*' may only end a word (deprecat*)"
    return None


def read_language(path: Path) -> dict[str, tuple[str, ...]]:
    """The lists of one language file, checked: a list name it does not know, or an entry
    that is no string or breaks the syntax, is a ``ConfigError`` naming the file and list."""
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: cannot read the word lists: {error}") from None
    return {name: checked_list(name, value, str(path)) for name, value in table.items()}


def checked_list(name: str, value: Any, where: str, prefix: str = "") -> tuple[str, ...]:
    """``value`` as the entries of list ``name``; a ``ConfigError`` naming the file
    (``where``) and the key (``prefix`` + ``name``) when the name is unknown or an entry is not
    usable."""
    key = prefix + name
    if name not in LISTS:
        raise ConfigError(f"{where}: unknown word list '{key}' (known: {', '.join(LISTS)})")
    if not isinstance(value, list):
        raise ConfigError(f"{where}: key '{key}' must be a list of strings, not {value!r}")
    for entry in value:
        problem = entry_problem(name, entry)
        if problem:
            raise ConfigError(f"{where}: key '{key}': {problem}")
    return tuple(value)


@cache
def _shipped() -> Mapping[str, tuple[str, ...]]:
    """The lists of every shipped language file, merged in the order of the file names."""
    return _merged(read_language(path) for path in sorted(FOLDER.glob("*.toml")))


def _merged(parts: Iterable[Mapping[str, Iterable[str]]]) -> Mapping[str, tuple[str, ...]]:
    merged: dict[str, dict[str, None]] = {name: {} for name in LISTS}
    for part in parts:
        for name, entries in part.items():
            merged[name].update(dict.fromkeys(entries))
    return MappingProxyType({name: tuple(entries) for name, entries in merged.items()})


def load(rules: Rules | None = None) -> Lexicon:
    """The shipped lists with ``rules`` added; without rules, the shipped lexicon."""
    return _load(rules or Rules())


@cache
def _load(rules: Rules) -> Lexicon:
    """One ``Lexicon`` per distinct ``rules``: its patterns are compiled once."""
    lists = _merged((_shipped(), dict(rules.phrases)))
    return Lexicon(lists, frozenset(rules.trivial_kinds))
