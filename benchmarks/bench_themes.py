"""How a large range reads in the overview: how many bullets, and how many files each covers.

    python benchmarks/bench_themes.py --repo GIT_DIR [--range HEAD~30...HEAD] [--category PREFIX]

Runs ``insight report --engine heuristic`` over the range as a user does (one category: the
given folder, or everything), reads the JSON model it wrote and prints, per list of the
overview (breaking, new, other): the themes found, the bullets shown (at most eight), the
files each bullet covers, and how many files the shown bullets cover in all. The reference
range is the agent-framework reorganisation of semantic-kernel-docs (``HEAD~30...HEAD`` of
its snapshot: 283 files in ``agent-framework``).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from insight.engines.digest import MAX_BULLETS
from insight.engines.themes import themes
from insight.models import CHANGE_TYPES
from insight.report import serialize

SHORT = {"breaking change": "breaking", "new feature": "new", "minor update": "other"}


def insight_program() -> str:
    beside = Path(sys.executable).parent / "insight"
    return str(beside) if beside.exists() else "insight"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repo", required=True, help="a docs repository (work tree or bare)")
    parser.add_argument("--range", default="HEAD~30...HEAD")
    parser.add_argument("--category", default="", help="a folder prefix (default: every file)")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        config = Path(work) / "insight.toml"
        config.write_text(f'[categories.range]\npaths = ["{arguments.category or "**"}"]\n')
        started = time.perf_counter()
        done = subprocess.run(
            [
                insight_program(),
                "report",
                "--repo",
                arguments.repo,
                arguments.range,
                "--config",
                str(config),
                "--engine",
                "heuristic",
                "-l",
                "en_US",
                "--out",
                str(Path(work) / "out"),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        seconds = time.perf_counter() - started
        if done.returncode != 0:
            sys.exit(f"insight report failed: {done.stderr.strip()}")
        model = next(Path(work, "out").rglob("*.json"))
        report = serialize.load(model)
    print(f"{arguments.range}: {len(report.items)} files, report in {seconds:.1f} s")
    found = themes(report.items)
    for kind in CHANGE_TYPES:
        listed = found[kind]
        shown = listed[:MAX_BULLETS]
        covered = sum(len(theme.items) for theme in shown)
        members = sum(len(theme.items) for theme in listed)
        print(
            f"\n{SHORT[kind]}: {members} files in {len(listed)} themes; "
            f"{len(shown)} bullets shown cover {covered} files"
        )
        for theme in shown:
            what = json.dumps({key: value for key, value in theme.detail.items() if key != "line"})
            print(f"  {len(theme.items):>4} files  {theme.kind:<7} {what[:110]}")


if __name__ == "__main__":
    main()
