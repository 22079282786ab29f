"""``insight publish`` into a site it built before renders only what changed, and writes
exactly the files a publish into an empty folder writes."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from site_data import PATTERN, item, report

from insight.models import Report
from insight.publish.manifest import MANIFEST
from insight.publish.site import publish
from insight.report.files import report_files, write_files
from insight.report.overrides import Override

PAGES = "en_US/reports"


def write_reports(reports: Path, *made: Report) -> None:
    write_files(report_files(list(made), PATTERN, reports, "insight:report.md.j2"))


def daily(locale: str, day: int, category: str = "docs", title: str = "Title") -> Report:
    items = [item(f"articles/{category}-{day}.md", "minor update", title, "Changed.")]
    items[0].fingerprint = f"{day:012x}"
    return report(locale, category, f"2025-06-{day:02d}", items)


def files(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def republished(reports: Path, site: Path, overrides: list[Override] | None = None) -> set[str]:
    """The files a publish over the site wrote, relative to it."""
    written = publish(reports, site, overrides=overrides or [])
    return {path.relative_to(site).as_posix() for path in written}


def pages(written: set[str]) -> set[str]:
    """The report pages of every locale among these files."""
    return {name for name in written if "/reports/" in name}


def assert_as_built_from_nothing(reports: Path, site: Path, tmp_path: Path) -> None:
    fresh = tmp_path / "fresh-site"
    publish(reports, fresh)
    assert files(site) == files(fresh)


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    write_reports(folder, *(daily("en_US", day) for day in range(1, 6)), daily("ja_JP", 2))
    return folder


def test_a_new_report_renders_its_page_and_the_lists_only(reports: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    publish(reports, site)
    before = {path: path.stat().st_mtime_ns for path in (site / PAGES).iterdir()}
    write_reports(reports, daily("en_US", 6))
    written = republished(reports, site)
    assert pages(written) == {f"{PAGES}/2025-06-06-docs.html"}
    assert {"index.json", "en_US/index.html", "en_US/feed.xml"} <= written
    assert all(path.stat().st_mtime_ns == made for path, made in before.items())
    assert_as_built_from_nothing(reports, site, tmp_path)


def test_changed_removed_and_translated_reports_give_the_site_built_from_nothing(
    reports: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    publish(reports, site)
    write_reports(reports, daily("en_US", 3, title="A new title"))  # changed
    for path in reports.rglob("*20250604*"):  # removed
        path.unlink()
    write_reports(reports, daily("ja_JP", 5))  # its English page gets a language switch
    written = republished(reports, site)
    assert {f"{PAGES}/2025-06-03-docs.html", f"{PAGES}/2025-06-05-docs.html"} <= written
    assert f"{PAGES}/2025-06-01-docs.html" not in written
    assert not (site / PAGES / "2025-06-04-docs.html").exists()
    assert_as_built_from_nothing(reports, site, tmp_path)


def test_a_page_removed_or_edited_in_the_site_is_rendered_again(
    reports: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    publish(reports, site)
    (site / PAGES / "2025-06-01-docs.html").unlink()
    (site / PAGES / "2025-06-02-docs.html").write_text("edited")
    written = republished(reports, site)
    assert {f"{PAGES}/2025-06-01-docs.html", f"{PAGES}/2025-06-02-docs.html"} <= written
    assert f"{PAGES}/2025-06-03-docs.html" not in written
    assert_as_built_from_nothing(reports, site, tmp_path)


def test_new_overrides_render_every_page_again_and_stale_ones_are_told_each_time(
    reports: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    site = tmp_path / "site"
    publish(reports, site)
    overrides = [
        Override("articles/docs-1.md", f"{1:012x}", "breaking change", "Reviewed title"),
        Override("articles/docs-2.md", "f" * 12, "new feature"),  # stale: another change
    ]
    with caplog.at_level(logging.WARNING):
        publish(reports, site, overrides=overrides)
        first = [record.getMessage() for record in caplog.records if "stale" in record.message]
        caplog.clear()
        written = republished(reports, site, overrides)
        again = [record.getMessage() for record in caplog.records if "stale" in record.message]
    assert first and again == first
    assert not pages(written)
    fresh = tmp_path / "fresh-site"
    publish(reports, fresh, overrides=overrides)
    assert files(site) == files(fresh)
    assert "Reviewed title" in (site / PAGES / "2025-06-01-docs.html").read_text("utf-8")


def test_a_manifest_of_an_older_insight_still_prunes(reports: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    publish(reports, site)
    listed = json.loads((site / MANIFEST).read_text("utf-8"))["files"]
    (site / MANIFEST).write_text(json.dumps({"files": listed}))
    for path in reports.rglob("*20250605*"):
        path.unlink()
    assert len(pages(republished(reports, site))) == 5
    assert not (site / PAGES / "2025-06-05-docs.html").exists()
    assert_as_built_from_nothing(reports, site, tmp_path)


@pytest.mark.parametrize(
    "manifest", ['{"files": [], "reports": {"a": 1}}', "[]", '{"files": "x"}', "not json"]
)
def test_a_broken_manifest_means_building_everything(
    reports: Path, tmp_path: Path, manifest: str
) -> None:
    site = tmp_path / "site"
    publish(reports, site)
    (site / MANIFEST).write_text(manifest)
    assert len(pages(republished(reports, site))) == 6
    assert_as_built_from_nothing(reports, site, tmp_path)
