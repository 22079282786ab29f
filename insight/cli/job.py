"""The files a GitHub Actions job reads after a command: its outputs and its summary."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from insight.cli.common import Console
from insight.models import Report
from insight.publish.actions import job_outputs, job_summary, write_job_files


def report_to_github(
    console: Console,
    reports: Sequence[Report],
    written: Sequence[Path],
    title: str,
    extra: Mapping[str, str] | None = None,
) -> None:
    """``$GITHUB_OUTPUT`` and ``$GITHUB_STEP_SUMMARY``, when GitHub set them."""
    if not (os.environ.get("GITHUB_OUTPUT") or os.environ.get("GITHUB_STEP_SUMMARY")):
        return
    outputs = {**job_outputs(reports, written), **(extra or {})}
    done = write_job_files(os.environ, outputs, job_summary(reports, written, title))
    if console.verbose:
        console.notice(f"wrote {' and '.join(done)}")
