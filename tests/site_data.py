"""Reports to publish in the site tests: real ones, two locales of one range, hostile ones."""

from __future__ import annotations

import shutil
from pathlib import Path

from docs_repo import FIXTURES

from insight.models import Report, ReportItem
from insight.publish.schedule import STATE_NAME
from insight.report import serialize
from insight.report.files import report_files, write_files

XSS_SCRIPT = "<script>document.title='pwned';window.__xss=1</script>"
XSS_IMAGE = "<img src=x onerror=\"document.title='pwned'\">"
XSS_LINK = "[click me](javascript:document.title='pwned')"
PATTERN = "%Y%m/{locale}/report-%Y%m%d-{category}.md"


def item(
    path: str, kind: str, title: str, explanation: str, patch: str | None = "@@ -1 +1 @@\n-a\n+b"
) -> ReportItem:
    return ReportItem(path, "modified", 1, 1, 2, patch, kind, title, explanation)


def report(
    locale: str, category: str, date: str, items: list[ReportItem], summary: str = "Summary."
) -> Report:
    overview = "\n# Highlights\nSome highlights.\n\n## New features\n- None.\n\n# Insights\nMore.\n"
    return Report(
        f"Diff Insight Report - {category}",
        locale,
        date,
        "https://github.com/o/r/compare/o:a...o:b",
        summary,
        overview,
        items,
    )


def xss_report() -> Report:
    hostile = item(
        "articles/xss.md",
        "breaking change",
        f"Title {XSS_SCRIPT}",
        f"Explanation {XSS_IMAGE} and {XSS_LINK}.",
        patch=f"@@ -1 +1 @@\n-old\n+{XSS_SCRIPT}\n+{XSS_IMAGE}",
    )
    made = report("en_US", "security", "2025-06-02", [hostile], summary=f"Summary {XSS_SCRIPT}")
    made.overview = f"\n# Highlights\n{XSS_IMAGE}\n\n# Insights\n{XSS_LINK}\n"
    return made


def build_reports_dir(root: Path) -> Path:
    """The golden reports at their output paths, two locales of one range, an XSS report,
    an old Markdown-only report and the state file of ``insight run``."""
    golden = [serialize.load(path) for path in sorted((FIXTURES / "golden").glob("2025*.json"))]
    shared = [
        item("articles/a.md", "new feature", "New page A", "Adds A."),
        item("articles/b.md", "minor update", "Typo in B", "Fixes a typo."),
    ]
    mine = [
        report("en_US", "docs", "2025-06-01", shared),
        report("ja_JP", "docs", "2025-06-01", shared),
        xss_report(),
    ]
    write_files(report_files(golden + mine, PATTERN, root, "insight:report.md.j2"))
    old = root / "old" / "seed-zh_CN-openai.md"
    old.parent.mkdir()
    shutil.copy(FIXTURES / "golden" / "seed-zh_CN-openai.md", old)
    (root / STATE_NAME).write_text('{"last": "abc"}')
    return root


ANCHOR_REPORT_WITH_OPEN_FENCE = """---
date: '2025-03-01'
permalink: https://github.com/o/r/compare/a...b
summary: An old report whose overview opens a fence it never closes.
title: '[en_US] Diff Insight Report - legacy'
---

[View Diff on GitHub](https://github.com/o/r/compare/a...b){target="_blank"}
# Highlights
Text.

```python
x = 1

# Summary Table
|  Filename  | Type |    Title    | Status | A  | D  | M  |
|------------|------|-------------|--------|----|----|----|
| [a.md](#item-aaaaaa) | minor update | Typo | modified | 1 | 1 | 2 |

# Modified Contents
## articles/a.md{#item-aaaaaa}

### Explanation
Fixed.
"""


def add_layout_reports(root: Path) -> Path:
    """Reports that once broke the layout: long unbroken words, a ``---`` line in the
    summary, a multi-line diff, an old Markdown report with an unclosed fence, a real model
    whose overview ends inside a fence, and terminal escapes in a file name and a title."""
    word = "Supercalifragilisticexpialidocious" * 4
    patch = "@@ -1,3 +1,3 @@\n context line\n-old line\n+new line\n another line"
    long_items = [
        item(
            f"articles/{word.lower()}/{word}.md",
            "breaking change",
            word,
            f"{word} changed.",
            patch=patch,
        ),
        item("articles/b.md", "minor update", "Typo in B", "Fixes a typo.", patch=patch),
    ]
    made = report("en_US", word, "2025-06-03", long_items, summary="First line\n---\nLast line")
    escapes = report(
        "en_US",
        "escapes",
        "2025-06-04",
        [item("docs/esc\x1b]0;PWN\x07.md", "minor update", "Red \x1b[31mtitle", "Bell \x07.")],
        summary="Sum \x01 \ud800 end",
    )
    write_files(report_files([made, escapes], PATTERN, root, "insight:report.md.j2"))
    open_fence = FIXTURES / "anchor" / "202508_zh_CN_report-20250806-search.json"
    (root / "202508" / "zh_CN").mkdir(parents=True, exist_ok=True)
    shutil.copy(open_fence, root / "202508" / "zh_CN" / "report-20250806-search.json")
    (root / "legacy").mkdir(exist_ok=True)
    (root / "legacy" / "report-20250301-legacy.md").write_text(ANCHOR_REPORT_WITH_OPEN_FENCE)
    return root
