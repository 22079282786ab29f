"""Where the shipped templates, prompts and message catalogues live."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
DEFAULT_TEMPLATE = "insight:report.md.j2"
"""The shipped report template; a user's own is a path."""


def resource_dir(name: str) -> Path:
    """The folder of a shipped resource: ``templates`` or ``prompts``.

    A wheel (and so any ``pip install .``) puts them inside the package; a checkout, used
    without installing or installed in editable mode, keeps them beside ``insight/``.
    """
    inside = PACKAGE / name
    return inside if inside.is_dir() else PACKAGE.parent / name
