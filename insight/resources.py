"""Where the shipped templates, prompts and message catalogues live."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jinja2

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


def template_environment(folder: Path | None = None, **options: Any) -> jinja2.Environment:
    """The one way insight makes a jinja2 environment: a value nobody gave is an error
    (``StrictUndefined``), block tags leave no blank lines, no autoescape (Markdown, TOML and
    prompts are no HTML; the site asks for it), a file's last newline kept. ``options``
    (the site's ``autoescape``, other delimiters) change only what they name."""
    import jinja2  # only where templates are rendered

    settings: dict[str, Any] = {
        "undefined": jinja2.StrictUndefined,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
        "autoescape": False,
        **options,
    }
    loader = jinja2.FileSystemLoader(str(folder)) if folder is not None else None
    return jinja2.Environment(loader=loader, **settings)
