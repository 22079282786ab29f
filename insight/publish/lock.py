"""One writer at a time per output directory (``insight run``, ``insight publish``).

The lock is a file, ``.insight.lock``, made inside the directory with an exclusive create
(which every platform and file system does atomically) and removed when the writer is done,
so that nothing is left behind for ``git add`` or a site upload. It holds the writer's
process id and host; a lock whose process is gone (killed, the machine rebooted) is taken
over. No ``fcntl`` or ``msvcrt``: the same code on every platform.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import time
from collections.abc import Iterator
from pathlib import Path

from insight.errors import OutputError

LOCK_NAME = ".insight.lock"
DEFAULT_WAIT = 5.0
"""Seconds a second writer waits for the first before it gives up."""
_POLL = 0.1
UNREADABLE_GRACE = 2.0
"""Seconds a lock file may stay unreadable (being written) before it counts as abandoned."""
MAX_PID = 2**31 - 1


@contextlib.contextmanager
def directory_lock(directory: Path, wait: float | None = None) -> Iterator[Path]:
    """Hold the lock of ``directory`` (made if missing) for the ``with`` block.

    Waits up to ``wait`` seconds for another writer, then raises ``OutputError`` naming the
    directory, the writer and the lock file. Yields the lock file's path.
    """
    path = directory / LOCK_NAME
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"{directory}: cannot write: {error.strerror or error}") from None
    wait = DEFAULT_WAIT if wait is None else wait
    deadline = time.monotonic() + wait
    while not _create(path):
        holder = _holder(path)
        if holder is not None and not _alive(holder):
            _take_over(path, holder)
            continue
        if holder is None and _abandoned(path):  # its writer died before writing a word
            continue
        if time.monotonic() >= deadline:
            who = _describe(holder)
            raise OutputError(
                f"{directory}: another insight run or publish is writing here{who}; "
                f"waited {wait:g} s (if none is running, delete {path})"
            )
        time.sleep(_POLL)
    try:
        yield path
    finally:
        with contextlib.suppress(OSError):
            path.unlink()


def _create(path: Path) -> bool:
    """Make the lock file, or False when it exists."""
    try:
        handle = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except FileExistsError:
        return False
    except OSError as error:
        raise OutputError(f"{path}: cannot write: {error.strerror or error}") from None
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        json.dump({"pid": os.getpid(), "host": socket.gethostname(), "since": time.time()}, stream)
    return True


def _holder(path: Path) -> dict[str, object] | None:
    """What the lock file says about its writer; None while it is being written or gone."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _alive(holder: dict[str, object]) -> bool:
    """False only when the writer is surely gone: same host, and no such process (a process id
    no process can have, such as 99999999999999999999999, included)."""
    pid = holder.get("pid")
    if holder.get("host") != socket.gethostname() or not isinstance(pid, int) or os.name != "posix":
        return True
    if not 0 < pid <= MAX_PID:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: it exists
        return True
    return True


def _abandoned(path: Path) -> bool:
    """Remove a lock file that has said nothing for ``UNREADABLE_GRACE`` seconds (empty, or no
    JSON: its writer was killed between making it and writing it); whether it was removed."""
    try:
        before = path.stat()
    except OSError:
        return False
    if time.time() - before.st_mtime < UNREADABLE_GRACE:
        return False
    with contextlib.suppress(OSError):
        now = path.stat()
        if (now.st_ino, now.st_mtime_ns) == (before.st_ino, before.st_mtime_ns):
            path.unlink()  # the same file, unreadable still: no writer will ever finish it
            return True
    return False


def _take_over(path: Path, holder: dict[str, object]) -> None:
    """Remove a dead writer's lock, unless another process replaced it in the meantime."""
    if _holder(path) == holder:
        with contextlib.suppress(OSError):
            path.unlink()


def _describe(holder: dict[str, object] | None) -> str:
    if holder is None:
        return ""
    return f" (process {holder.get('pid')} on {holder.get('host')})"
