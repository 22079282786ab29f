"""The ``insight.report/v1`` model as JSON: dump in the golden field order, load with checks."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import asdict
from datetime import date as Date
from functools import cache
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any

from insight.errors import ReportFormatError
from insight.models import (
    CHANGE_TYPES,
    OPTIONAL_ITEM_FIELDS,
    REQUIRED_ITEM_FIELDS,
    SCHEMA,
    Report,
    ReportItem,
)

_TOP_FIELDS = ("schema", "title", "locale", "date", "permalink", "summary", "overview")
LOCALE_CODE = re.compile(r"^[a-z]{2,3}_[A-Z]{2}$")
"""A locale as reports name it (``en_US``, ``zh_CN``): it becomes a folder and a page path."""
LEGACY_TYPES = ("bug fix",)
"""Types the anchor system also wrote; its reports are still read, insight never writes them."""


@cache
def _validator() -> Any:
    """pydantic's validator of the model; built on first use (writing reports never needs it)."""
    from pydantic import TypeAdapter

    return TypeAdapter(Report)


def report_to_dict(report: Report) -> dict[str, Any]:
    """The model as a plain dict, keys in the order of the golden files; unset extras left out."""
    data: dict[str, Any] = {key: getattr(report, key) for key in _TOP_FIELDS}
    if report.range is not None:
        data["range"] = asdict(report.range)
    data["items"] = [_item_to_dict(item) for item in report.items]
    return data


def _item_to_dict(item: ReportItem) -> dict[str, Any]:
    data = {key: getattr(item, key) for key in REQUIRED_ITEM_FIELDS}
    data.update(
        {key: getattr(item, key) for key in OPTIONAL_ITEM_FIELDS if getattr(item, key) is not None}
    )
    return data


def dumps(report: Report) -> str:
    return "".join(dump_pieces(report))


def dump_pieces(report: Report, size: int = 1 << 16) -> Iterator[str]:
    """The model's JSON in pieces of about ``size`` characters: a large model is written
    without its whole text held at once. The text is ``json.dumps(model, indent=1,
    ensure_ascii=False)``'s, written about twice as fast (the standard encoder indents in a
    generator that yields every bracket, key and value apart)."""
    batch: list[str] = []
    length = 0
    for piece in _pieces(report_to_dict(report), ""):
        batch.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(batch)
            batch, length = [], 0
    if batch:
        yield "".join(batch)


def _pieces(value: Any, indent: str, depth: int = 2) -> Iterator[str]:
    """The JSON of ``value`` at ``indent``: the members of its first ``depth`` levels of
    containers (the model, its items) as pieces of their own, each written by ``_encode``."""
    if depth == 0 or not isinstance(value, (dict, list)) or not value:
        out: list[str] = []
        _encode(value, indent, out)
        yield "".join(out)
        return
    inner = indent + " "
    for position, (lead, member) in enumerate(_members(value)):
        yield ("{" if isinstance(value, dict) else "[") if position == 0 else ","
        yield "\n" + inner + lead
        yield from _pieces(member, inner, depth - 1)
    yield "\n" + indent + ("}" if isinstance(value, dict) else "]")


def _members(value: dict[str, Any] | list[Any] | tuple[Any, ...]) -> Iterator[tuple[str, Any]]:
    """Each member of a container with what leads it: its key (``"key": ``) in a dict."""
    if isinstance(value, dict):
        return ((encode_basestring(key) + ": ", member) for key, member in value.items())
    return (("", member) for member in value)


_CONSTANTS = {True: "true", False: "false", None: "null"}


def _encode(value: Any, indent: str, out: list[str]) -> None:
    """Append the JSON of ``value`` at ``indent`` to ``out``, as the standard encoder writes it."""
    kind = type(value)
    if kind is str:
        out.append(encode_basestring(value))
    elif kind is dict or kind is list or kind is tuple:
        if not value:
            out.append("{}" if kind is dict else "[]")
            return
        inner = indent + " "
        separator = ("{" if kind is dict else "[") + "\n" + inner
        for lead, member in _members(value):
            out.append(separator + lead)
            _encode(member, inner, out)
            separator = ",\n" + inner
        out.append("\n" + indent + ("}" if kind is dict else "]"))
    elif kind is int:
        out.append(int.__repr__(value))
    elif kind is bool or value is None:
        out.append(_CONSTANTS[value])
    else:  # a float (or an unusual type) as the standard encoder writes it
        out.append(json.dumps(value))


def load(path: Path) -> Report:
    """Read a model file; anything that is not ``insight.report/v1`` is a one-line error."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ReportFormatError(f"{path}: cannot read: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise ReportFormatError(f"{path}: not UTF-8 text") from None
    return loads(text, source=str(path))


def loads(text: str, source: str = "<model>") -> Report:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ReportFormatError(
            f"{source}: not JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None
    except RecursionError:
        raise ReportFormatError(f"{source}: JSON nested too deeply") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        found = data.get("schema") if isinstance(data, dict) else type(data).__name__
        raise ReportFormatError(f"{source}: not an {SCHEMA} model (schema: {found!r})")
    from pydantic import ValidationError

    try:
        report: Report = _validator().validate_python(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ReportFormatError(f"{source}: field {where}: {first['msg']}") from None
    except RecursionError:
        raise ReportFormatError(f"{source}: JSON nested too deeply") from None
    check(report, source)
    return report


def check(report: Report, source: str) -> None:
    """What the types alone do not say: a locale code, an ISO date, a known change type, a
    path, counts that are counts (``changes`` = ``additions`` + ``deletions``)."""
    check_header(report, source)
    known = (*CHANGE_TYPES, *LEGACY_TYPES)
    for index, item in enumerate(report.items):
        where = f"{source}: field items.{index}"
        if item.type not in known:
            raise ReportFormatError(
                f"{where}.type: {item.type!r} is not one of " + ", ".join(CHANGE_TYPES)
            )
        if not item.path.strip() or "\0" in item.path:
            raise ReportFormatError(f"{where}.path: {item.path!r} is no file path")
        for name in ("additions", "deletions", "changes"):
            if getattr(item, name) < 0:
                raise ReportFormatError(f"{where}.{name}: {getattr(item, name)} is below 0")
        if item.changes != item.additions + item.deletions:
            raise ReportFormatError(
                f"{where}.changes: {item.changes} is not additions + deletions "
                f"({item.additions} + {item.deletions})"
            )


def check_header(report: Report, source: str) -> None:
    """The locale (a folder and a page path are made of it) and the date of a report."""
    if not LOCALE_CODE.match(report.locale):
        raise ReportFormatError(
            f"{source}: field locale: {report.locale!r} is not a locale code like en_US"
        )
    if not is_iso_date(report.date):
        raise ReportFormatError(f"{source}: field date: {report.date!r} is not a YYYY-MM-DD date")


def is_iso_date(text: str) -> bool:
    try:
        Date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10
