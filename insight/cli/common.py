"""What the commands share: option bundles, the console, one-line errors, safe output.

Results go to stdout; progress and notices go to stderr (progress only on a terminal);
``--quiet`` silences both.
"""

from __future__ import annotations

import functools
import gc
import logging
import re
import shutil
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from insight import i18n
from insight.config import ENGINES, Settings
from insight.engines.base import Engine
from insight.errors import InsightError
from insight.models import Step

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
LOG = logging.getLogger("insight")
# C0 and C1 controls (but tab and newline), DEL, and the bidirectional overrides
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str, lines: bool = False) -> str:
    """Text that cannot drive a terminal: control characters become ``\\u001b`` escapes
    (valid in JSON strings too); newlines too, unless ``lines`` (multi-line output)."""
    escaped = _UNPRINTABLE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
    return escaped if lines else escaped.replace("\n", "\\n")


def echo_path(path: Path | str) -> None:
    click.echo(terminal_safe(str(path)))


class InsightGroup(click.Group):
    """click's group, with its usage errors in one line: the error and where help is."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        # A run makes millions of objects and hardly any reference cycle: look for cycles
        # rarely (as mypy does); every full look walks all the objects alive.
        gc.set_threshold(200_000, 30, 30)
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except click.UsageError as error:
            where = error.ctx.command_path if error.ctx else "insight"
            message = terminal_safe(error.format_message())
            click.echo(f"Error: {message} Try '{where} --help'.", err=True)
            sys.exit(error.exit_code)
        except click.ClickException as error:
            click.echo(f"Error: {terminal_safe(error.format_message())}", err=True)
            sys.exit(error.exit_code)
        except click.Abort:  # Ctrl-C before a command ran (click's own prompts are unused)
            click.echo("insight: interrupted", err=True)
            sys.exit(130)
        sys.exit(code if isinstance(code, int) else 0)


config_option = click.option(
    "--config",
    "-c",
    "config_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Config file (default: insight.toml, or [tool.insight] in pyproject.toml, here or in a "
    "folder above, up to the repository's root).",
)
format_option = click.option(
    "--format",
    "-f",
    "output_format",
    type=click.Choice(["table", "jsonl"]),
    help="Output format (default: table on a terminal, jsonl otherwise).",
)


def chosen_format(output_format: str | None) -> str:
    """The format asked for, else a table for a person and JSON Lines for a program."""
    return output_format or ("table" if sys.stdout.isatty() else "jsonl")


engine_option = click.option(
    "--engine",
    "-e",
    type=click.Choice(ENGINES),
    help="How files are classified and described (default: auto, the model when credentials "
    "are set, else heuristic, which is offline).",
)
out_option = click.option(
    "--out",
    "-o",
    "out",
    type=click.Path(path_type=Path, file_okay=False),
    help="Output directory (default: reports).",
)


@dataclass(frozen=True)
class ModelFlags:
    """The model options of ``report`` and ``run``, gathered into one value."""

    settings: dict[str, Any]
    no_cache: bool
    batch: bool
    max_calls: int | None


def model_options(*, max_calls: bool = True) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--model``, ``--overview-model``, ``--concurrency``, ``--cache``, ``--no-cache``,
    ``--batch`` and (unless ``max_calls`` is false) ``--max-calls``, passed to the command
    as ``model_flags``."""
    options = [
        click.option("--model", "-m", help="Model (on Azure: deployment) of the per-file calls."),
        click.option("--overview-model", help="Model of the overview and summary calls."),
        click.option(
            "--concurrency", type=click.IntRange(1, 64), help="Model calls at once (default 8)."
        ),
        click.option(
            "--cache", type=click.Path(dir_okay=False), help="The reply cache file to use."
        ),
        click.option("--no-cache", is_flag=True, help="Neither read nor write the reply cache."),
        click.option(
            "--batch", is_flag=True, help="Send the per-file calls through the Batch API."
        ),
    ]
    if max_calls:
        options.append(
            click.option(
                "--max-calls",
                type=click.IntRange(0),
                help="Stop before making more calls than this.",
            )
        )

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(command)
        def gathered(*args: Any, **kwargs: Any) -> Any:
            settings = {
                name: kwargs.pop(name)
                for name in ("model", "overview_model", "concurrency", "cache")
            }
            flags = ModelFlags(
                settings, kwargs.pop("no_cache"), kwargs.pop("batch"), kwargs.pop("max_calls", None)
            )
            return command(*args, model_flags=flags, **kwargs)

        for option in reversed(options):
            gathered = option(gathered)
        return gathered

    return decorate


locale_option = click.option(
    "--locale",
    "-l",
    "locales",
    multiple=True,
    help=f"Report locale, one of {', '.join(i18n.supported_locales())}; repeat for several "
    "(default: en_US).",
)


class InsightFailure(click.ClickException):
    """An ``InsightError`` as click shows it: one line on stderr and the error's exit code."""

    def __init__(self, error: InsightError) -> None:
        super().__init__(terminal_safe(str(error)))
        self.exit_code = error.exit_code  # type: ignore[misc]  # click reads it per instance


_CLEAR_LINE = "\r\x1b[K"
PLAIN_STEPS = 10
"""Without a terminal, counted work is reported this many times (each tenth), no more."""
PLAIN_MINIMUM = 50
"""Without a terminal, counted work this short is not reported."""


class Console:
    """What the user asked to see: notices unless quiet, and progress.

    On a terminal, progress is one line that updates in place: the phase, or the counted
    work (done/total, rate, time left) with any wait for the rate limit. Elsewhere (a CI
    log), long counted work is a plain line at each tenth of it; phases are not shown.
    """

    def __init__(self, quiet: bool = False, verbose: bool = False, debug: bool = False) -> None:
        self.quiet, self.verbose, self.debug = quiet, verbose, debug
        self.terminal = sys.stderr.isatty()
        self._shown = False
        self._step: Step | None = None
        self._starts: dict[str, tuple[float, int]] = {}
        self._tenths: dict[str, int] = {}

    def notice(self, message: str) -> None:
        if not self.quiet:
            self.end()
            click.echo(f"insight: {terminal_safe(message)}", err=True)

    def progress(self, update: str | Step) -> None:
        if self.quiet:
            return
        if isinstance(update, Step):
            self._starts.setdefault(update.label, (time.monotonic(), update.done))
            if self.terminal:
                self._step = update
                self._show(self._step_text(update))
            elif self._plain_due(update):
                click.echo(f"insight: {self._step_text(update)}", err=True)
        elif self.terminal:
            waiting = self._step is not None and update.startswith("waiting")
            if not waiting:
                self._step = None
            self._show(f"{self._step_text(self._step)}, {update}" if waiting else update)

    def end(self) -> None:
        """Clear the progress line, so that what follows starts on a line of its own."""
        if self._shown:
            click.echo(_CLEAR_LINE, nl=False, err=True, color=True)
            self._shown = False

    def _show(self, text: str) -> None:
        width = shutil.get_terminal_size().columns - 1
        line = f"insight: {terminal_safe(text)}…"
        click.echo(f"{_CLEAR_LINE}{line[:width]}", nl=False, err=True, color=True)
        self._shown = True

    def _plain_due(self, step: Step) -> bool:
        if step.total < PLAIN_MINIMUM:
            return False
        tenth = step.done * PLAIN_STEPS // max(step.total, 1)
        if step.done < step.total and tenth <= self._tenths.get(step.label, 0):
            return False
        self._tenths[step.label] = tenth
        return True

    def _step_text(self, step: Step | None) -> str:
        """``model files 120/2,044, 3.1/s, about 10 min left``."""
        if step is None:
            return ""
        text = f"{step.label} {step.done:,}/{step.total:,}"
        started, first = self._starts.get(step.label, (time.monotonic(), step.done))
        elapsed, done = time.monotonic() - started, step.done - first
        if elapsed >= 1 and done > 0 and step.done < step.total:
            rate = done / elapsed
            left = _duration((step.total - step.done) / rate)
            text += f", {rate:.1f}/s, about {left} left"
        return text


def _duration(seconds: float) -> str:
    """``40 s``, ``12 min``, ``2 h 5 min``."""
    if seconds < 90:
        return f"{max(1, round(seconds))} s"
    minutes = round(seconds / 60)
    return f"{minutes} min" if minutes < 120 else f"{minutes // 60} h {minutes % 60} min"


class _SafeFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return terminal_safe(super().format(record))


class _ConsoleHandler(logging.StreamHandler):
    """The log on stderr, each record on a line of its own below the progress line."""

    console: Console | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self.console is not None:
            self.console.end()
        super().emit(record)


def _set_output_flags(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
    if value:
        ctx.meta[f"insight.{param.name}"] = True
    return value


def output_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``-q``, ``-v`` and ``--debug``, accepted before or after the command name."""
    for name, short, help_text in (
        ("debug", None, "Show tracebacks on errors."),
        ("verbose", "-v", "Say more about what is done."),
        ("quiet", "-q", "No progress or notices; errors only."),
    ):
        declarations = [f"--{name}"] + ([short] if short else [])
        command = click.option(
            *declarations,
            is_flag=True,
            expose_value=False,
            is_eager=True,
            callback=_set_output_flags,
            help=help_text,
        )(command)
    return command


def make_console(ctx: click.Context) -> Console:
    """The console the output flags ask for, with the ``insight`` log set to match."""
    console = Console(
        quiet=ctx.meta.get("insight.quiet", False),
        verbose=ctx.meta.get("insight.verbose", False),
        debug=ctx.meta.get("insight.debug", False),
    )
    level = logging.DEBUG if console.debug else logging.INFO if console.verbose else logging.WARNING
    if not LOG.handlers:
        handler = _ConsoleHandler()
        handler.setFormatter(_SafeFormatter("insight: %(message)s"))
        LOG.addHandler(handler)
    for each in LOG.handlers:  # the stderr of this invocation (tests run many in a process)
        if isinstance(each, logging.StreamHandler):
            each.setStream(sys.stderr)
        if isinstance(each, _ConsoleHandler):
            each.console = console
    LOG.setLevel(logging.ERROR if console.quiet else level)
    ctx.call_on_close(console.end)
    return console


def handle_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Domain errors become one line and an exit code; a traceback only with ``--debug``."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        ctx = click.get_current_context()
        try:
            return command(*args, **kwargs)
        except InsightError as error:
            if ctx.meta.get("insight.debug"):
                raise
            raise InsightFailure(error) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except KeyboardInterrupt:
            click.echo("insight: interrupted", err=True)
            ctx.exit(130)
        except Exception as error:
            if ctx.meta.get("insight.debug"):
                raise
            message = terminal_safe(f"internal error: {type(error).__name__}: {error}")
            raise click.ClickException(f"{message} (run with --debug for the traceback)") from None

    return wrapper


def engine_for(settings: Settings, flags: ModelFlags, console: Console) -> Engine:
    """The engine the settings and model flags ask for, closed when the command ends."""
    from insight.report.pipeline import create_engine  # the analysis: only where it runs

    return closed_at_exit(
        create_engine(
            settings, progress=console.progress, no_cache=flags.no_cache, batch=flags.batch
        )
    )


def closed_at_exit(engine: Engine) -> Engine:
    """The engine, closed when the command ends, however it ends."""
    click.get_current_context().call_on_close(engine.close)
    return engine


def notice_summary(engine: Engine, console: Console) -> None:
    """The engine's lines on what its model work cost and what failed, if it has a model."""
    for line in (engine.summary() or "").splitlines():
        console.notice(line)


def count_reports(written: list[Path]) -> int:
    """The reports among the written files (their JSON models are not counted)."""
    return sum(1 for path in written if path.suffix == ".md")
