"""The eval command: an engine's types against hand-labelled files -> macro-F1 and friends."""

from __future__ import annotations

import json
from pathlib import Path

import click

from insight.cli.common import (
    CONTEXT,
    ModelFlags,
    config_option,
    engine_for,
    engine_option,
    handle_errors,
    make_console,
    model_options,
    notice_summary,
    output_options,
    terminal_safe,
)
from insight.config import load_settings
from insight.errors import UsageError
from insight.report.evaluate import evaluate, find_repositories, to_json
from insight.report.files import write_files
from insight.report.labelled import read_labelled
from insight.report.scorecard import labelled_files, scorecard


def _pairs(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> dict[str, str]:
    pairs = {}
    for value in values:
        name, equals, location = value.partition("=")
        if not equals or not name.strip() or not location.strip():
            raise click.BadParameter(f"{value!r} is not NAME=PATH (or NAME=URL).")
        pairs[name.strip()] = location.strip()
    return pairs


@click.command(context_settings=CONTEXT)
@click.argument("labels", type=click.Path(path_type=Path, dir_okay=False), metavar="LABELS.jsonl")
@click.option(
    "--repos",
    "mirrors",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    help="Folder of the labelled repositories: NAME or OWNER+NAME folders, each a git "
    "directory, a work tree, or holding one in repo/.",
)
@click.option(
    "--repo",
    "-r",
    "given",
    multiple=True,
    callback=_pairs,
    metavar="NAME=PATH",
    help="Where the repository NAME of the labels is: work tree, bare repository or URL "
    "(repeatable; before --repos).",
)
@click.option(
    "--strict", is_flag=True, help="A repository not found or a range that fails is an error."
)
@click.option(
    "--errors", "list_errors", is_flag=True, help="List the files typed otherwise than labelled."
)
@click.option(
    "--json",
    "json_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Also write every number (per repository, overall, errors) to this JSON file.",
)
@click.option("--locale", "-l", help="Locale of the titles (default: the first configured).")
@config_option
@engine_option
@model_options(max_calls=False)
@output_options
@handle_errors
def eval(  # the command's name: the group finds it by its module's name
    labels: Path,
    mirrors: Path | None,
    given: dict[str, str],
    strict: bool,
    list_errors: bool,
    json_file: Path | None,
    locale: str | None,
    config_file: Path | None,
    engine: str | None,
    model_flags: ModelFlags,
) -> None:
    """Measure the engine on hand-labelled files: macro-F1, precision, recall, confusion.

    LABELS.jsonl holds one file a line: path, status (added, modified, removed, renamed),
    label (breaking change, new feature or minor update), optionally old_path and a second
    reader's second_label. A line with repo and range is judged by a report run over that
    range of that repository (found with --repo or --repos); a line without them by its
    patch, as insight classify types it. Prints the numbers per repository and overall, for
    all files and for modified files only, beside the two readers' agreement when the
    lines have second_label.

    \b
    Examples:
      insight eval labels.jsonl --repo docs=../azure-docs --errors
      insight eval labels.jsonl --repos ~/mirrors --engine llm -m gpt-4o --json scores.json
    """
    console = make_console(click.get_current_context())
    labelled = read_labelled(labels)
    flags = {"engine": engine, "locales": (locale,) if locale else ()}
    settings = load_settings(config_file, {**flags, **model_flags.settings})
    names = sorted({row.repo for row in labelled if row.repo})
    locations = find_repositories(names, mirrors, given)
    for name in names:
        if name not in locations:
            files = labelled_files(sum(row.repo == name for row in labelled))
            message = f"repository {name} of {files} not found {_where(mirrors, given, name)}"
            if strict:
                raise UsageError(message)
            console.notice(f"{message}; skipped")
    if all(row.repo and row.repo not in locations for row in labelled):
        raise UsageError("nothing to judge: no repository of the labelled files was found")
    engine_in_use = engine_for(settings, model_flags, console)
    evaluation = evaluate(
        labelled,
        settings,
        engine_in_use,
        locations,
        strict=strict,
        progress=console.progress,
    )
    for run in evaluation.runs:
        for notice in [run.error] if run.error else run.notices:
            console.notice(f"{run.repo} {run.range}: {notice}")
    click.echo(terminal_safe(scorecard(evaluation, labels.name, list_errors), lines=True), nl=False)
    if json_file is not None:
        write_files({json_file: json.dumps(to_json(evaluation, str(labels)), indent=2) + "\n"})
    notice_summary(engine_in_use, console)
    console.notice(f"{labelled_files(len(evaluation.judged))} judged in {evaluation.seconds:.1f} s")


def _where(mirrors: Path | None, given: dict[str, str], name: str) -> str:
    if name in given:
        return f"at {given[name]}"
    return f"in {mirrors}" if mirrors else "(give --repo NAME=PATH or --repos DIR)"
