"""What a confidence is worth: among labelled files the engine typed with confidence x, what
share it typed right.

    insight eval ../shared/eval/dev-multi.jsonl --repos ../.mirror --json multi.json
    python benchmarks/calibrate_confidence.py multi.json [general.json ...] [--type breaking]

Reads the ``files`` of ``insight eval --json`` outputs (each judged file with its label, the
engine's type and its ``confidence``) and prints, per band of confidence, how many files the
engine typed there and how many it typed right; then, for each threshold, the share right
among the files at or above it, and how many of the files it typed right it keeps. With
``--type``, only the files the engine gave that type (``breaking``, ``new``, ``minor``): the
precision of a headline made only from that type's items above a threshold.

The overview leads with items at or above ``insight.engines.digest.CONFIDENT``; this table is
how that number is chosen and checked.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path

from insight.models import CHANGE_TYPES

BANDS = (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.01)
"""Lower edges of the bands of confidence (the last is an upper bound)."""
THRESHOLDS = (0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)


def judged_files(paths: Sequence[Path], kind: str | None) -> list[tuple[float, bool]]:
    """(confidence, typed right) of every typed file of the outputs, of one type if asked."""
    found = []
    for path in paths:
        for file in json.loads(path.read_text(encoding="utf-8"))["files"]:
            predicted, confidence = file["predicted"], file.get("confidence")
            if predicted is None or confidence is None:
                continue
            if kind is not None and not predicted.startswith(kind):
                continue
            found.append((float(confidence), predicted == file["gold"]))
    return found


def table(files: list[tuple[float, bool]]) -> list[str]:
    lines = ["confidence band   files  right  share right"]
    for low, high in pairwise(BANDS):
        band = [right for confidence, right in files if low <= confidence < high]
        if band:
            shown = f"[{low:.2f}, {min(high, 1.0):.2f}{']' if high > 1 else ')'}"
            lines.append(f"{shown:16}  {len(band):5}  {sum(band):5}  {sum(band) / len(band):11.3f}")
    total_right = sum(right for _, right in files)
    lines += ["", "threshold  files at or above  share right  right ones kept"]
    for threshold in THRESHOLDS:
        kept = [right for confidence, right in files if confidence >= threshold]
        if kept:
            lines.append(
                f">= {threshold:.2f}    {len(kept):17}  {sum(kept) / len(kept):11.3f}"
                f"  {sum(kept)}/{total_right}"
            )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outputs", nargs="+", type=Path, help="insight eval --json files")
    parser.add_argument(
        "--type",
        choices=[kind.split()[0] for kind in CHANGE_TYPES],
        help="only the files the engine gave this type",
    )
    arguments = parser.parse_args()
    files = judged_files(arguments.outputs, arguments.type)
    what = f"typed {arguments.type}" if arguments.type else "typed"
    print(f"{len(files)} files {what} in {', '.join(path.name for path in arguments.outputs)}")
    print("\n".join(table(files)))


if __name__ == "__main__":
    main()
