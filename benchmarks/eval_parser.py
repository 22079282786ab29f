"""How many real GitHub patches the parser counts exactly as GitHub does.

    python benchmarks/eval_parser.py [--corpus ../shared/corpus/github-patches-dev.jsonl]

Each record of the corpus is one file's ``patch`` (hunks only) with GitHub's own
``additions`` and ``deletions``; the status plays no part in the counts. Both readers are
checked: ``count_lines`` (unidiff, which gives a change its counts) and ``read_hunks`` (the
hunks the analysis reads, by their markers alone).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from insight.source.diff import count_lines, read_hunks

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "github-patches-dev.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    arguments = parser.parse_args()
    records = [
        json.loads(line) for line in arguments.corpus.read_text(encoding="utf-8").splitlines()
    ]

    started = time.perf_counter()
    fast = [count_lines(record["patch"]) for record in records]
    fast_seconds = time.perf_counter() - started
    started = time.perf_counter()
    hunks = [read_hunks(record["patch"]) for record in records]
    hunks_seconds = time.perf_counter() - started

    truth = [(record["additions"], record["deletions"]) for record in records]
    marked = [
        tuple(sum(line.kind == kind for hunk in read for line in hunk.lines) for kind in "+-")
        for read in hunks
    ]
    exact_fast = sum(counts == expected for counts, expected in zip(fast, truth, strict=True))
    exact_marked = sum(counts == expected for counts, expected in zip(marked, truth, strict=True))
    megabytes = sum(len(record["patch"].encode()) for record in records) / 1e6
    print(f"records: {len(records)} ({megabytes:.1f} MB of patches)")
    print(f"exact counts, count_lines: {exact_fast}/{len(records)} in {fast_seconds:.2f} s")
    print(
        f"exact counts, lines read_hunks marks: {exact_marked}/{len(records)} "
        f"in {hunks_seconds:.2f} s"
    )


if __name__ == "__main__":
    main()
