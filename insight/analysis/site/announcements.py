"""Release notes, changelogs and announcements: what their new entries announce.

Old entries of a release-notes page are archived, not withdrawn, so what such a page lost
says little. What it gained says what happened to the product: a new release entry that
announces breaking changes, removals, deprecations or a required migration tells a reader
that what they relied on no longer holds (RUBRIC.md: breaking change), as opposed to
entries that only add (new feature or minor, as the rest of the change decides).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from insight.models import FileChange

MAX_ITEMS = 3
"""Announced items kept for the explanation."""
WEAK_ITEMS = 2
"""Items that only remove or deprecate must be at least this many to decide..."""
WEAK_SHARE = 0.2
"""...and at least this share of the entries added: a few among many are news among news."""
_ANNOUNCEMENT_PATH = re.compile(
    r"release[-_ ]?notes?|changelog|change[-_]log|(?:^|/)(?:changes|history|news)\.md$"
    r"|whats?[-_]new|what-s-new|(?:^|/)(?:blog|news|posts|_posts|announcements?)/"
    r"|(?:^|/)\d{4}-\d\d-\d\d-[^/]*$",
    re.IGNORECASE,
)
_POST = re.compile(
    r"(?:^|/)(?:blog|news|posts|_posts|announcements?)/|(?:^|/)\d{4}-\d\d-\d\d-[^/]*$",
    re.IGNORECASE,
)
"""A post: a file of a blog or news folder, or named by its date."""
_STRONG = re.compile(
    r"\b[Bb]reaking [Cc]hanges?\b|\bBREAKING\b|\b[Ii]ncompatib\w*|\b[Mm]igration [Gg]uide\b"
    r"|\bmust (?:now )?(?:migrate|be migrated)\b"
)
_WEAK = re.compile(
    r"\bdeprecated\b|\bremoved\b|\bno longer (?:supported|available|works?|returns?)\b"
    r"|\bretired?\b|\bend of (?:support|life)\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\d+")
_MARKUP = re.compile(r"^[\s*+>#-]*|\[([^\]]*)\]\([^)]*\)")


def is_announcement(path: str) -> bool:
    """Release notes, a changelog, a what's-new page, or a dated blog or news post."""
    return bool(_ANNOUNCEMENT_PATH.search(path))


def _added(patch: str | None) -> Iterator[str]:
    """The added lines, without markup; a line that only changed its numbers (a version in a
    standing sentence) is not a new entry."""
    lines = (patch or "").split("\n")
    removed = {
        _NUMBER.sub("#", line[1:].strip())
        for line in lines
        if line[:1] == "-" and line[:3] != "---"
    }
    for line in lines:
        if line[:1] == "+" and line[:3] != "+++":
            if _NUMBER.sub("#", line[1:].strip()) in removed:
                continue
            text = _MARKUP.sub(lambda match: match.group(1) or "", line[1:]).strip()
            if text:
                yield text


def breaking_items(change: FileChange) -> tuple[str, ...]:
    """The added entries of an announcement that announce breaking changes, removals or
    deprecations; empty unless they decide (one that says breaking, incompatible or migration
    guide, or at least ``WEAK_ITEMS`` removals or deprecations that are a good share of the
    new entries). A new page announces only as a post (a dated or blog file): a new page of
    a what's-new folder is a new page, whatever its subject."""
    if change.status not in ("added", "modified", "renamed") or not is_announcement(change.path):
        return ()
    if change.status == "added" and not _POST.search(change.path):
        return ()
    strong, weak, entries = [], [], 0
    for text in _added(change.patch):
        entries += 1
        if _STRONG.search(text):
            strong.append(text)
        elif _WEAK.search(text):
            weak.append(text)
    if strong or (len(weak) >= WEAK_ITEMS and WEAK_SHARE * entries <= len(weak)):
        return tuple((strong + weak)[:MAX_ITEMS])
    return ()
