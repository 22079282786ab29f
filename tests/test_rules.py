"""The rubric's rules over structural signals: one type per file, its reason and confidence."""

from __future__ import annotations

import pytest
from structure_cases import change, page

from insight.analysis.verdict import assess, signals_of
from insight.models import BREAKING, CHANGE_TYPES, MINOR, NEW_FEATURE, FileChange

PROSE = [f"Paragraph {number} explains one more thing about the service." for number in range(8)]


def verdict(old: str, new: str, **options: object):
    edited = change(old, new, **options)  # type: ignore[arg-type]
    return assess(edited, signals_of(edited))


@pytest.mark.parametrize(
    ("status", "path", "expected"),
    [
        ("removed", "articles/page.md", BREAKING),
        ("renamed", "articles/page.md", BREAKING),
        ("added", "articles/page.md", NEW_FEATURE),
        ("copied", "articles/page.md", NEW_FEATURE),
        ("changed", "articles/page.md", MINOR),
        ("added", "articles/media/shot.png", MINOR),
        ("modified", "articles/sample.json", MINOR),
    ],
)
def test_status_decides_first(status: str, path: str, expected: str) -> None:
    file = FileChange(path, status, 10, 0, old_path="old.md" if status == "renamed" else None)
    assert assess(file, ()).type == expected


def test_images_are_trivial_and_other_assets_are_not() -> None:
    image = FileChange("articles/media/shot.png", "modified", binary=True)
    sample = FileChange("articles/sample.json", "modified", 1, 1, patch="@@ -1 +1 @@\n-1\n+2")
    assert assess(image, ()).trivial
    assert not assess(sample, ()).trivial


def test_metadata_only_is_a_trivial_minor_update() -> None:
    result = verdict(page(*PROSE), page(*PROSE, front="title: A page\nms.date: 05/28/2025"))
    assert (result.type, result.trivial) == (MINOR, True)
    assert result.reason == "metadata only (ms.date)"
    assert result.signals[0].kind == "front_matter_changed"
    assert result.confidence > 0.9


@pytest.mark.parametrize(
    ("old_line", "new_line"),
    [
        ("Make sure the evaulation is right.", "Make sure the evaluation is right."),
        ("Use  the   portal.", "Use the portal."),
        ("See [the guide](old.md).", "See [the guide](new.md)."),
        ("Open the Azure portal.", "Open the [Azure portal](https://portal.azure.com)."),
        ("In the left navigation menu, select Keys.", "In the left pane, select Keys."),
    ],
    ids=["typo", "whitespace", "link-target", "link-added", "two-words"],
)
def test_noise_is_trivial(old_line: str, new_line: str) -> None:
    result = verdict(page(old_line, "", *PROSE[:3]), page(new_line, "", *PROSE[:3]))
    assert (result.type, result.trivial) == (MINOR, True)


def test_a_real_rewording_is_minor_but_not_trivial() -> None:
    result = verdict(
        page("The service stores data in one region for now.", "", *PROSE[:3]),
        page("The service keeps all your data in the region you pick at creation.", "", *PROSE[:3]),
    )
    assert (result.type, result.trivial) == (MINOR, False)


def test_removed_section_is_breaking_and_named() -> None:
    old = page(
        "## Install", "", *PROSE[:2], "", "## Maximum response", "", *PROSE[2:6], "", "## Use"
    )
    new = page("## Install", "", *PROSE[:2], "", "## Use")
    result = verdict(old, new)
    assert result.type == BREAKING
    assert "section 'Maximum response' removed" in result.reason
    assert result.signals[0].kind == "section_removed"


def test_new_section_is_a_new_feature() -> None:
    old = page("## Install", "", *PROSE[:2], "", "## Use", "", *PROSE[2:4])
    new = page(
        "## Install",
        "",
        *PROSE[:2],
        "",
        "## Batch jobs",
        "",
        *PROSE[4:8],
        "",
        "## Use",
        "",
        *PROSE[2:4],
    )
    result = verdict(old, new)
    assert result.type == NEW_FEATURE
    assert result.signals[0].detail["heading"] == "Batch jobs"


def test_navigation_sections_decide_nothing() -> None:
    old = page(
        *PROSE[:2],
        "",
        "## Next steps",
        "",
        "- [One](one.md)",
        "- [Two](two.md)",
        "- [Three](three.md)",
    )
    new = page(
        *PROSE[:2],
        "",
        "## Related content",
        "",
        "- [One](one.md)",
        "- [Four](four.md)",
        "- [Five](five.md)",
    )
    assert verdict(old, new).type == MINOR


def test_sections_about_the_project_and_its_people_decide_nothing() -> None:
    """Sponsors, a team list or an outside course document no capability: adding or dropping
    them is minor, while a parameter's section ("-Team") still documents the parameter."""
    people = [f"- [Person {number}](https://example.org/{number})" for number in range(6)]
    old = page(*PROSE[:2], "", "## Take a course", "", *PROSE[2:6], "", "## Use", "", PROSE[6])
    new = page(
        *PROSE[:2],
        "",
        "## Meet the team",
        "",
        *people,
        "",
        "### Gold Sponsors { #gold-sponsors }",
        "",
        *people,
        "",
        "## Use",
        "",
        PROSE[6],
    )
    assert verdict(old, new).type == MINOR
    parameter = page(
        "## Parameters", "", "### -Team", "", *PROSE[:5], "", "### -Name", "", PROSE[5]
    )
    without = page("## Parameters", "", "### -Name", "", PROSE[5])
    assert verdict(parameter, without).type == BREAKING


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("## Generadores de SDK de los patrocinadores { #sdk-generators-from-sponsors }", MINOR),
        ("## Generadores de SDK { #sdk-generators }", BREAKING),
    ],
)
def test_the_text_of_a_sponsors_section_dropped_is_no_documentation_removed(
    heading: str, expected: str
) -> None:
    """A translation drops the section its original dropped, about the companies that sponsor
    the project (its heading keeps the original's id, ``{ #…-sponsors }``). The section
    documented nothing, and its paragraphs, however long, are no prose the page lost; the same
    paragraphs under a heading of what the page documents are."""
    sponsors = [
        f"La empresa {number} patrocina el proyecto y ofrece un generador de clientes con soporte"
        " comercial, integraciones propias, un panel de control, actualizaciones automáticas y"
        " asistencia para equipos que publican sus APIs a muchos lenguajes a la vez."
        for number in range(4)
    ]
    old = page(*PROSE[:2], "", heading, "", *sponsors, "", "## Uso", "", PROSE[6])
    new = page(*PROSE[:2], "", "## Uso", "", PROSE[6])
    assert verdict(old, new).type == expected


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("## Contoso Conf { #contoso-conf }", MINOR),
        ("## Конференція Contoso { #contoso-conf }", MINOR),
        ("## Edit `nginx.conf`", BREAKING),
    ],
)
def test_a_section_about_the_projects_conference_dropped_removes_nothing(
    heading: str, expected: str
) -> None:
    """The project's conference, announced on its home page and dropped once it is over, was
    no documentation (a translation says so by its heading's id); a section about a file whose
    name ends so still documents that file."""
    event = [
        "Contoso Conf takes place on October 28, 2026 in Amsterdam. Everything about the"
        " service, straight from the people who build it: talks, workshops and a hallway track.",
        "",
        "Tickets go on sale in June, and the call for talks stays open until the end of July;"
        " every talk is recorded and published on the project's channel a week later.",
    ]
    old = page(*PROSE[:2], "", heading, "", *event, "", "## Use", "", PROSE[6])
    new = page(*PROSE[:2], "", "## Use", "", PROSE[6])
    assert verdict(old, new).type == expected


def test_rewrite_that_removes_much_is_breaking_even_with_additions() -> None:
    """Tie-break 1: a reader of the old text is now wrong."""
    gradle = [
        "## Create a Gradle project",
        "",
        "Run gradle init in a new folder.",
        "Choose the Kotlin DSL when asked.",
        "Add the SDK to build.gradle.kts.",
        "",
        "```kotlin",
        "plugins { java }",
        "```",
        "",
    ]
    maven = [
        "## Install the Maven tooling",
        "",
        "Install Apache Maven and check mvn -v.",
        "Create a pom.xml file in the project root.",
        "",
        "```xml",
        "<project/>",
        "```",
        "",
    ]
    result = verdict(page(*gradle, "## Run", "", "Run it."), page(*maven, "## Run", "", "Run it."))
    assert result.type == BREAKING


def test_additions_that_dwarf_a_small_removal_are_a_new_feature() -> None:
    old = page("## Setup", "", *PROSE[:1], "", "## Token", "", *PROSE[1:4], "", "## Use")
    big = [f"Step {number} of the new upgrade flow, with its options." for number in range(30)]
    new = page("## Setup", "", *PROSE[:1], "", "## Upgrade a service", "", *big, "", "## Use")
    assert verdict(old, new).type == NEW_FEATURE


def test_availability_reduced_is_breaking_and_expanded_is_new() -> None:
    table = [
        "| Role | Read | Write |",
        "|---|---|---|",
        "| Reader | ✅ | ❌ |",
        "| Owner | ✅ | ✅ |",
    ]
    reduced = [*table[:3], "| Owner | ✅ | ❌ |"]
    expanded = [*table[:2], "| Reader | ✅ | ✅ |", table[3]]
    assert verdict(page(*table, "", *PROSE[:2]), page(*reduced, "", *PROSE[:2])).type == BREAKING
    assert (
        verdict(page(*table, "", *PROSE[:2]), page(*expanded, "", *PROSE[:2])).type == NEW_FEATURE
    )


def test_a_new_model_row_is_a_new_feature_a_new_limit_row_is_not() -> None:
    models = ["| Model | Regions |", "|---|---|", "| `gpt-4o` | East US |"]
    limits = ["| Limit | Value |", "|---|---|", "| Max files | 20 |"]
    model_added = verdict(page(*models, "", "x"), page(*models, "| `o3-mini` | East US |", "", "x"))
    limit_added = verdict(
        page(*limits, "", "x"), page(*limits, "| Max message size | 1 MB |", "", "x")
    )
    assert model_added.type == NEW_FEATURE
    assert limit_added.type == MINOR


def test_retirement_notice_with_a_date_is_breaking() -> None:
    result = verdict(
        page(*PROSE[:4]),
        page(
            *PROSE[:2],
            "",
            "> [!IMPORTANT]",
            "> Custom sentiment retires on January 10, 2026.",
            "",
            *PROSE[2:4],
        ),
    )
    assert result.type == BREAKING
    assert "January 10, 2026" in result.reason


def test_api_version_changed_in_a_sample_is_breaking() -> None:
    result = verdict(
        page("```http", "POST /embeddings?api-version=2024-04-01-preview", "```", "", *PROSE[:2]),
        page("```http", "POST /embeddings?api-version=2024-05-01-preview", "```", "", *PROSE[:2]),
    )
    assert result.type == BREAKING
    assert "2024-04-01-preview → 2024-05-01-preview" in result.reason


def test_a_patch_release_in_a_sample_is_routine() -> None:
    result = verdict(
        page("```toml", 'requires = ["uv_build>=0.8.13"]', "```", "", *PROSE[:2]),
        page("```toml", 'requires = ["uv_build>=0.8.14"]', "```", "", *PROSE[:2]),
    )
    assert result.type == MINOR


def test_a_renamed_package_in_an_install_line_is_breaking() -> None:
    result = verdict(
        page("```bash", "pip install contoso-openai", "```", "", *PROSE[:2]),
        page("```bash", "pip install contoso-ai", "```", "", *PROSE[:2]),
    )
    assert result.type == BREAKING
    assert "'contoso-openai' renamed to 'contoso-ai'" in result.reason


def test_one_more_numbered_example_is_minor_but_a_new_section_is_new() -> None:
    example = ["### Example 1: List", "", "```powershell", "Get-Thing", "```", ""]
    more = ["### Example 2: List by name", "", "```powershell", "Get-Thing -Name a", "```"]
    more += ["", "This example gets the thing named a.", ""]
    assert verdict(page(*example, *PROSE[:2]), page(*example, *more, *PROSE[:2])).type == MINOR
    section = ["## Filters", "", "Filters narrow what the service returns.", *PROSE[2:6], ""]
    assert verdict(page(*PROSE[:2]), page(*PROSE[:2], "", *section)).type == NEW_FEATURE


def test_release_notes_that_flag_a_breaking_change_are_breaking() -> None:
    old = page("## March 1, 2025", "", "* Added `vm list`.", "")
    entries = ["* Added `vm show`.", "* Added `vm stop`.", "* Added `vm start`."]
    new = page("## April 2, 2025", "", "### VM", "", *entries, "", "### Storage", "", *entries)
    assert verdict(old, new + "\n" + old.split("# A page", 1)[1]).type == NEW_FEATURE
    flagged = new.replace(
        "* Added `vm stop`.", "* [BREAKING CHANGE] Renamed `vm stop` to `vm halt`."
    )
    result = verdict(old, flagged + "\n" + old.split("# A page", 1)[1])
    assert result.type == BREAKING
    assert "flagged entry" in result.reason


def test_removed_pivot_is_breaking() -> None:
    python = [
        "# [Python 1.x](#tab/python-new)",
        "",
        "```python",
        "client.files.create()",
        "```",
        "",
    ]
    legacy = ["# [Python 0.28](#tab/python)", "", "```python", "openai.File.create()", "```", ""]
    result = verdict(
        page(*python, *legacy, "---", "", *PROSE[:2]), page(*python, "---", "", *PROSE[:2])
    )
    assert result.type == BREAKING


def test_whats_new_archive_is_not_breaking() -> None:
    """A changelog page moves old entries out: nothing a reader relied on is withdrawn."""
    old = page("## March 2025", "", *PROSE[:2], "", "## December 2023", "", *PROSE[2:7])
    new = page("## April 2025", "", *PROSE[3:8], "", "## March 2025", "", *PROSE[:2])
    assert verdict(old, new).type == NEW_FEATURE


def test_toc_entry_added_is_a_new_feature() -> None:
    old = "items:\n- name: Overview\n  href: overview.md\n- name: Quotas\n  href: quotas.md\n"
    new = old.replace(
        "- name: Quotas", "- name: Predicted outputs\n  href: predicted.md\n- name: Quotas"
    )
    result = verdict(old, new, path="articles/toc.yml")
    assert result.type == NEW_FEATURE


def test_every_assessment_is_well_formed() -> None:
    cases = [
        (page(*PROSE), page(*PROSE[:4])),
        (page(*PROSE), page(*PROSE, "", "## More", "", *PROSE)),
        (page(*PROSE), page(*PROSE[1:], PROSE[0])),
    ]
    for old, new in cases:
        result = verdict(old, new)
        assert result.type in CHANGE_TYPES
        assert 0.0 <= result.confidence <= 1.0
        assert result.reason
        assert not result.trivial or result.type == MINOR
