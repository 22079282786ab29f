"""How well the offline engine types real commit ranges: ``insight eval`` on the shared sets.

    python benchmarks/eval_ranges.py [--data ../shared/eval/dev-multi.jsonl]
                                     [--repos ../.mirror | NAME=GIT_DIR,...]
                                     [--errors] [--json FILE]

``--data`` holds hand-labelled files (``label``) of several docs repositories, each with the
commit range (``range``) it changed in. The scoring is ``insight eval``'s
(``insight.report.evaluate``): the report pipeline runs in this process once per distinct
(repository, range) with the offline engine, one category that holds every file and the
en_US locale, and each labelled file is matched to the report item of the same path (for
renames, also the same old path). No config file or ``INSIGHT_*`` variable is read.

``--repos`` is a folder of mirrors holding ``OWNER+NAME`` (or ``NAME``) folders, each a git
directory or holding one in ``repo/``, or a comma-separated list of ``NAME=GIT_DIR``. A
repository not found is named and its files are skipped.

Prints what ``insight eval`` prints (per repository and overall: macro-F1, accuracy,
per-class numbers and the confusion matrix for all files and for modified files only, the
two readers' agreement where rows have ``second_label``, the count-only and names-something
shares of the modified files' titles, the trivial mark's precision, the files no report item
matched), and beside it each run's time, files and notices, and the files matched with
another status or old path than labelled. ``--errors`` lists the mislabelled files;
``--json FILE`` writes ``insight eval --json``'s numbers and the runs.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import insight
from insight.config import Settings
from insight.engines.heuristic import HeuristicEngine
from insight.report.evaluate import evaluate, find_repositories, measure, to_json
from insight.report.labelled import read_labelled
from insight.report.scorecard import error_line, measures_lines

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "dev-multi.jsonl"
DEFAULT_REPOS = ROOT.parent / ".mirror"
FULL_SHA = re.compile(r"\b([0-9a-f]{7})[0-9a-f]{33}\b")


def locations(spec: str, names: list[str]) -> dict[str, str]:
    """The repositories ``--repos`` names: a folder of mirrors, or ``NAME=GIT_DIR,...``."""
    if "=" in spec:
        pairs = (entry.split("=", 1) for entry in spec.split(",") if entry.strip())
        return find_repositories(names, given={name.strip(): path.strip() for name, path in pairs})
    return find_repositories(names, Path(spec).expanduser())


def as_moved(status: str | None, old_path: str | None) -> str:
    """``renamed from a.md``, ``modified``."""
    return " from ".join(filter(None, (status, old_path)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="labelled JSONL")
    parser.add_argument(
        "--repos",
        default=str(DEFAULT_REPOS),
        metavar="DIR_OR_MAPPING",
        help="folder of OWNER+NAME mirrors, or NAME=GIT_DIR,... (default: %(default)s)",
    )
    parser.add_argument("--errors", action="store_true", help="list the mislabelled files")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the numbers as JSON")
    arguments = parser.parse_args()

    labelled = read_labelled(arguments.data)
    names = sorted({row.repo for row in labelled if row.repo})
    found = locations(arguments.repos, names)
    lines = [
        f"{arguments.data.name}: {len(labelled)} labelled files;"
        f" insight {insight.__version__} at {Path(insight.__file__).parent}"
    ]
    for name in names:
        if name not in found:
            skipped = sum(row.repo == name for row in labelled)
            lines.append(
                f"repository {name}: no git directory for it in --repos;"
                f" its {skipped} files are skipped"
            )
    evaluation = evaluate(labelled, Settings(engine="heuristic"), HeuristicEngine(), found)
    runs = sorted(evaluation.runs, key=lambda run: (run.repo, run.range))
    lines.append(f"{len(runs)} runs of the report pipeline in {evaluation.seconds:.1f} s")
    lines += ["", "runs (seconds, files changed, labelled files described, notices):"]
    for run in runs:
        commits = FULL_SHA.sub(r"\1", run.range)
        lines.append(
            f"  {run.repo} {commits}: {run.seconds:.1f} s, {run.files} files, {run.items} labelled"
        )
        lines += [f"    {notice}" for notice in ([run.error] if run.error else run.notices)]

    for name, judged in [*evaluation.groups().items(), ("overall", evaluation.judged)]:
        lines += ["", *measures_lines(name or "patches", measure(judged))]

    differ = [
        (judged.labelled, labelled, reported)
        for judged in evaluation.judged
        if judged.predicted
        and (labelled := as_moved(judged.labelled.status, judged.labelled.old_path))
        != (reported := as_moved(judged.reported_status, judged.reported_old_path))
    ]
    lines += ["", f"matched with another status or old path: {len(differ)}"]
    lines += [
        f"  {row.id} {row.path}: labelled {labelled}, reported {reported}"
        for row, labelled, reported in differ
    ]
    wrong = evaluation.errors()
    if arguments.errors:
        lines += ["", f"mislabelled: {len(wrong)}", *(f"  {error_line(each)}" for each in wrong)]
    print("\n".join(lines))
    if arguments.json:
        numbers = to_json(evaluation, str(arguments.data))
        arguments.json.write_text(json.dumps(numbers, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
