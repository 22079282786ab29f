"""Structural signals of Markdown and YAML changes, from small hand-written before/after pairs.

Every test runs twice: with the whole documents (as the git source gives them) and with the
hunks alone (as GitHub's ``patch`` gives them).
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from structure_cases import change, kinds, of_kind, page, patch_of, signals

from insight.analysis.document.signals import analyze, document_kind
from insight.analysis.document.source import Source, line_offset
from insight.models import FileChange

PROSE = [f"Paragraph {number} explains one more thing about the service." for number in range(8)]


@pytest.fixture(params=[True, False], ids=["documents", "patch-only"])
def documents(request: pytest.FixtureRequest) -> bool:
    return request.param


# --- sections and headings -------------------------------------------------------------------


def test_section_added_with_its_size(documents: bool) -> None:
    old = page("## Install", "", *PROSE[:4], "", "## Use", "", *PROSE[4:])
    new = page(
        "## Install",
        "",
        *PROSE[:4],
        "",
        "## Configure",
        "",
        "Set the region.",
        "Set the quota.",
        "",
        "## Use",
        "",
        *PROSE[4:],
    )
    [added] = of_kind(signals(old, new, documents=documents), "section_added")
    assert added.detail["heading"] == "Configure"
    assert added.detail["level"] == 2
    assert added.detail["lines"] == 5
    assert added.detail["changed"] == 5
    assert added.side == "new"
    assert added.line == new.split("\n").index("## Configure") + 1


def test_section_removed_names_its_lines(documents: bool) -> None:
    old = page("## Install", "", *PROSE[:3], "", "## Legacy setup", "", *PROSE[3:6], "", "## Use")
    new = page("## Install", "", *PROSE[:3], "", "## Use")
    [removed] = of_kind(signals(old, new, documents=documents), "section_removed")
    assert removed.detail["heading"] == "Legacy setup"
    assert removed.side == "old"
    assert removed.line == old.split("\n").index("## Legacy setup") + 1
    assert removed.detail["lines"] == 6
    assert removed.detail["changed"] == 6
    assert removed.detail["moved"] == 0


def test_removed_section_whose_text_moved_counts_it_as_moved(documents: bool) -> None:
    old = page("## Get a token", "", "Run the login command first.", "", "## Call the API", "", "x")
    new = page("## Call the API", "", "- Run the login command first.", "", "x")
    [removed] = of_kind(signals(old, new, documents=documents), "section_removed")
    assert removed.detail["moved"] == 1


def test_heading_reworded_is_a_rename_not_a_removal(documents: bool) -> None:
    old = page("## Tip: Upgrade to a Standard S2 tier", "", *PROSE[:3])
    new = page("## Tip: Switch to a Standard S2 tier", "", *PROSE[:3])
    found = signals(old, new, documents=documents)
    [renamed] = of_kind(found, "section_renamed")
    assert renamed.detail == {
        "old": "Tip: Upgrade to a Standard S2 tier",
        "new": "Tip: Switch to a Standard S2 tier",
        "level": 2,
    }
    assert not of_kind(found, "section_removed") and not of_kind(found, "section_added")


@pytest.mark.parametrize(
    ("before", "after"),
    [("## Recap", "## Recap { #recap }"), ("# Welcome {#welcome}", "# Welcome")],
)
def test_a_heading_given_or_stripped_of_its_id_keeps_its_section(
    documents: bool, before: str, after: str
) -> None:
    """A heading's id (``{ #recap }``: the anchor a translation keeps from its original) is
    not its words: given or dropped, the section is the same, neither renamed nor new."""
    found = signals(page(before, "", *PROSE[:3]), page(after, "", *PROSE[:3]), documents=documents)
    assert not {"section_renamed", "section_added", "section_removed"} & kinds(found)


def test_page_title_rewritten_is_a_rename(documents: bool) -> None:
    old = "\n".join(["# How to use the DALL-E models", "", *PROSE[:3]])
    new = "\n".join(["# How to use Azure OpenAI image generation models", "", *PROSE[:3]])
    found = signals(old, new, documents=documents)
    assert kinds(found) == {"section_renamed"}


def test_heading_level_change_is_formatting(documents: bool) -> None:
    old = page("## Output", "", *PROSE[:3])
    new = page("### Output", "", *PROSE[:3])
    [changed] = signals(old, new, documents=documents)
    assert changed.kind == "heading_level_changed"
    assert changed.detail == {"heading": "Output", "old_level": 2, "new_level": 3}


def test_hash_lines_in_fenced_code_are_not_headings(documents: bool) -> None:
    old = page("## Example", "", "```python", "# make a client", "client = Client()", "```", "")
    new = page(
        "## Example",
        "",
        "```python",
        "# make a client",
        "# and call it",
        "client = Client()",
        "client.call()",
        "```",
        "",
    )
    found = signals(old, new, documents=documents)
    assert not of_kind(found, "section_added")
    [edit] = of_kind(found, "code_changed")
    assert edit.detail == {"language": "python", "added": 2, "removed": 0}


def test_a_hunk_that_starts_inside_code_reads_its_hash_lines_as_code(documents: bool) -> None:
    code = [f"value_{number} = {number}" for number in range(12)]
    old = page("## Example", "", "```python", *code, "# done", "```", "", *PROSE[:2])
    new = page("## Example", "", "```python", *code, "# all done", "```", "", *PROSE[:2])
    found = signals(old, new, documents=documents)
    assert not of_kind(found, "section_added") and not of_kind(found, "section_removed")
    assert of_kind(found, "code_changed")


# --- tabs ------------------------------------------------------------------------------------


def test_tab_removed_with_its_content(documents: bool) -> None:
    python = ["# [Python](#tab/python)", "", "```python", "print('hi')", "```", ""]
    legacy = ["# [Python 0.28](#tab/python-old)", "", "```python", "openai.Completion()", "```", ""]
    old = page("## Call", "", *python, *legacy, "---", "", *PROSE[:2])
    new = page("## Call", "", *python, "---", "", *PROSE[:2])
    found = signals(old, new, documents=documents)
    [removed] = of_kind(found, "tab_removed")
    assert removed.detail["tab"] == "Python 0.28"
    assert removed.detail["lines"] == 6
    assert of_kind(found, "code_removed")[0].detail["language"] == "python"


def test_tab_added(documents: bool) -> None:
    python = ["# [Python](#tab/python)", "", "```python", "print('hi')", "```", ""]
    csharp = ["# [C#](#tab/csharp)", "", "```csharp", "Console.WriteLine(1);", "```", ""]
    old = page("## Call", "", *python, "---", "", *PROSE[:2])
    new = page("## Call", "", *python, *csharp, "---", "", *PROSE[:2])
    [added] = of_kind(signals(old, new, documents=documents), "tab_added")
    assert added.detail == {"tab": "C#", "lines": 6}


def test_tab_id_change_is_a_retargeted_link(documents: bool) -> None:
    old = page("#### [Microsoft Entra ID](#tab/javascript-keyless)", "", *PROSE[:3])
    new = page("#### [Microsoft Entra ID](#tab/keyless)", "", *PROSE[:3])
    [signal] = signals(old, new, documents=documents)
    assert signal.kind == "link_retargeted"
    assert signal.detail["old"] == "#tab/javascript-keyless"


# --- front matter ----------------------------------------------------------------------------


def test_front_matter_key_changed_with_values(documents: bool) -> None:
    old = page(*PROSE, front="title: A page\nms.topic: conceptual\nms.date: 05/23/2025")
    new = page(*PROSE, front="title: A page\nms.topic: how-to\nms.date: 05/28/2025")
    found = signals(old, new, documents=documents)
    assert [signal.kind for signal in found] == ["front_matter_changed"] * 2
    details = {signal.detail["key"]: signal.detail for signal in found}
    assert details["ms.date"] == {"key": "ms.date", "old": "05/23/2025", "new": "05/28/2025"}
    assert details["ms.topic"]["new"] == "how-to"
    assert found[0].line == 3


def test_front_matter_key_added_and_list_values(documents: bool) -> None:
    old = page(*PROSE, front="title: A page\nms.custom:\n  - ignite-2023")
    new = page(
        *PROSE, front="title: A page\nms.custom:\n  - ignite-2023\n  - build-2025\nauthor: me"
    )
    details = {s.detail["key"]: s.detail for s in signals(old, new, documents=documents)}
    assert details["ms.custom"]["old"] == "ignite-2023"
    assert details["ms.custom"]["new"] == "ignite-2023, build-2025"
    assert details["author"] == {"key": "author", "old": None, "new": "me"}


def test_front_matter_comment_is_not_a_key(documents: bool) -> None:
    old = page(*PROSE, front="title: A page\n#services: cognitive-services\nms.date: 01/01/2025")
    new = page(*PROSE, front="title: A page\nms.date: 01/01/2025")
    assert kinds(signals(old, new, documents=documents)) == {"comment_changed"}


def test_front_matter_without_fences(documents: bool) -> None:
    old = "\n".join(["title: Include", "ms.date: 01/01/2025", "author: me", "", *PROSE])
    new = "\n".join(["title: Include", "ms.date: 02/02/2025", "author: me", "", *PROSE])
    [signal] = signals(old, new, documents=documents)
    assert signal.kind == "front_matter_changed"
    assert signal.detail == {"key": "ms.date", "old": "01/01/2025", "new": "02/02/2025"}


def test_removed_front_matter_fence_line(documents: bool) -> None:
    """The opening ``---`` removed: the diff shows it as ``----``."""
    old = "\n".join(["---", "title: Old", "ms.date: 01/01/2025", "---", "", *PROSE[:3]])
    new = "\n".join(["title: Old", "ms.date: 01/01/2025", "---", "", *PROSE[:3]])
    patch = patch_of(old, new)
    assert "\n----\n" in "\n" + patch + "\n"
    found = signals(old, new, documents=documents)
    assert not of_kind(found, "section_removed")
    assert not of_kind(found, "text_removed")


# --- links, includes, images -----------------------------------------------------------------


def test_link_retargeted_added_and_removed(documents: bool) -> None:
    old = page(
        "See [the guide](old/guide.md) first.",
        "",
        "Read [limits](limits.md) too.",
        "",
        *PROSE[:2],
    )
    new = page(
        "See [the guide](new/guide.md) first.",
        "",
        "Read the limits too.",
        "",
        "Try [the sample](https://example.com/sample).",
        "",
        *PROSE[:2],
    )
    found = signals(old, new, documents=documents)
    [retargeted] = of_kind(found, "link_retargeted")
    assert retargeted.detail == {"text": "the guide", "old": "old/guide.md", "new": "new/guide.md"}
    assert of_kind(found, "link_removed")[0].detail["target"] == "limits.md"
    assert of_kind(found, "link_added")[0].detail["target"] == "https://example.com/sample"


def test_link_added_to_existing_words_is_only_a_link(documents: bool) -> None:
    old = page("Use the Azure AI Foundry portal to deploy.", "", *PROSE[:2])
    new = page("Use the [Azure AI Foundry portal](https://ai.azure.com) to deploy.", "", *PROSE[:2])
    found = signals(old, new, documents=documents)
    assert kinds(found) == {"link_added"}


def test_reference_links_and_autolinks(documents: bool) -> None:
    old = page("[docs]: https://example.com/old", "", *PROSE[:2])
    new = page("[docs]: https://example.com/new", "", "<https://example.com/more>", "", *PROSE[:2])
    found = signals(old, new, documents=documents)
    targets = {signal.detail.get("target") for signal in of_kind(found, "link_added")}
    assert "https://example.com/more" in targets
    assert of_kind(found, "link_retargeted")[0].detail["new"] == "https://example.com/new"


def test_include_added_removed_and_retargeted(documents: bool) -> None:
    old = page(
        "[!INCLUDE [auth](resource-auth.md)]",
        "",
        "[!INCLUDE [legacy](legacy.md)]",
        "",
        *PROSE[:2],
    )
    new = page(
        "[!INCLUDE [auth](resource-authentication.md)]",
        "",
        "[!INCLUDE [keys](keys.md)]",
        "",
        *PROSE[:2],
    )
    found = signals(old, new, documents=documents)
    assert of_kind(found, "include_retargeted")[0].detail == {
        "old": "resource-auth.md",
        "new": "resource-authentication.md",
    }
    assert not of_kind(found, "link_added")


def test_images_and_videos(documents: bool) -> None:
    old = page(
        ':::image type="content" source="media/old.png" alt-text="Screenshot.":::',
        "",
        "![Diagram](media/flow.png)",
        "",
        "> [!VIDEO https://example.com/embed/1]",
        "",
        *PROSE[:2],
    )
    new = page(
        ':::image type="content" source="media/new.png" alt-text="Screenshot.":::',
        "",
        *PROSE[:2],
    )
    found = signals(old, new, documents=documents)
    assert of_kind(found, "image_replaced")[0].detail == {
        "old": "media/old.png",
        "new": "media/new.png",
    }
    assert of_kind(found, "image_removed")[0].detail["source"] == "media/flow.png"
    assert of_kind(found, "video_removed")[0].detail["source"] == "https://example.com/embed/1"


# --- code blocks -----------------------------------------------------------------------------


def test_code_block_added_and_removed_with_language(documents: bool) -> None:
    old = page("## Run", "", "```bash", "gradle build", "gradle run", "```", "", *PROSE[:3])
    new = page("## Run", "", *PROSE[:3], "", "```xml", "<project>", "</project>", "```", "")
    found = signals(old, new, documents=documents)
    removed = dict(of_kind(found, "code_removed")[0].detail)
    assert removed.pop("kept", 0.0) == 0.0  # with the documents: none of its lines stays
    assert removed == {"language": "bash", "lines": 4}
    added = dict(of_kind(found, "code_added")[0].detail)
    assert added.pop("kept", 0.0) == 0.0  # none of its lines was on the page before
    assert added == {"language": "xml", "lines": 4}


def test_reindented_code_is_not_a_code_change(documents: bool) -> None:
    old = page("```json", "{", '  "a": 1', "}", "```", "", *PROSE[:2])
    new = page("```json", "{", '    "a": 1', "}", "```", "", *PROSE[:2])
    assert not of_kind(signals(old, new, documents=documents), "code_changed")


# --- tables ----------------------------------------------------------------------------------

TABLE = [
    "| Model | East US | West Europe |",
    "|---|---|---|",
    "| `gpt-4o` | ✅ | - |",
    "| `o1` | ✅ | ✅ |",
]


def test_table_rows_added_and_removed(documents: bool) -> None:
    old = page(*TABLE, "", *PROSE[:2])
    new = page(*TABLE[:3], "| `o3-mini` | ✅ | ✅ |", "", *PROSE[:2])
    found = signals(old, new, documents=documents)
    assert of_kind(found, "table_row_added")[0].detail == {"row": "o3-mini", "table": "Model"}
    assert of_kind(found, "table_row_removed")[0].detail["row"] == "o1"


def test_availability_marks_flip(documents: bool) -> None:
    old = page(*TABLE, "", *PROSE[:2])
    new = page(*TABLE[:2], "| `gpt-4o` | ✅ | ✅ |", "| `o1` | ❌ | ✅ |", "", *PROSE[:2])
    found = signals(old, new, documents=documents)
    assert of_kind(found, "availability_expanded")[0].detail == {
        "column": "West Europe",
        "rows": ["gpt-4o"],
    }
    assert of_kind(found, "availability_reduced")[0].detail == {"column": "East US", "rows": ["o1"]}


def test_column_inserted_keeps_the_other_columns_aligned(documents: bool) -> None:
    old = page(*TABLE, "", *PROSE[:2])
    new = page(
        "| Model | Central US | East US | West Europe |",
        "|---|---|---|---|",
        "| `gpt-4o` | ✅ | ✅ | - |",
        "| `o1` | - | ✅ | ✅ |",
        "",
        *PROSE[:2],
    )
    found = signals(old, new, documents=documents)
    assert of_kind(found, "table_column_added")[0].detail == {"column": "Central US"}
    assert of_kind(found, "availability_expanded")[0].detail["column"] == "Central US"
    assert not of_kind(found, "availability_reduced")


def test_escaped_pipes_stay_in_their_cell(documents: bool) -> None:
    old = page("| Operator | Meaning |", "|---|---|", "| `a \\| b` | either |", "", *PROSE[:2])
    new = page(
        "| Operator | Meaning |",
        "|---|---|",
        "| `a \\| b` | either |",
        "| `a & b` | both |",
        "",
        *PROSE[:2],
    )
    [added] = of_kind(signals(old, new, documents=documents), "table_row_added")
    assert added.detail["row"] == "a & b"
    old = page("| Operator | Meaning |", "|---|---|", "| `a \\| b` | either one |", "", *PROSE[:2])
    new = page("| Operator | Meaning |", "|---|---|", "| `a \\| b` | either side |", "", *PROSE[:2])
    [changed] = of_kind(signals(old, new, documents=documents), "table_row_changed")
    assert changed.detail["row"] == "a | b"


def test_a_row_named_in_an_anchor_is_named_as_readers_see_it(documents: bool) -> None:
    """An options table whose names stand in anchors readers can link to: the row is the
    option's name, not the anchor's attributes; a placeholder in angle brackets stays."""
    anchored = '| <a id="opt-{0}" href="#opt-{0}" title="#opt-{0}">`{0}`</a> | {1} |'
    head = [
        "| Field | Description |",
        "|---|---|",
        anchored.format("endpoints", "Where to connect."),
    ]
    old = page(*head, "", *PROSE[:2])
    new = page(*head, anchored.format("tls.ca", "The authority to trust."), "", *PROSE[:2])
    [added] = of_kind(signals(old, new, documents=documents), "table_row_added")
    assert added.detail["row"] == "tls.ca"
    # a placeholder in angle brackets is no tag: nothing closes it
    options = ["| Option | Description |", "|---|---|", "| `--outDir <dir>` | Where to build. |"]
    old, new = page(*options[:2], "", *PROSE[:2]), page(*options, "", *PROSE[:2])
    [added] = of_kind(signals(old, new, documents=documents), "table_row_added")
    assert added.detail["row"] == "--outDir <dir>"


def test_list_like_cells_name_items_added(documents: bool) -> None:
    old = page(
        "| Model | Regions |", "|---|---|", "| Phi-3.5 | East US 2 <br> Sweden Central |", "", "x"
    )
    new = page(
        "| Model | Regions |",
        "|---|---|",
        "| Phi-3.5 | East US 2 <br> Sweden Central <br> West US 3 |",
        "",
        "x",
    )
    [changed] = of_kind(signals(old, new, documents=documents), "table_row_changed")
    assert changed.detail["added"] == ["west us 3"]


# --- alerts, deprecations, versions ----------------------------------------------------------


def test_alerts_added_removed_and_changed(documents: bool) -> None:
    old = page("> [!NOTE]", "> Keep your keys safe.", "", *PROSE[:6], "", "> [!TIP]", "> Old tip.")
    new = page(
        "> [!IMPORTANT]",
        "> Keep your keys safe.",
        "",
        *PROSE[:2],
        "",
        "> [!WARNING]",
        "> Quota is shared.",
        "",
        *PROSE[2:6],
    )
    found = signals(old, new, documents=documents)
    assert of_kind(found, "alert_changed")[0].detail == {"old": "NOTE", "new": "IMPORTANT"}
    assert of_kind(found, "alert_removed")[0].detail == {"alert": "TIP"}
    assert of_kind(found, "alert_added")[0].detail == {"alert": "WARNING"}


def test_deprecation_with_its_date(documents: bool) -> None:
    old = page(*PROSE[:4])
    new = page(
        *PROSE[:2],
        "",
        "> [!IMPORTANT]",
        "> The v1 API will be retired on January 10, 2026.",
        "",
        *PROSE[2:4],
    )
    [notice] = of_kind(signals(old, new, documents=documents), "deprecation_added")
    assert notice.detail["date"] == "January 10, 2026"
    assert "retired" in notice.detail["text"]


def test_deprecation_reworded_or_moved_is_not_news(documents: bool) -> None:
    old = page("The 2023-07-01-preview version is no longer supported as of July 8, 2024.", "", "x")
    new = page(
        "x",
        "",
        "| API | The 2023-07-01-preview version is no longer supported as of July 8, 2024. |",
    )
    assert not of_kind(signals(old, new, documents=documents), "deprecation_added")


@pytest.mark.parametrize(
    ("text", "notice"),
    [
        ("This design would also enable the deprecation of `fetcher.form`.", False),
        ("The group might deprecate the v1 client after the proposal is accepted.", False),
        ("The `fetcher.form` API is deprecated and will be removed in v8.", True),
        ("The types are deprecated, and might not be available in future versions.", True),
    ],
    ids=["would", "might-and-a-proposal", "a-notice", "a-notice-then-a-hedge"],
)
def test_retirement_wording_of_a_possibility_is_no_notice(
    documents: bool, text: str, notice: bool
) -> None:
    """Meeting notes and proposals discuss retiring something ("would also enable the
    deprecation of"): a possibility, not a notice; a plain statement is one."""
    found = signals(page(*PROSE[:2]), page(*PROSE[:2], "", text), documents=documents)
    assert bool(of_kind(found, "deprecation_added")) == notice


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("自定义情绪分析将于 2025年1月10日 停用。", "2025年1月10日"),
        ("カスタム感情分析は 2025年1月10日 に提供終了となります。", "2025年1月10日"),
        ("Custom sentiment is deprecated.", None),
    ],
    ids=["chinese", "japanese", "english-no-date"],
)
def test_deprecation_wording_in_three_languages(
    documents: bool, text: str, date: str | None
) -> None:
    [notice] = of_kind(
        signals(page(*PROSE[:2]), page(*PROSE[:2], "", text), documents=documents),
        "deprecation_added",
    )
    assert notice.detail["date"] == date


def test_version_changed_in_code_and_prose(documents: bool) -> None:
    old = page(
        "```http",
        "POST /embeddings?api-version=2024-04-01-preview",
        "```",
        "",
        "Install version 1.2.3 of the package.",
        "",
        *PROSE[:2],
    )
    new = page(
        "```http",
        "POST /embeddings?api-version=2024-05-01-preview",
        "```",
        "",
        "Install version 2.1.0-beta2 of the package.",
        "",
        *PROSE[:2],
    )
    found = {
        (s.detail["old"], s.detail["new"], s.detail["in_code"])
        for s in of_kind(signals(old, new, documents=documents), "version_changed")
    }
    assert found == {
        ("2024-04-01-preview", "2024-05-01-preview", True),
        ("1.2.3", "2.1.0-beta2", False),
    }


def test_renamed_package_and_namespace_in_a_sample(documents: bool) -> None:
    old = page("```bash", "dotnet add package Contoso.Connectors.Store", "```", "", *PROSE[:2])
    new = page("```bash", "dotnet add package Community.Store", "```", "", *PROSE[:2])
    found = of_kind(signals(old, new, documents=documents), "identifier_renamed")
    assert [(s.detail["old"], s.detail["new"]) for s in found] == [
        ("Contoso.Connectors.Store", "Community.Store")
    ]


def test_renamed_option_in_prose_but_not_a_reworded_sentence(documents: bool) -> None:
    old = page("Pass `--constraint` to pin the versions of every package.", "", *PROSE[:2])
    new = page("Pass `--constraints` to pin the versions of each package.", "", *PROSE[:2])
    found = of_kind(signals(old, new, documents=documents), "identifier_renamed")
    assert [(s.detail["old"], s.detail["new"]) for s in found] == [
        ("--constraint", "--constraints")
    ]
    reworded = page("Run `yum` to update the package index first.", "", *PROSE[:2])
    fuller = page("Run `yum install` to install the package itself.", "", *PROSE[:2])
    assert not of_kind(signals(reworded, fuller, documents=documents), "identifier_renamed")


def test_a_template_that_tests_what_it_printed_renames_nothing(documents: bool) -> None:
    """The words that steer a program are no names readers type: a template sample that
    printed a function's result (``→ true``) now tests it (``{{ if … }}``); the function
    stays."""
    old = page(
        "```go-html-template",
        '{{ with resources.Get "c.jpg" }}',
        "  {{ reflect.IsImageResource . }} → true",
        "{{ end }}",
        "```",
        "",
    )
    new = page(
        "```go-html-template",
        '{{ range resources.Match "**" }}',
        "  {{ if reflect.IsImageResource . }}",
        "{{ end }}",
        "```",
        "",
    )
    assert not of_kind(signals(old, new, documents=documents), "identifier_renamed")
    # a language that trades one declaration word for another renames what readers type
    old = page("```qsharp", "newtype Pair = (First : Int, Second : Int);", "```", "")
    new = page("```qsharp", "struct Pair { First : Int, Second : Int }", "```", "")
    [renamed] = of_kind(signals(old, new, documents=documents), "identifier_renamed")
    assert (renamed.detail["old"], renamed.detail["new"]) == ("newtype", "struct")


WRAPPED_TABS = [
    "````mdx-code-block",
    '<Tabs groupId="framework">',
    '<TabItem value="react">',
    "",
    "Developers using React should install the latest version of `@ionic/react`. Full React"
    " wrappers are coming soon!",
    "",
    "```tsx",
    "import { createGesture } from '@ionic/react';",
    "```",
    "</TabItem>",
    "</Tabs>",
    "````",
    "",
    *PROSE[:2],
]


@pytest.mark.parametrize(
    ("language", "old", "new", "changed"),
    [
        ("js", "import styles from './styles.css';", 'import styles from "./styles.css";', False),
        ("powershell", "$lines -join '`n'", '$lines -join "`n"', True),
    ],
)
def test_a_sample_line_in_the_other_quotes(
    documents: bool, language: str, old: str, new: str, changed: bool
) -> None:
    """A formatter's quotes (``'./a'`` → ``"./a"``) change no line of a JavaScript sample;
    in PowerShell ``'`n'`` is two characters and ``"`n"`` a line break: a line changed."""
    before, after = page(f"```{language}", old, "```", ""), page(f"```{language}", new, "```", "")
    assert bool(signals(before, after, documents=documents)) is changed


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "def loc(loc: tuple[Union[str, int], ...]) -> str:",
            "def loc(loc: tuple[str | int, ...]) -> str:",
        ),
        ("def read(q: Optional[Item]):", "def read(q: Item | None):"),
    ],
)
def test_a_python_type_in_the_newer_notation_is_the_same_type(
    documents: bool, old: str, new: str
) -> None:
    """``Union[str, int]`` → ``str | int``, ``Optional[Item]`` → ``Item | None``: the same
    annotation; no name readers call was renamed or dropped."""
    found = signals(
        page("```python", old, "```", ""), page("```python", new, "```", ""), documents=documents
    )
    assert not of_kind(found, "code_line_changed") and not of_kind(found, "identifier_renamed")


@pytest.mark.parametrize(
    ("language", "old", "new", "changed"),
    [
        ("bash", "cargo install tauri-driver", "cargo install tauri-driver --locked", False),
        ("bash", "helm install x --wait", "helm install x --wait --create-namespace", False),
        (
            "powershell",
            "New-VM -Name vm1 -NewVHDPath d:\\base.vhdx",
            "New-VM -Name vm1 -NewVHDPath d:\\base.vhdx -NewVHDSizeBytes 40GB",
            True,
        ),
    ],
)
def test_a_switch_added_to_a_command_leaves_the_old_command_working(
    documents: bool, language: str, old: str, new: str, changed: bool
) -> None:
    """A switch that takes no value (``--locked``) added to a command changes nothing the
    reader typed before: the old command still runs; a parameter given a value may be one
    the command requires (the old line lacked it)."""
    before, after = page(f"```{language}", old, "```", ""), page(f"```{language}", new, "```", "")
    found = signals(before, after, documents=documents)
    assert bool(of_kind(found, "code_line_changed")) is changed


@pytest.mark.parametrize(
    ("old", "new", "changed"),
    [
        ("npx cap copy && npx cap sync", "npx cap sync", False),
        ("cd app; make install", "make install", False),
        ("npx cap sync", "npx cap copy", True),
    ],
)
def test_a_command_dropped_from_a_chain_leaves_the_old_chain_working(
    documents: bool, old: str, new: str, changed: bool
) -> None:
    """``npx cap copy && npx cap sync`` → ``npx cap sync``: a step the tool now does itself
    dropped; what readers ran before still runs. A command replaced by another is a change."""
    before, after = page("```shell", old, "```", ""), page("```shell", new, "```", "")
    found = signals(before, after, documents=documents)
    assert (
        bool(of_kind(found, "code_line_changed") + of_kind(found, "identifier_renamed")) is changed
    )


@pytest.mark.parametrize(
    ("declared", "kind"),
    [
        ("std::vector<RouteNote> received_notes;", "sample_changed"),
        ("// the notes the server sent", "identifier_renamed"),
    ],
)
def test_a_variable_of_a_generic_type_is_the_samples_name(declared: str, kind: str) -> None:
    """``std::vector<RouteNote> received_notes;`` declares the sample's own variable: its name
    changed (made a member, ``received_notes_``) renames nothing readers call. Without a
    declaration the page shows, the name is still read as one readers may use."""
    loop = "  for (const RouteNote& n : {}) {{"
    old = page(
        "```cpp",
        declared,
        "void RouteChat() {",
        loop.format("received_notes"),
        "  }",
        "}",
        "```",
        "",
    )
    new = page(
        "```cpp", "void RouteChat() {", loop.format("received_notes_"), "  }", "}", "```", ""
    )
    found = [s.kind for s in signals(old, new, documents=True) if "received" in str(s.detail)]
    assert found == [kind]


def test_an_arrow_functions_own_parameter_is_the_samples_name() -> None:
    """``returns => [Post]`` → ``() => [Post]``: the parameter was the sample's own, unused;
    no line of what readers call changed (where the sample defines its names is read from
    the whole document)."""
    old = page("```typescript", "@ResolveField('posts', returns => [Post])", "```", "")
    new = page("```typescript", "@ResolveField('posts', () => [Post])", "```", "")
    assert not of_kind(signals(old, new, documents=True), "code_line_changed")


def test_content_wrapped_in_an_mdx_code_block_fence_is_read_as_the_page() -> None:
    """Docusaurus shows what an ``mdx-code-block`` fence holds as the page (tabs, prose, the
    samples in them): a sentence edited in it is prose, a sample in it is still code."""
    old = page(*WRAPPED_TABS)
    reworded = page(
        *[line.replace(" Full React wrappers are coming soon!", "") for line in WRAPPED_TABS]
    )
    found = signals(old, reworded, documents=True)
    assert kinds(found) == {"text_edited"}
    renamed = page(*[line.replace("createGesture", "makeGesture") for line in WRAPPED_TABS])
    found = signals(old, renamed, documents=True)
    assert [signal.detail["language"] for signal in of_kind(found, "code_changed")] == ["tsx"]


@pytest.mark.parametrize(
    ("old", "new", "kind"),
    [
        ("масивом", "array", "name_corrected"),  # the term left in English
        ("getUser", "getUsers", "identifier_renamed"),
    ],
)
def test_a_term_translated_in_code_style_is_no_rename(
    documents: bool, old: str, new: str, kind: str
) -> None:
    """A translation that writes a term in code style in its own alphabet, then in English
    (`` `масивом` `` → `` `array` ``), corrects itself; a name changed within one alphabet is
    still a rename."""
    line = "Кожен атрибут може бути `{}` з елементами."
    found = signals(
        page(line.format(old), "", *PROSE[:2]),
        page(line.format(new), "", *PROSE[:2]),
        documents=documents,
    )
    assert [
        signal.kind for signal in found if "_renamed" in signal.kind or "_corrected" in signal.kind
    ] == [kind]


def test_names_dropped_from_a_samples_import_are_no_entries_removed(documents: bool) -> None:
    """``from typing import Any, Literal, Optional, Union`` → ``… import Any, Literal``: the
    sample imports what it now uses; no value of a list readers read went."""
    old = page(
        "```python", "from typing import Annotated, Any, Literal, Optional, Union", "```", ""
    )
    new = page("```python", "from typing import Annotated, Any, Literal", "```", "")
    assert not of_kind(signals(old, new, documents=documents), "entry_removed")


@pytest.mark.parametrize(
    ("old", "new", "renamed"),
    [
        (
            "Die Namen folgen `pytest`-Konventionen.",
            "Die Namen folgen der `pytest`-Konvention.",
            False,
        ),
        (
            "Das Testen von **FastAPI**-Anwendungen ist einfach.",
            "Das Testen von **FastAPI**-Apps ist einfach.",
            False,
        ),
        (
            "Run the tool with -Force to skip the prompt.",
            "Run the tool with -Confirm to skip the prompt.",
            True,
        ),
        ("Pass <code>--override</code> a file.", "Pass <code>--overrides</code> a file.", True),
    ],
)
def test_a_word_joined_by_a_dash_is_no_option(
    documents: bool, old: str, new: str, renamed: bool
) -> None:
    """A dash that joins a word to a name before it ("`pytest`-Konventionen", a compound of
    German) makes no option: its word reworded renames nothing. An option stands after a space
    or a tag."""
    found = signals(page(old, "", *PROSE[:2]), page(new, "", *PROSE[:2]), documents=documents)
    assert bool(of_kind(found, "identifier_renamed")) is renamed


@pytest.mark.parametrize("name", ["__init__", "__get_schema__", "load"])
def test_a_name_written_as_a_call_is_the_same_name(documents: bool, name: str) -> None:
    """``__init__`` → ``__init__()`` in a sentence names the same method, dunder or not."""
    line = "The plugin synthesizes the `{}` method for each model."
    found = signals(
        page(line.format(name), "", *PROSE[:2]),
        page(line.format(name + "()"), "", *PROSE[:2]),
        documents=documents,
    )
    assert not of_kind(found, "identifier_renamed")


def test_argument_dropped_from_a_sample_line(documents: bool) -> None:
    old = page("```python", "check = validator('name', allow_reuse=True)(normal)", "```", "")
    new = page("```python", "check = validator('name')(normal)", "```", "")
    (found,) = of_kind(signals(old, new, documents=documents), "code_line_changed")
    assert found.detail["removed"] == ["allow_reuse", "True"]
    assert not of_kind(
        signals(old, old.replace("name", "nom"), documents=documents), "code_line_changed"
    )
    wrapped = page("```bash", "uv run app dev", "```", "")
    assert not of_kind(
        signals(page("```bash", "app dev", "```", ""), wrapped, documents=documents),
        "code_line_changed",
    )


def test_a_version_bump_in_a_sample_is_no_rename(documents: bool) -> None:
    old = page("```toml", 'requires = ["uv_build>=0.8.13,<0.9.0"]', "```", "")
    new = page("```toml", 'requires = ["uv_build>=0.8.14,<0.9.0"]', "```", "")
    found = kinds(signals(old, new, documents=documents))
    assert "version_changed" in found
    assert not found & {"identifier_renamed", "code_line_changed"}


def test_name_led_entries_and_values_added_to_a_reference_list(documents: bool) -> None:
    old = page("Operators:", "", "* `sum` (add up)", "* `max` (largest)", "", *PROSE[:2])
    new = page(
        "Operators:",
        "",
        "* `sum` (add up)",
        "* `stddev` (spread)",
        "* `max` (largest)",
        "",
        *PROSE[:2],
    )
    found = of_kind(signals(old, new, documents=documents), "entry_added")
    assert [s.detail["name"] for s in found] == ["stddev"]
    old = page("Accepted values: None, Main, Bundle", "", *PROSE[:2])
    new = page("Accepted values: None, Main, Bundle, Optional", "", *PROSE[:2])
    found = of_kind(signals(old, new, documents=documents), "entry_added")
    assert [s.detail["name"] for s in found] == ["Optional"]


def test_a_command_added_to_an_index_of_commands(documents: bool) -> None:
    index = ["### [Get-Thing](Get-Thing.md)", "", "Gets a thing.", ""]
    more = ["### [Set-Thing](Set-Thing.md)", "", "Sets a thing.", ""]
    found = of_kind(
        signals(page(*index, *PROSE[:2]), page(*index, *more, *PROSE[:2]), documents=documents),
        "entry_added",
    )
    assert [s.detail["name"] for s in found] == ["Set-Thing"]


def test_a_prose_bullet_is_no_entry(documents: bool) -> None:
    old = page("* Install the tool.", "", *PROSE[:2])
    new = page("* Install the tool.", "* Then `run` it with your account.", "", *PROSE[:2])
    assert not of_kind(signals(old, new, documents=documents), "entry_added")


def test_changed_default_raised_minimum_and_corrected_statement(documents: bool) -> None:
    old = page(
        "The default timeout is 30 seconds.",
        "",
        "Requires Python 3.8 or later.",
        "",
        "The key is optional for local runs.",
        "",
        "Versions are supported on Windows.",
        "",
        *PROSE[:2],
    )
    new = page(
        "The default timeout is 60 seconds.",
        "",
        "Requires Python 3.9 or later.",
        "",
        "The key is required for local runs.",
        "",
        "Versions are not supported on Windows.",
        "",
        *PROSE[:2],
    )
    found = signals(old, new, documents=documents)
    assert [(s.detail["old"], s.detail["new"]) for s in of_kind(found, "default_changed")] == [
        ("30", "60")
    ]
    assert [(s.detail["old"], s.detail["new"]) for s in of_kind(found, "minimum_raised")] == [
        ("3.8", "3.9")
    ]
    assert len(of_kind(found, "statement_corrected")) == 2


def test_a_reworded_sentence_is_no_corrected_statement(documents: bool) -> None:
    old = page("You don’t need to restart the service after this step.", "", *PROSE[:2])
    new = page("You don't need to restart the service after this step.", "", *PROSE[:2])
    assert not of_kind(signals(old, new, documents=documents), "statement_corrected")
    old = page("Chinese: 这个参数是可选的。", "", *PROSE[:2])
    new = page("Chinese: 这个参数是必须的。", "", *PROSE[:2])
    assert of_kind(signals(old, new, documents=documents), "statement_corrected")


@pytest.mark.parametrize(("value", "changed"), [("$true", False), ("$null", True)])
def test_defaults_given_anew_on_other_lines_change_no_default(value: str, changed: bool) -> None:
    """Two options' headings that carried their defaults (``Enable: bool (Default value is
    `$true`)``) become prose that gives them below: the diff pairs the heading of one option
    with the other's new line, and no default changed while each page gives both values. The
    option given another default is a default changed."""
    old = "\n".join(
        [
            "```powershell",
            "        Enable           = $true",
            "```",
            "#### CommandAllowList: string[] (Default value is @()')",
            "",
            "",
            "#### Enable: bool (Default value is `$true`)",
            "",
            "",
        ]
    )
    new = "\n".join(
        [
            "```powershell",
            "```",
            "",
            "",
            "array. The default value is `@()`.",
            "",
            "boolean value. To disable this rule, set this parameter to `$false`. The default"
            f" value is `{value}`.",
        ]
    )
    found = signals(old, new, documents=True)
    assert not of_kind(found, "identifier_renamed")
    assert bool(of_kind(found, "default_changed")) is changed


SUPPORT_ENDS = (
    "歴史的に奇数のバージョンは6か月後にサポート終了となり、偶数バージョンは LTS に移行します。"
)
MARKED = "Se marcará claramente como deprecated en la documentación interactiva:"


@pytest.mark.parametrize(
    ("old", "new", "notice"),
    [
        (
            "奇数のバージョンはサポートが終了し、偶数バージョンは LTS に移行します。",
            SUPPORT_ENDS,
            False,
        ),
        (
            "奇数のバージョンは短期間だけ提供され、偶数バージョンは LTS に移行します。",
            SUPPORT_ENDS,
            True,
        ),
        ("Se marcará claramente como deprecado en la documentación interactiva:", MARKED, False),
        ("Se marcará claramente en la documentación interactiva:", MARKED, True),
    ],
)
def test_a_notice_reworded_in_a_translation_is_no_news(old: str, new: str, notice: bool) -> None:
    """A translation that says the same end of support another way ("サポートが終了し" →
    "サポート終了", "deprecado" → the English "deprecated") announces nothing new; a line that
    gains the wording does."""
    found = signals(page(old, "", *PROSE[:2]), page(new, "", *PROSE[:2]), documents=True)
    assert bool(of_kind(found, "deprecation_added")) is notice


@pytest.mark.parametrize(
    ("old", "new", "changed"),
    [
        ("is not `true`, the frame rate is 240.", "is `false`, the frame rate is 240.", False),
        ("is `true`, the frame rate is 240.", "is `false`, the frame rate is 240.", True),
        ("is `true`, the frame rate is 240.", "is not `true`, the frame rate is 240.", True),
    ],
)
def test_a_value_negated_or_its_opposite_says_the_same(
    documents: bool, old: str, new: str, changed: bool
) -> None:
    """ "When `useSharedTexture` is not `true`" → "is `false`": the same condition, no
    statement corrected and no name renamed. The value flipped alone, or negated, changes
    what the line says."""
    found = signals(
        page(f"When `useSharedTexture` {old}", "", *PROSE[:2]),
        page(f"When `useSharedTexture` {new}", "", *PROSE[:2]),
        documents=documents,
    )
    turned = of_kind(found, "statement_corrected") + of_kind(found, "identifier_renamed")
    assert bool(turned) is changed


@pytest.mark.parametrize(
    ("old", "new", "corrected"),
    [
        ("The folder should contain a sample.", "The folder must contain a sample.", False),
        ("The folder can contain a sample.", "The folder must contain a sample.", True),
    ],
)
def test_should_become_must_is_wording(
    documents: bool, old: str, new: str, corrected: bool
) -> None:
    """Style guides trade "should" for "must" in instructions that already asked it of the
    reader: no statement turned; a permission ("can") become an obligation is one."""
    found = signals(page(old, "", *PROSE[:2]), page(new, "", *PROSE[:2]), documents=documents)
    assert bool(of_kind(found, "statement_corrected")) is corrected


def test_a_setting_added_to_a_reference_block_but_not_to_a_sample(documents: bool) -> None:
    block = ["```yaml", "[ channel: <string> ]", "[ username: <string> ]", "```", ""]
    old = page(*block, *PROSE[:2])
    new = page(*block[:3], "[ image_url: <string> ]", *block[3:], *PROSE[:2])
    found = of_kind(signals(old, new, documents=documents), "sample_key_added")
    assert [s.detail["key"] for s in found] == ["image_url"]
    sample = ["```yaml", "scrape_configs:", "  - job_name: node", "```", ""]
    more = [*sample[:1], "global:", "  scrape_interval: 15s", *sample[1:]]
    assert not of_kind(
        signals(page(*sample, *PROSE[:2]), page(*more, *PROSE[:2]), documents=documents),
        "sample_key_added",
    )


# --- prose -----------------------------------------------------------------------------------


def test_typo_whitespace_formatting_and_wording(documents: bool) -> None:
    old = page(
        "Make sure the evaulation is calcualted once.",
        "",
        "Use  the   portal.",
        "",
        "Select Create.",
        "",
        "The service stores data in one region for now.",
    )
    new = page(
        "Make sure the evaluation is calculated once.",
        "",
        "Use the portal.",
        "",
        "Select **Create**.",
        "",
        "The service keeps your data in the region you pick.",
    )
    found = signals(old, new, documents=documents)
    assert of_kind(found, "typo_fixed")[0].detail["fixes"] == [
        "evaulation → evaluation",
        "calcualted → calculated",
    ]
    assert of_kind(found, "whitespace_changed")[0].detail == {"lines": 1}
    assert of_kind(found, "formatting_changed")[0].detail == {"lines": 1}
    assert of_kind(found, "text_edited")[0].detail["words"] >= 5


def test_a_changed_number_is_not_a_typo(documents: bool) -> None:
    old = page("The sample sends 1500 tokens per request.", "", *PROSE[:2])
    new = page("The sample sends 4096 tokens per request.", "", *PROSE[:2])
    found = signals(old, new, documents=documents)
    assert kinds(found) == {"text_edited", "value_changed"}
    (value,) = of_kind(found, "value_changed")
    assert (value.detail["old"], value.detail["new"]) == ("1500", "4096")


def test_prose_added_and_removed(documents: bool) -> None:
    old = page(*PROSE[:3], "", "An old sentence that goes away now.")
    new = page(*PROSE[:3], "", "A brand new paragraph about quotas.", "Another new line.")
    found = signals(old, new, documents=documents)
    assert of_kind(found, "text_added")[0].detail == {"lines": 2, "words": 9}
    assert of_kind(found, "text_removed")[0].detail["lines"] == 1


def test_html_tags_and_their_attributes_are_no_words_a_reader_sees(documents: bool) -> None:
    logo = (
        '<a href="https://contoso.example/?utm_source=docs&utm_medium=sponsor" target="_blank"'
        ' rel="noopener sponsored"><img src="https://contoso.example/logo.png" alt="Contoso"'
        ' width="96" height="96"/></a>'
    )
    sponsors = ['<div align="center">', "<h3>Gold</h3>", logo, logo, "</div>"]
    old = page(*PROSE[:3], "", "Thanks to our <b>generous</b> sponsors.", "", *sponsors)
    new = page(*PROSE[:3])
    [removed] = of_kind(signals(old, new, documents=documents), "text_removed")
    assert removed.detail["words"] == 6  # "Thanks to our generous sponsors." and "Gold"


SAMPLE = [
    "```js",
    "export default {",
    "  paths() {",
    "    return [{ params: { pkg: 'foo' }}]",
    "  }",
    "}",
    "```",
]


@pytest.mark.parametrize(
    ("edited", "changed"),
    [(lambda line: line, 0), (lambda line: line.replace("paths()", "routes()"), 1)],
    ids=["respaced", "respaced-and-renamed"],
)
def test_a_sample_indented_and_spaced_anew_counts_only_the_lines_it_changed(
    edited: Callable[[str], str], changed: int
) -> None:
    """A formatter moves a list item's sample to three spaces and writes ``}}`` as ``} }``:
    the same sample. A line it also edits is the one line changed (not the whole block)."""
    old = page("1. Export the routes:", "", *(f"    {line}" for line in SAMPLE), "", *PROSE[:2])
    respaced = [line.replace("}}", "} }") for line in SAMPLE]
    new = page(
        "1. Export the routes:", "", *(f"   {edited(line)}" for line in respaced), "", *PROSE[:2]
    )
    found = of_kind(signals(old, new, documents=True), "code_changed")
    assert [(s.detail["added"], s.detail["removed"]) for s in found] == (
        [(changed, changed)] if changed else []
    )


def test_html_comments_are_hidden_from_readers(documents: bool) -> None:
    old = page("<!--", "## Hidden heading", "Draft text.", "-->", "", *PROSE[:3])
    new = page("<!--", "## Hidden heading", "Draft text, reworded.", "-->", "", *PROSE[:3])
    assert kinds(signals(old, new, documents=documents)) == {"comment_changed"}


def test_nested_lists(documents: bool) -> None:
    old = page(
        "1. Create a resource.",
        "   - Pick a region.",
        "     ```azurecli",
        "     az login",
        "     ```",
        "1. Deploy a model.",
        "",
        *PROSE[:2],
    )
    new = page(
        "1. Create a resource.",
        "   - Pick a region.",
        "   - Pick a tier.",
        "     ```azurecli",
        "     az login",
        "     az account show",
        "     ```",
        "1. Deploy a model.",
        "",
        *PROSE[:2],
    )
    found = signals(old, new, documents=documents)
    assert of_kind(found, "text_added")[0].detail["lines"] == 1
    assert of_kind(found, "code_changed")[0].detail == {
        "language": "azurecli",
        "added": 1,
        "removed": 0,
    }


# --- languages and line endings --------------------------------------------------------------


def test_chinese_and_japanese_headings_and_text(documents: bool) -> None:
    old = page(
        "## 先决条件",
        "",
        "你需要一个 Azure 订阅。",
        "",
        "## 前提条件",
        "",
        "Azure サブスクリプションが必要です。",
    )
    new = page(
        "## 先决条件",
        "",
        "你需要一个有效的 Azure 订阅。",
        "",
        "## 前提条件",
        "",
        "Azure サブスクリプションが必要です。",
        "",
        "## 次のステップ",
        "",
        "リソースを作成します。",
    )
    found = signals(old, new, documents=documents)
    assert of_kind(found, "section_added")[0].detail["heading"] == "次のステップ"
    assert of_kind(found, "text_edited")[0].detail["words"] >= 2


def test_crlf_line_endings(documents: bool) -> None:
    old = page("## Install", "", *PROSE[:3], "", "## Legacy", "", *PROSE[3:5]).replace("\n", "\r\n")
    new = page("## Install", "", *PROSE[:3]).replace("\n", "\r\n")
    found = signals(old, new, documents=documents)
    [removed] = of_kind(found, "section_removed")
    assert removed.detail["heading"] == "Legacy"
    assert not of_kind(found, "whitespace_changed")


def test_bare_carriage_return_and_line_separator_stay_inside_lines(documents: bool) -> None:
    old = page("One line\rwith a bare CR and a\u2028separator.", "", *PROSE[:3])
    new = page("One line\rwith a bare CR and a\u2028separator, edited.", "", *PROSE[:3])
    found = signals(old, new, documents=documents)
    [edit] = of_kind(found, "text_edited")
    assert (
        edit.line
        == new.split("\n").index("One line\rwith a bare CR and a\u2028separator, edited.") + 1
    )


# --- YAML ------------------------------------------------------------------------------------

TOC = """items:
- name: Overview
  href: overview.md
- name: How-to guides
  items:
  - name: JSON mode
    href: ./how-to/json-mode.md
  - name: Prompt caching
    href: ./how-to/prompt-caching.md
- name: Reference
  items:
  - name: REST API
    href: reference.md
"""


def toc_signals(old: str, new: str, documents: bool) -> list:
    return list(analyze(change(old, new, path="articles/toc.yml", documents=documents)))


def test_toc_entry_added_and_removed(documents: bool) -> None:
    new = TOC.replace(
        "  - name: Prompt caching",
        "  - name: Predicted outputs\n    href: ./how-to/predicted-outputs.md\n"
        "  - name: Prompt caching",
    ).replace("  - name: REST API\n    href: reference.md\n", "")
    found = toc_signals(TOC, new, documents)
    assert of_kind(found, "toc_entry_added")[0].detail == {
        "name": "Predicted outputs",
        "href": "./how-to/predicted-outputs.md",
    }
    assert of_kind(found, "toc_entry_removed")[0].detail == {
        "name": "REST API",
        "href": "reference.md",
    }


def test_toc_entry_renamed_and_retargeted(documents: bool) -> None:
    new = TOC.replace("name: JSON mode", "name: JSON output mode").replace(
        "href: reference.md", "href: reference-v2.md"
    )
    found = toc_signals(TOC, new, documents)
    assert of_kind(found, "toc_entry_renamed")[0].detail == {
        "href": "./how-to/json-mode.md",
        "old": "JSON mode",
        "new": "JSON output mode",
    }
    assert of_kind(found, "toc_entry_retargeted")[0].detail["new"] == "reference-v2.md"


def test_toc_entry_moved_to_another_parent(documents: bool) -> None:
    new = TOC.replace("  - name: Prompt caching\n    href: ./how-to/prompt-caching.md\n", "")
    new = new.replace(
        "  - name: REST API",
        "  - name: Prompt caching\n    href: ./how-to/prompt-caching.md\n  - name: REST API",
    )
    found = toc_signals(TOC, new, documents)
    assert kinds(found) == {"toc_entry_moved"}


def test_other_yaml_metadata_and_entries(documents: bool) -> None:
    old = """metadata:
  title: FAQ
  ms.date: 01/01/2025
sections:
  - name: General
    questions:
      - question: |
          How do I start?
        answer: |
          Create a resource first.
"""
    new = old.replace("ms.date: 01/01/2025", "ms.date: 02/02/2025") + (
        "      - question: Can I move a resource?\n        answer: |\n          No.\n"
    )
    found = list(analyze(change(old, new, path="articles/faq.yml", documents=documents)))
    assert of_kind(found, "front_matter_changed")[0].detail["key"] == "ms.date"
    assert of_kind(found, "yaml_entry_added")[0].detail["value"] == "Can I move a resource?"


# --- what is and is not analysed -------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("a/b.md", "markdown"),
        ("a/B.MDX", "markdown"),
        ("a/toc.yml", "toc"),
        ("a/faq.yml", "yaml"),
        ("a/img.png", None),
        ("a/x.json", None),
    ],
)
def test_document_kind(path: str, kind: str | None) -> None:
    assert document_kind(path) == kind


def test_other_files_and_whole_pages_give_no_signals() -> None:
    assert analyze(change("a = 1\n", "a = 2\n", path="samples/app.py")) == ()
    added = FileChange("articles/new.md", "added", 3, 0, patch="@@ -0,0 +1,3 @@\n+# New\n+\n+Text")
    assert analyze(added) == ()
    binary = FileChange("articles/page.md", "modified", binary=True)
    assert analyze(binary) == ()


def test_only_whole_documents_no_patch() -> None:
    old = page("## Install", "", *PROSE[:3], "", "## Legacy", "", *PROSE[3:5])
    new = page("## Install", "", *PROSE[:3])
    found = analyze(FileChange("articles/page.md", "modified", old_text=old, new_text=new))
    assert of_kind(list(found), "section_removed")[0].detail["heading"] == "Legacy"


def test_time_grows_linearly_with_document_size() -> None:
    """Sixteen times the document takes far less than sixteen squared times as long."""

    def elapsed(sections: int) -> float:
        body = []
        for number in range(sections):
            body += [f"## Section {number}", "", *PROSE[:3], "", "```python", "x = 1", "```", ""]
        old = page(*body)
        new = old.replace("x = 1", "x = 2").replace("Paragraph 1", "Paragraph one")
        edited = change(old, new)
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            analyze(edited)
            best = min(best, time.perf_counter() - started)
        return best

    small, large = elapsed(40), elapsed(640)
    assert large < 64 * small


def test_a_word_inside_a_path_states_no_default(documents: bool) -> None:
    """``…/default-app-setup/OnLoad.cpp`` names a folder: a download line whose address
    changed is no changed default, though "default" stands in both versions."""
    url = "https://raw.example.com/{}/cmake/default-app-setup/OnLoad.cpp"
    old = page(f"Download it: `curl -O {url.format('${version}')}`", "", *PROSE[:2])
    new = page(f"Download it: `curl -O {url.format('${branch}')}`", "", *PROSE[:2])
    assert not of_kind(signals(old, new, documents=documents), "default_changed")


@pytest.mark.parametrize(
    ("old", "new", "kind"),
    [
        (
            "If the default `minimizer` is overridden (to customise the `TerserPlugin` options),"
            " set `sourceMap: true`.",
            "If the default `minimizer` is overridden (to customise the `MinimizerPlugin`"
            " options), set `sourceMap: true`.",
            "identifier_renamed",
        ),
        ("The default value is `Basic`.", "The default value is `Standard`.", "default_changed"),
    ],
)
def test_a_name_far_from_the_word_default_is_no_default(
    documents: bool, old: str, new: str, kind: str
) -> None:
    """ "The default `minimizer` […] the `TerserPlugin` options": the default is said of the
    minimizer; the plugin named further on is no default value, and trading it for another
    name is a rename. "The default value is `Basic`" gives the value."""
    found = signals(page(old, "", *PROSE[:2]), page(new, "", *PROSE[:2]), documents=documents)
    assert [s.kind for s in found if s.kind in ("identifier_renamed", "default_changed")] == [kind]


def test_a_code_span_of_two_backticks_holds_its_backticks(documents: bool) -> None:
    """CommonMark: ``` `` `${root}/a` `` ``` is one code span, a template string with its
    backticks. A default written so and changed names what it was, not an empty name."""
    old = page("- **Default:** `` `${root}/screenshots` ``", "", *PROSE[:2])
    new = page("- **Default:** `` `${root}/__screenshots__` ``", "", *PROSE[:2])
    found = of_kind(signals(old, new, documents=documents), "default_changed")
    assert [(s.detail["old"], s.detail["new"]) for s in found] == [
        ("`${root}/screenshots`", "`${root}/__screenshots__`")
    ]


def test_a_fences_highlight_options_are_no_list_of_values(documents: bool) -> None:
    """``js [[1, 6, "onCaughtError"], [2, 6, "error"]]`` after a fence marks lines to
    highlight; renumbered because a line was added above them, it lost no entry "6"."""
    fence = '```js [[1, {n}, "onCaughtError"], [2, {n}, "error", 1], [3, {n}, "errorInfo"]]'
    body = ["import { hydrateRoot } from 'react-dom/client';", "hydrateRoot(root, {", "});"]
    old = page(fence.format(n=6), *body, "```", "", *PROSE[:2])
    added = "import App from './App.js';"
    new = page(fence.format(n=7), body[0], added, *body[1:], "```", "", *PROSE[:2])
    found = signals(old, new, documents=documents)
    assert not of_kind(found, "entry_removed")
    assert not of_kind(found, "entry_added")


def test_a_line_the_page_still_shows_was_not_edited() -> None:
    """A diff may pair a sample line with a line inserted elsewhere while the same line is
    added again further down (repeated setup lines do that). The new page still shows
    ``client.get("greetings")`` as often as the old one did: it was kept, and the line paired
    with it gained nothing a reader must now type."""
    kept, inserted, last = 'client.get("greetings")', 'client.get("greetings", timeout)', "close()"
    old = "\n".join(["# Get", "", "```python", kept, "```", "", "```python", last, "```", ""])
    new = "\n".join(["# Get", "", "```python", inserted, "```", "", "```python", kept, last])
    new += "\n```\n"
    first = ["@@ -3,3 +3,3 @@", " ```python", f"-{kept}", f"+{inserted}", " ```"]
    second = ["@@ -6,3 +6,4 @@", " ", " ```python", f"+{kept}", f" {last}", " ```"]
    patch = "\n".join([*first, *second])
    found = analyze(
        FileChange("docs/get.md", "modified", 2, 1, patch=patch, old_text=old, new_text=new)
    )
    assert not of_kind(list(found), "code_line_changed")


def test_a_documents_lines_are_found_in_any_order_of_lookups() -> None:
    """Lookups count on from the last line asked for: asked out of order, a line still starts
    where it starts, past the front matter, at the last line and past it."""
    text = "---\ntitle: A\n---\n" + "".join(f"line {n}\n" for n in range(4, 3000)) + "last"
    source = Source(text)
    starts = [0] + [at + 1 for at, char in enumerate(text) if char == "\n"]
    for line in (2, 1500, 40, 2999, 2998, 3000, 4, 1, 3000, 3001, 3):
        expected = starts[line - 1] if line <= len(starts) else starts[-1]
        assert source.offset(line) == expected == line_offset(text, line), line
