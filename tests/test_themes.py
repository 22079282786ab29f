"""Themes across files and impact order in the offline overview."""

from __future__ import annotations

from insight import i18n
from insight.engines.digest import compose_overview
from insight.engines.themes import themes
from insight.models import BREAKING, MINOR, NEW_FEATURE, ReportItem


def item(
    path: str,
    kind: str,
    title: str,
    status: str = "modified",
    signals: list[dict] | None = None,
    **extra: object,
) -> ReportItem:
    return ReportItem(
        path=path,
        status=status,
        additions=3,
        deletions=2,
        changes=5,
        patch="",
        type=kind,
        title=title,
        explanation="",
        signals=signals or [],
        **extra,
    )


def bump(path: str) -> ReportItem:
    signal = {"kind": "version_changed", "old": "7.6.3", "new": "7.6.4", "line": 3}
    return item(path, BREAKING, "Version 7.6.3 → 7.6.4", signals=[signal])


REORGANISED = [
    item(
        f"docs/agents/page-{number}.md",
        MINOR,
        f"Moved page {number}",
        status="renamed",
        old_path=f"docs/tutorials/page-{number}.md",
        redirect=f"https://example.com/agents/page-{number}",
    )
    for number in range(5)
]
SECTION_REMOVED = item(
    "docs/a.md",
    BREAKING,
    "Removed section “Setup”",
    signals=[{"kind": "section_removed", "heading": "Setup"}],
)
PAGE_REMOVED = item("docs/z.md", BREAKING, "Removed page: “Z”", status="removed")


def test_files_that_changed_alike_are_one_theme() -> None:
    found = themes([bump(f"docs/{name}.md") for name in "abcde"] + REORGANISED)
    assert [(theme.kind, len(theme.items)) for theme in found[BREAKING]] == [("same", 5)]
    moved = found[MINOR][0]
    assert (moved.kind, moved.detail["old"], moved.detail["new"]) == (
        "moved",
        "docs/tutorials",
        "docs/agents",
    )
    assert moved.detail["redirected"] == 5


def test_each_list_is_ordered_by_impact_not_by_path() -> None:
    new_section = item(
        "docs/0.md", NEW_FEATURE, "Added section “Tools”", signals=[{"kind": "section_added"}]
    )
    new_page = item("docs/zz.md", NEW_FEATURE, "New page: “Tools”", status="added")
    found = themes([SECTION_REMOVED, bump("docs/0.md"), PAGE_REMOVED, new_section, new_page])
    assert [theme.items[0].path for theme in found[BREAKING]] == [
        "docs/z.md",
        "docs/a.md",
        "docs/0.md",
    ]
    assert [theme.items[0].path for theme in found[NEW_FEATURE]] == ["docs/zz.md", "docs/0.md"]


def test_the_overview_names_the_themes_once_each() -> None:
    items = [bump(f"docs/v{number}.md") for number in range(7)] + REORGANISED + [PAGE_REMOVED]
    items += [item(f"docs/minor-{number}.md", MINOR, f"Reworded {number}") for number in range(12)]
    overview = compose_overview("docs", items, i18n.catalogue("en_US"))
    text = overview.overview
    assert text.count("Version 7.6.3 → 7.6.4") == 2  # one bullet, and once in the insights
    assert "5 pages moved from `docs/tutorials` to `docs/agents`" in text
    assert "all with redirects from their old addresses" in text
    assert "The biggest change: Removed page: “Z”." in text
    other = text.split("## Other updates", 1)[1].split("# Insights", 1)[0]
    assert other.count("\n- ") == 9  # eight bullets and "… and N more."
    assert "… and 5 more." in other
    assert "Most important: Removed page: “Z”." in overview.summary
    moved = compose_overview("docs", REORGANISED, i18n.catalogue("en_US")).summary
    assert "5 pages moved from docs/tutorials to docs/agents" not in moved  # minor: no lead
    removed = [
        item(f"docs/old/{number}.md", BREAKING, f"Removed {number}", status="removed")
        for number in range(3)
    ]
    summary = compose_overview("docs", removed, i18n.catalogue("en_US")).summary
    assert "Most important: 3 pages removed from docs/old." in summary  # no Markdown in YAML


def test_the_busiest_folder_counts_pages_not_media() -> None:
    media = [item(f"docs/media/{number}.png", MINOR, f"Image {number}") for number in range(9)]
    pages = [item(f"docs/agents/{number}.md", MINOR, f"Page {number}") for number in range(3)]
    overview = compose_overview("docs", media + pages, i18n.catalogue("en_US"))
    assert "Most of the activity is under `docs/agents` (3 pages, 15 lines)." in (overview.overview)
