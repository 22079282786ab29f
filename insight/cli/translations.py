"""The translations command: the translations a range left behind."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click

from insight.cli.common import (
    CONTEXT,
    chosen_format,
    config_option,
    format_option,
    handle_errors,
    make_console,
    output_options,
)
from insight.config import load_settings
from insight.report.files import write_files
from insight.source.translations import STATES

LANGUAGES_SHOWN = 10
"""Languages the summary line names; it counts the others."""


@click.command(context_settings=CONTEXT)
@click.argument("range_spec", metavar="[RANGE]", required=False)
@click.option(
    "--repo", "-r", help="Work tree, bare repository or URL (default: the current directory)."
)
@click.option(
    "--language",
    "-l",
    "languages",
    multiple=True,
    help="Only this translation (de, zh-hant: as its folder or suffix names it); repeatable.",
)
@format_option
@click.option(
    "--markdown",
    "markdown_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Write a Markdown report per language and locale under this directory; print the paths.",
)
@click.option(
    "--locale",
    "locales",
    multiple=True,
    help="Locale of the Markdown reports; repeat for several (default: the locales setting).",
)
@click.option(
    "--fail-on",
    "fail_on",
    multiple=True,
    type=click.Choice(STATES),
    help="Exit 1 when a translation is in this state (repeatable), for CI.",
)
@config_option
@output_options
@handle_errors
def translations(
    range_spec: str | None,
    repo: str | None,
    languages: tuple[str, ...],
    output_format: str | None,
    markdown_dir: Path | None,
    locales: tuple[str, ...],
    fail_on: tuple[str, ...],
    config_file: Path | None,
) -> None:
    """List the translations a range left behind its source pages: stale, missing, orphaned.

    RANGE is A...B, A..B or A alone (A...HEAD), as for 'report'; without it, the whole
    history of HEAD. For each source page changed in the range and each language: 'stale'
    (the translation's last change does not have the source's last change in its history),
    'missing' (a page added without a translation, in a folder some language translates),
    'orphaned' (the page was removed or moved; its translation was not). --fail-on STATE
    exits 1 when a translation is in that state, for CI.
    Language trees are found in the repository (docs/{lang}/docs, content/{lang},
    Docusaurus i18n/{lang}, page.{lang}.md) or set in the [translations] table of the config.

    \b
    Examples:
      insight translations --repo ~/src/fastapi HEAD~300..HEAD -l de -l ja
      insight translations v1.0...main --format jsonl
      insight translations HEAD~50 --markdown reports --locale en_US --locale ja_JP
      insight translations origin/main...HEAD --fail-on stale --fail-on missing
    """
    console = make_console(click.get_current_context())
    from insight.report import translations as debt  # jinja2 and the catalogues: only here

    settings = load_settings(config_file, {"repo": repo, "locales": locales})
    check = debt.check_translations(settings, range_spec, languages=languages)
    behind = sorted({item.language for item in check.items})
    shown = ", ".join(behind[:LANGUAGES_SHOWN])
    if len(behind) > LANGUAGES_SHOWN:
        shown += f" and {len(behind) - LANGUAGES_SHOWN} more"
    console.notice(
        f"{len(check.items)} translations behind"
        + (f" in {len(behind)} of {len(check.languages)} languages ({shown})" if behind else "")
        + f"; {check.sources_changed} source pages changed"
    )
    if markdown_dir is not None:
        files = debt.translation_reports(check, settings.locales, markdown_dir)
        for path in write_files(files):
            click.echo(str(path))
    elif check.items:
        chosen = chosen_format(output_format)
        table = chosen == "table"
        click.echo(debt.to_table(check.items) if table else debt.to_jsonl(check.items), nl=False)
    failing = [item for item in check.items if item.state in fail_on]
    if failing:
        counted = Counter(item.state for item in failing)
        console.notice(
            ", ".join(f"{count} {state}" for state, count in sorted(counted.items()))
            + f" (--fail-on {' '.join(fail_on)})"
        )
        click.get_current_context().exit(1)
