"""The command line: parse options, call the library, print results, turn errors into exit codes.

This package is the only part of insight that prints or exits: ``common`` holds what the
commands share, and each other module one command (or the ``cache`` group).
"""

from __future__ import annotations

import click

from insight import DISTRIBUTION
from insight.cli import cache, classify, init, publish, render, report, run, translations
from insight.cli.common import CONTEXT, InsightGroup, output_options

__all__ = ["cli"]


@click.group(cls=InsightGroup, context_settings=CONTEXT)
@click.version_option(None, "--version", package_name=DISTRIBUTION, prog_name="insight")
@output_options
def cli() -> None:
    """Diff Insight Reports for documentation repositories.

    Turn a range of commits in a docs repository into Markdown reports, per category and
    locale, that tell readers what changed, what is new and what breaks.

    \b
    Example:
      insight report --repo ../azure-ai-docs main~20...main -l en_US -l zh_CN
    """


for command in (
    report.report,
    render.render,
    classify.classify,
    run.run,
    init.init,
    publish.publish,
    cache.cache,
    translations.translations,
):
    cli.add_command(command)
