"""insight: Diff Insight Reports for documentation repositories."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("insight-docs")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+source"
