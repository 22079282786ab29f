"""The run command: the scheduled job, reporting on what is new upstream."""

from __future__ import annotations

from pathlib import Path

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
    make_console,
    model_options,
    notice_summary,
    out_option,
    output_options,
)
from insight.cli.job import report_to_github
from insight.config import load_settings
from insight.publish import schedule


@click.command(context_settings=CONTEXT)
@config_option
@click.option(
    "--per-day", is_flag=True, help="One report per day that has commits, by the commits' dates."
)
@engine_option
@out_option
@model_options()
@output_options
@handle_errors
def run(
    config_file: Path | None,
    per_day: bool,
    engine: str | None,
    out: Path | None,
    model_flags: ModelFlags,
) -> None:
    """The scheduled job: report on everything new upstream since the last run.

    Reads the last reported commit from the state file beside the reports, reports on
    last...head of the configured branch for every category x locale, writes the reports,
    and only then advances the state. The first run starts at 'since' (a commit or a day)
    or 'first_commits' back. Nothing new upstream: a notice, and nothing is written.

    \b
    Example:
      insight run --config insight.toml --per-day
    """
    console = make_console(click.get_current_context())
    flags = {"engine": engine, "out": str(out) if out else None}
    settings = load_settings(config_file, {**flags, **model_flags.settings})
    engine_in_use = engine_for(settings, model_flags, console)
    outcome = schedule.run(
        settings,
        per_day=per_day,
        engine=engine_in_use,
        progress=console.progress,
        max_calls=model_flags.max_calls,
    )
    for notice in outcome.notices:
        console.notice(notice)
    for path in outcome.written:
        echo_path(path)
    if outcome.state is not None:
        console.notice(f"reported up to {outcome.state.last[:7]} ({outcome.state.date})")
    notice_summary(engine_in_use, console)
    report_to_github(console, outcome.reports, outcome.written, "Diff Insight Reports")
    if outcome.tally is not None:
        console.notice(outcome.tally.line(count_reports(outcome.written), Path(settings.out)))
