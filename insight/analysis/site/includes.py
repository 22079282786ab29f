"""Which pages show a shared file: the reach of a change to an include or a snippet.

References, as each toolchain writes them:

- docfx: ``[!INCLUDE [text](../includes/file.md)]``, relative to the page;
- MkDocs (pymdownx.snippets): ``--8<-- "path"``, relative to the folder of ``mkdocs.yml``,
  its ``docs_dir`` or the page;
- Hugo: ``{{< readfile file="path" >}}`` and ``{{% include "path" %}}`` shortcodes;
- MDX (Docusaurus): ``import Name from './_file.mdx'`` (or ``@site/...``).

Candidates are the changed files a reader does not see as pages of their own (``include``
files, ``insight.analysis.site.kinds``). The pages that name one are found with a single
``git grep`` at the head of the range.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Sequence

from insight.models import MARKDOWN_SUFFIXES
from insight.source.tree import Tree

MAX_CANDIDATES = 500
PAGE_SUFFIXES = (*MARKDOWN_SUFFIXES, ".html")
_REFERENCES = (
    re.compile(r"\[!INCLUDE\s*\[[^\]]*\]\(\s*<?([^)\s>]+)>?\s*\)\s*\]", re.IGNORECASE),
    re.compile(r"--8<--\s*['\"]([^'\"]+)['\"]"),
    re.compile(r"\{\{[<%]\s*(?:readfile|include|readFile)\s+(?:file\s*=\s*)?['\"]([^'\"]+)['\"]"),
    re.compile(r"^\s*import\s+[\w{}\s,*]+\s+from\s+['\"]([^'\"]+\.mdx?)['\"]", re.MULTILINE),
)


def pages_including(
    tree: Tree, shared: Sequence[str], bases: Iterable[str] = ()
) -> dict[str, list[str]]:
    """For each shared file, the pages that include it, sorted; files nobody shows are left out."""
    wanted = set(shared[:MAX_CANDIDATES])
    if not wanted:
        return {}
    roots = ["", *bases]
    lines = tree.grep((posixpath.basename(path) for path in wanted), PAGE_SUFFIXES)
    found: dict[str, set[str]] = {}
    for page, texts in lines.items():
        for text in texts:
            for pattern in _REFERENCES:
                for reference in pattern.findall(text):
                    for target in _resolved(page, reference, roots):
                        if target in wanted and target != page:
                            found.setdefault(target, set()).add(page)
    return {path: sorted(pages) for path, pages in found.items()}


def _resolved(page: str, reference: str, roots: Sequence[str]) -> set[str]:
    """Where a reference may point: beside the page, or from one of the roots."""
    reference = reference.split("#", 1)[0].split("?", 1)[0]
    if reference.startswith("@site/"):
        return {posixpath.normpath(reference.removeprefix("@site/"))}
    if reference.startswith("/"):
        return {posixpath.normpath(posixpath.join(root, reference.lstrip("/"))) for root in roots}
    candidates = {posixpath.normpath(posixpath.join(posixpath.dirname(page), reference))}
    candidates.update(posixpath.normpath(posixpath.join(root, reference)) for root in roots)
    return candidates
