"""A directory of reports -> a static multilingual site: pages, Atom feeds and ``index.json``.

Per locale: a home page with the newest reports, an archive by month and by category, one
page per report (with a switcher to the same report in the other locales), an Atom feed,
and one feed per category. The same reports always give the same files: everything is
sorted, and every date comes from the reports, none from the build.

A publish into a site folder that an earlier one built renders only the pages whose report
changed (see ``manifest``); what it writes is what a build from nothing would write.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import time
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
from insight.models import CHANGE_TYPES, Report, ReportItem
from insight.publish import manifest, page
from insight.publish.lock import directory_lock
from insight.publish.manifest import MANIFEST, Known, Listing, Manifest, slug
from insight.publish.notes import annotated
from insight.report import serialize
from insight.report.files import Content, contained, remove_stale_temporaries, write_files
from insight.report.overrides import Override, apply_to_reports
from insight.report.render import render_markdown
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
_FRONT_MATTER = re.compile(r"^---\n(.*?)\n---\n", re.DOTALL)
FRONT_MATTER_LIMIT = 64 * 1024
"""A Markdown-only report's front matter holds four short keys; more is not a report."""
_SUMMARY_TABLE = re.compile(r"^# Summary Table[ \t]*$", re.MULTILINE)
_BODY = "<insight-body/>"
"""Where a report page's body goes in its template (no text of a report makes a ``<``)."""
PAGE_FIELDS = ("url", "page_title", "redirect", "included_in")
"""What index.json tells of each file that has a published page, as the report model does."""


@dataclass(frozen=True)
class Entry:
    """One report of the site: its model, its Markdown and where it came from."""

    report: Report
    markdown: str
    source: str
    """The report's path relative to the reports directory."""
    notices: tuple[str, ...] = ()
    """What reading it found to tell (overrides gone stale)."""

    @property
    def listing(self) -> Listing:
        counted = Counter(item.type for item in self.report.items)
        kinds = (*CHANGE_TYPES, *sorted(set(counted) - set(CHANGE_TYPES)))
        pages = [
            {
                "path": item.path,
                "type": item.type,
                **{name: value for name in PAGE_FIELDS if (value := _page_field(item, name))},
            }
            for item in self.report.items
            if any(_page_field(item, name) for name in PAGE_FIELDS)
        ]
        return Listing(
            title=self.report.title,
            locale=self.report.locale,
            category=self.report.category,
            date=self.report.date,
            summary=self.report.summary,
            counts={kind: counted[kind] for kind in kinds},
            source=self.source,
            range=asdict(self.report.range) if self.report.range is not None else None,
            pages=pages,
        )


def _page_field(item: ReportItem, name: str) -> Any:
    """A page fact of an item for index.json; an address only when it is http(s) or a path."""
    value = getattr(item, name)
    return escape.web_address(value) if name in ("url", "redirect") else value


def report_files(reports_dir: Path) -> list[tuple[Path, Path]]:
    """The report files under ``reports_dir``, each with its path relative to it: JSON
    models, and Markdown reports without one. Files whose name starts with a dot
    (``insight run``'s state file) are not reports."""
    if not reports_dir.is_dir():
        raise UsageError(f"{reports_dir}: no such reports directory")
    found = []
    for path in sorted(reports_dir.rglob("*")):
        relative = path.relative_to(reports_dir)
        if not path.is_file() or any(part.startswith(".") for part in relative.parts):
            continue
        if path.suffix == ".json" or (
            path.suffix == ".md" and not path.with_suffix(".json").is_file()
        ):
            found.append((path, relative))
    return found


def _entry(path: Path, relative: Path, overrides: Sequence[Override]) -> Entry:
    """The report of a file of ``report_files``, with the reviewers' ``overrides``. A model is
    rendered again rather than its Markdown read, so that the page gets today's escaping."""
    if path.suffix == ".json":
        report = serialize.load(path)
        notices = tuple(
            f"{relative.as_posix()}: {notice}" for notice in apply_to_reports([report], overrides)
        )
        markdown = table_kept(annotated(report, render_markdown(report)))
        return Entry(report, markdown, relative.with_suffix(".md").as_posix(), notices)
    try:
        markdown = path.read_text("utf-8-sig")  # a byte order mark hides no front matter
    except (OSError, UnicodeDecodeError) as error:
        raise ReportFormatError(f"{path}: cannot read: {error}") from None
    report = _model_of_markdown(markdown, path)
    return Entry(report, table_kept(markdown), relative.as_posix())


def _newest_first(listing: Listing) -> tuple[str, str, str]:
    return listing.date, listing.category, listing.locale


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

    Pages whose report, locales, overrides and insight are what the last build rendered
    them from stay as they are (its manifest tells); only files an earlier build wrote are
    removed, so files a user put into the site folder stay. Returns the files written, the
    manifest left out.
    """
    reports, site = reports_dir.resolve(), site_dir.resolve()
    if reports == site or reports in site.parents or site in reports.parents:
        raise UsageError(
            f"{site_dir}: the site folder and the reports folder {reports_dir} must not "
            "contain each other"
        )
    built_on = manifest.text(site_dir)
    previous = manifest.parse(built_on)
    files, current = _build(reports_dir, site_dir, base_url, overrides, previous)
    with directory_lock(site_dir):
        if manifest.text(site_dir) != built_on:  # another publish wrote the site meanwhile
            previous = manifest.parse(manifest.text(site_dir))
            files, current = _build(reports_dir, site_dir, base_url, overrides, previous)
        files[site_dir / MANIFEST] = current.dumps()
        started = time.time()
        written = write_files(files)
        _prune(site_dir, previous.files - current.files)
        # a killed publish's temporaries also where no file was written this time
        remove_stale_temporaries({(site_dir / name).parent for name in current.files}, started)
    return [path for path in written if path.name != MANIFEST]


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
    files, _ = _build(reports_dir, site_dir, base_url, overrides, Manifest())
    return {
        path: content if isinstance(content, str) else "".join(content)
        for path, content in files.items()
    }


@dataclass(frozen=True)
class _Input:
    """A report file of this build, and what is known of it."""

    path: Path
    relative: Path
    known: Known


def _build(
    reports_dir: Path,
    site_dir: Path,
    base_url: str | None,
    overrides: Sequence[Override],
    previous: Manifest,
) -> tuple[dict[Path, Content], Manifest]:
    """The files to write, and the manifest of the whole site.

    A report file whose hash the last build recorded is not read again: its listing comes
    from the manifest. A file that is no report (a stray ``README.md``, one broken model) is
    skipped with a warning naming it. A report page is rendered unless the page the last
    build wrote from the same report, locales, overrides and insight is there, at the size
    it had.
    """
    current = Manifest(build=manifest.fingerprint(overrides))
    reused = previous if previous.build == current.build else Manifest()
    loaded: dict[Path, Entry] = {}
    inputs = []
    for path, relative in report_files(reports_dir):
        digest = manifest.file_digest(path)
        known = reused.reports.get(relative.as_posix())
        if known is None or known.digest != digest:
            try:
                entry = loaded[path] = _entry(path, relative, overrides)
            except ReportFormatError as error:  # a stray file, or one broken report: not the rest
                LOG.warning("%s; skipped", error)
                continue
            known = Known(digest, entry.listing, entry.notices)
        for notice in known.notices:
            LOG.warning("%s", notice)
        current.reports[relative.as_posix()] = known
        inputs.append(_Input(path, relative, known))
    if not inputs:
        raise UsageError(f"{reports_dir}: no reports to publish")
    inputs.sort(key=lambda report: _newest_first(report.known.listing), reverse=True)
    site = _Site([report.known.listing for report in inputs], base_url)
    files: dict[str, Content] = site.lists()
    for report in {report.known.listing.page: report for report in inputs}.values():
        listing = report.known.listing
        key = site.page_key(listing, current.build, report.known.digest)
        written = reused.pages.get(listing.page)
        if written is not None and written == (key, _size(site_dir, listing.page)):
            current.pages[listing.page] = written
            continue
        if report.path in loaded:
            entry = loaded.pop(report.path)
        else:
            entry = _entry(report.path, report.relative, overrides)
        content = files[listing.page] = site.report_page(entry, listing)
        current.pages[listing.page] = (key, sum(len(part.encode()) for part in content))
    current.files = set(files) | set(current.pages)
    return {contained(site_dir, path): files[path] for path in sorted(files)}, current


def _size(site_dir: Path, page: str) -> int | None:
    """The size of a page on disk (a page's path has no ``..``: its name is a slug)."""
    try:
        return (site_dir / page).stat().st_size
    except OSError:
        return None


def _index_record(listing: Listing) -> dict[str, Any]:
    record: dict[str, Any] = {
        "title": listing.title,
        "locale": listing.locale,
        "category": listing.category,
        "date": listing.date,
        "counts": listing.counts,
        "path": listing.page,
        "source": listing.source,
    }
    if listing.range is not None:
        record["range"] = listing.range
    if listing.pages:
        record["pages"] = listing.pages
    return record


class _Site:
    """The pages and feeds of one build; templates get plain values and only loop and branch."""

    def __init__(self, listings: list[Listing], base_url: str | None) -> None:
        self.listings = listings
        self.by_locale: dict[str, list[Listing]] = {}
        for listing in listings:
            self.by_locale.setdefault(listing.locale, []).append(listing)
        self.locales = sorted(self.by_locale)
        self.by_key = {(e.category, e.date, e.locale): e for e in listings}
        self.base_url = base_url.rstrip("/") + "/" if base_url else None

    def render(self, template: str, path: str, locale: str, **values: Any) -> str:
        """A page: no control character or lone surrogate of a report's text in it raw."""
        return escape.printable(
            _templates()
            .get_template(template)
            .render(root=_up(path), lang=_tag(locale), text=_chrome(locale), **values)
        )

    def lists(self) -> dict[str, Content]:
        """Every file but the report pages: what lists, links and describes the reports."""
        files: dict[str, Content] = {
            "assets/style.css": (resource_dir("templates") / "site" / "style.css").read_text(
                "utf-8"
            ),
            "index.html": self.languages_page(),
            "index.json": json.dumps(
                {"reports": [_index_record(listing) for listing in self.listings]},
                ensure_ascii=False,
                indent=2,
            )
            + "\n",
        }
        for locale in self.locales:
            files.update(self.locale_files(locale))
        return files

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
        """A locale's home, archive and feeds."""
        members = self.by_locale[locale]
        categories = sorted({listing.category for listing in members})
        home, archive = f"{locale}/index.html", f"{locale}/archive.html"
        files = {
            home: self.render(
                "home.html.j2",
                home,
                locale,
                reports=[_card(listing, locale) for listing in members[:NEWEST_ON_HOME]],
                feeds=[{"href": f"feeds/{slug(c)}.xml", "category": c} for c in categories],
                switch=self.switch(locale, lambda other: f"{other}/index.html"),
            ),
            archive: self.render(
                "archive.html.j2",
                archive,
                locale,
                months=_grouped(members, locale, lambda listing: listing.date[:7]),
                by_category=_grouped(
                    sorted(members, key=lambda e: e.category), locale, lambda e: e.category
                ),
                switch=self.switch(locale, lambda other: f"{other}/archive.html"),
            ),
            f"{locale}/feed.xml": self.feed(f"{locale}/feed.xml", locale, members),
        }
        for category in categories:
            path = f"{locale}/feeds/{slug(category)}.xml"
            chosen = [listing for listing in members if listing.category == category]
            files[path] = self.feed(path, locale, chosen, category)
        return files

    def page_key(self, listing: Listing, build: str, digest: str) -> str:
        """What a report page is rendered from: its report, the locales it is published in
        (its language switcher), and the build's fingerprint."""
        switch = self._switch_of(listing)
        text = json.dumps([build, digest, switch], sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()

    def report_page(self, entry: Entry, listing: Listing) -> list[str]:
        """The page of a report, in pieces; over ``PAGE_LIMIT``, its largest diffs are links."""
        locale = listing.locale
        framed = self.render(
            "report.html.j2",
            listing.page,
            locale,
            report=entry.report,
            card=_card(listing, locale),
            body=_BODY,
            feed=f"../feeds/{slug(listing.category)}.xml",
            switch=self._switch_of(listing),
        )
        head, _, tail = framed.partition(_BODY)
        frame_bytes = len(head.encode()) + len(tail.encode())
        label = _chrome(locale)["diff_elsewhere"]
        return [head, *page.body(entry.report, entry.markdown, frame_bytes, label), tail]

    def _switch_of(self, listing: Listing) -> list[dict[str, str]]:
        return self.switch(listing.locale, partial(self._page, listing.category, listing.date))

    def _page(self, category: str, date: str, locale: str) -> str | None:
        listing = self.by_key.get((category, date, locale))
        return listing.page if listing else None

    def feed(
        self, path: str, locale: str, members: list[Listing], category: str | None = None
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
                updated=f"{newest[0].date}T00:00:00Z",
                self_href=prefix + path,
                home=prefix + f"{locale}/index.html",
                entries=[
                    {
                        "id": listing.urn,
                        "title": f"{listing.title} ({listing.date})",
                        "updated": f"{listing.date}T00:00:00Z",
                        "href": prefix + listing.page,
                        "summary": listing.summary,
                        "category": listing.category,
                    }
                    for listing in newest
                ],
            )
        )


def _up(path: str) -> str:
    """The way back to the site's root from the folder of ``path``."""
    return "../" * (len(PurePosixPath(path).parts) - 1)


def _grouped(members: list[Listing], locale: str, key: Any) -> dict[str, list[dict[str, Any]]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for listing in members:
        groups.setdefault(key(listing), []).append(_card(listing, locale))
    return groups


def _language_link(locale: str, page: str) -> dict[str, str]:
    return {"href": page, "name": _language(locale), "lang": _tag(locale)}


def _card(listing: Listing, locale: str) -> dict[str, Any]:
    text = _chrome(locale)
    return {
        "href": listing.page,
        "title": listing.title,
        "category": listing.category,
        "date": listing.date,
        "summary": listing.summary,
        "badges": [
            {
                "label": text.get(f"type_{kind.split()[0]}", kind),
                "count": count,
                "css": "type-" + kind.split()[0],
            }
            for kind, count in listing.counts.items()
            if count
        ],
    }


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
