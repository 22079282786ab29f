"""Repositories that once broke every report: odd names, pathological configuration files.

Each test builds a real git repository with the fault and runs ``insight report`` (in a
process of its own where the fault once made it run for hours).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from docs_repo import DocsRepo

from insight.cli import cli


def report(repo: Path, *args: str) -> tuple[int, list[str], str]:
    result = CliRunner().invoke(
        cli, ["report", "--repo", str(repo), "HEAD~1..HEAD", "-e", "heuristic", *args]
    )
    return result.exit_code, result.stdout.split(), result.stderr


def report_in_process(repo: Path, isolated: Path) -> list[str]:
    """``insight report`` on the last commit in a process of its own, given two minutes (a
    fault once made it run for hours); it succeeds, and these are the files it wrote."""
    command = [sys.executable, "-m", "insight", "report", "--repo", str(repo)]
    done = subprocess.run(
        [*command, "HEAD~1..HEAD", "-e", "heuristic"],
        cwd=isolated,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def items(isolated: Path, written: list[str]) -> list[dict[str, object]]:
    model = next(path for path in written if path.endswith(".json"))
    return json.loads((isolated / model).read_text())["items"]


def test_a_file_name_that_is_not_utf8_anywhere_in_the_tree_breaks_nothing(
    docs_repo: DocsRepo, isolated: Path
) -> None:
    docs_repo.write("docs/base.md", "# b\n")
    docs_repo.commit("base")
    latin = (docs_repo.path / "docs").as_posix().encode() + b"/latin1-\xe9\xff.md"
    Path(latin.decode("utf-8", "surrogateescape")).write_bytes(b"# x\n")
    docs_repo.commit("latin")
    docs_repo.write("docs/base.md", "# b\n\nMore.\n")
    docs_repo.commit("unrelated")
    code, written, errors = report(docs_repo.path)
    assert code == 0, errors
    assert [item["path"] for item in items(isolated, written)] == ["docs/base.md"]
    (isolated / "insight.toml").write_text(
        f'repo = "{docs_repo.path}"\nfirst_commits = 1\nengine = "heuristic"\n'
    )
    ran = CliRunner().invoke(cli, ["run"])
    assert ran.exit_code == 0, ran.output
    assert "reported up to" in ran.stderr


def test_a_huge_docfx_redirection_file_is_read_in_linear_time(
    docs_repo: DocsRepo, isolated: Path
) -> None:
    for page in ("a", "b"):
        docs_repo.write(f"articles/{page}.md", f"# {page}\n\ntext\n")
    entries = '{"source_path": "articles/b.md", "redirect_url": "/docs/a"}'
    docs_repo.write(
        ".openpublishing.redirection.json",
        '{"redirections": [' + entries + "], " + '"source_path": "x", ' * 100_000 + "}",
    )  # 2 MB: a quadratic reading took hours
    docs_repo.commit("init")
    docs_repo.remove("articles/b.md")
    docs_repo.commit("remove b")
    [removed] = items(isolated, report_in_process(docs_repo.path, isolated))
    assert removed["redirect"] == "/docs/a"


def test_a_huge_table_header_with_one_letter_changed_is_read_quickly(
    docs_repo: DocsRepo, isolated: Path
) -> None:
    """A header cell of 30,000 characters, one letter of it changed: a column's name is
    compared letter by letter for a spelling fix, which grows with the square of its length
    (minutes here); text that long is no name and is not compared."""
    cell = "word " * 6_000
    docs_repo.write("articles/a.md", f"# a\n\n| {cell}a | b |\n|---|---|\n| 1 | 2 |\n")
    docs_repo.commit("table")
    docs_repo.write("articles/a.md", f"# a\n\n| {cell}e | b |\n|---|---|\n| 1 | 2 |\n")
    docs_repo.commit("one letter")
    written = report_in_process(docs_repo.path, isolated)
    assert [item["path"] for item in items(isolated, written)] == ["articles/a.md"]


@pytest.mark.parametrize(
    ("name", "head", "nested"),
    [
        (".openpublishing.publish.config.json", '{"docsets_to_publish": ', "[" * 100_000),
        ("mkdocs.yml", "site_name: x\nnav:\n  - ", "[" * 5_000),
        ("hugo.toml", 'baseURL = "https://x/"\na = ', "[" * 100_000),
        ("docs/en/mkdocs.yml", "site_name: x\nplugins:\n  - ", "{a: " * 3_000),
    ],
)
def test_a_deeply_nested_toolchain_configuration_is_one_warning_not_an_error(
    docs_repo: DocsRepo, isolated: Path, name: str, head: str, nested: str
) -> None:
    closing = "".join({"[": "]", "{": "}"}[mark] for mark in reversed(nested.replace("a: ", "")))
    docs_repo.write(name, head + nested + ("1" if "{" in nested else "") + closing + "\n")
    docs_repo.write("articles/a.md", "# a\n")
    docs_repo.commit("config")
    docs_repo.write("articles/a.md", "# a\n\nMore.\n")
    docs_repo.commit("edit")
    code, written, errors = report(docs_repo.path)
    assert code == 0, errors
    assert f"insight: {name} nests deeper than 100 levels; it was not read" in errors
    assert [item["path"] for item in items(isolated, written)] == ["articles/a.md"]


def test_a_byte_order_mark_hides_no_front_matter(docs_repo: DocsRepo, isolated: Path) -> None:
    docs_repo.write("docs/base.md", "# Base\n")
    docs_repo.commit("base")
    docs_repo.write("docs/z/bom.md", b"\xef\xbb\xbf---\ntitle: BOM page\n---\n# BOM\n\ntext\n")
    docs_repo.write("docs/z/crlf.md", "---\r\ntitle: CRLF page\r\n---\r\n# CRLF\r\n\r\ntext\r\n")
    docs_repo.commit("pages")
    code, written, errors = report(docs_repo.path)
    assert code == 0, errors
    titles = {item["path"]: item["title"] for item in items(isolated, written)}
    assert titles == {
        "docs/z/bom.md": "New page: “BOM page”",
        "docs/z/crlf.md": "New page: “CRLF page”",
    }
    old = isolated / "reports" / "old.md"
    old.write_bytes(
        b"\xef\xbb\xbf---\ntitle: '[en_US] Diff Insight Report - old'\ndate: '2025-03-01'\n"
        b"summary: Old.\n---\n\n# Summary Table\n"
    )
    published = CliRunner().invoke(cli, ["publish", "reports", "--out", "site"])
    assert published.exit_code == 0 and "skipped" not in published.stderr, published.output
    assert (isolated / "site" / "en_US" / "reports" / "2025-03-01-old.html").is_file()


def test_script_addresses_from_a_repository_reach_no_model_or_index(
    docs_repo: DocsRepo, isolated: Path
) -> None:
    docs_repo.write("mkdocs.yml", 'site_name: x\nsite_url: "javascript:alert(document.domain)//"\n')
    docs_repo.write("_redirects", "/docs/b javascript:alert(1)\n/docs/c data:text/html,<script>\n")
    for page in "abc":
        docs_repo.write(f"docs/{page}.md", f"# {page}\n")
    docs_repo.commit("site")
    docs_repo.write("docs/a.md", "# a\n\nMore.\n")
    docs_repo.remove("docs/b.md")
    docs_repo.remove("docs/c.md")
    docs_repo.commit("edit")
    code, written, errors = report(docs_repo.path)
    assert code == 0, errors
    assert {item["path"] for item in items(isolated, written)} == {f"docs/{p}.md" for p in "abc"}
    assert CliRunner().invoke(cli, ["publish", "reports", "--out", "site"]).exit_code == 0
    for text in (
        *(path.read_text() for path in (isolated / "reports").rglob("*.json")),
        (isolated / "site" / "index.json").read_text(),
    ):
        assert "javascript:" not in text and "data:" not in text


@pytest.mark.parametrize("value", ["javascript:alert(1)", "https://docs example/", "/docs/"])
def test_docs_url_must_be_an_http_address(docs_repo: DocsRepo, isolated: Path, value: str) -> None:
    docs_repo.write("docs/a.md", "# a\n")
    docs_repo.commit("one")
    docs_repo.write("docs/a.md", "# a\n\nMore.\n")
    docs_repo.commit("two")
    (isolated / "insight.toml").write_text(f"docs_url = {json.dumps(value)}\n")
    code, written, errors = report(docs_repo.path)
    assert code == 2 and written == []
    assert f"key 'docs_url' must be an http(s) address, not {value!r}" in errors


class _Pipe:
    """A pipe as git's output arrives through one: a few kilobytes at a time."""

    def __init__(self, data: bytes, chunk: int = 4096) -> None:
        self.data, self.chunk, self.position = data, chunk, 0

    def read1(self, size: int = -1) -> bytes:
        block = self.data[self.position : self.position + min(size, self.chunk)]
        self.position += len(block)
        return block


def test_a_huge_one_line_patch_is_split_from_the_diff_in_linear_time() -> None:
    """32 MB of one file's patch arriving 4 KB at a time: each block used to copy and search
    everything before it again (minutes for this, hours for a 200 MB page); now a moment."""
    from insight.source.changes import _sections

    huge = b"diff --git a/a.md b/a.md\n@@ -0,0 +1 @@\n+" + b"word " * 6_400_000 + b"\n"
    small = b"diff --git a/b.md b/b.md\n@@ -1 +1 @@\n-x\n+y\n"
    started = time.monotonic()
    sections = list(_sections(b"", _Pipe(huge + small)))  # type: ignore[arg-type]
    assert sections == [huge, small]
    assert time.monotonic() - started < 20
