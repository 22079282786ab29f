"""Translation debt for people: a table, JSON Lines, and a Markdown report per language.

``translation_reports`` gives the Markdown reports of a check as ``{path: text}``, ready for
``write_files``; the publisher and the scheduler can call it beside ``report_files``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date as Date
from functools import lru_cache
from pathlib import Path

import jinja2
import yaml

from insight import escape, i18n
from insight.config import Settings
from insight.report.columns import aligned
from insight.resources import resource_dir, template_environment
from insight.source.repository import open_repository
from insight.source.translations import (
    STATES,
    TranslationCheck,
    TranslationDebt,
    translation_debt,
)

TEMPLATE = "translations.md.j2"
OUTPUT = "%Y%m/{locale}/translations-%Y%m%d-{language}.md"
"""Where each report goes under the output directory, beside the Diff Insight Reports."""

TABLE_COLUMNS = ("language", "state", "behind", "source_changed", "translated", "source")
_BACKTICKS = re.compile(r"`+")


def check_translations(
    settings: Settings, range_spec: str | None, *, languages: Sequence[str] = ()
) -> TranslationCheck:
    """The translation debt of ``range_spec`` (None: all history) in the configured repo, with
    the layout of the settings' ``[translations]`` table (or the one found)."""
    with open_repository(settings.repo, Path(settings.cache_dir), settings.git_timeout) as repo:
        return translation_debt(repo, range_spec, settings.translations, languages)


def to_jsonl(items: Sequence[TranslationDebt]) -> str:
    return "".join(json.dumps(item.to_dict(), ensure_ascii=False) + "\n" for item in items)


def to_table(items: Sequence[TranslationDebt]) -> str:
    """Aligned columns for a terminal; the source (and where its translation is) last."""
    rows = [
        (
            item.language,
            item.state,
            str(item.commits_behind),
            item.source_changed,
            item.translation_changed or "-",
            _source_cell(item),
        )
        for item in items
    ]
    return aligned(TABLE_COLUMNS, rows)


def _source_cell(item: TranslationDebt) -> str:
    if item.state == "orphaned":
        where = f" (moved to {item.moved_to})" if item.moved_to else " (removed)"
        return f"{item.source}{where} -> {item.translation}"
    return f"{item.source} -> {item.translation}"


@dataclass(frozen=True)
class _Page:
    """What one language's report shows, every text already in the report's locale."""

    front_matter: str
    permalink: str | None
    range_line: str
    layout_line: str
    summary: str
    stale: list[TranslationDebt]
    missing: list[TranslationDebt]
    orphaned: list[TranslationDebt]


def render_translations(check: TranslationCheck, language: str, locale: str) -> str:
    """The Markdown report of one language's debt, in ``locale``."""
    catalogue = i18n.catalogue(locale)
    items = check.for_language(language)
    by_state = {state: [item for item in items if item.state == state] for state in STATES}
    summary = _summary(check, language, catalogue, by_state)
    title = catalogue.text("translations.title", language=language)
    metadata = {"title": f"[{locale}] {title}", "locale": locale, "date": check.date}
    metadata["summary"] = summary
    if check.permalink:
        metadata["permalink"] = check.permalink
    front_matter = yaml.safe_dump(
        metadata, allow_unicode=True, default_flow_style=False, sort_keys=True
    )
    link = check.permalink if (check.permalink or "").startswith(("https://", "http://")) else None
    page = _Page(
        front_matter=front_matter,
        permalink=link,
        range_line=_range_line(check, catalogue),
        layout_line=_layout_line(check, language, catalogue),
        summary=summary,
        stale=by_state["stale"],
        missing=by_state["missing"],
        orphaned=by_state["orphaned"],
    )
    return _template().render(page=page, text=catalogue.table("translations"))


def _summary(
    check: TranslationCheck,
    language: str,
    catalogue: i18n.Catalogue,
    by_state: Mapping[str, list[TranslationDebt]],
) -> str:
    pages = catalogue.plural("translations.pages", check.sources_changed)
    behind = sum(len(items) for items in by_state.values())
    if behind:
        counts = {
            state: catalogue.plural(f"translations.{state}", len(by_state[state]))
            for state in STATES
        }
        return catalogue.text(
            "translations.summary",
            language=language,
            behind=catalogue.plural("translations.behind", behind),
            **counts,
        )
    if check.sources_changed:
        return catalogue.text("translations.up_to_date", language=language, pages=pages)
    return catalogue.text("translations.no_changes")


def _range_line(check: TranslationCheck, catalogue: i18n.Catalogue) -> str:
    pages = catalogue.plural("translations.pages", check.sources_changed)
    if check.label is None:
        head = inline_code(check.head[:7])
        return catalogue.text("translations.history", head=head, date=check.date, pages=pages)
    shown = inline_code(check.label)
    return catalogue.text("translations.range", range=shown, date=check.date, pages=pages)


def _layout_line(check: TranslationCheck, language: str, catalogue: i18n.Catalogue) -> str:
    lines = []
    for layout in check.layouts:
        if language not in layout.languages:
            continue
        if layout.by_suffix:
            example = inline_code(layout.translation("page.md", language))
            lines.append(catalogue.text("translations.layout_suffix", example=example))
        else:
            lines.append(
                catalogue.text(
                    "translations.layout_folder",
                    source=inline_code(layout.source or "/"),
                    language=language,
                    target=inline_code(layout.pattern.format(lang=language)),
                )
            )
    return catalogue.sentences(lines)


def translation_reports(
    check: TranslationCheck, locales: Sequence[str], out_dir: Path, pattern: str = OUTPUT
) -> dict[Path, str]:
    """The Markdown report of every language of ``check`` that is behind (a stale, missing
    or orphaned translation), in every locale, by path; a language up to date gets none."""
    day = Date.fromisoformat(check.date)
    behind = sorted({item.language for item in check.items})
    files: dict[Path, str] = {}
    for locale in locales:
        for language in behind:
            relative = day.strftime(pattern).format(locale=locale, language=language)
            files[out_dir / relative] = render_translations(check, language, locale)
    return files


def inline_code(text: str) -> str:
    """``text`` as a Markdown code span, whatever backticks it holds, on one line."""
    flat = " ".join(text.splitlines())
    marks = "`" * (max((len(run) for run in _BACKTICKS.findall(flat)), default=0) + 1)
    padding = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{marks}{padding}{flat}{padding}{marks}"


@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    environment = template_environment(resource_dir("templates"))
    environment.filters.update(code=inline_code, cell=escape.cell)
    return environment.get_template(TEMPLATE)
