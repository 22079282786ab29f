"""The classify command: a unified diff -> each file's type of change."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from insight.cli.common import (
    CONTEXT,
    chosen_format,
    closed_at_exit,
    config_option,
    engine_option,
    format_option,
    handle_errors,
    make_console,
    output_options,
    terminal_safe,
)
from insight.config import load_settings
from insight.lexicon import load as load_lexicon
from insight.report.classify import classify_diff, to_jsonl, to_table
from insight.report.pipeline import create_engine


@click.command(context_settings=CONTEXT)
@click.argument("patch", type=click.File("rb"), default="-", metavar="[PATCH|-]")
@format_option
@engine_option
@click.option(
    "--locale",
    "-l",
    help="Locale of the titles and explanations (default: the first configured, en_US).",
)
@config_option
@output_options
@handle_errors
def classify(
    patch: Any,
    output_format: str | None,
    engine: str | None,
    locale: str | None,
    config_file: Path | None,
) -> None:
    """Type each file of a unified diff: breaking change, new feature or minor update.

    PATCH is a file of git diff output or a .patch file; - (the default) reads stdin.
    Prints one row per file on a terminal and JSON Lines otherwise (path, status, counts,
    type, title, reason, confidence, trivial, signals). An empty diff prints nothing.

    \b
    Examples:
      git diff main~5 main | insight classify -
      insight classify changes.patch --format jsonl -l ja_JP
    """
    make_console(click.get_current_context())
    settings = load_settings(
        config_file, {"engine": engine, "locales": (locale,) if locale else ()}
    )
    text = patch.read().decode("utf-8", errors="replace")
    typing = closed_at_exit(create_engine(settings))
    lexicon = load_lexicon(settings.rules)
    results = classify_diff(text, typing, settings.locales[0], lexicon)
    if not results:
        return
    chosen = chosen_format(output_format)
    text = to_table(results) if chosen == "table" else to_jsonl(results)
    click.echo(terminal_safe(text, lines=True), nl=False)
