"""RUBRIC.md, "Moves and redirects", its navigation line: acceptance tests per toolchain.

"Navigation files (TOC, `mkdocs.yml` nav, sidebars): an entry removed because its page was
removed or moved without a redirect is breaking; entries regrouped or retitled while every
page stays reachable are minor; an entry for a new page is a new feature." Each test builds a
small site in a real git repository with its toolchain's configuration, commits the scenario
and reads the type ``insight report`` gives the navigation file.
"""

from __future__ import annotations

import pytest
from docs_repo import DocsRepo
from rubric_sites import (
    BREAKING,
    LEARN_DOCS,
    MINOR,
    NEW,
    article,
    docusaurus_page,
    docusaurus_site,
    expect,
    judge,
    learn_page,
    learn_site,
    mdbook_site,
    mkdocs_site,
)

# --- Navigation files -----------------------------------------------------------------------

MKDOCS_NAV = (
    "  - Home: index.md\n"
    "  - Tutorial:\n"
    "      - First steps: tutorial/first-steps.md\n"
    "      - Path parameters: tutorial/path-params.md\n"
    "  - Deployment: deployment.md\n"
)
MKDOCS_PAGES = {
    "docs/index.md": "# Contoso API\n\nBuild APIs with Contoso.\n",
    "docs/tutorial/first-steps.md": article("First steps", "Create an app and run it."),
    "docs/tutorial/path-params.md": article("Path parameters", "Read values from the path."),
    "docs/deployment.md": article("Deployment", "Run the app behind a process manager."),
}


def _mkdocs_nav_removed(repo: DocsRepo) -> None:
    repo.remove("docs/tutorial/path-params.md")
    mkdocs_site(repo, MKDOCS_NAV.replace("      - Path parameters: tutorial/path-params.md\n", ""))


def _mkdocs_nav_moved(repo: DocsRepo, redirect: bool) -> None:
    repo.move("docs/deployment.md", "docs/advanced/deployment.md")
    mkdocs_site(
        repo,
        MKDOCS_NAV.replace("deployment.md", "advanced/deployment.md"),
        {"deployment.md": "advanced/deployment.md"} if redirect else None,
    )


def _mkdocs_nav_regrouped(repo: DocsRepo) -> None:
    mkdocs_site(
        repo,
        "  - Home: index.md\n"
        "  - Learn:\n"
        "      - Get started: tutorial/first-steps.md\n"
        "      - Path parameters: tutorial/path-params.md\n"
        "  - Advanced:\n"
        "      - Deployment: deployment.md\n",
    )


def _mkdocs_nav_new_page(repo: DocsRepo) -> None:
    repo.write(
        "docs/tutorial/query-params.md", article("Query parameters", "Read values from the query.")
    )
    mkdocs_site(
        repo,
        MKDOCS_NAV.replace(
            "      - Path parameters: tutorial/path-params.md\n",
            "      - Path parameters: tutorial/path-params.md\n"
            "      - Query parameters: tutorial/query-params.md\n",
        ),
    )


MKDOCS_NAV_CASES = {
    "entry removed with its page": (_mkdocs_nav_removed, BREAKING),
    "entry of a page moved without a redirect": (
        lambda repo: _mkdocs_nav_moved(repo, redirect=False),
        BREAKING,
    ),
    "entry of a page moved with a redirect": (
        lambda repo: _mkdocs_nav_moved(repo, redirect=True),
        MINOR,
    ),
    "entries regrouped and retitled": (_mkdocs_nav_regrouped, MINOR),
    "entry for a new page": (_mkdocs_nav_new_page, NEW),
}


@pytest.mark.parametrize("case", list(MKDOCS_NAV_CASES))
def test_mkdocs_nav(docs_repo: DocsRepo, case: str) -> None:
    """RUBRIC.md:

    "Navigation files (TOC, `mkdocs.yml` nav, sidebars): an entry removed because its page
    was removed or moved without a redirect is breaking; entries regrouped or retitled while
    every page stays reachable are minor; an entry for a new page is a new feature."
    (`mkdocs.yml`'s `nav`; a page moved with a redirect stays reachable.)"""
    change, expected = MKDOCS_NAV_CASES[case]
    mkdocs_site(docs_repo, MKDOCS_NAV)
    for path, text in MKDOCS_PAGES.items():
        docs_repo.write(path, text)
    base = docs_repo.commit("base")
    change(docs_repo)
    head = docs_repo.commit(case)
    expect(judge(docs_repo, base, head), "mkdocs.yml", expected)


LEARN_TOC = (
    "items:\n"
    "  - name: Overview\n"
    "    href: overview.md\n"
    "  - name: Install\n"
    "    items:\n"
    "      - name: Install on Windows\n"
    "        href: install/install-on-windows.md\n"
    "      - name: Install on Linux\n"
    "        href: install/install-on-linux.md\n"
    "  - name: Remoting\n"
    "    href: remoting.md\n"
)
LEARN_TOC_PAGES = {
    "overview.md": ("What is the shell?", "A cross-platform task automation shell."),
    "install/install-on-windows.md": ("Install on Windows", "Install with WinGet."),
    "install/install-on-linux.md": ("Install on Linux", "Install from the package feed."),
    "remoting.md": ("Remoting", "Run commands on remote computers over SSH."),
}


def _toc_removed(repo: DocsRepo) -> None:
    repo.remove(f"{LEARN_DOCS}/install/install-on-linux.md")
    repo.write(
        f"{LEARN_DOCS}/toc.yml",
        LEARN_TOC.replace(
            "      - name: Install on Linux\n        href: install/install-on-linux.md\n", ""
        ),
    )


def _toc_regrouped(repo: DocsRepo) -> None:
    repo.write(
        f"{LEARN_DOCS}/toc.yml",
        "items:\n"
        "  - name: What is the shell?\n"
        "    href: overview.md\n"
        "  - name: Get started\n"
        "    expanded: true\n"
        "    items:\n"
        "      - name: Install on Linux\n"
        "        href: install/install-on-linux.md\n"
        "      - name: Install on Windows\n"
        "        href: install/install-on-windows.md\n"
        "      - name: Remote sessions\n"
        "        href: remoting.md\n",
    )


def _toc_new_page(repo: DocsRepo) -> None:
    repo.write(
        f"{LEARN_DOCS}/install/install-on-macos.md",
        learn_page("Install on macOS", "Install with Homebrew."),
    )
    repo.write(
        f"{LEARN_DOCS}/toc.yml",
        LEARN_TOC.replace(
            "        href: install/install-on-linux.md\n",
            "        href: install/install-on-linux.md\n"
            "      - name: Install on macOS\n"
            "        href: install/install-on-macos.md\n",
        ),
    )


LEARN_TOC_CASES = {
    "entry removed with its page": (_toc_removed, BREAKING),
    "entries regrouped and retitled": (_toc_regrouped, MINOR),
    "entry for a new page": (_toc_new_page, NEW),
}


@pytest.mark.parametrize("case", list(LEARN_TOC_CASES))
def test_learn_toc(docs_repo: DocsRepo, case: str) -> None:
    """RUBRIC.md:

    "Navigation files (TOC, `mkdocs.yml` nav, sidebars): an entry removed because its page
    was removed [...] is breaking; entries regrouped or retitled while every page stays
    reachable are minor; an entry for a new page is a new feature." (A Learn `toc.yml`.)"""
    change, expected = LEARN_TOC_CASES[case]
    learn_site(docs_repo)
    docs_repo.write(f"{LEARN_DOCS}/toc.yml", LEARN_TOC)
    for path, (title, subject) in LEARN_TOC_PAGES.items():
        docs_repo.write(f"{LEARN_DOCS}/{path}", learn_page(title, subject))
    base = docs_repo.commit("base")
    change(docs_repo)
    head = docs_repo.commit(case)
    expect(judge(docs_repo, base, head), f"{LEARN_DOCS}/toc.yml", expected)


DOCUSAURUS_SIDEBAR = (
    "/** @type {import('@docusaurus/plugin-content-docs').SidebarsConfig} */\n"
    "const sidebars = {\n"
    "  docs: [\n"
    "    'intro',\n"
    "    {\n"
    "      type: 'category',\n"
    "      label: 'Guides',\n"
    "      items: ['guides/auth', 'guides/uploads'],\n"
    "    },\n"
    "  ],\n"
    "};\n\n"
    "module.exports = sidebars;\n"
)


@pytest.mark.parametrize(
    ("case", "expected"), [("entry removed with its page", BREAKING), ("entry for a new page", NEW)]
)
def test_docusaurus_sidebar(docs_repo: DocsRepo, case: str, expected: str) -> None:
    """RUBRIC.md:

    "Navigation files (TOC, `mkdocs.yml` nav, sidebars): an entry removed because its page
    was removed [...] is breaking; [...] an entry for a new page is a new feature."
    (Docusaurus `sidebars.js`.)"""
    docusaurus_site(docs_repo)
    docs_repo.write("sidebars.js", DOCUSAURUS_SIDEBAR)
    docs_repo.write("docs/intro.md", docusaurus_page("Introduction", "What the SDK does."))
    docs_repo.write("docs/guides/auth.md", docusaurus_page("Auth", "Sign requests with a key."))
    docs_repo.write("docs/guides/uploads.md", docusaurus_page("Uploads", "Upload large files."))
    base = docs_repo.commit("base")
    if expected == BREAKING:
        docs_repo.remove("docs/guides/uploads.md")
        docs_repo.write("sidebars.js", DOCUSAURUS_SIDEBAR.replace(", 'guides/uploads'", ""))
    else:
        docs_repo.write(
            "docs/guides/webhooks.md", docusaurus_page("Webhooks", "Receive event callbacks.")
        )
        docs_repo.write(
            "sidebars.js",
            DOCUSAURUS_SIDEBAR.replace("'guides/uploads'", "'guides/uploads', 'guides/webhooks'"),
        )
    head = docs_repo.commit(case)
    expect(judge(docs_repo, base, head), "sidebars.js", expected)


MDBOOK_SUMMARY = (
    "[Introduction](README.md)\n\n"
    "# User guide\n\n"
    "- [Installation](guide/installation.md)\n"
    "- [Reading books](guide/reading.md)\n"
    "- [Creating a book](guide/creating.md)\n"
)


@pytest.mark.parametrize(
    ("case", "expected"),
    [("entry removed with its page", BREAKING), ("entries regrouped and retitled", MINOR)],
)
def test_mdbook_summary(docs_repo: DocsRepo, case: str, expected: str) -> None:
    """RUBRIC.md:

    "Navigation files [...]: an entry removed because its page was removed [...] is
    breaking; entries regrouped or retitled while every page stays reachable are minor."
    (mdBook `src/SUMMARY.md`.)"""
    mdbook_site(docs_repo, MDBOOK_SUMMARY)
    docs_repo.write("src/README.md", "# Introduction\n\nThe Contoso book.\n")
    for page, subject in (
        ("installation", "Install the tool."),
        ("reading", "Open a book in a browser."),
        ("creating", "Start a new book."),
    ):
        docs_repo.write(f"src/guide/{page}.md", article(page.title(), subject))
    base = docs_repo.commit("base")
    if expected == BREAKING:
        docs_repo.remove("src/guide/reading.md")
        summary = MDBOOK_SUMMARY.replace("- [Reading books](guide/reading.md)\n", "")
    else:
        summary = (
            "[Introduction](README.md)\n\n# Getting started\n\n"
            "- [Install mdBook](guide/installation.md)\n- [Create a book](guide/creating.md)\n\n"
            "# Using books\n\n- [Read a book](guide/reading.md)\n"
        )
    mdbook_site(docs_repo, summary)
    head = docs_repo.commit(case)
    expect(judge(docs_repo, base, head), "src/SUMMARY.md", expected)
