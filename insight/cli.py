"""The command line: parse options, call the library, print results, turn errors into exit codes.

This is the only module that prints or exits. Results go to stdout; progress and notices
go to stderr (progress only on a terminal); ``--quiet`` silences both.
"""

from __future__ import annotations

import functools
import logging
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from insight import DISTRIBUTION, i18n
from insight.config import ENGINES, Settings, load_settings
from insight.engines.base import Engine
from insight.errors import ConfigError, InsightError
from insight.llm.cache import ReplyCache
from insight.models import CallEstimate
from insight.publish import scaffold, schedule
from insight.report import serialize
from insight.report.classify import classify_diff, to_jsonl, to_table
from insight.report.files import report_files, write_files
from insight.report.pipeline import build_reports, create_engine, estimate_reports, reply_cache_path
from insight.report.render import DEFAULT_TEMPLATE, render_markdown
from insight.source.remote import redact

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
    help="Config file (default: ./insight.toml, or [tool.insight] in ./pyproject.toml).",
)
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


def model_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--model``, ``--overview-model``, ``--concurrency``, ``--cache``, ``--no-cache``,
    ``--batch`` and ``--max-calls``, passed to the command as ``model_flags``."""

    @functools.wraps(command)
    def gathered(*args: Any, **kwargs: Any) -> Any:
        settings = {
            name: kwargs.pop(name) for name in ("model", "overview_model", "concurrency", "cache")
        }
        flags = ModelFlags(
            settings, kwargs.pop("no_cache"), kwargs.pop("batch"), kwargs.pop("max_calls")
        )
        return command(*args, model_flags=flags, **kwargs)

    for option in reversed(
        (
            click.option(
                "--model", "-m", help="Model (on Azure: deployment) of the per-file calls."
            ),
            click.option("--overview-model", help="Model of the overview and summary calls."),
            click.option(
                "--concurrency", type=click.IntRange(1, 64), help="Model calls at once (default 8)."
            ),
            click.option(
                "--cache", type=click.Path(dir_okay=False), help="The reply cache file to use."
            ),
            click.option(
                "--no-cache", is_flag=True, help="Neither read nor write the reply cache."
            ),
            click.option(
                "--batch", is_flag=True, help="Send the per-file calls through the Batch API."
            ),
            click.option(
                "--max-calls",
                type=click.IntRange(0),
                help="Stop before making more calls than this.",
            ),
        )
    ):
        gathered = option(gathered)
    return gathered


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


class Console:
    """What the user asked to see: notices unless quiet, progress only on a terminal."""

    def __init__(self, quiet: bool = False, verbose: bool = False, debug: bool = False) -> None:
        self.quiet, self.verbose, self.debug = quiet, verbose, debug

    def notice(self, message: str) -> None:
        if not self.quiet:
            click.echo(f"insight: {terminal_safe(message)}", err=True)

    def progress(self, message: str) -> None:
        if not self.quiet and sys.stderr.isatty():
            click.echo(f"insight: {terminal_safe(message)}…", err=True)


class _SafeFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return terminal_safe(super().format(record))


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


def _console(ctx: click.Context) -> Console:
    console = Console(
        quiet=ctx.meta.get("insight.quiet", False),
        verbose=ctx.meta.get("insight.verbose", False),
        debug=ctx.meta.get("insight.debug", False),
    )
    level = logging.DEBUG if console.debug else logging.INFO if console.verbose else logging.WARNING
    if not LOG.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(_SafeFormatter("insight: %(message)s"))
        LOG.addHandler(handler)
    for each in LOG.handlers:  # the stderr of this invocation (tests run many in a process)
        if isinstance(each, logging.StreamHandler):
            each.setStream(sys.stderr)
    LOG.setLevel(logging.ERROR if console.quiet else level)
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


@cli.command(context_settings=CONTEXT)
@click.argument("range_spec", metavar="RANGE")
@click.option(
    "--repo", "-r", help="Work tree, bare repository or URL (default: the current directory)."
)
@locale_option
@config_option
@engine_option
@out_option
@click.option(
    "--date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Report date, YYYY-MM-DD (default: the head commit's date).",
)
@click.option(
    "--dry-run", is_flag=True, help="Print the model calls and tokens it would take; call nothing."
)
@model_options
@output_options
@handle_errors
def report(
    range_spec: str,
    repo: str | None,
    locales: tuple[str, ...],
    config_file: Path | None,
    engine: str | None,
    out: Path | None,
    date: Any,
    dry_run: bool,
    model_flags: ModelFlags,
) -> None:
    """Write the reports of a commit range: Markdown and its JSON model, per category x locale.

    RANGE is A...B (from the merge base of A and B to B, like GitHub's compare), A..B
    (A straight to B), or A alone (A...HEAD). The written paths are printed, one per line.

    \b
    Examples:
      insight report HEAD~10
      insight report --repo ~/src/azure-ai-docs v1.0...main -l en_US -l ja_JP --out docs-reports
    """
    console = _console(click.get_current_context())
    flags = {"repo": repo, "locales": locales, "engine": engine, "out": str(out) if out else None}
    settings = load_settings(config_file, {**flags, **model_flags.settings})
    engine_in_use = _engine(settings, model_flags, console)
    if dry_run:
        estimates, notices = estimate_reports(settings, range_spec, engine_in_use)
        for notice in notices:
            console.notice(notice)
        click.echo(_estimate_table(estimates), nl=False)
        return
    outcome = build_reports(
        settings,
        range_spec,
        date=date.date().isoformat() if date else None,
        engine=engine_in_use,
        progress=console.progress,
        max_calls=model_flags.max_calls,
    )
    for notice in outcome.notices:
        console.notice(notice)
    written: list[Path] = []
    if outcome.reports:
        files = report_files(
            outcome.reports, settings.output, Path(settings.out), settings.template
        )
        written = write_files(files)
        for path in written:
            echo_path(path)
    _summary(engine_in_use, console)
    console.notice(outcome.tally.line(_reports(written), Path(settings.out)))


@cli.command(context_settings=CONTEXT)
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
@output_options
@handle_errors
def render(model: Path, output: Path | None, template: str) -> None:
    """Render an insight.report/v1 JSON model as the report's Markdown.

    \b
    Example:
      insight render reports/202505/en_US/report-20250528-openai.json -o report.md
    """
    _console(click.get_current_context())
    markdown = render_markdown(serialize.load(model), template)
    if output is None or str(output) == "-":  # exact bytes down a pipe; no escapes to a terminal
        click.echo(
            terminal_safe(markdown, lines=True) if sys.stdout.isatty() else markdown, nl=False
        )
    else:
        write_files({output: markdown})


@cli.command(context_settings=CONTEXT)
@click.argument("patch", type=click.File("rb"), default="-", metavar="[PATCH|-]")
@click.option(
    "--format",
    "-f",
    "output_format",
    type=click.Choice(["table", "jsonl"]),
    help="Output format (default: table on a terminal, jsonl otherwise).",
)
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
    _console(click.get_current_context())
    settings = load_settings(
        config_file, {"engine": engine, "locales": (locale,) if locale else ()}
    )
    text = patch.read().decode("utf-8", errors="replace")
    results = classify_diff(text, _closed_at_exit(create_engine(settings)), settings.locales[0])
    if not results:
        return
    chosen = output_format or ("table" if sys.stdout.isatty() else "jsonl")
    text = to_table(results) if chosen == "table" else to_jsonl(results)
    click.echo(terminal_safe(text, lines=True), nl=False)


@cli.command(context_settings=CONTEXT)
@config_option
@click.option(
    "--per-day", is_flag=True, help="One report per day that has commits, by the commits' dates."
)
@engine_option
@out_option
@model_options
@output_options
@handle_errors
def run(
    config_file: Path | None,
    per_day: bool,
    engine: str | None,
    out: Path | None,
    model_flags: ModelFlags,
) -> None:
    """The scheduled job: report on everything new upstream since the last run.

    Reads the last reported commit from the state file beside the reports, reports on
    last...head of the configured branch for every category x locale, writes the reports,
    and only then advances the state. The first run starts at 'since' (a commit or a day)
    or 'first_commits' back. Nothing new upstream: a notice, and nothing is written.

    \b
    Example:
      insight run --config insight.toml --per-day
    """
    console = _console(click.get_current_context())
    flags = {"engine": engine, "out": str(out) if out else None}
    settings = load_settings(config_file, {**flags, **model_flags.settings})
    engine_in_use = _engine(settings, model_flags, console)
    outcome = schedule.run(
        settings,
        per_day=per_day,
        engine=engine_in_use,
        progress=console.progress,
        max_calls=model_flags.max_calls,
    )
    for notice in outcome.notices:
        console.notice(notice)
    for path in outcome.written:
        echo_path(path)
    if outcome.state is not None:
        console.notice(f"reported up to {outcome.state.last[:7]} ({outcome.state.date})")
    _summary(engine_in_use, console)
    if outcome.tally is not None:
        console.notice(outcome.tally.line(_reports(outcome.written), Path(settings.out)))


@cli.command(context_settings=CONTEXT)
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False), default=".")
@click.option("--repo", "-r", required=True, help="The docs repository to follow: a URL or a path.")
@click.option(
    "--branch",
    "-b",
    default="HEAD",
    show_default=True,
    help="The branch to follow (HEAD: the default branch).",
)
@locale_option
@click.option(
    "--engine",
    "-e",
    type=click.Choice(ENGINES),
    default="auto",
    show_default=True,
    help="The engine the scheduled job uses.",
)
@click.option(
    "--action",
    "action_ref",
    default=scaffold.ACTION_REF,
    show_default=True,
    help="The GitHub Action the workflow uses.",
)
@click.option("--force", is_flag=True, help="Overwrite existing files.")
@output_options
@handle_errors
def init(
    directory: Path,
    repo: str,
    branch: str,
    locales: tuple[str, ...],
    engine: str,
    action_ref: str,
    force: bool,
) -> None:
    """Write a commented insight.toml and .github/workflows/insight.yml in DIRECTORY.

    The categories of insight.toml are proposed from the folders of the repository that
    changed most over its last 100 commits.

    The workflow runs every day (and on demand): it reports on what is new upstream,
    commits the reports and the state, and publishes the site to GitHub Pages.

    \b
    Example:
      insight init --repo https://github.com/MicrosoftDocs/azure-ai-docs.git -l en_US -l zh_CN
    """
    console = _console(click.get_current_context())
    locales = locales or ("en_US",)
    files = scaffold.init_files(
        directory, repo=repo, branch=branch, locales=locales, engine=engine, action_ref=action_ref
    )
    if not force:
        scaffold.refuse_to_overwrite(files)
    try:  # where to clone and how long to wait: the environment's, else the defaults
        settings = load_settings(overrides={"repo": repo}, directory=directory)
    except ConfigError:  # the file that is being replaced
        settings = Settings()
    console.progress(f"reading {redact(repo)} to propose categories")
    proposed, problem = scaffold.propose_categories(
        repo, branch, Path(settings.cache_dir), settings.git_timeout
    )
    if problem:
        console.notice(problem)
    files = scaffold.init_files(
        directory,
        repo=repo,
        branch=branch,
        locales=locales,
        engine=engine,
        action_ref=action_ref,
        proposed=proposed,
    )
    if redact(repo) != repo:
        console.notice(
            "the credentials in the repository URL were left out of insight.toml; give them "
            "to the job as INSIGHT_REPO from a secret, or through a git credential helper"
        )
    for path in write_files(files):
        echo_path(path)
    console.notice(
        "for the model engine, add OPENAI_API_KEY (or the Azure OpenAI ones) to the secrets"
    )


@cli.command(context_settings=CONTEXT)
@click.argument("reports_dir", required=False, type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--out",
    "-o",
    "site_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Site directory (default: the 'site' setting, site).",
)
@click.option("--base-url", help="The site's public address, for absolute links in its feeds.")
@config_option
@output_options
@handle_errors
def publish(
    reports_dir: Path | None, site_dir: Path | None, base_url: str | None, config_file: Path | None
) -> None:
    """Build the static site of the reports: pages per locale, Atom feeds and index.json.

    REPORTS_DIR defaults to the 'out' setting (reports). Each locale gets a home page of the
    newest reports, an archive by month and by category, a page per report with a language
    switcher, an Atom feed, and a feed per category. Prints the site's index page.

    \b
    Example:
      insight publish reports --out site --base-url https://docs-team.github.io/insight/
    """
    console = _console(click.get_current_context())
    settings = load_settings(config_file, {"site_url": base_url})
    source, target = reports_dir or Path(settings.out), site_dir or Path(settings.site)
    from insight.publish import site  # markdown-it-py and the site's templates: only to publish

    written = site.publish(source, target, settings.site_url)
    pages = sum(1 for path in written if path.suffix == ".html")
    feeds = sum(1 for path in written if path.suffix == ".xml")
    console.notice(f"{pages} pages and {feeds} feeds written to {target}")
    echo_path(target / "index.html")


def _engine(settings: Settings, flags: ModelFlags, console: Console) -> Engine:
    return _closed_at_exit(
        create_engine(
            settings, progress=console.progress, no_cache=flags.no_cache, batch=flags.batch
        )
    )


def _closed_at_exit(engine: Engine) -> Engine:
    """The engine, closed when the command ends, however it ends."""
    click.get_current_context().call_on_close(engine.close)
    return engine


def _summary(engine: Engine, console: Console) -> None:
    line = engine.summary()
    if line:
        console.notice(line)


def _reports(written: list[Path]) -> int:
    return sum(1 for path in written if path.suffix == ".md")


def _estimate_table(estimates: list[CallEstimate]) -> str:
    if not estimates or not any(estimate.calls for estimate in estimates):
        return "no model calls: every file is offline, trivial or cached\n"
    rows = [["model", "calls", "tokens in (est.)", "tokens out (est.)"]]
    rows += [[e.model, f"{e.calls:,}", f"{e.tokens_in:,}", f"{e.tokens_out:,}"] for e in estimates]
    if any(estimate.seconds is not None for estimate in estimates):
        rows[0].append("time at limit")
        for row, estimate in zip(rows[1:], estimates, strict=True):
            row.append(_duration(estimate.seconds))
    widths = [max(len(row[index]) for row in rows) for index in range(len(rows[0]))]
    lines = [
        "  ".join(
            cell.ljust(width) if index == 0 else cell.rjust(width)
            for index, (cell, width) in enumerate(zip(row, widths, strict=True))
        )
        for row in rows
    ]
    return "\n".join(lines) + "\n"


def _duration(seconds: float | None) -> str:
    """``4 min 10 s``, ``under 1 s``; ``unknown`` for a model whose rate limit is not known."""
    if seconds is None:
        return "unknown"
    if seconds < 1:
        return "under 1 s"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest} s" if minutes else f"{rest} s"


@cli.group(context_settings=CONTEXT)
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
    _console(click.get_current_context())
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
    _console(click.get_current_context())
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


@cli.command(context_settings=CONTEXT)
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
@click.option(
    "--format",
    "-f",
    "output_format",
    type=click.Choice(["table", "jsonl"]),
    help="Output format (default: table on a terminal, jsonl otherwise).",
)
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
    config_file: Path | None,
) -> None:
    """List the translations a range left behind its source pages: stale, missing, orphaned.

    RANGE is A...B, A..B or A alone (A...HEAD), as for 'report'; without it, the whole
    history of HEAD. For each source page changed in the range and each language: 'stale'
    (the translation last changed before the source), 'missing' (a page added without a
    translation), 'orphaned' (the page was removed or moved; its translation was not).
    Language trees are found in the repository (docs/{lang}/docs, content/{lang},
    Docusaurus i18n/{lang}, page.{lang}.md) or set in the [translations] table of the config.

    \b
    Examples:
      insight translations --repo ~/src/fastapi HEAD~300..HEAD -l de -l ja
      insight translations v1.0...main --format jsonl
      insight translations HEAD~50 --markdown reports --locale en_US --locale ja_JP
    """
    console = _console(click.get_current_context())
    from insight.report import translations as debt  # jinja2 and the catalogues: only here

    settings = load_settings(config_file, {"repo": repo, "locales": locales})
    check = debt.check_translations(
        settings, range_spec, config_file=config_file, languages=languages
    )
    console.notice(
        f"{len(check.items)} translations behind ({', '.join(check.languages)}); "
        f"{check.sources_changed} source pages changed"
    )
    if markdown_dir is not None:
        files = debt.translation_reports(check, settings.locales, markdown_dir)
        for path in write_files(files):
            click.echo(str(path))
    elif check.items:
        chosen = output_format or ("table" if sys.stdout.isatty() else "jsonl")
        table = chosen == "table"
        click.echo(debt.to_table(check.items) if table else debt.to_jsonl(check.items), nl=False)
