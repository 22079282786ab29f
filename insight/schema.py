"""JSON Schemas of ``insight.toml`` and of the ``insight.report/v1`` model, made from the code.

They ship in the package (``insight/schemas/``) for editors and other tools; a test checks
that the shipped files are what the code makes. To write them again after a change:
``python -m insight.schema``.
"""

from __future__ import annotations

import ast
import inspect
import itertools
import json
import sys
from dataclasses import MISSING, fields
from pathlib import Path
from typing import Any

from insight import config, i18n
from insight.analysis.evidence import SIGNAL_KINDS
from insight.lexicon import LISTS
from insight.models import CHANGE_TYPES, SCHEMA, Report
from insight.resources import PACKAGE
from insight.source.languages import SUFFIX_PATTERN

DIRECTORY = PACKAGE / "schemas"
BASE_URL = "https://insight-docs.github.io/insight/schemas/"
FILES = {"config": "insight.toml.schema.json", "report": "insight.report.v1.schema.json"}
_MACHINE_DEFAULTS = ("cache_dir",)
"""Defaults that depend on the machine, left out of the schema."""


def config_schema() -> dict[str, Any]:
    """``insight.toml`` (or ``[tool.insight]``): every key, its type, bounds and default."""
    described = _field_docs(config.Settings)
    defaults = {
        item.name: item.default
        for item in fields(config.Settings)
        if item.default is not MISSING and item.name not in _MACHINE_DEFAULTS
    }
    properties: dict[str, Any] = {}
    for key, kind in config._SCALAR_TYPES.items():
        entry: dict[str, Any] = {
            "type": "string" if kind.type is str else "integer" if kind.type is int else "number"
        }
        if kind.minimum is not None:
            entry["minimum"] = kind.minimum
        if kind.maximum is not None:
            entry["maximum"] = kind.maximum
        if defaults.get(key) is not None:
            entry["default"] = defaults[key]
        if key == "engine":
            entry["enum"] = list(config.ENGINES)
        if key == "fallback":
            entry["enum"] = list(config.FALLBACKS)
        if key in described:
            entry["description"] = described[key]
        properties[key] = entry
    properties["locales"] = {
        "type": "array",
        "items": {"type": "string", "enum": list(i18n.supported_locales())},
        "minItems": 1,
        "default": list(config.Settings().locales),
        "description": "Report languages.",
    }
    properties["categories"] = {
        "type": "object",
        "description": "[categories.NAME] tables: a file belongs to the first category whose "
        "prefix or glob matches (less its exclude globs); files no category takes go to the "
        "catch_all category; without any, one report holds every file.",
        "additionalProperties": {
            "type": "object",
            "properties": {
                "paths": {
                    "type": "array",
                    "items": {"type": "string"},
                    "minItems": 1,
                    "description": "Path prefixes (articles/search) or globs (articles/**/x-*.md).",
                },
                "exclude": {
                    "type": "array",
                    "items": {"type": "string"},
                    "description": "Prefixes or globs of paths the category leaves to others.",
                },
            },
            "required": ["paths"],
            "additionalProperties": False,
        },
    }
    words = {"type": "array", "items": {"type": "string", "minLength": 1}}
    properties["rules"] = {
        "type": "object",
        "description": "Additions to the offline analysis's word lists, and signal kinds "
        "whose presence alone makes a change noise.",
        "properties": {
            "phrases": {
                "type": "object",
                "description": "Entries added to the word lists, by list name, for any language.",
                "properties": {
                    name: {**words, "description": kind.holds} for name, kind in LISTS.items()
                },
                "additionalProperties": False,
            },
            "navigation_headings": {
                **words,
                "description": "Headings of sections that only point elsewhere.",
            },
            "trivial_kinds": {
                "type": "array",
                "items": {"type": "string", "enum": list(SIGNAL_KINDS)},
                "description": "Signal kinds whose presence alone is noise (trivial).",
            },
        },
        "additionalProperties": False,
    }
    properties["translations"] = {
        "type": "object",
        "description": "Where the translations of the docs are, when insight does not find "
        "them by itself.",
        "properties": {
            "source": {"type": "string", "description": "The source pages' folder."},
            "pattern": {
                "type": "string",
                "description": f"A folder with one {{lang}} (docs/{{lang}}/docs), or "
                f"{SUFFIX_PATTERN} for page.fr.md beside page.md.",
            },
            "languages": {"type": "array", "items": {"type": "string"}},
            "never_translated": {
                "type": "array",
                "items": {"type": "string"},
                "description": "Globs (relative to source) of pages no language translates: "
                "never 'missing'.",
            },
        },
        "required": ["source", "pattern"],
        "additionalProperties": False,
    }
    properties["catch_all"] = {
        "anyOf": [{"type": "string", "minLength": 1}, {"const": False}],
        "default": config.Settings().catch_all,
        "description": described["catch_all"],
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": BASE_URL + FILES["config"],
        "title": "insight.toml",
        "description": "The settings of insight: insight.toml, or [tool.insight] in "
        "pyproject.toml. INSIGHT_* environment variables and command-line flags win over them.",
        "type": "object",
        "properties": dict(sorted(properties.items())),
        "additionalProperties": False,
    }


def report_schema() -> dict[str, Any]:
    """The ``insight.report/v1`` model, as pydantic reads it, with its fixed values."""
    from pydantic import TypeAdapter

    schema = TypeAdapter(Report).json_schema()
    schema["properties"]["schema"] = {"const": SCHEMA, "title": "Schema", "default": SCHEMA}
    item = schema["$defs"]["ReportItem"]["properties"]
    item["type"] = {"title": "Type", "type": "string", "enum": [*CHANGE_TYPES, "bug fix"]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": BASE_URL + FILES["report"],
        **schema,
        "title": SCHEMA,
        "description": "A Diff Insight Report as JSON: rendering it gives the Markdown report "
        "byte for byte. 'bug fix' is read in reports of the anchor system, never written.",
    }


def schema_texts() -> dict[str, str]:
    """The shipped files' names and contents."""
    made = {"config": config_schema(), "report": report_schema()}
    return {
        FILES[name]: json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
        for name, schema in made.items()
    }


def _field_docs(cls: type) -> dict[str, str]:
    """The docstrings written under a dataclass's fields (the string after ``name: type``)."""
    body = ast.parse(inspect.getsource(cls)).body[0]
    docs: dict[str, str] = {}
    statements = getattr(body, "body", [])
    for field_line, following in itertools.pairwise(statements):
        if (
            isinstance(field_line, ast.AnnAssign)
            and isinstance(field_line.target, ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            docs.setdefault(field_line.target.id, " ".join(following.value.value.split()))
    return docs


def write_schemas(directory: Path = DIRECTORY) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        (directory / name).write_text(text, encoding="utf-8")
        written.append(directory / name)
    return written


if __name__ == "__main__":
    write_schemas(Path(sys.argv[1]) if len(sys.argv) > 1 else DIRECTORY)
