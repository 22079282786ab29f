"""Navigation files judged by the pages of their entries, read against the whole change set.

Each test builds a real repository laid out as its toolchain expects (RUBRIC.md, "Moves and
redirects", navigation files): an entry dropped with its page breaks, one for a new page is
new, a regrouping that keeps every page reachable is minor, also for whole files.
"""

from __future__ import annotations

import json

from docs_repo import DocsRepo
from test_change_set import PAGE, docfx_repo, read

from insight.models import BREAKING, MINOR, NEW_FEATURE

TOC = (
    "items:\n- name: Concepts\n  items:\n"
    "  - name: Agents\n    href: concepts/Agents.md\n"
    "  - name: Plugins\n    href: concepts/plugins.md\n"
    "  - name: Memory\n    href: concepts/memory.md\n"
    "  - name: Tools\n    href: concepts/old-tools.md\n"
)


def test_docfx_toc_entries_follow_their_pages(docs_repo: DocsRepo) -> None:
    docfx_repo(docs_repo)
    docs_repo.write("kernel/toc.yml", TOC)
    base = docs_repo.commit("toc")

    # A page moved with a redirect, its entry regrouped and retitled: every page reachable.
    docs_repo.move("kernel/concepts/plugins.md", "kernel/extend/plugins.md")
    docs_repo.write(
        ".openpublishing.redirection.json",
        json.dumps(
            {
                "redirections": [
                    {
                        "source_path": "kernel/concepts/plugins.md",
                        "redirect_url": "/semantic-kernel/extend/plugins",
                    }
                ]
            }
        ),
    )
    regrouped = TOC.replace("  - name: Plugins\n    href: concepts/plugins.md\n", "") + (
        "- name: Extend\n  items:\n  - name: Kernel plugins\n    href: extend/plugins.md\n"
    )
    docs_repo.write("kernel/toc.yml", regrouped)
    moved = docs_repo.commit("regroup")
    changes = read(docs_repo, f"{base}..{moved}")
    assert changes["kernel/toc.yml"].type == MINOR

    # A new page and its entry.
    docs_repo.write("kernel/concepts/kernels.md", PAGE.format(title="Kernels"))
    docs_repo.write("kernel/toc.yml", regrouped + "- name: Kernels\n  href: concepts/kernels.md\n")
    added = docs_repo.commit("add")
    changes = read(docs_repo, f"{moved}..{added}")
    toc = changes["kernel/toc.yml"]
    assert toc.site.navigation.new_pages == (("Kernels", "kernel/concepts/kernels.md"),)
    assert toc.type == NEW_FEATURE

    # A page removed with its entry, and a page moved without a redirect.
    docs_repo.remove("kernel/concepts/old-tools.md")
    docs_repo.move("kernel/concepts/memory.md", "kernel/extend/memory.md")
    docs_repo.write(
        "kernel/toc.yml",
        regrouped.replace("  - name: Tools\n    href: concepts/old-tools.md\n", "").replace(
            "concepts/memory.md", "extend/memory.md"
        )
        + "- name: Kernels\n  href: concepts/kernels.md\n",
    )
    removed = docs_repo.commit("remove")
    changes = read(docs_repo, f"{added}..{removed}")
    toc = changes["kernel/toc.yml"]
    assert {page for _, page in toc.site.navigation.lost} == {
        "kernel/concepts/old-tools.md",
        "kernel/concepts/memory.md",
    }
    assessment = toc.assess()
    assert assessment.type == BREAKING
    title = toc.write(assessment).title
    assert "Tools" in title or "Memory" in title


def test_mkdocs_nav_with_redirect_maps(docs_repo: DocsRepo) -> None:
    config = (
        "site_name: Demo\nsite_url: https://demo.example/\n"
        "plugins:\n  - search\n  - redirects:\n      redirect_maps:\n{maps}"
        "nav:\n  - Home: index.md\n{nav}"
        "markdown_extensions:\n  - admonition\n"
    )
    nav = "  - Guide:\n    - guide/setup.md\n    - Caching: cache.md\n    - Old: old.md\n"
    docs_repo.write("mkdocs.yml", config.format(maps="        'x.md': 'index.md'\n", nav=nav))
    for page in ("index", "guide/setup", "cache", "old"):
        docs_repo.write(f"docs/{page}.md", PAGE.format(title=page))
    base = docs_repo.commit("base")

    # cache.md moves with a redirect map, and its entry follows it; a new page gets an entry.
    docs_repo.move("docs/cache.md", "docs/concepts/cache.md")
    docs_repo.write("docs/concepts/index.md", PAGE.format(title="Concepts"))
    maps = "        'x.md': 'index.md'\n        'cache.md': 'concepts/cache.md'\n"
    new_nav = (
        "  - Concepts:\n    - concepts/index.md\n    - Caching: concepts/cache.md\n"
        "  - Guide:\n    - guide/setup.md\n    - Old: old.md\n"
    )
    docs_repo.write("mkdocs.yml", config.format(maps=maps, nav=new_nav))
    head = docs_repo.commit("concepts")
    changes = read(docs_repo, f"{base}..{head}")
    mkdocs = changes["mkdocs.yml"]
    assert mkdocs.site.navigation.lost == ()
    assert mkdocs.type == NEW_FEATURE

    # old.md removed and its entry dropped: breaking, though the rest is regrouped.
    docs_repo.remove("docs/old.md")
    docs_repo.write(
        "mkdocs.yml", config.format(maps=maps, nav=new_nav.replace("    - Old: old.md\n", ""))
    )
    gone = docs_repo.commit("drop old")
    changes = read(docs_repo, f"{head}..{gone}")
    assert changes["mkdocs.yml"].site.navigation.lost == (("Old", "docs/old.md"),)
    assert changes["mkdocs.yml"].type == BREAKING

    # A configuration change outside the nav is minor.
    docs_repo.write(
        "mkdocs.yml",
        config.format(maps=maps, nav=new_nav.replace("    - Old: old.md\n", "")).replace(
            "admonition", "footnotes"
        ),
    )
    tweaked = docs_repo.commit("extensions")
    changes = read(docs_repo, f"{gone}..{tweaked}")
    assert changes["mkdocs.yml"].type == MINOR


def test_a_whole_navigation_file_removed_is_judged_by_its_pages(docs_repo: DocsRepo) -> None:
    docs_repo.write("book.toml", '[book]\nsrc = "docs"\n')
    docs_repo.write(
        "docs/SUMMARY.md",
        "# Summary\n\n- [Introduction](introduction.md)\n- [Guide](guide.md)\n",
    )
    docs_repo.write("docs/introduction.md", PAGE.format(title="Introduction"))
    docs_repo.write("docs/guide.md", PAGE.format(title="Guide"))
    docs_repo.write("docs/sub/toc.yml", "- name: Guide\n  href: ../guide.md\n")
    base = docs_repo.commit("base")

    # The nested TOC goes; its page stays: a minor update titled as a navigation change.
    docs_repo.remove("docs/sub/toc.yml")
    kept = docs_repo.commit("drop nested toc")
    toc = read(docs_repo, f"{base}..{kept}")["docs/sub/toc.yml"]
    assessment = toc.assess()
    assert assessment.type == MINOR
    writeup = toc.write(assessment)
    assert writeup.title == "Removed navigation file: toc.yml"
    assert "links and bookmarks" not in writeup.explanation

    # A parent TOC that drops a nested TOC whose page went: it lost that page too.
    docs_repo.write("docs/toc.yml", "- name: Sub\n  href: sub/toc.yml\n")
    docs_repo.write("docs/sub/toc.yml", "- name: Guide\n  href: ../guide.md\n")
    nested = docs_repo.commit("nested")
    docs_repo.write("docs/toc.yml", "- name: Home\n  href: introduction.md\n")
    docs_repo.remove("docs/sub/toc.yml")
    docs_repo.remove("docs/guide.md")
    dropped = docs_repo.commit("drop guide")
    parent = read(docs_repo, f"{nested}..{dropped}")["docs/toc.yml"]
    assert parent.site.navigation.lost == (("Guide", "docs/guide.md"),)
    assert parent.type == BREAKING

    # SUMMARY.md goes while introduction.md moves without a redirect: breaking.
    docs_repo.remove("docs/SUMMARY.md")
    docs_repo.remove("docs/toc.yml")
    docs_repo.move("docs/introduction.md", "docs/index.md")
    moved = docs_repo.commit("mkdocs")
    summary = read(docs_repo, f"{dropped}..{moved}")["docs/SUMMARY.md"]
    assert summary.site.navigation.lost == (("Introduction", "docs/introduction.md"),)
    assert summary.type == BREAKING


def test_files_that_are_not_pages_are_not_new_or_removed_pages(docs_repo: DocsRepo) -> None:
    docs_repo.write("hugo.toml", 'baseURL = "https://hugo.example/"\n')
    docs_repo.write("content/guides/run.md", PAGE.format(title="Run"))
    docs_repo.write("data/versions.yml", "latest: 1.2\n")
    base = docs_repo.commit("base")
    docs_repo.write(
        "content/zone-pivot-groups.yml",
        "### YamlMime:ZonePivotGroups\ngroups:\n- id: os\n  title: OS\n",
    )
    docs_repo.write("content/landing.yml", "### YamlMime:Landing\ntitle: Start here\n")
    docs_repo.write(".github/workflows/docs.yml", "on: push\n")
    docs_repo.remove("data/versions.yml")
    docs_repo.write("content/guides/_index.md", "---\ntitle: Guides\nweight: 3\n---\n")
    docs_repo.write("content/guides/build.md", PAGE.format(title="Build"))
    head = docs_repo.commit("add")
    changes = read(docs_repo, f"{base}..{head}")
    assert changes["content/zone-pivot-groups.yml"].type == MINOR
    assert changes[".github/workflows/docs.yml"].type == MINOR
    assert changes["data/versions.yml"].type == MINOR
    assert changes["content/guides/_index.md"].type == MINOR  # a section's index stub
    assert changes["content/landing.yml"].type == NEW_FEATURE
    assert changes["content/guides/build.md"].type == NEW_FEATURE


def test_docusaurus_sidebars_name_doc_ids(docs_repo: DocsRepo) -> None:
    docs_repo.write(
        "docusaurus.config.js",
        "module.exports = { url: 'https://site.example', baseUrl: '/' };\n",
    )
    sidebar = "module.exports = {{\n  docs: [\n    'intro',\n{items}  ],\n}};\n"
    docs_repo.write("sidebars.js", sidebar.format(items="    'guides/setup',\n"))
    docs_repo.write("docs/intro.md", PAGE.format(title="Intro"))
    docs_repo.write("docs/guides/setup.md", PAGE.format(title="Setup"))
    base = docs_repo.commit("base")
    docs_repo.write("docs/guides/deploy.mdx", PAGE.format(title="Deploy"))
    docs_repo.write(
        "sidebars.js", sidebar.format(items="    'guides/setup',\n    'guides/deploy',\n")
    )
    added = docs_repo.commit("deploy")
    changes = read(docs_repo, f"{base}..{added}")
    assert changes["sidebars.js"].type == NEW_FEATURE
    docs_repo.remove("docs/guides/setup.md")
    docs_repo.write("sidebars.js", sidebar.format(items="    'guides/deploy',\n"))
    removed = docs_repo.commit("drop setup")
    changes = read(docs_repo, f"{added}..{removed}")
    sidebars = changes["sidebars.js"]
    assert sidebars.site.navigation.lost == (("guides/setup", "docs/guides/setup.md"),)
    assert sidebars.type == BREAKING
