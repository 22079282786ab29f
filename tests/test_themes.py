"""Themes across files and impact order in the offline overview."""

from __future__ import annotations

from insight import i18n
from insight.engines.digest import compose_overview
from insight.engines.themes import CONFIDENT, themes
from insight.models import BREAKING, MINOR, NEW_FEATURE, ReportItem


def item(
    path: str,
    kind: str,
    title: str,
    status: str = "modified",
    signals: list[dict] | None = None,
    confidence: float | None = 0.9,
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
        confidence=confidence,
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


def highlights(overview: str) -> str:
    return overview.split("# Highlights\n", 1)[1].split("\n## ", 1)[0]


def test_an_unsure_breaking_change_is_listed_but_never_headlined() -> None:
    unsure = item(
        "docs/setup.md",
        BREAKING,
        "Removed section “Proxy settings” (9 lines)",
        signals=[{"kind": "section_removed", "heading": "Proxy settings"}],
        confidence=CONFIDENT - 0.05,
    )
    sure = item(
        "docs/models.md",
        BREAKING,
        "Retirement notice dated July 15, 2025",
        signals=[{"kind": "deprecation_added", "date": "July 15, 2025"}],
        confidence=CONFIDENT,
    )
    # By impact the removed section comes first; the engine is only sure of the retirement.
    assert [theme.items[0].path for theme in themes([sure, unsure])[BREAKING]] == [
        "docs/setup.md",
        "docs/models.md",
    ]
    overview = compose_overview("docs", [sure, unsure], i18n.catalogue("en_US"))
    assert "The biggest change: Retirement notice dated July 15, 2025." in overview.overview
    assert "Proxy settings" not in highlights(overview.overview)
    breaking = overview.overview.split("## Breaking changes", 1)[1].split("## Other", 1)[0]
    assert "Removed section “Proxy settings” (9 lines)" in breaking  # still listed
    assert "Start with the breaking changes: Retirement notice dated July 15, 2025." in (
        overview.overview
    )
    assert "Most important: Retirement notice dated July 15, 2025." in overview.summary
    alone = compose_overview("docs", [unsure], i18n.catalogue("en_US"))
    assert "The biggest change" not in alone.overview
    assert "Most important" not in alone.summary
    assert "Removed section “Proxy settings” (9 lines)" in alone.overview


def test_upkeep_is_never_the_biggest_change() -> None:
    refresh = item(
        "docs/hall-of-fame.md",
        BREAKING,
        "Removed table row “vors”",
        signals=[
            {"kind": "table_row_removed", "row": "vors", "table": "PRs Merged"},
            {"kind": "table_row_removed", "row": "kiazhi", "table": "PRs Merged"},
            *(
                {"kind": "table_row_changed", "row": name, "table": "PRs Merged"}
                for name in ("Community", "matt9ucci", "sethvs")
            ),
        ],
        confidence=0.93,
    )
    metadata = item(
        "docs/index.md",
        BREAKING,
        "`ms.topic` conceptual → article",
        signals=[{"kind": "front_matter_changed", "key": "ms.topic"}],
        confidence=0.97,
    )
    retired = item(
        "docs/regions.md",
        BREAKING,
        "Removed table row “West Europe”",
        signals=[
            {"kind": "table_row_removed", "row": "West Europe", "table": "Region"},
            {"kind": "table_row_changed", "row": "East US", "table": "Region"},
        ],
        confidence=0.8,
    )
    page = item("docs/agents.md", NEW_FEATURE, "New page: “Agents”", status="added")
    text = compose_overview("docs", [refresh, metadata, page], i18n.catalogue("en_US")).overview
    assert "The biggest change: New page: “Agents”." in text
    assert "Start with the breaking changes" not in text
    assert "Removed table row “vors”" in text.split("## Breaking changes", 1)[1]
    # A row dropped from a table whose rows are not refreshed is news.
    text = compose_overview("docs", [refresh, retired], i18n.catalogue("en_US")).overview
    assert "The biggest change: Removed table row “West Europe”." in text


def test_pages_that_are_folders_count_in_the_folder_above() -> None:
    """A folder's own page (a Hugo leaf bundle's `index.md`, `_index.md`, `README.md`) is
    the folder, in the folder above: pages removed each with its own folder are one theme."""
    removed = [
        item(f"content/showcase/{name}/index.md", BREAKING, f"Removed page: “{name}”", "removed")
        for name in ("acme", "globex", "initech")
    ]
    moved = [
        item(
            f"docs/guides/{name}/{page}",
            MINOR,
            f"Moved page {name}",
            status="renamed",
            old_path=f"docs/tutorials/{name}/{page}",
            redirect=f"https://example.com/guides/{name}/",
        )
        for name, page in (("setup", "index.md"), ("deploy", "README.md"))
    ]
    found = themes(removed + moved)
    theme = found[BREAKING][0]
    assert (theme.kind, theme.detail["folder"], len(theme.items)) == (
        "removed",
        "content/showcase",
        3,
    )
    folders = found[MINOR][0]
    assert (folders.kind, folders.detail["old"], folders.detail["new"]) == (
        "moved",
        "docs/tutorials",
        "docs/guides",
    )
