"""RUBRIC.md, "Moves and redirects": moves, redirects and removals, per toolchain.

"The change set is judged as a whole: a redirect added elsewhere in the same range counts."
Each test builds a small site in a real git repository with its toolchain's configuration,
commits the scenario and reads the type ``insight report`` gives each file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from docs_repo import DocsRepo
from rubric_sites import (
    BREAKING,
    LEARN_DOCS,
    LEARN_REDIRECTS,
    MINOR,
    NEW,
    article,
    docusaurus_page,
    docusaurus_site,
    expect,
    hugo_site,
    jekyll_site,
    judge,
    learn_page,
    learn_site,
    mdbook_site,
    mkdocs_site,
    names,
    starlight_site,
    write_learn_redirects,
)


@dataclass(frozen=True)
class Move:
    """A site with a page (or a page per language) to move, and the redirect that keeps its
    old address serving, written the way the toolchain (or the host) declares redirects."""

    build: Callable[[DocsRepo], None]
    moves: tuple[tuple[str, str], ...]
    redirect: Callable[[DocsRepo], None]


def _learn_base(repo: DocsRepo) -> None:
    learn_site(repo)
    repo.write(
        f"{LEARN_DOCS}/learn/shell-basics.md",
        learn_page("Shell basics", "Learn how the shell reads and runs commands."),
    )
    repo.write(
        f"{LEARN_DOCS}/learn/Deep-Dives/Everything-About-Hashtable.md",
        learn_page("Everything about hashtables", "Store key and value pairs in a hashtable."),
    )


def _learn_redirect(entry: dict[str, str], path: str = LEARN_REDIRECTS) -> Callable:
    def redirect(repo: DocsRepo) -> None:
        write_learn_redirects(repo, [{**entry, "redirect_document_id": True}], path)

    return redirect


LEARN_MOVE = ((f"{LEARN_DOCS}/learn/shell-basics.md", f"{LEARN_DOCS}/learn/ps101/shell-basics.md"),)
LEARN_TARGET = "/powershell/scripting/learn/ps101/shell-basics"


def _mkdocs_base(repo: DocsRepo) -> None:
    mkdocs_site(repo)
    repo.write("docs/index.md", "# Contoso CLI\n\nA command-line client for Contoso.\n")
    repo.write("docs/install.md", article("Install", "Install the CLI with pipx or Homebrew."))


def _mkdocs_redirect(repo: DocsRepo) -> None:
    mkdocs_site(repo, redirect_maps={"install.md": "getting-started/install.md"})


def _hugo_base(repo: DocsRepo) -> None:
    hugo_site(repo)
    repo.write("content/docs/_index.md", "---\ntitle: Docs\n---\n")
    repo.write("content/docs/tasks/backup.md", article("Backup", "Back up a cluster's volumes."))


def _hugo_redirect(repo: DocsRepo) -> None:
    repo.write(
        "content/docs/operations/backup.md",
        article("Backup", "Back up a cluster's volumes.", "aliases:\n  - /docs/tasks/backup/\n"),
    )


def _hugo_subfolder_base(repo: DocsRepo) -> None:
    """A code repository whose Hugo site lives in ``site/``."""
    repo.write("main.go", "package main\n\nfunc main() {}\n")
    repo.write("site/config.toml", 'baseURL = "https://kind.contoso.dev/"\ntitle = "Kind"\n')
    repo.write("site/content/docs/_index.md", "---\ntitle: Docs\n---\n")
    repo.write(
        "site/content/docs/tasks/backup.md", article("Backup", "Back up a cluster's volumes.")
    )


def _hugo_subfolder_redirect(repo: DocsRepo) -> None:
    repo.write(
        "site/content/docs/operations/backup.md",
        article("Backup", "Back up a cluster's volumes.", "aliases:\n  - /docs/tasks/backup/\n"),
    )


def _hugo_relative_redirect(repo: DocsRepo) -> None:
    repo.write(
        "content/docs/operations/backup.md",
        article("Backup", "Back up a cluster's volumes.", "aliases:\n  - ../tasks/backup\n"),
    )


def _hugo_sibling_redirect(repo: DocsRepo) -> None:
    repo.write(
        "content/docs/tasks/back-up.md",
        article("Backup", "Back up a cluster's volumes.", "aliases:\n  - ./backup\n"),
    )


def _jekyll_base(repo: DocsRepo) -> None:
    jekyll_site(repo)
    repo.write("index.md", "---\ntitle: Handbook\n---\n\nWelcome to the handbook.\n")
    repo.write("docs/onboarding.md", article("Onboarding", "Your first week at Contoso."))


def _jekyll_redirect(repo: DocsRepo) -> None:
    repo.write(
        "guides/onboarding.md",
        article(
            "Onboarding",
            "Your first week at Contoso.",
            "redirect_from:\n  - /docs/onboarding.html\n",
        ),
    )


def _docusaurus_base(repo: DocsRepo) -> None:
    docusaurus_site(repo)
    repo.write("docs/intro.md", docusaurus_page("Introduction", "What the SDK does."))
    repo.write("docs/deploy.md", docusaurus_page("Deploy", "Ship your app to production."))


def _docusaurus_redirect(repo: DocsRepo) -> None:
    docusaurus_site(repo, redirects=(("/docs/deploy", "/docs/guides/deploy"),))


def _mdbook_base(repo: DocsRepo) -> None:
    mdbook_site(repo, "- [Introduction](README.md)\n- [Serving](cli/serve.md)\n")
    repo.write("src/README.md", "# Introduction\n\nThe Contoso book.\n")
    repo.write("src/cli/serve.md", article("Serve", "Serve the book locally while you write."))


def _mdbook_redirect(repo: DocsRepo) -> None:
    mdbook_site(
        repo,
        "- [Introduction](README.md)\n- [Serving](commands/serve.md)\n",
        {"/cli/serve.html": "../commands/serve.html"},
    )


def _mdbook_summary(repo: DocsRepo) -> None:
    mdbook_site(repo, "- [Introduction](README.md)\n- [Serving](commands/serve.md)\n")


def _starlight_base(repo: DocsRepo) -> None:
    starlight_site(repo)
    repo.write(
        "src/content/docs/guides/setup.md", article("Setup", "Set up a project from a template.")
    )


def _starlight_redirect(repo: DocsRepo) -> None:
    starlight_site(repo, {"/guides/setup/": "/start/setup/"})


LANGUAGES = ("en", "fr")


def _hugo_languages_base(repo: DocsRepo) -> None:
    hugo_site(repo, LANGUAGES)
    for language in LANGUAGES:
        repo.write(f"content/{language}/_index.md", f"---\ntitle: Docs {language}\n---\n")
        repo.write(
            f"content/{language}/docs/setup/proxy.md",
            article(f"Proxy ({language})", f"Route traffic through a proxy ({language})."),
        )
        repo.write(
            f"content/{language}/docs/tutorials/basics/first-app.md",
            article(f"First app ({language})", f"Build a first app ({language})."),
        )


def _netlify_redirect(repo: DocsRepo) -> None:
    repo.write(
        "static/_redirects",
        "# Old addresses of moved pages, in every language\n"
        "/:lang/docs/setup/proxy/  /:lang/docs/network/proxy/  301\n",
    )


def _hugo_mounted_base(repo: DocsRepo) -> None:
    """A Docsy-style Hugo site whose English pages live in ``content/en`` and are mounted as
    the site's content, served from the root (no ``/en/``)."""
    repo.write(
        "hugo.yaml",
        "baseURL: /\ntitle: Contoso\ndefaultContentLanguage: en\n"
        "defaultContentLanguageInSubdir: false\n"
        "module:\n  mounts:\n    - source: content/en\n      target: content\n"
        "languages:\n  en:\n    params:\n      languageName: English\n",
    )
    repo.write("content/en/docs/setup/proxy.md", article("Proxy", "Route traffic through a proxy."))


def _netlify_forced_redirect(repo: DocsRepo) -> None:
    repo.write("static/_redirects", "/docs/setup/proxy/  /docs/network/proxy/  301!\n")


def _vercel_redirect(repo: DocsRepo) -> None:
    repo.write(
        "vercel.json",
        '{\n  "redirects": [\n    {\n      "source": "/:lang/docs/tutorials/:path*",\n'
        '      "destination": "/:lang/docs/learn/:path*",\n      "permanent": true\n    }\n'
        "  ]\n}\n",
    )


MOVES = {
    "learn-root-redirection-file": Move(
        _learn_base,
        LEARN_MOVE,
        _learn_redirect(
            {"source_path": f"{LEARN_DOCS}/learn/shell-basics.md", "redirect_url": LEARN_TARGET},
            ".openpublishing.redirection.json",
        ),
    ),
    "learn-subfolder-redirection-file-relative": Move(
        _learn_base,
        LEARN_MOVE,
        _learn_redirect(
            {"source_path": f"../{LEARN_DOCS}/learn/shell-basics.md", "redirect_url": LEARN_TARGET}
        ),
    ),
    "learn-subfolder-redirection-file-from-root": Move(
        _learn_base,
        LEARN_MOVE,
        _learn_redirect(
            {
                "source_path_from_root": f"/{LEARN_DOCS}/learn/shell-basics.md",
                "redirect_url": LEARN_TARGET,
            }
        ),
    ),
    "learn-lower-case-source-path": Move(
        _learn_base,
        (
            (
                f"{LEARN_DOCS}/learn/Deep-Dives/Everything-About-Hashtable.md",
                f"{LEARN_DOCS}/learn/deep-dives/hashtables.md",
            ),
        ),
        _learn_redirect(
            {
                "source_path": f"../{LEARN_DOCS}/learn/deep-dives/everything-about-hashtable.md",
                "redirect_url": "/powershell/scripting/learn/deep-dives/hashtables",
            }
        ),
    ),
    "mkdocs-redirects": Move(
        _mkdocs_base, (("docs/install.md", "docs/getting-started/install.md"),), _mkdocs_redirect
    ),
    "hugo-aliases": Move(
        _hugo_base,
        (("content/docs/tasks/backup.md", "content/docs/operations/backup.md"),),
        _hugo_redirect,
    ),
    "hugo-aliases-relative": Move(
        _hugo_base,
        (("content/docs/tasks/backup.md", "content/docs/operations/backup.md"),),
        _hugo_relative_redirect,
    ),
    "hugo-aliases-site-in-a-subfolder": Move(
        _hugo_subfolder_base,
        (("site/content/docs/tasks/backup.md", "site/content/docs/operations/backup.md"),),
        _hugo_subfolder_redirect,
    ),
    "hugo-aliases-sibling": Move(
        _hugo_base,
        (("content/docs/tasks/backup.md", "content/docs/tasks/back-up.md"),),
        _hugo_sibling_redirect,
    ),
    "jekyll-redirect-from": Move(
        _jekyll_base, (("docs/onboarding.md", "guides/onboarding.md"),), _jekyll_redirect
    ),
    "docusaurus-client-redirects": Move(
        _docusaurus_base, (("docs/deploy.md", "docs/guides/deploy.md"),), _docusaurus_redirect
    ),
    "mdbook-output-html-redirect": Move(
        _mdbook_base, (("src/cli/serve.md", "src/commands/serve.md"),), _mdbook_redirect
    ),
    "astro-redirects-starlight": Move(
        _starlight_base,
        (("src/content/docs/guides/setup.md", "src/content/docs/start/setup.md"),),
        _starlight_redirect,
    ),
    "netlify-redirects-lang-placeholder": Move(
        _hugo_languages_base,
        tuple(
            (f"content/{language}/docs/setup/proxy.md", f"content/{language}/docs/network/proxy.md")
            for language in LANGUAGES
        ),
        _netlify_redirect,
    ),
    "netlify-redirects-hugo-mounted-content": Move(
        _hugo_mounted_base,
        (("content/en/docs/setup/proxy.md", "content/en/docs/network/proxy.md"),),
        _netlify_forced_redirect,
    ),
    "vercel-redirects-lang-and-path-placeholders": Move(
        _hugo_languages_base,
        tuple(
            (
                f"content/{language}/docs/tutorials/basics/first-app.md",
                f"content/{language}/docs/learn/basics/first-app.md",
            )
            for language in LANGUAGES
        ),
        _vercel_redirect,
    ),
}

NAVIGATION_UPDATES: dict[str, Callable[[DocsRepo], None]] = {
    "mdbook-output-html-redirect": _mdbook_summary
}
"""A move also updates the toolchain's own list of pages where the toolchain has one."""


def _move(repo: DocsRepo, case: Move, with_redirect: bool, name: str) -> dict[str, dict]:
    case.build(repo)
    base = repo.commit("base")
    for old, new in case.moves:
        repo.move(old, new)
    if name in NAVIGATION_UPDATES:
        NAVIGATION_UPDATES[name](repo)
    repo.commit("move pages")
    if with_redirect:
        case.redirect(repo)
        repo.commit("redirect the old addresses")
    return judge(repo, base, repo.repo.head.commit.hexsha)


@pytest.mark.parametrize("name", sorted(MOVES))
def test_a_page_moved_with_a_redirect_added_in_the_range_is_a_minor_update(
    docs_repo: DocsRepo, name: str
) -> None:
    """RUBRIC.md:

    "A page moved or renamed *with* a redirect from its old address added in the same range
    (docfx `.openpublishing.redirection*.json`, `redirect_maps` of mkdocs-redirects, Hugo
    `aliases`, Jekyll `redirect_from`, a Docusaurus client-redirects entry) [...] breaks
    nothing by itself: judge the file by its content change alone. A pure move is a minor
    update."

    The redirect comes in a later commit of the range than the move. Learn compares addresses
    without case and writes source paths lower-case; a redirection file in a subfolder names
    pages relative to itself (``../``) or from the root; Netlify and Vercel redirects match
    every language through a ``:lang`` placeholder (and ``:path*`` a whole folder); a Hugo
    site that mounts ``content/en`` as its content serves those pages from its root; a Hugo
    site in a folder of a code repository (``site/config.toml``) serves ``site/content``.
    """
    case = MOVES[name]
    items = _move(docs_repo, case, with_redirect=True, name=name)
    for _, new in case.moves:
        expect(items, new, MINOR)


WITHOUT_REDIRECT = [
    "learn-root-redirection-file",
    "mkdocs-redirects",
    "hugo-aliases",
    "jekyll-redirect-from",
    "docusaurus-client-redirects",
    "mdbook-output-html-redirect",
    "astro-redirects-starlight",
]


@pytest.mark.parametrize("name", WITHOUT_REDIRECT)
def test_a_page_moved_without_a_redirect_is_breaking(docs_repo: DocsRepo, name: str) -> None:
    """RUBRIC.md:

    "A move without such a redirect is a breaking change." (Each toolchain's own move, as
    in the test above, with no redirect anywhere in the range.)"""
    case = MOVES[name]
    items = _move(docs_repo, case, with_redirect=False, name=name)
    for old, new in case.moves:
        item = expect(items, new, BREAKING)
        names(item, old.rsplit("/", 1)[-1].rsplit(".", 1)[0])


def test_a_tools_config_toml_in_a_folder_is_no_hugo_site(docs_repo: DocsRepo) -> None:
    """Counter-case to a Hugo site in a folder of its own: ``.cargo/config.toml`` configures
    Cargo, and no ``content`` folder stands beside it. The repository's guides keep the
    addresses of their paths (a folder's ``README.md`` is the folder's page): a guide that
    became its folder's README keeps its address."""
    docs_repo.write(".cargo/config.toml", '[build]\ntarget = "wasm32-unknown-unknown"\n')
    docs_repo.write("docs/guide.md", article("Guide", "Build the crate for the web."))
    base = docs_repo.commit("base")
    docs_repo.move("docs/guide.md", "docs/guide/README.md")
    items = judge(docs_repo, base, docs_repo.commit("make the guide a folder"))
    expect(items, "docs/guide/README.md", MINOR)


SECTION_ADDED = (
    "\n## Run a script\n\nSave commands in a `.ps1` file and run it with `./script.ps1`.\n"
    "Scripts accept parameters declared in a `param()` block.\n"
)


@pytest.mark.parametrize(
    ("edit", "expected"),
    [("new section", NEW), ("reworded sentence", MINOR), ("section removed", BREAKING)],
)
def test_a_page_moved_with_a_redirect_is_judged_by_its_content_alone(
    docs_repo: DocsRepo, edit: str, expected: str
) -> None:
    """RUBRIC.md:

    "[...] breaks nothing by itself: judge the file by its content change alone." A moved
    Learn page, its redirect added, and in the same range a section added (new feature), a
    sentence reworded (minor) or its "Before you begin" section removed (breaking)."""
    _learn_base(docs_repo)
    base = docs_repo.commit("base")
    old, new = LEARN_MOVE[0]
    docs_repo.move(old, new)
    _learn_redirect({"source_path": f"../{old}", "redirect_url": LEARN_TARGET})(docs_repo)
    docs_repo.commit("move")
    text = (docs_repo.path / new).read_text(encoding="utf-8")
    if edit == "new section":
        text += SECTION_ADDED
    elif edit == "reworded sentence":
        text = text.replace("Learn how the shell", "Find out how the shell")
    else:
        start = text.index("## Before you begin")
        text = text[:start] + text[text.index("## Steps") :]
    docs_repo.write(new, text)
    head = docs_repo.commit("edit the moved page")
    expect(judge(docs_repo, base, head), new, expected)


def page_at(path: str, front_matter: str = "") -> str:
    """A page whose title and subject come from its file name (`vpn-setup.md`: "Vpn setup")."""
    name = path.rsplit("/", 1)[-1].rsplit(".", 1)[0].replace("-", " ")
    return article(name.capitalize(), f"Everything about {name}.", front_matter)


@dataclass(frozen=True)
class Removal:
    """A site with a page to remove and the page its old address will lead to."""

    site: Callable[[DocsRepo], None]
    removed: str
    target: str
    redirect: Callable[[DocsRepo], None]
    """Declares the redirect from the removed page's old address to the target."""
    leads_to: str
    """What the report names as where the old address now leads."""


def _mdbook_removal_site(repo: DocsRepo) -> None:
    mdbook_site(
        repo,
        "- [Introduction](README.md)\n- [Terms](appendix/terms.md)\n"
        "- [Glossary](reference/glossary.md)\n",
    )
    repo.write("src/README.md", "# Introduction\n\nThe Contoso book.\n")


REMOVALS = {
    "learn-redirection-file": Removal(
        learn_site,
        f"{LEARN_DOCS}/install/install-on-nano.md",
        f"{LEARN_DOCS}/install/installing-powershell-on-windows.md",
        _learn_redirect(
            {
                "source_path": f"../{LEARN_DOCS}/install/install-on-nano.md",
                "redirect_url": "/powershell/scripting/install/installing-powershell-on-windows",
            }
        ),
        "installing-powershell-on-windows",
    ),
    "mkdocs-redirects": Removal(
        mkdocs_site,
        "docs/legacy-auth.md",
        "docs/authentication.md",
        lambda repo: mkdocs_site(repo, redirect_maps={"legacy-auth.md": "authentication.md"}),
        "authentication",
    ),
    "docusaurus-client-redirects": Removal(
        docusaurus_site,
        "docs/v1-migration.md",
        "docs/upgrade-guide.md",
        lambda repo: docusaurus_site(
            repo, redirects=(("/docs/v1-migration", "/docs/upgrade-guide"),)
        ),
        "upgrade-guide",
    ),
    "hugo-aliases": Removal(
        hugo_site,
        "content/docs/tasks/restore-legacy.md",
        "content/docs/operations/recovery.md",
        lambda repo: repo.write(
            "content/docs/operations/recovery.md",
            page_at("recovery.md", "aliases:\n  - /docs/tasks/restore-legacy/\n"),
        ),
        "recovery",
    ),
    "jekyll-redirect-from": Removal(
        jekyll_site,
        "docs/vpn-setup.md",
        "guides/remote-access.md",
        lambda repo: repo.write(
            "guides/remote-access.md",
            page_at("remote-access.md", "redirect_from:\n  - /docs/vpn-setup.html\n"),
        ),
        "remote-access",
    ),
    "mdbook-output-html-redirect": Removal(
        _mdbook_removal_site,
        "src/appendix/terms.md",
        "src/reference/glossary.md",
        lambda repo: mdbook_site(
            repo,
            "- [Introduction](README.md)\n- [Glossary](reference/glossary.md)\n",
            {"/appendix/terms.html": "../reference/glossary.html"},
        ),
        "glossary",
    ),
    "redirects-json-with-placeholders": Removal(
        lambda repo: hugo_site(repo, LANGUAGES),
        "content/en/docs/setup/proxy.md",
        "content/en/docs/network/proxy.md",
        lambda repo: repo.write(
            "site/redirects.json",
            '{"external": [\n  {\n    "source": "/:locale/docs/setup/:path*",\n'
            '    "destination": "/:locale/docs/network/:path*"\n  }\n]}\n',
        ),
        "/en/docs/network/proxy",
    ),
    "redirects-json-on-a-site-of-no-known-toolchain": Removal(
        lambda repo: repo.write("README.md", "# The site\n\nPages live under `site/pages`.\n"),
        "site/pages/en/learn/fetch.md",
        "site/pages/en/about.md",
        lambda repo: repo.write(
            "site/redirects.json",
            '{"external": [\n  {\n    "source": "/:locale/learn/:path*",\n'
            '    "destination": "https://learn.example.org/learn/:path*"\n  }\n]}\n',
        ),
        "https://learn.example.org/learn/fetch",
    ),
}


@pytest.mark.parametrize("name", sorted(REMOVALS))
def test_a_removed_page_is_breaking_even_when_its_old_address_redirects(
    docs_repo: DocsRepo, name: str
) -> None:
    """RUBRIC.md:

    "A page removed is a breaking change, even when its old address now redirects to another
    page: the content the reader relied on is gone from where it was." The report says where
    the old address now leads (a `redirects.json` of `source`/`destination` pairs, as a Next.js
    site keeps them: the parts its placeholders matched filled in; where insight knows no
    toolchain, from the address the page's path ends with)."""
    case = REMOVALS[name]
    case.site(docs_repo)
    for page in (case.removed, case.target):
        docs_repo.write(page, page_at(page))
    base = docs_repo.commit("base")
    docs_repo.remove(case.removed)
    case.redirect(docs_repo)
    head = docs_repo.commit("remove a page, redirect its address")
    item = expect(judge(docs_repo, base, head), case.removed, BREAKING)
    names(item, case.leads_to)
    assert "bookmarks break" not in item["reason"]  # they still lead somewhere


# --- A move git did not pair, made with a redirect ---------------------------------------------

RULE_TEXT = (
    "Disallow the use of alert, confirm and prompt in shipped code. The browser functions"
    " block the page while they wait for an answer, which readers of the page find obtrusive,"
    " and they cannot be styled to match the rest of the interface. Replace each call with a"
    " dialog component of your own that lets the page keep working. The rule reports every call"
    " it finds, including calls made through the window object, and offers no automatic fix"
    " because the replacement depends on the design of your application."
)

MERGED_TEXT = (
    "Besides the three browser functions, this page now covers every rule about interrupting"
    " readers. Modal overlays that trap keyboard focus without a way out are reported, as are"
    " notifications that steal focus from a form field while someone types into it. Timers"
    " that open windows on their own count as well, and so do sounds that start playing"
    " before anybody asked for them. Each of these rules can be switched off on its own in"
    " the configuration file, and each explains in its message which element caused the"
    " report, where it sits in the document and what a calmer pattern would look like."
)


def _wrapped(text: str, width: int) -> str:
    """``text`` hard-wrapped at ``width`` characters: every line differs from another width's."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join([*lines, line])


def _astro_redirects_module(repo: DocsRepo, table: dict[str, str]) -> None:
    """A Starlight site whose ``astro.config`` takes its redirects from a generated module."""
    starlight_site(repo)
    config = (repo.path / "astro.config.mjs").read_text(encoding="utf-8")
    config = config.replace(
        "import starlight", "import redirects from './redirects.mjs';\nimport starlight"
    ).replace("  redirects: {\n", "  redirects: {\n    ...redirects,\n")
    repo.write("astro.config.mjs", config)
    entries = "".join(f"  '{old}': '{new}',\n" for old, new in table.items())
    repo.write("redirects.mjs", f"// Generated: do not edit.\nexport default {{\n{entries}}};\n")


@pytest.mark.parametrize(
    ("new_page", "redirected", "expected"),
    [
        ("the-same-text-rewrapped", True, MINOR),
        ("the-same-text-rewrapped", False, BREAKING),
        ("merged-into-a-larger-page", True, BREAKING),
    ],
)
def test_a_removed_page_whose_address_leads_to_its_text_on_a_new_page(
    docs_repo: DocsRepo, new_page: str, redirected: bool, expected: str
) -> None:
    """RUBRIC.md, moves and redirects: "A page moved or renamed *with* a redirect from its
    old address added in the same range [...] breaks nothing by itself", while "A page
    removed is a breaking change, even when its old address now redirects to another page".

    A Starlight rule page moves into a folder of its own (`rules/no-alert.md` →
    `rules/no-alert/javascript.md`) with its text hard-wrapped anew, so that git pairs no
    line and lists one page removed and one added; the redirect comes from the module that
    `astro.config` spreads into its `redirects`. The same text at the address the old one
    leads to is a move (minor; the removed file names where it went); without the redirect
    it breaks links; a page merged into a larger new one (most of which is new text) is
    removed even with the redirect."""
    old, new = "src/content/docs/rules/no-alert.md", "src/content/docs/rules/no-alert/javascript.md"
    _astro_redirects_module(docs_repo, {})
    docs_repo.write(old, f"---\ntitle: noAlert\n---\n\n{_wrapped(RULE_TEXT, 72)}\n")
    base = docs_repo.commit("base")
    docs_repo.remove(old)
    text = _wrapped(RULE_TEXT, 40)
    if new_page == "merged-into-a-larger-page":
        text += "\n\n" + _wrapped(MERGED_TEXT, 60)
    docs_repo.write(new, f"---\ntitle: noAlert (JavaScript)\n---\n\n{text}\n")
    if redirected:
        _astro_redirects_module(docs_repo, {"/rules/no-alert": "/rules/no-alert/javascript"})
    head = docs_repo.commit("one page per language")
    items = judge(docs_repo, base, head)
    assert items[old]["status"] == "removed"
    names(expect(items, old, expected), "/rules/no-alert/javascript" if redirected else "")
    if expected == MINOR:
        names(expect(items, new, MINOR), old)
        assert f"went to `{new}`" in items[old]["explanation"]  # where its text went


RULE_REWRITTEN = (
    "Calls to alert, confirm or prompt are reported wherever they appear, window.alert"
    " included. These functions freeze the page until someone answers and take no styling,"
    " so use a dialog built for your interface instead. No automatic fix is offered: what"
    " replaces a call depends on how your application is designed."
)


@pytest.mark.parametrize(
    ("title", "expected"),
    [("noAlert", MINOR), ("noConfirm", BREAKING)],
    ids=["the-same-page-rewritten", "another-page"],
)
def test_a_removed_page_whose_address_leads_to_the_same_page_rewritten(
    docs_repo: DocsRepo, title: str, expected: str
) -> None:
    """RUBRIC.md, moves and redirects: a page moved *with* a redirect from its old address
    breaks nothing by itself; judge it by its content change. A rule page moved into a folder
    of its own and rewritten on the way, so that git pairs nothing, is the same page by its
    title where its old address now leads. A page of another title there is another page: the
    removed one is removed, even with the redirect (the counter-case)."""
    old, new = "src/content/docs/rules/no-alert.md", "src/content/docs/rules/no-alert/javascript.md"
    _astro_redirects_module(docs_repo, {})
    docs_repo.write(old, f"---\ntitle: noAlert\n---\n\n{_wrapped(RULE_TEXT, 72)}\n")
    base = docs_repo.commit("base")
    docs_repo.remove(old)
    docs_repo.write(new, f"---\ntitle: {title}\n---\n\n{_wrapped(RULE_REWRITTEN, 72)}\n")
    _astro_redirects_module(docs_repo, {"/rules/no-alert": "/rules/no-alert/javascript"})
    items = judge(docs_repo, base, docs_repo.commit("one page per language"))
    assert items[old]["status"] == "removed"
    item = expect(items, old, expected)
    if expected == MINOR:
        names(item, new)


NETLIFY_FOR_SOME_REQUESTS = (
    "# `go get` asks for the package's import path: answered from a generated page\n"
    "/docs/* go-get=:go-get /golang/docs.html 200\n"
    "/docs/*  /fr/docs/:splat  302  Language=fr\n"
    "/*  /404.html  404\n"
    "# the old docs domain forwards to the site\n"
    "https://docs.contoso.dev/*  https://contoso.dev/docs/:splat  301!\n"
)

NETLIFY_TOML_FOR_SOME_REQUESTS = (
    "[build]\npublish = 'public'\n\n"
    "[[redirects]]\nfrom = '/docs/*'\nto = '/golang/docs.html'\nstatus = 200\n"
    "query = {go-get = ':go-get'}\n\n"
    "[[redirects]]\nfrom = '/docs/*'\nto = '/fr/docs/:splat'\nconditions = {Language = ['fr']}\n\n"
    "[[redirects]]\nfrom = '/*'\nto = '/404.html'\nstatus = 404\n\n"
    "[[redirects]]\nfrom = 'https://docs.contoso.dev/*'\nto = 'https://contoso.dev/docs/:splat'\n"
)
NETLIFY_TOML_REDIRECT = (
    "\n[[redirects]]\nfrom = '/docs/setup/proxy/'\nto = '/docs/network/proxy/'\n"
)


@pytest.mark.parametrize(
    ("rules", "expected"),
    [
        (NETLIFY_FOR_SOME_REQUESTS, BREAKING),
        (NETLIFY_FOR_SOME_REQUESTS + "/docs/setup/proxy/  /docs/network/proxy/  301\n", MINOR),
        (NETLIFY_TOML_FOR_SOME_REQUESTS, BREAKING),
        (NETLIFY_TOML_FOR_SOME_REQUESTS + NETLIFY_TOML_REDIRECT, MINOR),
    ],
    ids=["rules-for-some-requests", "a-redirect-for-every-request", "toml-some", "toml-every"],
)
def test_a_netlify_rule_that_some_requests_follow_is_no_redirect(
    docs_repo: DocsRepo, rules: str, expected: str
) -> None:
    """RUBRIC.md, moves and redirects: a page moved breaks links unless its old address
    still serves. A Netlify rule (`_redirects` or `netlify.toml`) that asks for a query
    parameter (`go get`'s `?go-get=1`), a condition (the browser's language) or answers "not
    found" leaves the address unserved for a reader who follows a link, and so does a rule
    for another domain (an old one that forwards to the site): the move still breaks it. A
    rule for every request is the redirect (the counter-case)."""
    hugo_site(docs_repo)
    old, new = "content/docs/setup/proxy.md", "content/docs/network/proxy.md"
    docs_repo.write(old, article("Proxy", "Route traffic through a proxy."))
    base = docs_repo.commit("base")
    docs_repo.move(old, new)
    docs_repo.write("netlify.toml" if "[[" in rules else "static/_redirects", rules)
    item = expect(judge(docs_repo, base, docs_repo.commit("Move the proxy page")), new, expected)
    assert ("links" in item["reason"]) == (expected == BREAKING), item["reason"]


@pytest.mark.parametrize("redirected", [False, True], ids=["moved", "moved-and-renamed"])
def test_a_book_moved_to_another_folder_keeps_its_addresses(
    docs_repo: DocsRepo, redirected: bool
) -> None:
    """RUBRIC.md: "a source move the site maps to the same URL" breaks nothing. A code
    repository moves its mdBook from `src/doc/` to `doc/book/` (`book.toml` with it): every
    chapter keeps its address in the book; judged by its content. A chapter the move also
    renames keeps serving through the book's `[output.html.redirect]` table."""
    summary = "- [Profiles](reference/profiles.md)\n- [Lints](reference/lints.md)\n"
    mdbook_site(docs_repo, summary, folder="src/doc")
    for name in ("profiles", "lints"):
        text = article(name.title(), f"Configure the {name} of a build.")
        docs_repo.write(f"src/doc/src/reference/{name}.md", text)
    base = docs_repo.commit("base")
    docs_repo.move("src/doc", "doc/book")
    lints = "doc/book/src/reference/lints.md"
    if redirected:
        docs_repo.move(lints, "doc/book/src/reference/lint-levels.md")
        lints = "doc/book/src/reference/lint-levels.md"
        mdbook_site(
            docs_repo,
            summary.replace("lints.md", "lint-levels.md"),
            {"/reference/lints.html": "lint-levels.html"},
            folder="doc/book",
        )
    items = judge(docs_repo, base, docs_repo.commit("Move the book"))
    for path in ("doc/book/src/reference/profiles.md", lints):
        item = expect(items, path, MINOR)
        assert "links" not in item["reason"], item["reason"]


SPHINX_CONF = "project = 'Contoso Guide'\nextensions = ['sphinxext.rediraffe']\n"


@pytest.mark.parametrize(
    ("redirects", "expected"),
    [
        ("", BREAKING),
        ('rediraffe_redirects = {\n    "clang.rst": "development-tools/clang.rst",\n}\n', MINOR),
        ('rediraffe_redirects = "redirects.txt"\n', MINOR),
    ],
    ids=["no-redirect", "in-conf-py", "in-a-redirects-file"],
)
def test_a_sphinx_page_moved_with_a_rediraffe_redirect(
    docs_repo: DocsRepo, redirects: str, expected: str
) -> None:
    """RUBRIC.md, moves and redirects: a move with a redirect from the old address breaks
    nothing by itself. A Sphinx guide declares its redirects with sphinxext-rediraffe, in
    `conf.py` (old source → new source) or in the file it names; without one, the move
    breaks links."""
    docs_repo.write("docs/conf.py", SPHINX_CONF)
    text = "Clang\n=====\n\nBuild the interpreter with Clang and its sanitizers.\n"
    docs_repo.write("docs/clang.rst", text)
    base = docs_repo.commit("base")
    docs_repo.move("docs/clang.rst", "docs/development-tools/clang.rst")
    docs_repo.write("docs/conf.py", SPHINX_CONF + redirects)
    docs_repo.write("docs/redirects.txt", '"clang.rst" "development-tools/clang.rst"\n')
    items = judge(docs_repo, base, docs_repo.commit("Group the tools"))
    item = expect(items, "docs/development-tools/clang.rst", expected)
    assert ("links" in item["reason"]) == (expected == BREAKING), item["reason"]


def test_a_page_rewrapped_into_a_new_file_with_a_sphinx_redirect_is_one_move(
    docs_repo: DocsRepo,
) -> None:
    """RUBRIC.md, moves and redirects. A Sphinx guide written in Markdown (MyST) leads an old
    source file to a new one with sphinxext-rediraffe: the page rewrapped on the way, so git
    lists one page removed and one added, is one move with a redirect. The redirect names a
    source file; it leads where that file publishes."""
    old, new = "docs/guide/rules.md", "docs/start/no-alert.md"
    docs_repo.write("docs/conf.py", SPHINX_CONF + "extensions += ['myst_parser']\n")
    docs_repo.write(old, f"# No alert\n\n{_wrapped(RULE_TEXT, 72)}\n")
    base = docs_repo.commit("base")
    docs_repo.remove(old)
    docs_repo.write(new, f"# No alert\n\n{_wrapped(RULE_TEXT, 40)}\n")
    docs_repo.write(
        "docs/conf.py",
        SPHINX_CONF + 'rediraffe_redirects = {"guide/rules.md": "start/no-alert.md"}\n',
    )
    items = judge(docs_repo, base, docs_repo.commit("Move the rule"))
    assert items[old]["status"] == "removed"
    expect(items, old, MINOR)
    expect(items, new, MINOR)


CMDLET = (
    "---\nexternal help file: Microsoft.Online.SharePoint.PowerShell.dll-Help.xml\n"
    "Module Name: Microsoft.Online.SharePoint.PowerShell\ntitle: Add-SPOHubSiteAssociation\n"
    "schema: 2.0.0\n---\n\n# Add-SPOHubSiteAssociation\n\n## SYNOPSIS\n\n"
    "Associates a site with a hub site.\n\n## SYNTAX\n\n```powershell\n"
    "Add-SPOHubSiteAssociation [-Site] <SpoSitePipeBind> [-HubSite] <SpoHubSitePipeBind>\n```\n"
)


@pytest.mark.parametrize("redirected", [True, False], ids=["redirected", "no-redirect"])
def test_a_cmdlet_page_redirected_through_the_virtual_folder(
    docs_repo: DocsRepo, redirected: bool
) -> None:
    """RUBRIC.md, moves and redirects. Learn's PowerShell reference converts its cmdlet pages
    before they publish, and its redirection entries name a page through the docset's
    `virtual-folder` (`reference/virtual-folder/sharepoint-online/X.md` for
    `reference/sharepoint-ps/sharepoint-online/X.md`). A module's pages moved to a folder
    named after the module, with such entries, are moved with a redirect; without one the
    move breaks links."""
    learn_site(docs_repo)
    old = "reference/sharepoint-ps/sharepoint-online/Add-SPOHubSiteAssociation.md"
    new = (
        "reference/sharepoint-ps/Microsoft.Online.SharePoint.PowerShell/"
        "Add-SPOHubSiteAssociation.md"
    )
    docs_repo.write(old, CMDLET)
    base = docs_repo.commit("base")
    docs_repo.move(old, new)
    entry = {
        "source_path_from_root": "/reference/virtual-folder/sharepoint-online/"
        "Add-SPOHubSiteAssociation.md",
        "redirect_url": "/powershell/module/microsoft.online.sharepoint.powershell/"
        "add-spohubsiteassociation",
        "redirect_document_id": True,
    }
    write_learn_redirects(docs_repo, [entry] if redirected else [])
    item = judge(docs_repo, base, docs_repo.commit("Name the folder after the module"))[new]
    assert ("links" in item["reason"]) != redirected, item["reason"]
    assert item["type"] == (MINOR if redirected else BREAKING), item["reason"]
