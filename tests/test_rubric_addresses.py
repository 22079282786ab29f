"""RUBRIC.md, "Addresses, versions and formats": addresses and version folders, per toolchain.

"What breaks for a reader is an address that stops serving, not a git status." Each test
builds a small site in a real git repository with its toolchain's configuration, commits the
scenario and reads the type ``insight report`` gives each file.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from docs_repo import DocsRepo
from rubric_sites import (
    BREAKING,
    LEARN_DOCS,
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


@pytest.mark.parametrize(
    ("toolchain", "old", "taken_by"),
    [
        ("mkdocs", "docs/connect.md", "docs/connect/index.md"),
        ("docusaurus", "docs/connect.md", "docs/connect.mdx"),
    ],
)
def test_a_file_moved_while_another_produces_its_old_address_is_no_move(
    docs_repo: DocsRepo, toolchain: str, old: str, taken_by: str
) -> None:
    """RUBRIC.md:

    "A file removed while another source file in the same range now produces its address
    is no removal." The same holds for a move: git pairs the page with its new folder by its
    content, while a new file publishes its old address; readers' links to the old address
    still serve, so the move is judged by its content (none changed), and the report says
    which file now serves the old address."""
    {"mkdocs": mkdocs_site, "docusaurus": docusaurus_site}[toolchain](docs_repo)
    docs_repo.write(old, article("Connect", "Connect the desktop app to your account."))
    base = docs_repo.commit("base")
    moved = "docs/setup/connect.md"
    docs_repo.move(old, moved)
    docs_repo.write(taken_by, "---\ntitle: Connect\n---\n\n" + REWRITTEN.format(title="Connect"))
    head = docs_repo.commit("move and take over")
    items = judge(docs_repo, base, head)
    assert items[moved]["status"] == "renamed", "git did not pair the move"
    names(expect(items, moved, MINOR), taken_by)


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
            " module preinstalled.\n\nSign in with the identity of the Cloud Shell session:\n\n"
            "```azurepowershell\nConnect-AzAccount -Identity\nGet-AzContext\n```\n\n"
            "The session keeps the module up to date; there is nothing to install.\n",
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


def _docusaurus_versions(repo: DocsRepo, versions: list[str], docs: str | None = None) -> None:
    """A Docusaurus site with these versions cut, newest first, as `versions.json` lists them
    (``docs``: the preset's docs options)."""
    if docs is None:
        docusaurus_site(repo)
    else:
        docusaurus_site(repo, docs=docs)
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


@pytest.mark.parametrize(
    ("folder", "expected"),
    [("versioned_docs/version-0.84", MINOR), ("docs/archive", BREAKING)],
    ids=["kept-as-its-version", "moved-to-an-archive-folder"],
)
def test_the_current_docs_kept_as_their_versions_folder(
    docs_repo: DocsRepo, folder: str, expected: str
) -> None:
    """RUBRIC.md, "Addresses, versions and formats": a page carried from one version folder to
    another is judged by its content. A site that serves its current docs (`docs/`) as the
    latest release (`lastVersion: 'current'`, as helm/helm-www does) keeps them as that
    release's version (`versioned_docs/version-0.84/`, listed in `versions.json`): they
    publish at the old address with the version added, under the version picker. Moved to a
    folder that is no version, the old address stops serving (the counter-case)."""
    _docusaurus_versions(docs_repo, ["0.83"], docs="lastVersion: 'current'")
    base = docs_repo.commit("base")
    for page in DOCUSAURUS_VERSION_PAGES:
        docs_repo.move(f"docs/{page}", f"{folder}/{page}")
    if folder.startswith("versioned_docs/"):
        docs_repo.write("versions.json", json.dumps(["0.84", "0.83"], indent=2) + "\n")
    items = judge(docs_repo, base, docs_repo.commit("Keep the 0.84 docs"))
    for page in DOCUSAURUS_VERSION_PAGES:
        item = expect(items, f"{folder}/{page}", expected)
        assert ("links" in item["reason"]) == (expected == BREAKING), item["reason"]


RETRANSLATED = (
    "---\ntitle: Networking\nsidebar_position: 2\n---\n\n# Networking\n\n"
    "The SDK reaches services over HTTP and keeps sockets open for live updates.\n\n"
    "## Requirements\n\nAn account allowed to edit the connection options is required.\n\n"
    "## Procedure\n\n1. Go to **Settings** and pick **Networking**.\n"
    "2. Check which connection values your team uses.\n"
    "3. Press **Save**.\n"
)
"""The networking page written anew for the version (as a translation is redone): the same
page by its title, hardly a sentence in common, so git pairs nothing."""


@pytest.mark.parametrize(
    ("title", "expected"),
    [("Networking", MINOR), ("Offline sync", BREAKING)],
    ids=["the-same-page-rewritten", "another-page-at-the-address"],
)
def test_a_page_git_did_not_pair_is_carried_into_its_version_folder(
    docs_repo: DocsRepo, title: str, expected: str
) -> None:
    """RUBRIC.md, "Addresses, versions and formats": a page carried from one version folder to
    another is judged by its content, and git's status is only input. A site that serves its
    docs folder as the last version keeps a release as `versioned_docs/version-0.84/`: its
    networking page, rewritten on the way, is removed from `docs/` and added to the version's
    folder, at its old address with the version added. The removal is a carry, not a removed
    page. Another page at that address (another title, other text) carries nothing: the
    removed page stays removed (the counter-case)."""
    _docusaurus_versions(docs_repo, ["0.83"], docs="lastVersion: 'current'")
    base = docs_repo.commit("base")
    docs_repo.remove("docs/networking.md")
    docs_repo.write(
        "versioned_docs/version-0.84/networking.md", RETRANSLATED.replace("Networking", title)
    )
    docs_repo.write("versions.json", json.dumps(["0.84", "0.83"], indent=2) + "\n")
    items = judge(docs_repo, base, docs_repo.commit("Keep the 0.84 networking page"))
    assert items["versioned_docs/version-0.84/networking.md"]["status"] == "added"
    item = expect(items, "docs/networking.md", expected)
    if expected == MINOR:
        names(item, "versioned_docs/version-0.84/networking.md")


PNPM_STYLE_CONFIG = """\
import type { Config } from '@docusaurus/types';

const DEFAULT_LOCALE = 'en';
const lastDocsVersion = '10.x';

// Each locale's build gets its own base address.
function withLocaleBaseUrls (configs) {
  return Object.fromEntries(Object.entries(configs).map(([locale, config]) =>
    [locale, locale === DEFAULT_LOCALE ? config : { baseUrl: `/${locale}/`, ...config }]));
}

const docusaurusConfig = {
  "title": "Contoso",
  "url": "https://contoso.dev",
  "baseUrl": "/",
  "presets": [
    [
      "@docusaurus/preset-classic",
      {
        "docs": {
          "path": "./docs",
          "routeBasePath": "/",
          includeCurrentVersion: false,
          lastVersion: lastDocsVersion,
        },
      },
    ],
  ],
  "plugins": [
    ["content-docs", ({ "id": "community", "path": "community", "routeBasePath": "help" })],
  ],
};

export default docusaurusConfig;
"""
"""A TypeScript configuration as pnpm/pnpm.io writes it: quoted keys, docs at the site's root,
the last version a constant whose folder the build makes from `docs/`, a helper that sets
each locale's `baseUrl` with a placeholder, a second docs instance named by its short name."""


def _pnpm_style_site(repo: DocsRepo) -> None:
    repo.write("docusaurus.config.ts", PNPM_STYLE_CONFIG)
    repo.write("versions.json", json.dumps(["10.x", "9.x"], indent=2) + "\n")
    for page, (title, subject) in DOCUSAURUS_VERSION_PAGES.items():
        repo.write(f"docs/{page}", docusaurus_page(title, f"{subject}."))
        repo.write(f"versioned_docs/version-9.x/{page}", docusaurus_page(title, f"{subject}."))
    repo.write("community/videos.md", docusaurus_page("Videos", "Talks about the tool."))


@pytest.mark.parametrize(
    ("redirect", "expected"),
    [(True, MINOR), (False, BREAKING)],
    ids=["its-addresses-redirected", "without-a-redirect"],
)
def test_a_version_archived_out_of_the_build_is_judged_by_its_addresses(
    docs_repo: DocsRepo, redirect: bool, expected: str
) -> None:
    """RUBRIC.md, "Addresses, versions and formats": pages deleted with a dropped version are
    removed, and a redirect in any form the toolchain knows keeps an address serving. Docusaurus
    builds the versions `versions.json` lists; a version folder moved to an archive folder and
    struck from the list is dropped from the site. Its addresses (`/9.x/intro`: this site's
    docs are served from its root) lead on when `vercel.json` redirects `/9.x/:splat*` to the
    current docs; without that redirect they stop serving (the counter-case)."""
    _pnpm_style_site(docs_repo)
    base = docs_repo.commit("base")
    for page in DOCUSAURUS_VERSION_PAGES:
        docs_repo.move(
            f"versioned_docs/version-9.x/{page}", f"versioned_docs_archived/version-9.x/{page}"
        )
    docs_repo.write("versions.json", json.dumps(["10.x"], indent=2) + "\n")
    if redirect:
        rule = {"source": "/9.x/:splat*", "destination": "/:splat*", "permanent": True}
        docs_repo.write("vercel.json", json.dumps({"redirects": [rule]}, indent=2) + "\n")
    items = judge(docs_repo, base, docs_repo.commit("Archive the 9.x docs"))
    for page in DOCUSAURUS_VERSION_PAGES:
        item = expect(items, f"versioned_docs_archived/version-9.x/{page}", expected)
        assert ("links" in item["reason"]) == (expected == BREAKING), item["reason"]


def test_a_docs_instance_named_by_its_short_name_publishes_its_pages(docs_repo: DocsRepo) -> None:
    """RUBRIC.md: a redirect in any form the toolchain knows keeps an address serving. A
    second docs instance named by its short name (`["content-docs", {path: "community",
    routeBasePath: "help"}]`) publishes `community/videos.md` at `/help/videos`; the page
    renamed with a `vercel.json` redirect from that address still serves."""
    _pnpm_style_site(docs_repo)
    base = docs_repo.commit("base")
    docs_repo.move("community/videos.md", "community/talks.md")
    rule = {"source": "/help/videos", "destination": "/help/talks"}
    docs_repo.write("vercel.json", json.dumps({"redirects": [rule]}, indent=2) + "\n")
    items = judge(docs_repo, base, docs_repo.commit("Call the videos talks"))
    item = expect(items, "community/talks.md", MINOR)
    assert "links" not in item["reason"], item["reason"]


@pytest.mark.parametrize(
    ("docs", "redirected", "expected"),
    [
        ("sidebarPath: './sidebars.js'", "/docs/next/intro", MINOR),
        ("lastVersion: LATEST", "/docs/intro", MINOR),
        ("sidebarPath: './sidebars.js'", "/docs/intro", BREAKING),
    ],
    ids=["current-docs-under-next", "current-docs-as-the-last-version", "the-released-address"],
)
def test_the_current_docs_are_served_by_the_version_they_stand_for(
    docs_repo: DocsRepo, docs: str, redirected: str, expected: str
) -> None:
    """RUBRIC.md: what breaks is an address that stops serving; a redirect keeps it serving.
    With versions cut, Docusaurus serves the last version (the first `versions.json` lists)
    under `/docs/` and the docs folder, the next release, under `/docs/next/`, unless the
    options make it the last version (`lastVersion: 'current'`, here through a constant). A
    page of the docs folder renamed with a redirect from its own address still serves; a
    redirect from the released version's address does not keep it (the counter-case)."""
    _docusaurus_versions(docs_repo, ["0.83"], docs=docs)
    config = docs_repo.path / "docusaurus.config.js"
    text = config.read_text(encoding="utf-8")
    docs_repo.write("docusaurus.config.js", "const LATEST = 'current';\n" + text)
    base = docs_repo.commit("base")
    docs_repo.move("docs/intro.md", "docs/start.md")
    target = redirected.replace("intro", "start")
    docs_repo.write(
        "docusaurus.config.js",
        (docs_repo.path / "docusaurus.config.js")
        .read_text(encoding="utf-8")
        .replace(
            "redirects: [\n", f"redirects: [\n          {{from: '{redirected}', to: '{target}'}},\n"
        ),
    )
    items = judge(docs_repo, base, docs_repo.commit("Rename the intro"))
    item = expect(items, "docs/start.md", expected)
    assert ("links" in item["reason"]) == (expected == BREAKING), item["reason"]


VERSION_PATH_CONFIG = "lastVersion: 'current', versions: {{'0.83': {{label: '0.83', path: 'v0'}}}}"


def test_a_version_served_under_its_own_path_is_redirected_there(docs_repo: DocsRepo) -> None:
    """RUBRIC.md: a redirect in any form the toolchain knows keeps an address serving.
    Docusaurus serves a version under the `path` its options give it (`versions: {'0.83':
    {path: 'v0'}}`: `/docs/v0/intro`, as helm/helm-www serves `version-3` under `/docs/v3/`);
    a page of that version renamed with a client redirect from that address still serves."""
    _docusaurus_versions(docs_repo, ["0.83"], docs=VERSION_PATH_CONFIG.format())
    base = docs_repo.commit("base")
    docs_repo.move("versioned_docs/version-0.83/intro.md", "versioned_docs/version-0.83/start.md")
    config = docs_repo.path / "docusaurus.config.js"
    text = config.read_text(encoding="utf-8").replace(
        "redirects: [\n",
        "redirects: [\n          {from: '/docs/v0/intro', to: '/docs/v0/start'},\n",
    )
    docs_repo.write("docusaurus.config.js", text)
    items = judge(docs_repo, base, docs_repo.commit("Rename the 0.83 intro"))
    item = expect(items, "versioned_docs/version-0.83/start.md", MINOR)
    assert "links" not in item["reason"], item["reason"]


POST = (
    "---\ntitle: KubeCon recap\n{slug}---\n\n"
    "What we presented at KubeCon, and the talks to watch.\n"
)


@pytest.mark.parametrize(
    ("new", "slug", "expected"),
    [
        ("blog/2024-10-07-kubecon/index.md", "", MINOR),
        ("blog/2024-10-08-kubecon.md", "slug: kubecon-recap\n", MINOR),
        ("blog/2024-10-08-kubecon.md", "", BREAKING),
    ],
    ids=["moved-into-its-folder", "redated-with-its-slug", "redated"],
)
def test_a_blog_post_is_served_at_its_date_and_name(
    docs_repo: DocsRepo, new: str, slug: str, expected: str
) -> None:
    """RUBRIC.md: a source move the site publishes at the same address is no move. The
    Docusaurus blog publishes `blog/2024-10-07-kubecon.md` at `/blog/2024/10/07/kubecon` (a
    folder named so, with its `index.md`, at the same address), or at `/blog/` + its front
    matter's `slug`. A post moved into its folder, or re-dated while its slug holds, keeps its
    address; re-dated without a slug, its address changes and links break (the counter-case)."""
    docusaurus_site(docs_repo, blog="{}")
    docs_repo.write("blog/2024-10-07-kubecon.md", POST.format(slug=slug))
    base = docs_repo.commit("base")
    docs_repo.move("blog/2024-10-07-kubecon.md", new)
    item = expect(judge(docs_repo, base, docs_repo.commit("Move the recap")), new, expected)
    assert ("links" in item["reason"]) == (expected == BREAKING), item["reason"]


@pytest.mark.parametrize(
    ("folder", "page"),
    [
        ("i18n/fr/docusaurus-plugin-content-docs-community/current", "meetings"),
        ("i18n/fr/docusaurus-plugin-content-blog", "2024-10-07-meetings"),
    ],
    ids=["a-second-docs-instance", "the-blog"],
)
def test_a_translation_of_an_instance_is_served_under_its_language(
    docs_repo: DocsRepo, folder: str, page: str
) -> None:
    """RUBRIC.md: a source move the site publishes at the same address is no move. Docusaurus
    keeps the translations of a second docs instance (`id: 'community'`) in
    `i18n/LANG/docusaurus-plugin-content-docs-community/current/`, and the blog's posts in
    `i18n/LANG/docusaurus-plugin-content-blog/`, served under the language and the instance's
    route: a translated page turned from `.md` to `.mdx` keeps its address."""
    docusaurus_site(docs_repo)
    docs_repo.write("docusaurus.config.js", DOCUSAURUS_WITH_COMMUNITY)
    docs_repo.write("community/meetings.md", article("Meetings", "Join the calls."))
    docs_repo.write(f"{folder}/{page}.md", article("Réunions", "Rejoignez les appels."))
    base = docs_repo.commit("base")
    docs_repo.move(f"{folder}/{page}.md", f"{folder}/{page}.mdx")
    items = judge(docs_repo, base, docs_repo.commit("Write the meetings page in MDX"))
    item = expect(items, f"{folder}/{page}.mdx", MINOR)
    assert "links" not in item["reason"], item["reason"]


DOCUSAURUS_WITH_COMMUNITY = (
    "module.exports = {\n"
    "  title: 'Contoso Docs',\n"
    "  url: 'https://docs.contoso.dev',\n"
    "  baseUrl: '/',\n"
    "  presets: [['classic', {docs: {sidebarPath: './sidebars.js',\n"
    "    versions: {current: {label: '2.0'}, 1: {label: '1.9', path: 'v1'}}}}]],\n"
    "  plugins: [\n"
    "    ['@docusaurus/plugin-content-docs',\n"
    "     {id: 'community', path: 'community', routeBasePath: 'community'}],\n"
    "  ],\n"
    "};\n"
)


def test_a_site_moved_to_docusaurus_keeps_the_addresses_of_its_docs(docs_repo: DocsRepo) -> None:
    """RUBRIC.md: "a source move the site maps to the same URL" breaks nothing. A Hugo site
    rebuilt with Docusaurus: `content/docs/guide.md` (`/docs/guide/`) becomes
    `docs/guide.md` (`/docs/guide`), while a second docs instance serves `community/` under
    `/community/`: each folder's pages are published under their own instance's route."""
    hugo_site(docs_repo)
    docs_repo.write("content/docs/guide.md", article("Guide", "Install the agent on a server."))
    docs_repo.write("content/community/meetings.md", article("Meetings", "Join the calls."))
    base = docs_repo.commit("base")
    docs_repo.remove("hugo.toml")
    docs_repo.move("content/docs/guide.md", "docs/guide.md")
    docs_repo.move("content/community/meetings.md", "community/meetings.md")
    docs_repo.write("docusaurus.config.js", DOCUSAURUS_WITH_COMMUNITY)
    items = judge(docs_repo, base, docs_repo.commit("Build the site with Docusaurus"))
    for path in ("docs/guide.md", "community/meetings.md"):
        item = expect(items, path, MINOR)
        assert "links" not in item["reason"], item["reason"]


@pytest.mark.parametrize(
    ("folder", "expected"),
    [("static/usage", MINOR), ("usage", BREAKING)],
    ids=["in-the-static-folder", "a-page-of-the-repository"],
)
def test_markdown_in_the_static_folder_is_a_samples_source_not_a_page(
    docs_repo: DocsRepo, folder: str, expected: str
) -> None:
    """RUBRIC.md, "Addresses, versions and formats": files that publish no page of their own
    are judged by what changes on the pages that show them. Docusaurus copies `static/` to
    the site as it is: a sample's source kept there as Markdown, which a page imports, is
    rendered into no page, and moving it breaks no address. Elsewhere in the repository a
    Markdown file moved without a redirect is a page whose links break (the counter-case)."""
    docusaurus_site(docs_repo)
    old, new = (f"{folder}/v6/button/{name}/index_html.md" for name in ("basic", "shapes"))
    docs_repo.write(old, "```html\n<ion-button>Default</ion-button>\n```\n")
    page = docusaurus_page("Button", "Show a button.") + "\nimport Basic from '@site/{}';\n"
    docs_repo.write("docs/button.md", page.format(old))
    base = docs_repo.commit("base")
    docs_repo.move(old, new)
    docs_repo.write("docs/button.md", page.format(new))
    item = expect(judge(docs_repo, base, docs_repo.commit("Group the samples")), new, expected)
    assert ("links" in item["reason"]) == (expected == BREAKING), item["reason"]


# --- Shared text that no page shows any longer ----------------------------------------------

CTA = "Ready? [Create your first app](/start/create-project/).\n"


def test_drafts_in_an_underscore_folder_removed_break_nothing(docs_repo: DocsRepo) -> None:
    """RUBRIC.md, "Addresses, versions and formats": files that publish no page are judged
    by what changes on the pages that show them. Starlight, like Docusaurus, leaves every
    file under a folder starting with ``_`` out of the site; drafts kept there that no page
    imports are removed without any page losing a word. A partial a page imported, removed
    with its import, is gone from that page (the counter-case)."""
    starlight_site(docs_repo)
    docs_repo.write(
        "src/content/docs/guides/setup.mdx",
        article("Setup", "Install the CLI.", "", "import Cta from './_cta.mdx';\n\n<Cta />\n"),
    )
    docs_repo.write("src/content/docs/guides/_cta.mdx", CTA)
    for name in ("bridge", "hermit"):
        docs_repo.write(
            f"src/content/docs/concept/_recipes/{name}.mdx",
            article(name.title(), f"The {name} pattern for a desktop app."),
        )
    base = docs_repo.commit("base")
    for path in ("concept/_recipes/bridge.mdx", "concept/_recipes/hermit.mdx", "guides/_cta.mdx"):
        docs_repo.remove(f"src/content/docs/{path}")
    docs_repo.write("src/content/docs/guides/setup.mdx", article("Setup", "Install the CLI."))
    types = judge(
        docs_repo, base, docs_repo.commit("Drop the recipe drafts and the call to action")
    )
    expect(types, "src/content/docs/concept/_recipes/bridge.mdx", MINOR)
    expect(types, "src/content/docs/concept/_recipes/hermit.mdx", MINOR)
    expect(types, "src/content/docs/guides/_cta.mdx", BREAKING)


def test_a_partial_removed_with_the_only_page_that_showed_it(docs_repo: DocsRepo) -> None:
    """RUBRIC.md: a page removed is breaking; the partial only that page imported went with
    it, and the page's removal is what readers see."""
    docusaurus_site(docs_repo)
    docs_repo.write("docs/intro.md", docusaurus_page("Introduction", "What the SDK does."))
    docs_repo.write(
        "docs/legacy.mdx",
        docusaurus_page(
            "Legacy client", "The 1.x client.", "import Note from './_note.mdx';\n\n<Note />\n"
        ),
    )
    docs_repo.write("docs/_note.mdx", "The 1.x client gets security fixes until June.\n")
    base = docs_repo.commit("base")
    docs_repo.remove("docs/legacy.mdx")
    docs_repo.remove("docs/_note.mdx")
    types = judge(docs_repo, base, docs_repo.commit("Retire the 1.x pages"))
    expect(types, "docs/legacy.mdx", BREAKING)
    names(expect(types, "docs/_note.mdx", MINOR), "docs/legacy.mdx")


# --- Where a Learn docset is published ------------------------------------------------------


LEARN = "https://learn.microsoft.com/en-us"


@pytest.mark.parametrize(
    ("output", "breadcrumb", "expected"),
    [
        ("wsl", "/windows/wsl/breadcrumb/toc.json", f"{LEARN}/windows/wsl/setup"),
        ("cli/azure", "/cli/azure/breadcrumb/toc.json", f"{LEARN}/cli/azure/setup"),
        ("PowerShell-Docs-DSC", "/powershell/dsc/breadcrumb/toc.json", None),
        ("sysinternals", "~/bread/toc.yml", f"{LEARN}/sysinternals/setup"),
    ],
)
def test_a_learn_docsets_address_runs_to_its_output_folder_in_its_breadcrumb(
    docs_repo: DocsRepo, output: str, breadcrumb: str, expected: str | None
) -> None:
    """ "What breaks for a reader is an address that stops serving": the report links each page
    at its address. A Learn docset's output folder is the last part of its address, and its
    breadcrumb file is published under that address (``/windows/wsl/breadcrumb/toc.json``):
    the pages are under ``/windows/wsl/``. A breadcrumb that does not hold the folder says the
    folder is no part of the address, and the repository does not say what is: no link rather
    than a broken one. A breadcrumb named from the docset's own root (``~/bread/toc.yml``)
    says nothing of the address: the output folder stands after the locale."""
    docs_repo.write(
        ".openpublishing.publish.config.json",
        json.dumps(
            {
                "docsets_to_publish": [
                    {"build_source_folder": "docs", "build_output_subfolder": output}
                ]
            }
        ),
    )
    docs_repo.write(
        "docs/docfx.json",
        json.dumps(
            {
                "build": {
                    "content": [{"files": ["**/*.md"]}],
                    "globalMetadata": {"breadcrumb_path": breadcrumb},
                }
            }
        ),
    )
    docs_repo.write("docs/setup.md", learn_page("Set up", "Install the tools."))
    base = docs_repo.commit("base")
    docs_repo.write("docs/setup.md", learn_page("Set up", "Install the tools.", "\nRestart.\n"))
    item = judge(docs_repo, base, docs_repo.commit("Say to restart"))["docs/setup.md"]
    assert item.get("url") == expected


@pytest.mark.parametrize(
    ("declared", "passed", "url"),
    [
        (
            "const site = 'https://v2.contoso.app';\n\n",
            "  site,\n",
            "https://v2.contoso.app/start/",
        ),
        ("", "", None),
    ],
)
def test_a_starlight_site_whose_address_is_a_constant(
    docs_repo: DocsRepo, declared: str, passed: str, url: str | None
) -> None:
    """Astro configurations often name the site once (``const site = 'https://…'``) and pass
    it on as ``site,``: the pages are published there; without a site, at routes of their
    own. A section of the docs about testing (``develop/Tests/``) is pages like any other,
    not a tests folder's fixtures: removed, its address stops serving."""
    docs_repo.write(
        "astro.config.mjs",
        "import { defineConfig } from 'astro/config';\n"
        "import starlight from '@astrojs/starlight';\n\n"
        f"{declared}export default defineConfig({{\n{passed}"
        "  integrations: [starlight({ title: 'Contoso' })],\n});\n",
    )
    docs_repo.write(
        "src/content/docs/develop/Tests/index.mdx", article("Tests", "Test the app in CI.")
    )
    docs_repo.write("src/content/docs/start.md", article("Start", "Create a project."))
    base = docs_repo.commit("base")
    docs_repo.remove("src/content/docs/develop/Tests/index.mdx")
    docs_repo.write(
        "src/content/docs/start.md", article("Start", "Create a project.", "", "Then run it.\n")
    )
    types = judge(docs_repo, base, docs_repo.commit("Drop the testing guide"))
    expect(types, "src/content/docs/develop/Tests/index.mdx", BREAKING)
    assert types["src/content/docs/start.md"].get("url") == url


FRAMEWORK_DOCFX = {
    "build": {
        "content": [
            {"files": ["**/*.md"], "src": "framework", "group": "framework"},
            {"files": ["**/*.md"], "exclude": ["framework/**", "**/includes/**"]},
        ],
        "groups": {"framework": {"moniker_range": "netframework-4.8"}},
        "globalMetadata": {"breadcrumb_path": "/powershell/breadcrumb/toc.json"},
    }
}
FOLDED_DOCFX = {
    "build": {
        "content": [{"files": ["**/*.{md,yml}"], "exclude": ["**/includes/**"]}],
        "globalMetadata": {"breadcrumb_path": "/powershell/breadcrumb/toc.json"},
    }
}


def test_a_version_folder_folded_into_the_main_one_keeps_its_addresses(
    docs_repo: DocsRepo,
) -> None:
    """RUBRIC.md: "Version folders that publish under one address with a version picker
    (Microsoft Learn monikers [...]): a page carried from one version folder to another is
    judged by its content."

    A docset published its `framework/` folder as a group with its own moniker (`src:
    framework`: `framework/forms/printing.md` is served at `…/forms/printing`). The range
    folds it into the main folder and lists the pages in one glob with braces
    (`**/*.{md,yml}`): `forms/printing.md` keeps its address (minor). A page renamed on the
    way (`scaling.md` → `autoscale.md`) is redirected by an entry for the path that publishes
    its old address in the new layout (`/reference/forms/scaling.md`): a move with a redirect
    (minor)."""
    learn_site(docs_repo)
    docs_repo.write("reference/docfx.json", json.dumps(FRAMEWORK_DOCFX, indent=2))
    for name in ("printing", "scaling"):
        docs_repo.write(f"reference/framework/forms/{name}.md", learn_page(name.title(), name))
    docs_repo.write("reference/forms/overview.md", learn_page("Forms", "Build forms."))
    base = docs_repo.commit("base")
    docs_repo.write("reference/docfx.json", json.dumps(FOLDED_DOCFX, indent=2))
    docs_repo.move("reference/framework/forms/printing.md", "reference/forms/printing.md")
    docs_repo.move("reference/framework/forms/scaling.md", "reference/forms/autoscale.md")
    entry = {
        "source_path_from_root": "/reference/forms/scaling.md",
        "redirect_url": "/powershell/forms/autoscale",
    }
    docs_repo.write(
        ".openpublishing.redirection.json", json.dumps({"redirections": [entry]}, indent=2)
    )
    items = judge(docs_repo, base, docs_repo.commit("Fold the framework folder"))
    names(expect(items, "reference/forms/printing.md", MINOR), "same address")
    names(expect(items, "reference/forms/autoscale.md", MINOR), "/powershell/forms/autoscale")
