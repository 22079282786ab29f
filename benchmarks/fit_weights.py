"""Fit the evidence weights leave-one-repository-out, and say how well they travel.

    python benchmarks/fit_weights.py [--data LABELS.jsonl ...] [--repos ../.mirror]
                                     [--passes 2] [--write]

The labelled files (default: ``../shared/eval/dev.jsonl``, ``dev-multi.jsonl`` and
``dev-general.jsonl``) are read once, as ``insight eval`` reads them: a row with ``repo`` and
``range`` with the facts of its whole range, a row with a patch alone as ``insight classify``
reads it. Each repository (the rows of ``dev.jsonl``, which name none, count as one) is then
held out in turn: the weights of ``insight/analysis/weights.toml`` are fitted on the others
and the held-out repository is judged with the fitted numbers. The pooled held-out figures
are what the weights are worth on a repository they were not fitted on.

Fitting is a coordinate search: each kind's weight, then the thresholds, tried at a few
multiples of its current value, keeping a change only when it raises the training
repositories' mean macro-F1 by more than a small cost per step away from the shipped value
(so that a weight moves only when the data ask for it). ``--write`` fits on every repository
and writes ``weights.toml``.

Only the weights are fitted here; the rules that make the signals were written by hand, from
these same sets, so the held-out figures say how the weights travel, not the rules.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from insight.analysis import evidence, verdict
from insight.analysis.site.facts import site_facts
from insight.models import FileChange, PageFacts, Signal
from insight.report.evaluate import find_repositories
from insight.report.labelled import read_labelled
from insight.report.scores import score
from insight.source import repository
from insight.source.changes import file_changes
from insight.source.tree import Tree

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "eval"
DEFAULT_DATA = [SHARED / name for name in ("dev.jsonl", "dev-multi.jsonl", "dev-general.jsonl")]
WEIGHTS = ROOT / "insight" / "analysis" / "weights.toml"
STEPS = (0.0, 0.5, 0.75, 1.25, 1.5, 2.0, 3.0)
"""Multiples of a weight's current value tried in one pass."""
THRESHOLD_STEPS = (0.75, 0.9, 1.1, 1.25, 1.5)
COST = 0.002
"""What one step away from the shipped value must gain in mean macro-F1 to be kept."""
MINOR_OF = "minor update"


@dataclass(frozen=True)
class Item:
    """A labelled file with what the engine reads of it."""

    group: str
    label: str
    modified: bool
    change: FileChange
    page: PageFacts | None
    signals: tuple[Signal, ...]

    def judge(self, weights: evidence.Weights) -> str:
        return verdict.assess(self.change, self.signals, self.page, weights).type


def read_items(paths: Sequence[Path], mirrors: Path) -> list[Item]:
    """Every labelled file, read once with the facts of its range (or of its patch alone)."""
    rows = [(path, row) for path in paths for row in read_labelled(path)]
    names = sorted({row.repo for _, row in rows if row.repo})
    found = find_repositories(names, mirrors)
    by_range: dict[tuple[str, str], list] = defaultdict(list)
    items = []
    for path, row in rows:
        if row.repo and row.range:
            by_range[(row.repo, row.range)].append(row)
            continue
        change = FileChange(row.path, row.status, row.additions, row.deletions, patch=row.patch)
        page = site_facts([change], None).get(change.path)
        items.append(_item(path.stem, row.label, change, page))
    for (name, spec), range_rows in by_range.items():
        if name not in found:
            print(
                f"fit_weights: {name}: no mirror; {len(range_rows)} files left out", file=sys.stderr
            )
            continue
        repo = repository.open_repository(found[name], Path("/tmp/insight-fit-cache"), 120)
        commits = repository.resolve_range(repo, spec)
        changes = file_changes(repo, commits).changes
        facts = site_facts(changes, Tree(repo, commits.head), None, Tree(repo, commits.base))
        by_path = {change.path: change for change in changes}
        for row in range_rows:
            change = by_path.get(row.path)
            if change is not None:
                items.append(_item(name, row.label, change, facts.get(change.path)))
    return items


def _item(group: str, label: str, change: FileChange, page: PageFacts | None) -> Item:
    signals = verdict.signals_of(change)
    return Item(group, label, change.status == "modified", change, page, signals)


def mean_f1(items: Sequence[Item], weights: evidence.Weights) -> float:
    """The mean over repositories of macro-F1: each repository counts the same."""
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for item in items:
        groups[item.group].append((item.label, item.judge(weights)))
    return statistics.mean(score(pairs).macro_f1 for pairs in groups.values())


def fit(items: Sequence[Item], start: evidence.Weights, passes: int) -> evidence.Weights:
    """Coordinate search from ``start``: a kind's weight or a threshold at a few multiples of
    its value, kept when it pays for its distance from the shipped value."""
    shipped = evidence.shipped_weights()
    current = start
    best = mean_f1(items, current) - COST * _distance(current, shipped)
    names = [kind.name for kind in evidence.KINDS if kind.side != evidence.MINOR_SIDE]
    for _ in range(passes):
        changed = False
        for name in names:
            base = current.kinds[name] or shipped.kinds[name]
            for step in STEPS:
                tried = replace(current, kinds={**current.kinds, name: round(base * step, 3)})
                value = mean_f1(items, tried) - COST * _distance(tried, shipped)
                if value > best + 1e-9:
                    current, best, changed = tried, value, True
        for field in ("deciding", "breaking_share", "tie_cap"):
            for step in THRESHOLD_STEPS:
                tried = replace(current, **{field: round(getattr(current, field) * step, 3)})
                value = mean_f1(items, tried) - COST * _distance(tried, shipped)
                if value > best + 1e-9:
                    current, best, changed = tried, value, True
        if not changed:
            break
    return current


def _distance(weights: evidence.Weights, shipped: evidence.Weights) -> int:
    """How many numbers differ from the shipped ones."""
    moved = sum(1 for name, value in weights.kinds.items() if value != shipped.kinds.get(name))
    return (
        moved
        + (weights.deciding != shipped.deciding)
        + (weights.breaking_share != shipped.breaking_share)
    )


def figures(pairs: Sequence[tuple[str, str]], modified: Sequence[tuple[str, str]]) -> str:
    everything, changed = score(pairs), score(modified)
    breaking = everything.per_class["breaking change"]
    return (
        f"macro-F1 {everything.macro_f1:.3f} all / {changed.macro_f1:.3f} modified, "
        f"breaking precision {breaking.precision:.2f} recall {breaking.recall:.2f} "
        f"({everything.files} files)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, nargs="*", default=DEFAULT_DATA)
    parser.add_argument("--repos", type=Path, default=ROOT.parent / ".mirror")
    parser.add_argument("--passes", type=int, default=2)
    parser.add_argument("--write", action="store_true", help="fit on all and write weights.toml")
    arguments = parser.parse_args()

    items = read_items(arguments.data, arguments.repos)
    shipped = evidence.shipped_weights()
    groups = sorted({item.group for item in items})
    print(f"{len(items)} labelled files in {len(groups)} repositories")

    def pairs_of(chosen: Sequence[Item], weights: evidence.Weights, modified: bool = False):
        return [(i.label, i.judge(weights)) for i in chosen if i.modified or not modified]

    print("\nshipped weights, every repository (a development figure: rules were written here)")
    for group in groups:
        chosen = [item for item in items if item.group == group]
        print(
            f"  {group:26s} {figures(pairs_of(chosen, shipped), pairs_of(chosen, shipped, True))}"
        )
    print(f"  {'overall':26s} {figures(pairs_of(items, shipped), pairs_of(items, shipped, True))}")

    print("\nleave one repository out: weights fitted on the others, the held-out one judged")
    held_all: list[tuple[str, str]] = []
    held_modified: list[tuple[str, str]] = []
    for group in groups:
        training = [item for item in items if item.group != group]
        held = [item for item in items if item.group == group]
        fitted = fit(training, shipped, arguments.passes)
        moved = _distance(fitted, shipped)
        held_all += pairs_of(held, fitted)
        held_modified += pairs_of(held, fitted, True)
        print(
            f"  {group:26s} {figures(pairs_of(held, fitted), pairs_of(held, fitted, True))}"
            f"  [{moved} numbers moved]"
        )
    print(f"  {'pooled held out':26s} {figures(held_all, held_modified)}")

    if arguments.write:
        fitted = fit(items, shipped, arguments.passes)
        note = (
            f"Fitted by benchmarks/fit_weights.py on {len(items)} labelled files of "
            f"{len(groups)} repositories\n({', '.join(groups)})."
        )
        WEIGHTS.write_text(evidence.weights_toml(fitted, note), encoding="utf-8")
        print(f"\nwrote {WEIGHTS.relative_to(ROOT)}: {_distance(fitted, shipped)} numbers moved")


if __name__ == "__main__":
    main()
