"""``insight render`` on hostile models, templates and output paths: one line, nothing written."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from docs_repo import FIXTURES

from insight.cli import cli

MODEL = FIXTURES / "golden" / "202502_en_US_report-20250225-misc.json"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def one_line_error(result: Result, *words: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    message = result.stderr.strip()
    assert "\n" not in message and "Traceback" not in message, message
    for word in words:
        assert word in message, message


def changed_model(tmp_path: Path, **fields: object) -> Path:
    data = json.loads(MODEL.read_text("utf-8"))
    item_fields = {key[5:]: value for key, value in fields.items() if key.startswith("item_")}
    data.update({key: value for key, value in fields.items() if not key.startswith("item_")})
    data["items"][0].update(item_fields)
    path = tmp_path / "model.json"
    path.write_text(json.dumps(data), "utf-8")
    return path


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"item_type": "major overhaul"}, "items.0.type"),
        ({"date": "not-a-date"}, "date"),
        ({"date": "2025-13-45"}, "date"),
        ({"locale": "xx"}, "locale"),
        ({"locale": "../../../../outside"}, "locale"),
        ({"locale": "/tmp/outside"}, "locale"),
    ],
)
def test_a_bad_field_is_one_line_naming_field_and_file(
    tmp_path: Path, fields: dict[str, str], field: str
) -> None:
    out = tmp_path / "out.md"
    result = run("render", str(changed_model(tmp_path, **fields)), "-o", str(out))
    one_line_error(result, "model.json", f"field {field}")
    assert not out.exists()


def test_json_nested_too_deep_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text(
        '{"schema": "insight.report/v1", "items": ' + "[" * 100_000 + "]" * 100_000 + "}"
    )
    one_line_error(run("render", str(path)), "deep.json", "nested too deeply")


def test_an_undefined_template_variable_is_one_line(tmp_path: Path) -> None:
    template = tmp_path / "mine.md.j2"
    template.write_text("# {{ report.title }} {{ no_such_thing }}\n")
    out = tmp_path / "out.md"
    result = run("render", str(MODEL), "-t", str(template), "-o", str(out))
    one_line_error(result, "mine.md.j2", "no_such_thing")
    assert not out.exists()
    result = run("render", str(MODEL), "-t", str(template), "--debug")
    assert result.exception is not None


def test_output_dash_is_stdout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("render", str(MODEL), "-o", "-")
    assert result.exit_code == 0
    assert result.stdout == MODEL.with_suffix(".md").read_text("utf-8")
    assert not (tmp_path / "-").exists()


def test_a_symlink_fifo_or_device_is_not_replaced(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep")
    link, fifo = tmp_path / "link.md", tmp_path / "fifo.md"
    link.symlink_to(victim)
    os.mkfifo(fifo)
    for target in (link, fifo, Path(os.devnull)):
        result = run("render", str(MODEL), "-o", str(target))
        assert result.exit_code == 1
        assert "not a regular file" in result.stderr and "\n" not in result.stderr.strip()
    assert link.is_symlink() and victim.read_text() == "keep"
    assert fifo.is_fifo() and Path(os.devnull).is_char_device()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["fifo.md", "link.md", "victim.txt"]
