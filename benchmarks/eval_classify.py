"""How well the offline engine types real documentation diffs, next to the anchor's types.

    python benchmarks/eval_classify.py [--data ../shared/eval/dev.jsonl]
                                       [--corpus ../shared/corpus/github-patches-dev.jsonl]
                                       [--errors]

``--data`` holds hand-labelled per-file patches (``label``) and the types the anchor system
gave them (``anchor_type``). The engine's types are ``insight eval``'s
(``insight.report.evaluate``): each patch typed as ``insight classify`` types a diff holding
only that file. Prints macro-F1, accuracy, per-class precision and recall and the confusion
matrix of the engine and of the anchor, for all files and for modified files only; how
often a file marked trivial is labelled minor update; and, on the unlabelled ``--corpus``,
how many files the engine marks trivial.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from insight.config import Settings
from insight.engines.heuristic import HeuristicEngine
from insight.models import CHANGE_TYPES, MINOR, FileChange
from insight.report.classify import classify_alone
from insight.report.evaluate import evaluate, measure
from insight.report.labelled import read_labelled
from insight.report.scorecard import SHORT, error_line, scores_lines
from insight.report.scores import score

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "dev.jsonl"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "github-patches-dev.jsonl"


def read_records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def change_of(record: dict) -> FileChange:
    return FileChange(
        path=record["path"],
        status=record["status"],
        additions=record.get("additions", 0),
        deletions=record.get("deletions", 0),
        patch=record.get("patch"),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="labelled JSONL")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="unlabelled JSONL")
    parser.add_argument("--errors", action="store_true", help="list the misclassified files")
    arguments = parser.parse_args()

    engine = HeuristicEngine()
    evaluation = evaluate(read_labelled(arguments.data), Settings(), engine, {})
    judged = measure(evaluation.judged)
    records = read_records(arguments.data)
    anchored = [record for record in records if record.get("anchor_type")]
    anchor = score((record["label"], record["anchor_type"]) for record in anchored)
    anchor_modified = score(
        (record["label"], record["anchor_type"])
        for record in anchored
        if record["status"] == "modified"
    )
    lines = [
        f"{arguments.data.name}: {judged.files} files classified in {evaluation.seconds:.2f} s",
        "",
        *scores_lines("engine, all files", judged.all),
        *scores_lines("engine, modified files", judged.modified),
        "",
        *scores_lines("anchor, all files", anchor),
        *scores_lines("anchor, modified files", anchor_modified),
        "",
        f"trivial mark: {judged.trivial} files, precision {judged.trivial_precision:.3f}"
        f" ({judged.trivial_minor} minor)",
    ]

    if arguments.corpus.exists():
        corpus = [change_of(record) for record in read_records(arguments.corpus)]
        started = time.perf_counter()
        typed = [result.assessment for result in classify_alone(corpus, engine, "en_US")]
        seconds = time.perf_counter() - started
        minor = [assessment for assessment in typed if assessment.type == MINOR]
        trivial = sum(1 for assessment in typed if assessment.trivial)
        lines += [
            f"corpus {arguments.corpus.name}: {len(corpus)} files in {seconds:.2f} s",
            f"  trivial among minor updates: {trivial}/{len(minor)}"
            f" = {trivial / len(minor) if minor else 0:.3f}",
            f"  trivial among all files:     {trivial}/{len(corpus)} = {trivial / len(corpus):.3f}",
            "  types: "
            + ", ".join(
                f"{SHORT[kind]} {sum(1 for a in typed if a.type == kind)}" for kind in CHANGE_TYPES
            ),
        ]
    if arguments.errors:
        lines += ["", *(error_line(each) for each in evaluation.errors())]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
