"""The offline engine's words for one file: a title that names the deciding change, and an
explanation that says what changed.

The title names the deciding change: a section, a value old → new, a name, the page; a change
of prose is named by what it says (the new sentence, the statement as it was and as it now
reads) in the section it happened in. The explanation says, in this order and only what is
known:

1. what happened to the file and its address: a removed page's address now leads elsewhere,
   is published by another file, or breaks; a moved page keeps its address (``page.md`` →
   ``page.mdx``, a version folder), redirects or breaks; a file edited, with its notable
   changes;
2. where text went and came from: a removed page's text, a section moved to another file,
   text that came from another file of the range;
3. what an include's change reaches: the pages that show it; a version change that other
   files of the range share;
4. the gist: what a new page covers (or its first sentence), the first new sentence, the
   statement old → new, the text removed.

There is no closing sentence: when nothing more is known, the explanation ends.

``story`` reads all of it from the change once (locale-free); ``words`` says it in one
locale's words, so a report in three languages reads the change once.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from insight import i18n
from insight.analysis.document.titles import document_title, page_headings
from insight.analysis.site import kinds
from insight.engines import phrases, quotes
from insight.lexicon import Lexicon
from insight.lexicon import load as load_lexicon
from insight.models import (
    MARKDOWN_SUFFIXES,
    SERVED_REDIRECT,
    SERVED_REPLACED,
    SERVED_SAME,
    SERVED_VERSION,
    Assessment,
    FileChange,
    MovedText,
    PageFacts,
    Signal,
    Writeup,
)

MAX_LISTED = 3
"""Pages an include shows on, and files text went to or came from, named in an explanation."""
MAX_COVERED = 4
"""Sections of a new page named in its explanation."""
MAX_SUBJECT = 80
"""A page title longer than this (a comment read as a title) is not the page's name: its file
name is."""
MAX_SECTION = 50
"""A section named in a title is cut to this many characters."""
PROSE_KINDS = {"text_edited": "rewrite", "text_added": "added", "text_removed": "removed"}
"""Deciding signals that only count lines of prose: the title quotes what the prose says."""
GIST_KINDS = {
    **PROSE_KINDS,
    **dict.fromkeys(("alert_added", "section_added", "capability_added"), "added"),
    "statement_corrected": "rewrite",
    "section_removed": "removed",
}
"""Deciding signals whose explanation quotes the prose: how it reads now, what it said."""
COUNT_KINDS = frozenset(
    ("whitespace_changed", "formatting_changed", "comment_changed", "image_text_changed")
)
"""Deciding signals that only count lines: the title names the section they happened in."""
CODE_KINDS = frozenset(("code_changed", "code_line_changed"))
"""Deciding signals of changed code: the title quotes the code old → new."""
PLACED_KINDS = frozenset((*PROSE_KINDS, *COUNT_KINDS, *CODE_KINDS))
"""Deciding signals whose words do not say where in the page they are: the title names the
section they are in."""
_WORDS = re.compile(r"\w+")
"""The words of a heading, as the lexicon's navigation headings are written."""


@dataclass(frozen=True)
class Moved:
    """Text that left this file for another (``out``) or came from another (not ``out``)."""

    path: str
    lines: int
    out: bool
    section: str | None = None
    """The section heading the moved text starts with, when it starts with one."""
    pointed: bool = True
    """Whether the page points to where the text went (else it is removed here all the
    same: ``PageFacts.echoed_in``)."""


@dataclass(frozen=True)
class Story:
    """What the writeup says of one change, before it is put in a locale's words."""

    change: FileChange
    """The change described: for the file that now publishes a removed file's address, the
    two as one move (``PageFacts.paired``)."""
    assessment: Assessment
    page: PageFacts
    family: str
    """Which family of titles fits: ``""`` (a page), ``include_``, ``nav_`` or ``file_``."""
    title_text: str | None
    status: str
    """The explanation's status key: ``added``, ``removed_redirected``, ``renamed_kept``…"""
    by_content: bool
    """The title names the content change, not the status (a modified file, a move whose old
    address still serves)."""
    section: str | None = None
    """The section the deciding signal is in."""
    title_quote: tuple[str, ...] = ()
    """What the title quotes of the deciding change: (kind, text…)."""
    title_lines: tuple[str, ...] = ()
    """For deciding prose that could not be quoted (what the analysis counted as text may be a
    directive or a marker): its lines as they are, when no other change names something."""
    gist: tuple[str, ...] = ()
    """What the explanation quotes: (``added`` | ``removed`` | ``opening``, text) or
    (``rewrite``, old, new)."""
    covers: tuple[str, ...] = ()
    moved: tuple[Moved, ...] = ()


def write(
    change: FileChange,
    assessment: Assessment,
    messages: i18n.Catalogue,
    page: PageFacts | None = None,
    lexicon: Lexicon | None = None,
) -> Writeup:
    """A short title and an explanation that say what changed."""
    return words(story(change, assessment, page, lexicon), messages)


def story(
    change: FileChange,
    assessment: Assessment,
    page: PageFacts | None = None,
    lexicon: Lexicon | None = None,
) -> Story:
    """Everything the writeup says of a change, read from it and from the site's facts;
    ``lexicon`` names the headings that only point elsewhere (the shipped lists by default)."""
    page = page or PageFacts(kind=kinds.kind_of(change.path, kinds.text_of(change)))
    if page.paired is not None and page.replaces:
        change = page.paired  # a removed file's address, published by this one: one move
    family = _family(change, page)
    title_text = page.page_title or document_title(
        change.new_text if change.status != "removed" else change.old_text
    )
    if title_text and len(title_text) > MAX_SUBJECT:
        title_text = None
    status = _status(change, page, family)
    served = change.status == "renamed" and (page.served is not None or bool(page.replaces))
    by_content = bool(assessment.signals) and (change.status == "modified" or served)
    deciding = assessment.signals[0] if assessment.signals else None
    placed = by_content and deciding is not None and deciding.kind in PLACED_KINDS
    section = _section_at(change, deciding) if placed and deciding else None
    quoted = change.status == "modified" or by_content
    title_quote = _title_quote(change, deciding) if quoted else ()
    kind = PROSE_KINDS.get(deciding.kind) if deciding and by_content else None
    title_lines = (
        _quote(change, kind, deciding, quotes.TITLE_LIMIT, quotes.LINES)
        if kind and deciding and not title_quote
        else ()
    )
    covers = _covers(change, lexicon or load_lexicon())
    return Story(
        change=change,
        assessment=assessment,
        page=page,
        family=family,
        title_text=title_text,
        status=status,
        by_content=by_content,
        section=section,
        title_quote=title_quote,
        title_lines=title_lines,
        gist=_gist(change, deciding, covers),
        covers=covers,
        moved=_moved(change, page),
    )


def words(told: Story, messages: i18n.Catalogue) -> Writeup:
    """The story in one locale's words."""
    change, page = told.change, told.page
    name = change.path.rsplit("/", 1)[-1]
    own_name = name  # the explanation names the file itself; a move's title, both ends
    old_path = page.replaces or change.old_path
    old_name = (old_path or change.path).rsplit("/", 1)[-1]
    if change.status == "removed" and page.replaced_by:
        old_name, name = name, page.replaced_by.rsplit("/", 1)[-1]
    if old_path and old_name == name:  # a move between folders: name the folders
        name, old_name = page.replaced_by or change.path, old_path
    subject = (
        messages.text("meta.subject", title=told.title_text) if told.title_text else f"`{own_name}`"
    )
    params = {
        "subject": subject,
        "name": name,
        "old_name": old_name,
        "path": change.path,
        "old_path": old_path,
    }
    phrased = phrases.phrased(told.assessment.signals, messages)
    return Writeup(
        title=_title(told, phrased, params, messages),
        explanation=messages.sentences(_sentences(told, list(phrased), params, messages)),
    )


# --- the title ---------------------------------------------------------------------------------


def _title(told: Story, phrased: dict[str, Signal], params: dict, messages: i18n.Catalogue) -> str:
    """The deciding change: a content change in its section, else what the status says."""
    change = told.change
    quoted = _quoted(told.title_quote, messages)
    if told.by_content and phrased:
        deciding = told.assessment.signals[0]
        what, signal = quoted, deciding
        if what is None:
            what, signal = _named_change(phrased)
            lines = _quoted(told.title_lines, messages)
            if signal.kind in PLACED_KINDS and lines:  # only a count: quote the lines instead
                what, signal = lines, deciding
        where = told.section if signal is deciding else None
        if where is None and signal.kind in PLACED_KINDS:
            where = told.title_text or params["name"]  # "Reworded 2 lines" says nothing alone
        if where:
            return _capitalize(messages.text("title.in_section", section=_cut(where), what=what))
        return _capitalize(what)
    if change.status == "modified" and quoted:
        return messages.text(f"title.{told.family}quoted", what=quoted, **params)
    status = "renamed" if change.status == "removed" and told.page.replaced_by else change.status
    return messages.text(f"title.{told.family}{status}", **params)


def _named_change(phrased: dict[str, Signal]) -> tuple[str, Signal]:
    """The phrase a title names when the deciding prose could not be quoted: the first that
    names something (an include, a link, a value) rather than counting lines, else the first."""
    for said, signal in phrased.items():
        if signal.kind not in PLACED_KINDS and signal.kind != "front_matter_changed":
            return said, signal
    return next(iter(phrased.items()))


def _quoted(quote: tuple[str, ...], messages: i18n.Catalogue) -> str | None:
    """A quote of the deciding change in the title's words."""
    if not quote:
        return None
    kind, *texts = quote
    if kind in ("code", "rewrite"):
        return messages.text(f"title.quote_{kind}", old=texts[0], new=texts[1])
    return messages.text(f"title.quote_{kind}", text=texts[0])


def _title_quote(change: FileChange, deciding: Signal | None) -> tuple[str, ...]:
    """What the title quotes: the prose or code of the deciding signal; for a change without
    signals (a file that is no page), its first edit."""
    if deciding is None:
        return _first_edit(change, quotes.TITLE_LIMIT)
    if deciding.kind in CODE_KINDS:
        code = quotes.rewrite(change, deciding.line, quotes.TITLE_LIMIT, quotes.CODE)
        return ("code", code.old, code.new) if code else ()
    kind = PROSE_KINDS.get(deciding.kind)
    return _quote(change, kind, deciding, quotes.TITLE_LIMIT) if kind else ()


def _first_edit(change: FileChange, limit: int) -> tuple[str, ...]:
    """The first edit of a change the analysis found nothing in: in prose, else in any line
    (a sample, a heading, a line of code)."""
    for reading in (quotes.PROSE, quotes.LINES):
        found = quotes.rewrite(change, limit=limit, reading=reading)
        if found:
            return ("rewrite", found.old, found.new)
        for kind, read in (("added", quotes.added), ("removed", quotes.removed)):
            text = read(change, limit=limit, reading=reading)
            if text:
                return (kind, text)
    return ()


def _section_at(change: FileChange, signal: Signal) -> str | None:
    """The heading of the Markdown section a signal's line is in (the nearest one above)."""
    text = change.old_text if signal.side == "old" else change.new_text
    if not text or not signal.line or not change.path.lower().endswith(MARKDOWN_SUFFIXES):
        return None
    nearest = None
    for heading in page_headings(text):
        if heading.line >= signal.line - 1:
            break  # the headings come in order: the rest are below the line too
        if heading.level > 1:
            nearest = heading.title
    return nearest


# --- the explanation ---------------------------------------------------------------------------


def _sentences(told: Story, said: list[str], params: dict, messages: i18n.Catalogue) -> list[str]:
    change, page = told.change, told.page
    sentences = [_status_sentence(told, said, params, messages)]
    if page.announces:
        sentences.append(messages.text("explain.announces", text=page.announces[0]))
    sentences += _moved_sentences(told, messages)
    if page.included_in and change.status != "removed":
        listed = messages.join([f"`{path}`" for path in page.included_in[:MAX_LISTED]])
        if len(page.included_in) > MAX_LISTED:
            listed = messages.text(
                "report.more", names=listed, count=len(page.included_in) - MAX_LISTED
            )
        sentences.append(messages.plural("explain.shown_on", len(page.included_in), pages=listed))
    for bump in page.version_bumps[:1]:
        sentences.append(
            messages.text(
                "explain.bumped",
                old=bump.old,
                new=bump.new,
                files=messages.plural("count.files", bump.files),
            )
        )
    if told.covers:
        sentences.append(messages.text("explain.covers", list=messages.join(list(told.covers))))
    if told.gist:
        kind, *texts = (_unstopped(text) for text in told.gist)
        if kind == "rewrite":
            sentences.append(messages.text("explain.rewrite", old=texts[0], new=texts[1]))
        elif kind != "removed" or not told.moved:  # removed text that went elsewhere is said
            sentences.append(messages.text(f"explain.gist_{kind}", text=texts[0]))
    return sentences


def _unstopped(text: str) -> str:
    """A quoted sentence without its full stop: the sentence that quotes it ends with one."""
    return text[:-1] if text.endswith((".", "。")) and not text.endswith("..") else text


def _status_sentence(told: Story, said: list[str], params: dict, messages: i18n.Catalogue) -> str:
    """What happened to the file (and its address), with its notable changes (``said``)."""
    change, page = told.change, told.page
    if change.binary:
        return messages.text("explain.binary", **params)
    lines = messages.plural(
        "lines", change.additions if change.status in ("added", "copied") else change.deletions
    )
    edits = messages.text(
        "edits.both",
        added=messages.plural("lines_added", change.additions),
        removed=messages.plural("lines_removed", change.deletions),
    )
    redirect = page.redirect
    shown = f"<{redirect}>" if redirect and "://" in redirect else f"`{redirect}`"
    listed = messages.join(said)
    status = "modified_counts" if told.status == "modified" and not said else told.status
    text = messages.text(
        f"explain.{status}",
        lines=lines,
        edits=edits if change.changes else messages.text("edits.none"),
        list=listed,
        redirect=shown,
        replaced_by=page.replaced_by,
        **params,
    )
    if said and change.status != "modified":
        text = messages.sentences([text, messages.text("explain.signals", list=listed)])
    return text


def _status(change: FileChange, page: PageFacts, family: str) -> str:
    """The key of the status sentence: the status, and what happened to the old address."""
    status = change.status
    if status == "modified":
        return status
    if family in ("nav_", "file_", "include_") and status in ("removed", "renamed"):
        return family + status  # no address of its own breaks: an include, a file, a TOC
    if family == "nav_" and status == "added":
        return "nav_added"
    if page.replaces and page.served == SERVED_VERSION:
        return "added_version"
    if page.replaces and page.served != SERVED_REDIRECT:
        return "added_replacing"  # else a move git did not pair, whose old address redirects
    if status == "removed" and page.replaced_by and page.served == SERVED_VERSION:
        return "removed_version"
    if status in ("removed", "renamed") and page.served == SERVED_REPLACED:
        return f"{status}_replaced"
    if status in ("removed", "renamed") and page.redirect:
        return f"{status}_redirected"
    if status == "renamed" and (page.served == SERVED_SAME or page.keeps_address):
        return "renamed_kept"
    if status == "renamed" and page.served == SERVED_VERSION:
        return "renamed_version"
    return status


def _moved_sentences(told: Story, messages: i18n.Catalogue) -> list[str]:
    """Where text went and came from: a removed page's text, sections moved out or in."""
    sentences = []
    for moved in told.moved:
        lines = messages.plural("lines", moved.lines)
        if told.change.status == "removed":
            key = "explain.removed_text_to"
        elif moved.path == told.change.path:
            key = "explain.moved_within"
        elif not moved.out:
            key = "explain.moved_from"
        elif not moved.pointed:
            key = "explain.section_also_in" if moved.section else "explain.text_also_in"
        else:
            key = "explain.section_to" if moved.section else "explain.text_to"
        sentences.append(messages.text(key, lines=lines, target=moved.path, section=moved.section))
    return sentences


def _moved(change: FileChange, page: PageFacts) -> tuple[Moved, ...]:
    """The runs of text this file lost to (or gained from) each other file, summed by file,
    what it lost first, then the largest; a section named when a run starts with its heading.
    Text reworded in place is no move: only a section moved within the page is said."""
    found: list[Moved] = []
    for runs, out, pointed in (
        (page.moved_text, True, True),
        (page.moved_in, False, True),
        (page.echoed_in, True, False),
    ):
        if not runs:
            continue
        by_path: dict[str, list[MovedText]] = defaultdict(list)
        for run in runs:
            by_path[run.path].append(run)
        text = change.old_text if out else change.new_text
        heading_lines = _headings_at(text, {run.start for run in runs})
        for path, group in by_path.items():
            section = next(
                (heading_lines[run.start] for run in group if run.start in heading_lines), None
            )
            if path == change.path and not (out and section):
                continue
            lines = sum(run.end - run.start + 1 for run in group)
            most = change.deletions if out else change.additions  # a run may end on a blank
            found.append(Moved(path, min(lines, most or lines), out, section, pointed))
    if not found and page.moved_to:  # what the diff alone tells
        found = [Moved(page.moved_to[0], page.moved_lines, True)]
    found.sort(key=lambda moved: (not moved.out, -moved.lines, moved.path))
    return tuple(found[:MAX_LISTED])


def _gist(change: FileChange, deciding: Signal | None, covers: tuple[str, ...]) -> tuple[str, ...]:
    """What the explanation quotes: what a new page says first (when it has no sections to
    list), the prose of the deciding change, or for a change without signals its first
    edit."""
    if change.status in ("added", "copied"):
        if covers:
            return ()
        opening = quotes.opening(change.path, change.new_text)
        return ("opening", opening) if opening else ()
    if change.status in ("removed", "changed") or change.binary:
        return ()
    if deciding is None:
        return _first_edit(change, quotes.SENTENCE_LIMIT)
    kind = GIST_KINDS.get(deciding.kind)
    return _quote(change, kind, deciding, quotes.SENTENCE_LIMIT) if kind else ()


def _quote(
    change: FileChange, kind: str, signal: Signal, limit: int, reading: str = quotes.PROSE
) -> tuple[str, ...]:
    """The text at a signal's line: a rewrite (old → new), or the added or removed text."""
    if kind == "rewrite":
        found = quotes.rewrite(change, signal.line, limit, reading)
        return ("rewrite", found.old, found.new) if found else ()
    read = quotes.added if kind == "added" else quotes.removed
    text = read(change, signal.line, limit, reading)
    return (kind, text) if text else ()


# --- helpers -------------------------------------------------------------------------------


def _family(change: FileChange, page: PageFacts) -> str:
    """Which family of titles fits: a page, shared text (an include: no page of its own), a
    navigation file (judged by its entries, not as a page of its own), or any other file (no
    address readers link to)."""
    if page.navigation is not None:
        return "nav_"
    if page.kind == kinds.INCLUDE:
        return "include_"
    if not kinds.is_document(change.path) or page.kind in (kinds.DATA, kinds.OTHER, kinds.MEDIA):
        return "file_"
    return ""


def _headings_at(text: str | None, lines: set[int]) -> dict[int, str]:
    """The title of each of ``lines`` (1-based) that is a heading of ``text``. The page is
    read for its headings (outside code) only when one of the lines starts as a heading
    does, and only as far as the last such line."""
    rows = (text or "").split("\n")
    last = max(
        (line for line in lines if 0 < line <= len(rows) and rows[line - 1][:1] == "#"), default=0
    )
    found: dict[int, str] = {}
    for heading in page_headings(text) if last else ():
        if heading.line + 1 > last:
            break
        if heading.line + 1 in lines:
            found[heading.line + 1] = heading.title
    return found


def _covers(change: FileChange, lexicon: Lexicon) -> tuple[str, ...]:
    """The sections a new page covers: its first level-2 headings, each once, without those
    that only point elsewhere ("Next steps")."""
    if change.status not in ("added", "copied"):
        return ()
    navigation = set(lexicon.navigation_headings)
    covered: dict[str, None] = {}
    for heading in page_headings(change.new_text):
        if len(covered) == MAX_COVERED:
            break
        words = " ".join(_WORDS.findall(heading.title.casefold()))
        if heading.level == 2 and words not in navigation:
            covered[heading.title] = None
    return tuple(covered)


def _cut(text: str) -> str:
    return quotes.shorten(text, MAX_SECTION)


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]
