"""``insight init``: a commented ``insight.toml`` and the scheduled workflow for a repository."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import jinja2

from insight import i18n
from insight.errors import UsageError
from insight.resources import resource_dir

ACTION_REPOSITORY = "insight-docs/insight"
ACTION_REF = f"{ACTION_REPOSITORY}@v1"
CONFIG_NAME = "insight.toml"
WORKFLOW_PATH = Path(".github") / "workflows" / "insight.yml"


def _environment() -> jinja2.Environment:
    # GitHub's ${{ }} expressions must pass through untouched, so variables use <%= %>.
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resource_dir("templates") / "init")),
        variable_start_string="<%=",
        variable_end_string="%>",
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
    )


def init_files(
    directory: Path,
    *,
    repo: str,
    branch: str = "HEAD",
    locales: Sequence[str] = ("en_US",),
    engine: str = "auto",
    action_ref: str = ACTION_REF,
) -> dict[Path, str]:
    """The two files ``insight init`` writes, by path; nothing is written here."""
    for locale in locales:
        i18n.check_locale(locale)
    values = {  # TOML basic strings take JSON's escapes
        "repo": json.dumps(repo, ensure_ascii=False),
        "branch": json.dumps(branch, ensure_ascii=False),
        "locales": ", ".join(json.dumps(locale) for locale in locales),
        "supported": ", ".join(i18n.supported_locales()),
        "engine": engine,
        "action_ref": action_ref,
        "action_repo": action_ref.split("@", 1)[0],
    }
    environment = _environment()
    return {
        directory / CONFIG_NAME: environment.get_template("insight.toml.j2").render(values),
        directory / WORKFLOW_PATH: environment.get_template("insight.yml.j2").render(values),
    }


def refuse_to_overwrite(files: dict[Path, str]) -> None:
    existing = [str(path) for path in files if path.exists()]
    if existing:
        raise UsageError(f"{existing[0]} exists; use --force to overwrite")
