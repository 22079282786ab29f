"""What a report's page on the site says under each file's heading, beyond the report itself.

The Markdown report format is fixed, so the site adds its own lines to the Markdown it
renders: who changed the file (its commits and pull requests, linked on GitHub), and for the
copies of one change in several version folders or languages, one group: the first copy
names where else the change was made, the others point to it.
"""

from __future__ import annotations

import re
from typing import Any

from insight import escape, i18n
from insight.engines.copies import copies
from insight.models import Report, ReportItem, anchor
from insight.report.render import link_target

MAX_COMMITS = 5
MAX_COPIES_NAMED = 8
_HEADING = re.compile(r"^## [^\n]*\{#(item-[0-9a-f]{6})\}$", re.MULTILINE)
_GITHUB_COMPARE = re.compile(r"^(https://github\.com/[^/\s]+/[^/\s]+)/compare/")


def annotated(report: Report, markdown: str) -> str:
    """``markdown`` (the report rendered) with the site's lines under each file's heading."""
    messages = i18n.catalogue(
        report.locale if report.locale in i18n.supported_locales() else "en_US"
    )
    notes: dict[str, list[str]] = {}
    for group in copies(report.items):
        first, *others = group.items
        links = [
            f"[{escape.inline(folder)}](#{anchor(item.path)})"
            for folder, item in zip(group.folders[1:], others, strict=True)
        ]
        named = messages.join(links[:MAX_COPIES_NAMED])
        if len(links) > MAX_COPIES_NAMED:
            named = messages.text("report.more", names=named, count=len(links) - MAX_COPIES_NAMED)
        notes.setdefault(first.path, []).append(
            messages.text(f"site.copies_{group.kind}", count=len(group.items), names=named)
        )
        for item in others:
            notes.setdefault(item.path, []).append(
                messages.text(
                    "site.copy_of", path=escape.code_span(first.path), anchor=anchor(first.path)
                )
            )
    repository = _github_repository(report.permalink)
    for item in report.items:
        if item.commits:
            notes.setdefault(item.path, []).append(_commits(item, repository, messages))
    if not notes:
        return markdown
    by_anchor = {anchor(path): lines for path, lines in reversed(notes.items())}

    def insert(match: re.Match[str]) -> str:
        lines = by_anchor.get(match.group(1))
        return (
            match.group(0) + "".join(f"\n\n{line}" for line in lines) if lines else match.group(0)
        )

    return _HEADING.sub(insert, markdown)


def _commits(item: ReportItem, repository: str | None, messages: i18n.Catalogue) -> str:
    commits: list[dict[str, Any]] = item.commits or []
    shown = [_commit(commit, repository, messages) for commit in commits[:MAX_COMMITS]]
    listed = messages.join(shown)
    if len(commits) > MAX_COMMITS:
        listed = messages.text("report.more", names=listed, count=len(commits) - MAX_COMMITS)
    return messages.plural("site.commits", len(commits), list=listed)


def _commit(commit: dict[str, Any], repository: str | None, messages: i18n.Catalogue) -> str:
    sha = str(commit.get("sha", ""))
    label = escape.code_span(sha[:7])
    if repository and re.fullmatch(r"[0-9a-f]{7,64}", sha):
        label = f"[{label}]({link_target(f'{repository}/commit/{sha}')})"
    text = messages.text(
        "site.commit",
        sha=label,
        subject=escape.inline(str(commit.get("subject", ""))),
        author=escape.inline(str(commit.get("author", ""))),
        date=escape.inline(str(commit.get("date", ""))[:10]),
    )
    number = commit.get("pull_request")
    if isinstance(number, int):
        request = f"#{number}"
        if repository:
            request = f"[{request}]({link_target(f'{repository}/pull/{number}')})"
        text = messages.text("site.commit_request", commit=text, request=request)
    return text


def _github_repository(permalink: str) -> str | None:
    """``https://github.com/OWNER/REPO`` when the report's compare view is on GitHub."""
    found = _GITHUB_COMPARE.match(permalink or "")
    return found.group(1) if found else None
