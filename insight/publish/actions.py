"""What a job on GitHub Actions leaves for later steps and for people: outputs and a summary.

``insight run``, ``report`` and ``comment`` append to ``$GITHUB_OUTPUT`` (``changed``,
``reports`` as a JSON list, ``files`` and the counts by type, ``breaking``) and to
``$GITHUB_STEP_SUMMARY`` (the range, the counts, the breaking changes with links, the
reports written) when GitHub sets them; elsewhere nothing is written.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path

from insight import escape
from insight.errors import OutputError
from insight.models import BREAKING, MINOR, NEW_FEATURE, Report, ReportItem
from insight.report.render import link_target

OUTPUT_NAMES = {BREAKING: "breaking-changes", NEW_FEATURE: "new-features", MINOR: "minor-updates"}
SUMMARY_BREAKING = 50
"""Breaking changes listed in the summary at most."""


def counted_items(reports: Sequence[Report]) -> list[ReportItem]:
    """Each changed file once: the items of the reports in their first locale."""
    if not reports:
        return []
    locale = reports[0].locale
    return [item for report in reports if report.locale == locale for item in report.items]


def job_outputs(reports: Sequence[Report], written: Sequence[Path]) -> dict[str, str]:
    items = counted_items(reports)
    markdown = [str(path) for path in written if path.suffix == ".md"]
    outputs = {
        "changed": "true" if markdown else "false",
        "reports": json.dumps(markdown, ensure_ascii=False),
        "files": str(len(items)),
    }
    for kind, name in OUTPUT_NAMES.items():
        outputs[name] = str(sum(item.type == kind for item in items))
    outputs["breaking"] = "true" if outputs["breaking-changes"] != "0" else "false"
    return outputs


def job_summary(reports: Sequence[Report], written: Sequence[Path], title: str) -> str:
    """The job summary's Markdown: what was covered, found and written."""
    items = counted_items(reports)
    lines = [f"## {escape.inline(title)}", ""]
    ranges = list(
        dict.fromkeys(
            (f"{r.range.base[:7]}...{r.range.head[:7]}", r.range.commits, r.permalink)
            for r in reports
            if r.range is not None
        )
    )
    for label, commits, permalink in ranges:
        target = link_target(permalink) if permalink else "#"
        shown = f"[`{label}`]({target})" if target != "#" else f"`{label}`"
        lines.append(f"- Range {shown}: {commits} commit{'s' if commits != 1 else ''}")
    if not reports:
        lines.append("- Nothing new: no report written.")
    else:
        counts = [f"{sum(item.type == kind for item in items)} {kind}" for kind in OUTPUT_NAMES]
        lines.append(f"- {len(items)} files: {', '.join(counts)}")
    breaking = [item for item in items if item.type == BREAKING]
    if breaking:
        lines += ["", f"### Breaking changes ({len(breaking)})", ""]
        for item in breaking[:SUMMARY_BREAKING]:
            title_text = escape.inline(item.title)
            named = f"[{title_text}]({link_target(item.url)})" if item.url else title_text
            lines.append(f"- {named}: {escape.code_span(item.path)}")
        if len(breaking) > SUMMARY_BREAKING:
            lines.append(f"- … and {len(breaking) - SUMMARY_BREAKING} more")
    markdown = [path for path in written if path.suffix == ".md"]
    if markdown:
        lines += ["", f"### Reports written ({len(markdown)})", ""]
        lines += [f"- {escape.code_span(str(path))}" for path in markdown]
    return "\n".join(lines) + "\n"


def write_job_files(
    environ: Mapping[str, str], outputs: Mapping[str, str], summary: str | None
) -> list[str]:
    """Append the outputs and the summary to the files GitHub names; the names of the
    environment variables that were written to."""
    done = []
    target = environ.get("GITHUB_OUTPUT")
    if target:
        lines = []
        for name, value in outputs.items():
            delimiter = f"insight_{uuid.uuid4().hex}"  # a value can never end the block early
            lines.append(f"{name}<<{delimiter}\n{value}\n{delimiter}\n")
        _append(target, "".join(lines), "GITHUB_OUTPUT")
        done.append("GITHUB_OUTPUT")
    target = environ.get("GITHUB_STEP_SUMMARY")
    if target and summary:
        _append(target, summary + "\n", "GITHUB_STEP_SUMMARY")
        done.append("GITHUB_STEP_SUMMARY")
    return done


def _append(path: str, text: str, name: str) -> None:
    try:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as error:
        raise OutputError(f"{name} {path}: cannot write: {error.strerror or error}") from None
