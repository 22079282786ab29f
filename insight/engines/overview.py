"""A report's overview in its fixed structure, whichever engine wrote the words."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from insight import i18n

LISTS = (
    ("## New features", "new_features"),
    ("## Breaking changes", "breaking_changes"),
    ("## Other updates", "other_updates"),
)


@dataclass(frozen=True)
class OverviewText:
    """What an engine says of a report: the highlights, three lists of bullets, the insights."""

    highlights: str
    new_features: Sequence[str]
    breaking_changes: Sequence[str]
    other_updates: Sequence[str]
    insights: str


def overview_markdown(text: OverviewText, locale: str) -> str:
    """``# Highlights`` … ``# Insights``; an empty list reads "None." in the report's language."""
    none = (
        i18n.catalogue(locale).text("overview.none")
        if locale in i18n.supported_locales()
        else "None."
    )
    lines = ["", "# Highlights", text.highlights, ""]
    for heading, name in LISTS:
        bullets = getattr(text, name)
        lines.append(heading)
        lines.extend(f"- {bullet}" for bullet in bullets or [none])
        lines.append("")
    lines += ["# Insights", text.insights, ""]
    return "\n".join(lines)
