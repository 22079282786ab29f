"""Report files on disk: where each goes, and writing them all or none."""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date as Date
from pathlib import Path, PurePosixPath

from insight.errors import OutputError
from insight.escape import printable
from insight.models import Report
from insight.parallel import map_forked, usable_cores
from insight.report import serialize
from insight.report.render import render_markdown

PARALLEL_MINIMUM = 400
"""Below this many items in all, the reports are rendered in this process."""
Content = str | list[str]
"""A file's text, whole or in pieces written one after the other (a huge page)."""
_TEMPORARY = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")
"""The name ``tempfile.mkstemp`` gives a file staged by ``write_files``: ``.NAME.XXXXXXXX.tmp``."""


def contained(base: Path, relative: str) -> Path:
    """``base / relative``, refused when ``relative`` could lead anywhere outside ``base``.

    Every path derived from a report, a model or a repository goes through here: a locale
    of ``../../outside``, an absolute category or a symbolic link out of ``base`` is an error.
    """
    pure = PurePosixPath(relative)
    if (
        not relative
        or pure.is_absolute()
        or ".." in pure.parts
        or any(character in relative for character in "\\\0\n\r")
    ):
        raise OutputError(f"{relative!r}: a path outside {base}")
    target = base / pure
    root, resolved = base.resolve(), target.resolve()
    if resolved != root and root not in resolved.parents:
        raise OutputError(f"{relative!r}: a path outside {base}")
    return target


def report_path(report: Report, pattern: str, out_dir: Path) -> Path:
    """``out_dir`` / the pattern with strftime codes from the report date, then placeholders."""
    day = Date.fromisoformat(report.date)
    relative = day.strftime(pattern).format(locale=report.locale, category=report.category)
    return contained(out_dir, relative)


def report_files(
    reports: Sequence[Report], pattern: str, out_dir: Path, template: str
) -> ReportFiles:
    """The Markdown and, beside it, the JSON model of every report, rendered as written."""
    return ReportFiles(
        reports, [report_path(report, pattern, out_dir) for report in reports], template
    )


class ReportFiles(Mapping[Path, str]):
    """Report files by path, each rendered when it is read or written, never all held at once:
    the reports of several locales share their patches, and only the file being written is
    text. ``write_files`` renders a large run on every core, each process straight into
    the files it writes."""

    def __init__(self, reports: Sequence[Report], paths: Sequence[Path], template: str) -> None:
        self._work = (reports, template)
        self._jobs = {
            path.with_suffix(kind) if kind == ".json" else path: (index, kind)
            for index, path in enumerate(paths)
            for kind in (".md", ".json")
        }
        items = sum(len(report.items) for report in reports)
        self._workers = usable_cores() if items >= PARALLEL_MINIMUM else 1

    def __getitem__(self, path: Path) -> str:
        return _render(self._work, self._jobs[path])

    def __iter__(self) -> Iterator[Path]:
        return iter(self._jobs)

    def __len__(self) -> int:
        return len(self._jobs)

    def render_into(self, staged: Mapping[Path, Path]) -> None:
        """Every file rendered into its staged file (``staged``: target -> temporary file)."""
        jobs = [(*job, staged[path]) for path, job in self._jobs.items()]
        map_forked(_render_into, self._work, jobs, self._workers)


def _render(work: tuple[Sequence[Report], str], job: tuple[int, str]) -> str:
    return "".join(_pieces(work, job))


def _render_into(work: tuple[Sequence[Report], str], job: tuple[int, str, Path]) -> None:
    index, kind, staged = job
    pieces = _pieces(work, (index, kind))  # the Markdown comes printable from its renderer
    with open(staged, "w", encoding="utf-8", newline="") as stream:
        stream.writelines(map(printable, pieces) if kind == ".json" else pieces)


def _pieces(work: tuple[Sequence[Report], str], job: tuple[int, str]) -> Iterable[str]:
    """The text of one report file, the JSON model in pieces as it is encoded."""
    reports, template = work
    index, kind = job
    if kind == ".json":
        return serialize.dump_pieces(reports[index])
    return [render_markdown(reports[index], template)]


def _new_file_mode() -> int:
    """What ``open()`` gives a new file: 0666 without the umask (mkstemp gives 0600).

    Linux tells the umask in /proc; elsewhere it is read by setting it, which is not atomic.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def _mode_for(target: Path, new_mode: int) -> int:
    """The mode of the file replaced, or that of a new file; only a regular file is replaced."""
    try:
        status = target.lstat()
    except FileNotFoundError:
        return new_mode
    if not stat.S_ISREG(status.st_mode):
        raise OutputError(f"{target}: exists and is not a regular file; not replaced")
    return stat.S_IMODE(status.st_mode)


def write_files(files: Mapping[Path, Content]) -> list[Path]:
    """Write every file through a temporary file and a rename; on error, leave none behind
    (nor a folder made for them).

    A file keeps the mode it had; a new one gets the mode the umask allows. Temporary files
    that an earlier, interrupted run left in the folders written are removed. No control
    character or lone surrogate is written raw (``escape.printable``). Report files
    (``report_files``) are rendered as they are written.
    """
    started = time.time()
    new_mode = _new_file_mode()
    staged: dict[Path, Path] = {}
    made: list[Path] = []
    target = None
    try:
        for target in files:
            mode = _mode_for(target, new_mode)
            made += _make_folder(target.parent)
            handle, name = tempfile.mkstemp(
                prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
            )
            staged[target] = Path(name)
            os.fchmod(handle, mode)
            os.close(handle)
        if isinstance(files, ReportFiles):
            files.render_into(staged)
        else:
            for target, content in files.items():
                with open(staged[target], "w", encoding="utf-8", newline="") as stream:
                    pieces = [content] if isinstance(content, str) else content
                    stream.writelines(map(printable, pieces))
        for target, temporary in staged.items():
            os.replace(temporary, target)
    except BaseException as error:  # an OS error, a refused target, or Ctrl-C: none left
        for temporary in staged.values():
            temporary.unlink(missing_ok=True)
        for folder in reversed(made):
            with contextlib.suppress(OSError):
                folder.rmdir()
        if isinstance(error, OSError):
            raise OutputError(f"{target}: cannot write: {error.strerror or error}") from None
        raise
    remove_stale_temporaries({path.parent for path in staged}, started)
    return list(staged)


def _make_folder(folder: Path) -> list[Path]:
    """Make ``folder`` with its missing parents; the folders made, outermost first."""
    missing = [folder, *folder.parents]
    missing = list(reversed([path for path in missing if not path.exists()]))
    folder.mkdir(parents=True, exist_ok=True)
    return missing


def remove_stale_temporaries(folders: Iterable[Path], before: float) -> None:
    """Remove ``.NAME.XXXXXXXX.tmp`` files older than ``before`` (a run killed mid-rename)."""
    for folder in folders:
        try:
            candidates = [path for path in folder.iterdir() if _TEMPORARY.match(path.name)]
        except OSError:
            continue
        for path in candidates:
            try:
                status = path.lstat()
                if stat.S_ISREG(status.st_mode) and status.st_mtime < before:
                    path.unlink()
            except OSError:
                continue
