"""The report command: a commit range -> reports on disk, or the calls it would take."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from insight.cli.common import (
    CONTEXT,
    ModelFlags,
    config_option,
    count_reports,
    echo_path,
    engine_for,
    engine_option,
    handle_errors,
    locale_option,
    make_console,
    model_options,
    notice_summary,
    out_option,
    output_options,
)
from insight.cli.job import report_to_github
from insight.config import load_settings
from insight.models import CallEstimate
from insight.report.files import report_files, write_files
from insight.report.pipeline import build_reports, estimate_reports


@click.command(context_settings=CONTEXT)
@click.argument("range_spec", metavar="RANGE")
@click.option(
    "--repo", "-r", help="Work tree, bare repository or URL (default: the current directory)."
)
@locale_option
@config_option
@engine_option
@out_option
@click.option(
    "--date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Report date, YYYY-MM-DD (default: the head commit's date).",
)
@click.option(
    "--dry-run", is_flag=True, help="Print the model calls and tokens it would take; call nothing."
)
@model_options()
@output_options
@handle_errors
def report(
    range_spec: str,
    repo: str | None,
    locales: tuple[str, ...],
    config_file: Path | None,
    engine: str | None,
    out: Path | None,
    date: Any,
    dry_run: bool,
    model_flags: ModelFlags,
) -> None:
    """Write the reports of a commit range: Markdown and its JSON model, per category x locale.

    RANGE is A...B (from the merge base of A and B to B, like GitHub's compare), A..B
    (A straight to B), or A alone (A...HEAD). The written paths are printed, one per line.

    \b
    Examples:
      insight report HEAD~10
      insight report --repo ~/src/azure-ai-docs v1.0...main -l en_US -l ja_JP --out docs-reports
    """
    console = make_console(click.get_current_context())
    flags = {"repo": repo, "locales": locales, "engine": engine, "out": str(out) if out else None}
    settings = load_settings(config_file, {**flags, **model_flags.settings})
    engine_in_use = engine_for(settings, model_flags, console)
    if dry_run:
        estimates, notices = estimate_reports(settings, range_spec, engine_in_use)
        for notice in notices:
            console.notice(notice)
        click.echo(_estimate_table(estimates), nl=False)
        return
    outcome = build_reports(
        settings,
        range_spec,
        date=date.date().isoformat() if date else None,
        engine=engine_in_use,
        progress=console.progress,
        max_calls=model_flags.max_calls,
    )
    for notice in outcome.notices:
        console.notice(notice)
    written: list[Path] = []
    if outcome.reports:
        files = report_files(
            outcome.reports, settings.output, Path(settings.out), settings.template
        )
        written = write_files(files)
        for path in written:
            echo_path(path)
    notice_summary(engine_in_use, console)
    report_to_github(console, outcome.reports, written, f"Diff Insight Reports: {range_spec}")
    console.notice(outcome.tally.line(count_reports(written), Path(settings.out)))


def _estimate_table(estimates: list[CallEstimate]) -> str:
    if not estimates or not any(estimate.calls for estimate in estimates):
        return "no model calls: every file is offline, trivial or cached\n"
    rows = [["model", "calls", "tokens in (est.)", "tokens out (est.)"]]
    rows += [[e.model, f"{e.calls:,}", f"{e.tokens_in:,}", f"{e.tokens_out:,}"] for e in estimates]
    if any(estimate.seconds is not None for estimate in estimates):
        rows[0].append("time at limit")
        for row, estimate in zip(rows[1:], estimates, strict=True):
            row.append(_duration(estimate.seconds))
    widths = [max(len(row[index]) for row in rows) for index in range(len(rows[0]))]
    lines = [
        "  ".join(
            cell.ljust(width) if index == 0 else cell.rjust(width)
            for index, (cell, width) in enumerate(zip(row, widths, strict=True))
        )
        for row in rows
    ]
    return "\n".join(lines) + "\n"


def _duration(seconds: float | None) -> str:
    """``4 min 10 s``, ``under 1 s``; ``unknown`` for a model whose rate limit is not known."""
    if seconds is None:
        return "unknown"
    if seconds < 1:
        return "under 1 s"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest} s" if minutes else f"{rest} s"
