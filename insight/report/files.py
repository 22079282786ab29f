"""Report files on disk: where each goes, and writing them all or none."""

from __future__ import annotations

import os
import re
import stat
import tempfile
import time
from collections.abc import Iterable, Mapping, Sequence
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
) -> dict[Path, str]:
    """The Markdown and, beside it, the JSON model of every report; large runs on every core."""
    paths = [report_path(report, pattern, out_dir) for report in reports]
    jobs = [(index, kind) for index in range(len(reports)) for kind in (".md", ".json")]
    items = sum(len(report.items) for report in reports)
    workers = usable_cores() if items >= PARALLEL_MINIMUM else 1
    texts = map_forked(_render, (reports, template), jobs, workers)
    return {
        paths[index].with_suffix(kind) if kind == ".json" else paths[index]: text
        for (index, kind), text in zip(jobs, texts, strict=True)
    }


def _render(work: tuple[Sequence[Report], str], job: tuple[int, str]) -> str:
    reports, template = work
    index, kind = job
    if kind == ".json":
        return serialize.dumps(reports[index])
    return render_markdown(reports[index], template)


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


def write_files(files: Mapping[Path, str]) -> list[Path]:
    """Write every file through a temporary file and a rename; on error, leave none behind.

    A file keeps the mode it had; a new one gets the mode the umask allows. Temporary files
    that an earlier, interrupted run left in the folders written are removed. No control
    character or lone surrogate is written raw (``escape.printable``).
    """
    started = time.time()
    new_mode = _new_file_mode()
    staged: list[tuple[Path, Path]] = []
    target = None
    try:
        for target, content in files.items():
            mode = _mode_for(target, new_mode)
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(
                prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
            )
            staged.append((Path(name), target))
            os.fchmod(handle, mode)
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
                stream.write(printable(content))
        for temporary, target in staged:
            os.replace(temporary, target)
    except BaseException as error:  # an OS error, a refused target, or Ctrl-C: none left
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise OutputError(f"{target}: cannot write: {error.strerror or error}") from None
        raise
    remove_stale_temporaries({path.parent for path in files}, started)
    return list(files)


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
