"""Content moved between files of a range is a move, not a removal (RUBRIC.md, "Content moved
elsewhere in the same range"): into an include the page shows, to a page it now links to, to
the page its address now leads to."""

from __future__ import annotations

from docs_repo import DocsRepo
from test_change_set import PAGE, docfx_repo, read

from insight.analysis.site.conservation import _named
from insight.models import BREAKING, MINOR

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
