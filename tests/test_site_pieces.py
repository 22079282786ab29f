"""A report page rendered in pieces is the page rendered whole, byte for byte.

The documents are made at random (a fixed seed) from pieces of Markdown that end blocks in
every way a report could: fences left open, lazy quotes, lists, tables, link references,
front matters that close late, carriage returns. Where the pieces cannot render alone, the
whole document is rendered instead; both ways must give the same HTML.
"""

from __future__ import annotations

import importlib
import random
import re

import pytest
from markdown_it.rules_core import inline
from site_data import item, report

from insight.publish import markup, page
from insight.publish.markup import render_html

FRAGMENTS = [
    "Plain text.",
    "- item\n- item two",
    "1. one\n\n   continued",
    "> quote\nlazy",
    "```\nopen fence",
    "````\nfour\n```",
    "~~~\ntilde",
    "    indented code",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "[ref]: https://example.com",
    "see [ref] and [x][ref]",
    "> [quoted-ref]: /q",
    "---",
    "Title\n===",
    "Sub\n---",
    "# H1",
    "### H3",
    "###### H6",
    "<details>",
    "</details>",
    "<summary>Diff</summary>",
    "* star\n\n  para in item",
    "text with `code`, **bold**, ~~gone~~ & <b>",
    '[link](https://e.com){target="_blank"}',
    "- > quoted item\n  ```\n  fenced in item",
    "<format>",
    "line\r\nwith cr",
    "a\x00null",
    "Term  \nhard break",
    "plain words only",
]
ROWS = [
    "| [a](#item-aaaaaa) | x |",
    "| a |",
    "| | |",
    "|a|b|c|",
    "| `c` | *e* |",
    "| [ref] | x |",
    "|",
    "| - | 1 |",
]


def text(rng: random.Random, weight: float) -> str:
    chosen = [fragment for fragment in FRAGMENTS if rng.random() < weight]
    return "\n\n".join(rng.sample(chosen, min(len(chosen), rng.randint(0, 3))))


def document(rng: random.Random, weight: float) -> str:
    """A report-shaped document: front matter, overview, a summary table, file sections
    with diffs (some with a fence inside the fence), explanations."""
    parts = []
    if rng.random() < 0.8:
        parts.append("---\ntitle: x\n" + ("---\n" if rng.random() < 0.9 else ""))
    parts.append(text(rng, weight) + "\n# Summary Table\n| A | B |\n|---|---|\n")
    parts.append("".join(rng.choice(ROWS) + "\n" for _ in range(rng.randint(0, 12))))
    parts.append(rng.choice(["\n", "\n\n", "text\n\n", "# H\n"]))
    for number in range(rng.randint(1, 5)):
        parts.append(f"## path/{number}.md{{#item-{number:06x}}}\n\n")
        parts.append(rng.choice(["", "Para line.\n\n", "- list\n\n", "> quote\n\n"]))
        if rng.random() < 0.8:
            fence = "`" * rng.randint(4, 5)
            lines = [rng.choice([" ctx", "+add", "-del", "```", "`````", "+[r]: /x"]) for _ in "ab"]
            parts.append(
                f"<details>\n<summary>Diff</summary>\n{fence}diff\n"
                + "\n".join(lines)
                + f"\n{fence}\n</details>\n"
            )
        parts.append("\n### Explanation\n" + text(rng, weight) + "\n\n")
    return "".join(parts)


@pytest.fixture(autouse=True)
def short_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(page, "TABLE_ROWS", 3)


def rendered(markdown: str) -> str | None:
    blocks = list(page._DIFF_BLOCK.finditer(markdown))
    html = page._rendered(page._pieces(markdown, blocks), len(markdown))
    return None if html is None else "".join(html)


@pytest.mark.parametrize("weight", [0.15, 0.5])
def test_pieces_render_as_the_whole_document_does(weight: float) -> None:
    rng = random.Random(19)
    alone = tables = 0
    for _ in range(400):
        markdown = document(rng, weight)
        html = rendered(markdown)
        if html is not None:
            assert html == render_html(markdown), markdown
            alone += 1
            tables += "<tbody>" in html and markdown.count("\n|") > 5
    assert alone > 60 and tables > 10  # the pieces are not always given up


def test_pieces_rendered_on_every_core_are_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(page, "PARALLEL_MINIMUM", 0)
    rng = random.Random(7)
    for _ in range(20):
        markdown = document(rng, 0.1)
        html = rendered(markdown)
        assert html is None or html == render_html(markdown)


def test_a_table_lacking_too_many_cells_is_rendered_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """markdown-it ends a table once its rows lack too many cells in all: pieces of the
    table cannot know that, so such a table is not cut."""
    table_rule = importlib.import_module("markdown_it.rules_block.table")
    monkeypatch.setattr(table_rule, "MAX_AUTOCOMPLETED_CELLS", 4)
    monkeypatch.setattr(page, "TABLE_CELLS_MISSING_LIMIT", 4)
    markdown = "# T\n| A | B |\n|---|---|\n" + "| a |\n" * 12 + "\nAfter.\n"
    assert "<p>| a |" in render_html(markdown)  # the table stopped early
    assert rendered(markdown) is None


def test_plain_text_skips_the_inline_rules_and_renders_the_same() -> None:
    reference = markup._parser.__wrapped__()  # type: ignore[attr-defined]
    reference.core.ruler.at("inline", inline)
    rng = random.Random(3)
    for _ in range(200):
        markdown = document(rng, 0.4)
        assert render_html(markdown) == reference.render(markdown), markdown


def whole_page(body_of: str, limit: int, frame: int, made: object, label: str) -> str:
    """The old way: render the whole Markdown, collapse, render it all again."""
    markdown = body_of
    html = render_html(markdown)
    blocks = sorted(page._DIFF_BLOCK.finditer(markdown), key=lambda block: -len(block.group(0)))
    collapsed: list[re.Match[str]] = []
    links = page._Links(made, label)  # type: ignore[arg-type]
    while frame + len(html.encode()) > limit and len(collapsed) < len(blocks):
        per_character = (frame + len(html.encode())) / max(len(markdown), 1)
        excess = (frame + len(html.encode()) - limit) / per_character
        for block in blocks[len(collapsed) :]:
            collapsed.append(block)
            excess -= len(block.group(0))
            if excess <= 0:
                break
        parts, position = [], 0
        for block in sorted(collapsed, key=lambda block: block.start()):
            parts += [body_of[position : block.start()], block.group("heading")]
            parts.append(links.markdown(block))
            position = block.end()
        markdown = "".join(parts) + body_of[position:]
        html = render_html(markdown)
    return html


@pytest.mark.parametrize("limit", [3_000, 20_000, 60_000, 10**9])
@pytest.mark.parametrize("permalink", ["https://github.com/o/r/compare/a...b", "#"])
def test_a_long_page_collapses_its_diffs_as_a_whole_render_would(
    monkeypatch: pytest.MonkeyPatch, limit: int, permalink: str
) -> None:
    from insight.publish.notes import annotated
    from insight.report.render import render_markdown

    rng = random.Random(limit)
    items = [
        item(
            f"docs/page-{number}.md",
            "minor update",
            f"Title {number}",
            "Changed.",
            patch="@@ -1 +1 @@\n" + "\n".join(f"+line {n}" for n in range(rng.randint(1, 200))),
        )
        for number in range(40)
    ]
    made = report("en_US", "docs", "2025-06-01", items)
    made.permalink = permalink
    markdown = annotated(made, render_markdown(made))
    monkeypatch.setattr(page, "PAGE_LIMIT", limit)
    pieces = page.body(made, markdown, 500, "Diff elsewhere")
    assert "".join(pieces) == whole_page(markdown, limit, 500, made, "Diff elsewhere")
