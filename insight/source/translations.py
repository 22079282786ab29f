"""Translation debt: which translations a commit range left behind its source pages.

For every source page the range changed and every language of its layout:

- ``stale``: the translation exists and was last changed before the source's last change in
  the range;
- ``missing``: the page was added in the range and has no translation;
- ``orphaned``: the page was removed or moved in the range and its translation is still
  under the old path.

Two ``git log`` passes do it. The first reads the range with ``--name-status -M`` (what
changed, what was added, removed or moved). The second walks history back from the range's
base, limited to the translations the range did not touch (and their source pages, to count
the commits behind), and stops as soon as it has seen each of them once.
"""

from __future__ import annotations

import io
import subprocess
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import IO, cast

import git

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
    time: int
    date: str
    changes: list[tuple[str, str, str | None]]
    """(status letter, path, old path of a rename or copy)."""


@dataclass
class _History:
    """What the range did to each path, newest first."""

    touches: dict[str, list[tuple[int, str]]] = field(default_factory=lambda: defaultdict(list))
    """Every (time, date) a path was added, changed, removed or moved away in the range."""
    written: dict[str, tuple[int, str]] = field(default_factory=dict)
    """The newest (time, date) a path got its content in the range."""
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
        Layout(layout.source, layout.pattern, tuple(x for x in layout.languages if x in chosen))
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
    older, before = _last_changes(repo, base, wanted, sources) if base else ({}, {})
    items = []
    for layout, path in pages:
        touches = history.touches[path] + before.get(path, [])
        for language in layout.languages:
            translation = layout.translation(path, language)
            last = history.written.get(translation) or older.get(translation)
            last = last if translation in head_files else None
            state = _state(path, translation, last, history, head_files, base_files)
            if state is None:
                continue
            since = last[0] if last else None
            items.append(
                TranslationDebt(
                    source=path,
                    language=language,
                    translation=translation,
                    state=state,
                    source_changed=history.touches[path][0][1],
                    translation_changed=last[1] if last else None,
                    commits_behind=sum(1 for time, _ in touches if since is None or time > since),
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
    last: tuple[int, str] | None,
    history: _History,
    head_files: set[str],
    base_files: set[str],
) -> str | None:
    """How the translation of one source page stands, or None when it is not behind."""
    if path not in head_files:
        return "orphaned" if translation in head_files else None
    if translation in head_files:
        written = history.written.get(path, history.touches[path][0])
        return None if last is not None and last[0] >= written[0] else "stale"
    return None if history.origin(path) in base_files else "missing"


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
    arguments = ["-M", "--name-status", *revisions]
    with _log(repo, arguments, roots) as commits:
        for commit in commits:
            for status, path, old_path in commit.changes:
                when = (commit.time, commit.date)
                history.touches[path].append(when)
                if status != "D":
                    history.written.setdefault(path, when)
                if status == "R" and old_path is not None:
                    history.touches[old_path].append(when)
                    history.moved.setdefault(old_path, path)
                    history.moved_from[path] = old_path
    return history


def _last_changes(
    repo: git.Repo, base: str, translations: set[str], sources: set[str]
) -> tuple[dict[str, tuple[int, str]], dict[str, list[tuple[int, str]]]]:
    """The last change before the range of each translation, and the source pages' changes
    seen on the way (which may come after a translation's last change)."""
    last: dict[str, tuple[int, str]] = {}
    before: dict[str, list[tuple[int, str]]] = defaultdict(list)
    if not translations:
        return last, before
    with _log(repo, ["--name-only", "--no-renames", base], translations | sources) as commits:
        for commit in commits:
            for _, path, _ in commit.changes:
                if path in translations:
                    last.setdefault(path, (commit.time, commit.date))
                elif path in sources:
                    before[path].append((commit.time, commit.date))
            if len(last) == len(translations):
                break
    return last, before


@contextmanager
def _log(repo: git.Repo, arguments: list[str], paths: Iterable[str]) -> Iterator[Iterator[_Commit]]:
    """The commits of a ``git log`` run, read while git writes them; leaving the ``with``
    block before the end stops git at once."""
    command = [_git(), f"--git-dir={repo.git_dir}", "--literal-pathspecs", "log"]
    command += ["--format=%x01%ct %cs", "-z", "--no-color", "--stdin", *arguments]
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
    """Commits from the fields: a header (``\\x01TIME DATE``), then each path (with
    ``--name-status``, each status letter and its one or two paths)."""
    commit: _Commit | None = None
    mark = _COMMIT_MARK.decode()
    for token in tokens:
        field_text = token.lstrip("\n")
        if field_text.startswith(mark):
            if commit is not None:
                yield commit
            time, date = field_text[1:].split(" ", 1)
            commit = _Commit(int(time), date, [])
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
