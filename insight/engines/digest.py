"""The offline engine's overview: highlights, lists and insights written from the themes.

Each list names what changed, biggest first, one bullet per theme (never the same text
twice, at most ``MAX_BULLETS``); the highlights name the biggest change the engine is sure of
(``themes.leads``: confident, and news rather than upkeep), as do the summary and the
insights' first sentences; a breaking change it is unsure of is listed, never headlined. The
insights also say where the activity is (by pages and lines of documentation, not by media
files) and what was removed or moved and where it went.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Sequence

from insight import escape, i18n
from insight.analysis.site.kinds import is_document
from insight.engines.copies import as_copies
from insight.engines.overview import OverviewText, overview_markdown
from insight.engines.themes import Theme, leading, themes
from insight.models import BREAKING, MINOR, NEW_FEATURE, Overview, ReportItem, anchor

MAX_BULLETS = 8
MAX_NAMED_FILES = 2
MAX_NAMED_FOLDERS = 5
MAX_INSIGHT_THEMES = 3
REORGANISATION = 5
"""From this many pages moved between folders, the highlights call the range a reorganisation."""
FOLDER_KEYS = ("old", "new", "folder")


def compose_overview(
    category: str, items: Sequence[ReportItem], messages: i18n.Catalogue
) -> Overview:
    """Highlights, the three lists and a few insights, from the themes of the items."""
    found = themes(items)
    counts = {
        "files": messages.plural("count.files", len(items)),
        **{
            key: messages.plural(f"count.{key}", sum(item.type == kind for item in items))
            for kind, key in ((BREAKING, "breaking"), (NEW_FEATURE, "new"), (MINOR, "minor"))
        },
    }
    highlights = [messages.text("overview.highlights", category=category, **counts)]
    moved = [theme for kind in found.values() for theme in kind if theme.kind == "moved"]
    moved_pages = [item for theme in moved if theme.detail["pages"] for item in theme.items]
    if len(moved_pages) >= REORGANISATION:
        highlights.append(
            messages.text(
                "overview.lead_reorganised",
                pages=messages.plural("count.pages", len(moved_pages)),
                redirected=sum(1 for item in moved_pages if item.redirect),
                added=sum(1 for item in items if item.status == "added" and is_document(item.path)),
            )
        )
    lead = leading(found[BREAKING]) or leading(found[NEW_FEATURE])
    if lead:
        highlights.append(messages.text("overview.lead", what=_phrase(lead[0], messages)))
    text = OverviewText(
        highlights=messages.sentences(highlights),
        new_features=_bullets(found[NEW_FEATURE], messages),
        breaking_changes=_bullets(found[BREAKING], messages),
        other_updates=_bullets(found[MINOR], messages),
        insights=_insights(items, found, messages),
    )
    return Overview(
        overview=overview_markdown(text, messages.locale),
        summary=_summary(category, found, counts, messages),
    )


def found_items(found: Sequence[Theme]) -> list[ReportItem]:
    return [item for theme in found for item in theme.items]


def _phrase(theme: Theme, messages: i18n.Catalogue) -> str:
    """What changed, in a few words: the theme's own phrase, or its first file's title."""
    if theme.kind in ("moved", "removed", "added"):
        noun = "count.pages" if theme.detail["pages"] else "count.files"
        folders = {
            key: theme.detail[key] for key in ("old", "new", "folder") if key in theme.detail
        }
        return messages.text(
            f"overview.theme_{theme.kind}",
            pages=messages.plural(noun, len(theme.items)),
            **folders,
        )
    return theme.items[0].title


def _unmarked(theme: Theme, messages: i18n.Catalogue) -> str:
    """The phrase as plain text, for the summary (front matter is not Markdown)."""
    return _phrase(theme, messages).replace("`", "")


def _where(theme: Theme, messages: i18n.Catalogue) -> str:
    """The files of a bullet, or for moved and removed pages, whether redirects lead on, or
    for copies of one change, the folders it was made in."""
    group = as_copies(theme.items) if theme.kind == "copies" else None
    if group is not None:  # still copies with the themes of the same words merged in
        named = [escape.code_span(folder) for folder in group.folders[:MAX_NAMED_FOLDERS]]
        names = messages.join(named)
        if len(group.folders) > MAX_NAMED_FOLDERS:
            names = messages.text("report.more", names=names, count=len(group.folders) - len(named))
        return messages.text(f"overview.copies_{group.kind}", count=len(group.folders), names=names)
    if theme.kind in ("moved", "removed") and theme.detail["pages"]:
        redirected, total = theme.detail["redirected"], len(theme.items)
        if redirected == total:
            return messages.text("overview.redirects_all")
        if redirected == 0:
            return messages.text("overview.redirects_none")
        return messages.text("overview.redirects_some", count=redirected, total=total)
    return _files(theme.items, messages)


def _bullets(found: Sequence[Theme], messages: i18n.Catalogue) -> list[str]:
    """One bullet per theme, biggest first; themes with the same words share one."""
    merged: dict[str, list[Theme]] = {}
    for theme in found:
        merged.setdefault(_phrase(theme, messages), []).append(theme)
    bullets = []
    for phrase, group in list(merged.items())[:MAX_BULLETS]:
        combined = Theme(group[0].kind, group[0].type, tuple(found_items(group)), group[0].detail)
        bullets.append(
            messages.text(
                "overview.item",
                title=escape.inline(phrase),
                anchor=anchor(combined.items[0].path),
                files=_where(combined, messages),
            )
        )
    hidden = sum(len(found_items(group)) for group in list(merged.values())[MAX_BULLETS:])
    if hidden:
        bullets.append(messages.text("overview.more", count=hidden))
    return bullets


def _files(items: Sequence[ReportItem], messages: i18n.Catalogue) -> str:
    names = messages.join([escape.code_span(item.path) for item in items[:MAX_NAMED_FILES]])
    if len(items) <= MAX_NAMED_FILES:
        return names
    return messages.text(
        "overview.more_files", names=names, count=len(items) - MAX_NAMED_FILES, total=len(items)
    )


def _insights(
    items: Sequence[ReportItem], found: dict[str, list[Theme]], messages: i18n.Catalogue
) -> str:
    sentences = []
    for kind, key in (
        (BREAKING, "overview.insight_breaking"),
        (NEW_FEATURE, "overview.insight_new"),
    ):
        lead = leading(found[kind])
        if lead:
            phrases = list(dict.fromkeys(_phrase(theme, messages) for theme in lead))
            sentences.append(messages.text(key, list=messages.join(phrases[:MAX_INSIGHT_THEMES])))
    gone = [item for item in items if item.status in ("removed", "renamed")]
    redirected = [item for item in gone if item.redirect]
    if redirected:
        example = redirected[0]
        sentences.append(
            messages.text(
                "overview.insight_redirects",
                pages=messages.plural("count.pages", len(redirected)),
                old=example.old_path or example.path,
                target=example.redirect,
            )
        )
    if len(gone) > len(redirected):
        sentences.append(
            messages.text(
                "overview.insight_unredirected",
                pages=messages.plural("count.pages", len(gone) - len(redirected)),
            )
        )
    routine = sum(1 for item in items if item.trivial)
    if items and routine:
        sentences.append(
            messages.text("overview.insight_routine", share=round(100 * routine / len(items)))
        )
    area = _busiest_folder(items)
    if area:
        folder, pages, lines = area
        sentences.append(
            messages.text(
                "overview.insight_area",
                directory=folder,
                pages=messages.plural("count.pages", pages),
                lines=messages.plural("lines", lines),
            )
        )
    return messages.sentences(sentences)


def _busiest_folder(items: Sequence[ReportItem]) -> tuple[str, int, int] | None:
    """The folder with the most changed pages of documentation (then lines), when the changes
    span more than one folder; media and other files do not count."""
    pages: Counter[str] = Counter()
    lines: Counter[str] = Counter()
    for item in items:
        if is_document(item.path):
            folder = posixpath.dirname(item.path) or "."
            pages[folder] += 1
            lines[folder] += item.changes
    if not pages or len({posixpath.dirname(item.path) for item in items}) < 2:
        return None
    folder = max(pages, key=lambda name: (pages[name], lines[name]))
    return (folder, pages[folder], lines[folder]) if pages[folder] > 1 else None


def _summary(
    category: str, found: dict[str, list[Theme]], counts: dict, messages: i18n.Catalogue
) -> str:
    sentences = [messages.text("summary.counts", category=category, **counts)]
    for kind, key in ((BREAKING, "summary.lead_breaking"), (NEW_FEATURE, "summary.lead_new")):
        lead = leading(found[kind])
        if lead:
            sentences.append(messages.text(key, title=_unmarked(lead[0], messages)))
    if not found[BREAKING] and not found[NEW_FEATURE]:
        sentences.append(messages.text("summary.routine"))
    return messages.sentences(sentences)
