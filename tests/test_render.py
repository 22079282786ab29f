"""The renderer reproduces every golden report byte for byte from its JSON model."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from insight.cli import cli
from insight.models import Coverage, anchor
from insight.report import serialize
from insight.report.render import coverage, fence, render_markdown

GOLDEN = Path(__file__).parent / "fixtures" / "golden"
MODELS = sorted(GOLDEN.glob("*.json"))
OPEN_FENCE = Path(__file__).parent / "fixtures" / "anchor" / "202508_zh_CN_report-20250806-search"
"""A real anchor report whose overview ends inside a fence it never closes."""


@pytest.mark.parametrize("model", MODELS, ids=[path.stem for path in MODELS])
def test_golden_markdown_is_byte_identical(model: Path) -> None:
    expected = model.with_suffix(".md").read_bytes().decode("utf-8")
    assert render_markdown(serialize.load(model)) == expected


def test_an_overview_that_ends_in_an_open_fence_is_rendered_as_written(tmp_path: Path) -> None:
    expected = OPEN_FENCE.with_suffix(".md").read_bytes()
    assert expected.count(b"\n```") % 2 == 1  # the overview's fence is still open
    written = tmp_path / "report.md"
    result = CliRunner().invoke(
        cli, ["render", str(OPEN_FENCE.with_suffix(".json")), "-o", str(written)]
    )
    assert result.exit_code == 0, result.output
    assert written.read_bytes() == expected


@pytest.mark.parametrize("model", MODELS, ids=[path.stem for path in MODELS])
def test_golden_json_round_trips(model: Path) -> None:
    text = model.read_text(encoding="utf-8")
    assert serialize.dumps(serialize.loads(text)) == text


def test_json_is_what_the_standard_encoder_writes() -> None:
    """Nested lists and dicts (empty ones too), floats, booleans, nulls, control and
    non-ASCII characters come out as ``json.dumps(indent=1, ensure_ascii=False)`` has them."""
    report = serialize.load(MODELS[0])
    report.items[0].confidence = 0.1 + 0.2
    report.items[0].trivial = True
    report.items[0].patch = None
    report.items[1].explanation = "tab\there, \x1b escape, \u2028 separator, “quotes” \\ 中文"
    report.items[1].signals = [{"kind": "x", "detail": {"rows": [], "nested": {}}}, {}]
    report.items[2].commits = [{"sha": "a" * 40, "pull_request": None, "n": [1, 2.5, -0.0]}]
    expected = json.dumps(serialize.report_to_dict(report), ensure_ascii=False, indent=1)
    assert serialize.dumps(report) == expected
    assert "".join(serialize.dump_pieces(report, size=10)) == expected


def test_rendering_follows_the_model() -> None:
    """A changed title shows in its table row and its section, and nowhere else changes."""
    report = serialize.load(MODELS[0])
    golden = render_markdown(report)
    old_title, new_title = report.items[1].title, "A title the golden file never had"
    report.items[1].title = new_title
    markdown = render_markdown(report)
    assert markdown.count(new_title) == 2
    assert markdown.count(old_title) == golden.count(old_title) - 2
    assert len(markdown) - len(golden) == 2 * (len(new_title) - len(old_title))


def test_anchor_is_md5_prefix() -> None:
    assert anchor("articles/ai-services/openai/concepts/models.md") == "item-db2c37"


@pytest.mark.parametrize(
    ("patch", "expected"),
    [
        ("@@ -1 +1 @@\n-a\n+b", "````"),
        ("@@ -1,2 +1,2 @@\n+```python\n ```", "````"),
        ("@@ -1 +1 @@\n ````\n+`````", "``````"),
        ("@@ -1 +1 @@\n+   ``````", "```````"),
        ("@@ -1 +1 @@\n+    `````", "````"),
        ("@@ -1 +1 @@\n+text ````` inside", "````"),
    ],
)
def test_fence_outgrows_every_fence_in_the_patch(patch: str, expected: str) -> None:
    assert fence(patch) == expected


def test_extra_item_fields_do_not_change_the_markdown() -> None:
    report = serialize.load(MODELS[0])
    plain = render_markdown(report)
    report.items = [
        dataclasses.replace(
            item, old_path="x.md", binary=False, reason="r", engine="heuristic", signals=[]
        )
        for item in report.items
    ]
    assert render_markdown(report) == plain


def test_table_cells_stay_on_one_row() -> None:
    report = serialize.load(MODELS[0])
    report.items[0].title = "pipes | and\nnewlines"
    markdown = render_markdown(report)
    assert "| pipes \\| and newlines |" in markdown


@pytest.mark.parametrize(
    ("locale", "line"),
    [
        ("en_US", "This report covers `aaaaaaa...bbbbbbb`: 6 commits, on 2026-08-11."),
        ("ja_JP", "このレポートの対象は `aaaaaaa...bbbbbbb` です：6 件のコミット、2026-08-11。"),
        ("zh_CN", "本报告涵盖 `aaaaaaa...bbbbbbb`：6 个提交，2026-08-11。"),
    ],
)
def test_a_one_day_range_says_its_day_apart_from_the_commits(locale: str, line: str) -> None:
    report = serialize.load(MODELS[0])
    one_day = Coverage("a" * 40, "b" * 40, 6, "2026-08-11", "2026-08-11")
    assert coverage(dataclasses.replace(report, locale=locale, range=one_day)) == line
