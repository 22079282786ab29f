"""The files of one commit: what the site's configuration says, and which pages include what.

The site analysis reads a few configuration files (``mkdocs.yml``, ``docfx.json``, redirect
maps) and searches the pages for references to include files. Both go through git directly,
at the head commit of the range, so nothing depends on a work tree.

A search starts in the background as soon as it is asked for, so that it runs while the
caller reads the diff. A ``TreeCache`` shared by the trees of one run (the days of a
backfill) keeps what they read: a file's text by its blob, and each search with the commit it
was made at, which a later commit brings up to date by searching only the files changed
in between.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import IO, Any, TypeVar

import git

from insight.errors import GitSourceError
from insight.source.gitcli import git_executable

CONFIG_LIMIT = 8 * 1024 * 1024
"""Configuration and redirect files larger than this are not read."""
UPDATE_LIMIT = 2000
"""A search is brought up to date file by file when at most this many files changed."""
LISTINGS = 3
"""File lists a ``TreeCache`` keeps: a backfill's day lists its head, then its base, and the
next day's base is this day's head."""

SearchKey = tuple[tuple[str, ...], tuple[str, ...], bool]
Value = TypeVar("Value")


@dataclass(frozen=True)
class _Remembered:
    """A value worked out from a tree, with what it read: the blob of each file (None: not
    there), and the whole file list when it looked at that."""

    reads: tuple[tuple[str, str | None], ...]
    listed: frozenset[str] | None
    value: Any


@dataclass
class TreeCache:
    """What the trees of one run have read: texts by blob, searches by what they looked for,
    and the values worked out from them (``Tree.remembered``)."""

    texts: dict[str, str | None] = field(default_factory=dict)
    searches: dict[SearchKey, tuple[str, dict[str, list[str]]]] = field(default_factory=dict)
    remembered: dict[str, list[_Remembered]] = field(default_factory=dict)
    listings: dict[str, dict[str, str]] = field(default_factory=dict)
    """The blob of every file by path, of the ``LISTINGS`` commits used last: one day's head is
    the next day's base."""

    changed: tuple[str, str, frozenset[str]] | None = None
    """The paths the last range read changed, from its base to its head."""
    changed_texts: Mapping[str, str] = field(default_factory=dict)
    """The texts at its head of the paths the last range changed, where it read them."""

    def follow(
        self,
        base: str,
        head: str,
        changed: Mapping[str, str | None],
        texts: Mapping[str, str] | None = None,
    ) -> None:
        """What a range changed, ``changed`` giving each path changed its object at ``head``
        (None: gone) and ``texts`` the text there of those the caller read: kept for a
        search to be brought up to date, and the file list of ``head`` worked out from
        ``base``'s, when that is kept."""
        self.changed = (base, head, frozenset(changed))
        self.changed_texts = texts or {}
        if base not in self.listings or head in self.listings:
            return
        blobs = self.listings[base] = self.listings.pop(base)  # used last: read next
        while len(self.listings) >= LISTINGS:
            del self.listings[next(iter(self.listings))]
        listed = dict(blobs)
        for path, sha in changed.items():
            if sha is None:
                listed.pop(path, None)
            else:
                listed[path] = sha
        self.listings[head] = listed


class Tree:
    """The tree of ``commit`` in ``repo``; read lazily, each file at most once."""

    def __init__(self, repo: git.Repo, commit: str, cache: TreeCache | None = None) -> None:
        self.repo = repo
        self.commit = commit
        self.cache = cache or TreeCache()
        self._searches: dict[SearchKey, Search] = {}
        self._reads: dict[str, str | None] | None = None
        """While ``remembered`` works a value out: the files read, with their blobs."""
        self._listed = False

    def _git(
        self, *arguments: str, stdin: bytes | None = None
    ) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [git_executable(), f"--git-dir={self.repo.git_dir}", *arguments],
            input=stdin,
            capture_output=True,
            check=False,
        )

    @cached_property
    def _blobs(self) -> dict[str, str]:
        """The blob of every file of the commit, by path."""
        listings = self.cache.listings
        blobs = listings.pop(self.commit, None)
        if blobs is None:
            blobs = self._list()
            while len(listings) >= LISTINGS:
                del listings[next(iter(listings))]  # the one used longest ago
        listings[self.commit] = blobs
        return blobs

    def _list(self) -> dict[str, str]:
        done = self._git("ls-tree", "-r", "-z", self.commit)
        if done.returncode != 0:
            message = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise GitSourceError(f"cannot list {self.commit[:7]}: {message[-1] if message else ''}")
        blobs = {}
        names = done.stdout.decode("utf-8", "replace")  # a name that is not UTF-8 is no config
        for record in names.split("\0"):
            header, _, name = record.partition("\t")
            if name:  # "MODE TYPE SHA\tPATH"
                blobs[name] = header.rsplit(" ", 1)[-1]
        return blobs

    @cached_property
    def _paths(self) -> frozenset[str]:
        return frozenset(self._blobs)

    @property
    def paths(self) -> frozenset[str]:
        """Every file of the commit."""
        self._listed = True
        return self._paths

    def read(self, path: str) -> str | None:
        """The text of ``path``, or None when it is not there, is too large or is binary."""
        sha = self._blobs.get(path)
        if self._reads is not None:
            self._reads[path] = sha
        if sha is None:
            return None
        if sha not in self.cache.texts:
            self._fetch([sha])
        return self.cache.texts[sha]

    def prefetch(self, paths: Iterable[str]) -> None:
        """Read the files of ``paths`` that ``read`` will be asked for, all through one git
        process rather than one each."""
        self._fetch([sha for path in paths if (sha := self._blobs.get(path)) is not None])

    def _fetch(self, shas: Sequence[str]) -> None:
        """Put the text of each blob not read yet into the cache (None: too large, binary,
        or not to be read)."""
        wanted = sorted({sha for sha in shas if sha not in self.cache.texts})
        if not wanted:
            return
        asked = "".join(f"{sha}\n" for sha in wanted).encode("ascii")
        done = self._git("cat-file", "--batch", stdin=asked)
        output, position = done.stdout, 0
        for sha in wanted:
            self.cache.texts[sha] = None
            end = output.find(b"\n", position)
            parts = output[position:end].split(b" ") if end >= 0 else []
            if done.returncode != 0 or len(parts) != 3 or parts[1] != b"blob":
                position = end + 1 if end >= 0 else len(output)
                continue
            size = int(parts[2])
            content = output[end + 1 : end + 1 + size]
            position = end + 1 + size + 1
            if size <= CONFIG_LIMIT and b"\0" not in content[:8000]:
                self.cache.texts[sha] = content.decode("utf-8", "replace")

    def remembered(self, name: str, work_out: Callable[[Tree], Value]) -> Value:
        """``work_out(self)``, done once per run for the same input: a value is given again to
        a tree whose files it read have the same blobs (and, when it looked at the list of
        files, the same list)."""
        for earlier in self.cache.remembered.get(name, ()):
            if (earlier.listed is None or earlier.listed == self._paths) and all(
                self._blobs.get(path) == sha for path, sha in earlier.reads
            ):
                return earlier.value
        if self._reads is not None:  # inside another: its record must hold these reads too
            return work_out(self)
        self._reads, self._listed = {}, False
        try:
            value = work_out(self)
            reads, listed = tuple(self._reads.items()), self._listed
        finally:
            self._reads = None
        self.cache.remembered.setdefault(name, []).append(
            _Remembered(reads, self._paths if listed else None, value)
        )
        return value

    def search(
        self, needles: Sequence[str], suffixes: Sequence[str], *, ignore_case: bool = False
    ) -> Search:
        """The lines of files ending in ``suffixes`` that contain any of ``needles``: started
        now in the background, collected by ``Search.lines``."""
        key = (tuple(sorted(set(needles))), tuple(suffixes), ignore_case)
        if key not in self._searches:
            self._searches[key] = Search(self, key)
        return self._searches[key]

    def close(self) -> None:
        """End the searches nobody collected."""
        for search in self._searches.values():
            search.cancel()


class Search:
    """One ``git grep`` of a tree, running beside the caller until its lines are asked for."""

    def __init__(self, tree: Tree, key: SearchKey) -> None:
        self.tree = tree
        self.key = key
        self._found: dict[str, list[str]] | None = None
        self._process: subprocess.Popen[bytes] | None = None
        earlier = tree.cache.searches.get(key)
        if earlier is None or earlier[0] == tree.commit:
            self._found = dict(earlier[1]) if earlier else None
            if earlier is None:
                self._output: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 - closed in lines()
                self._process = subprocess.Popen(
                    self._command(()), stdout=self._output, stderr=subprocess.DEVNULL
                )

    def _command(self, paths: Sequence[str]) -> list[str]:
        needles, suffixes, ignore_case = self.key
        command = [git_executable(), f"--git-dir={self.tree.repo.git_dir}", "grep", "-I", "-F"]
        command += ["-z", "--no-color", *(["-i"] if ignore_case else [])]
        for needle in needles:
            command += ["-e", needle]
        command += [self.tree.commit, "--"]
        if paths:
            return command + [f":(literal){path}" for path in paths]
        return command + [f"*{suffix}" for suffix in suffixes]

    def lines(self) -> dict[str, list[str]]:
        """The lines found, by file."""
        if self._found is None:
            if self._process is not None:
                with self._output:
                    returncode = self._process.wait()
                    self._output.seek(0)
                    output = self._output.read()
                self._process = None
                self._found = self._parse(output) if returncode in (0, 1) else {}  # 1: none
            else:
                self._found = self._updated()
            self.tree.cache.searches[self.key] = (self.tree.commit, self._found)
        return self._found

    def _updated(self) -> dict[str, list[str]]:
        """The last search of the run, brought from its commit to this tree's: the files
        changed in between are searched again (all files, when too many changed)."""
        since, found = self.tree.cache.searches[self.key]
        known = self.tree.cache.changed
        texts: Mapping[str, str] = {}
        if known is not None and known[:2] == (since, self.tree.commit):
            paths = {path for path in known[2] if path.endswith(self.key[1])}
            everything = len(paths) > UPDATE_LIMIT
            texts = self.tree.cache.changed_texts
        else:
            suffixes = [f"*{suffix}" for suffix in self.key[1]]
            changed = self.tree._git(
                "diff",
                "--name-only",
                "-z",
                "--no-renames",
                since,
                self.tree.commit,
                "--",
                *suffixes,
            )
            paths = {path for path in changed.stdout.decode("utf-8").split("\0") if path}
            everything = changed.returncode != 0 or len(paths) > UPDATE_LIMIT
        found = {} if everything else {p: lines for p, lines in found.items() if p not in paths}
        # the texts the range read are searched here; git searches the rest
        read = set() if everything else {path for path in paths if path in texts}
        new = {path: lines for path in read if (lines := self._lines_of(texts[path]))}
        if everything or paths - read:
            command = self._command(() if everything else sorted(paths - read))
            done = subprocess.run(command, capture_output=True, check=False)
            if done.returncode in (0, 1):  # 1: nothing found
                new.update(self._parse(done.stdout))
        # git lists what it finds in the order of the paths; the texts searched here join it
        for path in sorted(new) if read else new:
            found[path] = new[path]
        return found

    def _lines_of(self, text: str) -> list[str]:
        """The lines of ``text`` that ``git grep`` finds: those holding a needle (in any case
        of its ASCII letters, as git's, when case is ignored). The text is searched whole,
        needle by needle: most pages hold none."""
        needles, _, ignore_case = self.key
        data = text.encode("utf-8")
        searched = data.lower() if ignore_case else data  # ASCII letters only
        ends: dict[int, int] = {}  # the start of each line found -> its end
        for needle in needles:
            wanted = needle.encode("utf-8").lower() if ignore_case else needle.encode("utf-8")
            found = searched.find(wanted)
            while found >= 0:
                start = searched.rfind(b"\n", 0, found) + 1
                end = searched.find(b"\n", found)
                ends[start] = len(data) if end < 0 else end
                found = searched.find(wanted, ends[start] + 1)
        return [data[start : ends[start]].decode("utf-8") for start in sorted(ends)]

    def _parse(self, output: bytes) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        prefix = f"{self.tree.commit}:"
        for record in output.decode("utf-8", "replace").split("\n"):
            # -z: "COMMIT:PATH\0LINE"
            name, _, line = record.partition("\0")
            if name.startswith(prefix) and line:
                # a page's byte order mark is no part of its first line (as pages are read)
                found.setdefault(name[len(prefix) :], []).append(line.removeprefix("\ufeff"))
        return found

    def cancel(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.wait()
            self._output.close()
            self._process = None
