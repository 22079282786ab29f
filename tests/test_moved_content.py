"""Content moved between files of a range is a move, not a removal (RUBRIC.md, "Content moved
elsewhere in the same range"): into an include the page shows, to a page it now links to, to
the page its address now leads to."""

from __future__ import annotations

import pytest
from docs_repo import DocsRepo
from test_change_set import PAGE, docfx_repo, read

from insight.analysis.site import conservation
from insight.analysis.site.conservation import _named
from insight.analysis.site.includes import names_newly_shown
from insight.models import BREAKING, MINOR, FileChange
from insight.source import repository
from insight.source.changes import file_changes

TROUBLESHOOTING = "## Troubleshooting\n\n" + "".join(
    f"If step {number} fails, check the proxy settings and run the installer again.\n\n"
    for number in range(8)
)


def test_a_section_moved_into_an_include_the_page_shows(docs_repo: DocsRepo) -> None:
    docfx_repo(docs_repo)
    install = PAGE.format(title="Install")
    docs_repo.write("kernel/install.md", install + TROUBLESHOOTING)
    docs_repo.write("kernel/setup.md", PAGE.format(title="Setup") + TROUBLESHOOTING)
    base = docs_repo.commit("base")
    docs_repo.write("kernel/includes/troubleshooting.md", TROUBLESHOOTING)
    docs_repo.write(
        "kernel/install.md", install + "[!INCLUDE [help](includes/troubleshooting.md)]\n"
    )
    docs_repo.write("kernel/help.md", PAGE.format(title="Help") + TROUBLESHOOTING)
    docs_repo.write("kernel/setup.md", PAGE.format(title="Setup") + "See [help](help.md).\n")
    head = docs_repo.commit("move")
    changes = read(docs_repo, f"{base}..{head}")

    install_change = changes["kernel/install.md"]
    assert install_change.site.moved_to[0] == "kernel/includes/troubleshooting.md"
    assessment = install_change.assess()
    assert assessment.type == MINOR
    explanation = install_change.write(assessment).explanation
    assert "kernel/includes/troubleshooting.md" in explanation

    # Moved to a page this one now links to: "a section moved to its own page" is not removed.
    setup = changes["kernel/setup.md"]
    assert setup.site.moved_to == ("kernel/help.md",)
    assert setup.type == MINOR

    # Gone for good: nothing in the range holds the section's text.
    docs_repo.write("kernel/help.md", PAGE.format(title="Help"))
    gone = docs_repo.commit("drop troubleshooting")
    help_page = read(docs_repo, f"{head}..{gone}")["kernel/help.md"]
    assert help_page.site.moved_to == ()
    assert help_page.type == BREAKING


def test_a_section_of_one_page_does_not_follow_another_pages_section_to_its_new_home(
    docs_repo: DocsRepo,
) -> None:
    """A subsection goes where its section went, its own page's section: another page whose
    removed section stood on the same lines says nothing of this one."""
    docfx_repo(docs_repo)
    quotas = TROUBLESHOOTING.replace("Troubleshooting", "Quotas").replace(
        "fails, check the proxy settings and run the installer again",
        "raises a quota error, ask the subscription owner for a larger limit",
    )
    regional = "### Regional quotas\n\n" + "".join(
        f"Region {number} keeps its own limit on virtual machines and public addresses.\n\n"
        for number in range(6)
    )
    intro = "## Defaults\n\nEach subscription starts with the limits the portal shows for it.\n\n"
    page = PAGE.format(title="Setup")
    docs_repo.write("kernel/setup.md", page + TROUBLESHOOTING)
    docs_repo.write("kernel/limits.md", page + quotas + regional + intro)
    base = docs_repo.commit("base")
    docs_repo.write("kernel/help.md", PAGE.format(title="Help") + TROUBLESHOOTING)
    docs_repo.write("kernel/setup.md", page + "See [help](help.md).\n")
    # the defaults move up the page: text that stays in it, on other lines
    moved_up = page.replace("# Setup\n\n", "# Setup\n\n" + intro)
    docs_repo.write("kernel/limits.md", moved_up + "See the portal.\n")
    head = docs_repo.commit("move troubleshooting, drop quotas")
    changes = read(docs_repo, f"{base}..{head}")

    assert changes["kernel/setup.md"].site.moved_to == ("kernel/help.md",)
    limits = changes["kernel/limits.md"]
    assert [moved.path for moved in limits.site.moved_text] == ["kernel/limits.md"]
    assessment = limits.assess()
    assert assessment.type == BREAKING
    assert "help.md" not in limits.write(assessment).explanation


def test_a_page_turned_into_a_redirect_stub_to_where_it_moved(docs_repo: DocsRepo) -> None:
    docfx_repo(docs_repo)
    docs_repo.write("kernel/format-output-v2.md", PAGE.format(title="Output") + TROUBLESHOOTING)
    base = docs_repo.commit("base")
    docs_repo.write("kernel/format-output.md", PAGE.format(title="Output") + TROUBLESHOOTING)
    docs_repo.write("kernel/format-output-v2.md", "---\nredirect_url: format-output\n---\n")
    head = docs_repo.commit("stub")
    stub = read(docs_repo, f"{base}..{head}")["kernel/format-output-v2.md"]
    assert stub.site.moved_to == ("kernel/format-output.md",)
    assert stub.type == MINOR


def test_a_page_is_pointed_to_by_its_name_as_an_address_ends() -> None:
    """Text went to a page the change names: by file name, or as the last part of a link, an
    address or a redirect; a longer name that starts alike is another page."""
    for pointer in (
        "see help.md",
        "[Help](../help)",
        "[Help](/docs/help/)",
        "[Help](help#options)",
        "redirect_url: help",
        "redirect_url :\n  help\n",
        "- href:help",
        '<a href="help">',
    ):
        assert _named("docs/help.md", pointer), pointer
    for elsewhere in ("[Helper](../helper)", "help is here", "(help-more)", "url: help"):
        assert not _named("docs/help.md", elsewhere), elsewhere


def test_many_new_pages_are_looked_in_on_every_core_with_the_same_result(
    docs_repo: DocsRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sections cut from pages into new pages: where each went is found alike, whether the
    new pages are read here or shared out to worker processes."""

    def section(number: int) -> str:
        return "## Troubleshooting\n\n" + "".join(
            f"If gateway{number} node{step} fails, restart cluster{number} member{step}.\n\n"
            for step in range(8)
        )

    for number in range(12):
        body = PAGE.format(title=f"Page {number}") + section(number)
        docs_repo.write(f"kernel/page-{number}.md", body)
    base = docs_repo.commit("base")
    for number in range(12):
        link = f"See [troubleshooting](help-{number}.md).\n"
        docs_repo.write(f"kernel/page-{number}.md", PAGE.format(title=f"Page {number}") + link)
        docs_repo.write(f"kernel/help-{number}.md", PAGE.format(title="Help") + section(number))
    head = docs_repo.commit("split")
    changes = file_changes(
        docs_repo.repo, repository.resolve_range(docs_repo.repo, f"{base}..{head}")
    ).changes
    here = conservation.conserved(changes)
    monkeypatch.setattr(conservation, "PARALLEL_TEXT", 0)
    monkeypatch.setattr(conservation, "usable_cores", lambda: 2)
    shared_out = conservation.conserved(changes)
    assert shared_out == here
    assert here.lost["kernel/page-5.md"][0].path == "kernel/help-5.md"


def test_the_names_a_page_starts_to_show_are_found_whatever_its_letters() -> None:
    """The include references a patch adds are found by offsets into the patch; "İ" lower-cases
    to two characters, so offsets into a lower-cased copy would drift (and, before, looped
    for ever on FastAPI's Turkish pages)."""
    patch = (
        "@@ -1,2 +1,4 @@\n-İstanbul\n+" + "İstanbul ve İzmir " * 40 + "\n"
        '+{{% include "/_common/setup.md" %}}\n+IMPORT Notes from "./_notes.mdx"\n'
    )
    change = FileChange("content/tr/start.md", "modified", 3, 1, patch=patch)
    texts = {"content/_common/setup.md": "## Setup\n\n`CONTOSO_HOME`\n: where it lives\n"}
    shown = names_newly_shown(change, frozenset(texts), ["", "content"], texts.get)
    assert shown == (
        ("setup", "content/_common/setup.md"),
        ("contoso_home", "content/_common/setup.md"),
    )
