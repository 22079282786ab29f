"""Every speed and memory target of "fast at every size", each against its reference, in one run.

    python benchmarks/bench_scale.py [--repeat 5] [--only NAME ...] [--keep DIR]

Each figure is a ratio measured side by side: the command and its reference run in turn
(A B A B ..., after one warm-up of each), and the ratio is taken pair by pair, so that a
machine whose speed drifts still gives a fair figure. Printed: the median of each side, the
median ratio and its spread (lowest-highest), and the target. Time is wall-clock; CPU is user
plus system time of the whole process tree; memory is the peak resident size of the largest
single process. Figures:

- ``range-*``: ``insight report --engine heuristic`` on the real ranges (benchmarks/ranges.py)
  against ``git diff -M -l<rename_limit> --numstat`` plus ``-p`` on the same range;
  the issue's range (powershell-4133) also shows insight's peak memory;
- ``cpu-per-file``: insight's CPU per changed file on the largest range available;
- ``locales``: three locales against one, time and memory, on the issue's range;
- ``backfill``: ``insight run --per-day`` over 90 days against one ``insight run`` over them;
- ``publish-again``: ``insight publish`` after one new report against the first publish of
  an archive of 670 reports: the anchor system's own (``site/posts`` of the oowl/diff-insight
  mirror, Markdown only), or without that mirror 670 reports written like bench_publish's;
- ``publish-huge``: publishing one report of 100,000 files, against its targets (30 s, 1 GB);
- ``single-line``: a report on a 200 MB page of one line, against git's diff and 10 s.

A case whose mirror is absent prints one line saying so and is skipped.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script, too

from benchmarks.bench_publish import WORDS
from benchmarks.ranges import MIRRORS, cases, mirror

INSIGHT = [sys.executable, "-m", "insight"]
RENAME_LIMIT = 5000
"""insight's default ``rename_limit``; git's side gets the same ``-l``."""
ARCHIVE_REPORTS = 670
ANCHOR = "oowl+diff-insight"
"""The mirror of the anchor system, whose site/posts hold the 670 reports it published."""
HUGE_FILES = 100_000
SINGLE_LINE_MB = 200


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float
    rss_mb: float


Step = Callable[[], None]


def measure(commands: Sequence[Sequence[str]], cwd: Path | None = None) -> Run:
    """Run the commands one after the other (output thrown away) and account for them."""
    wall = cpu = rss = 0.0
    for command in commands:
        started = time.perf_counter()
        process = subprocess.Popen(
            list(command), cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        _, status, usage = os.wait4(process.pid, 0)
        wall += time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        errors = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
        if process.stderr:
            process.stderr.close()
        if process.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed: {errors.strip()[-400:]}")
        cpu += usage.ru_utime + usage.ru_stime
        rss = max(rss, usage.ru_maxrss / 1024)
    return Run(wall, cpu, rss)


def paired(
    a: Callable[[], Run], b: Callable[[], Run], repeat: int, before: Step | None = None
) -> tuple[list[Run], list[Run]]:
    """``repeat`` runs of each, in turn, after one warm-up of each; ``before`` runs untimed
    before every run (to put an output folder back as it was)."""
    first: list[Run] = []
    second: list[Run] = []
    for index in range(repeat + 1):
        for runs, side in ((first, a), (second, b)):
            if before:
                before()
            result = side()
            if index:
                runs.append(result)
    return first, second


def spread(values: Sequence[float], unit: str = "", digits: int = 2) -> str:
    return (
        f"{statistics.median(values):.{digits}f}{unit} "
        f"({min(values):.{digits}f}-{max(values):.{digits}f})"
    )


def line(name: str, figure: str, ratios: Sequence[float], target: float, detail: str) -> None:
    verdict = "met" if statistics.median(ratios) <= target else "NOT MET"
    print(
        f"{name:<16} {figure:<7} {spread(ratios, 'x')}  target <= {target}x: {verdict}; {detail}",
        flush=True,
    )


def report_command(repo: Path, spec: str, out: Path, locales: Sequence[str] = ("en_US",)) -> list:
    command = [*INSIGHT, "report", "-q", "-r", str(repo), spec, "-e", "heuristic", "-o", str(out)]
    return command + [f"--locale={locale}" for locale in locales]


def git_commands(repo: Path, spec: str) -> list[list[str]]:
    diff = ["git", f"--git-dir={repo}", "diff", f"-l{RENAME_LIMIT}", "-M"]
    return [[*diff, "--numstat", spec], [*diff, "-p", spec]]


def versus_git(repo: Path, spec: str, out: Path, repeat: int) -> tuple[list[Run], list[Run]]:
    """insight's report and git's diff of one range, in turn (the output removed before each)."""
    git_dir = repo / ".git" if (repo / ".git").is_dir() else repo
    return paired(
        lambda: measure([report_command(repo, spec, out)]),
        lambda: measure(git_commands(git_dir, spec)),
        repeat,
        before=lambda: shutil.rmtree(out, ignore_errors=True),
    )


def bench_ranges(work: Path, repeat: int, only: set[str]) -> None:
    for case in cases():
        name = f"range-{case.name}"
        if only and name not in only and "ranges" not in only:
            continue
        repo = mirror(case.mirror)
        if repo is None:
            print(f"{name:<16} skipped: {MIRRORS / case.mirror} is absent", flush=True)
            continue
        if case.files > 20_000:
            continue  # the largest range gives the CPU figure instead (bench_cpu)
        ours, git = versus_git(repo, case.spec, work / name, repeat)
        ratios = [a.wall / b.wall for a, b in zip(ours, git, strict=True)]
        target = 2.0 if case.name == "powershell-4133" else 3.0
        sides = f"insight {spread([r.wall for r in ours], ' s')}, git "
        sides += spread([r.wall for r in git], " s")
        if case.name == "powershell-4133":
            peak = spread([r.rss_mb for r in ours], " MB", 0)
            sides += f", insight peak {peak} (target <= 400 MB)"
        line(name, "time", ratios, target, sides)


def bench_cpu(work: Path, repeat: int) -> None:
    available = [case for case in cases() if mirror(case.mirror) is not None]
    if not available:
        print("cpu-per-file     skipped: no mirror of a benchmark range is present", flush=True)
        return
    case = max(available, key=lambda case: case.files)
    repo = mirror(case.mirror)
    assert repo is not None
    ours, git = versus_git(repo, case.spec, work / "cpu", repeat)
    per_file = [run.cpu * 1000 / case.files for run in ours]
    git_per_file = [run.cpu * 1000 / case.files for run in git]
    print(
        f"{'cpu-per-file':<16} {'cpu':<7} {spread(per_file, ' ms')} per file on {case.name} "
        f"({case.files:,} files)  target <= 1 ms: "
        f"{'met' if statistics.median(per_file) <= 1 else 'NOT MET'}; git's diff alone "
        f"{spread(git_per_file, ' ms')} per file; wall insight/git "
        f"{spread([a.wall / b.wall for a, b in zip(ours, git, strict=True)], 'x')}",
        flush=True,
    )


def bench_locales(work: Path, repeat: int) -> None:
    case = next(case for case in cases() if case.name == "powershell-4133")
    repo = mirror(case.mirror)
    if repo is None:
        print(f"{'locales':<16} skipped: {MIRRORS / case.mirror} is absent", flush=True)
        return
    out = work / "locales"
    three, one = paired(
        lambda: measure([report_command(repo, case.spec, out, ("en_US", "ja_JP", "zh_CN"))]),
        lambda: measure([report_command(repo, case.spec, out)]),
        repeat,
        before=lambda: shutil.rmtree(out, ignore_errors=True),
    )
    pairs = list(zip(three, one, strict=True))
    sides = (
        f"three {spread([r.wall for r in three], ' s')}, one {spread([r.wall for r in one], ' s')}"
    )
    line("locales", "time", [a.wall / b.wall for a, b in pairs], 1.15, sides)
    memory = f"three {spread([r.rss_mb for r in three], ' MB', 0)}, one "
    memory += spread([r.rss_mb for r in one], " MB", 0)
    line("locales", "memory", [a.rss_mb / b.rss_mb for a, b in pairs], 1.2, memory)


def bench_backfill(work: Path, repeat: int) -> None:
    case = cases("backfill")[0]
    repo = mirror(case.mirror)
    if repo is None:
        print(f"{'backfill':<16} skipped: {MIRRORS / case.mirror} is absent", flush=True)
        return
    base, head = case.spec.split("...")
    configs = {}
    for kind in ("days", "span"):
        configs[kind] = work / f"{kind}.toml"
        configs[kind].write_text(
            f'repo = "{repo}"\nbranch = "{head}"\nsince = "{base}"\nout = "{work / kind}"\n'
            f'engine = "heuristic"\ncache_dir = "{work / "cache"}"\n',
            encoding="utf-8",
        )

    def fresh() -> None:
        for kind in configs:
            shutil.rmtree(work / kind, ignore_errors=True)

    written: list[int] = []

    def per_day() -> Run:
        run = measure([[*INSIGHT, "run", "-q", "--per-day", "--config", str(configs["days"])]])
        written.append(len(list((work / "days").rglob("*.md"))))
        return run

    days, span = paired(
        per_day,
        lambda: measure([[*INSIGHT, "run", "-q", "--config", str(configs["span"])]]),
        repeat,
        before=fresh,
    )
    reports = written[-1]
    line(
        "backfill",
        "time",
        [a.wall / b.wall for a, b in zip(days, span, strict=True)],
        1.3,
        f"{reports} daily reports {spread([r.wall for r in days], ' s')}, one report "
        f"{spread([r.wall for r in span], ' s')} ({case.spec}, 90 days)",
    )


def write_archive(reports_dir: Path, count: int, seed: int = 11) -> None:
    """``count`` reports of two locales over as many days, written by insight's own writer."""
    from insight.models import CHANGE_TYPES, Report, ReportItem
    from insight.report.files import report_files, write_files

    rng = random.Random(seed)
    words = WORDS
    first = date(2024, 1, 1)
    reports = []
    for number in range(count):
        day = (first + timedelta(days=number // 2)).isoformat()
        items = []
        for index in range(rng.randint(2, 14)):
            path = f"articles/{rng.choice(words)}/page-{number}-{index}.md"
            lines = "\n".join(f"+{' '.join(rng.choices(words, k=9))}" for _ in range(8))
            items.append(
                ReportItem(
                    path,
                    "modified",
                    8,
                    0,
                    8,
                    f"@@ -1,0 +1,8 @@\n{lines}",
                    rng.choice(CHANGE_TYPES),
                    f"Updates {rng.choice(words)}",
                    " ".join(rng.choices(words, k=30)) + ".",
                )
            )
        reports.append(
            Report(
                title=["openai", "search", "misc"][number % 3],
                locale=("en_US", "ja_JP")[number % 2],
                date=day,
                permalink="https://github.com/example/docs/compare/a...b",
                summary=" ".join(rng.choices(words, k=20)) + ".",
                overview=" ".join(rng.choices(words, k=60)) + ".",
                items=items,
            )
        )
    pattern = "%Y%m/{locale}/report-%Y%m%d-{category}.md"
    write_files(report_files(reports, pattern, reports_dir, "insight:report.md.j2"))


def anchor_archive(folder: Path) -> bool:
    """The anchor system's published reports (``site/posts`` at the head of its mirror) in
    ``folder``; False when the mirror is absent."""
    repo = mirror(ANCHOR)
    if repo is None:
        return False
    tar = subprocess.run(
        ["git", f"--git-dir={repo}", "archive", "--format=tar", "HEAD", "site/posts"],
        check=True,
        capture_output=True,
    ).stdout
    folder.mkdir(parents=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=tar, check=True)
    return True


def bench_publish_again(work: Path, repeat: int) -> None:
    archive, extra = work / "archive", work / "extra"
    if anchor_archive(extra):
        source = f"the anchor's {ANCHOR} archive"
        shutil.copytree(extra / "site" / "posts", archive)
        newest = sorted(archive.rglob("*.md"))[-1]  # out of the first publish, into the second
        shutil.move(newest, extra / newest.name)
        kept = {newest.relative_to(archive): extra / newest.name}
    else:
        source = "reports written like bench_publish's"
        write_archive(archive, ARCHIVE_REPORTS)
        write_archive(extra, ARCHIVE_REPORTS + 1)  # its last report is the new one
        newest = sorted(extra.rglob("*.json"))[-1]
        kept = {
            newest.relative_to(extra).with_suffix(kind): newest.with_suffix(kind)
            for kind in (".json", ".md")
        }
    reports = sum(1 for path in archive.rglob("*.md"))
    site = work / "archive-site"

    def first() -> Run:
        shutil.rmtree(site, ignore_errors=True)
        for relative in kept:
            (archive / relative).unlink(missing_ok=True)
        return measure([[*INSIGHT, "publish", "-q", str(archive), "--out", str(site)]])

    def again() -> Run:
        for relative, original in kept.items():
            (archive / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(original, archive / relative)
        return measure([[*INSIGHT, "publish", "-q", str(archive), "--out", str(site)]])

    seconds, firsts = [], []
    for index in range(repeat + 1):
        whole = first()
        once_more = again()
        if index:
            firsts.append(whole)
            seconds.append(once_more)
    line(
        "publish-again",
        "time",
        [a.wall / b.wall for a, b in zip(seconds, firsts, strict=True)],
        0.10,
        f"with one new report {spread([r.wall for r in seconds], ' s')}, first publish of "
        f"{reports} reports {spread([r.wall for r in firsts], ' s')} ({source})",
    )


def write_huge(reports_dir: Path, files: int, seed: int = 5) -> None:
    from insight.models import CHANGE_TYPES, Report, ReportItem
    from insight.report.files import report_files, write_files

    rng = random.Random(seed)
    items = [
        ReportItem(
            f"docs/area-{index % 300}/page-{index}.md",
            "modified",
            3,
            1,
            4,
            f"@@ -1,1 +1,3 @@\n-old line {index}\n+new line {index}\n+more {index}\n+end",
            rng.choice(CHANGE_TYPES),
            f"Updates page {index}",
            f"Page {index} changed a little.",
        )
        for index in range(files)
    ]
    report = Report(
        title="docs",
        locale="en_US",
        date="2025-06-01",
        permalink="#",
        summary="Many.",
        overview="Very many files.",
        items=items,
    )
    pattern = "%Y%m/{locale}/report-%Y%m%d-{category}.md"
    write_files(report_files([report], pattern, reports_dir, "insight:report.md.j2"))


def bench_publish_huge(work: Path, repeat: int) -> None:
    reports, site = work / "huge", work / "huge-site"
    write_huge(reports, HUGE_FILES)
    runs = []
    for index in range(repeat + 1):
        shutil.rmtree(site, ignore_errors=True)
        run = measure([[*INSIGHT, "publish", "-q", str(reports), "--out", str(site)]])
        if index:
            runs.append(run)
    line(
        "publish-huge",
        "time",
        [r.wall / 30 for r in runs],
        1.0,
        f"{spread([r.wall for r in runs], ' s')} for {HUGE_FILES:,} files against 30 s",
    )
    line(
        "publish-huge",
        "memory",
        [r.rss_mb / 1024 for r in runs],
        1.0,
        f"{spread([r.rss_mb for r in runs], ' MB', 0)} against 1 GB",
    )


def single_line_repo(root: Path, megabytes: int) -> str:
    """A repository whose one commit turns a small page into a page of one line of
    ``megabytes`` MB; returns the range."""

    def git(*arguments: str) -> str:
        return subprocess.run(
            ["git", *arguments], cwd=root, check=True, capture_output=True, text=True
        ).stdout.strip()

    git("init", "-q", "--initial-branch=main")
    git("config", "user.name", "Bench")
    git("config", "user.email", "bench@example.com")
    git("config", "gc.auto", "0")
    page = root / "docs" / "page.md"
    page.parent.mkdir(parents=True)
    page.write_text("# Page\n\nShort.\n", encoding="utf-8")
    (root / "docs" / "other.md").write_text("# Other\n\nText.\n", encoding="utf-8")
    git("add", "-A")
    git("commit", "-q", "-m", "base")
    base = git("rev-parse", "HEAD")
    words = b"lorem ipsum dolor sit amet consectetur adipiscing elit " * 1024
    with page.open("wb") as stream:
        for _ in range(megabytes * 1024 * 1024 // len(words)):
            stream.write(words)
    git("add", "-A")
    git("commit", "-q", "-m", "one long line")
    return f"{base}...{git('rev-parse', 'HEAD')}"


def bench_single_line(work: Path, repeat: int) -> None:
    root = work / "single-line"
    root.mkdir()
    spec = single_line_repo(root, SINGLE_LINE_MB)
    ours, git = versus_git(root, spec, work / "single-line-out", repeat)
    line(
        "single-line",
        "time",
        [r.wall / 10 for r in ours],
        1.0,
        f"{spread([r.wall for r in ours], ' s')} against 10 s; git's diff "
        f"{spread([r.wall for r in git], ' s')}; insight/git "
        f"{spread([a.wall / b.wall for a, b in zip(ours, git, strict=True)], 'x')}; "
        f"insight peak {spread([r.rss_mb for r in ours], ' MB', 0)}",
    )


BENCHES: dict[str, Callable[[Path, int], None]] = {
    "cpu-per-file": bench_cpu,
    "locales": bench_locales,
    "backfill": bench_backfill,
    "publish-again": bench_publish_again,
    "publish-huge": bench_publish_huge,
    "single-line": bench_single_line,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="pairs per figure (default 5)")
    parser.add_argument(
        "--only",
        nargs="*",
        default=[],
        help="figures to run: ranges, range-NAME, " + ", ".join(BENCHES),
    )
    parser.add_argument("--keep", type=Path, help="keep the work folder here")
    arguments = parser.parse_args()
    only = set(arguments.only)
    work = Path(tempfile.mkdtemp(prefix="insight-scale-"))
    print(f"median of {arguments.repeat} pairs (lowest-highest); git's rename limit {RENAME_LIMIT}")
    try:
        if not only or any(name.startswith("range") for name in only):
            bench_ranges(work, arguments.repeat, only)
        for name, bench in BENCHES.items():
            if not only or name in only:
                folder = work / name
                folder.mkdir()
                bench(folder, arguments.repeat)
    finally:
        if arguments.keep:
            shutil.copytree(work, arguments.keep, dirs_exist_ok=True)
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
