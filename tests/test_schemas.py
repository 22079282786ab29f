"""The JSON Schemas shipped in the package are the ones the code makes, and they accept
what insight reads and writes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import jsonschema
import pytest

import insight
from insight.schema import FILES, schema_texts

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

SHIPPED = Path(insight.__file__).parent / "schemas"
FIXTURES = Path(__file__).parent / "fixtures"


def schema(name: str) -> dict:
    return json.loads((SHIPPED / FILES[name]).read_text(encoding="utf-8"))


def test_the_shipped_schemas_are_current() -> None:
    for name, text in schema_texts().items():
        shipped = (SHIPPED / name).read_text(encoding="utf-8")
        assert shipped == text, f"{name} is stale: python -m insight.schema, then reinstall"


def test_the_config_schema_accepts_the_sample_config_and_names_a_wrong_key() -> None:
    validator = jsonschema.Draft202012Validator(schema("config"))
    validator.validate(tomllib.loads((FIXTURES / "sample-docs/insight.toml").read_text()))
    validator.validate(
        {"engine": "heuristic", "translations": {"source": "docs/en", "pattern": "docs/{lang}"}}
    )
    with pytest.raises(jsonschema.ValidationError, match="'colour' was unexpected"):
        validator.validate({"colour": "blue"})
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({"concurrency": 0})


def test_the_report_schema_accepts_the_golden_models_and_todays() -> None:
    validator = jsonschema.Draft202012Validator(schema("report"))
    models = sorted((FIXTURES / "golden").rglob("*.json"))
    models += sorted((Path(__file__).parent.parent / "reports").rglob("*.json"))
    assert models
    for path in models:
        validator.validate(json.loads(path.read_text(encoding="utf-8")))
    broken = json.loads(models[0].read_text(encoding="utf-8"))
    broken["items"][0]["type"] = "cosmetic"
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(broken)
