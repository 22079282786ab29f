"""``insight classify``: a unified diff in, one type, title and reason per file out.

The same engine as the reports reads each file of ``git diff`` output (or a ``.patch`` file)
without a repository: the hunks are all it has, so the structural analysis reads them as
fragments. Nothing here prints; the command line formats and writes the results.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from insight.analysis.site.facts import site_facts
from insight.engines.base import Engine
from insight.lexicon import Lexicon
from insight.models import Assessment, FileChange, SiteFacts, Writeup
from insight.report.columns import aligned
from insight.source.diff import parse_diff

TABLE_COLUMNS = ("type", "+/-", "path", "title")


@dataclass(frozen=True)
class Classified:
    """One file of the diff with its verdict and its words in the requested locale."""

    change: FileChange
    assessment: Assessment
    writeup: Writeup

    def to_dict(self) -> dict[str, Any]:
        """The JSON Lines object: the report item's fields a script needs, signals included."""
        change, assessment = self.change, self.assessment
        record: dict[str, Any] = {
            "path": change.path,
            "status": change.status,
            "additions": change.additions,
            "deletions": change.deletions,
            "changes": change.changes,
            "type": assessment.type,
            "title": self.writeup.title,
            "reason": assessment.reason,
            "explanation": self.writeup.explanation,
            "confidence": assessment.confidence,
            "trivial": assessment.trivial,
            "engine": assessment.engine,
            "signals": [signal.to_dict() for signal in assessment.signals],
        }
        if change.old_path:
            record["old_path"] = change.old_path
        if change.binary:
            record["binary"] = True
        return record


def classify_diff(
    text: str, engine: Engine, locale: str, lexicon: Lexicon | None = None
) -> list[Classified]:
    """Every file of a unified diff, typed and described; an empty diff gives no files.
    ``lexicon`` is the engine's, for the facts of the diff (by default the shipped one).

    Raises ``DiffParseError`` (a usage error) when the text is not a unified diff.
    """
    changes = parse_diff(_unix_newlines(text))
    return _described(changes, engine, locale, site_facts(changes, None, lexicon=lexicon))


def classify_alone(
    changes: Sequence[FileChange], engine: Engine, locale: str, lexicon: Lexicon | None = None
) -> list[Classified]:
    """Each change typed and described as ``classify_diff`` does a diff holding it alone.

    For changes that came from different diffs (labelled files, a corpus of patches): none
    of them is read as part of the others' change set. They go to the engine in as few
    calls as their paths allow (the facts of a call are by path).
    """
    done: dict[int, Classified] = {}
    pending = list(enumerate(changes))
    while pending:
        batch: dict[str, tuple[int, FileChange]] = {}
        for index, change in pending:
            batch.setdefault(change.path, (index, change))
        alone = [change for _, change in batch.values()]
        facts = {
            path: page
            for change in alone
            for path, page in site_facts([change], None, lexicon=lexicon).items()
        }
        results = _described(alone, engine, locale, facts)
        done.update(zip((index for index, _ in batch.values()), results, strict=True))
        pending = [(index, change) for index, change in pending if index not in done]
    return [done[index] for index in range(len(changes))]


def _described(
    changes: Sequence[FileChange], engine: Engine, locale: str, facts: SiteFacts
) -> list[Classified]:
    if not changes:
        return []
    described = engine.describe(changes, [locale], facts)
    return [
        Classified(change, result.assessment, result.writeups[locale])
        for change, result in zip(changes, described, strict=True)
    ]


def _unix_newlines(text: str) -> str:
    """A patch file saved with CRLF line ends throughout (headers too) read as git wrote it.

    Git writes a CRLF document's lines with their ``\r`` but its own headers with ``\n``; when
    the first header ends in ``\r\n`` the whole file was converted, so convert it back.
    """
    first = text.split("\n", 1)[0]
    return text.replace("\r\n", "\n") if first.endswith("\r") else text


def to_jsonl(results: Sequence[Classified]) -> str:
    """One JSON object per line, in the diff's order."""
    return "".join(json.dumps(result.to_dict(), ensure_ascii=False) + "\n" for result in results)


def to_table(results: Sequence[Classified]) -> str:
    """Aligned columns for a terminal: type, line counts, path (with the old one) and title."""
    rows = [
        (
            result.assessment.type,
            f"+{result.change.additions} -{result.change.deletions}",
            f"{result.change.old_path} → {result.change.path}"
            if result.change.old_path
            else result.change.path,
            result.writeup.title,
        )
        for result in results
    ]
    return aligned(TABLE_COLUMNS, rows)
