"""Model replies kept in one SQLite file, by content.

A key is a hash of what decides a reply: the model, the prompt's version, the locale, the
file's path and patch (or the overview's input). A second run of the same range makes no
call; a run that was interrupted finds every call it finished, because each reply is
committed as soon as it arrives. WAL mode lets several runs share the file.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import re
import sqlite3
import threading
from pathlib import Path
from typing import Any

from insight.errors import UsageError

LOG = logging.getLogger(__name__)
FILE_NAME = "llm-cache.sqlite3"
BUSY_TIMEOUT = 5.0
"""Seconds to wait for another run that writes to the cache."""
_SCHEMA = """
CREATE TABLE IF NOT EXISTS replies (key TEXT PRIMARY KEY, kind TEXT NOT NULL, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS batches (key TEXT PRIMARY KEY, batch_id TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS limits (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
_COLUMNS = {
    table: tuple(re.findall(r"(\w+) TEXT", columns))
    for table, columns in re.findall(r"CREATE TABLE IF NOT EXISTS (\w+) \((.*)\);", _SCHEMA)
}
"""Each table of the cache and its columns, in order, as ``_SCHEMA`` makes them."""


def cache_key(*parts: object) -> str:
    """A stable key from the parts that decide a reply."""
    return hashlib.sha256(
        json.dumps(parts, ensure_ascii=False, sort_keys=True).encode()
    ).hexdigest()


class ReplyCache:
    """Replies by key; ``path=None`` is a cache that keeps nothing (``--no-cache``)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._connection = sqlite3.connect(path, check_same_thread=False, timeout=BUSY_TIMEOUT)
            foreign = self._foreign_tables()
            if foreign:  # someone else's database: change nothing in it
                self.close()
                raise UsageError(
                    f"{path}: not an insight reply cache (it has the tables "
                    f"{', '.join(foreign)}); it was left as it is"
                )
            self._connection.execute("PRAGMA journal_mode=WAL")
            self._connection.executescript(_SCHEMA)
        except (OSError, sqlite3.Error) as error:
            self.close()
            raise UsageError(f"{path}: cannot open the cache: {error}") from None

    def _foreign_tables(self) -> list[str]:
        """The tables that are not the cache's own: another name, or our name with other
        columns (another program's ``replies``), read without changing anything."""
        assert self._connection is not None
        names = [
            row[0]
            for row in self._connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        return [
            name
            for name in names
            if name not in _COLUMNS
            or tuple(row[1] for row in self._connection.execute(f"PRAGMA table_info('{name}')"))
            != _COLUMNS[name]
        ]

    def get(self, key: str) -> dict[str, Any] | None:
        value = self._read("SELECT value FROM replies WHERE key = ?", key)
        try:
            return json.loads(value) if value else None
        except ValueError:  # a damaged entry is a miss; the call is made again
            return None

    def put(self, key: str, kind: str, value: dict[str, Any]) -> None:
        self._write(
            "INSERT OR REPLACE INTO replies (key, kind, value) VALUES (?, ?, ?)",
            (key, kind, json.dumps(value, ensure_ascii=False)),
        )

    def batch(self, key: str) -> str | None:
        return self._read("SELECT batch_id FROM batches WHERE key = ?", key)

    def remember_batch(self, key: str, batch_id: str) -> None:
        self._write("INSERT OR REPLACE INTO batches (key, batch_id) VALUES (?, ?)", (key, batch_id))

    def limits(self, key: str) -> dict[str, float] | None:
        """The rate limits (per minute) an endpoint's model stated last."""
        value = self._read("SELECT value FROM limits WHERE key = ?", key)
        return json.loads(value) if value else None

    def remember_limits(self, key: str, per_minute: dict[str, float]) -> None:
        self._write(
            "INSERT OR REPLACE INTO limits (key, value) VALUES (?, ?)",
            (key, json.dumps(per_minute)),
        )

    def _read(self, query: str, key: str) -> str | None:
        with self._lock:
            if self._connection is None:
                return None
            try:
                row = self._connection.execute(query, (key,)).fetchone()
            except sqlite3.Error as error:
                self._give_up(error)
                return None
        return row[0] if row else None

    def _write(self, statement: str, values: tuple[str, ...]) -> None:
        """One change, committed at once: an interrupted run keeps every reply it got. A reply
        that arrives after the cache is closed (a call left behind by Ctrl-C) is dropped."""
        with self._lock:
            if self._connection is None:
                return
            try:
                self._connection.execute(statement, values)
                self._connection.commit()
            except sqlite3.Error as error:
                self._give_up(error)

    def _give_up(self, error: sqlite3.Error) -> None:
        """A cache that fails mid-run (a corrupt page, a lock held too long) costs the run its
        cache, not its work: say so once and go on without it."""
        LOG.warning("%s: the reply cache failed (%s); the run goes on without it", self.path, error)
        connection, self._connection = self._connection, None
        if connection is not None:
            with contextlib.suppress(sqlite3.Error):
                connection.close()

    def stats(self) -> dict[str, Any]:
        """Entries by kind and the file's size, for ``insight cache stats``."""
        if self._connection is None or self.path is None:
            return {"path": None, "entries": 0, "by_kind": {}, "bytes": 0}
        with self._lock:
            rows = self._connection.execute(
                "SELECT kind, COUNT(*) FROM replies GROUP BY kind ORDER BY kind"
            ).fetchall()
            batches = self._connection.execute("SELECT COUNT(*) FROM batches").fetchone()[0]
        size = sum(
            item.stat().st_size
            for item in self.path.parent.glob(self.path.name + "*")
            if item.is_file()
        )
        return {
            "path": str(self.path),
            "entries": sum(count for _, count in rows),
            "by_kind": dict(rows),
            "batches": batches,
            "bytes": size,
        }

    def clear(self) -> int:
        """Forget every reply, batch and limit; how many replies there were."""
        if self._connection is None:
            return 0
        with self._lock:
            count = self._connection.execute("SELECT COUNT(*) FROM replies").fetchone()[0]
            self._connection.execute("DELETE FROM replies")
            self._connection.execute("DELETE FROM batches")
            self._connection.execute("DELETE FROM limits")
            self._connection.commit()
            self._connection.execute("VACUUM")
        return count

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None
