"""Where the shipped templates, prompts and message catalogues live."""

from __future__ import annotations

import importlib.util
from pathlib import Path


def resource_dir(name: str) -> Path:
    """The directory of the shipped resource package ``insight.<name>``.

    An installed wheel has it inside the package; an editable install of a checkout
    does not map data-only packages, so fall back to the folder beside ``insight/``.
    """
    spec = importlib.util.find_spec(f"insight.{name}")
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    return Path(__file__).resolve().parent.parent / name
