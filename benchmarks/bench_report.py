"""insight's whole offline run against git's own diff time, on a synthetic docs repository.

    python benchmarks/bench_report.py [--files 5000] [--repeat 3] [--keep DIR]

Builds a docs repository whose one range changes more than 4,000 files (Markdown pages of
mixed sizes, TOC files, renames with and without edits, removals, binaries, a few patches
above the size limit), then times, in this one run:

- ``insight report --engine heuristic`` over the range (a fresh process, as a user runs it);
- ``git diff -M -p`` plus ``git diff -M --numstat`` over the same range;

first with the objects loose, as the commits left them, then packed by ``git gc``, as a clone
has them (git reads loose objects about twice as slowly; no packing runs in the background
meanwhile). It prints both sides, their ratios, the target (packed: <= 3x) and insight's
peak memory (target: <= 500 MB).
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = [
    *("deploy", "model", "region", "quota", "endpoint", "token", "request", "response"),
    *("index", "vector", "search", "query", "service", "resource", "portal", "identity"),
    *("network", "policy", "version", "preview", "limit", "capacity", "language", "speech"),
    *("vision", "agent", "prompt", "completion", "embedding", "throughput", "latency"),
]
BINARY = b"\x89PNG\r\n\x1a\n"


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 16))]
    return " ".join(words).capitalize() + "."


def page(rng: random.Random, number: int, sections: int) -> str:
    lines = [
        "---",
        f"title: Page {number} about {rng.choice(WORDS)}",
        f"ms.date: 0{rng.randint(1, 9)}/{rng.randint(10, 28)}/2025",
        "ms.topic: how-to",
        "---",
        "",
        f"# Page {number}",
        "",
    ]
    for section in range(sections):
        lines += [f"## Section {section} on {rng.choice(WORDS)}", ""]
        for _ in range(rng.randint(1, 4)):
            lines += [sentence(rng) + " " + sentence(rng), ""]
        if rng.random() < 0.3:
            lines += [
                "```python",
                f"client.{rng.choice(WORDS)}(api_version='2025-0{rng.randint(1, 9)}-01')",
                "```",
                "",
            ]
        if rng.random() < 0.3:
            lines += ["| Name | Value |", "|---|---|"] + [
                f"| {rng.choice(WORDS)} | {rng.randint(1, 999)} |" for _ in range(4)
            ]
            lines += [""]
        if rng.random() < 0.3:
            lines += [
                f"See [the {rng.choice(WORDS)} guide]"
                f"(../{rng.choice(WORDS)}/page-{rng.randint(1, 999)}.md).",
                "",
            ]
    return "\n".join(lines) + "\n"


def edit(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    kind = rng.random()
    if kind < 0.3:  # metadata only
        return text.replace("ms.date: ", "ms.date: 1", 1)
    for _ in range(rng.randint(1, 6)):
        at = rng.randrange(min(8, len(lines) - 1), len(lines))
        choice = rng.random()
        if choice < 0.4:
            lines[at] = sentence(rng)
        elif choice < 0.7:
            lines[at:at] = ["", f"## New section {rng.randint(1, 99)}", "", sentence(rng), ""]
        else:
            del lines[at : at + rng.randint(1, 8)]
    return "\n".join(lines)


def write(root: Path, relative: str, data: str | bytes) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)


def git(root: Path, *arguments: str) -> str:
    return subprocess.run(
        ["git", *arguments], cwd=root, check=True, capture_output=True, text=True
    ).stdout


def build(root: Path, files: int, seed: int = 7) -> tuple[str, str]:
    """A base and a head commit whose diff changes more than 4,000 paths."""
    rng = random.Random(seed)
    git(root, "init", "-q", "--initial-branch=main")
    # No packing in the background while either side is timed: the store stays as measured.
    git(root, "config", "gc.auto", "0")
    git(root, "config", "maintenance.auto", "false")
    git(root, "config", "user.name", "Bench")
    git(root, "config", "user.email", "bench@example.com")
    pages = {}
    for number in range(files):
        area = f"articles/area-{number % 40}"
        sections = rng.choice((1, 2, 3, 5, 8, 12, 20, 40)) if number % 250 else 900
        pages[f"{area}/page-{number}.md"] = page(rng, number, sections)
    for path, text in pages.items():
        write(root, path, text)
    for area in range(40):
        entries = [f"- name: Page {n}\n  href: page-{n}.md" for n in range(area, files, 40)]
        write(root, f"articles/area-{area}/toc.yml", "\n".join(entries) + "\n")
    for number in range(200):
        write(root, f"articles/media/image-{number}.png", BINARY + rng.randbytes(2000))
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    base = git(root, "rev-parse", "HEAD").strip()

    paths = sorted(pages)
    rng.shuffle(paths)
    modified, removed, renamed = paths[:3600], paths[3600:3800], paths[3800:4100]
    for path in modified:
        write(root, path, edit(rng, pages[path]))
    for path in removed:
        (root / path).unlink()
    for index, path in enumerate(renamed):
        target = path.replace("/page-", "/moved-page-")
        (root / path).rename(root / target)
        if index % 2:
            write(root, target, edit(rng, pages[path]))
    for number in range(400):
        write(
            root,
            f"articles/new-area/new-page-{number}.md",
            page(rng, 10_000 + number, rng.randint(1, 10)),
        )
    for area in range(0, 40, 3):
        toc = root / f"articles/area-{area}/toc.yml"
        toc.write_text(toc.read_text() + f"- name: Extra {area}\n  href: extra.md\n")
    for number in range(0, 200, 2):
        write(root, f"articles/media/image-{number}.png", BINARY + rng.randbytes(2000))
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "head")
    return base, git(root, "rev-parse", "HEAD").strip()


STORES = {
    "loose": "objects loose, as just committed",
    "packed": "objects packed, as in a clone",
}


def timed(command: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=5000, help="pages in the base commit")
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of each side; the median counts"
    )
    parser.add_argument("--keep", type=Path, help="build the repository here and keep it")
    arguments = parser.parse_args()

    workspace = Path(tempfile.mkdtemp(prefix="insight-bench-"))
    root = arguments.keep or workspace / "docs"
    root.mkdir(parents=True, exist_ok=True)
    try:
        started = time.perf_counter()
        base, head = build(root, arguments.files)
        changed = len(git(root, "diff", "-M", "--name-only", base, head).splitlines())
        built = time.perf_counter() - started
        print(
            f"repository: {changed} files changed in {base[:7]}..{head[:7]} (built: {built:.0f} s)"
        )

        insight = [
            *(sys.executable, "-m", "insight", "report", "--repo", str(root), f"{base}..{head}"),
            *("--engine", "heuristic", "--out", str(workspace / "reports"), "-q"),
        ]
        git_sides = [
            ["git", "diff", "-M", "-p", base, head],
            ["git", "diff", "-M", "--numstat", base, head],
        ]
        runs = f"median of {arguments.repeat}"
        ratios, peak_mb = {}, 0.0
        for store in ("loose", "packed"):
            if store == "packed":
                # the largest process so far is insight (git gc is not measured)
                peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
                git(root, "gc", "--quiet")
            insight_times, git_times = [], []
            for _ in range(arguments.repeat):
                git_times.append(sum(timed(command, root) for command in git_sides))
                shutil.rmtree(workspace / "reports", ignore_errors=True)
                insight_times.append(timed(insight, workspace))
            insight_median = statistics.median(insight_times)
            git_median = statistics.median(git_times)
            ratios[store] = insight_median / git_median
            print(f"{STORES[store]}:")
            print(f"  git diff -M -p + git diff -M --numstat: {git_median:.2f} s ({runs})")
            print(f"  insight report --engine heuristic:      {insight_median:.2f} s ({runs})")
            print(f"  ratio insight / git: {ratios[store]:.2f}x")
        reports = sorted((workspace / "reports").rglob("*.md"))
        size_mb = sum(path.stat().st_size for path in reports) / 1e6
        print(f"report: {len(reports)} file, {size_mb:.1f} MB of Markdown")
        print(f"ratio insight / git, packed: {ratios['packed']:.2f}x (target <= 3x)")
        print(f"peak memory of the largest process: {peak_mb:.0f} MB (target <= 500 MB)")
    finally:
        shutil.rmtree(workspace, ignore_errors=True)


if __name__ == "__main__":
    main()
