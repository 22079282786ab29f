"""A version bump repeated across files of a range gets one type, decided by what it means."""

from __future__ import annotations

from docs_repo import DocsRepo
from test_change_set import read

from insight.models import BREAKING, MINOR

INSTALL = (
    "# {title}\n\nInstall the tool with pip, then check that it runs.\n\n"
    "```console\n$ pip install demo-tool=={version}\n```\n\nMore text about the setup.\n"
    "Or download [demo-{version}-x64.msi](https://example.com/demo-{version}-x64.msi).\n"
)
REQUIREMENT = (
    "# Upgrade\n\nThe plugin requires demo-tool {version} or later to be installed.\n\n"
    "Some more words about the plugin.\n"
)


def verdicts(docs_repo: DocsRepo, spec: str) -> dict[str, str]:
    return {path: change.type for path, change in read(docs_repo, spec).items()}


def test_a_release_that_every_example_tracks_is_routine(docs_repo: DocsRepo) -> None:
    docs_repo.write("mkdocs.yml", "site_name: Demo\nsite_url: https://demo.example/\n")
    for name in ("install", "docker", "ci"):
        docs_repo.write(f"docs/{name}.md", INSTALL.format(title=name, version="0.8.13"))
    base = docs_repo.commit("base")
    for name in ("install", "docker", "ci"):
        docs_repo.write(f"docs/{name}.md", INSTALL.format(title=name, version="0.8.14"))
    head = docs_repo.commit("bump")
    found = verdicts(docs_repo, f"{base}..{head}")
    assert {found[f"docs/{name}.md"] for name in ("install", "docker", "ci")} == {MINOR}


def test_a_raised_minimum_is_breaking_in_every_file(docs_repo: DocsRepo) -> None:
    docs_repo.write("mkdocs.yml", "site_name: Demo\nsite_url: https://demo.example/\n")
    docs_repo.write("docs/install.md", INSTALL.format(title="Install", version="2.4.0"))
    docs_repo.write("docs/upgrade.md", REQUIREMENT.format(version="2.4.0"))
    base = docs_repo.commit("base")
    docs_repo.write("docs/install.md", INSTALL.format(title="Install", version="2.6.0"))
    docs_repo.write("docs/upgrade.md", REQUIREMENT.format(version="2.6.0"))
    head = docs_repo.commit("raise")
    found = verdicts(docs_repo, f"{base}..{head}")
    assert found["docs/install.md"] == found["docs/upgrade.md"] == BREAKING


BROWSER = (
    "# Browser\n\nThe `plugins` option is required because the parsers come as plugins. These"
    " plugins are files in [https://unpkg.com/browse/demo@{version}/plugins]"
    "(https://unpkg.com/browse/demo@{version}/plugins).\n\n"
    '```html\n<script src="https://unpkg.com/demo@{version}/standalone.js"></script>\n```\n'
)


def test_a_release_in_a_link_of_a_sentence_that_requires_something_else(
    docs_repo: DocsRepo,
) -> None:
    """A sentence that says an option is required, with the release's version in the address
    of a link it gives: the version is where the link goes, no minimum the sentence states.
    The examples tracking the release are routine."""
    docs_repo.write("mkdocs.yml", "site_name: Demo\nsite_url: https://demo.example/\n")
    docs_repo.write("docs/browser.md", BROWSER.format(version="3.8.3"))
    docs_repo.write("docs/install.md", INSTALL.format(title="Install", version="3.8.3"))
    base = docs_repo.commit("base")
    docs_repo.write("docs/browser.md", BROWSER.format(version="3.9.6"))
    docs_repo.write("docs/install.md", INSTALL.format(title="Install", version="3.9.6"))
    head = docs_repo.commit("release")
    found = verdicts(docs_repo, f"{base}..{head}")
    assert found["docs/browser.md"] == found["docs/install.md"] == MINOR
