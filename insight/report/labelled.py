"""Hand-labelled files, one JSON object a line, as ``insight eval`` reads them.

A row names a file (``path``, ``status``, ``old_path`` for a rename), its ``label`` (one of
the three types) and, optionally, a second reader's ``second_label``. A row with ``repo`` and
``range`` is judged by a whole run over that range of that repository; a row without them is
judged from its ``patch`` alone. Other keys (rationales, titles) are ignored. A row that
cannot be used is a usage error naming the file and the line.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from insight.errors import UsageError
from insight.models import CHANGE_TYPES, FileChange
from insight.source.diff import count_lines

_Value = TypeVar("_Value", bound="str | None")
STATUSES = ("added", "removed", "modified", "renamed", "copied", "changed")
"""GitHub's words for a file's change, as report items use them."""


@dataclass(frozen=True)
class LabelledFile:
    """One row: a changed file and the type its reader (or two) gave it."""

    id: str
    path: str
    status: str
    label: str
    line: int
    """The row's line in its file, for messages."""
    old_path: str | None = None
    repo: str | None = None
    range: str | None = None
    patch: str | None = None
    additions: int = 0
    deletions: int = 0
    second_label: str | None = None

    @property
    def run(self) -> tuple[str, str] | None:
        """The repository and range whose run judges this file; None: its patch does."""
        if self.repo is None or self.range is None:
            return None
        return self.repo, self.range

    def change(self) -> FileChange:
        """The file change its patch describes, as a diff holding only this file gives it."""
        return FileChange(
            path=self.path,
            status=self.status,
            additions=self.additions,
            deletions=self.deletions,
            old_path=self.old_path,
            patch=self.patch,
        )


def read_labelled(path: Path) -> list[LabelledFile]:
    """Every row of a labelled JSONL file, blank lines skipped; a usage error at the first
    row that cannot be used, or when there is none."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UsageError(f"{path}: cannot read: {error.strerror}") from None
    rows = []
    for number, raw in enumerate(data.split(b"\n"), 1):
        if raw.strip():
            rows.append(_row(raw, _Where(path, number)))
    if not rows:
        raise UsageError(f"{path}: no labelled files (one JSON object a line)")
    return rows


@dataclass(frozen=True)
class _Where:
    path: Path
    line: int

    def error(self, message: str) -> UsageError:
        return UsageError(f"{self.path}:{self.line}: {message}")


def _row(raw: bytes, where: _Where) -> LabelledFile:
    try:
        record = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise where.error("not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise where.error(f"not JSON: {error.msg} at column {error.colno}") from None
    if not isinstance(record, dict):
        raise where.error(f"a row must be a JSON object, not {type(record).__name__}")
    repo, commit_range = _text(record, "repo", where), _text(record, "range", where)
    if (repo is None) != (commit_range is None):
        given, missing = ("repo", "range") if repo is not None else ("range", "repo")
        raise where.error(f"'{given}' without '{missing}': a range row needs both")
    if repo is None and "patch" not in record:
        raise where.error("missing field 'patch' (a row without 'repo' and 'range' needs it)")
    patch = _text(record, "patch", where)
    additions, deletions = _count(record, "additions", where), _count(record, "deletions", where)
    if additions is None or deletions is None:
        counted = count_lines(patch) if patch else (0, 0)
        additions = counted[0] if additions is None else additions
        deletions = counted[1] if deletions is None else deletions
    return LabelledFile(
        id=_text(record, "id", where) or f"line-{where.line}",
        path=_required(record, "path", where),
        status=_known(_required(record, "status", where), "status", STATUSES, where),
        label=_known(_required(record, "label", where), "label", CHANGE_TYPES, where),
        line=where.line,
        old_path=_text(record, "old_path", where),
        repo=repo,
        range=commit_range,
        patch=patch,
        additions=additions,
        deletions=deletions,
        second_label=_known(
            _text(record, "second_label", where), "second_label", CHANGE_TYPES, where
        ),
    )


def _text(record: Mapping[str, Any], key: str, where: _Where) -> str | None:
    """A string field, or None when it is absent or null; an empty string is an error."""
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or (not value.strip() and key != "patch"):
        raise where.error(f"field '{key}' must be a non-empty string, not {value!r}")
    return value


def _required(record: Mapping[str, Any], key: str, where: _Where) -> str:
    value = _text(record, key, where)
    if value is None:
        raise where.error(f"missing field '{key}'")
    return value


def _known(value: _Value, key: str, known: tuple[str, ...], where: _Where) -> _Value:
    """``value`` when it is None or one of ``known``."""
    if value is not None and value not in known:
        what = "label" if key.endswith("label") else key
        raise where.error(f"unknown {what} {value!r} in '{key}' (known: {', '.join(known)})")
    return value


def _count(record: Mapping[str, Any], key: str, where: _Where) -> int | None:
    """A line count, or None when the row does not give it (the patch's is then used)."""
    value = record.get(key)
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        raise where.error(f"field '{key}' must be a count (0 or more), not {value!r}")
    return value
