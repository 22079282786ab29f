"""The offline explanations say what changed, from the site's facts: where a removed page's
address leads and where its text went, which file now publishes a removed file's address, a
move that keeps its address (``.md`` → ``.mdx``, a version folder), text that came from an
include, the pages an include shows on.

Each test builds a small site in a real git repository, commits the scenario and reads the
explanations ``insight report`` writes in every locale; no explanation ends with one of the
closing sentences insight used to add to every explanation.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from docs_repo import DocsRepo
from rubric_sites import (
    LEARN_DOCS,
    LEARN_INCLUDES,
    article,
    docusaurus_page,
    docusaurus_site,
    hugo_site,
    learn_page,
    learn_site,
    mkdocs_site,
    write_learn_redirects,
)
from sample_docs import CONFIG, SAMPLE_RANGE, build

from insight.cli import cli
from insight.i18n import supported_locales

OLD_CLOSINGS = (
    "Readers gain something new to use.",
    "Nothing readers need to act on.",
    "Readers who followed the old text should check their links, steps or code.",
    "读者可以使用新的内容或功能。",
    "读者无需采取任何行动。",
    "按旧版内容操作的读者需要检查相关链接、步骤或代码。",
    "読者は新しい内容や機能を利用できます。",
    "読者が対応する必要はありません。",
    "以前の記述に従っていた読者は、リンク、手順、コードを確認する必要があります。",
)
"""The fixed sentences that ended most explanations before they said what changed."""
TROUBLESHOOTING = "## Troubleshooting\n\n" + "".join(
    f"If step {number} of the installer fails, check the proxy settings and run it again.\n\n"
    for number in range(16)
)
"""Most of a page's words: the page went where this text goes."""


def explained(repo: DocsRepo, base: str, head: str) -> dict[str, dict[str, dict[str, Any]]]:
    """The items ``insight report`` writes for ``base...head`` in every locale: by locale,
    then by path."""
    out = repo.path.parent / f"reports-{head[:7]}"
    arguments = ["report", "--repo", str(repo.path), f"{base}...{head}", "-e", "heuristic"]
    for locale in supported_locales():
        arguments += ["-l", locale]
    done = CliRunner().invoke(cli, [*arguments, "--out", str(out)])
    assert done.exit_code == 0, done.output
    items: dict[str, dict[str, dict[str, Any]]] = {}
    for model in out.rglob("*.json"):
        for item in json.loads(model.read_text(encoding="utf-8"))["items"]:
            items.setdefault(model.parent.name, {})[item["path"]] = item
    assert set(items) == set(supported_locales())
    return items


def says(items: dict[str, dict[str, dict[str, Any]]], path: str, *facts: str) -> str:
    """The English explanation of ``path``; each fact (a path, an address) is named in every
    locale's explanation, and none ends with an old closing sentence."""
    for locale, by_path in items.items():
        explanation = by_path[path]["explanation"]
        missing = [fact for fact in facts if fact not in explanation]
        assert not missing, f"{locale} {path}: {missing} not in {explanation!r}"
        assert not explanation.endswith(OLD_CLOSINGS), f"{locale} {path}: {explanation!r}"
    return str(items["en_US"][path]["explanation"])


def test_a_removed_page_says_where_its_address_leads_and_where_its_text_went(
    docs_repo: DocsRepo,
) -> None:
    learn_site(docs_repo)
    install, help_page = f"{LEARN_DOCS}/install.md", f"{LEARN_DOCS}/help.md"
    docs_repo.write(install, learn_page("Install", "Install the module.", TROUBLESHOOTING))
    docs_repo.write(help_page, learn_page("Help", "Where to get help with the module."))
    base = docs_repo.commit("base")
    docs_repo.remove(install)
    docs_repo.write(help_page, learn_page("Help", "Where to get help.", "\n" + TROUBLESHOOTING))
    write_learn_redirects(
        docs_repo,
        [
            {
                "source_path_from_root": "/reference/docs-conceptual/install.md",
                "redirect_url": "/powershell/scripting/help",
                "redirect_document_id": False,
            }
        ],
    )
    head = docs_repo.commit("fold the install page into help")
    items = explained(docs_repo, base, head)
    explanation = says(items, install, "/powershell/scripting/help", help_page)
    assert explanation.startswith("Removes “Install” (")
    assert "its old address now leads to <https://learn.microsoft.com/" in explanation
    assert f"went to `{help_page}`." in explanation
    assert items["en_US"][install]["title"] == "Removed page: “Install”"


def test_a_removed_file_names_the_file_that_now_publishes_its_address(
    docs_repo: DocsRepo,
) -> None:
    mkdocs_site(docs_repo)
    docs_repo.write("docs/connect.md", article("Connect", "Connect the app to your account."))
    base = docs_repo.commit("base")
    docs_repo.remove("docs/connect.md")
    docs_repo.write(
        "docs/connect/index.md",
        "# Connect\n\nThe app connects itself on first start: sign in and pick a workspace.\n",
    )
    head = docs_repo.commit("rewrite as a folder page")
    items = explained(docs_repo, base, head)
    removed = says(items, "docs/connect.md", "`docs/connect/index.md`")
    assert "its address is now published by `docs/connect/index.md`." in removed
    assert items["en_US"]["docs/connect.md"]["title"] == "Moved page: connect.md → index.md"
    new = says(items, "docs/connect/index.md", "`docs/connect.md`")
    assert new.startswith("Publishes “Connect” at the address of the removed `docs/connect.md`")


def test_a_removed_file_without_a_title_is_named_by_its_own_name(docs_repo: DocsRepo) -> None:
    """The explanation says which file was removed, not the one that took its address."""
    mkdocs_site(docs_repo)
    docs_repo.write("docs/connect.md", "Sign in, then pick the workspace to connect to.\n")
    base = docs_repo.commit("base")
    docs_repo.remove("docs/connect.md")
    docs_repo.write("docs/connect/index.md", "The app connects itself on first start.\n")
    head = docs_repo.commit("rewrite as a folder page")
    removed = explained(docs_repo, base, head)["en_US"]["docs/connect.md"]["explanation"]
    assert removed.startswith("Removes `connect.md` ("), removed


def test_a_move_from_md_to_mdx_keeps_its_address(docs_repo: DocsRepo) -> None:
    docusaurus_site(docs_repo)
    docs_repo.write("docs/guide.md", docusaurus_page("Guide", "Call the SDK from a web app."))
    base = docs_repo.commit("base")
    docs_repo.move("docs/guide.md", "docs/guide.mdx")
    text = (docs_repo.path / "docs/guide.mdx").read_text(encoding="utf-8")
    docs_repo.write(
        "docs/guide.mdx",
        text + "\n## Stream responses\n\nThe SDK streams a response as it is generated."
        " Pass `stream: true` to read it in chunks.\n",
    )
    head = docs_repo.commit("mdx, streaming")
    items = explained(docs_repo, base, head)
    explanation = says(items, "docs/guide.mdx", "`docs/guide.md`", "`docs/guide.mdx`")
    assert "; the published address stays the same." in explanation
    assert "New text: “The SDK streams a response as it is generated”." in explanation
    # The move keeps the address: the title names what changed in the page.
    assert items["en_US"]["docs/guide.mdx"]["title"] == (
        "“Stream responses”: added “The SDK streams a response as it is generated.”"
    )


def test_a_page_carried_to_the_next_version_folder_says_so(docs_repo: DocsRepo) -> None:
    # the docs folder is the last version: each version is served under its own segment
    docusaurus_site(docs_repo, docs="lastVersion: 'current'")
    old, new = "versioned_docs/version-0.83/intro.md", "versioned_docs/version-0.84/intro.md"
    for path in ("docs/intro.md", old):
        docs_repo.write(path, docusaurus_page("Introduction", "What the SDK does."))
    docs_repo.write("versions.json", '["0.83"]\n')
    base = docs_repo.commit("base")
    docs_repo.move(old, new)
    docs_repo.write("versions.json", '["0.84"]\n')
    head = docs_repo.commit("version 0.84")
    items = explained(docs_repo, base, head)
    explanation = says(items, new, f"`{old}`", f"`{new}`")
    assert explanation == (
        f"Carries `{old}` to `{new}` (no line changes); the version folders publish under one"
        " address."
    )


SUPPORT = (
    "## Supported releases\n\n"
    "The shell is supported on Alpine 3.20 and 3.19 for x64, and on 3.20 for arm64.\n\n"
    "Import the signing key of the package feed before you install the shell package.\n"
)
INSTALL_PAGES = (
    f"{LEARN_DOCS}/install/install-alpine.md",
    f"{LEARN_DOCS}/install/install-debian.md",
)
INCLUDE = f"{LEARN_INCLUDES}/linux-support.md"
INCLUDE_LINE = "\n[!INCLUDE [Linux support](../../includes/linux-support.md)]\n"


def _learn_with_include(repo: DocsRepo) -> str:
    learn_site(repo)
    repo.write(INCLUDE, SUPPORT)
    for page in INSTALL_PAGES:
        repo.write(page, learn_page(Path(page).stem, "The package feed.", INCLUDE_LINE))
    return repo.commit("base")


def test_an_include_says_which_pages_show_it(docs_repo: DocsRepo) -> None:
    base = _learn_with_include(docs_repo)
    docs_repo.write(INCLUDE, SUPPORT.replace("3.20 and 3.19", "3.21, 3.20 and 3.19"))
    head = docs_repo.commit("support Alpine 3.21")
    items = explained(docs_repo, base, head)
    explanation = says(items, INCLUDE, *(f"`{page}`" for page in INSTALL_PAGES))
    assert f"It shows on 2 pages: `{INSTALL_PAGES[0]}`; `{INSTALL_PAGES[1]}`." in explanation
    assert explanation.endswith(
        "“…supported on Alpine 3.20 and 3.19…” now reads “…supported on Alpine 3.21, 3.20 and"
        " 3.19…”."
    )


def test_text_inlined_from_an_include_says_where_it_came_from(docs_repo: DocsRepo) -> None:
    base = _learn_with_include(docs_repo)
    docs_repo.remove(INCLUDE)
    for page in INSTALL_PAGES:
        text = (docs_repo.path / page).read_text(encoding="utf-8")
        docs_repo.write(page, text.replace(INCLUDE_LINE, "\n" + SUPPORT))
    head = docs_repo.commit("inline the include")
    items = explained(docs_repo, base, head)
    for page in INSTALL_PAGES:
        explanation = says(items, page, f"`{INCLUDE}`")
        assert f"5 lines of its new text came from `{INCLUDE}`." in explanation
        # The include line went: the title names it, not "removed 1 line of text".
        assert items["en_US"][page]["title"] == (
            "Removed include `../../includes/linux-support.md`"
        )
    removed = says(items, INCLUDE, f"`{LEARN_DOCS}/install/install-")  # where the text went
    assert removed.startswith(
        f"Removes the shared text `{INCLUDE}` (5 lines). Its text (5 lines) went to"
        f" `{LEARN_DOCS}/install/install-"
    )
    assert items["en_US"][INCLUDE]["title"] == "Removed shared text: linux-support.md"


def test_no_explanation_of_the_sample_reports_ends_with_a_fixed_sentence(
    tmp_path: Path,
) -> None:
    repository = build(tmp_path / "sample-docs").working_tree_dir
    out = tmp_path / "reports"
    arguments = ["report", "--repo", str(repository), SAMPLE_RANGE, "-e", "heuristic"]
    done = CliRunner().invoke(cli, [*arguments, "--config", str(CONFIG), "--out", str(out)])
    assert done.exit_code == 0, done.output
    explanations = [
        item["explanation"]
        for model in out.rglob("*.json")
        for item in json.loads(model.read_text(encoding="utf-8"))["items"]
    ]
    assert len({model.parent.name for model in out.rglob("*.json")}) == 3
    assert explanations
    assert not [text for text in explanations if text.endswith(OLD_CLOSINGS)]


def test_a_line_of_markup_alone_is_not_quoted(docs_repo: DocsRepo) -> None:
    """A line that says no word once its markup is dropped (a Hugo shortcode alone,
    ``{{< cli-flags "install" >}}``) is not quoted as what a section gained: "added “{{}}”"
    tells a reader nothing."""
    hugo_site(docs_repo)
    before = (
        "---\ntitle: install\n---\n\n## Flags\n\nThe flags of `install`.\n\n"
        "## Examples\n\nRun it.\n"
    )
    after = before.replace("`install`.\n", '`install`.\n\n{{< cli-flags "install" >}}\n')
    _nowhere_says(docs_repo, "content/reference/cli/install.md", before, after, "{{}}")


def _nowhere_says(repo: DocsRepo, path: str, before: str, after: str, words: str) -> None:
    """``path`` edited from ``before`` to ``after``: no locale's title or explanation of it
    says ``words``."""
    repo.write(path, before)
    base = repo.commit("base")
    repo.write(path, after)
    head = repo.commit("edit")
    for locale, by_path in explained(repo, base, head).items():
        item = by_path[path]
        assert words not in item["title"] + item["explanation"], (locale, item["title"])


def test_an_mdx_pages_import_statement_is_not_quoted(docs_repo: DocsRepo) -> None:
    """An MDX page's import statement is what the page is built with, not what it shows:
    "added “import DocCardList from …”" is no text a reader meets."""
    docusaurus_site(docs_repo)
    before = "---\ntitle: Welcome\n---\n\n# Welcome\n\nThe guides of the SDK.\n"
    after = before + '\nimport DocCardList from "@theme/DocCardList";\n\n<DocCardList />\n'
    _nowhere_says(docs_repo, "docs/index.mdx", before, after, "import")


def test_a_deprecation_notice_from_a_shared_file_names_the_file(docs_repo: DocsRepo) -> None:
    """A page that starts to show a shared deprecation notice (``[!INCLUDE [crescendo
    deprecated](…)]``) says so in words and names the file; the include's markup is no text
    to quote."""
    base = _learn_with_include(docs_repo)
    notice = "../../includes/feed-deprecated.md"
    docs_repo.write(
        f"{LEARN_INCLUDES}/feed-deprecated.md",
        "> [!IMPORTANT]\n> The package feed is no longer maintained.\n",
    )
    page = INSTALL_PAGES[0]
    text = (docs_repo.path / page).read_text(encoding="utf-8")
    docs_repo.write(page, text + f"\n[!INCLUDE [feed deprecated]({notice})]\n")
    head = docs_repo.commit("the feed is deprecated")
    items = explained(docs_repo, base, head)
    titles = {locale: by_path[page]["title"] for locale, by_path in items.items()}
    assert titles["en_US"] == f"Deprecation notice from the shared file `{notice}`"
    for locale, title in titles.items():
        assert notice in title and "INCLUDE" not in title, (locale, title)
