"""A pull request's insight as one comment: what it changes in the docs, for its reviewers.

Counts by type; per type, each file with its title and the published page's address (the
minor updates, and any list longer than ``OPEN_ROWS``, collapsed); what moved where; the
translations the pull request leaves behind. A hidden marker lets the next run find the
comment and update it in place.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from insight import escape, i18n
from insight.config import Settings
from insight.engines.base import Engine
from insight.models import BREAKING, CHANGE_TYPES, MINOR, NEW_FEATURE, ReportItem
from insight.report.pipeline import Outcome, Progress, build_reports
from insight.report.render import basename, link_target
from insight.source import repository
from insight.source.languages import Layout
from insight.source.translations import NoTranslations, TranslationDebt, translation_debt

MARKER = "<!-- insight:pull-request-insight -->"
OPEN_ROWS = 10
"""A list of more rows than this is collapsed (the minor updates always are)."""
MAX_ROWS = 300
"""Rows listed per type at most; the comment says how many more there are."""
_KEYS = {BREAKING: "breaking", NEW_FEATURE: "new", MINOR: "minor"}


@dataclass(frozen=True)
class PullRequestInsight:
    body: str
    """The comment's Markdown, marker included."""
    outcome: Outcome
    """The reports it was made from, for the counts of the job's outputs."""


def pull_request_insight(
    settings: Settings,
    range_spec: str,
    *,
    engine: Engine,
    layouts: Sequence[Layout] | None = None,
    progress: Progress | None = None,
    home: str = "",
) -> PullRequestInsight:
    """The comment on the range of a pull request, in the first configured locale.

    ``layouts`` are the config's translation layouts (None: those found in the repository).
    """
    locale = settings.locales[0]
    one_locale = replace(settings, locales=(locale,))
    outcome = build_reports(one_locale, range_spec, engine=engine, progress=progress)
    items = [item for report in outcome.reports for item in report.items]
    permalink = outcome.reports[0].permalink if outcome.reports else ""
    with repository.open_repository(
        settings.repo, Path(settings.cache_dir), settings.git_timeout
    ) as repo:
        commit_range = repository.resolve_range(repo, range_spec)
        try:
            behind = list(translation_debt(repo, range_spec, layouts).items)
        except NoTranslations:
            if layouts:
                raise
            behind = []
    label = f"{commit_range.base[:7]}...{commit_range.head[:7]}"
    body = comment_markdown(items, locale, label, permalink, behind, home)
    return PullRequestInsight(body, outcome)


def comment_markdown(
    items: Sequence[ReportItem],
    locale: str,
    label: str,
    permalink: str,
    behind: Sequence[TranslationDebt],
    home: str = "",
) -> str:
    """The comment: a pure function of the items, so that the same change gives the same text."""
    messages = i18n.catalogue(locale)
    lines = [MARKER, f"## {messages.text('comment.heading')}", ""]
    link = link_target(permalink) if permalink else "#"
    compare = f"[`{label}`]({link})" if link != "#" else f"`{label}`"
    if not items:
        lines += [messages.text("comment.nothing", range=compare), ""]
    else:
        counts = {
            key: messages.plural(f"count.{key}", sum(item.type == kind for item in items))
            for kind, key in _KEYS.items()
        }
        files = messages.plural("count.files", len(items))
        lines += [messages.text("comment.counts", files=files, range=compare, **counts), ""]
        for kind in CHANGE_TYPES:
            chosen = [item for item in items if item.type == kind]
            if chosen:
                lines += _section(chosen, kind, messages)
        lines += _moves(items, messages)
    lines += _translations(behind, messages)
    if home:
        lines.append(f"<sub>{messages.text('comment.footer', url=link_target(home))}</sub>")
    return "\n".join(lines).rstrip("\n") + "\n"


def _section(items: Sequence[ReportItem], kind: str, messages: i18n.Catalogue) -> list[str]:
    heading = f"{messages.text(f'site.type_{_KEYS[kind]}')} ({len(items)})"
    columns = [messages.text(f"comment.{name}") for name in ("file", "title", "page")]
    rows = [
        f"| {' | '.join(columns)} |",
        "|---|---|---|",
        *(_row(item) for item in items[:MAX_ROWS]),
    ]
    if len(items) > MAX_ROWS:
        rows.append("")
        rows.append(messages.text("overview.more", count=len(items) - MAX_ROWS))
    if kind == MINOR or len(items) > OPEN_ROWS:
        return [
            "<details>",
            f"<summary>{escape.inline(heading)}</summary>",
            "",
            *rows,
            "",
            "</details>",
            "",
        ]
    return [f"### {heading}", "", *rows, ""]


def _row(item: ReportItem) -> str:
    path = escape.cell(escape.code_span(item.path))
    if item.old_path:
        path = f"{escape.cell(escape.code_span(item.old_path))} → {path}"
    page = ""
    if item.url and item.status != "removed":
        page = f"[{escape.cell(item.page_title or basename(item.path))}]({link_target(item.url)})"
    return f"| {path} | {escape.cell(item.title)} | {page} |"


def _moves(items: Sequence[ReportItem], messages: i18n.Catalogue) -> list[str]:
    moved = [
        item for item in items if item.old_path or (item.status == "removed" and item.redirect)
    ]
    if not moved:
        return []
    lines = [f"### {messages.text('comment.moved')}", ""]
    for item in moved[:MAX_ROWS]:
        old = escape.code_span(item.old_path or item.path)
        new = escape.code_span(item.path) if item.old_path else "—"
        if item.redirect:
            line = messages.text(
                "comment.moved_redirected", old=old, new=new, redirect=link_target(item.redirect)
            )
        else:
            line = messages.text("comment.moved_broken", old=old, new=new)
        lines.append(f"- {line}")
    return [*lines, ""]


def _translations(behind: Sequence[TranslationDebt], messages: i18n.Catalogue) -> list[str]:
    if not behind:
        return []
    lines = [
        "<details>",
        f"<summary>{escape.inline(messages.text('comment.stale', count=len(behind)))}</summary>",
        "",
    ]
    for debt in behind[:MAX_ROWS]:
        values: Mapping[str, str] = {
            "translation": escape.code_span(debt.translation),
            "source": escape.code_span(debt.source),
            "language": escape.inline(debt.language),
        }
        lines.append(f"- {messages.text(f'comment.state_{debt.state}', **values)}")
    if len(behind) > MAX_ROWS:
        lines.append(f"- {messages.text('overview.more', count=len(behind) - MAX_ROWS)}")
    return [*lines, "", "</details>", ""]
