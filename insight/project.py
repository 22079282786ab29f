"""This project as its package metadata states it: version, home, the Action's reference.

The project's URLs are stated once, in ``pyproject.toml``; ``insight init`` derives the
workflow's ``uses:`` line from the ``Repository`` URL and the installed version.
"""

from __future__ import annotations

from functools import cache
from importlib import metadata
from urllib.parse import urlsplit

from insight import DISTRIBUTION
from insight.errors import UsageError

REPOSITORY_LABEL = "Repository"


@cache
def _metadata() -> metadata.PackageMetadata:
    try:
        return metadata.metadata(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        raise UsageError(
            f"the {DISTRIBUTION} package is not installed (pip install .), so its metadata "
            "cannot name the Action; give --action OWNER/REPO@REF"
        ) from None


def version() -> str:
    return _metadata()["Version"]


def urls() -> dict[str, str]:
    """The project's URLs by label (``Homepage``, ``Repository``, ``Documentation``…)."""
    found = {}
    for entry in _metadata().get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        found[label.strip()] = url.strip()
    return found


def action_reference() -> str:
    """``OWNER/REPO@vVERSION``: the Action of this project, pinned to the installed version's
    tag (a development version, which has no tag, is pinned to the default branch)."""
    url = urls().get(REPOSITORY_LABEL, "")
    parts = urlsplit(url)
    path = parts.path.strip("/").removesuffix(".git").split("/")
    if parts.netloc.lower() != "github.com" or len(path) != 2 or not all(path):
        raise UsageError(
            f"the package metadata's {REPOSITORY_LABEL} URL {url!r} is not a GitHub "
            "repository; give --action OWNER/REPO@REF"
        )
    installed = version()
    tag = "main" if any(mark in installed for mark in ("dev", "+")) else f"v{installed}"
    return f"{path[0]}/{path[1]}@{tag}"
