"""Report files on disk: where each goes, and writing them all or none."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping, Sequence
from datetime import date as Date
from pathlib import Path

from insight.errors import OutputError
from insight.models import Report
from insight.report import serialize
from insight.report.render import render_markdown


def report_path(report: Report, pattern: str, out_dir: Path) -> Path:
    """``out_dir`` / the pattern with strftime codes from the report date, then placeholders."""
    day = Date.fromisoformat(report.date)
    relative = day.strftime(pattern).format(locale=report.locale, category=report.category)
    return out_dir / relative


def report_files(
    reports: Sequence[Report], pattern: str, out_dir: Path, template: str
) -> dict[Path, str]:
    """The Markdown and, beside it, the JSON model of every report."""
    files: dict[Path, str] = {}
    for report in reports:
        markdown_path = report_path(report, pattern, out_dir)
        files[markdown_path] = render_markdown(report, template)
        files[markdown_path.with_suffix(".json")] = serialize.dumps(report)
    return files


def write_files(files: Mapping[Path, str]) -> list[Path]:
    """Write every file through a temporary file and a rename; on error, leave none behind."""
    staged: list[tuple[Path, Path]] = []
    target = None
    try:
        for target, content in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(
                prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
            )
            staged.append((Path(name), target))
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
                stream.write(content)
        for temporary, target in staged:
            os.replace(temporary, target)
    except OSError as error:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise OutputError(f"{target}: cannot write: {error.strerror or error}") from None
    return list(files)
