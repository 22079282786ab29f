"""``insight publish`` against markdown-it-py alone, on 700 reports with 5,000 file sections.

    python benchmarks/bench_publish.py [--reports 700] [--sections 5000]

Writes the reports (two locales, half each) with the real renderer, then times, in this one
run, building and writing the whole site, and rendering the same Markdown to HTML with plain
``MarkdownIt("commonmark").enable("table")``. Prints both and their ratio (target: <= 5x).
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from markdown_it import MarkdownIt

from insight.models import CHANGE_TYPES, Report, ReportItem
from insight.publish.site import build_site
from insight.report.files import report_files, write_files

WORDS = [
    "model",
    "region",
    "quota",
    "endpoint",
    "index",
    "vector",
    "deployment",
    "preview",
    "limit",
    "token",
]


def sentence(rng: random.Random, words: int = 14) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def patch(rng: random.Random) -> str:
    lines = [f"@@ -{rng.randint(1, 400)},12 +{rng.randint(1, 400)},13 @@ ## {rng.choice(WORDS)}"]
    for _ in range(rng.randint(8, 40)):
        lines.append(rng.choice(" +-") + sentence(rng, rng.randint(4, 20)))
    return "\n".join(lines)


def reports(count: int, sections: int, seed: int = 3) -> list[Report]:
    rng = random.Random(seed)
    per_report = [
        sections // count + (1 if index < sections % count else 0) for index in range(count)
    ]
    made = []
    for index, size in enumerate(per_report):
        locale = ("en_US", "zh_CN")[index % 2]
        day = (date(2024, 1, 1) + timedelta(days=index // 2)).isoformat()
        items = [
            ReportItem(
                path=f"articles/area-{rng.randint(1, 40)}/page-{index}-{number}.md",
                status="modified",
                additions=rng.randint(0, 50),
                deletions=rng.randint(0, 50),
                changes=0,
                patch=patch(rng),
                type=rng.choice(CHANGE_TYPES),
                title=sentence(rng, 6),
                explanation=" ".join(sentence(rng) for _ in range(3)),
            )
            for number in range(size)
        ]
        overview = (
            "\n# Highlights\n"
            + sentence(rng)
            + "\n\n## New features\n- "
            + sentence(rng)
            + "\n\n# Insights\n"
        )
        made.append(
            Report(
                title=f"Diff Insight Report - category-{(index // 2) % 7}",
                locale=locale,
                date=day,
                permalink="https://github.com/o/r/compare/o:abc1234...o:def5678",
                summary=" ".join(sentence(rng) for _ in range(3)),
                overview=overview + " ".join(sentence(rng) for _ in range(5)) + "\n",
                items=items,
            )
        )
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=700)
    parser.add_argument("--sections", type=int, default=5000)
    arguments = parser.parse_args()
    workspace = Path(tempfile.mkdtemp(prefix="insight-publish-"))
    try:
        made = reports(arguments.reports, arguments.sections)
        written = write_files(
            report_files(
                made,
                "%Y%m/{locale}/report-%Y%m%d-{category}.md",
                workspace / "reports",
                "insight:report.md.j2",
            )
        )
        texts = [path.read_text("utf-8") for path in written if path.suffix == ".md"]
        megabytes = sum(len(text.encode()) for text in texts) / 1e6
        sections = arguments.sections
        print(f"reports: {len(texts)} ({sections} file sections, {megabytes:.1f} MB of Markdown)")

        started = time.perf_counter()
        plain = MarkdownIt("commonmark").enable("table")
        for text in texts:
            plain.render(text)
        baseline = time.perf_counter() - started

        started = time.perf_counter()
        files = write_files(build_site(workspace / "reports", workspace / "site"))
        publish = time.perf_counter() - started

        print(f"markdown-it-py alone:    {baseline:.2f} s")
        print(f"insight publish:         {publish:.2f} s ({len(files)} files)")
        print(f"ratio publish / markdown-it: {publish / baseline:.2f}x (target <= 5x)")
    finally:
        shutil.rmtree(workspace, ignore_errors=True)


if __name__ == "__main__":
    main()
