"""The same change in several version folders or languages: one overview bullet, one group
on the site, and every file still in the summary table."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from docs_repo import DocsRepo

from insight.cli import cli
from insight.engines.copies import copies
from insight.models import ReportItem

VERSIONS = ("v1.0", "v1.1", "v2.0", "v2.1", "latest")
PAGE = "---\ntitle: Install\n---\n# Install\n\nIntro for {version}.\n\n## Steps\n\n{steps}\n"


def test_one_bullet_one_group_every_row(docs_repo: DocsRepo, tmp_path: Path) -> None:
    for version in VERSIONS:
        docs_repo.write(
            f"docs/{version}/install.md", PAGE.format(version=version, steps="Run setup.")
        )
    docs_repo.write("docs/latest/other.md", "# Other\n\nText.\n")
    base = docs_repo.commit("Start")
    for version in VERSIONS:
        steps = "Run setup.\n\n## Proxy\n\nSet HTTPS_PROXY before you run setup."
        docs_repo.write(f"docs/{version}/install.md", PAGE.format(version=version, steps=steps))
    docs_repo.write("docs/latest/other.md", "# Other\n\nText, edited.\n")
    docs_repo.commit("Document the proxy in every version")

    out, site = tmp_path / "reports", tmp_path / "site"
    runner = CliRunner()
    arguments = ["report", "--repo", str(docs_repo.path), f"{base}...main", "-e", "heuristic"]
    assert runner.invoke(cli, [*arguments, "-o", str(out)]).exit_code == 0
    model = json.loads(next(out.rglob("*.json")).read_text(encoding="utf-8"))
    markdown = next(out.rglob("*.md")).read_text(encoding="utf-8")

    bullets = [
        line
        for line in model["overview"].splitlines()
        if "install.md" in line or "5 version" in line
    ]
    assert len(bullets) == 1, model["overview"]
    named = "the same change in 5 version folders: `latest`; `v1.0`; `v1.1`; `v2.0`; `v2.1`"
    assert named in bullets[0]
    rows = markdown.split("# Summary Table", 1)[1].split("# Modified Contents", 1)[0]
    assert rows.count("[install.md](#item-") == 5 and "[other.md](#item-" in rows

    assert runner.invoke(cli, ["publish", str(out), "--out", str(site)]).exit_code == 0
    page = next((site / "en_US" / "reports").glob("*.html")).read_text(encoding="utf-8")
    assert page.count("The same change is made in 5 version folders") == 1
    assert page.count("The same change as in") == 4


def _item(path: str, patch: str, status: str = "modified") -> ReportItem:
    return ReportItem(path, status, 1, 0, 1, patch, "minor update", "t", "e")


def test_copies_need_the_same_patch_and_one_differing_folder() -> None:
    patch = "@@ -1,2 +1,3 @@\n a\n+b"
    moved = "@@ -7,2 +7,3 @@\n c\n+b"  # the same edit lower in the file, in other context
    items = [
        _item("docs/en/a.md", patch),
        _item("docs/de/a.md", moved),
        _item("docs/ja/a.md", patch),
        _item("docs/en/b.md", patch),  # another page: a different file name
        _item("other/en/a.md", patch),  # differs in two folders from the others
        _item("docs/fr/a.md", "@@ -1 +1 @@\n-x\n+y"),  # another change
    ]
    found = copies(items)
    assert [[item.path for item in group.items] for group in found] == [
        ["docs/en/a.md", "docs/de/a.md", "docs/ja/a.md"]
    ]
    assert found[0].folders == ("en", "de", "ja") and found[0].kind == "language"
