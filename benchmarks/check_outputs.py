"""Byte-for-byte check of insight's outputs against another installation of insight.

    python benchmarks/check_outputs.py --base /path/to/base-venv/bin/insight [--quick]

A speed change must not change a report. This runs the same commands with two
installations: ``--base`` (say the starting commit, installed in a venv of its own) and
``--new`` (default: the ``insight`` beside this Python), and compares every file they write:

- ``insight render`` of each golden JSON model (``../shared/golden`` beside the project);
- ``insight report`` on the benchmark ranges of the real mirrors (``/work/.mirror``), in one
  and in three locales (a mirror that is absent is skipped with a line saying so);
- ``insight run --per-day`` over a span of days of one mirror;
- ``insight publish`` of the reports the base wrote, built from scratch and then again
  (of the site's manifest, ``.insight-site.json``, only the files it lists are compared:
  what else it keeps is what the installation that wrote it needs to publish again).

Prints one line per case (``same`` or the files that differ) and exits 1 when any differs.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script, too

from benchmarks.ranges import MIRRORS, Case, cases, mirror
from insight.publish.manifest import MANIFEST

GOLDEN = Path(__file__).resolve().parents[1].parent / "shared" / "golden"


def run(command: Sequence[str], cwd: Path) -> None:
    done = subprocess.run(list(command), cwd=cwd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr.strip()[-500:]}")


def differences(left: Path, right: Path) -> list[str]:
    """Relative paths present on one side only or with other bytes (state and lock files
    included: they are outputs too)."""
    found = []
    left_files = {p.relative_to(left) for p in left.rglob("*") if p.is_file()}
    right_files = {p.relative_to(right) for p in right.rglob("*") if p.is_file()}
    for relative in sorted(left_files ^ right_files):
        found.append(f"only on one side: {relative}")
    for relative in sorted(left_files & right_files):
        if relative.name == MANIFEST:
            same = _listed(left / relative) == _listed(right / relative)
        else:
            same = filecmp.cmp(left / relative, right / relative, shallow=False)
        if not same:
            found.append(f"differs: {relative}")
    return found


def _listed(manifest: Path) -> list[str]:
    return sorted(json.loads(manifest.read_text("utf-8"))["files"])


def compare(name: str, sides: dict[str, Path]) -> bool:
    found = differences(sides["base"], sides["new"])
    print(f"{name}: {'same' if not found else 'DIFFERENT'}", flush=True)
    for line in found[:20]:
        print(f"    {line}")
    return not found


def check_golden(programs: dict[str, str], work: Path) -> bool:
    if not GOLDEN.is_dir():
        print(f"golden set: skipped ({GOLDEN} is absent)")
        return True
    sides = {}
    for side, program in programs.items():
        out = sides[side] = work / f"golden-{side}"
        out.mkdir()
        for model in sorted(GOLDEN.glob("*.json")):
            run([program, "render", str(model), "-o", str(out / f"{model.stem}.md")], work)
    same = compare("golden set (render)", sides)
    matches = all(
        filecmp.cmp(sides["new"] / f"{model.stem}.md", model.with_suffix(".md"), shallow=False)
        for model in GOLDEN.glob("*.json")
    )
    print(f"golden set against its Markdown: {'same' if matches else 'DIFFERENT'}")
    return same and matches


def mirror_or_skip(case: Case, name: str) -> Path | None:
    """The case's mirror, or None after a line saying the check ``name`` is skipped."""
    repo = mirror(case.mirror)
    if repo is None:
        print(f"{name}: skipped ({MIRRORS / case.mirror} is absent)")
    return repo


def check_report(programs: dict[str, str], work: Path, case: Case, locales: Sequence[str]) -> bool:
    name = f"report {case.name} ({len(locales)} locale{'s' if len(locales) > 1 else ''})"
    repo = mirror_or_skip(case, name)
    if repo is None:
        return True
    sides = {}
    for side, program in programs.items():
        out = sides[side] = work / f"{case.name}-{len(locales)}-{side}"
        command = [program, "report", "-q", "-r", str(repo), case.spec, "-e", "heuristic"]
        command += ["-o", str(out), *(f"--locale={locale}" for locale in locales)]
        run(command, work)
    return compare(name, sides)


def check_per_day(programs: dict[str, str], work: Path, case: Case) -> bool:
    name = f"run --per-day {case.name}"
    repo = mirror_or_skip(case, name)
    if repo is None:
        return True
    sides = {}
    base, head = case.spec.split("...")
    for side, program in programs.items():
        out = sides[side] = work / f"per-day-{side}"
        config = work / f"per-day-{side}.toml"
        config.write_text(
            f'repo = "{repo}"\nbranch = "{head}"\nsince = "{base}"\nout = "{out}"\n'
            f'engine = "heuristic"\ncache_dir = "{work / "cache"}"\n',
            encoding="utf-8",
        )
        run([program, "run", "-q", "--per-day", "--config", str(config)], work)
    return compare(name, sides)


def check_publish(programs: dict[str, str], work: Path, reports: Path) -> bool:
    if not reports.is_dir():
        return True
    sides = {}
    for side, program in programs.items():
        site = sides[side] = work / f"site-{side}"
        for _ in range(2):  # from scratch, then again over its own output
            run([program, "publish", "-q", str(reports), "--out", str(site)], work)
    return compare("publish", sides)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", required=True, help="the insight executable to compare with")
    parser.add_argument("--new", default=str(Path(sys.executable).with_name("insight")))
    parser.add_argument("--quick", action="store_true", help="the smaller ranges only")
    parser.add_argument("--keep", type=Path, help="keep the outputs in this folder")
    arguments = parser.parse_args()
    programs = {"base": arguments.base, "new": arguments.new}
    work = Path(tempfile.mkdtemp(prefix="insight-check-"))
    try:
        results = [check_golden(programs, work)]
        chosen = [case for case in cases() if not arguments.quick or case.files < 2000]
        for case in chosen:
            results.append(check_report(programs, work, case, ["en_US"]))
        first = chosen[0]
        results.append(check_report(programs, work, first, ["en_US", "ja_JP", "zh_CN"]))
        results.append(check_per_day(programs, work, cases("backfill")[0]))
        results.append(check_publish(programs, work, work / f"{first.name}-3-base"))
        if arguments.keep:
            shutil.copytree(work, arguments.keep, dirs_exist_ok=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("all outputs are the same" if all(results) else "SOME OUTPUTS DIFFER")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
