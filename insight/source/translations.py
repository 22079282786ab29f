"""Translation debt: which translations a commit range left behind its source pages.

For every source page the range changed and every language of its layout:

- ``stale``: the translation exists and its last change does not have the source's last
  change in its history (by the commits' ancestry, not their timestamps: same-second commits
  and skewed clocks hide nothing);
- ``missing``: the page was added in the range and has no translation, unless no language
  translates its folder (FastAPI's ``reference/``) or the layout names it never translated;
- ``orphaned``: the page was removed or moved in the range and its translation is still
  under the old path.

Two ``git log`` passes do it, in topological order. The first reads the range with
``--name-status -M`` (what changed, what was added, removed or moved). The second walks
history back from the range's base, limited to the translations the range did not touch
(and their source pages, to count the commits behind), and stops as soon as it has seen each
of them once. Ancestry inside the range comes from one ``git rev-list --parents``.
"""

from __future__ import annotations

import io
import math
import posixpath
import subprocess
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import IO, cast

import git
from wcmatch import glob

from insight.errors import GitSourceError, InsightError, UsageError
from insight.source.languages import Layout, detect_layouts, with_languages
from insight.source.repository import (
    CommitRange,
    commit_date,
    permalink,
    resolve_commit,
    resolve_range,
)

STATES = ("stale", "missing", "orphaned")
_GLOB_FLAGS = glob.GLOBSTAR | glob.DOTGLOB
_COMMIT_MARK = b"\x01"
_READ_SIZE = 1 << 16


@dataclass(frozen=True)
class TranslationDebt:
    """One translation behind its source page."""

    source: str
    language: str
    translation: str
    state: str
    source_changed: str
    """ISO date of the source's last change in the range (its removal, if it is gone)."""
    translation_changed: str | None
    commits_behind: int
    """Commits that touched the source since the translation last changed."""
    moved_to: str | None = None
    """Where an orphaned translation's source page went, if it was moved."""

    def to_dict(self) -> dict[str, str | int | None]:
        return {
            "source": self.source,
            "language": self.language,
            "translation": self.translation,
            "state": self.state,
            "source_changed": self.source_changed,
            "translation_changed": self.translation_changed,
            "commits_behind": self.commits_behind,
            "moved_to": self.moved_to,
        }


class NoTranslations(UsageError):
    """The repository has no per-language trees to compare (none found, none configured)."""


@dataclass(frozen=True)
class TranslationCheck:
    """The translation debt of a range, with what a report says about the range."""

    spec: str | None
    """The range as given; None for the whole history of HEAD."""
    base: str | None
    head: str
    date: str
    """The head commit's date."""
    label: str | None
    """The range as a report shows it (``abc1234...def5678``); None for the whole history."""
    permalink: str | None
    layouts: tuple[Layout, ...]
    languages: tuple[str, ...]
    sources_changed: int
    """How many source pages the range changed (added, modified, removed or moved)."""
    items: tuple[TranslationDebt, ...] = field(default_factory=tuple)

    def for_language(self, language: str) -> list[TranslationDebt]:
        return [item for item in self.items if item.language == language]


@dataclass
class _Commit:
    sha: str
    date: str
    changes: list[tuple[str, str, str | None]]
    """(status letter, path, old path of a rename or copy)."""


Touch = tuple[str, str]
"""A commit that changed a path: (SHA, date)."""


@dataclass
class _History:
    """What the range did to each path, newest first (in topological order)."""

    touches: dict[str, list[Touch]] = field(default_factory=lambda: defaultdict(list))
    """Every commit that added, changed, removed or moved away a path in the range."""
    written: dict[str, Touch] = field(default_factory=dict)
    """The newest commit that gave a path its content in the range."""
    moved: dict[str, str] = field(default_factory=dict)
    """Old path -> new path of each move, the newest move of a path winning."""
    moved_from: dict[str, str] = field(default_factory=dict)
    """New path -> old path of each move, the oldest move to a path winning."""

    def origin(self, path: str) -> str:
        """Where a page was before the moves of the range brought it to ``path``."""
        seen = {path}
        while path in self.moved_from and self.moved_from[path] not in seen:
            path = self.moved_from[path]
            seen.add(path)
        return path


def translation_debt(
    repo: git.Repo,
    range_spec: str | None,
    layouts: Sequence[Layout] | None = None,
    languages: Sequence[str] = (),
) -> TranslationCheck:
    """The translation debt of ``range_spec`` (None: the whole history of HEAD).

    ``layouts`` default to those found in the head commit's tree; ``languages`` limits the
    check to some of their languages.
    """
    if range_spec is None:
        head, base, commit_range = resolve_commit(repo, "HEAD"), None, None
    else:
        commit_range = resolve_range(repo, range_spec)
        head, base = commit_range.head, commit_range.base
    head_files = _tree_files(repo, head)
    if layouts is None:
        found = detect_layouts(head_files)
    else:
        found = tuple(with_languages(layout, head_files) for layout in layouts)
    if not any(layout.languages for layout in found):
        raise NoTranslations(
            f"no translations found in {_where(repo)} at {head[:7]}: set 'source' and "
            "'pattern' in the [translations] table of insight.toml"
        )
    chosen = _chosen_languages(found, languages)
    found = tuple(
        replace(layout, languages=tuple(x for x in layout.languages if x in chosen))
        for layout in found
    )
    base_files = _tree_files(repo, base) if base else set()
    roots = [] if any(not layout.roots() for layout in found) else _roots(found)
    history = _range_history(repo, base, head, roots)
    pages = [
        (layout, path)
        for path in history.touches
        for layout in found
        if layout.is_source_page(path)
    ]
    wanted = {
        layout.translation(path, language)
        for layout, path in pages
        for language in layout.languages
    }
    wanted = {path for path in wanted if path in head_files and path not in history.written}
    sources = {path for _, path in pages}
    older = _last_changes(repo, base, wanted, sources) if base else _Older()
    ancestry = _Ancestry(repo, base, head)
    untranslated = {layout: _untranslated(layout, head_files, base_files) for layout in found}
    items = []
    for layout, path in pages:
        for language in layout.languages:
            translation = layout.translation(path, language)
            last = history.written.get(translation) or older.last.get(translation)
            last = last if translation in head_files else None
            state = _state(path, translation, last, history, head_files, base_files, ancestry)
            if state is None or (state == "missing" and untranslated[layout](path)):
                continue
            items.append(
                TranslationDebt(
                    source=path,
                    language=language,
                    translation=translation,
                    state=state,
                    source_changed=history.touches[path][0][1],
                    translation_changed=last[1] if last else None,
                    commits_behind=_behind(path, last, history, older, ancestry),
                    moved_to=_destination(path, history.moved, head_files)
                    if state == "orphaned"
                    else None,
                )
            )
    items.sort(key=lambda item: (item.language, STATES.index(item.state), item.source))
    return TranslationCheck(
        spec=range_spec,
        base=base,
        head=head,
        date=commit_date(repo, head),
        label=_label(commit_range) if commit_range else None,
        permalink=permalink(repo, commit_range) if commit_range else None,
        layouts=found,
        languages=tuple(sorted(chosen)),
        sources_changed=len(sources),
        items=tuple(items),
    )


def _label(commit_range: CommitRange) -> str:
    dots = "..." if commit_range.symmetric else ".."
    return f"{commit_range.left[:7]}{dots}{commit_range.head[:7]}"


def _roots(layouts: Sequence[Layout]) -> list[str]:
    return sorted({root for layout in layouts for root in layout.roots()})


def _chosen_languages(layouts: Sequence[Layout], languages: Sequence[str]) -> set[str]:
    known = {language for layout in layouts for language in layout.languages}
    unknown = [language for language in languages if language not in known]
    if unknown:
        raise UsageError(
            f"unknown language '{unknown[0]}' (translations found: {', '.join(sorted(known))})"
        )
    return set(languages) or known


def _state(
    path: str,
    translation: str,
    last: Touch | None,
    history: _History,
    head_files: set[str],
    base_files: set[str],
    ancestry: _Ancestry,
) -> str | None:
    """How the translation of one source page stands, or None when it is not behind."""
    if path not in head_files:
        return "orphaned" if translation in head_files else None
    if translation in head_files:
        written = history.written.get(path, history.touches[path][0])
        return None if last is not None and ancestry.reaches(last[0], written[0]) else "stale"
    return None if history.origin(path) in base_files else "missing"


def _behind(
    path: str, last: Touch | None, history: _History, older: _Older, ancestry: _Ancestry
) -> int:
    """The commits that changed the source page and are not in the history of the
    translation's last change (all of them when there is no translation)."""
    inside = sum(
        1 for sha, _ in history.touches[path] if last is None or not ancestry.reaches(last[0], sha)
    )
    if last is not None and last[0] in ancestry.inside:
        return inside  # the commits before the range are in its history
    position = older.position.get(last[0], math.inf) if last else math.inf
    return inside + sum(1 for seen in older.before.get(path, []) if seen < position)


def _untranslated(
    layout: Layout, head_files: set[str], base_files: set[str]
) -> Callable[[str], bool]:
    """Whether a source page is one no language translates: named so by the layout, or in a
    folder that held source pages before the range and has no translated page in any
    language (FastAPI's ``reference/``). A new folder's pages are missing, not untranslated."""
    translated: set[str] = set()
    for path in head_files:
        if layout.is_source_page(path) and any(
            layout.translation(path, language) in head_files for language in layout.languages
        ):
            folder = posixpath.dirname(layout.relative(path))
            while folder:
                translated.add(folder)
                folder = posixpath.dirname(folder)
    known = {
        posixpath.dirname(layout.relative(path))
        for path in base_files
        if layout.is_source_page(path)
    }

    def untranslated(path: str) -> bool:
        relative = layout.relative(path)
        if layout.never and glob.globmatch(relative, layout.never, flags=_GLOB_FLAGS):
            return True
        folder = posixpath.dirname(relative)
        return bool(folder) and folder in known and folder not in translated

    return untranslated


def _destination(path: str, moved: dict[str, str], head_files: set[str]) -> str | None:
    """Where a moved page is now, following moves of moves; None if it was removed."""
    seen = {path}
    while path in moved and moved[path] not in seen:
        path = moved[path]
        seen.add(path)
        if path in head_files:
            return path
    return None


def _range_history(repo: git.Repo, base: str | None, head: str, roots: list[str]) -> _History:
    revisions = [f"{base}..{head}"] if base else [head]
    history = _History()
    arguments = ["-M", "--name-status", "--topo-order", *revisions]
    with _log(repo, arguments, roots) as commits:
        for commit in commits:
            for status, path, old_path in commit.changes:
                when = (commit.sha, commit.date)
                history.touches[path].append(when)
                if status != "D":
                    history.written.setdefault(path, when)
                if status == "R" and old_path is not None:
                    history.touches[old_path].append(when)
                    history.moved.setdefault(old_path, path)
                    history.moved_from[path] = old_path
    return history


@dataclass
class _Older:
    """What the history before the range says of the translations it did not touch."""

    last: dict[str, Touch] = field(default_factory=dict)
    """The last change of each translation before the range."""
    position: dict[str, int] = field(default_factory=dict)
    """Where each such last change came in the walk back from the base (0: first)."""
    before: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    """Where each change of a source page came in that walk."""


def _last_changes(repo: git.Repo, base: str, translations: set[str], sources: set[str]) -> _Older:
    """The last change before the range of each translation, and where the source pages'
    changes came in the same walk back (topological: a commit before its parents), so that
    the changes newer than a translation's are those seen before it."""
    older = _Older()
    if not translations:
        return older
    arguments = ["--name-only", "--no-renames", "--topo-order", base]
    with _log(repo, arguments, translations | sources) as commits:
        for position, commit in enumerate(commits):
            for _, path, _ in commit.changes:
                if path in translations and path not in older.last:
                    older.last[path] = (commit.sha, commit.date)
                    older.position[commit.sha] = position
                elif path in sources:
                    older.before[path].append(position)
            if len(older.last) == len(translations):
                break
    return older


class _Ancestry:
    """Which commits of the range are in the history of which: read once, walked on demand."""

    def __init__(self, repo: git.Repo, base: str | None, head: str) -> None:
        self._repo, self._base, self._head = repo, base, head
        self._parents: dict[str, list[str]] | None = None
        self._seen: dict[str, set[str]] = {}

    @property
    def inside(self) -> dict[str, list[str]]:
        """Each commit of the range and its parents."""
        if self._parents is None:
            revisions = f"{self._base}..{self._head}" if self._base else self._head
            lines = self._repo.git.rev_list("--parents", revisions).splitlines()
            self._parents = {line[:40]: line.split()[1:] for line in lines if line}
        return self._parents

    def reaches(self, descendant: str, ancestor: str) -> bool:
        """Whether ``ancestor`` is ``descendant`` or in its history. A commit before the range
        reaches no commit of it; inside it, the parents are walked (once per descendant)."""
        if descendant == ancestor:
            return True
        if descendant not in self.inside:
            return ancestor not in self.inside and self._older_reaches(descendant, ancestor)
        if descendant not in self._seen:
            seen, pending = set(), [descendant]
            while pending:
                for parent in self.inside.get(pending.pop(), ()):
                    if parent in self.inside and parent not in seen:
                        seen.add(parent)
                        pending.append(parent)
            self._seen[descendant] = seen
        return ancestor in self._seen[descendant]

    def _older_reaches(self, descendant: str, ancestor: str) -> bool:
        try:
            self._repo.git.merge_base("--is-ancestor", ancestor, descendant)
        except git.GitCommandError:
            return False
        return True


@contextmanager
def _log(repo: git.Repo, arguments: list[str], paths: Iterable[str]) -> Iterator[Iterator[_Commit]]:
    """The commits of a ``git log`` run, read while git writes them; leaving the ``with``
    block before the end stops git at once."""
    command = [_git(), f"--git-dir={repo.git_dir}", "--literal-pathspecs", "log"]
    command += ["--format=%x01%H %cs", "-z", "--no-color", "--stdin", *arguments]
    listed = "".join(f"{path}\n" for path in paths)
    with tempfile.TemporaryFile() as request:
        request.write(f"--\n{listed}".encode() if listed else b"")
        request.seek(0)
        process = subprocess.Popen(
            command, stdin=request, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
    fields = _Fields(cast(io.BufferedReader, process.stdout))
    try:
        yield _commits(iter(fields), "--name-status" in arguments)
    finally:
        if not fields.ended:
            process.kill()
        errors = cast(IO[bytes], process.stderr).read().decode("utf-8", "replace")
        fields.stream.close()
        code = process.wait()
    if fields.ended and code != 0:
        raise InsightError(f"git log failed in {_where(repo)}: {_last_line(errors)}")


class _Fields:
    """The NUL-separated fields of ``git log -z`` output, as they arrive."""

    def __init__(self, stream: io.BufferedReader) -> None:
        self.stream = stream
        self.ended = False

    def __iter__(self) -> Iterator[str]:
        rest = b""
        while block := self.stream.read1(_READ_SIZE):
            parts = (rest + block).split(b"\0")
            rest = parts.pop()
            for part in parts:
                yield part.decode("utf-8", "replace")
        if rest:
            yield rest.decode("utf-8", "replace")
        self.ended = True


def _commits(tokens: Iterator[str], name_status: bool) -> Iterator[_Commit]:
    """Commits from the fields: a header (``\\x01SHA DATE``), then each path (with
    ``--name-status``, each status letter and its one or two paths)."""
    commit: _Commit | None = None
    mark = _COMMIT_MARK.decode()
    for token in tokens:
        field_text = token.lstrip("\n")
        if field_text.startswith(mark):
            if commit is not None:
                yield commit
            sha, date = field_text[1:].split(" ", 1)
            commit = _Commit(sha, date, [])
            continue
        if commit is None or not field_text:
            continue
        if not name_status:
            commit.changes.append(("M", field_text, None))
            continue
        letter = field_text[0]
        if letter in "RC":
            old_path, path = next(tokens), next(tokens)
            commit.changes.append((letter, path, old_path))
        else:
            commit.changes.append((letter, next(tokens), None))
    if commit is not None:
        yield commit


def _tree_files(repo: git.Repo, commit: str) -> set[str]:
    try:
        listing = repo.git.ls_tree("-r", "-z", "--name-only", "--full-tree", commit)
    except git.GitCommandError as error:
        raise GitSourceError(f"cannot list {commit[:7]} in {_where(repo)}: {error}") from None
    return set(listing.split("\0")) - {""}


def _git() -> str:
    return git.Git.GIT_PYTHON_GIT_EXECUTABLE or "git"


def _where(repo: git.Repo) -> str:
    return str(repo.working_tree_dir or repo.git_dir)


def _last_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[-1].strip() if lines else "unknown error"
