"""A directory of reports -> a static multilingual site: pages, Atom feeds and ``index.json``.

Per locale: a home page with the newest reports, an archive by month and by category, one
page per report (with a switcher to the same report in the other locales), an Atom feed,
and one feed per category. The same reports always give the same files: everything is
sorted, and every date comes from the reports, none from the build.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from functools import cache, partial
from pathlib import Path, PurePosixPath
from typing import Any

import jinja2
import yaml

from insight import escape, i18n
from insight.errors import OutputError, ReportFormatError, UsageError
from insight.models import CHANGE_TYPES, Report, ReportItem, anchor
from insight.publish.lock import directory_lock
from insight.publish.markup import render_html
from insight.publish.notes import annotated
from insight.report import serialize
from insight.report.files import contained, write_files
from insight.report.overrides import Override, apply_to_reports
from insight.report.render import link_target, render_markdown
from insight.resources import resource_dir, template_environment

LOG = logging.getLogger(__name__)
NEWEST_ON_HOME = 30
FEED_ENTRIES = 50
FALLBACK_LOCALE = "en_US"
_TITLE = re.compile(r"^\[(?P<locale>[^\]]+)\]\s+(?P<title>.+)$")
_TABLE_ROW = re.compile(
    r"^\| \[(?P<name>[^\]]*)\]\(#(?P<anchor>[\w-]+)\) "
    r"\| (?P<type>[^|]*) \| .* \| (?P<status>\w+) \|"
)
_SLUG = re.compile(r"[^\w.-]+")
_FRONT_MATTER = re.compile(r"^---\n(.*?)\n---\n", re.DOTALL)
FRONT_MATTER_LIMIT = 64 * 1024
"""A Markdown-only report's front matter holds four short keys; more is not a report."""
_SUMMARY_TABLE = re.compile(r"^# Summary Table[ \t]*$", re.MULTILINE)
MANIFEST = ".insight-site.json"
"""The files the last build wrote, in the site folder: only those are ever removed."""
PAGE_LIMIT = 1_000_000
"""A report page over this many bytes shows its largest diffs as links to the forge."""
_DIFF_BLOCK = re.compile(
    r"^(?P<heading>## [^\n]*\{#(?P<anchor>item-[0-9a-f]{6})\}\n\n(?:[^<#\n][^\n]*\n\n)*)"
    r"<details>\n<summary>Diff</summary>\n(?P<fence>`{4,})diff\n.*?\n(?P=fence)\n</details>\n",
    re.MULTILINE | re.DOTALL,
)


@dataclass(frozen=True)
class Entry:
    """One report of the site: its model, its Markdown and where its page goes."""

    report: Report
    markdown: str
    source: str
    """The report's path relative to the reports directory."""

    @property
    def category(self) -> str:
        return self.report.category

    @property
    def locale(self) -> str:
        return self.report.locale

    @property
    def urn(self) -> str:
        """The report's permanent id in feeds."""
        return f"urn:insight:report:{self.locale}:{self.category}:{self.report.date}"

    @property
    def page(self) -> str:
        return f"{self.locale}/reports/{_slug(f'{self.report.date}-{self.category}')}.html"

    @property
    def counts(self) -> dict[str, int]:
        counted = Counter(item.type for item in self.report.items)
        return {
            kind: counted[kind]
            for kind in (*CHANGE_TYPES, *sorted(set(counted) - set(CHANGE_TYPES)))
        }


def collect(reports_dir: Path, overrides: Sequence[Override] = ()) -> list[Entry]:
    """Every report under ``reports_dir``: JSON models, and Markdown reports without one.

    A model is rendered again rather than its Markdown read, so that the page gets today's
    escaping. Files whose name starts with a dot (``insight run``'s state file) are not reports;
    a file that is no report (a stray ``README.md``, one broken model) is skipped with a
    warning naming it.
    """
    if not reports_dir.is_dir():
        raise UsageError(f"{reports_dir}: no such reports directory")
    entries = []
    for path in sorted(reports_dir.rglob("*")):
        relative = path.relative_to(reports_dir)
        if not path.is_file() or any(part.startswith(".") for part in relative.parts):
            continue
        try:
            entry = _entry(path, relative, overrides)
        except ReportFormatError as error:  # a stray file, or one broken report: not the rest
            LOG.warning("%s; skipped", error)
            continue
        if entry is not None:
            entries.append(entry)
    return sorted(
        entries, key=lambda entry: (entry.report.date, entry.category, entry.locale), reverse=True
    )


def _entry(path: Path, relative: Path, overrides: Sequence[Override]) -> Entry | None:
    """The report of a JSON model (with the reviewers' ``overrides``), or of Markdown that has
    none beside it; else None."""
    if path.suffix == ".json":
        report = serialize.load(path)
        for notice in apply_to_reports([report], overrides):
            LOG.warning("%s: %s", relative.as_posix(), notice)
        markdown = table_kept(annotated(report, render_markdown(report)))
        return Entry(report, markdown, relative.with_suffix(".md").as_posix())
    if path.suffix == ".md" and not path.with_suffix(".json").is_file():
        try:
            markdown = path.read_text("utf-8-sig")  # a byte order mark hides no front matter
        except (OSError, UnicodeDecodeError) as error:
            raise ReportFormatError(f"{path}: cannot read: {error}") from None
        report = _model_of_markdown(markdown, path)
        return Entry(report, table_kept(markdown), relative.as_posix())
    return None


def _model_of_markdown(markdown: str, path: Path) -> Report:
    """The model of a report that has only its Markdown (the anchor system published those)."""
    front = _front_matter(markdown, path)
    titled = _TITLE.match(front.get("title", ""))
    if not titled or "date" not in front:
        raise ReportFormatError(
            f"{path}: not a Diff Insight Report (no front matter with title and date)"
        )
    items = [
        ReportItem(row["name"], row["status"], 0, 0, 0, None, row["type"].strip(), "", "")
        for row in map(_TABLE_ROW.match, markdown.splitlines())
        if row
    ]
    report = Report(
        title=titled["title"],
        locale=titled["locale"],
        date=front["date"],
        permalink=front.get("permalink", ""),
        summary=front.get("summary", ""),
        overview="",
        items=items,
    )
    serialize.check_header(report, str(path))
    return report


def _front_matter(markdown: str, path: Path) -> dict[str, str]:
    """The flat ``key: scalar`` front matter of a Markdown report, as strings.

    Read event by event, nothing built: a YAML alias is refused (a 430-byte alias bomb
    expands to gigabytes), and so is any nesting; such a file is not a report.
    """
    match = _FRONT_MATTER.match(markdown)
    if not match or len(match.group(1)) > FRONT_MATTER_LIMIT:
        return {}
    scalars: list[str] = []
    try:
        for event in yaml.parse(match.group(1), Loader=yaml.SafeLoader):
            if isinstance(event, yaml.ScalarEvent):
                scalars.append(event.value)
            elif isinstance(event, yaml.AliasEvent) or (
                isinstance(event, yaml.CollectionStartEvent)
                and (scalars or not isinstance(event, yaml.MappingStartEvent))
            ):
                raise ReportFormatError(
                    f"{path}: front matter: only flat keys are allowed (no nesting, no aliases)"
                )
    except yaml.YAMLError:
        return {}
    return dict(zip(scalars[::2], scalars[1::2], strict=False))


def table_kept(markdown: str) -> str:
    """The site's copy of a report, with a fence its overview left open closed before the
    summary table (a real anchor report swallowed its whole table into a code block). The
    report's own Markdown keeps the model's text as it is."""
    table = _SUMMARY_TABLE.search(markdown)
    if not table:
        return markdown
    front = _FRONT_MATTER.match(markdown)
    start = front.end() if front else 0
    overview = markdown[start : table.start()]
    closed = escape.close_fences(overview)
    if closed != overview:
        closed += "\n"
    return markdown[:start] + closed + markdown[table.start() :]


def publish(
    reports_dir: Path,
    site_dir: Path,
    base_url: str | None = None,
    overrides: Sequence[Override] = (),
) -> list[Path]:
    """Build the site into ``site_dir``; remove the pages of reports that are gone.

    Only files an earlier build wrote (its manifest lists them) are removed, so files a
    user put into the site folder stay. Returns the files written, the manifest left out.
    """
    reports, site = reports_dir.resolve(), site_dir.resolve()
    if reports == site or reports in site.parents or site in reports.parents:
        raise UsageError(
            f"{site_dir}: the site folder and the reports folder {reports_dir} must not "
            "contain each other"
        )
    files = build_site(reports_dir, site_dir, base_url, overrides)
    with directory_lock(site_dir):
        previous = _manifest(site_dir)
        current = [path.relative_to(site_dir).as_posix() for path in files]
        files[site_dir / MANIFEST] = json.dumps({"files": current}, indent=1) + "\n"
        written = write_files(files)
        _prune(site_dir, previous - set(current))
    return [path for path in written if path.name != MANIFEST]


def _manifest(site_dir: Path) -> set[str]:
    """What the last build wrote; nothing when there is no readable manifest."""
    try:
        data = json.loads((site_dir / MANIFEST).read_text("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return set()
    files = data.get("files") if isinstance(data, dict) else None
    return {name for name in files if isinstance(name, str)} if isinstance(files, list) else set()


def _prune(site_dir: Path, gone: set[str]) -> None:
    """Remove files of the last build that this one no longer has, then emptied folders."""
    folders: set[Path] = set()
    for name in sorted(gone):
        try:
            path = contained(site_dir, name)
        except OutputError:
            continue
        if path.is_file() and not path.is_symlink():
            path.unlink()
            folders.update(parent for parent in path.parents if site_dir in parent.parents)
    for folder in sorted(folders, key=lambda folder: len(folder.parts), reverse=True):
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()


def build_site(
    reports_dir: Path,
    site_dir: Path,
    base_url: str | None = None,
    overrides: Sequence[Override] = (),
) -> dict[Path, str]:
    """Every file of the site, by path; nothing is written here.

    ``base_url`` (the site's public address) makes feed links absolute; without it they are
    relative to the feed, which feed readers resolve against the feed's own address.
    Reviewers' ``overrides`` are applied to the reports' items (stale ones are logged).
    """
    entries = collect(reports_dir, overrides)
    if not entries:
        raise UsageError(f"{reports_dir}: no reports to publish")
    site = _Site(entries, base_url.rstrip("/") + "/" if base_url else None)
    files = {
        "assets/style.css": (resource_dir("templates") / "site" / "style.css").read_text("utf-8"),
        "index.html": site.languages_page(),
        "index.json": json.dumps(
            {"reports": [_index_record(entry) for entry in entries]}, ensure_ascii=False, indent=2
        )
        + "\n",
    }
    for locale in site.locales:
        files.update(site.locale_files(locale))
    return {contained(site_dir, path): content for path, content in sorted(files.items())}


PAGE_FIELDS = ("url", "page_title", "redirect", "included_in")
"""What index.json tells of each file that has a published page, as the report model does."""


def _index_record(entry: Entry) -> dict[str, Any]:
    record: dict[str, Any] = {
        "title": entry.report.title,
        "locale": entry.locale,
        "category": entry.category,
        "date": entry.report.date,
        "counts": entry.counts,
        "path": entry.page,
        "source": entry.source,
    }
    if entry.report.range is not None:
        record["range"] = asdict(entry.report.range)
    pages = [
        {
            "path": item.path,
            "type": item.type,
            **{name: value for name in PAGE_FIELDS if (value := _page_field(item, name))},
        }
        for item in entry.report.items
        if any(_page_field(item, name) for name in PAGE_FIELDS)
    ]
    if pages:
        record["pages"] = pages
    return record


def _page_field(item: ReportItem, name: str) -> Any:
    """A page fact of an item for index.json; an address only when it is http(s) or a path."""
    value = getattr(item, name)
    return escape.web_address(value) if name in ("url", "redirect") else value


class _Site:
    """The pages and feeds of one build; templates get plain values and only loop and branch."""

    def __init__(self, entries: list[Entry], base_url: str | None) -> None:
        self.by_locale: dict[str, list[Entry]] = {}
        for entry in entries:
            self.by_locale.setdefault(entry.locale, []).append(entry)
        self.locales = sorted(self.by_locale)
        self.by_key = {(e.category, e.report.date, e.locale): e for e in entries}
        self.base_url = base_url

    def render(self, template: str, path: str, locale: str, **values: Any) -> str:
        """A page: no control character or lone surrogate of a report's text in it raw."""
        return escape.printable(
            _templates()
            .get_template(template)
            .render(root=_up(path), lang=_tag(locale), text=_chrome(locale), **values)
        )

    def languages_page(self) -> str:
        homes = [
            {**_language_link(locale, f"{locale}/index.html"), "count": len(self.by_locale[locale])}
            for locale in self.locales
        ]
        return self.render(
            "languages.html.j2", "index.html", FALLBACK_LOCALE, homes=homes, switch=[]
        )

    def switch(self, locale: str, page_of: Callable[[str], str | None]) -> list[dict[str, str]]:
        """Links to the same page in the other locales that have it."""
        links = []
        for other in self.locales:
            page = page_of(other)
            if other != locale and page:
                links.append(_language_link(other, page))
        return links

    def locale_files(self, locale: str) -> dict[str, str]:
        members = self.by_locale[locale]
        categories = sorted({entry.category for entry in members})
        home, archive = f"{locale}/index.html", f"{locale}/archive.html"
        files = {
            home: self.render(
                "home.html.j2",
                home,
                locale,
                reports=[_card(entry, locale) for entry in members[:NEWEST_ON_HOME]],
                feeds=[{"href": f"feeds/{_slug(c)}.xml", "category": c} for c in categories],
                switch=self.switch(locale, lambda other: f"{other}/index.html"),
            ),
            archive: self.render(
                "archive.html.j2",
                archive,
                locale,
                months=_grouped(members, locale, lambda entry: entry.report.date[:7]),
                by_category=_grouped(
                    sorted(members, key=lambda e: e.category), locale, lambda e: e.category
                ),
                switch=self.switch(locale, lambda other: f"{other}/archive.html"),
            ),
            f"{locale}/feed.xml": self.feed(f"{locale}/feed.xml", locale, members),
        }
        for entry in members:
            files[entry.page] = self.report_page(entry, locale)
        for category in categories:
            path = f"{locale}/feeds/{_slug(category)}.xml"
            chosen = [entry for entry in members if entry.category == category]
            files[path] = self.feed(path, locale, chosen, category)
        return files

    def report_page(self, entry: Entry, locale: str) -> str:
        """The page of a report; over ``PAGE_LIMIT``, its largest diffs become links."""
        markdown = entry.markdown
        page = self._report_page(entry, locale, markdown)
        blocks = sorted(_DIFF_BLOCK.finditer(markdown), key=lambda block: -len(block.group(0)))
        collapsed: list[re.Match[str]] = []
        while len(page.encode()) > PAGE_LIMIT and len(collapsed) < len(blocks):
            bytes_per_character = len(page.encode()) / max(len(markdown), 1)
            excess = (len(page.encode()) - PAGE_LIMIT) / bytes_per_character
            for block in blocks[len(collapsed) :]:
                collapsed.append(block)
                excess -= len(block.group(0))
                if excess <= 0:
                    break
            markdown = _collapsed(entry, collapsed, _chrome(locale)["diff_elsewhere"])
            page = self._report_page(entry, locale, markdown)
        return page

    def _report_page(self, entry: Entry, locale: str, markdown: str) -> str:
        return self.render(
            "report.html.j2",
            entry.page,
            locale,
            report=entry.report,
            card=_card(entry, locale),
            body=render_html(markdown),
            feed=f"../feeds/{_slug(entry.category)}.xml",
            switch=self.switch(locale, partial(self._page, entry.category, entry.report.date)),
        )

    def _page(self, category: str, date: str, locale: str) -> str | None:
        entry = self.by_key.get((category, date, locale))
        return entry.page if entry else None

    def feed(
        self, path: str, locale: str, members: list[Entry], category: str | None = None
    ) -> str:
        """An Atom feed of the newest reports; links absolute with a base URL, else relative."""
        prefix = self.base_url or _up(path)
        title = _chrome(locale)["feed_title"] + (f" – {category}" if category else "")
        newest = members[:FEED_ENTRIES]
        return escape.printable(  # XML 1.0 allows no C0 control, no surrogate
            _templates()
            .get_template("feed.xml.j2")
            .render(
                feed_id=f"urn:insight:feed:{locale}" + (f":{category}" if category else ""),
                title=title,
                lang=_tag(locale),
                updated=f"{newest[0].report.date}T00:00:00Z",
                self_href=prefix + path,
                home=prefix + f"{locale}/index.html",
                entries=[
                    {
                        "id": entry.urn,
                        "title": f"{entry.report.title} ({entry.report.date})",
                        "updated": f"{entry.report.date}T00:00:00Z",
                        "href": prefix + entry.page,
                        "summary": entry.report.summary,
                        "category": entry.category,
                    }
                    for entry in newest
                ],
            )
        )


def _collapsed(entry: Entry, blocks: list[re.Match[str]], label: str) -> str:
    """The report's Markdown with these diffs replaced by a link to them on the forge."""
    paths = {anchor(item.path): item.path for item in entry.report.items}
    permalink = link_target(entry.report.permalink)
    parts, position = [], 0
    for block in sorted(blocks, key=lambda block: block.start()):
        parts += [entry.markdown[position : block.start()], block.group("heading")]
        path = paths.get(block.group("anchor"))
        if permalink == "#":
            parts.append(f"*{label}*\n\n")
        else:
            target = permalink
            if path and "/compare/" in permalink and "#" not in permalink:
                target += "#diff-" + hashlib.sha256(path.encode("utf-8")).hexdigest()
            parts.append(f'[{label}]({target}){{target="_blank"}}\n\n')
        position = block.end()
    return "".join(parts) + entry.markdown[position:]


def _up(path: str) -> str:
    """The way back to the site's root from the folder of ``path``."""
    return "../" * (len(PurePosixPath(path).parts) - 1)


def _grouped(members: list[Entry], locale: str, key: Any) -> dict[str, list[dict[str, Any]]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for entry in members:
        groups.setdefault(key(entry), []).append(_card(entry, locale))
    return groups


def _language_link(locale: str, page: str) -> dict[str, str]:
    return {"href": page, "name": _language(locale), "lang": _tag(locale)}


def _card(entry: Entry, locale: str) -> dict[str, Any]:
    text = _chrome(locale)
    return {
        "href": entry.page,
        "title": entry.report.title,
        "category": entry.category,
        "date": entry.report.date,
        "summary": entry.report.summary,
        "badges": [
            {
                "label": text.get(f"type_{kind.split()[0]}", kind),
                "count": count,
                "css": "type-" + kind.split()[0],
            }
            for kind, count in entry.counts.items()
            if count
        ],
    }


def _slug(name: str) -> str:
    """A file name from a category (configured names are safe; old reports' may not be)."""
    return _SLUG.sub("-", name).strip("-") or "report"


def _tag(locale: str) -> str:
    """The BCP 47 tag of a locale name: ``zh_CN`` -> ``zh-CN``."""
    return locale.replace("_", "-")


def _language(locale: str) -> str:
    return (
        i18n.catalogue(locale).text("meta.language")
        if locale in i18n.supported_locales()
        else locale
    )


def _chrome(locale: str) -> dict[str, str]:
    """The site's own words in ``locale`` (English for a locale without a catalogue)."""
    known = locale if locale in i18n.supported_locales() else FALLBACK_LOCALE
    return i18n.catalogue(known).table("site")


@cache
def _templates() -> jinja2.Environment:
    return template_environment(resource_dir("templates") / "site", autoescape=True)
