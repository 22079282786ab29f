"""insight: Diff Insight Reports for documentation repositories."""

from __future__ import annotations

DISTRIBUTION = "insight-docs"


def __getattr__(name: str) -> str:
    """``__version__`` is read from the installed metadata only when asked (it costs ~50 ms)."""
    if name != "__version__":
        raise AttributeError(name)
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:  # a source tree that is not installed
        return "0.0.0+source"
