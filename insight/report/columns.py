"""Rows as aligned columns for a terminal: every column padded but the last, which runs on."""

from __future__ import annotations

from collections.abc import Sequence


def aligned(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """``header`` (upper-cased) and ``rows``, each line ending without trailing spaces."""
    table = [tuple(column.upper() for column in header), *(tuple(row) for row in rows)]
    padded = len(header) - 1
    widths = [max(len(row[index]) for row in table) for index in range(padded)]
    lines = [
        "  ".join([*(row[index].ljust(width) for index, width in enumerate(widths)), row[padded]])
        for row in table
    ]
    return "\n".join(line.rstrip() for line in lines) + "\n"
