"""``insight classify``: a unified diff in, one type per file out, from stdin or a file."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from insight.cli import cli
from insight.models import BREAKING, CHANGE_TYPES, MINOR, NEW_FEATURE

DIFF = "\n".join(
    [
        "diff --git a/articles/models.md b/articles/models.md",
        "index 1111111..2222222 100644",
        "--- a/articles/models.md",
        "+++ b/articles/models.md",
        "@@ -1,6 +1,6 @@",
        " ---",
        " title: Models",
        "-ms.date: 05/23/2025",
        "+ms.date: 05/28/2025",
        " ---",
        " ",
        " # Models",
        "@@ -10,10 +10,6 @@ Intro text for the models page.",
        " ",
        " Details about the current models.",
        " ",
        "-## Image generation models",
        "-",
        "-DALL-E 2 creates images from prompts and is available in East US.",
        "-",
        " ## Pricing",
        " ",
        " See the pricing page.",
        "diff --git a/articles/media/flow.png b/articles/media/flow.png",
        "index 3333333..4444444 100644",
        "Binary files a/articles/media/flow.png and b/articles/media/flow.png differ",
        "diff --git a/articles/old-name.md b/articles/new-name.md",
        "similarity index 95%",
        "rename from articles/old-name.md",
        "rename to articles/new-name.md",
        "index 5555555..6666666 100644",
        "--- a/articles/old-name.md",
        "+++ b/articles/new-name.md",
        "@@ -1,3 +1,3 @@",
        " # Quickstart",
        "-Run the old command.",
        "+Run the new command.",
        " Done.",
        "diff --git a/articles/responses.md b/articles/responses.md",
        "new file mode 100644",
        "index 0000000..7777777",
        "--- /dev/null",
        "+++ b/articles/responses.md",
        "@@ -0,0 +1,3 @@",
        "+# Use the Responses API",
        "+",
        "+The Responses API is new.",
        "",
    ]
)


def run(*args: str, input: str | bytes | None = None) -> click.testing.Result:
    return CliRunner().invoke(cli, ["classify", *args], input=input, catch_exceptions=False)


@pytest.fixture(autouse=True)
def no_config(isolated: Path) -> Path:
    return isolated


def records(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines()]


def test_reads_stdin_and_writes_json_lines_off_a_terminal() -> None:
    result = run("-", input=DIFF)
    assert result.exit_code == 0, result.output
    found = records(result.stdout)
    assert [record["path"] for record in found] == [
        "articles/models.md",
        "articles/media/flow.png",
        "articles/new-name.md",
        "articles/responses.md",
    ]
    by_path = {record["path"]: record for record in found}
    models = by_path["articles/models.md"]
    assert models["type"] == BREAKING
    assert models["title"] == "Removed section “Image generation models” (4 lines)"
    assert models["reason"].startswith("section 'Image generation models' removed")
    assert (models["status"], models["additions"], models["deletions"], models["changes"]) == (
        "modified",
        1,
        5,
        6,
    )
    assert models["signals"][0]["kind"] == "section_removed"
    assert all(record["type"] in CHANGE_TYPES for record in found)


def test_binary_and_rename_headers() -> None:
    by_path = {record["path"]: record for record in records(run(input=DIFF).stdout)}
    image = by_path["articles/media/flow.png"]
    assert (image["type"], image["binary"], image["trivial"]) == (MINOR, True, True)
    moved = by_path["articles/new-name.md"]
    assert (moved["status"], moved["old_path"], moved["type"]) == (
        "renamed",
        "articles/old-name.md",
        BREAKING,
    )
    assert by_path["articles/responses.md"]["type"] == NEW_FEATURE


def test_reads_a_patch_file(tmp_path: Path) -> None:
    patch = tmp_path / "changes.patch"
    patch.write_bytes(DIFF.replace("\n", "\r\n").encode())
    found = records(run(str(patch)).stdout)
    assert len(found) == 4
    assert found[0]["type"] == BREAKING


def test_table_format_and_locale() -> None:
    result = run("--format", "table", "-l", "ja_JP", input=DIFF)
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["TYPE", "+/-", "PATH", "TITLE"]
    assert "articles/old-name.md → articles/new-name.md" in result.stdout
    assert "セクション「Image generation models」を削除（4 行）" in lines[1]


def test_empty_diff_prints_nothing() -> None:
    result = run(input="")
    assert (result.exit_code, result.stdout) == (0, "")


@pytest.mark.parametrize(
    "text",
    ["this is not a diff\n", "--- a/x.md\n+++ b/x.md\n@@ -1,5 +1,5 @@\n-only one line\n"],
    ids=["no-header", "short-hunk"],
)
def test_malformed_diff_is_a_one_line_usage_error(text: str) -> None:
    result = run(input=text)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert "diff" in result.stderr


def test_a_bad_hunk_header_is_named_not_read_as_an_empty_hunk() -> None:
    result = run(input="diff --git a/x.md b/x.md\n--- a/x.md\n+++ b/x.md\n@@ -zz +1 @@\n+hello\n")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == "Error: malformed diff: line 4: bad hunk header '@@ -zz +1 @@'\n"


def test_unknown_locale_is_a_usage_error() -> None:
    result = run("-l", "xx_XX", input=DIFF)
    assert result.exit_code == 2
    assert "unknown locale 'xx_XX'" in result.stderr
