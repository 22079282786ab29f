"""An evaluation as plain text: the numbers per repository and overall, and what went wrong.

Text from a repository or a model (paths, titles, reasons) is put in as it is; the command
line makes it safe for a terminal.
"""

from __future__ import annotations

from insight.models import CHANGE_TYPES
from insight.report.evaluate import Evaluation, Judged, Measures, measure
from insight.report.scores import Scores

SHORT = {"breaking change": "breaking", "new feature": "new", "minor update": "minor"}


def scorecard(evaluation: Evaluation, labels: str, errors: bool = False) -> str:
    """Every repository's block (when there are several groups), the overall block, and
    with ``errors`` the files the engine typed otherwise than their label."""
    groups = evaluation.groups()
    skipped = sum(evaluation.skipped.values())
    left_out = f" ({skipped} skipped: repository not found)" if skipped else ""
    lines = [
        f"{labels}: {labelled_files(len(evaluation.judged) + skipped)}{left_out};"
        f" engine {evaluation.engine}, locale {evaluation.locale}"
    ]
    if len(groups) > 1:
        for name, judged in groups.items():
            lines += ["", *measures_lines(name or "patches", measure(judged))]
    lines += ["", *measures_lines("overall", measure(evaluation.judged))]
    if errors:
        wrong = evaluation.errors()
        lines += ["", f"mislabelled: {len(wrong)}", *(f"  {error_line(each)}" for each in wrong)]
    return "\n".join(lines) + "\n"


def measures_lines(name: str, measures: Measures) -> list[str]:
    """One block: types for all files and for modified files, titles, the trivial mark, and
    the files no report item matched."""
    modified = measures.modified.files
    lines = [f"== {name}: {labelled_files(measures.files)}, {measures.matched} matched"]
    lines += scores_lines("all files", measures.all, measures.readers)
    lines += scores_lines("modified files", measures.modified, measures.readers_modified)
    lines.append(
        f"titles of modified files: count only {measures.count_only}/{modified}"
        f" = {measures.count_only_share:.3f}, name something {measures.names_something}/"
        f"{modified} = {measures.names_something_share:.3f}"
    )
    lines.append(
        f"trivial mark: {labelled_files(measures.trivial, '')}, precision"
        f" {measures.trivial_precision:.3f} ({measures.trivial_minor} labelled minor update)"
    )
    lines.append(f"not matched: {len(measures.unmatched)}")
    lines += [
        f"  {each.labelled.id} {each.labelled.path}: {each.reason}" for each in measures.unmatched
    ]
    return lines


def scores_lines(title: str, scores: Scores, readers: Scores | None = None) -> list[str]:
    """Macro-F1 and accuracy (beside them the two readers' macro-F1), per-class precision,
    recall and F1, and the confusion matrix."""
    beside = f"; two readers agree at macro-F1 {readers.macro_f1:.3f}" if readers else ""
    lines = [
        f"{title} ({scores.files} files): macro-F1 {scores.macro_f1:.3f},"
        f" accuracy {scores.accuracy:.3f}{beside}"
    ]
    for kind, values in scores.per_class.items():
        lines.append(
            f"  {SHORT[kind]:>8}: precision {values.precision:.3f}"
            f"  recall {values.recall:.3f}  F1 {values.f1:.3f}  (support {values.support})"
        )
    lines.append("  gold \\ predicted " + "".join(f"{SHORT[kind]:>10}" for kind in CHANGE_TYPES))
    for gold in CHANGE_TYPES:
        cells = "".join(f"{scores.matrix[gold][kind]:>10}" for kind in CHANGE_TYPES)
        lines.append(f"  {SHORT[gold]:>17} {cells}")
    return lines


def labelled_files(count: int, kind: str = "labelled ") -> str:
    """``1 labelled file``, ``3 labelled files``; ``kind=""``: ``3 files``."""
    return f"{count} {kind}file{'' if count == 1 else 's'}"


def error_line(judged: Judged) -> str:
    """``ID PATH (STATUS): labelled GOLD, engine PREDICTED: TITLE (REASON)``."""
    row = judged.labelled
    where = f"{row.repo} " if row.repo else ""
    return (
        f"{row.id} {where}{row.path} ({row.status}): labelled {SHORT[row.label]},"
        f" engine {SHORT[judged.predicted or '']}: {judged.title} ({judged.reason})"
    )
