"""Report model -> Markdown, through the jinja2 template ``report.md.j2``.

Rendering is a pure function of the model: the template only loops and branches, and
the filters below hold the few rules of the format (anchors, fences, front matter), and
every text from a repository or a model passes one of ``insight.escape``'s.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import jinja2

from insight import escape, i18n
from insight.errors import UsageError
from insight.escape import fence
from insight.models import Report, ReportItem, anchor
from insight.resources import DEFAULT_TEMPLATE, resource_dir, template_environment

SHIPPED_PREFIX = "insight:"
MAX_LISTED_PAGES = 5


def front_matter(report: Report) -> str:
    return escape.front_matter(
        {
            "title": f"[{report.locale}] {report.title}",
            "date": report.date,
            "permalink": report.permalink,
            "summary": report.summary,
        }
    )


def summary_json(item_type: str, title: str) -> str:
    """What ``json.dumps`` with ``indent=4`` writes for the two fields, written directly
    (json's indenting encoder is pure Python, and this runs once per file)."""
    return (
        f'{{\n    "modification_type": {json.dumps(item_type, ensure_ascii=False)},\n'
        f'    "modification_title": {json.dumps(title, ensure_ascii=False)}\n}}'
    )


def link_target(url: str) -> str:
    """A link destination that stays one: no spaces or parentheses, no ``javascript:``."""
    if not url or escape.LINE_BREAK.search(url) or not escape.safe_target(url):
        return "#"
    return re.sub(r"[\s()<>\\]", lambda match: f"%{ord(match.group(0)):02X}", url)


def basename(path: str) -> str:
    return path.rsplit("/", 1)[-1]


def coverage(report: Report) -> str:
    """One line on what the report covers: the range, its commits and their days."""
    covered = report.range
    if covered is None:
        return ""
    messages = _messages(report.locale)
    if not covered.first_date:
        days = ""
    elif covered.first_date == covered.last_date:
        days = messages.text("report.day", day=covered.first_date)
    else:
        days = messages.text("report.days", first=covered.first_date, last=covered.last_date)
    return messages.text(
        "report.covers",
        range=f"{covered.base[:7]}...{covered.head[:7]}",
        commits=messages.plural("report.commits", covered.commits),
        days=days,
    )


def page_facts(item: ReportItem, locale: str) -> str:
    """Where the page is published, where its old address leads, which pages show it."""
    messages = _messages(locale)
    lines = []
    if item.url and item.status != "removed":
        title = escape.inline(item.page_title or basename(item.path))
        lines.append(messages.text("report.page", title=title, url=link_target(item.url)))
    if item.redirect:
        lines.append(messages.text("report.redirect", url=link_target(item.redirect)))
    if item.included_in:
        names = [escape.code_span(path) for path in item.included_in[:MAX_LISTED_PAGES]]
        more = len(item.included_in) - len(names)
        listed = messages.join(names)
        if more:
            listed = messages.text("report.more", names=listed, count=more)
        shown = messages.plural("report.included", len(item.included_in), pages=listed)
        lines.append(shown)
    return "".join(f"{line}\n\n" for line in lines)


def _messages(locale: str) -> i18n.Catalogue:
    return i18n.catalogue(locale if locale in i18n.supported_locales() else "en_US")


@lru_cache(maxsize=8)
def _environment(directory: str) -> jinja2.Environment:
    environment = template_environment(
        Path(directory),
        # "{#" opens every heading anchor of the format, so comments use another marker.
        comment_start_string="<#--",
        comment_end_string="--#>",
    )
    environment.filters.update(
        anchor=anchor,
        fence=fence,
        front_matter=front_matter,
        summary_json=summary_json,
        cell=escape.cell,
        inline=escape.inline,
        block=escape.block,
        overview=escape.overview,
        link_target=link_target,
        basename=basename,
        coverage=coverage,
        page_facts=page_facts,
    )
    return environment


def _template(name: str) -> jinja2.Template:
    if name.startswith(SHIPPED_PREFIX):
        directory, file_name = resource_dir("templates"), name[len(SHIPPED_PREFIX) :]
    else:
        path = Path(name)
        if not path.is_file():
            raise UsageError(f"template {name}: no such file")
        directory, file_name = path.resolve().parent, path.name
    try:
        return _environment(str(directory)).get_template(file_name)
    except jinja2.TemplateNotFound:
        raise UsageError(f"template {name}: not found") from None
    except jinja2.TemplateSyntaxError as error:
        raise UsageError(f"template {name}: line {error.lineno}: {error.message}") from None


def render_markdown(report: Report, template: str = DEFAULT_TEMPLATE) -> str:
    """The Markdown of a report, byte for byte the Diff Insight Report format (a control
    character or lone surrogate of the model shown as its escape)."""
    try:
        return escape.printable(_template(template).render(report=report))
    except jinja2.TemplateError as error:
        raise UsageError(f"template {template}: {error.message or type(error).__name__}") from None
