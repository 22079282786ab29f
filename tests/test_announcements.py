"""Release notes and announcements: a new entry that announces breaking changes is breaking."""

from __future__ import annotations

from docs_repo import DocsRepo
from test_change_set import PAGE, read

from insight.models import BREAKING, NEW_FEATURE

NOTES = "# Release notes\n\n{entries}## May 2, 2025\n\n* Added `demo list` command\n"


def test_release_entries_that_announce_breaking_changes(docs_repo: DocsRepo) -> None:
    docs_repo.write("mkdocs.yml", "site_name: Demo\nsite_url: https://demo.example/\n")
    docs_repo.write("docs/release-notes.md", NOTES.format(entries=""))
    docs_repo.write("docs/whats-new.md", NOTES.format(entries=""))
    base = docs_repo.commit("base")
    docs_repo.write(
        "docs/release-notes.md",
        NOTES.format(
            entries="## June 3, 2025\n\n* [BREAKING CHANGE] Renamed `demo get` to `demo show`\n"
            "* Added `--all` to `demo list`\n\n"
        ),
    )
    docs_repo.write(
        "docs/whats-new.md",
        NOTES.format(entries="## June 3, 2025\n\n* Added `demo export`\n* Added `--json`\n\n"),
    )
    docs_repo.write(
        "docs/blog/2025-06-03-demo-2.md",
        PAGE.format(title="Demo 2.0")
        + "Upgrading from 1.x? Read the migration guide: config files changed format.\n",
    )
    docs_repo.write(
        "docs/blog/2025-06-04-tips.md",
        PAGE.format(title="Tips") + "<!-- NOTE: if you write a section about a breaking change,\n"
        "    add the warning banner:\n    ::: warning Breaking change\n-->\n"
        "More tips <!-- no breaking changes here either --> for the editor.\n",
    )
    docs_repo.write(
        "docs/blog/2025-07-01-demo-2-1.md",
        PAGE.format(title="Demo 2.1 - faster exports, no breaking changes")
        + "Upgrade any time: this release has no user-facing breaking changes.\n",
    )
    docs_repo.write(
        "docs/blog/2025-07-08-this-week-42.md",
        PAGE.format(title="This week in Demo #42")
        + "* fixed incompatible npm scripts (#1137)\n"
        + "* mitigated `watch -d` breaking change (#16473)\n"
        + "* added case-insensitivity to glob to avoid breaking changes (#18376)\n",
    )
    head = docs_repo.commit("release")
    changes = read(docs_repo, f"{base}..{head}")

    notes = changes["docs/release-notes.md"]
    assessment = notes.assess()
    assert assessment.type == BREAKING
    assert "demo show" in notes.write(assessment).explanation
    assert changes["docs/whats-new.md"].type != BREAKING
    assert changes["docs/blog/2025-06-03-demo-2.md"].type == BREAKING
    assert changes["docs/blog/2025-06-04-tips.md"].type == NEW_FEATURE  # a note to writers
    # saying there are none announces nothing, nor does saying one was fixed or avoided
    assert changes["docs/blog/2025-07-01-demo-2-1.md"].type == NEW_FEATURE
    assert changes["docs/blog/2025-07-08-this-week-42.md"].type == NEW_FEATURE


def test_an_announcement_quoted_as_its_whole_sentence(docs_repo: DocsRepo) -> None:
    """A sentence of a post wrapped over two lines of its source is one sentence to its
    reader: the explanation quotes it whole, not the line that holds the announcing words
    ("for the migration guide.")."""
    docs_repo.write("mkdocs.yml", "site_name: Demo\nsite_url: https://demo.example/\n")
    docs_repo.write("docs/index.md", PAGE.format(title="Demo"))
    base = docs_repo.commit("base")
    docs_repo.write(
        "docs/blog/2025-06-03-demo-2.md",
        PAGE.format(title="Demo 2.0") + "## The old exporter is now fully deprecated\n\n"
        "See the [deprecation notice](https://demo.example/deprecations/#exporter)\n"
        "for the migration guide.\n",
    )
    head = docs_repo.commit("post")
    post = read(docs_repo, f"{base}..{head}")["docs/blog/2025-06-03-demo-2.md"]
    assessment = post.assess()
    assert assessment.type == BREAKING
    assert (
        "See the deprecation notice for the migration guide." in post.write(assessment).explanation
    )
