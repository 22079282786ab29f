"""The offline engine's words for one file: a title that names what changed, and the facts.

The title names the deciding change (a section, a value, a package, a page); a change that
only has line counts to show is named by the section it happened in. The explanation says
what the status means (where a removed page's address now leads), the notable changes, and a
fact a reader can act on: the sections a new page covers, the gist of added text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from insight import i18n
from insight.analysis.document.titles import document_title, page_headings
from insight.analysis.site import kinds
from insight.models import (
    BREAKING,
    MINOR,
    NEW_FEATURE,
    Assessment,
    FileChange,
    PageFacts,
    Signal,
    Writeup,
)

TYPE_KEYS = {BREAKING: "breaking", NEW_FEATURE: "new", MINOR: "minor"}
MAX_SIGNAL_PHRASES = 3
MAX_LISTED = 3
"""Items of a list detail (rows, typo fixes) named in a phrase."""
MAX_COVERED = 4
"""Sections of a new page named in its explanation."""
GIST_LIMIT = 140
GIST_KINDS = frozenset(("text_added", "text_edited", "alert_added"))
"""Deciding signals whose explanation quotes the first added prose: what the note says."""
COUNT_KINDS = frozenset(
    (
        *("text_added", "text_removed", "text_edited", "whitespace_changed"),
        *("formatting_changed", "comment_changed", "image_text_changed"),
    )
)
"""Signals whose phrase only counts lines: a title names the section they happened in."""
CODE_KINDS = frozenset(("code_added", "code_removed", "code_changed"))
"""Signals whose phrase names only a language: a title quotes the changed code too."""
_MARKUP = re.compile(r"[*_`]+|<[^>]+>|\[([^\]]*)\]\([^)]*\)|^\s*(?:[-*+>]|\d+\.)\s+")
_PROSE = re.compile(r"[^\W\d_]{3,}")
_TERM_SPAN = re.compile(r"`([^`]{2,60})`")
_LINK_TEXT = re.compile(r"\[([^\]]{3,60})\]\(")
TERM_WORDS = 6
"""Words of changed prose quoted in a title when it names nothing shorter."""


def write(
    change: FileChange,
    assessment: Assessment,
    messages: i18n.Catalogue,
    page: PageFacts | None = None,
) -> Writeup:
    """A short title and a 1-3 sentence explanation that name the decisive signals."""
    name = change.path.rsplit("/", 1)[-1]
    old_name = (change.old_path or change.path).rsplit("/", 1)[-1]
    if change.old_path and old_name == name:  # a move between folders: name the folders
        name, old_name = change.path, change.old_path
    title_text = (page.page_title if page else None) or document_title(
        change.new_text if change.status != "removed" else change.old_text
    )
    subject = messages.text("meta.subject", title=title_text) if title_text else f"`{name}`"
    prefix = _prefix(change, page)
    phrases = _phrases(assessment.signals, messages)
    params = {
        "subject": subject,
        "name": name,
        "old_name": old_name,
        "path": change.path,
        "old_path": change.old_path,
    }
    if change.status == "modified" and phrases:
        title = _capitalize(phrases[0])
        deciding = assessment.signals[0]
        if deciding.kind in COUNT_KINDS:
            where = section_at(change, deciding) or title_text
            term = changed_term(change.patch, "-" if deciding.side == "old" else "+")
            key = "title.in_section" if where else "title.about"
            if term:
                key = "title.in_section_about" if where else "title.about"
            if where or term:
                title = _capitalize(messages.text(key, section=where, what=phrases[0], term=term))
        elif deciding.kind in CODE_KINDS:
            term = changed_term(change.patch, "-" if deciding.side == "old" else "+")
            if term:
                title = _capitalize(messages.text("title.about", what=phrases[0], term=term))
    else:
        title = messages.text(f"title.{prefix}{change.status}", **params)
    sentences = [_status_sentence(change, page, messages, params, prefix)]
    if page is not None and page.announces:
        sentences.append(messages.text("explain.announces", text=page.announces[0]))
    if page is not None and page.moved_to:
        moved = messages.plural("lines", page.moved_lines)
        sentences.append(messages.text("explain.moved_to", lines=moved, target=page.moved_to[0]))
    if phrases:
        sentences.append(messages.text("explain.signals", list=messages.join(phrases)))
    facts = _facts(change, assessment, messages)
    sentences += facts or [messages.text(f"impact.{TYPE_KEYS[assessment.type]}")]
    return Writeup(
        title=title,
        explanation=" ".join(sentences) if messages.locale.startswith("en") else "".join(sentences),
    )


def _prefix(change: FileChange, page: PageFacts | None) -> str:
    """Which family of titles fits: a page, a navigation file (judged by its entries, not as a
    page of its own), or any other file."""
    if page is not None and page.navigation is not None:
        return "nav_"
    return "" if kinds.is_document(change.path) else "file_"


def _status_sentence(
    change: FileChange,
    page: PageFacts | None,
    messages: i18n.Catalogue,
    params: dict,
    prefix: str = "",
) -> str:
    if change.binary:
        return messages.text("explain.binary", **params)
    lines = messages.plural(
        "lines", change.additions if change.status == "added" else change.deletions
    )
    added = messages.plural("lines_added", change.additions)
    removed = messages.plural("lines_removed", change.deletions)
    edits = (
        messages.text("edits.both", added=added, removed=removed)
        if change.changes
        else messages.text("edits.none")
    )
    key = f"explain.{change.status}"
    if prefix == "nav_" and messages.has(f"explain.nav_{change.status}"):
        return messages.text(f"explain.nav_{change.status}", lines=lines, edits=edits, **params)
    if page and page.redirect and change.status in ("renamed", "removed"):
        key += "_redirected"
        shown = f"<{page.redirect}>" if "://" in page.redirect else f"`{page.redirect}`"
        params = {**params, "redirect": shown}
    elif page and page.keeps_address:
        key += "_kept"
    return messages.text(key, lines=lines, edits=edits, **params)


def _phrases(signals: Sequence[Signal], messages: i18n.Catalogue) -> list[str]:
    """Phrases for the first signals (the rules put the deciding ones first), each once."""
    phrases: list[str] = []
    for signal in signals:
        phrase = _phrase(signal, messages)
        if phrase and phrase not in phrases:
            phrases.append(phrase)
        if len(phrases) == MAX_SIGNAL_PHRASES:
            break
    return phrases


def _phrase(signal: Signal, messages: i18n.Catalogue) -> str | None:
    """The catalogue's words for one signal: ``signal.<kind>`` or one of its variants."""
    detail = signal.detail
    params = {key: _shown(value) for key, value in detail.items()}
    for count in ("lines", "added", "removed"):
        if isinstance(detail.get(count), int):
            params[count] = messages.plural("lines", detail[count])
    key = f"signal.{signal.kind}{_variant(signal)}"
    return messages.text(key, **params) if messages.has(key) else None


def _variant(signal: Signal) -> str:
    """Which form of a phrase fits the detail: a key added or removed, no language, a date."""
    detail = signal.detail
    if signal.kind == "front_matter_changed" and detail["old"] is None:
        return "_added"
    if signal.kind == "front_matter_changed" and detail["new"] is None:
        return "_removed"
    if signal.kind in ("code_added", "code_removed", "code_changed") and not detail.get("language"):
        return "_plain"
    if signal.kind.startswith("deprecation_") and detail.get("date"):
        return "_dated"
    if signal.kind == "typo_fixed" and not detail.get("fixes"):
        return "_plain"
    if signal.kind == "link_retargeted" and not detail.get("text"):
        return "_plain"
    return ""


def _shown(value: object) -> str:
    """A detail value as it reads inside a phrase: lists shortened, no backticks or breaks."""
    if isinstance(value, (list, tuple)):
        shown = [str(item) for item in value[:MAX_LISTED]]
        more = len(value) - len(shown)
        value = ", ".join(shown) + (f" (+{more})" if more > 0 else "")
    return " ".join(str(value if value is not None else "").replace("`", "'").split())


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def _facts(change: FileChange, assessment: Assessment, messages: i18n.Catalogue) -> list[str]:
    """What a reader acts on, beyond the notable changes: what a new page covers, the gist of
    added text; for a breaking change also what to check."""
    facts = []
    if change.status in ("added", "copied"):
        covered = headings(change.new_text, level=2)[:MAX_COVERED]
        if covered:
            facts.append(messages.text("explain.covers", list=messages.join(covered)))
    elif (
        change.status == "modified"
        and assessment.signals
        and assessment.signals[0].kind in GIST_KINDS
    ):
        gist = added_gist(change.patch)
        if gist:
            facts.append(messages.text("explain.gist", text=gist))
    if facts and assessment.type == BREAKING:
        facts.append(messages.text("impact.breaking"))
    return facts


def headings(text: str | None, level: int) -> list[str]:
    """The titles of the headings of ``level`` outside code blocks, in order."""
    return [heading.title for heading in page_headings(text) if heading.level == level]


def section_at(change: FileChange, signal: Signal) -> str | None:
    """The heading of the section a signal's line is in (the nearest heading above it)."""
    text = change.old_text if signal.side == "old" else change.new_text
    if not text or not signal.line:
        return None
    nearest = None
    for heading in page_headings(text):
        if heading.line >= signal.line - 1:
            break  # the headings come in order: the rest are below the line too
        if heading.level > 1:
            nearest = heading.title
    return nearest


def changed_term(patch: str | None, sign: str) -> str | None:
    """What the changed prose is about, quoted from it: its first code span, else its first
    link's text, else its first words; from the lines marked ``sign`` (``+`` or ``-``)."""
    words = None
    for line in (patch or "").split("\n"):
        if not line.startswith(sign) or line.startswith(sign * 3):
            continue
        text = line[1:].strip()
        if not text or text.startswith(("```", "~~~", "<!--", "---", "#")):
            continue
        span = _TERM_SPAN.search(text)
        if span and _PROSE.search(span.group(1)):
            return f"`{span.group(1).strip()}`"
        link = _LINK_TEXT.search(text)
        if link and _PROSE.search(link.group(1)):
            return f"“{_plain(link.group(1))}”"
        if (
            words is None
            and not text.startswith(("|", "<"))
            and len(_PROSE.findall(_plain(text))) >= 2
        ):
            words = " ".join(_plain(text).split()[:TERM_WORDS])
    return f"“{words}…”" if words else None


def _plain(text: str) -> str:
    return " ".join(_MARKUP.sub(lambda match: match.group(1) or "", text).split())


def added_gist(patch: str | None) -> str | None:
    """The first added line of prose, without its markup, cut to a readable length."""
    for line in (patch or "").split("\n"):
        if not line.startswith("+") or line.startswith("+++"):
            continue
        text = line[1:].strip()
        if not text or text.startswith(("|", "#", "```", "~~~", "<!--", ":::", "---")):
            continue
        plain = " ".join(_MARKUP.sub(lambda match: match.group(1) or "", text).split())
        if len(_PROSE.findall(plain)) >= 3:
            return plain if len(plain) <= GIST_LIMIT else plain[: GIST_LIMIT - 1].rstrip() + "…"
    return None
