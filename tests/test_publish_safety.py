"""``insight publish`` on hostile and changing report folders: it writes only inside the site
folder, never hangs on a report, keeps its pages readable and removes what it no longer has."""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from site_data import PATTERN, item, report

from insight.cli import cli
from insight.models import anchor
from insight.publish.manifest import MANIFEST
from insight.publish.page import PAGE_LIMIT
from insight.report import serialize
from insight.report.files import report_files, write_files

ANCHOR_STYLE = """---
title: '[{locale}] Diff Insight Report - {category}'
date: '2025-03-01'
permalink: https://github.com/o/r/compare/a...b
summary: Old report.
---

[View Diff on GitHub](https://github.com/o/r/compare/a...b){{target="_blank"}}
# Highlights
{overview}
# Summary Table
|  Filename  | Type |    Title    | Status | A  | D  | M  |
|------------|------|-------------|--------|----|----|----|
| [a.md](#item-aaaaaa) | minor update | Typo | modified | 1 | 1 | 2 |

# Modified Contents
## articles/a.md{{#item-aaaaaa}}

### Explanation
Fixed.
"""


def publish(reports: Path, site: Path) -> Result:
    return CliRunner().invoke(cli, ["publish", str(reports), "--out", str(site)])


def files_under(root: Path) -> set[str]:
    return {path.relative_to(root).as_posix() for path in root.rglob("*")}


def one_line_error(result: Result, *words: str) -> None:
    assert result.exit_code != 0, result.output
    message = result.stderr.strip()
    assert "\n" not in message and "Traceback" not in message, message
    for word in words:
        assert word in message, message


def write_reports(reports: Path, *made: object) -> None:
    write_files(report_files(list(made), PATTERN, reports, "insight:report.md.j2"))  # type: ignore[arg-type]


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    folder = tmp_path / "work" / "reports"
    write_reports(
        folder,
        report(
            "en_US", "docs", "2025-06-01", [item("articles/a.md", "new feature", "A", "Adds A.")]
        ),
    )
    return folder


@pytest.mark.parametrize("locale", ["../../../../outside", "/tmp/insight-outside", "xx"])
def test_a_model_locale_cannot_lead_outside(reports: Path, tmp_path: Path, locale: str) -> None:
    model = next(reports.rglob("*.json"))
    data = json.loads(model.read_text("utf-8"))
    data["locale"] = locale
    model.write_text(json.dumps(data), "utf-8")
    before = files_under(tmp_path)
    result = publish(reports, tmp_path / "work" / "site")  # that was the only report
    assert result.exit_code == 2 and "field locale" in result.stderr.splitlines()[0]
    assert result.stderr.splitlines()[0].endswith("; skipped")
    assert "no reports to publish" in result.stderr.splitlines()[1]
    assert files_under(tmp_path) == before
    assert not Path("/tmp/insight-outside").exists()


@pytest.mark.parametrize("locale", ["../../x", "/tmp/insight-outside", "en"])
def test_a_markdown_title_cannot_lead_outside(reports: Path, tmp_path: Path, locale: str) -> None:
    (reports / "old.md").write_text(
        ANCHOR_STYLE.format(locale=locale, category="y", overview="Text.")
    )
    site = tmp_path / "work" / "site"
    result = publish(reports, site)
    assert result.exit_code == 0, result.output  # the other report is published
    [warning] = [line for line in result.stderr.splitlines() if "skipped" in line]
    assert "old.md" in warning and "field locale" in warning
    assert {name.split("/")[0] for name in files_under(site)} <= {
        "assets",
        "en_US",
        "index.html",
    } | {
        "index.json",
        ".insight-site.json",
    }
    assert not (tmp_path / "x").exists() and not Path("/tmp/insight-outside").exists()


def test_a_hostile_category_stays_inside(reports: Path, tmp_path: Path) -> None:
    (reports / "old.md").write_text(
        ANCHOR_STYLE.format(locale="en_US", category="../../../x", overview="Text.")
    )
    site = tmp_path / "work" / "site"
    before = files_under(tmp_path)
    assert publish(reports, site).exit_code == 0
    assert all(name.startswith("work/site") for name in files_under(tmp_path) - before)
    assert all((site / name).resolve().is_relative_to(site.resolve()) for name in files_under(site))
    assert not (tmp_path / "x").exists() and not (tmp_path.parent / "x").exists()


def test_a_yaml_alias_bomb_is_refused_at_once(reports: Path, tmp_path: Path) -> None:
    bomb = "---\ntitle: '[en_US] Diff Insight Report - x'\ndate: '2025-01-01'\n"
    bomb += 'a: &a ["l","l","l","l","l","l","l","l","l"]\n'
    for name, previous in zip("bcdefghi", "abcdefgh", strict=True):
        bomb += f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]\n"
    bomb += "summary: *i\n---\n\n# Summary Table\n"
    assert len(bomb) < 500
    (reports / "bomb.md").write_text(bomb)
    started = time.monotonic()
    result = publish(reports, tmp_path / "work" / "site")
    assert time.monotonic() - started < 10
    assert result.exit_code == 0, result.output
    [warning] = result.stderr.splitlines()[:1]
    assert "bomb.md" in warning and "no aliases" in warning and warning.endswith("; skipped")


def test_the_front_matter_cannot_end_early(reports: Path, tmp_path: Path) -> None:
    hostile = report(
        "en_US",
        "yaml",
        "2025-06-03",
        [item("a.md", "minor update", "T", "E.")],
        summary="Line one\n---\npermalink: javascript:alert(1)\n...\nLast",
    )
    write_reports(reports, hostile)
    markdown = next(reports.rglob("*yaml.md")).read_text("utf-8")
    assert re.match(r"^---\n(?:[^\n]+\n){4}\n?---\n", markdown)
    site = tmp_path / "work" / "site"
    assert publish(reports, site).exit_code == 0
    page = (site / "en_US" / "reports" / "2025-06-03-yaml.html").read_text("utf-8")
    body = page.split('<div class="body">', 1)[1]
    assert "permalink:" not in body and "date:" not in body
    assert "<table" in body


def test_a_model_beside_its_markdown_is_what_is_published(reports: Path, tmp_path: Path) -> None:
    markdown = next(reports.rglob("*.md"))
    markdown.write_text(ANCHOR_STYLE.format(locale="en_US", category="docs", overview="```\nopen"))
    site = tmp_path / "work" / "site"
    assert publish(reports, site).exit_code == 0
    page = (site / "en_US" / "reports" / "2025-06-01-docs.html").read_text("utf-8")
    assert f'href="#{anchor("articles/a.md")}"' in page and "<table" in page


def test_a_markdown_report_keeps_its_table_after_an_unclosed_fence(
    reports: Path, tmp_path: Path
) -> None:
    (reports / "old.md").write_text(
        ANCHOR_STYLE.format(locale="en_US", category="old", overview="Text.\n\n````python\nx = 1\n")
    )
    site = tmp_path / "work" / "site"
    assert publish(reports, site).exit_code == 0
    page = (site / "en_US" / "reports" / "2025-03-01-old.html").read_text("utf-8")
    assert "<table" in page and 'href="#item-aaaaaa"' in page
    assert '<pre><code class="language-python">x = 1\n' in page


def test_a_model_whose_overview_leaves_a_fence_open_keeps_its_table_on_the_site(
    reports: Path, tmp_path: Path
) -> None:
    real = Path(__file__).parent / "fixtures" / "anchor" / "202508_zh_CN_report-20250806-search"
    target = reports / "202508" / "zh_CN" / "report-20250806-search.json"
    target.parent.mkdir(parents=True)
    target.write_bytes(real.with_suffix(".json").read_bytes())
    site = tmp_path / "work" / "site"
    assert publish(reports, site).exit_code == 0
    page = (site / "zh_CN" / "reports" / "2025-08-06-search.html").read_text("utf-8")
    assert "<table" in page and 'href="#item-51366c"' in page


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("stray.json", '{"a": 1}'),
        ("README.md", "hello\n"),
        ("notes/latin1.md", b"caf\xe9\n"),
        ("202506/en_US/broken.json", '{"schema": "insight.report/v1", "locale": "en_US"}'),
    ],
)
def test_a_stray_file_in_the_reports_folder_is_skipped_with_a_warning(
    reports: Path, tmp_path: Path, name: str, content: str | bytes
) -> None:
    stray = reports / name
    stray.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        stray.write_bytes(content)
    else:
        stray.write_text(content)
    site = tmp_path / "work" / "site"
    result = publish(reports, site)
    assert result.exit_code == 0, result.output
    [warning, *_] = result.stderr.splitlines()
    assert str(stray) in warning and warning.endswith("; skipped")
    assert (site / "en_US" / "reports" / "2025-06-01-docs.html").is_file()


def test_diff_lines_are_not_separated_by_newlines(reports: Path, tmp_path: Path) -> None:
    site = tmp_path / "work" / "site"
    assert publish(reports, site).exit_code == 0
    page = (site / "en_US" / "reports" / "2025-06-01-docs.html").read_text("utf-8")
    diff = re.search(r'<pre class="diff">(.*?)</pre>', page, re.DOTALL)
    assert diff and "</span>\n<span" not in diff.group(1) and "</span><span" in diff.group(1)


def test_a_page_over_a_megabyte_links_its_largest_diffs(reports: Path, tmp_path: Path) -> None:
    big = "@@ -1,4000 +1,4000 @@\n" + "\n".join(f"+line {n} " + "x" * 120 for n in range(4000))
    items = [
        item(f"articles/big-{n}.md", "minor update", f"Big {n}", "Grew.", patch=big)
        for n in range(3)
    ]
    items[0].url, items[0].page_title = "https://docs.example.com/big-0/", "Big page"
    items[1].included_in = ["articles/a.md", "articles/b.md"]  # facts above the diff
    items.append(item("articles/small.md", "minor update", "Small", "Typo."))
    write_reports(reports, report("en_US", "big", "2025-06-04", items))
    site = tmp_path / "work" / "site"
    assert publish(reports, site).exit_code == 0
    page = (site / "en_US" / "reports" / "2025-06-04-big.html").read_text("utf-8")
    assert len(page.encode()) <= PAGE_LIMIT
    links = re.findall(r'href="(https://github.com/o/r/compare/[^"]*#diff-[0-9a-f]{64})"', page)
    expected = {
        "https://github.com/o/r/compare/o:a...o:b#diff-" + hashlib.sha256(p.encode()).hexdigest()
        for p in (f"articles/big-{n}.md" for n in range(3))
    }
    assert set(links) <= expected and len(links) >= 2
    assert page.count('<pre class="diff">') == 4 - len(links)
    assert "+b</span>" in page


def test_pages_of_removed_reports_are_pruned(reports: Path, tmp_path: Path) -> None:
    write_reports(
        reports, report("ja_JP", "gone", "2025-06-05", [item("a.md", "minor update", "T", "E.")])
    )
    site = tmp_path / "work" / "site"
    assert publish(reports, site).exit_code == 0
    assert (site / "ja_JP" / "reports" / "2025-06-05-gone.html").is_file()
    (site / "CNAME").write_text("docs.example.com\n")
    (site / "en_US" / "mine.html").write_text("kept")
    for path in reports.rglob("*gone*"):
        path.unlink()
    assert publish(reports, site).exit_code == 0
    assert not (site / "ja_JP").exists()
    assert (site / "CNAME").is_file() and (site / "en_US" / "mine.html").is_file()
    manifest = json.loads((site / MANIFEST).read_text("utf-8"))["files"]
    assert set(manifest) == files_under(site) - {"CNAME", "en_US/mine.html", MANIFEST} - {
        name for name in files_under(site) if (site / name).is_dir()
    }


def test_temporaries_of_a_killed_publish_are_removed(reports: Path, tmp_path: Path) -> None:
    site = tmp_path / "work" / "site"
    assert publish(reports, site).exit_code == 0
    stale = site / "en_US" / "reports" / ".2025-06-01-docs.html.a1b2c3d4.tmp"
    stale.write_text("half")
    os.utime(stale, (time.time() - 60, time.time() - 60))
    assert publish(reports, site).exit_code == 0
    assert not stale.exists()
    assert not [name for name in files_under(site) if name.endswith(".tmp")]


def test_site_files_get_the_usual_mode(reports: Path, tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        site = tmp_path / "work" / "site"
        assert publish(reports, site).exit_code == 0
    finally:
        os.umask(previous)
    modes = {
        stat.S_IMODE((site / name).stat().st_mode)
        for name in files_under(site)
        if (site / name).is_file()
    }
    assert modes == {0o644}


@pytest.mark.parametrize("site_name", ["reports/site", "reports", "."])
def test_site_and_reports_folders_must_not_nest(reports: Path, site_name: str) -> None:
    site = reports.parent / site_name
    before = files_under(reports.parent)
    one_line_error(publish(reports, site), "must not contain each other")
    assert files_under(reports.parent) == before
    assert serialize.load(next(reports.rglob("*.json")))


def test_nested_front_matter_is_refused_at_once(reports: Path, tmp_path: Path) -> None:
    nested = "---\ntitle: '[en_US] Diff Insight Report - x'\ndate: '2025-01-01'\n"
    nested += "summary: " + "[" * 20_000 + "]" * 20_000 + "\n---\n\n# Summary Table\n"
    (reports / "nested.md").write_text(nested)
    result = publish(reports, tmp_path / "work" / "site")
    assert result.exit_code == 0, result.output
    assert "nested.md" in result.stderr and "only flat keys" in result.stderr


def test_a_second_publisher_stops_clearly_while_one_holds_the_site(
    reports: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from insight.publish import lock

    site = tmp_path / "site"
    monkeypatch.setattr(lock, "DEFAULT_WAIT", 0.2)
    with lock.directory_lock(site):
        held = publish(reports, site)
    one_line_error(held, str(site))
    assert not (site / "index.html").exists()
    assert publish(reports, site).exit_code == 0
    assert not (site / lock.LOCK_NAME).exists()
