"""The published site, checked as a reader's browser and a feed reader would see it."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from site_data import build_reports_dir

from insight.cli import cli
from insight.publish.site import build_site
from insight.report import serialize
from insight.report.files import write_files

ATOM = "{http://www.w3.org/2005/Atom}"


class Page(HTMLParser):
    """What a test needs of a page: its links, ids, headings, scripts and event attributes."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.headings: list[int] = []
        self.lang: str | None = None
        self.scripts = 0
        self.events: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang")
        if tag == "script":
            self.scripts += 1
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings.append(int(tag[1]))
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
        if values.get("id"):
            self.ids.add(values["id"])
        self.events += [name for name in values if name.startswith("on")]


@pytest.fixture
def reports_dir(tmp_path: Path) -> Path:
    return build_reports_dir(tmp_path / "reports")


@pytest.fixture
def site(reports_dir: Path, tmp_path: Path) -> Path:
    target = tmp_path / "site"
    write_files(build_site(reports_dir, target))
    return target


def pages(site: Path) -> dict[str, Page]:
    return {
        path.relative_to(site).as_posix(): Page(path.read_text("utf-8"))
        for path in site.rglob("*.html")
    }


def resolve(page: str, href: str) -> str:
    """A site path from a relative link on ``page`` (without the fragment)."""
    parts = page.split("/")[:-1]
    for part in href.split("#")[0].split("/"):
        if part == "..":
            parts.pop()
        elif part and part != ".":
            parts.append(part)
    return "/".join(parts)


def test_every_report_is_reachable_from_its_locale_home(site: Path) -> None:
    index = json.loads((site / "index.json").read_text())
    parsed = pages(site)
    for locale in {record["locale"] for record in index["reports"]}:
        seen, todo = set(), [f"{locale}/index.html"]
        while todo:
            current = todo.pop()
            if current in seen or current not in parsed:
                continue
            seen.add(current)
            todo += [resolve(current, href) for href in parsed[current].links if "://" not in href]
        expected = {record["path"] for record in index["reports"] if record["locale"] == locale}
        assert expected <= seen, f"{locale}: unreachable {expected - seen}"


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    parsed = pages(site)
    files = {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}
    for name, page in parsed.items():
        for href in page.links:
            if href.startswith(("http://", "https://", "mailto:")):
                continue
            target = resolve(name, href) if not href.startswith("#") else name
            assert target in files, f"{name}: broken link {href}"
            if "#" in href:
                assert href.split("#", 1)[1] in parsed[target].ids, f"{name}: no anchor {href}"


def test_language_switcher_links_the_same_report(site: Path) -> None:
    page = Page((site / "en_US/reports/2025-06-01-docs.html").read_text())
    assert "../../ja_JP/reports/2025-06-01-docs.html" in page.links
    japanese = Page((site / "ja_JP/reports/2025-06-01-docs.html").read_text())
    assert "../../en_US/reports/2025-06-01-docs.html" in japanese.links
    assert japanese.lang == "ja-JP"
    assert Page((site / "zh_CN/index.html").read_text()).lang == "zh-CN"


def test_summary_table_and_overview_link_to_each_file_section(site: Path) -> None:
    page = Page((site / "en_US/reports/2025-06-01-docs.html").read_text())
    anchors = {href for href in page.links if href.startswith("#item-")}
    assert len(anchors) == 2 and {anchor[1:] for anchor in anchors} <= page.ids


def test_headings_are_in_order(site: Path) -> None:
    for name, page in pages(site).items():
        assert page.headings.count(1) == 1, name
        for before, after in zip(page.headings, page.headings[1:], strict=False):
            assert after <= before + 1, f"{name}: h{before} then h{after}"


def test_content_from_diffs_and_models_never_runs(site: Path) -> None:
    for name, page in pages(site).items():
        assert page.scripts == 0, name
        assert page.events == [], name
        assert not any(href.lower().startswith(("javascript:", "data:")) for href in page.links), (
            name
        )
    text = (site / "en_US/reports/2025-06-02-security.html").read_text()
    assert "&lt;script&gt;document.title" in text
    assert "&lt;img src=x onerror=" in text
    assert "javascript:document.title" in text  # shown as text, not as a link


def test_feeds_are_valid_atom(site: Path) -> None:
    feeds = sorted(site.rglob("*.xml"))
    assert {feed.relative_to(site).as_posix() for feed in feeds} >= {
        "en_US/feed.xml",
        "en_US/feeds/docs.xml",
        "en_US/feeds/security.xml",
        "ja_JP/feeds/docs.xml",
        "zh_CN/feeds/openai.xml",
    }
    for feed in feeds:
        root = ElementTree.parse(feed).getroot()
        assert root.tag == f"{ATOM}feed"
        for required in ("id", "title", "updated", "author"):
            assert root.find(f"{ATOM}{required}") is not None, (feed, required)
        entries = root.findall(f"{ATOM}entry")
        assert entries
        for entry in entries:
            for required in ("id", "title", "updated", "link"):
                assert entry.find(f"{ATOM}{required}") is not None, (feed, required)
            href = entry.find(f"{ATOM}link").get("href")
            assert (feed.parent / href).resolve().is_file(), (feed, href)
        updated = [entry.find(f"{ATOM}updated").text for entry in entries]
        assert updated == sorted(updated, reverse=True)


def test_feed_links_are_absolute_with_a_base_url(reports_dir: Path, tmp_path: Path) -> None:
    files = build_site(reports_dir, tmp_path / "site", base_url="https://team.example.io/reports")
    feed = ElementTree.fromstring(files[tmp_path / "site/en_US/feed.xml"])
    hrefs = [link.get("href") for link in feed.iter(f"{ATOM}link")]
    assert all(href.startswith("https://team.example.io/reports/") for href in hrefs)


def test_index_json_lists_every_report(site: Path, reports_dir: Path) -> None:
    records = json.loads((site / "index.json").read_text())["reports"]
    models = [
        serialize.load(path)
        for path in reports_dir.rglob("*.json")
        if not path.name.startswith(".")
    ]
    assert len(records) == len(models) + 1  # and the Markdown-only report
    by_key = {(r["locale"], r["category"], r["date"]): r for r in records}
    for model in models:
        record = by_key[(model.locale, model.category, model.date)]
        counts = defaultdict(int)
        for entry in model.items:
            counts[entry.type] += 1
        assert {kind: count for kind, count in record["counts"].items() if count} == dict(counts)
        assert (site / record["path"]).is_file()
    assert by_key[("zh_CN", "openai", "2025-05-28")]["counts"]["new feature"] == 4


def test_building_twice_gives_identical_files(reports_dir: Path, tmp_path: Path) -> None:
    first = build_site(reports_dir, tmp_path / "site")
    second = build_site(reports_dir, tmp_path / "site")
    assert first == second


def test_a_bad_report_file_is_one_warning_naming_it(reports_dir: Path, tmp_path: Path) -> None:
    broken = reports_dir / "202506" / "en_US" / "broken.json"
    broken.write_text("{nope")
    result = CliRunner().invoke(cli, ["publish", str(reports_dir), "--out", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    [warning] = [line for line in result.stderr.splitlines() if "skipped" in line]
    assert "broken.json: not JSON" in warning
    with_it = build_site(reports_dir, tmp_path / "site")
    broken.unlink()
    assert with_it == build_site(reports_dir, tmp_path / "site")  # the others, as they were


def test_publish_command_uses_the_configured_directories(
    reports_dir: Path, tmp_path: Path, isolated: Path
) -> None:
    (isolated / "insight.toml").write_text(f'out = "{reports_dir}"\nsite = "public"\n')
    result = CliRunner().invoke(cli, ["publish"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "public/index.html"
    assert (isolated / "public/en_US/index.html").is_file()
    assert "pages and" in result.stderr


def test_no_reports_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(
        cli, ["publish", str(tmp_path / "empty"), "-o", str(tmp_path / "site")]
    )
    assert result.exit_code == 2 and "no reports to publish" in result.stderr
