"""Report model -> Markdown, through the jinja2 template ``report.md.j2``.

Rendering is a pure function of the model: the template only loops and branches, and
the filters below hold the few rules of the format (anchors, fences, front matter).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import jinja2
import yaml

from insight.errors import UsageError
from insight.models import Report, anchor
from insight.resources import DEFAULT_TEMPLATE, resource_dir

SHIPPED_PREFIX = "insight:"

# A line of a patch starts with its marker (" ", "+", "-"); a Markdown fence may follow
# after up to three spaces, which is where it could close the block around the diff.
_FENCE_RUN = re.compile(r"^[ +\-]? {0,3}(`{3,})", re.MULTILINE)


class _FrontMatterDumper(yaml.SafeDumper):
    """PyYAML as the format was made with: multi-line strings as literal blocks."""


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_FrontMatterDumper.add_representer(str, _represent_str)


def fence(patch: str) -> str:
    """One backtick more than the longest run that could close a fence in the patch; >= 4."""
    longest = max((len(run) for run in _FENCE_RUN.findall(patch)), default=3)
    return "`" * (max(longest, 3) + 1)


def front_matter(report: Report) -> str:
    metadata = {
        "title": f"[{report.locale}] {report.title}",
        "date": report.date,
        "permalink": report.permalink,
        "summary": report.summary,
    }
    return yaml.dump(
        metadata, allow_unicode=True, default_flow_style=False, Dumper=_FrontMatterDumper
    )


def summary_json(item_type: str, title: str) -> str:
    return json.dumps(
        {"modification_type": item_type, "modification_title": title},
        ensure_ascii=False,
        indent=4,
    )


def table_cell(text: str) -> str:
    """Keep a table row one row: no line breaks, pipes escaped."""
    return " ".join(str(text).split("\n")).replace("|", "\\|")


def basename(path: str) -> str:
    return path.rsplit("/", 1)[-1]


@lru_cache(maxsize=8)
def _environment(directory: str) -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(directory),
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        # "{#" opens every heading anchor of the format, so comments use another marker.
        comment_start_string="<#--",
        comment_end_string="--#>",
    )
    environment.filters.update(
        anchor=anchor,
        fence=fence,
        front_matter=front_matter,
        summary_json=summary_json,
        cell=table_cell,
        basename=basename,
    )
    return environment


def _template(name: str) -> jinja2.Template:
    if name.startswith(SHIPPED_PREFIX):
        directory, file_name = resource_dir("templates"), name[len(SHIPPED_PREFIX) :]
    else:
        path = Path(name)
        if not path.is_file():
            raise UsageError(f"template {name}: no such file")
        directory, file_name = path.resolve().parent, path.name
    try:
        return _environment(str(directory)).get_template(file_name)
    except jinja2.TemplateNotFound:
        raise UsageError(f"template {name}: not found") from None
    except jinja2.TemplateSyntaxError as error:
        raise UsageError(f"template {name}: line {error.lineno}: {error.message}") from None


def render_markdown(report: Report, template: str = DEFAULT_TEMPLATE) -> str:
    """The Markdown of a report, byte for byte the Diff Insight Report format."""
    return _template(template).render(report=report)
