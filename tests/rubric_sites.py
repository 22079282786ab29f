"""Tiny documentation sites laid out as each toolchain documents them, and the types that
``insight report`` gives the files of a range of commits in them.

The acceptance tests of RUBRIC.md's "Moves and redirects", "Addresses, versions and formats"
and "Corrections versus changes" (tests/test_rubric_*.py) build one of these sites in a real
git repository, make the commits of their scenario and read the JSON model the real command
writes. Each site writes its toolchain's own configuration files, in the shape the toolchain's
documentation and public repositories use (the source is named beside each); pages are a few
lines long.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from docs_repo import DocsRepo

from insight.cli import cli

BREAKING = "breaking change"
NEW = "new feature"
MINOR = "minor update"
"""The three types of the report format (insight.report/v1)."""


def article(title: str, subject: str, front_matter: str = "", body: str = "") -> str:
    """A short page about one subject: front matter, a title, a lead, a procedure.

    The words come from the title and subject, so two pages of one site share no sentence
    (content moved between pages is found only where a test moves it).
    """
    return (
        f"---\ntitle: {title}\n{front_matter}---\n\n# {title}\n\n{subject}\n\n"
        f"## Before you begin\n\nYou need an account that can change the {title.lower()}"
        " settings.\n\n"
        f"## Steps\n\n1. Open **Settings** and choose **{title}**.\n"
        f"2. Review the {title.lower()} values that apply to your team.\n"
        f"3. Select **Save** to keep the {title.lower()} settings.\n"
        f"{body}"
    )


def judge(repo: DocsRepo, base: str, head: str) -> dict[str, dict[str, Any]]:
    """The items of the JSON model that ``insight report`` writes for ``base...head``, by path.

    The real command, offline engine, one locale, an explicit (empty) config file.
    """
    work = repo.path.parent
    config = work / "insight.toml"
    config.write_text('locales = ["en_US"]\n', encoding="utf-8")
    out = work / f"reports-{head[:7]}"
    done = CliRunner().invoke(
        cli,
        [
            "report",
            "--repo",
            str(repo.path),
            f"{base}...{head}",
            "--engine",
            "heuristic",
            "-l",
            "en_US",
            "--out",
            str(out),
            "--config",
            str(config),
        ],
    )
    assert done.exit_code == 0, done.output
    items: dict[str, dict[str, Any]] = {}
    for model in (Path(path) for path in done.stdout.split() if path.endswith(".json")):
        for item in json.loads(model.read_text(encoding="utf-8"))["items"]:
            items[item["path"]] = item
    return items


def said(item: dict[str, Any]) -> str:
    """What the report tells a reader about a file: its title, reason and explanation."""
    return " ".join(str(item.get(key) or "") for key in ("title", "reason", "explanation"))


def expect(items: dict[str, dict[str, Any]], path: str, expected: str) -> dict[str, Any]:
    """The item of ``path``, checked to have the expected type; the message says what insight
    answered instead, and why."""
    assert path in items, f"{path} is not in the report: {sorted(items)}"
    item = items[path]
    assert item["type"] == expected, (
        f"{path}: expected {expected}, insight answered {item['type']}"
        f" (reason: {item.get('reason')!r}; title: {item['title']!r})"
    )
    return item


def expect_not(items: dict[str, dict[str, Any]], path: str, unexpected: str) -> dict[str, Any]:
    assert path in items, f"{path} is not in the report: {sorted(items)}"
    item = items[path]
    assert item["type"] != unexpected, (
        f"{path}: insight answered {unexpected}"
        f" (reason: {item.get('reason')!r}; title: {item['title']!r})"
    )
    return item


def names(item: dict[str, Any], *evidence: str) -> None:
    """The report names each piece of evidence (a path, a page, an address) for this file."""
    text = said(item).lower()
    missing = [piece for piece in evidence if piece.lower() not in text]
    assert not missing, f"{item['path']}: the report does not name {missing}: {said(item)!r}"


# --- Microsoft Learn (docfx) -------------------------------------------------------------
# The shape of MicrosoftDocs/PowerShell-Docs: one docset in `reference/`, conceptual pages in
# `reference/docs-conceptual/` published under `scripting/`, includes in `reference/includes/`,
# redirection files in `redir/` listed in the publish configuration, with source paths
# relative to the redirection file (`../reference/...`) and `//` comments (docfx accepts them,
# as MicrosoftDocs/edge-developer's `redirects/` files show).

LEARN_DOCS = "reference/docs-conceptual"
LEARN_INCLUDES = "reference/includes"
LEARN_REDIRECTS = "redir/.openpublishing.redirection.json"


def learn_site(repo: DocsRepo) -> None:
    repo.write(
        ".openpublishing.publish.config.json",
        json.dumps(
            {
                "docsets_to_publish": [
                    {
                        "docset_name": "PowerShell_PowerShell-docs_reference",
                        "build_source_folder": "reference",
                        "build_output_subfolder": "powershell",
                        "locale": "en-us",
                        "monikers": [],
                        "open_to_public_contributors": True,
                        "type_mapping": {"Conceptual": "Content", "Tutorial": "Content"},
                        "build_entry_point": "docs",
                        "template_folder": "_themes",
                        "version": 0,
                    }
                ],
                "redirection_files": [".openpublishing.redirection.json", LEARN_REDIRECTS],
                "docs_build_engine": {"name": "docfx_v3"},
            },
            indent=2,
        ),
    )
    repo.write(
        "reference/docfx.json",
        "{\n"
        '  "build": {\n'
        '    "content": [\n'
        '      { "dest": "", "exclude": [ "**/includes/**", "README.md" ],'
        ' "files": [ "index.yml" ] },\n'
        '      { "dest": "scripting", "files": [ "**/*.md", "**/*.yml" ],'
        ' "group": "conceptual", "src": "docs-conceptual" }\n'
        "    ],\n"
        '    "dest": "pscore-reference",\n'
        '    "globalMetadata": { "ms.service": "powershell", "uhfHeaderId": "MSDocsHeader" }\n'
        "  }\n"
        "}\n",
    )
    repo.write(".openpublishing.redirection.json", '{\n  "redirections": []\n}\n')
    write_learn_redirects(repo, [])
    repo.write("reference/index.yml", "### YamlMime:Landing\ntitle: PowerShell\n")


def write_learn_redirects(
    repo: DocsRepo, entries: list[dict[str, Any]], path: str = LEARN_REDIRECTS
) -> None:
    """A redirection file as Learn writes it: an entry per old page, lower-case paths."""
    lines = ["{", '  "redirections": [', "    // Moved and removed conceptual articles"]
    lines += [
        "    " + json.dumps(entry) + ("," if number < len(entries) - 1 else "")
        for number, entry in enumerate(entries)
    ]
    lines += ["  ]", "}", ""]
    repo.write(path, "\n".join(lines))


def learn_page(title: str, subject: str, body: str = "") -> str:
    return article(
        title, subject, f"description: {subject}\nms.date: 05/02/2025\nms.topic: how-to\n", body
    )


# --- Microsoft Learn monikers --------------------------------------------------------------
# The shape of MicrosoftDocs/azure-docs-powershell: `docfx.json` at the root with one content
# entry per version folder (`docs-conceptual/azps-X/`, `"version": "azps-X"`, all with
# `"dest": "azure"`), a `versions` table, and `mapping/monikerMapping.json`; every version is
# served at one address with a version picker (`?view=azps-X`).


def azps_site(repo: DocsRepo, versions: list[str]) -> None:
    repo.write(
        ".openpublishing.publish.config.json",
        json.dumps(
            {
                "docsets_to_publish": [
                    {
                        "build_entry_point": "docs",
                        "build_output_subfolder": "azureps",
                        "build_source_folder": ".",
                        "docset_name": "azureps",
                        "locale": "en-us",
                        "monikerPath": ["mapping/monikerMapping.json"],
                        "monikers": [],
                        "open_to_public_contributors": True,
                        "template_folder": "_themes",
                        "version": 0,
                    }
                ],
                "redirection_files": [".openpublishing.redirection.json"],
                "docs_build_engine": {"name": "docfx_v3"},
            },
            indent=2,
        ),
    )
    write_azps_versions(repo, versions)
    repo.write(".openpublishing.redirection.json", '{\n  "redirections": []\n}\n')


def write_azps_versions(repo: DocsRepo, versions: list[str]) -> None:
    """`docfx.json` and the moniker mapping for these versions, as the repository has them."""
    content = ",\n".join(
        f'            {{ "files": ["**/*.yml", "**/*.md"], "src": "docs-conceptual/{version}",'
        f' "version": "{version}", "dest": "azure" }}'
        for version in versions
    )
    table = ",\n".join(
        f'            "{version}": {{ "dest": "{version}" }}' for version in versions
    )
    repo.write(
        "docfx.json",
        '{\n    "build": {\n        "content": [\n'
        + content
        + '\n        ],\n        "versions": {\n'
        + table
        + '\n        },\n        "globalMetadata": { "ms.service": "azure-powershell" }\n'
        "    }\n}\n",
    )
    repo.write(
        "mapping/monikerMapping.json",
        json.dumps(
            {
                version: {
                    "conceptualToc": f"docs-conceptual/{version}/toc.yml",
                    "conceptualTocUrl": "/powershell/azure/toc.json",
                    "packageRoot": version,
                }
                for version in versions
            },
            indent=4,
        ),
    )


# --- MkDocs --------------------------------------------------------------------------------
# `mkdocs.yml` with `site_url`, `nav`, Material, the mkdocs-redirects plugin's `redirect_maps`
# (paths relative to `docs_dir`) and pymdownx.snippets, as FastAPI's and uv's are written.


def mkdocs_site(
    repo: DocsRepo,
    nav: str = "",
    redirect_maps: dict[str, str] | None = None,
    docs_dir: str = "docs",
) -> None:
    maps = "".join(f"        {old}: {new}\n" for old, new in (redirect_maps or {}).items())
    repo.write(
        "mkdocs.yml",
        "site_name: Contoso CLI\n"
        "site_url: https://cli.contoso.dev/\n"
        "repo_url: https://github.com/contoso/cli\n"
        + (f"docs_dir: {docs_dir}\n" if docs_dir != "docs" else "")
        + "theme:\n  name: material\n"
        + (f"nav:\n{nav}" if nav else "")
        + "plugins:\n  - search\n  - redirects:\n      redirect_maps:\n"
        + (maps or "        {}\n")
        + "markdown_extensions:\n  - admonition\n  - pymdownx.snippets:\n"
        "      base_path: ['.', 'includes']\n  - pymdownx.superfences\n",
    )


# --- Hugo ----------------------------------------------------------------------------------
# `hugo.toml` with `baseURL`; pages under `content/`, leaf bundles (`index.md`), branch
# bundles (`_index.md`), `aliases` in front matter, headless bundles (`headless = true`).


def hugo_site(repo: DocsRepo, languages: tuple[str, ...] = ()) -> None:
    config = 'baseURL = "https://docs.contoso.dev/"\ntitle = "Contoso Docs"\n'
    if languages:
        config += 'defaultContentLanguage = "en"\ndefaultContentLanguageInSubdir = true\n'
        for weight, language in enumerate(languages, start=1):
            config += (
                f'\n[languages.{language}]\ncontentDir = "content/{language}"\nweight = {weight}\n'
            )
    repo.write("hugo.toml", config)


# --- Docusaurus ----------------------------------------------------------------------------
# `docusaurus.config.js` with the classic preset (docs in `docs/`, served under `/docs/`),
# `sidebars.js`, versions in `versioned_docs/version-X/` + `versioned_sidebars/` +
# `versions.json` (as facebook/react-native-website keeps them), and the client-redirects
# plugin.


def docusaurus_site(
    repo: DocsRepo,
    redirects: tuple[tuple[str, str], ...] = (),
    locales: tuple[str, ...] = ("en",),
    docs: str = "sidebarPath: './sidebars.js'",
    blog: str = "false",
) -> None:
    """``docs``: the preset's docs options, inside their braces; ``blog``: its blog's."""
    entries = "".join(f"          {{from: '{old}', to: '{new}'}},\n" for old, new in redirects)
    repo.write(
        "docusaurus.config.js",
        "// @ts-check\n\n"
        "/** @type {import('@docusaurus/types').Config} */\n"
        "const config = {\n"
        "  title: 'Contoso SDK',\n"
        "  url: 'https://sdk.contoso.dev',\n"
        "  baseUrl: '/',\n"
        "  onBrokenLinks: 'throw',\n"
        f"  i18n: {{defaultLocale: 'en', locales: {list(locales)!r}}},\n"
        "  presets: [\n"
        "    [\n"
        "      'classic',\n"
        "      /** @type {import('@docusaurus/preset-classic').Options} */\n"
        "      ({\n"
        f"        docs: {{{docs}}},\n"
        f"        blog: {blog},\n"
        "      }),\n"
        "    ],\n"
        "  ],\n"
        "  plugins: [\n"
        "    [\n"
        "      '@docusaurus/plugin-client-redirects',\n"
        "      {\n"
        "        redirects: [\n"
        f"{entries}"
        "        ],\n"
        "      },\n"
        "    ],\n"
        "  ],\n"
        "};\n\n"
        "module.exports = config;\n",
    )
    repo.write(
        "sidebars.js",
        "/** @type {import('@docusaurus/plugin-content-docs').SidebarsConfig} */\n"
        "const sidebars = {\n  docs: [{type: 'autogenerated', dirName: '.'}],\n};\n\n"
        "module.exports = sidebars;\n",
    )


def docusaurus_page(title: str, subject: str, body: str = "") -> str:
    return article(title, subject, "sidebar_position: 2\n", body)


# --- Starlight -----------------------------------------------------------------------------
# `astro.config.mjs` with the Starlight integration and Astro's `redirects`; pages in
# `src/content/docs/`, the content collection in `src/content.config.ts`.


def starlight_site(repo: DocsRepo, redirects: dict[str, str] | None = None) -> None:
    table = "".join(f"    '{old}': '{new}',\n" for old, new in (redirects or {}).items())
    repo.write(
        "astro.config.mjs",
        "// @ts-check\n"
        "import { defineConfig } from 'astro/config';\n"
        "import starlight from '@astrojs/starlight';\n\n"
        "export default defineConfig({\n"
        "  site: 'https://starlight.contoso.dev',\n"
        f"  redirects: {{\n{table}  }},\n"
        "  integrations: [\n"
        "    starlight({\n"
        "      title: 'Contoso Docs',\n"
        "      sidebar: [{ label: 'Guides', autogenerate: { directory: 'guides' } }],\n"
        "    }),\n"
        "  ],\n"
        "});\n",
    )
    repo.write(
        "src/content.config.ts",
        "import { defineCollection } from 'astro:content';\n"
        "import { docsLoader } from '@astrojs/starlight/loaders';\n"
        "import { docsSchema } from '@astrojs/starlight/schema';\n\n"
        "export const collections = {\n"
        "  docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }),\n"
        "};\n",
    )


# --- mdBook --------------------------------------------------------------------------------
# `book.toml` with `[output.html] site-url` and `[output.html.redirect]` (keys are absolute
# paths of old pages, values where they lead, as rust-lang/mdBook's own guide has them);
# `src/SUMMARY.md` lists the chapters; a chapter `a/b.md` is served as `a/b.html`, `README.md`
# and `index.md` as the folder's `index.html`.


def mdbook_site(
    repo: DocsRepo, summary: str, redirects: dict[str, str] | None = None, folder: str = ""
) -> None:
    """A book at the top of the repository, or in ``folder`` (a code repository's
    ``doc/book/``)."""
    table = "".join(f'"{old}" = "{new}"\n' for old, new in (redirects or {}).items())
    prefix = f"{folder}/" if folder else ""
    repo.write(
        f"{prefix}book.toml",
        '[book]\ntitle = "The Contoso Book"\nauthors = ["Contoso"]\nlanguage = "en"\n'
        'src = "src"\n\n[output.html]\nsite-url = "/book/"\n'
        'git-repository-url = "https://github.com/contoso/book"\n'
        + (f"\n[output.html.redirect]\n{table}" if table else ""),
    )
    repo.write(f"{prefix}src/SUMMARY.md", "# Summary\n\n" + summary)


# --- Jekyll --------------------------------------------------------------------------------
# `_config.yml` with `url`, `baseurl` and the jekyll-redirect-from plugin (`redirect_from` in
# a page's front matter); data files in `_data/`.


def jekyll_site(repo: DocsRepo) -> None:
    repo.write(
        "_config.yml",
        "title: Contoso Handbook\nurl: https://handbook.contoso.dev\nbaseurl: ''\n"
        "markdown: kramdown\nplugins:\n  - jekyll-redirect-from\n"
        "defaults:\n  - scope:\n      path: ''\n    values:\n      layout: default\n",
    )
