"""Hostile text from a repository or a model cannot change a report's structure.

Every string of ``fixtures/hostile-strings.json`` goes into every field of a report; the
Markdown is then read back by markdown-it (raw HTML on, every link accepted, as a careless
reader would) and by YAML, and must hold exactly the report's own structure.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from docs_repo import FIXTURES, DocsRepo
from markdown_it import MarkdownIt
from markdown_it.token import Token

from insight import escape
from insight.cli import cli
from insight.models import Report, ReportItem, anchor
from insight.publish.markup import render_html
from insight.publish.site import table_kept
from insight.report import serialize
from insight.report.render import render_markdown

HOSTILE = json.loads((FIXTURES / "hostile-strings.json").read_text("utf-8"))
ALLOWED_HTML = {"<format>", "</format>"}
SAFE_HREF = re.compile(r"^(?:https?:|mailto:|#|[^:]*$)", re.IGNORECASE)


@cache
def reader() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


def flat(tokens: list[Token]) -> list[Token]:
    found = []
    for token in tokens:
        found.append(token)
        found.extend(flat(token.children or []))
    return found


def hostile_report(text: str, overview: str = "\n# Highlights\nText.\n") -> Report:
    items = [
        ReportItem(
            text or "x",
            "modified",
            1,
            1,
            2,
            f"@@ -1 +1 @@\n-a\n+{text}",
            "minor update",
            text,
            text,
        ),
        ReportItem(
            "docs/plain.md", "added", 1, 0, 1, "@@ -0,0 +1 @@\n+b", "new feature", "Plain", "Plain."
        ),
    ]
    return Report(
        "Diff Insight Report - docs",
        "en_US",
        "2025-06-01",
        "https://github.com/o/r/compare/a...b",
        text,
        overview,
        items,
    )


def check_structure(report: Report, markdown: str | None = None) -> None:
    markdown = render_markdown(report) if markdown is None else markdown
    front = re.match(r"^---\n(.*?)\n---\n", markdown, re.DOTALL)
    assert front, "front matter closed"
    assert yaml.safe_load(front.group(1))["summary"] == report.summary

    # The site reads the format's own <details> lines by a rule of its own; so does this test.
    body = markdown[front.end() :]
    folded = re.sub(r"^(<details>|<summary>Diff</summary>|</details>)$", "", body, flags=re.M)
    tokens = flat(reader().parse(folded))
    html = [t.content.strip() for t in tokens if t.type in ("html_block", "html_inline")]
    assert set(html) <= ALLOWED_HTML
    hrefs = [
        str(t.attrGet("href") or t.attrGet("src"))
        for t in tokens
        if t.type in ("link_open", "image")
    ]
    assert all(SAFE_HREF.match(href) for href in hrefs), hrefs
    anchors = [f"#{anchor(item.path)}" for item in report.items]
    assert {h for h in hrefs if h.startswith("#")} == set(anchors)
    table = [t.type for t in tokens].index("table_open")
    table_end = [t.type for t in tokens].index("table_close")
    assert [t.attrGet("href") for t in tokens[table:table_end] if t.type == "link_open"] == anchors

    headings = [
        (t.tag, tokens[index + 1].content)
        for index, t in enumerate(tokens)
        if t.type == "heading_open"
    ]
    h1 = [content for tag, content in headings if tag == "h1"]
    assert h1[-2:] == ["Summary Table", "Modified Contents"]
    contents = headings.index(("h1", "Modified Contents"))
    h2 = [content for tag, content in headings[contents:] if tag == "h2"]
    assert [content.rsplit("{#", 1)[-1] for content in h2] == [
        f"{anchor(item.path)}}}" for item in report.items
    ]
    rows = [t for t in tokens if t.type == "tr_open"]
    assert len(rows) == 1 + len(report.items)
    diffs = [t for t in tokens if t.type == "fence" and t.info == "diff"]
    assert [t.content.rstrip("\n") for t in diffs] == [  # controls shown as their escapes
        re.sub(r"\r\n?", "\n", escape.printable(item.patch or "")) for item in report.items
    ]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_keeps_the_report_structure(text: str) -> None:
    check_structure(hostile_report(text))


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_overview_keeps_the_table_and_the_items(text: str) -> None:
    """On the site's copy: the Markdown keeps a fence the overview left open, as written."""
    report = hostile_report("Summary.", overview=f"\n# Highlights\n{text}\n")
    check_structure(report, table_kept(render_markdown(report)))


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_summary_never_shows_front_matter_on_the_page(text: str) -> None:
    body = render_html(render_markdown(hostile_report(text)))
    assert "permalink:" not in body and "date: 2025" not in body


@pytest.mark.parametrize(
    "text",
    [
        "ordinary text with `code`, **bold** and a [link](https://example.com/x).",
        "此次修改对文件`models.md`进行了小幅更新：\n\n1. **日期更新**：文档。\n- `o1-mini`模型",
        "[技能上下文](cognitive-search-skill.md) and [Search](https://learn.microsoft.com)",
    ],
)
def test_ordinary_text_is_left_as_it_is(text: str) -> None:
    assert escape.block(text) == text
    assert escape.overview(text) == text
    assert escape.inline(text.replace("[", "").replace("]", "")) == " ".join(
        text.replace("[", "").replace("]", "").split("\n")
    )


def test_a_bare_cr_before_backticks_is_a_line_start_for_the_fence() -> None:
    assert escape.fence("@@ -1 +1 @@\n+a\r``````````") == "```````````"
    assert escape.fence("@@ -1 +1 @@\n+a\u2028`````") == "``````"


def test_an_unclosed_fence_in_an_overview_stays_as_the_model_wrote_it() -> None:
    assert escape.overview("# Highlights\n```python\nx = 1") == "# Highlights\n```python\nx = 1"
    assert escape.close_fences("# Highlights\n```python\nx = 1") == (
        "# Highlights\n```python\nx = 1\n```"
    )
    assert escape.overview("```\nclosed\n```") == "```\nclosed\n```"


def test_a_front_matter_that_would_close_early_is_quoted() -> None:
    dumped = escape.front_matter({"summary": "one\n---\ntwo"})
    assert dumped == 'summary: "one\\n---\\ntwo"\n'
    assert escape.front_matter({"summary": "one\ntwo"}) == "summary: |-\n  one\n  two\n"


@pytest.fixture
def hostile_docs(docs_repo: DocsRepo) -> DocsRepo:
    docs_repo.write("articles/fence.md", "# Fence\n\nText.\n")
    docs_repo.write("articles/plain.md", "# Plain\n\nText.\n")
    docs_repo.commit("base", date="2025-05-27T08:00:00+00:00")
    docs_repo.write(
        "articles/fence.md",
        "# Fence\n\nText.\r" + "`" * 12 + "\n# Injected by CR\n<img src=x onerror=alert(1)>\n",
    )
    docs_repo.write("articles/a](javascript:alert(2)).md", "# Link\n\nText.\n")
    docs_repo.write("articles/new\n# Injected heading <img src=x onerror=alert(3)>.md", "# N\n")
    docs_repo.commit("update", date="2025-05-28T18:00:00+00:00")
    return docs_repo


def test_a_hostile_repository_cannot_change_the_report(
    hostile_docs: DocsRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        cli, ["report", "--repo", str(hostile_docs.path), "HEAD~1", "-e", "heuristic", "-o", "out"]
    )
    assert result.exit_code == 0, result.output
    [markdown_path] = (tmp_path / "out").rglob("*.md")
    report = serialize.load(markdown_path.with_suffix(".json"))
    assert len(report.items) == 3
    markdown = markdown_path.read_bytes().decode("utf-8")
    assert markdown == render_markdown(report)
    check_structure(report)
    page = render_html(markdown)
    assert "<img" not in page and 'href="javascript' not in page
    assert not re.search(r"<h\d[^>]*>\s*Injected", page)
    assert "`" * 13 + "diff" in markdown
