"""The command line: parse options, call the library, print results, turn errors into exit codes.

This package is the only part of insight that prints or exits: ``common`` holds what the
commands share, and each other module one command (or the ``cache`` group). A command's
module is imported when the command runs (or help lists it), so each starts with only what
it needs.
"""

from __future__ import annotations

import difflib
import importlib
import textwrap

import click

from insight import DISTRIBUTION
from insight.cli.common import CONTEXT, InsightGroup, output_options
from insight.config import ENV_PREFIX, environment_keys

__all__ = ["cli"]

COMMANDS = (
    "cache",
    "classify",
    "comment",
    "completion",
    "eval",
    "init",
    "override",
    "publish",
    "render",
    "report",
    "run",
    "translations",
)
"""Each command, defined by the function of that name in the module of that name."""


class _Commands(InsightGroup):
    """The commands of ``COMMANDS``, each imported when it is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        command: click.Command = getattr(
            importlib.import_module(f"insight.cli.{cmd_name}"), cmd_name
        )
        return command

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        if name and name not in COMMANDS and not name.startswith("-"):
            close = difflib.get_close_matches(name, COMMANDS)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            raise click.UsageError(f"No such command {name!r}.{hint}", ctx)
        return super().resolve_command(ctx, args)


def _epilog() -> str:
    """The environment variables insight reads, and shell completion, for ``--help``."""
    names = ", ".join(ENV_PREFIX + key.upper() for key in environment_keys())
    paragraphs = [
        f"{names}: the config key of the same name (flags win over them, they over the file).",
        "OPENAI_API_KEY, OPENAI_BASE_URL; or AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_API_KEY, "
        "OPENAI_API_VERSION: the model service.",
        "GITHUB_API_URL, GITHUB_REPOSITORY, GITHUB_TOKEN: insight comment. GITHUB_OUTPUT, "
        "GITHUB_STEP_SUMMARY: the outputs and summary of a job, written when set.",
    ]
    wrapped = "\n".join(
        textwrap.fill(text, 94, initial_indent="  ", subsequent_indent="    ")
        for text in paragraphs
    )
    return (
        f"\b\nEnvironment:\n{wrapped}\n\n"
        'Shell completion: eval "$(insight completion bash)" (or zsh, fish).'
    )


@click.group(cls=_Commands, context_settings=CONTEXT, epilog=_epilog())
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
