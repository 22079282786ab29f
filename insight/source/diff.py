"""Unified diffs -> counts, hunks and file changes, parsed with unidiff.

Two inputs reach this module: GitHub-style *patches* (the hunks of one file, starting at the
first ``@@``) and whole *diffs* (``git diff`` output or a patch file, with file headers).
Lines are split on ``\\n`` only, so a bare ``\\r``, a form feed, U+0085 or U+2028 inside a
line is content, never a line break.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from difflib import SequenceMatcher
from io import StringIO
from typing import NamedTuple

from unidiff import PatchedFile, PatchSet
from unidiff.errors import UnidiffParseError

from insight.errors import DiffParseError
from insight.models import FileChange

_HUNK_HEADER = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@ ?(.*)$")
_NO_NEWLINE = "\\"
_PATCH_HEADER = "--- a/file\n+++ b/file\n"
_QUOTED_ESCAPES = {"a": 7, "b": 8, "t": 9, "n": 10, "v": 11, "f": 12, "r": 13, '"': 34, "\\": 92}


class PatchLine(NamedTuple):
    """One line of a hunk: its marker, its text (no marker, no newline) and line numbers."""

    kind: str
    """``+`` added, ``-`` removed, `` `` context."""
    text: str
    old_line: int | None
    new_line: int | None


class Hunk(NamedTuple):
    old_start: int
    old_length: int
    new_start: int
    new_length: int
    section: str
    """The text after the second ``@@``: git's guess at the enclosing heading or function."""
    lines: tuple[PatchLine, ...]


def count_lines(patch: str) -> tuple[int, int]:
    """(additions, deletions) of a hunks-only patch, cheaply; never raises on bad hunks."""
    try:
        patched = _single_file(PatchSet(StringIO(_PATCH_HEADER + patch), metadata_only=True))
    except UnidiffParseError:
        return _count(read_hunks(patch))
    return patched.added, patched.removed


def parse_diff(text: str) -> list[FileChange]:
    """Every file of a whole unified diff (``git diff`` output, a ``.patch`` file).

    Understands ``new file mode``, ``deleted file mode``, renames, copies, mode and type
    changes and binary markers. Anything unidiff cannot read is a ``DiffParseError``.
    """
    lines = StringIO(text).readlines()
    _check_hunk_headers(lines)
    try:
        patch_set = PatchSet(StringIO(text))
    except UnidiffParseError as error:
        raise DiffParseError(f"malformed diff: {error}") from None
    if not patch_set and text.strip():
        raise DiffParseError("not a unified diff: no file header ('diff --git' or '---/+++') found")
    return merge_type_changes([_file_change(patched, lines) for patched in patch_set])


def _check_hunk_headers(lines: list[str]) -> None:
    """Every line that starts with ``@@`` after the first file header is a hunk header (a
    hunk's own lines start with a marker); unidiff would skip a malformed one silently."""
    in_files = False
    for number, line in enumerate(lines, 1):
        if line.startswith("+++ "):
            in_files = True
        elif in_files and line.startswith("@@") and not _HUNK_HEADER.match(line.rstrip("\r\n")):
            shown = line.rstrip("\r\n")
            shown = shown if len(shown) <= 60 else shown[:57] + "..."
            raise DiffParseError(f"malformed diff: line {number}: bad hunk header {shown!r}")


def merge_type_changes(changes: list[FileChange]) -> list[FileChange]:
    """Git prints a type change (file <-> symlink) as a removal and an addition of one path."""
    merged: list[FileChange] = []
    for change in changes:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and previous.status == "removed"
            and change.status == "added"
            and previous.path == change.path
        ):
            merged[-1] = join_type_change(previous, change)
        else:
            merged.append(change)
    return merged


def join_type_change(removal: FileChange, addition: FileChange) -> FileChange:
    """One ``changed`` entry from the two halves of a type change, counted as numstat does."""
    patches = [patch for patch in (removal.patch, addition.patch) if patch]
    return FileChange(
        path=addition.path,
        status="changed",
        additions=removal.additions + addition.additions,
        deletions=removal.deletions + addition.deletions,
        binary=removal.binary or addition.binary,
        patch="\n".join(patches) or None,
        patch_too_large=removal.patch_too_large or addition.patch_too_large,
        patch_size=removal.patch_size + addition.patch_size,
        fingerprint=addition.fingerprint,
    )


def unquote_path(path: str) -> str:
    """Undo git's C-style quoting of a path (``"a/\\303\\251.md"`` -> ``a/é.md``)."""
    if len(path) < 2 or not (path.startswith('"') and path.endswith('"')):
        return path
    raw = bytearray()
    body = path[1:-1]
    index = 0
    while index < len(body):
        char = body[index]
        if char != "\\":
            raw.extend(char.encode("utf-8"))
            index += 1
        elif body[index + 1 : index + 4].isdigit():
            raw.append(int(body[index + 1 : index + 4], 8))
            index += 4
        else:
            raw.append(_QUOTED_ESCAPES.get(body[index + 1 : index + 2], ord("?")))
            index += 2
    return raw.decode("utf-8", errors="replace")


def _single_file(patch_set: PatchSet) -> PatchedFile:
    if len(patch_set) != 1:
        raise UnidiffParseError("a patch of one file was expected")
    return patch_set[0]


def read_hunks(patch: str) -> tuple[Hunk, ...]:
    """The hunks of a patch, read by their markers alone.

    For a well-formed patch this is exactly what unidiff reads; for one whose headers do not
    add up (a hunk longer than its header), it still reads every line.
    """
    hunks: list[Hunk] = []
    header: re.Match[str] | None = None
    lines: list[PatchLine] = []
    old_line = new_line = 0

    def close() -> None:
        if header is not None:
            old_start, old_length, new_start, new_length, section = header.groups()
            hunks.append(
                Hunk(
                    int(old_start),
                    int(old_length or 1),
                    int(new_start),
                    int(new_length or 1),
                    section,
                    tuple(lines),
                )
            )

    for raw in patch.split("\n"):
        marker = raw[:1]  # added and removed lines, the most, are told by it first
        if marker == "+" and header is not None:
            lines.append(PatchLine("+", raw[1:], None, new_line))
            new_line += 1
        elif marker == "-" and header is not None:
            lines.append(PatchLine("-", raw[1:], old_line, None))
            old_line += 1
        elif marker == "@" and (match := _HUNK_HEADER.match(raw)):
            close()
            header, lines = match, []
            old_line, new_line = int(match.group(1)), int(match.group(3))
        elif header is None or not raw or marker == _NO_NEWLINE:
            continue
        else:
            lines.append(PatchLine(" ", raw[1:], old_line, new_line))
            old_line += 1
            new_line += 1
    close()
    return tuple(hunks)


def comparable_hunks(patch: str) -> tuple[Hunk, ...]:
    """The hunks of a patch with the lines a reader sees unchanged as context: git shows a
    line whose line end alone changed (CRLF to LF, or back) as removed and added again, while
    the page shows the same text. Git's counts stay the change's own."""
    hunks = read_hunks(patch)
    if "\r" not in patch:
        return hunks
    return tuple(hunk._replace(lines=_line_ends_as_context(hunk)) for hunk in hunks)


def edit_blocks(hunk: Hunk) -> Iterator[tuple[list[int], list[int]]]:
    """Runs of removed then added lines (positions in the hunk): the edits of a hunk."""
    removed: list[int] = []
    added: list[int] = []
    for position, line in enumerate(hunk.lines):
        if line.kind == "-":
            if added:
                yield removed, added
                removed, added = [], []
            removed.append(position)
        elif line.kind == "+":
            added.append(position)
        elif removed or added:
            yield removed, added
            removed, added = [], []
    if removed or added:
        yield removed, added


def _line_ends_as_context(hunk: Hunk) -> tuple[PatchLine, ...]:
    """The hunk's lines with each edit compared without line ends: the lines equal that way
    become one context line, in the new document's form."""
    lines = hunk.lines
    kept: list[PatchLine] = []
    done = 0
    for removed, added in edit_blocks(hunk):
        kept += lines[done : (removed or added)[0]]
        kept += _compared([lines[p] for p in removed], [lines[p] for p in added])
        done = (added or removed)[-1] + 1
    return (*kept, *lines[done:])


def _compared(removed: list[PatchLine], added: list[PatchLine]) -> list[PatchLine]:
    """One edit's removed and added lines, those equal without their line ends as context."""
    if not (removed and added):
        return removed + added
    old = [line.text.rstrip("\r") for line in removed]
    new = [line.text.rstrip("\r") for line in added]
    compared: list[PatchLine] = []
    for tag, start, end, other, other_end in SequenceMatcher(
        None, old, new, autojunk=False
    ).get_opcodes():
        if tag == "equal":
            compared += (
                PatchLine(" ", after.text, before.old_line, after.new_line)
                for before, after in zip(removed[start:end], added[other:other_end], strict=True)
            )
        else:
            compared += removed[start:end] + added[other:other_end]
    return compared


def _count(hunks: tuple[Hunk, ...]) -> tuple[int, int]:
    additions = sum(1 for hunk in hunks for line in hunk.lines if line.kind == "+")
    deletions = sum(1 for hunk in hunks for line in hunk.lines if line.kind == "-")
    return additions, deletions


def _strip_newline(value: str) -> str:
    return value[:-1] if value.endswith("\n") else value


def _file_change(patched: PatchedFile, lines: list[str]) -> FileChange:
    info = "".join(patched.patch_info or ())
    source = _strip_prefix(unquote_path(patched.source_file or ""))
    target = _strip_prefix(unquote_path(patched.target_file or ""))
    if patched.is_added_file:
        status, path, old_path = "added", target, None
    elif patched.is_removed_file:
        status, path, old_path = "removed", source, None
    elif "\ncopy from " in "\n" + info:
        status, path, old_path = "copied", target, source
    elif patched.is_rename:
        status, path, old_path = "renamed", target, source
    else:
        status, path, old_path = "modified", target, None
    hunks_text = _original_hunks(patched, lines)
    return FileChange(
        path=path,
        status=status,
        additions=patched.added,
        deletions=patched.removed,
        old_path=old_path,
        binary=patched.is_binary_file or "\nGIT binary patch" in "\n" + info,
        patch=_strip_newline(hunks_text) or None,
    )


def _original_hunks(patched: PatchedFile, lines: list[str]) -> str:
    """The hunks exactly as the input wrote them, from the first header to the last line."""
    numbered = [line.diff_line_no for hunk in patched for line in hunk if line.diff_line_no]
    if not numbered:
        return ""
    start, end = numbered[0] - 2, numbered[-1]  # from the first hunk's header line
    while end < len(lines) and lines[end].startswith(_NO_NEWLINE):
        end += 1
    return "".join(lines[start:end])


def _strip_prefix(path: str) -> str:
    if path == "/dev/null":
        return ""
    return path[2:] if path[:2] in ("a/", "b/") else path
