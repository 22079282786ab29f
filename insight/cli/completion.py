"""The completion command: the shell code that completes insight's commands and options."""

from __future__ import annotations

import click
from click.shell_completion import get_completion_class

from insight.cli.common import CONTEXT, handle_errors, output_options

SHELLS = ("bash", "zsh", "fish")


@click.command(context_settings=CONTEXT)
@click.argument("shell", type=click.Choice(SHELLS))
@output_options
@handle_errors
def completion(shell: str) -> None:
    """Print the code that makes SHELL complete insight's commands, options and choices.

    \b
    Examples:
      eval "$(insight completion bash)"     # in ~/.bashrc
      eval "$(insight completion zsh)"      # in ~/.zshrc
      insight completion fish > ~/.config/fish/completions/insight.fish
    """
    from insight.cli import cli

    completer = get_completion_class(shell)
    assert completer is not None  # click knows every shell of SHELLS
    click.echo(completer(cli, {}, "insight", "_INSIGHT_COMPLETE").source())
