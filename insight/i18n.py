"""Per-locale message catalogues: ``insight/catalogues/<locale>.toml``.

A catalogue is a TOML file of ``str.format`` templates grouped in tables. A key that has
plural forms is a table with ``one`` and ``other``; ``plural()`` picks the form.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping
from functools import cache
from string import Formatter
from typing import Any

from insight.errors import UsageError
from insight.resources import resource_dir

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib


@cache
def supported_locales() -> tuple[str, ...]:
    return tuple(sorted(path.stem for path in resource_dir("catalogues").glob("*.toml")))


def check_locale(locale: str) -> str:
    """The locale itself, or a usage error that lists the supported ones."""
    if locale not in supported_locales():
        raise UsageError(f"unknown locale '{locale}' (supported: {', '.join(supported_locales())})")
    return locale


class Catalogue:
    """The messages of one locale."""

    def __init__(self, locale: str, messages: Mapping[str, Any]) -> None:
        self.locale = locale
        self._by_key = dict(_dotted(messages))
        """Every message and table by its dotted key: one look-up finds any."""

    def message_keys(self) -> set[str]:
        """The dotted key of every message (not of the tables that group them): all locales
        must say the same things."""
        return {key for key, value in self._by_key.items() if not isinstance(value, Mapping)}

    def has(self, key: str) -> bool:
        try:
            self._lookup(key)
        except KeyError:
            return False
        return True

    def text(self, key: str, /, **params: Any) -> str:
        """The message at dotted ``key`` with ``params`` filled in."""
        template = self._lookup(key)
        if not isinstance(template, str):
            raise KeyError(f"{self.locale}: '{key}' is a table, not a message")
        return template.format(**params)

    def fields(self, key: str) -> set[str]:
        """The names of the parameters the message at ``key`` fills in."""
        template = self._lookup(key)
        return {name for _, name, _, _ in Formatter().parse(template) if name}

    def plural(self, key: str, count: int, /, **params: Any) -> str:
        """The ``one`` or ``other`` form of ``key`` for ``count``."""
        form = "one" if count == 1 and self.has(f"{key}.one") else "other"
        return self.text(f"{key}.{form}", count=count, **params)

    def table(self, key: str) -> dict[str, str]:
        """Every message of the table at ``key``, by name."""
        found = self._lookup(key)
        return {name: value for name, value in found.items() if isinstance(value, str)}

    def join(self, parts: list[str]) -> str:
        """A list inside a sentence."""
        return self.text("meta.list_separator").join(parts)

    def sentences(self, parts: list[str]) -> str:
        """Sentences into a paragraph: spaced in English, run together in Chinese and Japanese."""
        return self.text("meta.sentence_separator").join(parts)

    def _lookup(self, key: str) -> Any:
        try:
            return self._by_key[key]
        except KeyError:
            raise KeyError(f"{self.locale}: no message '{key}'") from None


@cache
def catalogue(locale: str) -> Catalogue:
    check_locale(locale)
    path = resource_dir("catalogues") / f"{locale}.toml"
    with path.open("rb") as handle:
        return Catalogue(locale, tomllib.load(handle))


def _dotted(messages: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    """(dotted key, value) of every table and message, the tables before what they hold."""
    for key, value in messages.items():
        dotted = f"{prefix}{key}"
        yield dotted, value
        if isinstance(value, Mapping):
            yield from _dotted(value, dotted + ".")
