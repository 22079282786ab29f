"""``insight translations`` against an independent computation from ``git log`` per file.

    python benchmarks/bench_translations.py [--repo PATH] [--range A..B] [--repeat 3]

Defaults: the FastAPI repository of the shared mirror, and the last 300 first-parent
commits of its HEAD (``HEAD~300..HEAD``). The layout is FastAPI's (``docs/en/docs`` as the
source, ``docs/{lang}/docs`` per language); ``--source`` and ``--pattern`` change it.

1. insight: ``insight translations --repo PATH RANGE --format jsonl`` in a fresh process, as a
   user runs it (best of ``--repeat``).
2. The reference, one git command per question, sharing no code with insight: the source
   pages the range touched (``git log --name-only RANGE -- SOURCE``); for each, its last
   change in the range (``git log -1 --topo-order RANGE -- PAGE``); where it stands at the
   base and the head (``git ls-tree``); moves (``git diff -M --diff-filter=R``); for each
   language, its translation's last change (``git log -1 --topo-order HEAD -- TRANSLATION``),
   whether it has the source's in its history (``git merge-base --is-ancestor``), and the
   source's commits it lacks (``git log LAST..HEAD -- PAGE``). A page added in a folder that
   had pages before and has none translated is no translation's debt.

Prints the precision and recall of insight's (source, language, state) against the
reference, the agreement on ``commits_behind`` and ``translation_changed``, the rows by state,
and the wall time of both.
"""

from __future__ import annotations

import argparse
import json
import os
import posixpath
import shutil
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

DEFAULT_REPO = Path(__file__).resolve().parents[2] / ".mirror" / "fastapi+fastapi" / "repo"
PAGE_SUFFIXES = (".md", ".markdown", ".mdx")

Row = dict[str, object]


def git(repo: Path, *args: str) -> str:
    completed = subprocess.run(
        ["git", f"--git-dir={repo}", *args], capture_output=True, text=True, check=True
    )
    return completed.stdout


def run_insight(repo: Path, spec: str) -> tuple[list[Row], float]:
    command = shutil.which("insight", path=str(Path(sys.executable).parent)) or "insight"
    started = time.perf_counter()
    completed = subprocess.run(
        [command, "-q", "translations", "--repo", str(repo), spec, "--format", "jsonl"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "INSIGHT_LOCALES": "en_US"},
    )
    elapsed = time.perf_counter() - started
    return [json.loads(line) for line in completed.stdout.splitlines()], elapsed


def reference(repo: Path, spec: str, source: str, pattern: str) -> tuple[list[Row], float, int]:
    """The debt computed file by file; also the number of git commands it took."""
    started = time.perf_counter()
    calls = 0

    def ask(*args: str) -> str:
        nonlocal calls
        calls += 1
        return git(repo, *args)

    def ask_ok(*args: str) -> bool:
        nonlocal calls
        calls += 1
        return (
            subprocess.run(["git", f"--git-dir={repo}", *args], capture_output=True).returncode == 0
        )

    base_name, head_name = spec.split("..", 1)
    head = ask("rev-parse", f"{head_name or 'HEAD'}^{{commit}}").strip()
    base = ask("rev-parse", f"{base_name}^{{commit}}").strip()
    head_files = set(ask("ls-tree", "-r", "--name-only", head).splitlines())
    base_files = set(ask("ls-tree", "-r", "--name-only", base).splitlines())
    before, after = pattern.split("{lang}", 1)
    folders = ask("ls-tree", "-d", "--name-only", f"{head}:{before.rstrip('/')}").splitlines()
    languages = sorted(
        name
        for name in folders
        if f"{before}{name}{after}" != source
        and any(path.startswith(f"{before}{name}{after}/") for path in head_files)
    )
    touched = ask("log", "--format=", "--name-only", f"{base}..{head}", "--", source)
    pages = sorted({path for path in touched.splitlines() if path.endswith(PAGE_SUFFIXES)})
    renames = ask("diff", "-M", "--diff-filter=R", "--name-status", base, head, "--", source)
    moved = {fields[1]: fields[2] for fields in (line.split("\t") for line in renames.splitlines())}

    def untranslated(page: str) -> bool:
        """A page in a folder that had source pages at the base and has no translated page
        in any language at the head (FastAPI's reference/)."""
        folder = posixpath.dirname(page[len(source) + 1 :])
        had_pages = any(
            path.endswith(PAGE_SUFFIXES) and posixpath.dirname(path) == f"{source}/{folder}"
            for path in base_files
        )
        translated = any(
            path.startswith(f"{before}{language}{after}/{folder}/")
            for language in languages
            for path in head_files
        )
        return bool(folder) and had_pages and not translated

    rows: list[Row] = []
    for page in pages:
        order = ("log", "-1", "--topo-order", "--format=%H")
        changed = ask(*order, f"{base}..{head}", "--", page).strip()
        for language in languages:
            translation = f"{before}{language}{after}{page[len(source) :]}"
            last: str | None = None
            day: str | None = None
            if translation in head_files:
                last, day = ask(*order[:-1], "--format=%H %cs", head, "--", translation).split()
                current = ask_ok("merge-base", "--is-ancestor", changed, last)
                state = "orphaned" if page not in head_files else "" if current else "stale"
            else:
                added = page not in base_files and page not in moved.values()
                state = "missing" if page in head_files and added else ""
                state = "" if state and untranslated(page) else state
            if state:
                behind = ask("log", "--format=%H", f"{last}..{head}" if last else head, "--", page)
                rows.append(
                    {
                        "source": page,
                        "language": language,
                        "state": state,
                        "commits_behind": len(behind.split()),
                        "translation_changed": day,
                    }
                )
    return rows, time.perf_counter() - started, calls


def keys(rows: Iterable[Row]) -> set[tuple[object, object, object]]:
    return {(row["source"], row["language"], row["state"]) for row in rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repo", type=Path, default=DEFAULT_REPO, help="A FastAPI git dir.")
    parser.add_argument("--range", dest="spec", default="HEAD~300..HEAD", help="A..B")
    parser.add_argument("--source", default="docs/en/docs", help="The source pages' folder.")
    parser.add_argument("--pattern", default="docs/{lang}/docs", help="A language's folder.")
    parser.add_argument("--repeat", type=int, default=3, help="Runs of insight; the best counts.")
    options = parser.parse_args()
    repo = options.repo.resolve()
    commits = git(repo, "rev-list", "--count", options.spec).strip()
    print(f"{repo}: {options.spec}, {commits} commits")

    timings = []
    for _ in range(options.repeat):
        ours, elapsed = run_insight(repo, options.spec)
        timings.append(elapsed)
    theirs, reference_time, calls = reference(repo, options.spec, options.source, options.pattern)

    found, expected = keys(ours), keys(theirs)
    agreed = found & expected
    precision = len(agreed) / len(found) if found else 1.0
    recall = len(agreed) / len(expected) if expected else 1.0
    print(f"rows: insight {len(found)}, reference {len(expected)}, in both {len(agreed)}")
    print(f"by state (insight):   {dict(sorted(Counter(row['state'] for row in ours).items()))}")
    print(f"by state (reference): {dict(sorted(Counter(row['state'] for row in theirs).items()))}")
    print(f"precision {precision:.3f}  recall {recall:.3f}")
    by_key = {(row["source"], row["language"], row["state"]): row for row in theirs}
    for field in ("commits_behind", "translation_changed"):
        same = sum(
            1
            for row in ours
            if (key := (row["source"], row["language"], row["state"])) in by_key
            and by_key[key][field] == row[field]
        )
        print(f"{field} equal on {same} of {len(agreed)} rows in both")
    for label, extra in (("only insight", found - expected), ("only reference", expected - found)):
        for key in sorted(extra, key=str)[:10]:
            print(f"  {label}: {key}")
    best = min(timings)
    print(f"insight translations (fresh process, best of {options.repeat}): {best:.2f} s")
    print(f"reference ({calls} git commands): {reference_time:.2f} s")
    print(f"speed-up: {reference_time / best:.1f}x")


if __name__ == "__main__":
    main()
