"""The heuristic engine's words: every signal has a phrase in every locale, and the title and
explanation of a file name its deciding signals."""

from __future__ import annotations

import pytest
from structure_cases import change, page

from insight import i18n
from insight.analysis.document.signals import SIGNAL_KINDS, analyze
from insight.analysis.verdict import assess, signals_of
from insight.engines.heuristic import HeuristicEngine
from insight.engines.writeup import write

PROSE = [f"Paragraph {number} explains one more thing about the service." for number in range(8)]
VARIANTS = {
    "front_matter_changed": ("_added", "_removed"),
    "code_added": ("_plain",),
    "code_removed": ("_plain",),
    "code_changed": ("_plain",),
    "deprecation_added": ("_dated",),
    "deprecation_removed": ("_dated",),
    "link_retargeted": ("_plain",),
}


@pytest.mark.parametrize("locale", ["en_US", "zh_CN", "ja_JP"])
def test_every_signal_kind_has_a_phrase(locale: str) -> None:
    messages = i18n.catalogue(locale)
    for kind in SIGNAL_KINDS:
        for variant in ("", *VARIANTS.get(kind, ())):
            assert messages.has(f"signal.{kind}{variant}"), f"{locale}: signal.{kind}{variant}"


def test_the_catalogue_phrases_no_kind_the_analysis_does_not_give() -> None:
    english = i18n.catalogue("en_US")
    known = {
        f"signal.{kind}{variant}"
        for kind in SIGNAL_KINDS
        for variant in ("", "_added", "_removed", "_plain", "_dated", "_shared")
    }
    phrased = {key for key in english.message_keys() if key.startswith("signal.")}
    assert phrased <= known


def removed_section_and_date():
    old = page(
        "## Image generation models",
        "",
        *PROSE[:4],
        "",
        "## Pricing",
        "",
        *PROSE[4:6],
        front="title: Models\nms.date: 05/23/2025",
    )
    new = page("## Pricing", "", *PROSE[4:6], front="title: Models\nms.date: 05/28/2025")
    return change(old, new)


def test_breaking_change_names_the_removed_section_and_the_date() -> None:
    edited = removed_section_and_date()
    assessment = assess(edited, signals_of(edited))
    writeup = write(edited, assessment, i18n.catalogue("en_US"))
    assert writeup.title == "Removed section “Image generation models” (7 lines)"
    assert "`ms.date` 05/23/2025 → 05/28/2025" in writeup.explanation
    assert writeup.explanation.endswith(
        "Removed text: “Paragraph 0 explains one more thing about the service”."
    )


@pytest.mark.parametrize(
    ("locale", "title"),
    [
        ("zh_CN", "删除章节“Image generation models”（7 行）"),
        ("ja_JP", "セクション「Image generation models」を削除（7 行）"),
    ],
)
def test_titles_in_chinese_and_japanese(locale: str, title: str) -> None:
    edited = removed_section_and_date()
    writeup = write(edited, assess(edited, signals_of(edited)), i18n.catalogue(locale))
    assert writeup.title == title
    assert "05/23/2025 → 05/28/2025" in writeup.explanation


def test_metadata_only_title_is_the_change() -> None:
    edited = change(page(*PROSE), page(*PROSE, front="title: A page\nms.date: 05/28/2025"))
    writeup = write(edited, assess(edited, signals_of(edited)), i18n.catalogue("en_US"))
    assert writeup.title == "`ms.date` 01/01/2025 → 05/28/2025"


def test_every_signal_of_realistic_changes_can_be_phrased() -> None:
    table = ["| Model | East US |", "|---|---|", "| `gpt-4o` | - |"]
    pairs = [
        (page(*table, "", *PROSE[:2]), page(*table[:2], "| `gpt-4o` | ✅ |", "", *PROSE[:2])),
        (page("```", "x = 1", "```", "", *PROSE[:2]), page("```", "x = 2", "```", "", *PROSE[:2])),
        (page(*PROSE[:2]), page(*PROSE[:2], "", "It retires on May 1, 2026.")),
        (page("See [docs](a.md).", "", "x"), page("See [docs](b.md).", "", "x")),
        (page("Fix teh typo.", "", "x"), page("Fix the typo.", "", "x")),
    ]
    for locale in ("en_US", "zh_CN", "ja_JP"):
        messages = i18n.catalogue(locale)
        for old, new in pairs:
            edited = change(old, new)
            found = analyze(edited)
            assert {signal.kind for signal in found} <= set(SIGNAL_KINDS)
            writeup = write(edited, assess(edited, found), messages)
            assert writeup.title and writeup.explanation
            assert "{" not in writeup.title + writeup.explanation


def test_engine_fills_reason_and_signals() -> None:
    edited = removed_section_and_date()
    [described] = HeuristicEngine().describe([edited], ["en_US", "ja_JP"])
    assert described.assessment.reason.startswith("section 'Image generation models' removed")
    assert described.assessment.signals[0].to_dict()["kind"] == "section_removed"
    assert set(described.writeups) == {"en_US", "ja_JP"}
