"""insight: Diff Insight Reports for documentation repositories.

The Python API is ``__all__`` (README, "Python API", has an example). Each name is imported
when first used, so the command line pays only for what it runs.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

DISTRIBUTION = "insight-docs"

_EXPORTS = {
    "Settings": "insight.config",
    "load_settings": "insight.config",
    "InsightError": "insight.errors",
    "FileChange": "insight.models",
    "Report": "insight.models",
    "ReportItem": "insight.models",
    "build_reports": "insight.report.pipeline",
    "create_engine": "insight.report.pipeline",
    "report_files": "insight.report.files",
    "write_files": "insight.report.files",
    "render_markdown": "insight.report.render",
    "load_report": "insight.report.serialize",
    "dump_report": "insight.report.serialize",
    "classify_diff": "insight.report.classify",
    "read_labelled": "insight.report.labelled",
    "find_repositories": "insight.report.evaluate",
    "evaluate": "insight.report.evaluate",
    "build_site": "insight.publish.site",
}
_RENAMED = {"load_report": "load", "dump_report": "dumps"}

__all__ = [
    "FileChange",
    "InsightError",
    "Report",
    "ReportItem",
    "Settings",
    "build_reports",
    "build_site",
    "classify_diff",
    "create_engine",
    "dump_report",
    "evaluate",
    "find_repositories",
    "load_report",
    "load_settings",
    "read_labelled",
    "render_markdown",
    "report_files",
    "write_files",
]

if TYPE_CHECKING:
    from insight.config import Settings, load_settings
    from insight.errors import InsightError
    from insight.models import FileChange, Report, ReportItem
    from insight.publish.site import build_site
    from insight.report.classify import classify_diff
    from insight.report.evaluate import evaluate, find_repositories
    from insight.report.files import report_files, write_files
    from insight.report.labelled import read_labelled
    from insight.report.pipeline import build_reports, create_engine
    from insight.report.render import render_markdown
    from insight.report.serialize import dumps as dump_report
    from insight.report.serialize import load as load_report


def __getattr__(name: str) -> Any:
    if name == "__version__":  # read from the installed metadata only when asked (~50 ms)
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version(DISTRIBUTION)
        except PackageNotFoundError:  # a source tree that is not installed
            return "0.0.0+source"
    if name not in _EXPORTS:
        raise AttributeError(f"module 'insight' has no attribute {name!r}")
    return getattr(import_module(_EXPORTS[name]), _RENAMED.get(name, name))
