"""RUBRIC.md, "Addresses, versions and formats": acceptance tests, one per line and toolchain.

"What breaks for a reader is an address that stops serving, not a git status." Each test
builds a small site in a real git repository with its toolchain's configuration, commits the
scenario and reads the type ``insight report`` gives each file.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from docs_repo import DocsRepo
from rubric_sites import (
    BREAKING,
    LEARN_DOCS,
    LEARN_INCLUDES,
    MINOR,
    NEW,
    article,
    azps_site,
    docusaurus_page,
    docusaurus_site,
    expect,
    expect_not,
    hugo_site,
    jekyll_site,
    judge,
    learn_page,
    learn_site,
    mdbook_site,
    mkdocs_site,
    names,
    starlight_site,
    write_azps_versions,
)

# --- A source move the site publishes at the same address -----------------------------------


@dataclass(frozen=True)
class SameAddress:
    build: Callable[[DocsRepo], None]
    old: str
    new: str
    also: Callable[[DocsRepo], None] | None = None
    """What else the move changes (front matter, a configuration file), if anything."""


def _docusaurus(repo: DocsRepo) -> None:
    docusaurus_site(repo)
    repo.write("docs/intro.md", docusaurus_page("Introduction", "What the SDK does."))
    repo.write("docs/guide.md", docusaurus_page("Guide", "Call the SDK from a web app."))


def _starlight(repo: DocsRepo) -> None:
    starlight_site(repo)
    repo.write("src/content/docs/guide.md", article("Guide", "Add search to a Starlight site."))


def _mkdocs(repo: DocsRepo) -> None:
    mkdocs_site(repo)
    repo.write("docs/index.md", "# Contoso CLI\n\nA command-line client for Contoso.\n")
    repo.write("docs/guide.md", article("Guide", "Script the CLI in CI pipelines."))


def _hugo(repo: DocsRepo) -> None:
    hugo_site(repo)
    repo.write("content/docs/_index.md", "---\ntitle: Docs\n---\n")
    repo.write("content/docs/guide.md", article("Guide", "Tune the cluster's scheduler."))


def _mdbook(repo: DocsRepo) -> None:
    mdbook_site(repo, "- [Introduction](README.md)\n- [Guide](guide/index.md)\n")
    repo.write("src/README.md", "# Introduction\n\nThe Contoso book.\n")
    repo.write("src/guide/index.md", article("Guide", "Write a chapter with code samples."))


def _learn(repo: DocsRepo) -> None:
    learn_site(repo)
    repo.write(
        f"{LEARN_DOCS}/learn/Deep-Dives/Everything-About-Arrays.md",
        learn_page("Everything about arrays", "Arrays hold a fixed number of items."),
    )


def _learn_source_folder_renamed(repo: DocsRepo) -> None:
    docfx = repo.path / "reference/docfx.json"
    text = docfx.read_text(encoding="utf-8").replace(
        '"src": "docs-conceptual"', '"src": "conceptual"'
    )
    repo.write("reference/docfx.json", text)


SAME_ADDRESS = {
    "docusaurus-md-to-mdx": SameAddress(_docusaurus, "docs/guide.md", "docs/guide.mdx"),
    "docusaurus-folder-index": SameAddress(_docusaurus, "docs/guide.md", "docs/guide/index.md"),
    "docusaurus-folder-readme": SameAddress(_docusaurus, "docs/guide.md", "docs/guide/README.md"),
    "docusaurus-number-prefix": SameAddress(_docusaurus, "docs/guide.md", "docs/02-guide.md"),
    "docusaurus-slug-keeps-the-address": SameAddress(
        _docusaurus,
        "docs/guide.md",
        "docs/how-to/guide.md",
        lambda repo: repo.write(
            "docs/how-to/guide.md",
            article("Guide", "Call the SDK from a web app.", "sidebar_position: 2\nslug: /guide\n"),
        ),
    ),
    "starlight-md-to-mdx": SameAddress(
        _starlight, "src/content/docs/guide.md", "src/content/docs/guide.mdx"
    ),
    "starlight-folder-index": SameAddress(
        _starlight, "src/content/docs/guide.md", "src/content/docs/guide/index.md"
    ),
    "mkdocs-folder-index": SameAddress(_mkdocs, "docs/guide.md", "docs/guide/index.md"),
    "mkdocs-folder-readme": SameAddress(_mkdocs, "docs/guide.md", "docs/guide/README.md"),
    "mkdocs-docs-dir-moved": SameAddress(
        _mkdocs,
        "docs/guide.md",
        "site-docs/guide.md",
        lambda repo: (
            repo.move("docs/index.md", "site-docs/index.md"),
            mkdocs_site(repo, docs_dir="site-docs"),
        ),
    ),
    "hugo-leaf-bundle": SameAddress(_hugo, "content/docs/guide.md", "content/docs/guide/index.md"),
    "hugo-branch-bundle": SameAddress(
        _hugo, "content/docs/guide.md", "content/docs/guide/_index.md"
    ),
    "hugo-case-only-rename-addresses-are-lower-case": SameAddress(
        _hugo, "content/docs/guide.md", "content/docs/Guide.md"
    ),
    "mdbook-index-to-readme": SameAddress(
        _mdbook,
        "src/guide/index.md",
        "src/guide/README.md",
        lambda repo: mdbook_site(repo, "- [Introduction](README.md)\n- [Guide](guide/README.md)\n"),
    ),
    "learn-case-only-rename": SameAddress(
        _learn,
        f"{LEARN_DOCS}/learn/Deep-Dives/Everything-About-Arrays.md",
        f"{LEARN_DOCS}/learn/deep-dives/everything-about-arrays.md",
    ),
    "learn-docfx-src-renamed-dest-kept": SameAddress(
        _learn,
        f"{LEARN_DOCS}/learn/Deep-Dives/Everything-About-Arrays.md",
        "reference/conceptual/learn/Deep-Dives/Everything-About-Arrays.md",
        _learn_source_folder_renamed,
    ),
}


@pytest.mark.parametrize("name", sorted(SAME_ADDRESS))
def test_a_source_move_published_at_the_same_address_is_no_move(
    docs_repo: DocsRepo, name: str
) -> None:
    """RUBRIC.md:

    "A source move that the site publishes at the same address is no move: `page.md` →
    `page.mdx`, `guide.md` → `guide/index.md` (or `_index.md`, `README.md` where the
    toolchain treats it as the folder's page), a case-only rename on a site whose addresses
    ignore case. [...] Judge such files by their content change alone."

    With no content change: a minor update. Also: a Docusaurus number prefix (`02-guide.md`
    is served as `guide`) or `slug` front matter, Hugo's lower-cased addresses, mdBook's
    `index.md`/`README.md` (both the folder's `index.html`), a docfx content entry whose
    `src` folder is renamed while its `dest` stays, MkDocs' `docs_dir` moved.
    """
    case = SAME_ADDRESS[name]
    case.build(docs_repo)
    base = docs_repo.commit("base")
    docs_repo.move(case.old, case.new)
    if case.also:
        case.also(docs_repo)
    head = docs_repo.commit("move")
    expect(judge(docs_repo, base, head), case.new, MINOR)


def test_md_to_mdx_with_a_new_section_is_judged_by_the_section(docs_repo: DocsRepo) -> None:
    """RUBRIC.md:

    "`page.md` → `page.mdx` [...] Judge such files by their content change alone." The
    conversion also adds a section that documents a new capability: a new feature."""
    _docusaurus(docs_repo)
    base = docs_repo.commit("base")
    docs_repo.move("docs/guide.md", "docs/guide.mdx")
    text = (docs_repo.path / "docs/guide.mdx").read_text(encoding="utf-8")
    docs_repo.write(
        "docs/guide.mdx",
        "import Tabs from '@theme/Tabs';\nimport TabItem from '@theme/TabItem';\n\n"
        + text
        + "\n## Stream responses\n\nThe SDK can stream a response as it is generated. Pass"
        " `stream: true` to `client.generate()` and read the chunks:\n\n"
        '<Tabs>\n<TabItem value="js" label="JavaScript">\n\n```js\n'
        "for await (const chunk of client.generate({prompt, stream: true})) {\n"
        "  process.stdout.write(chunk.text);\n}\n```\n\n</TabItem>\n</Tabs>\n",
    )
    head = docs_repo.commit("mdx, streaming")
    expect(judge(docs_repo, base, head), "docs/guide.mdx", NEW)


@pytest.mark.parametrize(
    ("toolchain", "old", "new"),
    [
        ("mkdocs", "docs/Guide.md", "docs/guide.md"),
        ("jekyll", "docs/Guide.md", "docs/guide.md"),
    ],
)
def test_a_case_only_rename_on_a_case_sensitive_site_is_a_move(
    docs_repo: DocsRepo, toolchain: str, old: str, new: str
) -> None:
    """RUBRIC.md:

    "[...] a case-only rename on a site whose addresses ignore case" is no move; where the
    site's addresses keep case (MkDocs and Jekyll write the file name as it is, and the
    hosts serve them case-sensitively), it is a move, and without a redirect a breaking
    change."""
    if toolchain == "mkdocs":
        mkdocs_site(docs_repo)
    else:
        jekyll_site(docs_repo)
    docs_repo.write(old, article("Guide", "Script the CLI in CI pipelines."))
    base = docs_repo.commit("base")
    docs_repo.move(old, new)
    head = docs_repo.commit("lower-case file name")
    expect(judge(docs_repo, base, head), new, BREAKING)


# --- A file removed while another source file produces its address --------------------------

REWRITTEN = (
    "# {title}\n\n"
    "Everything here was written again from scratch for the new layout.\n\n"
    "- Pick a workspace in the sidebar.\n"
    "- Paste the token you copied from your profile.\n"
    "- Press **Connect** and wait for the green check mark.\n\n"
    "Trouble? Our forum answers within a day.\n"
)


@pytest.mark.parametrize(
    ("toolchain", "old", "new"),
    [
        ("mkdocs", "docs/connect.md", "docs/connect/index.md"),
        ("hugo", "content/docs/connect.md", "content/docs/connect/_index.md"),
        ("docusaurus", "docs/connect.md", "docs/connect.mdx"),
        ("learn", f"{LEARN_DOCS}/Connect.md", f"{LEARN_DOCS}/connect.md"),
    ],
)
def test_a_file_removed_while_another_produces_its_address_is_no_removal(
    docs_repo: DocsRepo, toolchain: str, old: str, new: str
) -> None:
    """RUBRIC.md:

    "A file removed while another source file in the same range now produces its address
    is no removal." The new file is rewritten enough that git does not pair the two as a
    rename; the removed file is not a breaking change, and the report says which file now
    serves its address."""
    build = {"mkdocs": mkdocs_site, "hugo": hugo_site, "docusaurus": docusaurus_site}
    if toolchain == "learn":
        learn_site(docs_repo)
    else:
        build[toolchain](docs_repo)
    docs_repo.write(old, article("Connect", "Connect the desktop app to your account."))
    base = docs_repo.commit("base")
    docs_repo.remove(old)
    docs_repo.write(new, "---\ntitle: Connect\n---\n\n" + REWRITTEN.format(title="Connect"))
    head = docs_repo.commit("rewrite")
    items = judge(docs_repo, base, head)
    assert items[old]["status"] == "removed", "git paired the files: rewrite the new one more"
    removed = expect_not(items, old, BREAKING)
    names(removed, new)


# --- Version folders ------------------------------------------------------------------------

AZPS_PAGES = {
    "get-started-azureps.md": ("Get started with Azure PowerShell", "Run your first cmdlets"),
    "install-azure-powershell.md": ("Install Azure PowerShell", "Install the Az module"),
}
AZPS_TOC = (
    "items:\n  - name: Get started\n    href: get-started-azureps.md\n"
    "  - name: Install\n    href: install-azure-powershell.md\n"
)


def _azps_version(repo: DocsRepo, version: str) -> None:
    for page, (title, subject) in AZPS_PAGES.items():
        repo.write(
            f"docs-conceptual/{version}/{page}", learn_page(title, f"{subject} of {version}.")
        )
    repo.write(f"docs-conceptual/{version}/toc.yml", AZPS_TOC)


@pytest.mark.parametrize(("edit", "expected"), [("none", MINOR), ("new section", NEW)])
def test_a_page_carried_to_the_next_learn_moniker_is_judged_by_its_content(
    docs_repo: DocsRepo, edit: str, expected: str
) -> None:
    """RUBRIC.md:

    "Version folders that publish under one address with a version picker (Microsoft Learn
    monikers such as `azps-14.2.0/` [...]): a page carried from one version folder to another
    is judged by its content." The version folder is renamed as azure-docs-powershell does
    at each release (git sees renames), `docfx.json` and the moniker mapping follow."""
    azps_site(docs_repo, ["azps-14.2.0"])
    _azps_version(docs_repo, "azps-14.2.0")
    base = docs_repo.commit("base")
    for page in [*AZPS_PAGES, "toc.yml"]:
        docs_repo.move(f"docs-conceptual/azps-14.2.0/{page}", f"docs-conceptual/azps-14.3.0/{page}")
    write_azps_versions(docs_repo, ["azps-14.3.0"])
    edited = "docs-conceptual/azps-14.3.0/install-azure-powershell.md"
    if edit == "new section":
        text = (docs_repo.path / edited).read_text(encoding="utf-8")
        docs_repo.write(
            edited,
            text + "\n## Install in Azure Cloud Shell\n\nCloud Shell now comes with the Az"
            " module preinstalled; run `Connect-AzAccount -Identity` to sign in.\n",
        )
    head = docs_repo.commit("Updates for azps 14.3.0")
    items = judge(docs_repo, base, head)
    expect(items, edited, expected)
    expect(items, "docs-conceptual/azps-14.3.0/get-started-azureps.md", MINOR)


def test_pages_added_for_a_new_learn_moniker_are_new(docs_repo: DocsRepo) -> None:
    """RUBRIC.md:

    "[...] pages added for a new version are new." A new `azps-14.3.0/` folder beside the
    `azps-14.2.0/` one, its content entry and moniker added."""
    azps_site(docs_repo, ["azps-14.2.0"])
    _azps_version(docs_repo, "azps-14.2.0")
    base = docs_repo.commit("base")
    _azps_version(docs_repo, "azps-14.3.0")
    write_azps_versions(docs_repo, ["azps-14.3.0", "azps-14.2.0"])
    head = docs_repo.commit("CI for azps-14.3.0")
    items = judge(docs_repo, base, head)
    for page in AZPS_PAGES:
        expect(items, f"docs-conceptual/azps-14.3.0/{page}", NEW)


def test_pages_deleted_with_a_dropped_learn_moniker_are_removed(docs_repo: DocsRepo) -> None:
    """RUBRIC.md:

    "[...] pages deleted with a dropped version are removed." The `azps-13.0.0/` folder and
    its moniker go; the same pages stay in `azps-14.3.0/`, but the 13.0.0 pages readers
    could pick are gone: breaking."""
    azps_site(docs_repo, ["azps-14.3.0", "azps-13.0.0"])
    _azps_version(docs_repo, "azps-14.3.0")
    _azps_version(docs_repo, "azps-13.0.0")
    base = docs_repo.commit("base")
    for page in [*AZPS_PAGES, "toc.yml"]:
        docs_repo.remove(f"docs-conceptual/azps-13.0.0/{page}")
    write_azps_versions(docs_repo, ["azps-14.3.0"])
    head = docs_repo.commit("Remove azps-13.0.0")
    items = judge(docs_repo, base, head)
    for page in AZPS_PAGES:
        expect(items, f"docs-conceptual/azps-13.0.0/{page}", BREAKING)


DOCUSAURUS_VERSION_PAGES = {
    "intro.md": ("Introduction", "What the SDK does"),
    "networking.md": ("Networking", "Fetch data and open WebSockets"),
}


def _docusaurus_version(repo: DocsRepo, version: str) -> None:
    for page, (title, subject) in DOCUSAURUS_VERSION_PAGES.items():
        repo.write(
            f"versioned_docs/version-{version}/{page}",
            docusaurus_page(title, f"{subject} in release {version}."),
        )
    repo.write(
        f"versioned_sidebars/version-{version}-sidebars.json",
        '{\n  "docs": [\n    "intro",\n    "networking"\n  ]\n}\n',
    )


def _docusaurus_versions(repo: DocsRepo, versions: list[str]) -> None:
    """A Docusaurus site with these versions cut, newest first, as `versions.json` lists them."""
    docusaurus_site(repo)
    for page, (title, subject) in DOCUSAURUS_VERSION_PAGES.items():
        repo.write(f"docs/{page}", docusaurus_page(title, f"{subject}."))
    for version in versions:
        _docusaurus_version(repo, version)
    repo.write("versions.json", json.dumps(versions, indent=2) + "\n")


def _carry(repo: DocsRepo) -> None:
    for page in DOCUSAURUS_VERSION_PAGES:
        repo.move(f"versioned_docs/version-0.83/{page}", f"versioned_docs/version-0.84/{page}")
    repo.move(
        "versioned_sidebars/version-0.83-sidebars.json",
        "versioned_sidebars/version-0.84-sidebars.json",
    )
    repo.write("versions.json", json.dumps(["0.84", "0.82"], indent=2) + "\n")


def _cut(repo: DocsRepo) -> None:
    _docusaurus_version(repo, "0.84")
    repo.write("versions.json", json.dumps(["0.84", "0.83", "0.82"], indent=2) + "\n")


def _drop(repo: DocsRepo) -> None:
    for page in DOCUSAURUS_VERSION_PAGES:
        repo.remove(f"versioned_docs/version-0.82/{page}")
    repo.remove("versioned_sidebars/version-0.82-sidebars.json")
    repo.write("versions.json", json.dumps(["0.83"], indent=2) + "\n")


DOCUSAURUS_VERSION_CASES = {
    "carried from version-0.83 to version-0.84": (_carry, "0.84", MINOR),
    "added for a new version-0.84": (_cut, "0.84", NEW),
    "deleted with the dropped version-0.82": (_drop, "0.82", BREAKING),
}


@pytest.mark.parametrize("case", list(DOCUSAURUS_VERSION_CASES))
def test_docusaurus_versioned_docs(docs_repo: DocsRepo, case: str) -> None:
    """RUBRIC.md:

    "Version folders that publish under one address with a version picker ([...]
    versioned docs such as `versioned_docs/version-0.83/`): a page carried from one version
    folder to another is judged by its content; pages added for a new version are new; pages
    deleted with a dropped version are removed." `versions.json` and `versioned_sidebars/`
    follow each change, as in facebook/react-native-website."""
    change, version, expected = DOCUSAURUS_VERSION_CASES[case]
    _docusaurus_versions(docs_repo, ["0.83", "0.82"])
    base = docs_repo.commit("base")
    change(docs_repo)
    head = docs_repo.commit(case)
    items = judge(docs_repo, base, head)
    for page in DOCUSAURUS_VERSION_PAGES:
        expect(items, f"versioned_docs/version-{version}/{page}", expected)


# --- Files that publish no page of their own -------------------------------------------------

LEARN_INSTALL_PAGES = ("install-alpine.md", "install-debian.md")
SUPPORT_INCLUDE = (
    "## Supported versions\n\n"
    "The shell is supported on the releases in the table below.\n\n"
    "| Release | Architectures |\n|---|---|\n| 3.20 | x64, arm64 |\n| 3.19 | x64 |\n\n"
    "## Sign the package feed\n\n"
    "Before you install, import the signing key:\n\n"
    "```sh\ncurl -sSL https://packages.contoso.dev/keys/release.asc\n"
    "  | sudo apk add --allow-untrusted -\n```\n"
)


def _learn_with_include(
    repo: DocsRepo, include: str = f"{LEARN_INCLUDES}/linux-support.md"
) -> None:
    learn_site(repo)
    repo.write(include, SUPPORT_INCLUDE)
    for page in LEARN_INSTALL_PAGES:
        title = page.removesuffix(".md").replace("-", " ").title()
        repo.write(
            f"{LEARN_DOCS}/install/{page}",
            learn_page(
                title,
                f"{title}: the package feed and the supported releases.",
                "\n[!INCLUDE [Linux support](../../includes/linux-support.md)]\n",
            ),
        )


def test_an_include_moved_with_its_include_lines_is_no_removal(docs_repo: DocsRepo) -> None:
    """RUBRIC.md:

    "Files that publish no page of their own (include/snippet files, headless bundles, data
    files read at build time) are judged by what changes on the pages that show them." A
    Learn include moved to a subfolder, the pages' `[!INCLUDE]` lines updated: the pages show
    the same text, so the include and the pages are minor updates."""
    _learn_with_include(docs_repo)
    base = docs_repo.commit("base")
    docs_repo.move(f"{LEARN_INCLUDES}/linux-support.md", f"{LEARN_INCLUDES}/linux/support.md")
    for page in LEARN_INSTALL_PAGES:
        path = docs_repo.path / LEARN_DOCS / "install" / page
        text = path.read_text(encoding="utf-8")
        docs_repo.write(
            f"{LEARN_DOCS}/install/{page}",
            text.replace("includes/linux-support.md", "includes/linux/support.md"),
        )
    head = docs_repo.commit("move include")
    items = judge(docs_repo, base, head)
    expect(items, f"{LEARN_INCLUDES}/linux/support.md", MINOR)
    for page in LEARN_INSTALL_PAGES:
        expect(items, f"{LEARN_DOCS}/install/{page}", MINOR)


def test_an_include_removed_and_inlined_is_no_removed_page(docs_repo: DocsRepo) -> None:
    """RUBRIC.md:

    "Files that publish no page of their own [...] are judged by what changes on the pages
    that show them." The include is deleted and its text written into the pages that
    showed it: they show the same text, so nothing is removed."""
    _learn_with_include(docs_repo)
    base = docs_repo.commit("base")
    docs_repo.remove(f"{LEARN_INCLUDES}/linux-support.md")
    for page in LEARN_INSTALL_PAGES:
        path = docs_repo.path / LEARN_DOCS / "install" / page
        text = path.read_text(encoding="utf-8")
        docs_repo.write(
            f"{LEARN_DOCS}/install/{page}",
            text.replace(
                "[!INCLUDE [Linux support](../../includes/linux-support.md)]\n", SUPPORT_INCLUDE
            ),
        )
    head = docs_repo.commit("inline the include")
    items = judge(docs_repo, base, head)
    expect_not(items, f"{LEARN_INCLUDES}/linux-support.md", BREAKING)
    for page in LEARN_INSTALL_PAGES:
        expect(items, f"{LEARN_DOCS}/install/{page}", MINOR)


@pytest.mark.parametrize(("edit", "expected"), [("step removed", BREAKING), ("reworded", MINOR)])
def test_an_include_is_judged_by_what_its_pages_show(
    docs_repo: DocsRepo, edit: str, expected: str
) -> None:
    """RUBRIC.md:

    "Files that publish no page of their own [...] are judged by what changes on the pages
    that show them." A Learn include shown on two install pages loses its "Sign the package
    feed" step (breaking: readers of those pages lose a step) or has a sentence reworded
    (minor)."""
    _learn_with_include(docs_repo)
    base = docs_repo.commit("base")
    if edit == "step removed":
        text = SUPPORT_INCLUDE[: SUPPORT_INCLUDE.index("## Sign the package feed")]
    else:
        text = SUPPORT_INCLUDE.replace(
            "The shell is supported on the releases in the table below.",
            "The table below lists the releases the shell supports.",
        )
    docs_repo.write(f"{LEARN_INCLUDES}/linux-support.md", text)
    head = docs_repo.commit(edit)
    expect(judge(docs_repo, base, head), f"{LEARN_INCLUDES}/linux-support.md", expected)


PARTIAL = (
    "## Install the SDK\n\n```bash\nnpm install @contoso/sdk\n```\n\n"
    "The package works with Node.js 20 and later.\n"
)


def _docusaurus_with_partial(repo: DocsRepo) -> None:
    docusaurus_site(repo)
    repo.write("docs/_partials/_install.mdx", PARTIAL)
    repo.write(
        "docs/setup.mdx",
        "---\ntitle: Setup\n---\n\nimport Install from './_partials/_install.mdx';\n\n"
        "# Setup\n\nSet up a project that calls the Contoso API.\n\n<Install />\n\n"
        "## Make a first call\n\nCall `client.ping()` and check that it returns `pong`.\n",
    )


def test_a_docusaurus_partial_moved_is_no_removed_page(docs_repo: DocsRepo) -> None:
    """RUBRIC.md:

    "Files that publish no page of their own (include/snippet files [...]) are judged by
    what changes on the pages that show them." Docusaurus publishes no page for a
    `_`-prefixed file; the partial moves and the MDX page's import follows: minor."""
    _docusaurus_with_partial(docs_repo)
    base = docs_repo.commit("base")
    docs_repo.move("docs/_partials/_install.mdx", "docs/_shared/_install.mdx")
    text = (docs_repo.path / "docs/setup.mdx").read_text(encoding="utf-8")
    docs_repo.write("docs/setup.mdx", text.replace("./_partials/", "./_shared/"))
    head = docs_repo.commit("move partial")
    items = judge(docs_repo, base, head)
    expect(items, "docs/_shared/_install.mdx", MINOR)
    expect(items, "docs/setup.mdx", MINOR)


def test_a_docusaurus_partial_removed_and_inlined_is_no_removed_page(docs_repo: DocsRepo) -> None:
    """RUBRIC.md:

    "Files that publish no page of their own [...] are judged by what changes on the pages
    that show them." The partial is deleted and its text written where the page imported it:
    the page shows the same text."""
    _docusaurus_with_partial(docs_repo)
    base = docs_repo.commit("base")
    docs_repo.remove("docs/_partials/_install.mdx")
    text = (docs_repo.path / "docs/setup.mdx").read_text(encoding="utf-8")
    text = text.replace("import Install from './_partials/_install.mdx';\n\n", "")
    docs_repo.write("docs/setup.mdx", text.replace("<Install />\n", PARTIAL))
    head = docs_repo.commit("inline partial")
    items = judge(docs_repo, base, head)
    expect_not(items, "docs/_partials/_install.mdx", BREAKING)
    expect(items, "docs/setup.mdx", MINOR)


def test_a_hugo_headless_bundle_moved_is_no_removed_page(docs_repo: DocsRepo) -> None:
    """RUBRIC.md:

    "Files that publish no page of their own (include/snippet files, headless bundles
    [...]) are judged by what changes on the pages that show them." A headless bundle
    (`headless = true`) whose resources a shortcode shows on a page moves; the page's
    shortcode follows: minor."""
    hugo_site(docs_repo)
    docs_repo.write(
        "layouts/shortcodes/snippet.html",
        "{{ with .Site.GetPage (.Get 0) }}{{ with .Resources.GetMatch ($.Get 1) }}"
        "{{ .Content }}{{ end }}{{ end }}\n",
    )
    docs_repo.write("content/shared/index.md", "---\nheadless: true\n---\n")
    docs_repo.write(
        "content/shared/support-note.md",
        "Support covers the two most recent minor releases. Older releases get security"
        " fixes for six months.\n",
    )
    docs_repo.write(
        "content/docs/upgrade.md",
        article(
            "Upgrade",
            "Upgrade a cluster in place.",
            body='\n{{< snippet "/shared" "support-note.md" >}}\n',
        ),
    )
    base = docs_repo.commit("base")
    docs_repo.move("content/shared/index.md", "content/snippets/index.md")
    docs_repo.move("content/shared/support-note.md", "content/snippets/support-note.md")
    text = (docs_repo.path / "content/docs/upgrade.md").read_text(encoding="utf-8")
    docs_repo.write("content/docs/upgrade.md", text.replace('"/shared"', '"/snippets"'))
    head = docs_repo.commit("move headless bundle")
    items = judge(docs_repo, base, head)
    expect(items, "content/snippets/index.md", MINOR)
    expect(items, "content/snippets/support-note.md", MINOR)
    expect(items, "content/docs/upgrade.md", MINOR)


LIMITS = "uploads:\n  max_file_mb: 100\n  max_files_per_day: 500\n"


@pytest.mark.parametrize(("edit", "expected"), [("moved", MINOR), ("limit lowered", BREAKING)])
def test_a_jekyll_data_file_is_judged_by_the_pages_that_show_it(
    docs_repo: DocsRepo, edit: str, expected: str
) -> None:
    """RUBRIC.md:

    "Files that publish no page of their own (include/snippet files, headless bundles, data
    files read at build time) are judged by what changes on the pages that show them." A
    Jekyll `_data/` file moved (the page's Liquid follows: the page shows the same numbers)
    is minor; the same file lowering a limit the page shows is breaking."""
    jekyll_site(docs_repo)
    docs_repo.write("_data/limits.yml", LIMITS)
    docs_repo.write(
        "docs/uploads.md",
        "---\ntitle: Uploads\n---\n\n# Uploads\n\n"
        "Each file can be up to {{ site.data.limits.uploads.max_file_mb }} MB, and you can upload"
        " {{ site.data.limits.uploads.max_files_per_day }} files a day.\n",
    )
    base = docs_repo.commit("base")
    if edit == "moved":
        docs_repo.move("_data/limits.yml", "_data/quotas/limits.yml")
        text = (docs_repo.path / "docs/uploads.md").read_text(encoding="utf-8")
        docs_repo.write(
            "docs/uploads.md", text.replace("site.data.limits.", "site.data.quotas.limits.")
        )
        data = "_data/quotas/limits.yml"
    else:
        docs_repo.write("_data/limits.yml", LIMITS.replace("100", "25"))
        data = "_data/limits.yml"
    head = docs_repo.commit(edit)
    items = judge(docs_repo, base, head)
    expect(items, data, expected)
    if edit == "moved":
        expect(items, "docs/uploads.md", MINOR)


def test_an_mkdocs_snippet_reworded_is_minor(docs_repo: DocsRepo) -> None:
    """RUBRIC.md:

    "Files that publish no page of their own (include/snippet files [...]) are judged by
    what changes on the pages that show them." A pymdownx.snippets file outside `docs_dir`,
    shown with `--8<--`, has a sentence reworded."""
    mkdocs_site(docs_repo)
    docs_repo.write(
        "includes/python-versions.md",
        "!!! note\n    The CLI runs on Python 3.9 and later, on Linux, macOS and Windows.\n",
    )
    docs_repo.write(
        "docs/install.md",
        article("Install", "Install the CLI.", body='\n--8<-- "python-versions.md"\n'),
    )
    base = docs_repo.commit("base")
    docs_repo.write(
        "includes/python-versions.md",
        "!!! note\n    The CLI needs Python 3.9 or later and runs on Linux, macOS and Windows.\n",
    )
    head = docs_repo.commit("reword")
    expect(judge(docs_repo, base, head), "includes/python-versions.md", MINOR)


# --- Conversions with the same rendered text --------------------------------------------------

PROSE = article(
    "Caching",
    "Responses are cached for five minutes. Send `Cache-Control: no-cache` to skip the cache"
    " for one request, or set `cache.ttl` in `contoso.toml` to change how long entries live.",
    body="\n## Clear the cache\n\nRun `contoso cache clear` to remove every cached entry.\n",
)


def _reflowed(text: str) -> str:
    """The lead paragraph hard-wrapped at 60 columns, as an editor's reflow does."""
    lead = PROSE.split("\n\n")[2]
    return text.replace(lead, textwrap.fill(lead, 60))


def _latin1(repo: DocsRepo, path: str, text: str) -> None:
    repo.write(path, text.encode("latin-1"))


CONVERSIONS: dict[str, tuple[Callable[[DocsRepo, str], None], Callable[[DocsRepo, str], None]]] = {
    "crlf-to-lf": (
        lambda repo, path: repo.write(path, PROSE.replace("\n", "\r\n")),
        lambda repo, path: repo.write(path, PROSE),
    ),
    "utf8-bom-removed": (
        lambda repo, path: repo.write(path, b"\xef\xbb\xbf" + PROSE.encode()),
        lambda repo, path: repo.write(path, PROSE),
    ),
    "latin1-to-utf8": (
        lambda repo, path: _latin1(repo, path, PROSE.replace("Caching", "Caché")),
        lambda repo, path: repo.write(path, PROSE.replace("Caching", "Caché")),
    ),
    "paragraph-reflowed": (
        lambda repo, path: repo.write(path, PROSE),
        lambda repo, path: repo.write(path, _reflowed(PROSE)),
    ),
}


@pytest.mark.parametrize("name", sorted(CONVERSIONS))
def test_a_conversion_with_the_same_rendered_text_is_minor(docs_repo: DocsRepo, name: str) -> None:
    """RUBRIC.md:

    "Line-ending, encoding, reflow or markup-syntax conversions (HTML comments to MDX
    comments) with the same rendered text are minor." An MkDocs page converted from CRLF to
    LF (every line changes), stripped of its UTF-8 byte-order mark, re-encoded from Latin-1
    to UTF-8, or its lead paragraph hard-wrapped."""
    before, after = CONVERSIONS[name]
    mkdocs_site(docs_repo)
    before(docs_repo, "docs/caching.md")
    base = docs_repo.commit("base")
    after(docs_repo, "docs/caching.md")
    head = docs_repo.commit(name)
    expect(judge(docs_repo, base, head), "docs/caching.md", MINOR)


WITH_HTML_COMMENTS = (
    "---\ntitle: Webhooks\n---\n\n# Webhooks\n\n"
    "<!-- TODO: add a diagram of the retry schedule -->\n\n"
    "Contoso sends an HTTP POST to your endpoint for each event.\n\n"
    "<!-- The signing section is reviewed by the security team. -->\n"
    "## Verify the signature\n\n"
    "Compare the `Contoso-Signature` header with an HMAC of the body.\n"
)


@pytest.mark.parametrize("rename", [False, True], ids=["in-place", "with-md-to-mdx"])
def test_html_comments_to_mdx_comments_is_minor(docs_repo: DocsRepo, rename: bool) -> None:
    """RUBRIC.md:

    "Line-ending, encoding, reflow or markup-syntax conversions (HTML comments to MDX
    comments) with the same rendered text are minor." Docusaurus v3's migration: `<!-- -->`
    becomes `{/* */}`, in an `.mdx` page or while the page becomes `.mdx`."""
    docusaurus_site(docs_repo)
    old = "docs/webhooks.md" if rename else "docs/webhooks.mdx"
    docs_repo.write(old, WITH_HTML_COMMENTS)
    base = docs_repo.commit("base")
    new = "docs/webhooks.mdx"
    if rename:
        docs_repo.move(old, new)
    converted = WITH_HTML_COMMENTS.replace("<!--", "{/*").replace("-->", "*/}")
    docs_repo.write(new, converted)
    head = docs_repo.commit("mdx comments")
    expect(judge(docs_repo, base, head), new, MINOR)
