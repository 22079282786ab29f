"""The cache commands: look at or empty the cache of model replies."""

from __future__ import annotations

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
from insight.llm.cache import ReplyCache
from insight.report.pipeline import reply_cache_path


@click.group(context_settings=CONTEXT)
@output_options
def cache() -> None:
    """Look at or empty the cache of model replies.

    \b
    Example:
      insight cache stats
    """


cache_file_option = click.option(
    "--cache",
    "cache_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The cache file (default: the 'cache' setting).",
)


@cache.command(context_settings=CONTEXT)
@cache_file_option
@config_option
@output_options
@handle_errors
def stats(cache_file: Path | None, config_file: Path | None) -> None:
    """Where the reply cache is, how many replies it holds by kind, and its size.

    \b
    Example:
      insight cache stats --cache ~/.cache/insight/llm-cache.sqlite3
    """
    make_console(click.get_current_context())
    reply_cache = _existing_cache(cache_file, config_file)
    if reply_cache is None:
        return
    numbers = reply_cache.stats()
    reply_cache.close()
    kinds = ", ".join(f"{count} {kind}" for kind, count in numbers["by_kind"].items()) or "none"
    size = f"{numbers['batches']} batches, {numbers['bytes']:,} bytes"
    click.echo(terminal_safe(f"{numbers['path']}: {numbers['entries']} replies ({kinds}), {size}"))


@cache.command(context_settings=CONTEXT)
@cache_file_option
@config_option
@output_options
@handle_errors
def clear(cache_file: Path | None, config_file: Path | None) -> None:
    """Forget every cached model reply (the next run calls the model again).

    \b
    Example:
      insight cache clear
    """
    make_console(click.get_current_context())
    reply_cache = _existing_cache(cache_file, config_file)
    if reply_cache is None:
        return
    count = reply_cache.clear()
    reply_cache.close()
    click.echo(terminal_safe(f"{reply_cache.path}: {count} replies removed"))


def _existing_cache(cache_file: Path | None, config_file: Path | None) -> ReplyCache | None:
    """The cache the options point at, or None (and a line saying so) when there is none yet."""
    path = cache_file or reply_cache_path(load_settings(config_file))
    if not path.exists():
        click.echo(terminal_safe(f"{path}: no cache yet"))
        return None
    return ReplyCache(path)
