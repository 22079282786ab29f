"""Review overrides: a reviewer's correction survives a re-run, a re-render and a publish,
and is reported, not applied, once the file has changed again."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from docs_repo import DocsRepo

from insight.cli import cli

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PAGE = "---\ntitle: {title}\n---\n# {title}\n\n{body}\n"


@pytest.fixture
def project(docs_repo: DocsRepo, isolated: Path) -> tuple[DocsRepo, str]:
    docs_repo.write("docs/limits.md", PAGE.format(title="Limits", body="Up to ten calls."))
    docs_repo.write("docs/intro.md", PAGE.format(title="Intro", body="Hello."))
    base = docs_repo.commit("Start")
    docs_repo.write("docs/limits.md", PAGE.format(title="Limits", body="Up to five calls."))
    docs_repo.write("docs/intro.md", PAGE.format(title="Intro", body="Hello there."))
    docs_repo.commit("Lower the limit")
    settings = f'repo = "{docs_repo.path.as_posix()}"\nengine = "heuristic"\n'
    (isolated / "insight.toml").write_text(settings + 'locales = ["en_US", "ja_JP"]\n')
    return docs_repo, base


def _invoke(*arguments: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(arguments))
    return result.exit_code, result.stdout, result.stderr


def _item(path: Path, file: str) -> dict:
    model = json.loads(path.read_text(encoding="utf-8"))
    return next(item for item in model["items"] if item["path"] == file)


def test_an_override_survives_rerun_render_and_publish(
    project: tuple[DocsRepo, str], isolated: Path
) -> None:
    _docs, base = project
    code, out, err = _invoke("report", f"{base}...main")
    assert code == 0, err
    english = next(Path("reports").rglob("en_US/*.json"))
    japanese = next(Path("reports").rglob("ja_JP/*.json"))
    assert _item(english, "docs/limits.md")["type"] != "breaking change"
    assert "reviewed" not in _item(english, "docs/limits.md")

    code, out, err = _invoke(
        "override",
        "docs/limits.md",
        "--type",
        "breaking",
        "--title",
        "Calls limited to 5",
        "--locale",
        "en_US",
    )
    assert code == 0, err
    assert out.strip() == str(isolated / "insight-overrides.toml")
    recorded = tomllib.loads((isolated / "insight-overrides.toml").read_text(encoding="utf-8"))
    entry = recorded["override"][0]
    assert entry["type"] == "breaking change" and entry["locale"] == "en_US"
    assert entry["fingerprint"] == _item(english, "docs/limits.md")["fingerprint"]

    code, out, err = _invoke("report", f"{base}...main")  # a re-run
    assert code == 0, err
    limits = _item(english, "docs/limits.md")
    assert (limits["type"], limits["title"], limits["reviewed"]) == (
        "breaking change",
        "Calls limited to 5",
        True,
    )
    translated = _item(japanese, "docs/limits.md")  # the type holds in every locale
    assert translated["type"] == "breaking change" and translated["title"] != "Calls limited to 5"
    assert "reviewed" not in _item(english, "docs/intro.md")
    assert "1 breaking change" in err  # the run's last line counts the override's type

    model = json.loads(english.read_text(encoding="utf-8"))  # a model written before the review
    for item in model["items"]:
        item.pop("reviewed", None)
        item["type"], item["title"] = "minor update", "Untouched"
    english.write_text(json.dumps(model), encoding="utf-8")
    code, markdown, err = _invoke("render", str(english))  # a re-render applies it
    assert code == 0, err
    assert "| [limits.md](#" in markdown and "| breaking change | Calls limited to 5 |" in markdown

    code, out, err = _invoke("publish", "reports", "--out", "site")
    assert code == 0, err
    page = next(Path("site/en_US/reports").glob("*.html")).read_text(encoding="utf-8")
    assert "Calls limited to 5" in page


def test_a_stale_override_is_reported_not_applied(
    project: tuple[DocsRepo, str], isolated: Path
) -> None:
    docs, base = project
    assert _invoke("report", f"{base}...main")[0] == 0
    assert _invoke("override", "docs/limits.md", "--type", "new")[0] == 0

    docs.write("docs/limits.md", PAGE.format(title="Limits", body="Up to 3 calls."))
    docs.commit("Lower it again")
    code, _out, err = _invoke("report", f"{base}...main", "-o", "later")
    assert code == 0, err
    assert "override of docs/limits.md is stale" in err and "not applied" in err
    later = next(Path("later").rglob("en_US/*.json"))
    assert "reviewed" not in _item(later, "docs/limits.md")


def test_override_errors_are_one_line(project: tuple[DocsRepo, str], isolated: Path) -> None:
    code, _, err = _invoke("override", "docs/limits.md", "--type", "new")
    assert code == 2 and "no such reports folder" in err
    _, base = project
    assert _invoke("report", f"{base}...main")[0] == 0
    code, _, err = _invoke("override", "docs/nowhere.md", "--type", "new")
    assert code == 2 and "docs/nowhere.md: no report in reports holds this file" in err
    (isolated / "insight-overrides.toml").write_text('[[override]]\npath = "a"\n')
    code, _out, err = _invoke("report", f"{base}...main")
    assert code == 2 and "insight-overrides.toml: override 1: missing key 'fingerprint'" in err
