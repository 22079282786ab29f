"""What a model must reply, and how a reply is checked: never trusted blindly.

Each purpose has a strict structured-outputs schema (every property required, nothing else
allowed) and a pydantic model that checks the reply again, for servers in JSON mode and for
replies that are cut or off the schema. Text from a reply goes into a report only through
``one_line`` (titles, bullets) or ``plain`` (explanations, overviews): no Markdown structure.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from insight.llm.client import Reply
from insight.models import CHANGE_TYPES

TITLE_LIMIT = 120
_STRUCTURE_LINE = re.compile(r"^(\s{0,3})(#{1,6}(?:\s|$)|`{3,}|~{3,}|<|-{3,}\s*$|={3,}\s*$)")


class _Text(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str = Field(min_length=1)
    explanation: str = Field(min_length=1)


class _Verdict(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: Literal["breaking change", "new feature", "minor update"]
    reason: str = Field(min_length=1)
    texts: dict[str, _Text] = Field(min_length=1)
    """The title and explanation by locale: one property per locale asked for."""


class _OverviewReply(BaseModel):
    model_config = ConfigDict(extra="forbid")
    highlights: str = Field(min_length=1)
    new_features: list[str]
    breaking_changes: list[str]
    other_updates: list[str]
    insights: str = Field(min_length=1)


class _SummaryReply(BaseModel):
    model_config = ConfigDict(extra="forbid")
    summary: str = Field(min_length=1)


def _schema(properties: dict[str, Any]) -> dict[str, Any]:
    """A strict structured-outputs schema: every property required, nothing else allowed."""
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


_STRING = {"type": "string"}
_STRINGS = {"type": "array", "items": _STRING}
_REPLIES: dict[str, type[BaseModel]] = {
    "file": _Verdict,
    "localize": _Text,
    "overview": _OverviewReply,
    "summary": _SummaryReply,
}


def schema_for(purpose: str, locales: Sequence[str] = ()) -> dict[str, Any]:
    """The JSON schema a reply must follow. A file's texts are an object with one required
    property per locale, so that under strict structured outputs no locale can be missing."""
    text = _schema({"title": _STRING, "explanation": _STRING})
    if purpose == "file":
        return _schema(
            {
                "type": {"type": "string", "enum": list(CHANGE_TYPES)},
                "reason": _STRING,
                "texts": _schema({locale: text for locale in locales}),
            }
        )
    if purpose == "localize":
        return text
    if purpose == "overview":
        return _schema(
            {
                "highlights": _STRING,
                "new_features": _STRINGS,
                "breaking_changes": _STRINGS,
                "other_updates": _STRINGS,
                "insights": _STRING,
            }
        )
    return _schema({"summary": _STRING})


class UnusableReply(Exception):
    """A reply that is cut, not JSON, or off the schema; the message says which."""


def validate(purpose: str, reply: Reply, locales: Sequence[str] = ()) -> dict[str, Any]:
    """The reply's JSON, or UnusableReply saying what is wrong with it."""
    if reply.finish_reason == "length":
        raise UnusableReply("the reply was cut off at the token limit; be brief")
    try:
        data = json.loads(reply.content)
    except json.JSONDecodeError as error:
        raise UnusableReply(
            f"it is not valid JSON ({error.msg} at character {error.pos})"
        ) from None
    try:
        value = _REPLIES[purpose].model_validate(data).model_dump()
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "the object"
        raise UnusableReply(f"{where}: {first['msg']}") from None
    if purpose == "file":
        given = list(value["texts"])
        if sorted(given) != sorted(locales):
            raise UnusableReply(
                f"texts: one is needed for each of {', '.join(locales)}, got {', '.join(given)}"
            )
    return value


def one_line(text: str) -> str:
    """One line, no Markdown structure, a sensible length."""
    line = " ".join(text.split())
    line = line.lstrip("#").strip() or line
    return line if len(line) <= TITLE_LIMIT else line[: TITLE_LIMIT - 1].rstrip() + "…"


def plain(text: str) -> str:
    """Model text that cannot change a report's structure: no headings, fences, HTML or rules."""
    lines = [
        _STRUCTURE_LINE.sub(lambda match: match.group(1) + "\\" + match.group(2), line)
        for line in text.strip().splitlines()
    ]
    return "\n".join(lines).replace("{#", "{\\#")
