"""The change set read whole: published addresses, redirects, moves and includes, per toolchain.

Each test builds a real repository laid out as its toolchain expects, commits a range, reads
it as ``insight report`` does and checks what the site analysis says and what the rules make
of it (RUBRIC.md, "Moves and redirects").
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner
from docs_repo import DocsRepo

from insight.analysis import verdict
from insight.analysis.document.titles import document_title
from insight.analysis.site.facts import site_facts
from insight.cli import cli
from insight.engines.writeup import write
from insight.i18n import catalogue
from insight.models import BREAKING, MINOR, Assessment, FileChange, PageFacts, Writeup
from insight.source import repository
from insight.source.changes import file_changes
from insight.source.diff import parse_diff
from insight.source.tree import Tree

PAGE = "---\ntitle: {title}\n---\n\n# {title}\n\n" + "".join(
    f"Paragraph {number} about deployments and quotas.\n\n" for number in range(12)
)


@dataclass(frozen=True)
class Read:
    """A change and what the change set says of it, paired as the report pipeline pairs them."""

    change: FileChange
    site: PageFacts | None

    def assess(self) -> Assessment:
        return verdict.assess(self.change, verdict.signals_of(self.change), self.site)

    @property
    def type(self) -> str:
        return self.assess().type

    def write(self, assessment: Assessment, locale: str = "en_US") -> Writeup:
        return write(self.change, assessment, catalogue(locale), self.site)


def paired(changes: list[FileChange], tree: Tree | None) -> dict[str, Read]:
    facts = site_facts(changes, tree)
    return {change.path: Read(change, facts.get(change.path)) for change in changes}


def read(repo: DocsRepo, spec: str) -> dict[str, Read]:
    commit_range = repository.resolve_range(repo.repo, spec)
    changes = file_changes(repo.repo, commit_range).changes
    return paired(changes, Tree(repo.repo, commit_range.head))


def docfx_repo(repo: DocsRepo) -> str:
    repo.write(
        ".openpublishing.publish.config.json",
        json.dumps(
            {
                "docsets_to_publish": [
                    {
                        "docset_name": "kernel",
                        "build_source_folder": "kernel",
                        "build_output_subfolder": "semantic-kernel",
                        "locale": "en-us",
                    }
                ]
            }
        ),
    )
    repo.write(
        "kernel/docfx.json",
        '{"build": {"content": [{"files": ["**/*.md", "**/*.yml"],'
        ' "exclude": ["**/includes/**"],}]}}',  # a trailing comma, as docfx accepts
    )
    repo.write(".openpublishing.redirection.json", '{"redirections": []}\n')
    repo.write("kernel/concepts/Agents.md", PAGE.format(title="Agents"))
    repo.write("kernel/concepts/plugins.md", PAGE.format(title="Plugins"))
    repo.write("kernel/concepts/memory.md", PAGE.format(title="Memory"))
    repo.write("kernel/concepts/old-tools.md", PAGE.format(title="Tools"))
    repo.write("kernel/overview/index.md", PAGE.format(title="Overview"))
    repo.write("kernel/includes/preview.md", "> [!NOTE]\n> This is in preview.\n")
    for page in ("agents-intro", "agents-setup"):
        repo.write(
            f"kernel/get-started/{page}.md",
            PAGE.format(title=page) + "\n[!INCLUDE [preview](../includes/preview.md)]\n",
        )
    return repo.commit("base")


def test_docfx_addresses_redirects_moves_and_includes(docs_repo: DocsRepo) -> None:
    base = docfx_repo(docs_repo)
    docs_repo.move("kernel/concepts/Agents.md", "kernel/concepts/agents.md")  # case only
    docs_repo.move("kernel/concepts/plugins.md", "kernel/extend/plugins.md")  # with redirect
    docs_repo.move("kernel/concepts/memory.md", "kernel/extend/memory.md")  # without
    docs_repo.remove("kernel/concepts/old-tools.md")
    docs_repo.write(
        ".openpublishing.redirection.json",
        json.dumps(
            {
                "redirections": [
                    {
                        "source_path": "kernel/concepts/plugins.md",
                        "redirect_url": "/semantic-kernel/extend/plugins",
                        "redirect_document_id": True,
                    },
                    {
                        "source_path_from_root": "/kernel/concepts/old-tools.md",
                        "redirect_url": "/semantic-kernel/overview/",
                    },
                ]
            },
            indent=2,
        ),
    )
    docs_repo.write("kernel/includes/preview.md", "> [!NOTE]\n> This is in public preview.\n")
    head = docs_repo.commit("reorganise")
    changes = read(docs_repo, f"{base}..{head}")

    case_only = changes["kernel/concepts/agents.md"]
    assert case_only.site.url == "https://learn.microsoft.com/en-us/semantic-kernel/concepts/agents"
    assert case_only.site.keeps_address and case_only.site.page_title == "Agents"
    redirected = changes["kernel/extend/plugins.md"].site
    assert redirected.redirect == "https://learn.microsoft.com/en-us/semantic-kernel/extend/plugins"
    assert changes["kernel/extend/memory.md"].site.redirect is None
    removed = changes["kernel/concepts/old-tools.md"].site
    assert removed.redirect == "https://learn.microsoft.com/en-us/semantic-kernel/overview/"
    include = changes["kernel/includes/preview.md"].site
    assert include.url is None
    assert include.included_in == (
        "kernel/get-started/agents-intro.md",
        "kernel/get-started/agents-setup.md",
    )

    assert changes["kernel/concepts/agents.md"].type == MINOR
    assert changes["kernel/extend/plugins.md"].type == MINOR
    assert changes["kernel/extend/memory.md"].type == BREAKING
    assert changes["kernel/concepts/old-tools.md"].type == BREAKING


def test_the_report_says_where_a_removed_page_now_leads(
    docs_repo: DocsRepo, isolated: Path
) -> None:
    base = docfx_repo(docs_repo)
    docs_repo.remove("kernel/concepts/old-tools.md")
    docs_repo.write(
        ".openpublishing.redirection.json",
        '{"redirections": [{"source_path": "kernel/concepts/old-tools.md",'
        ' "redirect_url": "/semantic-kernel/overview/"}]}',
    )
    head = docs_repo.commit("remove")
    done = CliRunner().invoke(
        cli,
        ["report", "--repo", str(docs_repo.path), f"{base}..{head}", "--engine", "heuristic"],
    )
    assert done.exit_code == 0, done.output
    model = next(path for path in done.stdout.split() if path.endswith(".json"))
    items = {item["path"]: item for item in json.loads(Path(model).read_text())["items"]}
    removed = items["kernel/concepts/old-tools.md"]
    assert removed["type"] == BREAKING
    assert "https://learn.microsoft.com/en-us/semantic-kernel/overview/" in removed["explanation"]


def test_mkdocs_addresses_languages_and_redirect_maps(docs_repo: DocsRepo) -> None:
    docs_repo.write(
        "docs/en/mkdocs.yml",
        "site_name: Demo\nsite_url: https://demo.example/\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:x.y\n"
        "plugins:\n  - redirects:\n      redirect_maps:\n        'old.md': 'guide/new.md'\n",
    )
    docs_repo.write("docs/fr/mkdocs.yml", "INHERIT: ../en/mkdocs.yml\n")
    docs_repo.write("docs/en/docs/index.md", "# Demo { #demo }\n")
    docs_repo.write("docs/en/docs/guide/setup.md", PAGE.format(title="Setup"))
    docs_repo.write("docs/en/docs/guide/move-me.md", PAGE.format(title="Move"))
    docs_repo.write("docs/fr/docs/guide/setup.md", PAGE.format(title="Installation"))
    base = docs_repo.commit("base")
    docs_repo.write("docs/en/docs/index.md", "# Demo { #demo }\n\nWelcome.\n")
    docs_repo.write("docs/en/docs/guide/setup.md", PAGE.format(title="Setup") + "More.\n")
    docs_repo.write("docs/fr/docs/guide/setup.md", PAGE.format(title="Installation") + "Plus.\n")
    docs_repo.move("docs/en/docs/guide/move-me.md", "docs/en/docs/guide/moved.md")
    docs_repo.write(
        "docs/en/mkdocs.yml",
        "site_name: Demo\nsite_url: https://demo.example/\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:x.y\n"
        "plugins:\n  - redirects:\n      redirect_maps:\n        'old.md': 'guide/new.md'\n"
        "        'guide/move-me.md': 'guide/moved.md'\n",
    )
    head = docs_repo.commit("edit")
    changes = read(docs_repo, f"{base}..{head}")
    assert changes["docs/en/docs/index.md"].site.url == "https://demo.example/"
    assert changes["docs/en/docs/index.md"].site.page_title == "Demo"
    assert changes["docs/en/docs/guide/setup.md"].site.url == "https://demo.example/guide/setup/"
    assert changes["docs/fr/docs/guide/setup.md"].site.url == "https://demo.example/fr/guide/setup/"
    moved = changes["docs/en/docs/guide/moved.md"]
    assert moved.site.redirect == "https://demo.example/guide/moved/"
    assert moved.type == MINOR


def test_hugo_aliases_and_readfile_includes(docs_repo: DocsRepo) -> None:
    docs_repo.write("hugo.toml", 'baseURL = "https://hugo.example/docs/"\ntitle = "Docs"\n')
    docs_repo.write("content/en/tasks/run.md", PAGE.format(title="Run"))
    docs_repo.write("content/en/_index.md", "# Home\n")
    docs_repo.write("content/en/includes/note.md", "Shared note.\n")
    docs_repo.write(
        "content/en/tasks/start.md",
        PAGE.format(title="Start") + '\n{{< readfile file="/content/en/includes/note.md" >}}\n',
    )
    base = docs_repo.commit("base")
    docs_repo.move("content/en/tasks/run.md", "content/en/tasks/running.md")
    docs_repo.write(
        "content/en/tasks/running.md",
        "---\ntitle: Run\naliases:\n  - /docs/en/tasks/run/\n---\n\n# Run\n\n"
        + "".join(f"Paragraph {number} about deployments and quotas.\n\n" for number in range(12)),
    )
    docs_repo.write("content/en/includes/note.md", "Shared note, revised.\n")
    head = docs_repo.commit("rename")
    changes = read(docs_repo, f"{base}..{head}")
    running = changes["content/en/tasks/running.md"]
    assert running.site.url == "https://hugo.example/docs/en/tasks/running/"
    assert running.site.redirect == "https://hugo.example/docs/en/tasks/running/"
    assert changes["content/en/includes/note.md"].site.included_in == ("content/en/tasks/start.md",)


def test_classify_sees_the_redirect_in_the_same_diff() -> None:
    diff = (
        "diff --git a/docs/a.md b/docs/b.md\nsimilarity index 100%\n"
        "rename from docs/a.md\nrename to docs/b.md\n"
        "diff --git a/.openpublishing.redirection.json b/.openpublishing.redirection.json\n"
        "--- a/.openpublishing.redirection.json\n+++ b/.openpublishing.redirection.json\n"
        "@@ -1,2 +1,6 @@\n"
        ' {"redirections": [\n'
        '+  {\n+    "source_path": "docs/a.md",\n+    "redirect_url": "/docs/b"\n+  }\n'
        " ]}\n"
    )
    moved = paired(parse_diff(diff), None)["docs/b.md"]
    assert moved.site.redirect == "/docs/b"
    assert moved.type == MINOR


def test_the_page_title_skips_code_and_attribute_lists() -> None:
    assert document_title("Intro\n\n```python\n# not a title\n```\n\n# Real { #real }\n") == "Real"
    assert document_title("---\ntitle: 'From front matter'\n---\n# Heading\n") == (
        "From front matter"
    )
    assert document_title("No heading at all.\n") is None


def test_a_title_underlined_near_the_top_titles_the_page() -> None:
    """Markdown's setext heading (``Title`` over ``=====``) is the page's title, as is a title
    over- and underlined; an underline inside a code sample, or under a directive, is none."""
    assert document_title("Getting started\n===============\n\nInstall it.\n") == (
        "Getting started"
    )
    assert document_title("########\nGit tips\n########\n\nText.\n") == "Git tips"
    assert document_title("Intro.\n\n```text\nOutput\n======\n```\n") is None
    assert document_title(".. note::\n=========\n") is None


def test_the_report_links_each_page_and_says_what_the_range_covers(
    docs_repo: DocsRepo, isolated: Path
) -> None:
    base = docfx_repo(docs_repo)
    docs_repo.write("kernel/concepts/plugins.md", PAGE.format(title="Plugins") + "More.\n")
    docs_repo.write("kernel/includes/preview.md", "> [!NOTE]\n> This is in public preview.\n")
    docs_repo.commit("edit", date="2025-06-02T08:00:00+00:00")
    docs_repo.write("kernel/concepts/memory.md", PAGE.format(title="Memory") + "More.\n")
    head = docs_repo.commit("edit again", date="2025-06-04T08:00:00+00:00")
    done = CliRunner().invoke(
        cli,
        ["report", "--repo", str(docs_repo.path), f"{base}..{head}", "--engine", "heuristic"],
    )
    assert done.exit_code == 0, done.output
    markdown = Path(next(path for path in done.stdout.split() if path.endswith(".md")))
    text = markdown.read_text()
    assert (
        f"This report covers `{base[:7]}...{head[:7]}`: 2 commits, 2025-06-02 to 2025-06-04."
        in (text)
    )
    assert (
        "Published page: [Plugins](https://learn.microsoft.com/en-us/semantic-kernel/concepts/"
        'plugins){target="_blank"}'
    ) in text
    assert (
        "Shown on 2 pages: `kernel/get-started/agents-intro.md`; "
        "`kernel/get-started/agents-setup.md`."
    ) in text

    site = isolated / "site"
    published = CliRunner().invoke(
        cli, ["publish", str(markdown.parent.parent.parent), "-o", str(site)]
    )
    assert published.exit_code == 0, published.output
    record = json.loads((site / "index.json").read_text())["reports"][0]
    assert record["range"]["commits"] == 2
    pages = {page["path"]: page for page in record["pages"]}
    assert pages["kernel/includes/preview.md"]["included_in"] == [
        "kernel/get-started/agents-intro.md",
        "kernel/get-started/agents-setup.md",
    ]


def test_netlify_redirects_and_mkdocs_variants_and_case_only_renames(docs_repo: DocsRepo) -> None:
    docs_repo.write("mkdocs.template.yml", "site_url: https://t.example/\n")
    docs_repo.write("mkdocs.public.yml", "INHERIT: mkdocs.template.yml\n")
    docs_repo.write("docs/guide/start.md", PAGE.format(title="Start"))
    docs_repo.write("site/content/docs/specs/write_spec.md", PAGE.format(title="Spec"))
    docs_repo.write("site/content/_redirects", "# old structure\n")
    base = docs_repo.commit("base")
    docs_repo.write("docs/guide/start.md", PAGE.format(title="Start") + "More.\n")
    docs_repo.move(
        "site/content/docs/specs/write_spec.md", "site/content/docs/specs/v1/write_spec.md"
    )
    docs_repo.write(
        "site/content/_redirects", "/docs/specs/write_spec  /docs/specs/v1/write_spec  301\n"
    )
    head = docs_repo.commit("move the spec")
    changes = read(docs_repo, f"{base}..{head}")
    assert changes["docs/guide/start.md"].site.url == "https://t.example/guide/start/"
    moved = changes["site/content/docs/specs/v1/write_spec.md"]
    assert moved.site.redirect == "https://t.example/docs/specs/v1/write_spec"
    assert moved.type == MINOR


def test_a_case_only_rename_keeps_its_address_on_learn(docs_repo: DocsRepo) -> None:
    base = docfx_repo(docs_repo)
    docs_repo.move("kernel/concepts/memory.md", "kernel/Concepts-tmp.md")
    docs_repo.commit("step")
    docs_repo.move("kernel/Concepts-tmp.md", "kernel/concepts/Memory.md")
    head = docs_repo.commit("case")
    moved = read(docs_repo, f"{base}..{head}")["kernel/concepts/Memory.md"]
    assert moved.site.keeps_address
    assert moved.type == MINOR


def test_a_translated_tree_without_its_own_config_publishes_under_its_language(
    docs_repo: DocsRepo,
) -> None:
    docs_repo.write("docs/en/mkdocs.yml", "site_name: Demo\nsite_url: https://demo.example/\n")
    docs_repo.write("docs/en/docs/guide/setup.md", PAGE.format(title="Setup"))
    docs_repo.write("docs/ja/docs/guide/setup.md", PAGE.format(title="セットアップ"))
    base = docs_repo.commit("base")
    docs_repo.write("docs/ja/docs/guide/setup.md", PAGE.format(title="セットアップ") + "追記。\n")
    head = docs_repo.commit("edit")
    changed = read(docs_repo, f"{base}..{head}")["docs/ja/docs/guide/setup.md"]
    assert changed.site.url == "https://demo.example/ja/guide/setup/"
