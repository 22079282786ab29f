"""MkDocs hooks: pages and files made from the repository at build time.

The sample reports (``reports/``) become pages, the changelog a page, and the JSON Schemas
are published where their ``$id`` says (``schemas/``). Nothing here is copied into ``docs/``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
_HEADING_ID = re.compile(r"^(## .*?)\{#(item-[0-9a-f]{6})\}$", re.MULTILINE)
_TITLE = re.compile(r"^title: '?\[(?P<locale>[^\]]+)\] (?P<title>.*?)'?$", re.MULTILINE)


def on_files(files: Files, config: Any) -> Files:
    root = Path(config.config_file_path).parent
    samples = []
    for path in sorted((root / "reports").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        front = _FRONT_MATTER.match(text)
        named = _TITLE.search(front.group(1)) if front else None
        title = f"{named['title']} ({named['locale']})" if named else path.stem
        body = text[front.end() :] if front else text
        body = body.replace("<details>\n<summary>", '<details markdown="1">\n<summary>')
        body = _HEADING_ID.sub(r"\1 {#\2}", body)  # Python-Markdown wants a space before {#
        page = f"samples/{path.parent.name}-{path.stem}.md"
        files.append(File.generated(config, page, content=f"# {title}\n{body}"))
        samples.append((title, page.removeprefix("samples/"), path.relative_to(root)))
    listing = [
        "# Sample reports",
        "",
        "Reports insight wrote, offline, for the sample docs repository of its tests "
        "(`python tests/sample_docs.py`); each one also exists as its JSON model.",
        "",
    ]
    listing += [f"- [{title}]({page}) (`{source.as_posix()}`)" for title, page, source in samples]
    files.append(File.generated(config, "samples/index.md", content="\n".join(listing) + "\n"))
    for schema in sorted((root / "insight" / "schemas").glob("*.json")):
        files.append(File.generated(config, f"schemas/{schema.name}", content=schema.read_bytes()))
    changelog = (root / "CHANGELOG.md").read_text(encoding="utf-8")
    files.append(File.generated(config, "changelog.md", content=changelog))
    return files


README_ANCHORS = {
    "#model-engines": "engines.md",
    "#measuring": "engines.md#measuring",
    "#insight-eval-labelsjsonl": "commands.md#insight-eval-labelsjsonl",
    "#the-github-action": "action.md",
    "#the-three-types": "report.md#the-three-types",
    "#how-the-offline-engine-decides": "engines.md#how-the-offline-engine-decides",
    "#rules-the-words-the-analysis-reads": "configuration.md#rules-the-words-the-analysis-reads",
    "#configuration": "configuration.md",
    "#python-api": "api.md",
    "#the-report-model": "report.md#the-report-model",
}
"""The README's links to its own sections, as the pages that quote those sections."""
_QUOTE = re.compile(r'^--8<-- "README\.md:(?P<name>[\w-]+)"$', re.MULTILINE)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    """A line ``--8<-- "README.md:NAME"`` becomes the README's section NAME (between its
    ``[start:NAME]`` and ``[end:NAME]`` markers), its links to its own sections retargeted."""
    readme = (Path(config.config_file_path).parent / "README.md").read_text(encoding="utf-8")
    prefix = "../" * page.file.src_uri.count("/")

    def section(match: re.Match[str]) -> str:
        name = match.group("name")
        start, end = f"<!-- --8<-- [start:{name}] -->\n", f"<!-- --8<-- [end:{name}] -->"
        if start not in readme or end not in readme:
            raise ValueError(f"README.md has no section {name!r} for {page.file.src_uri}")
        text = readme.split(start, 1)[1].split(end, 1)[0]
        for anchor, target in README_ANCHORS.items():
            text = text.replace(f"]({anchor})", f"]({prefix}{target})")
        return text

    return _QUOTE.sub(section, markdown)
