"""Per-locale message catalogues: ``insight/catalogues/<locale>.toml``.

A catalogue is a TOML file of ``str.format`` templates grouped in tables. A key that has
plural forms is a table with ``one`` and ``other``; ``plural()`` picks the form.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from functools import cache
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
        self._messages = messages

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
        node: Any = self._messages
        for part in key.split("."):
            if not isinstance(node, Mapping) or part not in node:
                raise KeyError(f"{self.locale}: no message '{key}'")
            node = node[part]
        return node


@cache
def catalogue(locale: str) -> Catalogue:
    check_locale(locale)
    path = resource_dir("catalogues") / f"{locale}.toml"
    with path.open("rb") as handle:
        return Catalogue(locale, tomllib.load(handle))


def message_keys(messages: Mapping[str, Any], prefix: str = "") -> set[str]:
    """Every dotted key of a catalogue, to check that all locales say the same things."""
    keys = set()
    for key, value in messages.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, Mapping):
            keys |= message_keys(value, dotted + ".")
        else:
            keys.add(dotted)
    return keys
