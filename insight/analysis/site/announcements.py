"""Release notes, changelogs and announcements: what their new entries announce.

Old entries of a release-notes page are archived, not withdrawn, so what such a page lost
says little. What it gained says what happened to the product: a new release entry that
announces breaking changes, removals, deprecations or a required migration tells a reader
that what they relied on no longer holds (RUBRIC.md: breaking change), as opposed to
entries that only add (new feature or minor, as the rest of the change decides).
"""

from __future__ import annotations

import re

from insight.lexicon import Lexicon
from insight.models import FileChange

MAX_ITEMS = 3
"""Announced items kept for the explanation."""
WEAK_ITEMS = 2
"""Items that only remove or deprecate must be at least this many to decide..."""
WEAK_SHARE = 0.2
"""...and at least this share of the entries added: a few among many are news among news."""
_NUMBER = re.compile(r"\d+")
_CONTINUES = re.compile(r"^[ \t]*(?![-*+>#|][ \t]|\d+[.)][ \t]|[-*_=]{3})\S")
"""A line that goes on with the paragraph above it: no list, quote, heading or table marker,
no rule."""
_ENDS_PARAGRAPH = re.compile(r"^[ \t]*(?:#|\|)")
"""A heading or a table row: nothing goes on from it."""
_MARKUP = re.compile(r"^[\s*+>#-]*|\[([^\]]*)\]\([^)]*\)")


def _posts(lexicon: Lexicon) -> str:
    """A post: a file of a blog or news folder, or named by its date."""
    folders = lexicon.alternation("announcement_folders")
    return rf"(?:^|/){folders}/|(?:^|/)\d{{4}}-\d\d-\d\d-[^/]*$"


def _post(lexicon: Lexicon) -> re.Pattern[str]:
    return re.compile(_posts(lexicon), re.IGNORECASE)


def _announcement_path(lexicon: Lexicon) -> re.Pattern[str]:
    """Release notes, a changelog, a what's-new page, or a post."""
    parts = lexicon.alternation("announcement_paths")
    files = lexicon.alternation("announcement_files")
    return re.compile(rf"{parts}|(?:^|/){files}$|{_posts(lexicon)}", re.IGNORECASE)


def _absent(lexicon: Lexicon) -> re.Pattern[str]:
    """Words that end a text and say that what follows is not there, or was undone, up to two
    words before it ("no ", "without ", "no user-facing ", "mitigated `watch -d` ")."""
    absences = lexicon.alternation("absences")
    return re.compile(rf"{absences}(?:[ \t]+[^\s]+){{0,2}}[ \t]*$", re.IGNORECASE)


def _says(wording: re.Pattern[str], text: str, absent: re.Pattern[str]) -> bool:
    """Whether ``text`` says ``wording`` other than to say there is none, or it was undone."""
    return any(not absent.search(text, 0, match.start()) for match in wording.finditer(text))


def is_announcement(path: str, lexicon: Lexicon) -> bool:
    """Release notes, a changelog, a what's-new page, or a dated blog or news post."""
    return bool(lexicon.compiled(_announcement_path).search(path))


def _added(patch: str | None) -> list[str]:
    """The added entries and paragraphs, without markup: the lines of a paragraph wrapped in
    the source are one text. A line that only changed its numbers or its markup (a version
    in a standing sentence, a heading one level up) is not a new entry, and an HTML comment
    (a note to the post's writers: "if you write about a breaking change, …") is no text of
    the post."""
    lines = (patch or "").split("\n")
    removed = {_NUMBER.sub("#", _plain(line[1:])) for line in lines if line[:1] == "-"}
    commented = False
    paragraphs: list[list[str]] = []
    going_on = False  # whether the last line read may go on in the next
    for line in lines:
        if line[:1] == "-" or line.startswith(("+++", "@@")):
            continue
        shown, commented = _uncommented(line[1:], commented)
        text = _plain(shown)
        if line[:1] != "+" or not text or _NUMBER.sub("#", _plain(line[1:])) in removed:
            going_on = False
            continue
        if going_on and _CONTINUES.match(shown):
            paragraphs[-1].append(text)
        else:
            paragraphs.append([text])
        going_on = not _ENDS_PARAGRAPH.match(shown)
    return [" ".join(paragraph) for paragraph in paragraphs]


def _plain(line: str) -> str:
    """A line's text without its list, heading or quote markers and link targets."""
    return _MARKUP.sub(lambda match: match.group(1) or "", line).strip()


def _uncommented(line: str, commented: bool) -> tuple[str, bool]:
    """A line without the parts inside HTML comments, given whether a comment was open
    before it, and whether one is still open after it."""
    shown: list[str] = []
    while line:
        if commented:
            end = line.find("-->")
            if end < 0:
                return "".join(shown), True
            line, commented = line[end + 3 :], False
        else:
            start = line.find("<!--")
            if start < 0:
                shown.append(line)
                break
            shown.append(line[:start])
            line, commented = line[start + 4 :], True
    return "".join(shown), commented


def breaking_items(change: FileChange, lexicon: Lexicon) -> tuple[str, ...]:
    """The added entries of an announcement that announce breaking changes, removals or
    deprecations; empty unless they decide (one that says breaking, incompatible or migration
    guide: ``announcement_strong``, or at least ``WEAK_ITEMS`` removals or deprecations that
    are a good share of the new entries: ``announcement_weak``). A new page announces only as
    a post (a dated or blog file): a new page of a what's-new folder is a new page, whatever
    its subject."""
    if change.status not in ("added", "modified", "renamed") or not is_announcement(
        change.path, lexicon
    ):
        return ()
    if change.status == "added" and not lexicon.compiled(_post).search(change.path):
        return ()
    strong, weak, entries = [], [], 0
    strong_wording = lexicon.pattern("announcement_strong")
    weak_wording = lexicon.pattern("announcement_weak")
    absent = lexicon.compiled(_absent)
    for text in _added(change.patch):
        entries += 1
        if _says(strong_wording, text, absent):
            strong.append(text)
        elif _says(weak_wording, text, absent):
            weak.append(text)
    if strong or (len(weak) >= WEAK_ITEMS and WEAK_SHARE * entries <= len(weak)):
        return tuple((strong + weak)[:MAX_ITEMS])
    return ()
