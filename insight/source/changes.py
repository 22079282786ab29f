"""A commit range -> the file changes GitHub's compare would list, read from git's diff.

``git diff --raw -z -p`` gives, in one consistent order, every path unquoted (``--raw -z``)
and every patch (``-p``); the counts equal ``git diff -M --numstat`` file by file. Two such
passes split the range between them and run side by side: a quick one, without rename
detection, of the files modified in place (``DiffReading.modified``, read while the other still
pairs removed and added files), and the one that finds the renames, of every other file.
Git lists paths in one sorted order, a rename at its new path, so the two lists merge into the
one a single pass gives.
"""

from __future__ import annotations

import heapq
import io
import itertools
import mmap
import os
import re
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import IO, cast

import git

from insight.errors import InsightError
from insight.models import DOCUMENT_SUFFIXES, FileChange, change_fingerprint
from insight.source.diff import join_type_change
from insight.source.gitcli import git_executable, git_message, where
from insight.source.limits import DEFAULT_PATCH_LIMIT, DEFAULT_RENAME_LIMIT
from insight.source.repository import CommitRange

DOCUMENT_LIMIT = 2 * 1024 * 1024
"""Whole documents larger than this are not read (the patch still is)."""

_STATUS = {
    "A": "added",
    "D": "removed",
    "M": "modified",
    "R": "renamed",
    "C": "copied",
    "T": "changed",
}
_NULL_SHA = "0" * 40
_REGULAR_MODES = ("100644", "100755", "000000")
_RENAME_WARNING = re.compile(r"rename detection was skipped|diff\.renameLimit", re.IGNORECASE)
_RENAME_NEEDED = re.compile(r"renameLimit variable to at least (\d+)")


@dataclass
class ChangeSet:
    changes: list[FileChange]
    notices: list[str] = field(default_factory=list)
    objects: dict[str, str | None] = field(default_factory=dict)
    """Each path the range changed -> its object at the head (None: not there any more)."""


_DIFF_OPTIONS = (
    "-M",
    "--raw",
    "-z",
    "-p",
    "--no-abbrev",
    "--no-color",
    "--no-ext-diff",
    "--no-textconv",
    "--no-relative",
    "--src-prefix=a/",
    "--dst-prefix=b/",
)


def file_changes(
    repo: git.Repo,
    commit_range: CommitRange,
    *,
    patch_limit: int = DEFAULT_PATCH_LIMIT,
    rename_limit: int = DEFAULT_RENAME_LIMIT,
    documents: bool = True,
) -> ChangeSet:
    """Every changed path of the range, with exact counts, its patch and (for docs) both texts.

    The patches are parsed while git still writes them, and the whole documents are read by a
    second git process at the same time, so the three overlap on a multi-core machine.
    """
    with DiffReading(
        repo, commit_range, patch_limit=patch_limit, rename_limit=rename_limit, documents=documents
    ) as reading:
        return reading.change_set()


class DiffReading:
    """A range's diff, begun: both of git's passes run from the start.

    Rename detection holds back all of git's output until it has paired the removed and
    added files, seconds on a large reorganisation; the files modified in place are the same
    whatever it pairs. So a quick pass without it lists those (``modified``, whose analysis
    can begin meanwhile), and the pass that pairs the rest leaves them out: no patch is made
    twice. ``change_set`` gives the whole range.
    """

    def __init__(
        self,
        repo: git.Repo,
        commit_range: CommitRange,
        *,
        patch_limit: int = DEFAULT_PATCH_LIMIT,
        rename_limit: int = DEFAULT_RENAME_LIMIT,
        documents: bool = True,
    ) -> None:
        self._repo = repo
        self._range = commit_range
        self._patch_limit = patch_limit
        self._rename_limit = rename_limit
        self._documents = documents
        self._renaming = self._diff("-M", f"-l{rename_limit}", "--diff-filter=m")
        self._in_place = self._diff("--no-renames", "--diff-filter=M")
        self._modified: list[tuple[_RawRecord, FileChange]] | None = None

    def __enter__(self) -> DiffReading:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        """End git's passes if they still run (the reading stopped early)."""
        for process in (self._renaming, self._in_place):
            if process.poll() is None:
                process.kill()
            process.wait()
            for stream in (process.stdout, process.stderr):
                if stream is not None:
                    stream.close()

    def _diff(self, *options: str) -> subprocess.Popen[bytes]:
        base, head = self._range.base, self._range.head
        command = [git_executable(), f"--git-dir={self._repo.git_dir}", "diff", base, head]
        return subprocess.Popen(
            [*command, *options, *_DIFF_OPTIONS], stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )

    def modified(self) -> list[FileChange]:
        """The files modified in place, each as ``change_set`` lists it, read while git's
        other pass looks for renames."""
        return [change for _, change in self._read_in_place()]

    def _read_in_place(self) -> list[tuple[_RawRecord, FileChange]]:
        """The quick pass's records and changes, read to its end once."""
        if self._modified is None:
            records, changes, _ = self._read(self._in_place)
            self._modified = list(zip(records, changes, strict=True))
        return self._modified

    def change_set(self) -> ChangeSet:
        """Every changed path of the range, in git's order."""
        in_place = self._read_in_place()
        records, changes, errors = self._read(self._renaming)
        notices = []
        if _RENAME_WARNING.search(errors):
            notices.append(_rename_notice(errors, self._rename_limit, changes))
        listed = list(
            heapq.merge(
                in_place,
                zip(records, changes, strict=True),
                key=lambda pair: pair[0].path,
            )
        )
        return ChangeSet(
            [change for _, change in listed], notices, _objects([record for record, _ in listed])
        )

    def _read(
        self, process: subprocess.Popen[bytes]
    ) -> tuple[list[_RawRecord], list[FileChange], str]:
        """The records, the changes and the error output of one git pass, to its end."""
        stdout = cast(io.BufferedReader, process.stdout)
        records, rest = _read_raw(stdout)
        wanted = [
            index
            for index, record in enumerate(records)
            if self._documents and _is_document(record)
        ]
        shas = [sha for index in wanted for sha in (records[index].old_sha, records[index].new_sha)]
        blobs = _BlobReader(self._repo, shas)
        sections = _sections(rest, stdout)
        changes = []
        for record in records:
            own = list(itertools.islice(sections, 2 if record.status == "T" else 1))
            if not own:  # git stopped early (an object it could not read): it says why
                break
            halves = [_change_from_section(record, section, self._patch_limit) for section in own]
            changes.append(join_type_change(*halves) if len(halves) == 2 else halves[0])
        leftover = next(sections, None)
        errors = cast(IO[bytes], process.stderr).read().decode("utf-8", "replace")
        if process.wait() != 0:
            blobs.close()
            raise InsightError(f"git diff failed in {where(self._repo)}: {git_message(errors)}")
        if leftover is not None or len(changes) != len(records):
            blobs.close()
            raise InsightError(
                f"git diff in {where(self._repo)}: patches and file records do not pair up"
            )
        texts = blobs.texts()
        for index in wanted:
            if not changes[index].binary:
                record = records[index]
                old, new = texts.get(record.old_sha), texts.get(record.new_sha)
                changes[index] = replace(changes[index], old_text=old, new_text=new)
        return records, changes, errors


def _objects(records: list[_RawRecord]) -> dict[str, str | None]:
    """Each path the records change -> its object at the head (None: gone)."""
    objects: dict[str, str | None] = {}
    for record in records:
        if record.status == "R" and record.old_path is not None:
            objects[record.old_path] = None
        objects[record.path] = None if record.status == "D" else record.new_sha
    return objects


def _rename_notice(errors: str, rename_limit: int, changes: list[FileChange]) -> str:
    """What a rename pass cut short by ``rename_limit`` found, and the limit that finds all."""
    found = sum(change.status == "renamed" for change in changes)
    needed = _RENAME_NEEDED.search(errors)
    raise_to = f"set rename_limit to at least {int(needed.group(1)):,}" if needed else "raise it"
    return (
        f"rename detection stopped at rename_limit {rename_limit:,}: {found:,} renames found by "
        f"identical content, moved files with edits listed as removed and added; {raise_to} "
        "to find every rename"
    )


@dataclass(frozen=True)
class _RawRecord:
    status: str
    old_mode: str
    new_mode: str
    old_sha: str
    new_sha: str
    path: str
    old_path: str | None


def _read_raw(stream: io.BufferedReader) -> tuple[list[_RawRecord], bytes]:
    """The ``--raw -z`` records, which git writes first, and the bytes read past them."""
    buffer = b""
    while True:
        separator = buffer.find(b"\0\0")
        if separator >= 0:
            return _parse_raw(buffer[: separator + 1]), buffer[separator + 2 :]
        block = stream.read1(1 << 16)
        if not block:
            return _parse_raw(buffer), b""
        buffer += block


def _parse_raw(output: bytes) -> list[_RawRecord]:
    records = []
    position = 0
    while output.startswith(b":", position):
        header_end = output.index(b"\0", position)
        old_mode, new_mode, old_sha, new_sha, status = (
            output[position + 1 : header_end].decode("ascii").split(" ")
        )
        letter = status[0]
        names = 2 if letter in "RC" else 1
        paths = []
        position = header_end + 1
        for _ in range(names):
            end = output.index(b"\0", position)
            paths.append(_decode(output[position:end]))
            position = end + 1
        records.append(
            _RawRecord(
                status=letter,
                old_mode=old_mode,
                new_mode=new_mode,
                old_sha=old_sha,
                new_sha=new_sha,
                path=paths[-1],
                old_path=paths[0] if names == 2 else None,
            )
        )
    return records


def _sections(head: bytes, stream: io.BufferedReader) -> Iterator[bytes]:
    """The patch of each file, as git writes it: a file's section starts at a ``diff --git``
    line (no line of a hunk can start so: its lines start with a marker)."""
    marker = b"\ndiff --git "
    buffer = bytearray(head)
    start = searched = 0
    while True:
        # Each byte is searched once, and the buffer grows in place: a 200 MB one-line page
        # is read in linear time (copying and searching it again per block was quadratic).
        found = buffer.find(marker, max(start + 1, searched))
        if found >= 0:
            yield bytes(buffer[start : found + 1])
            start = searched = found + 1
            continue
        searched = max(start + 1, len(buffer) - len(marker) + 1)
        block = stream.read1(1 << 20)
        if not block:
            if len(buffer) > start:
                yield bytes(buffer[start:])
            return
        if start > len(buffer) // 2:  # what was yielded goes, now and then
            del buffer[:start]
            searched -= start
            start = 0
        buffer += block


def _change_from_section(record: _RawRecord, section: bytes, patch_limit: int) -> FileChange:
    binary = b"\nBinary files " in section or b"\nGIT binary patch\n" in section
    hunks_at = section.find(b"\n@@ -")
    start, end = hunks_at + 1, len(section) - section.endswith(b"\n")
    size = 0 if binary or hunks_at < 0 else end - start
    too_large = size > patch_limit
    patch_text = _decode(section[start:end]) if size and not too_large else ""
    # git's hunks are exact: a line that starts with "+" or "-" is added or removed, counted
    # where it is (a patch too large to keep is never copied or decoded)
    additions = section.count(b"\n+", hunks_at, end) if size else 0
    deletions = section.count(b"\n-", hunks_at, end) if size else 0
    return FileChange(
        path=record.path,
        status=_STATUS.get(record.status, "modified"),
        additions=additions,
        deletions=deletions,
        old_path=record.old_path,
        binary=binary,
        patch=patch_text or None,
        patch_too_large=too_large,
        patch_size=size,
        fingerprint=change_fingerprint(
            record.path, record.old_path, record.old_sha, record.new_sha
        ),
    )


def _is_document(record: _RawRecord) -> bool:
    """A regular Markdown or YAML file (not a symlink, not a submodule) on both sides."""
    regular = all(mode in _REGULAR_MODES for mode in (record.old_mode, record.new_mode))
    return regular and record.path.lower().endswith(DOCUMENT_SUFFIXES)


class _BlobReader:
    """Blob texts read by a ``git cat-file --batch`` process that runs beside the caller.

    Its input and output are temporary files, not pipes: no Python thread has to feed it,
    so it runs at full speed while the caller parses the diff.
    """

    def __init__(self, repo: git.Repo, shas: list[str]) -> None:
        self._shas = sorted({sha for sha in shas if sha != _NULL_SHA})
        self._where = where(repo)
        self._process: subprocess.Popen[bytes] | None = None
        if not self._shas:
            return
        self._output = tempfile.TemporaryFile()  # noqa: SIM115 - closed in texts()
        self._errors = tempfile.TemporaryFile()  # noqa: SIM115 - closed in texts()
        command = [git_executable(), f"--git-dir={repo.git_dir}", "cat-file", "--batch"]
        with tempfile.TemporaryFile() as request:
            request.write("\n".join(self._shas).encode("ascii") + b"\n")
            request.seek(0)
            self._process = subprocess.Popen(
                command, stdin=request, stdout=self._output, stderr=self._errors
            )

    def close(self) -> None:
        """Stop reading: the process ended, its files closed (no texts wanted)."""
        if self._process is not None:
            self._process.kill()
            self._process.wait()
            self._output.close()
            self._errors.close()

    def texts(self) -> dict[str, str]:
        """Texts of blobs up to ``DOCUMENT_LIMIT`` bytes, by SHA; larger ones are left out."""
        if self._process is None:
            return {}
        with self._output, self._errors:
            if self._process.wait() != 0:
                self._errors.seek(0)
                detail = git_message(self._errors.read().decode("utf-8", "replace"))
                raise InsightError(f"git cat-file failed in {self._where}: {detail}")
            if self._output.seek(0, os.SEEK_END) == 0:
                return {}
            # Mapped, not read: each text is decoded straight from the file's pages (the
            # texts of a large range are tens of megabytes, and every copy costs).
            with mmap.mmap(self._output.fileno(), 0, access=mmap.ACCESS_READ) as output:
                return self._parse(output)

    def _parse(self, output: mmap.mmap) -> dict[str, str]:
        """The texts in ``cat-file --batch`` output: per blob a ``SHA TYPE SIZE`` line, its
        bytes and a line break, in the order asked."""
        texts: dict[str, str] = {}
        position = 0
        with memoryview(output) as view:
            for sha in self._shas:
                header_end = output.find(b"\n", position)
                name, _kind, size = output[position:header_end].decode("ascii").split(" ")
                start, position = header_end + 1, header_end + 1 + int(size) + 1
                if name == sha and int(size) <= DOCUMENT_LIMIT:
                    # utf-8-sig: a byte order mark would hide a page's front matter
                    texts[sha] = str(view[start : start + int(size)], "utf-8-sig", "replace")
        return texts


def _decode(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")
