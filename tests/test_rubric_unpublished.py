"""RUBRIC.md, "Addresses, versions and formats": files that publish no page, and conversions.

"Files that publish no page of their own (include/snippet files, headless bundles, data files
read at build time) are judged by what changes on the pages that show them." "Line-ending,
encoding, reflow or markup-syntax conversions (HTML comments to MDX comments) with the same
rendered text are minor." Each test builds a small site in a real git repository with its
toolchain's configuration, commits the scenario and reads the type ``insight report`` gives
each file.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable

import pytest
from docs_repo import DocsRepo
from rubric_sites import (
    BREAKING,
    LEARN_DOCS,
    LEARN_INCLUDES,
    MINOR,
    article,
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
)

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


def test_a_hugo_leaf_bundle_resource_is_no_page_of_its_own(docs_repo: DocsRepo) -> None:
    """RUBRIC.md:

    "Files that publish no page of their own (include/snippet files, headless bundles
    [...]) are judged by what changes on the pages that show them." In a Hugo leaf bundle
    (a folder with an `index.md`, as gohugoio/hugoDocs keeps its showcase) the other content
    files are resources its page shows. The bundle removed is one removed page: its `bio.md`
    went with the page that showed it, neither a second page whose links break nor a second
    breaking change. A resource removed from a page that stays is shared text gone from it."""
    hugo_site(docs_repo)
    docs_repo.write(
        "content/showcase/acme/index.md", article("Acme", "How Acme runs its docs on Hugo.")
    )
    docs_repo.write("content/showcase/acme/bio.md", "Acme builds rockets and their manuals.\n")
    docs_repo.write("content/docs/start.md", article("Start", "Install Hugo and make a site."))
    base = docs_repo.commit("base")
    docs_repo.remove("content/showcase/acme/index.md")
    docs_repo.remove("content/showcase/acme/bio.md")
    head = docs_repo.commit("retire the showcase")
    items = judge(docs_repo, base, head)
    assert expect(items, "content/showcase/acme/index.md", BREAKING)["reason"].startswith(
        "page removed"
    )
    bio = expect(items, "content/showcase/acme/bio.md", MINOR)
    assert bio["reason"].startswith("removed with the page that showed it"), bio["reason"]
    docs_repo.write("content/docs/tour/index.md", article("Tour", "A tour of Hugo."))
    docs_repo.write("content/docs/tour/bio.md", "Hugo is a static site generator.\n")
    base = docs_repo.commit("a bundle")
    docs_repo.remove("content/docs/tour/bio.md")
    head = docs_repo.commit("drop the bio")
    bio = expect(judge(docs_repo, base, head), "content/docs/tour/bio.md", BREAKING)
    assert bio["reason"].startswith("shared text removed"), bio["reason"]


def test_an_html_file_the_book_does_not_publish_is_no_page(docs_repo: DocsRepo) -> None:
    """RUBRIC.md:

    "Files that publish no page of their own [...] are judged by what changes on the pages
    that show them." An mdBook publishes what is under its `src` folder; the sample web
    server's `hello.html` kept in `listings/` (rust-lang/book keeps each chapter's code so) is
    code a chapter includes, not a page. Moved to the renumbered chapter's folder, it breaks
    no link; the chapter now includes it from there."""
    mdbook_site(docs_repo, "- [A web server](ch20-web-server.md)\n")
    chapter = (
        "# A web server\n\nThe server answers with this page:\n\n```html\n{{#include {}}}\n```\n"
    )
    docs_repo.write("src/ch20-web-server.md", chapter.replace("{}", "../listings/ch20/hello.html"))
    page = '<!DOCTYPE html>\n<html lang="en">\n  <body>\n    <h1>Hello!</h1>\n  </body>\n</html>\n'
    docs_repo.write("listings/ch20/hello.html", page)
    base = docs_repo.commit("base")
    docs_repo.move("listings/ch20/hello.html", "listings/ch21/hello.html")
    docs_repo.write("src/ch20-web-server.md", chapter.replace("{}", "../listings/ch21/hello.html"))
    head = docs_repo.commit("renumber the listings")
    item = expect(judge(docs_repo, base, head), "listings/ch21/hello.html", MINOR)
    assert "links" not in item["reason"], item["reason"]


def test_html_fixtures_of_a_repository_with_no_docs_toolchain_are_no_pages(
    docs_repo: DocsRepo,
) -> None:
    """A code repository whose guides are read where they live (no docs toolchain found):
    every Markdown file is a page at its path, but the HTML kept beside the code (a test's
    snapshot, a playground's page) is code, not a page: added, it is no new page."""
    docs_repo.write("docs/guide.md", article("Guide", "Build the app."))
    base = docs_repo.commit("base")
    docs_repo.write("tests/snapshots/aside.html", '<aside class="note"><p>Note</p></aside>\n')
    docs_repo.write("playground/legacy/index.html", "<!DOCTYPE html>\n<p>Legacy</p>\n")
    docs_repo.write("docs/guide.md", article("Guide", "Build the app.", "", "Then ship it.\n"))
    types = judge(docs_repo, base, docs_repo.commit("Add snapshots and a playground"))
    expect(types, "tests/snapshots/aside.html", MINOR)
    expect(types, "playground/legacy/index.html", MINOR)


COLLECTOR = (
    "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: otel-collector\n"
    "  namespace: metrics\nspec:\n  replicas: 1\n"
)


@pytest.mark.parametrize("site", ["mkdocs", "none"])
def test_a_kubernetes_object_beside_the_pages_is_no_page(docs_repo: DocsRepo, site: str) -> None:
    """RUBRIC.md: files that publish no page of their own "are judged by what changes on the
    pages that show them". A Kubernetes object kept beside the page that has readers apply
    it has a top-level `metadata` (as a Learn YAML page has) but it is the object's: removed
    with the page's steps rewritten, it is no removed page. (A Learn YAML page removed stays
    breaking: ``test_a_data_file_with_a_title_is_no_page``.)"""
    if site == "mkdocs":
        mkdocs_site(docs_repo)
    steps = "Apply the collector:\n\n```bash\nkubectl apply -f collector.yaml\n```\n"
    docs_repo.write("docs/metrics/collecting.md", article("Collecting metrics", steps))
    docs_repo.write("docs/metrics/collector.yaml", COLLECTOR)
    base = docs_repo.commit("base")
    docs_repo.remove("docs/metrics/collector.yaml")
    steps = "Install the collector with the operator's chart.\n"
    docs_repo.write("docs/metrics/collecting.md", article("Collecting metrics", steps))
    types = judge(docs_repo, base, docs_repo.commit("Use the operator"))
    expect(types, "docs/metrics/collector.yaml", MINOR)


FRAGMENT = (
    "#### Fix mapping format when the key wraps (#18330 by @kovsu)\n\n"
    "```yaml\n# Input\nlong key: bar\n\n# Output\n? long key\n: bar\n```\n"
)


def test_release_note_fragments_gathered_into_the_notes_are_no_pages(docs_repo: DocsRepo) -> None:
    """RUBRIC.md: what breaks is an address that stops serving. A release-note fragment
    (`changelog_unreleased/`, towncrier's `newsfragments/` or `changelog.d/`) waits for the
    next release, which gathers it into the release notes (here reworded, so its text is not
    found as it was): removed then, it is no removed page; added, no new one."""
    docusaurus_site(docs_repo)
    gone = ["changelog_unreleased/yaml/18330.md", "newsfragments/1234.feature.md"]
    for path in gone:
        docs_repo.write(path, FRAGMENT)
    base = docs_repo.commit("base")
    for path in gone:
        docs_repo.remove(path)
    docs_repo.write("changelog.d/20260601_fix_tables.md", "- Tables keep their alignment.\n")
    docs_repo.write("CHANGELOG.md", "# 3.9.0\n\n- Keys that wrap are written as mappings.\n")
    types = judge(docs_repo, base, docs_repo.commit("Release 3.9.0"))
    for path in [*gone, "changelog.d/20260601_fix_tables.md"]:
        expect(types, path, MINOR)


LINTER = (
    "version: '2'\nrun:\n  go: '1.25'\nlinters:\n  exclusions:\n    rules:\n"
    "    ## The API linter runs on the API folders only.\n    - path-except: 'api//*'\n"
    "      linters:\n        - kubeapilinter\n"
)
LINTER_RAISED = (
    LINTER.replace("1.25", "1.26").replace(
        "folders only.", "folders only, except api/deprecated (its old versions are deprecated)."
    )
    + "    - path: 'api/deprecated'\n      linters:\n        - kubeapilinter\n"
)
CRD = (
    "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n"
    "  name: devmachines.infrastructure.contoso.dev\nspec:\n  versions:\n"
    "    - name: v1beta1\n      deprecated: true\n      schema:\n        description: |\n"
    "          DevMachine is the schema for the dev machines API. It holds the machine's\n"
    "          address, its bootstrap data and the conditions its controller reports.\n"
    + "".join(
        f"          Field {name} tells the controller how the machine's {name} is set up,\n"
        f"          and which default applies when the {name} is left out of the spec.\n"
        for name in ("network", "storage", "image", "bootstrap", "provider", "failure domain")
    )
)


def test_yaml_that_no_page_reads_is_code(docs_repo: DocsRepo) -> None:
    """RUBRIC.md: data files read at build time are "judged by what changes on the pages that
    show them". A code repository keeps its book in `docs/book/`; its linter's settings and a
    generated API definition lie outside the book and any data folder: no page reads them,
    so a version raised there or a description cut is code changing, no docs change. (A
    Jekyll `_data/` file's limit lowered stays breaking: the test above.)"""
    mdbook_site(docs_repo, "- [Start](start.md)\n", folder="docs/book")
    docs_repo.write("docs/book/src/start.md", article("Start", "Create a management cluster."))
    crd = "config/crd/bases/infrastructure.contoso.dev_devmachines.yaml"
    docs_repo.write(".golangci-kal.yml", LINTER)
    docs_repo.write(crd, CRD)
    base = docs_repo.commit("base")
    docs_repo.write(".golangci-kal.yml", LINTER_RAISED)
    docs_repo.write(crd, CRD.split("      schema:")[0])
    types = judge(docs_repo, base, docs_repo.commit("Bump the linter, drop v1beta1's schema"))
    expect(types, ".golangci-kal.yml", MINOR)
    expect(types, crd, MINOR)


THEME = "themes/contoso-docs"
THEME_FILES = {
    f"{THEME}/layouts/partials/footer.html": "<footer>{{ .Site.Title }}</footer>\n",
    f"{THEME}/layouts/partials/home/why.html": "<section><h2>Why us</h2><p>Fast.</p></section>\n",
    f"{THEME}/node_modules/bulma/README.md": "# Bulma\n\nA CSS framework.\n\n## Install\n\nnpm i\n",
}


def test_a_themes_templates_and_packages_removed_are_no_removed_text(docs_repo: DocsRepo) -> None:
    """RUBRIC.md: "Files that publish no page of their own [...] are judged by what changes
    on the pages that show them." A Hugo site that moves to another theme drops the old
    theme's templates: its `layouts/partials/*.html` are code that lays pages out (no docs
    text of a page), and the README of a package installed in its `node_modules/` is the
    package's, not the docs. Removed, none of them is a removed page or removed shared text.
    (A Markdown partial of the content removed stays breaking: ``bio.md`` above.)"""
    hugo_site(docs_repo)
    docs_repo.write("content/docs/start.md", article("Start", "Install the agent."))
    for path, text in THEME_FILES.items():
        docs_repo.write(path, text)
    base = docs_repo.commit("base")
    for path in THEME_FILES:
        docs_repo.remove(path)
    types = judge(docs_repo, base, docs_repo.commit("Move to the new theme"))
    for path in THEME_FILES:
        item = expect(types, path, MINOR)
        assert "removed" not in item["reason"], item["reason"]


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


WITH_SAMPLE = PROSE + (
    "\n## Read a cached entry\n\n"
    "```python\n"
    "import json, os\n"
    "from contoso import Client\n\n"
    "client = Client()\n"
    "entry = client.cache.get('report')\n"
    "print(entry.age, entry.size)\n"
    "client.close()\n"
    "```\n"
)


def test_a_line_ending_conversion_with_a_sample_tidied_is_judged_by_the_tidying(
    docs_repo: DocsRepo,
) -> None:
    """RUBRIC.md:

    "Line-ending, encoding, reflow or markup-syntax conversions [...] with the same rendered
    text are minor", and "making a sample agree with the text around it ([...] an unused
    import dropped) is a minor update". Git shows every line of the page removed and added
    again; the page's readers see one import line change in its sample, and the report says
    so."""
    mkdocs_site(docs_repo)
    docs_repo.write("docs/caching.md", WITH_SAMPLE.replace("\n", "\r\n"))
    base = docs_repo.commit("base")
    docs_repo.write("docs/caching.md", WITH_SAMPLE.replace("import json, os\n", "import json\n"))
    head = docs_repo.commit("LF, and the unused import dropped")
    item = expect(judge(docs_repo, base, head), "docs/caching.md", MINOR)
    assert "1 line added, 1 line removed" in item["explanation"], item["explanation"]


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


REGISTRY_ENTRY = (
    "title: Kafka topics observer\nregistryType: extension\nlanguage: collector\n"
    "description: Watches Kafka topics and starts receivers for them.\n"
    "urls:\n  repo: https://github.com/contoso/collector/tree/main/kafkatopicsobserver\n"
)


@pytest.mark.parametrize(
    ("site", "path", "expected"),
    [
        ("hugo", "data/registry/extension-kafkatopicsobserver.yml", MINOR),
        ("learn", f"{LEARN_DOCS}/kafka-topics-observer.yml", BREAKING),
    ],
)
def test_a_data_file_with_a_title_is_no_page(
    docs_repo: DocsRepo, site: str, path: str, expected: str
) -> None:
    """RUBRIC.md: "data files read at build time" publish no page of their own. A Hugo
    site's `data/registry/` entry has a `title` (the registry page lists it by that title),
    but Hugo publishes nothing from `data/`: removed, it is no removed page. A YAML page that
    the site publishes (in a Learn docset) removed is (the counter-case)."""
    if site == "hugo":
        hugo_site(docs_repo)
        docs_repo.write("content/docs/registry.md", article("Registry", "Find extensions."))
    else:
        learn_site(docs_repo)
    docs_repo.write(path, REGISTRY_ENTRY)
    base = docs_repo.commit("base")
    docs_repo.remove(path)
    expect(judge(docs_repo, base, docs_repo.commit("Remove the observer")), path, expected)
