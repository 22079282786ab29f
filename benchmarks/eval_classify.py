"""How well the offline classifier types real documentation diffs, next to the anchor's types.

    python benchmarks/eval_classify.py [--data ../shared/eval/dev.jsonl]
                                       [--corpus ../shared/corpus/github-patches-dev.jsonl]
                                       [--errors]

``--data`` holds hand-labelled per-file patches (``label``) and the types the anchor system
gave them (``anchor_type``). Prints macro-F1, accuracy, per-class precision and recall and the
confusion matrix, for all files and for modified files only; how often a file marked trivial
is labelled minor update; and, on the unlabelled ``--corpus``, how many files the engine
marks trivial. Metrics use the standard library only.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from pathlib import Path

from insight.analysis import verdict
from insight.models import CHANGE_TYPES, MINOR, Assessment, FileChange

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "dev.jsonl"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "github-patches-dev.jsonl"
SHORT = {"breaking change": "breaking", "new feature": "new", "minor update": "minor"}


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


def classify(record: dict) -> Assessment:
    change = change_of(record)
    return verdict.assess(change, verdict.signals_of(change))


def scores(pairs: Sequence[tuple[str, str]]) -> dict:
    """Accuracy, macro-F1, per-class precision/recall/F1 and the confusion matrix."""
    matrix = {gold: dict.fromkeys(CHANGE_TYPES, 0) for gold in CHANGE_TYPES}
    for gold, predicted in pairs:
        matrix[gold][predicted] += 1
    per_class = {}
    for kind in CHANGE_TYPES:
        true_positive = matrix[kind][kind]
        predicted = sum(matrix[gold][kind] for gold in CHANGE_TYPES)
        actual = sum(matrix[kind].values())
        precision = true_positive / predicted if predicted else 0.0
        recall = true_positive / actual if actual else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[kind] = {"precision": precision, "recall": recall, "f1": f1, "support": actual}
    accuracy = sum(matrix[kind][kind] for kind in CHANGE_TYPES) / len(pairs) if pairs else 0.0
    macro = sum(values["f1"] for values in per_class.values()) / len(CHANGE_TYPES)
    return {"accuracy": accuracy, "macro_f1": macro, "per_class": per_class, "matrix": matrix}


def report(title: str, result: dict, count: int) -> list[str]:
    lines = [
        f"{title} ({count} files): macro-F1 {result['macro_f1']:.3f}, "
        f"accuracy {result['accuracy']:.3f}"
    ]
    for kind, values in result["per_class"].items():
        lines.append(
            f"  {SHORT[kind]:>8}: precision {values['precision']:.3f}"
            f"  recall {values['recall']:.3f}  F1 {values['f1']:.3f}"
            f"  (support {values['support']})"
        )
    header = "  gold \\ predicted " + "".join(f"{SHORT[kind]:>10}" for kind in CHANGE_TYPES)
    lines.append(header)
    for gold in CHANGE_TYPES:
        cells = "".join(f"{result['matrix'][gold][kind]:>10}" for kind in CHANGE_TYPES)
        lines.append(f"  {SHORT[gold]:>17} {cells}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="labelled JSONL")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="unlabelled JSONL")
    parser.add_argument("--errors", action="store_true", help="list the misclassified files")
    arguments = parser.parse_args()

    records = read_records(arguments.data)
    started = time.perf_counter()
    assessments = [classify(record) for record in records]
    seconds = time.perf_counter() - started

    engine = [(r["label"], a.type) for r, a in zip(records, assessments, strict=True)]
    anchor = [(r["label"], r["anchor_type"]) for r in records if r.get("anchor_type")]
    modified = [r["status"] == "modified" for r in records]
    lines = [f"{arguments.data.name}: {len(records)} files classified in {seconds:.2f} s", ""]
    lines += report("engine, all files", scores(engine), len(engine))
    engine_modified = [pair for pair, keep in zip(engine, modified, strict=True) if keep]
    lines += report("engine, modified files", scores(engine_modified), len(engine_modified))
    lines.append("")
    lines += report("anchor, all files", scores(anchor), len(anchor))
    anchor_modified = [
        (r["label"], r["anchor_type"])
        for r in records
        if r["status"] == "modified" and r.get("anchor_type")
    ]
    lines += report("anchor, modified files", scores(anchor_modified), len(anchor_modified))

    marked = [r["label"] for r, a in zip(records, assessments, strict=True) if a.trivial]
    correct = sum(label == MINOR for label in marked)
    precision = correct / len(marked) if marked else 0.0
    lines += ["", f"trivial mark: {len(marked)} files, precision {precision:.3f} ({correct} minor)"]

    if arguments.corpus.exists():
        corpus = read_records(arguments.corpus)
        started = time.perf_counter()
        typed = [classify(record) for record in corpus]
        seconds = time.perf_counter() - started
        minor = [a for a in typed if a.type == MINOR]
        trivial = sum(1 for a in typed if a.trivial)
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
        lines.append("")
        for record, assessment in zip(records, assessments, strict=True):
            if assessment.type != record["label"]:
                lines.append(
                    f"{record['id']} {record['status']}: labelled {SHORT[record['label']]},"
                    f" engine {SHORT[assessment.type]} ({assessment.reason})"
                )
    print("\n".join(lines))


if __name__ == "__main__":
    main()
