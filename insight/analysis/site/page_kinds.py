"""Which changed documents are pages a reader opens, and which only look like one.

A file's status makes it a new or a removed *page* only when it is one (RUBRIC.md: "a new
page", "a page is removed"). Not pages:

- YAML configuration and data: a docfx ``zone-pivot-groups.yml``, a site's data files, CI
  settings; a YAML file is a page when it declares a page type (docfx ``### YamlMime:Landing``
  and the like) or carries a top-level ``title`` or ``metadata``;
- files in hidden folders (``.github/``) and hidden files;
- a Markdown page with nothing of its own to read: front matter and at most a title (a
  section's index stub that only names and orders the section, a redirect stub).
"""

from __future__ import annotations

import posixpath
import re

from insight.models import YAML_SUFFIXES, FileChange

CONFIGURATION_TYPES = frozenset(("zonepivotgroups", "redirection", "breadcrumb"))
"""docfx YAML document types that configure the site rather than show a page."""
_YAML_MIME = re.compile(r"^\s*###\s*YamlMime:\s*([\w.-]+)", re.IGNORECASE)
_PAGE_KEY = re.compile(r"^(?:title|metadata)\s*:", re.MULTILINE)
_FRONT_MATTER = re.compile(r"\A(?:---|\+\+\+)\s*\n.*?\n(?:---|\+\+\+)\s*(?:\n|\Z)", re.DOTALL)
_TITLE_LINE = re.compile(r"^\s*#\s+\S.*$|^\s*<!--.*?-->\s*$", re.MULTILINE)


def text_of(change: FileChange) -> str | None:
    """The document as it stands after the change (before it, for a removed file); without
    the documents, the lines the patch adds (or removes)."""
    text = change.old_text if change.status == "removed" else change.new_text
    if text is not None or not change.patch:
        return text
    mark = "-" if change.status == "removed" else "+"
    return "\n".join(
        line[1:]
        for line in change.patch.split("\n")
        if line.startswith(mark) and line[:3] != mark * 3
    )


def is_page(change: FileChange) -> bool:
    """Whether the file is a page of the site rather than configuration, data or a hidden file."""
    folders = change.path.split("/")
    if any(part.startswith(".") for part in folders):
        return False
    if not change.path.lower().endswith(YAML_SUFFIXES):
        return True
    text = text_of(change)
    if text is None:
        return True
    mime = _YAML_MIME.match(text)
    if mime:
        return mime.group(1).lower() not in CONFIGURATION_TYPES
    return bool(_PAGE_KEY.search(text[:4000]))


def is_stub(change: FileChange) -> bool:
    """A Markdown page with nothing of its own to read: front matter and at most a title."""
    if change.path.lower().endswith(YAML_SUFFIXES) or posixpath.basename(change.path) == "":
        return False
    text = text_of(change)
    if text is None:
        return False
    body = _FRONT_MATTER.sub("", text.lstrip("\ufeff"), count=1)
    return not _TITLE_LINE.sub("", body).strip()
