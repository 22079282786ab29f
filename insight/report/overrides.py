"""Reviewers' corrections: a file's type, title or explanation set by hand, kept across runs.

``insight-overrides.toml`` (beside the config file) holds one ``[[override]]`` per corrected
change. An override is keyed by the change's fingerprint (its paths and its old and new
blobs): every later report, run, render and publish that meets the same change applies it
and marks the item ``reviewed``; when the file has changed since (same path, another
fingerprint), the override is reported as stale and not applied.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from insight.errors import ConfigError
from insight.models import CHANGE_TYPES, Report, ReportItem

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

FILE_NAME = "insight-overrides.toml"
_KEYS = ("path", "fingerprint", "type", "title", "explanation", "locale")
_HEADER = """\
# Reviewers' corrections, applied by insight report, run, render and publish.
# Each [[override]] holds for one change of one file, named by its fingerprint (the file's
# paths and blobs). When the file changes again, insight says the override is stale and
# leaves it unapplied: review the new change (insight override PATH ...) or delete the entry.
"""


@dataclass(frozen=True)
class Override:
    path: str
    fingerprint: str
    type: str
    title: str | None = None
    explanation: str | None = None
    locale: str | None = None
    """The locale of ``title`` and ``explanation``; None: every locale."""

    def holds_for(self, locale: str) -> bool:
        return self.locale is None or self.locale == locale


def overrides_file(config_source: str | None, directory: Path | None = None) -> Path:
    """Beside the config file in use, else in ``directory`` (default: the current one)."""
    if config_source and Path(config_source).is_file():
        return Path(config_source).parent / FILE_NAME
    return (directory or Path.cwd()) / FILE_NAME


def load_overrides(path: Path) -> list[Override]:
    """The overrides in ``path``; none when there is no such file."""
    if not path.is_file():
        return []
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror}") from None
    unknown = sorted(set(data) - {"override"})
    if unknown:
        raise ConfigError(f"{path}: unknown key '{unknown[0]}' (known: override)")
    entries = data.get("override", [])
    if not isinstance(entries, list):
        raise ConfigError(f"{path}: 'override' must be an array of [[override]] tables")
    return [
        _override(entry, f"{path}: override {index + 1}") for index, entry in enumerate(entries)
    ]


def _override(entry: Any, where: str) -> Override:
    if not isinstance(entry, dict):
        raise ConfigError(f"{where} must be a table")
    unknown = sorted(set(entry) - set(_KEYS))
    if unknown:
        raise ConfigError(f"{where}: unknown key '{unknown[0]}' (known: {', '.join(_KEYS)})")
    for key in _KEYS:
        value = entry.get(key)
        if key in ("path", "fingerprint", "type") and value is None:
            raise ConfigError(f"{where}: missing key '{key}'")
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise ConfigError(f"{where}: key '{key}' must be a non-empty string")
    if entry["type"] not in CHANGE_TYPES:
        raise ConfigError(
            f"{where}: type {entry['type']!r} is not one of {', '.join(CHANGE_TYPES)}"
        )
    values: dict[str, Any] = {key: entry.get(key) for key in _KEYS}
    return Override(**values)


def save_override(path: Path, override: Override) -> dict[Path, str]:
    """The overrides file with ``override`` in place of any for the same change and locale,
    as ``{path: text}`` for ``write_files``."""
    kept = [
        each
        for each in load_overrides(path)
        if (each.path, each.fingerprint, each.locale)
        != (override.path, override.fingerprint, override.locale)
    ]
    return {path: overrides_text([*kept, override])}


def overrides_text(overrides: Iterable[Override]) -> str:
    blocks = [_HEADER]
    for override in overrides:
        lines = ["[[override]]"]
        for key in _KEYS:
            value = getattr(override, key)
            if value is not None:
                lines.append(f"{key} = {_toml_string(value)}")
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)


def _toml_string(value: str) -> str:
    """A TOML basic string: JSON's escapes, which TOML shares, and DEL escaped as TOML wants."""
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def apply_to_reports(reports: Sequence[Report], overrides: Sequence[Override]) -> list[str]:
    """``apply_overrides`` to whole reports."""
    return apply_overrides([(report.locale, report.items) for report in reports], overrides)


def apply_overrides(
    groups: Iterable[tuple[str, Sequence[ReportItem]]], overrides: Sequence[Override]
) -> list[str]:
    """Apply each override to the items of its change, in place, for groups of items of one
    locale each; notices for the stale ones (their file is there, with another change)."""
    if not overrides:
        return []
    by_path: dict[str, list[Override]] = {}
    for override in overrides:
        by_path.setdefault(override.path, []).append(override)
    stale: dict[tuple[str, str], str | None] = {}
    for locale, items in groups:
        for item in items:
            found = by_path.get(item.path)
            if not found:
                continue
            matching = [o for o in found if o.fingerprint == item.fingerprint]
            if not matching:
                for override in found:
                    stale[(override.path, override.fingerprint)] = item.fingerprint
                continue
            apply_to_item(item, matching, locale)
    return [
        f"override of {path} is stale: the file changed since it was reviewed "
        f"(fingerprint {fingerprint}, now {now or 'unknown'}); not applied"
        for (path, fingerprint), now in stale.items()
    ]


def apply_to_item(item: ReportItem, overrides: Sequence[Override], locale: str) -> None:
    """The type holds in every locale; a title or explanation in its own."""
    for override in overrides:
        item.type = override.type
        if override.holds_for(locale):
            item.title = override.title or item.title
            item.explanation = override.explanation or item.explanation
        item.reviewed = True


def find_item(reports: Mapping[Path, Report], path: str) -> tuple[Path, ReportItem] | None:
    """The item of ``path`` in the newest of ``reports`` that has it (by date, then name)."""
    for source, report in sorted(
        reports.items(), key=lambda entry: (entry[1].date, str(entry[0])), reverse=True
    ):
        for item in report.items:
            if item.path == path:
                return source, item
    return None
