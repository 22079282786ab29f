"""Where a docs repository keeps its translations: one layout per tree of source pages.

A layout maps a source page to its translation in each language. Two shapes cover the
common toolchains:

- a folder per language, the source pages in one of them or beside them: FastAPI's
  ``docs/{lang}/docs`` (source ``docs/en/docs``), Hugo's ``content/{lang}`` (source
  ``content/en``), Docusaurus's ``i18n/{lang}/docusaurus-plugin-content-docs/current``
  (source ``docs``);
- a suffix beside each page, as mkdocs-static-i18n and Hugo name them: ``page.fr.md`` beside
  ``page.md`` (``pattern = "{name}.{lang}{suffix}"``).

Layouts are found in the file list of a commit, or given in the ``[translations]`` table of
the config file (``source``, ``pattern``, ``languages``).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from insight.errors import ConfigError
from insight.models import MARKDOWN_SUFFIXES

SUFFIX_PATTERN = "{name}.{lang}{suffix}"
"""The pattern of a suffix layout: ``page.fr.md`` beside ``page.md``."""

PAGE_SUFFIXES = MARKDOWN_SUFFIXES
"""The files that are pages to translate; images, data and code are left out."""

_ISO_639_1_CODES = """
    aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs
    cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi
    ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku
    kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no
    nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so
    sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo
    xh yi yo za zh zu"""
_ISO_639_1 = frozenset(_ISO_639_1_CODES.split())
_LANGUAGE_TAG = re.compile(r"^(?P<primary>[a-z]{2,3})(?:[-_][A-Za-z0-9]{2,8})*$")
_TABLE_KEYS = ("source", "pattern", "languages", "never_translated")

_DETECTED_FOLDERS = (
    ("docs/en/docs", "docs/{lang}/docs", False),
    ("content/en", "content/{lang}", True),
    ("docs", "i18n/{lang}/docusaurus-plugin-content-docs/current", False),
    ("blog", "i18n/{lang}/docusaurus-plugin-content-blog", False),
)
"""(source, pattern, whether a folder must be named by an ISO 639-1 code) of the folder
layouts found without configuration: FastAPI and other MkDocs sites with a folder per
language, Hugo (whose ``content/`` holds other folders too), Docusaurus's docs and blog."""


def is_language_code(name: str) -> bool:
    """An ISO 639-1 language, alone or with a region or script: ``de``, ``pt-BR``, ``zh-hant``."""
    match = _LANGUAGE_TAG.match(name)
    return match is not None and match.group("primary") in _ISO_639_1


@dataclass(frozen=True)
class Layout:
    """The source pages under ``source`` and their translations, one per language."""

    source: str
    """The folder of the source pages (``""``: the whole repository)."""
    pattern: str
    """The folder of a language's pages with ``{lang}``, or ``SUFFIX_PATTERN``."""
    languages: tuple[str, ...]
    never: tuple[str, ...] = ()
    """Globs (relative to ``source``) of pages no language is meant to translate."""

    def relative(self, path: str) -> str:
        """A source page's path inside ``source``."""
        return path[len(self.source) + 1 :] if self.source else path

    @property
    def by_suffix(self) -> bool:
        return self.pattern == SUFFIX_PATTERN

    def roots(self) -> tuple[str, ...]:
        """The folders to read history from (empty: the whole repository)."""
        if self.by_suffix or not self.source:
            return (self.source,) if self.source else ()
        return (self.source, *(self.pattern.format(lang=lang) for lang in self.languages))

    def is_source_page(self, path: str) -> bool:
        """A page to translate: under ``source``, not itself a translation."""
        if not path.lower().endswith(PAGE_SUFFIXES) or not _under(path, self.source):
            return False
        if self.by_suffix:
            return _split_suffix(path, self.languages) is None
        return not any(_under(path, self.pattern.format(lang=lang)) for lang in self.languages)

    def translation(self, path: str, language: str) -> str:
        """Where the translation of the source page ``path`` lives in ``language``."""
        if self.by_suffix:
            stem, dot, suffix = path.rpartition(".")
            return f"{stem}.{language}{dot}{suffix}"
        return f"{self.pattern.format(lang=language)}/{self.relative(path)}"


def _under(path: str, folder: str) -> bool:
    return not folder or path.startswith(folder + "/")


def _split_suffix(path: str, languages: Iterable[str]) -> tuple[str, str] | None:
    """(source page, language) of a suffixed translation such as ``page.fr.md``."""
    stem, dot, suffix = path.rpartition(".")
    base, _, language = stem.rpartition(".")
    if dot and base and language in languages:
        return f"{base}.{suffix}", language
    return None


def detect_layouts(files: Collection[str]) -> tuple[Layout, ...]:
    """The layouts a commit's file list shows: known language folders, else page suffixes."""
    layouts = []
    for source, pattern, iso_only in _DETECTED_FOLDERS:
        if not any(path.startswith(source + "/") for path in files):
            continue
        languages = folder_languages(files, pattern, exclude=source, iso_only=iso_only)
        if languages:
            layouts.append(Layout(source, pattern, languages))
    return tuple(layouts) or suffix_layouts(files, "")


def folder_languages(
    files: Iterable[str], pattern: str, exclude: str = "", iso_only: bool = False
) -> tuple[str, ...]:
    """The languages whose folder of ``pattern`` holds pages: any name shaped like a language
    tag (FastAPI has ``em``, emoji), or only ISO 639-1 codes with ``iso_only``."""
    named = is_language_code if iso_only else _LANGUAGE_TAG.match
    before, after = pattern.split("{lang}", 1)
    shape = re.compile(rf"^{re.escape(before)}(?P<lang>[^/]+){re.escape(after)}/")
    found = set()
    for path in files:
        match = shape.match(path)
        if match and path.lower().endswith(PAGE_SUFFIXES) and named(match.group("lang")):
            found.add(match.group("lang"))
    return tuple(sorted(lang for lang in found if pattern.format(lang=lang) != exclude))


def suffix_layouts(files: Collection[str], source: str) -> tuple[Layout, ...]:
    """A suffix layout when pages such as ``page.fr.md`` stand beside their ``page.md``."""
    languages = set()
    for path in files:
        if not path.lower().endswith(PAGE_SUFFIXES) or not _under(path, source):
            continue
        stem, dot, suffix = path.rpartition(".")
        base, _, language = stem.rpartition(".")
        if base and is_language_code(language) and f"{base}{dot}{suffix}" in files:
            languages.add(language)
    return (Layout(source, SUFFIX_PATTERN, tuple(sorted(languages))),) if languages else ()


def layout_from_table(table: Mapping[str, Any], where: str) -> Layout:
    """The layout the ``[translations]`` table describes; without ``languages``, they are
    found in the tree later (``with_languages``)."""
    unknown = sorted(set(table) - set(_TABLE_KEYS))
    if unknown:
        raise ConfigError(
            f"{where}: [translations]: unknown key '{unknown[0]}' (known: {', '.join(_TABLE_KEYS)})"
        )
    source = _text(table, "source", where).strip("/")
    pattern = _text(table, "pattern", where).strip("/")
    folder = pattern.count("{lang}") == 1 and "{" not in pattern.replace("{lang}", "")
    if pattern != SUFFIX_PATTERN and not folder:
        raise ConfigError(
            f"{where}: [translations]: pattern '{pattern}' must be a folder with one {{lang}} "
            f"(docs/{{lang}}/docs) or {SUFFIX_PATTERN}"
        )
    languages = _languages(table["languages"], where) if "languages" in table else ()
    never = table.get("never_translated", [])
    if not isinstance(never, list) or not all(isinstance(item, str) for item in never):
        raise ConfigError(
            f"{where}: [translations]: key 'never_translated' must be a list of globs "
            "(relative to 'source', such as \"reference/**\")"
        )
    return Layout(source, pattern, languages, tuple(never))


def with_languages(layout: Layout, files: Collection[str]) -> Layout:
    """The layout itself if it names its languages, else with those found in ``files``."""
    if layout.languages:
        return layout
    if layout.by_suffix:
        found = suffix_layouts(files, layout.source)
        return replace(layout, languages=found[0].languages) if found else layout
    return replace(layout, languages=folder_languages(files, layout.pattern, layout.source))


def _text(table: Mapping[str, Any], key: str, where: str) -> str:
    value = table.get(key)
    if not isinstance(value, str):
        shown = "missing" if value is None else f"not {value!r}"
        raise ConfigError(f"{where}: [translations]: key '{key}' must be a string ({shown})")
    return value


def _languages(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{where}: [translations]: key 'languages' must be a list of strings")
    for language in value:
        if not _LANGUAGE_TAG.match(language):
            raise ConfigError(
                f"{where}: [translations]: '{language}' is not a language code (de, pt-BR)"
            )
    return tuple(dict.fromkeys(value))
