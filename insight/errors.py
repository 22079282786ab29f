"""The exceptions insight raises; the CLI turns each into one line and an exit code."""

from __future__ import annotations


class InsightError(Exception):
    """A failure the user should read about in one line (exit code 1)."""

    exit_code = 1


class UsageError(InsightError):
    """Bad input from the user: a flag, a revision, a file (exit code 2)."""

    exit_code = 2


class ConfigError(UsageError):
    """A configuration file or setting that cannot be used; the message names key and file."""


class GitSourceError(UsageError):
    """The repository or the range cannot be read."""


class DiffParseError(UsageError):
    """A unified diff that cannot be parsed; the message names the line."""


class ReportFormatError(UsageError):
    """A file that is not an ``insight.report/v1`` model."""


class OutputError(InsightError):
    """A report could not be written."""


class ModelError(InsightError):
    """A model call failed. ``fatal`` when no other call can succeed (a bad key, no such model);
    ``kind`` says how, in a few words the run's summary counts (``no connection``,
    ``timed out``, ``HTTP 503``)."""

    def __init__(self, message: str, fatal: bool = False, kind: str = "failed") -> None:
        super().__init__(message)
        self.fatal = fatal
        self.kind = kind
