"""The override command: a reviewer's correction of one file's type, title or explanation."""

from __future__ import annotations

from pathlib import Path

import click

from insight.cli.common import (
    CONTEXT,
    config_option,
    echo_path,
    handle_errors,
    locale_option,
    make_console,
    output_options,
)
from insight.config import load_settings
from insight.errors import InsightError, UsageError
from insight.models import BREAKING, CHANGE_TYPES, MINOR, NEW_FEATURE, Report
from insight.report import serialize
from insight.report.files import write_files
from insight.report.overrides import Override, find_item, overrides_file, save_override

_SHORT_TYPES = {"breaking": BREAKING, "new": NEW_FEATURE, "minor": MINOR}


@click.command(context_settings=CONTEXT)
@click.argument("path")
@click.option(
    "--type",
    "-t",
    "change_type",
    required=True,
    type=click.Choice([*CHANGE_TYPES, *_SHORT_TYPES]),
    help="The file's type: breaking change (breaking), new feature (new) or minor update (minor).",
)
@click.option("--title", help="The file's title instead of the engine's.")
@click.option("--explanation", help="The file's explanation instead of the engine's.")
@locale_option
@click.option(
    "--report",
    "model",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The report model (JSON) whose change of PATH is meant (default: the newest "
    "report under the 'out' folder that has PATH).",
)
@config_option
@output_options
@handle_errors
def override(
    path: str,
    change_type: str,
    title: str | None,
    explanation: str | None,
    locales: tuple[str, ...],
    model: Path | None,
    config_file: Path | None,
) -> None:
    """Correct the type (and title, explanation) of PATH's change, for every later run.

    The correction goes into insight-overrides.toml beside the config file, keyed by the
    change's fingerprint (the file's paths and blobs, from the report): report, run,
    render and publish apply it wherever the same change appears, and the JSON model marks
    the file 'reviewed'. Once the file changes again, the override is reported as stale and
    not applied. A title or explanation holds for the --locale given (default: every
    locale); the type holds in every locale. Prints the overrides file.

    \b
    Example:
      insight override articles/search/hybrid.md --type breaking --title "Needs API 2025-05"
    """
    console = make_console(click.get_current_context())
    if len(locales) > 1:
        raise click.UsageError("--locale names one locale for the title and explanation")
    if locales and not (title or explanation):
        raise click.UsageError("--locale is for --title and --explanation")
    settings = load_settings(config_file)
    target = overrides_file(settings.source)
    reports = {model: serialize.load(model)} if model else _reports(Path(settings.out))
    located = find_item(reports, path)
    if located is None:
        where = model or settings.out
        raise UsageError(f"{path}: no report in {where} holds this file; name one with --report")
    source, item = located
    if not item.fingerprint:
        raise UsageError(
            f"{source}: written before insight kept fingerprints; run insight report again"
        )
    entry = Override(
        path=path,
        fingerprint=item.fingerprint,
        type=_SHORT_TYPES.get(change_type, change_type),
        title=title,
        explanation=explanation,
        locale=locales[0] if locales else None,
    )
    for written in write_files(save_override(target, entry)):
        echo_path(written)
    console.notice(f"{path}: {entry.type}, from the change in {source}")


def _reports(out: Path) -> dict[Path, Report]:
    """The report models under ``out`` (not the state file, nor other programs' JSON)."""
    if not out.is_dir():
        raise UsageError(f"{out}: no such reports folder; name a report with --report")
    models = {}
    for path in sorted(out.rglob("*.json")):
        if path.name.startswith("."):
            continue
        try:
            models[path] = serialize.load(path)
        except InsightError:
            continue
    return models
