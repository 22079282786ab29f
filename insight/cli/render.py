"""The render command: a report's JSON model -> its Markdown."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from insight.cli.common import (
    CONTEXT,
    config_option,
    handle_errors,
    make_console,
    output_options,
    terminal_safe,
)
from insight.config import load_settings
from insight.report import serialize
from insight.report.files import write_files
from insight.report.overrides import apply_to_reports, load_overrides, overrides_file
from insight.report.render import DEFAULT_TEMPLATE, render_markdown


@click.command(context_settings=CONTEXT)
@click.argument("model", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write here instead of stdout (- is stdout); only a regular file is replaced.",
)
@click.option(
    "--template",
    "-t",
    default=DEFAULT_TEMPLATE,
    show_default=True,
    help="A template file, or insight:NAME for a shipped one.",
)
@config_option
@output_options
@handle_errors
def render(model: Path, output: Path | None, template: str, config_file: Path | None) -> None:
    """Render an insight.report/v1 JSON model as the report's Markdown.

    Reviewers' overrides (insight-overrides.toml beside the config file) are applied to the
    files they hold for; the overview stays as it was written.

    \b
    Example:
      insight render reports/202505/en_US/report-20250528-openai.json -o report.md
    """
    console = make_console(click.get_current_context())
    report = serialize.load(model)
    overrides = load_overrides(overrides_file(load_settings(config_file).source))
    for notice in apply_to_reports([report], overrides):
        console.notice(notice)
    markdown = render_markdown(report, template)
    if output is None or str(output) == "-":  # exact bytes down a pipe; no escapes to a terminal
        click.echo(
            terminal_safe(markdown, lines=True) if sys.stdout.isatty() else markdown, nl=False
        )
    else:
        write_files({output: markdown})
