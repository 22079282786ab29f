"""Which pages show a shared file: the reach of a change to an include or a snippet.

References, as each toolchain writes them:

- docfx: ``[!INCLUDE [text](../includes/file.md)]``, relative to the page;
- MkDocs (pymdownx.snippets): ``--8<-- "path"``, relative to the folder of ``mkdocs.yml``,
  its ``docs_dir`` or the page;
- Hugo: ``{{< readfile file="path" >}}`` and ``{{% include "path" %}}`` shortcodes;
- MDX (Docusaurus): ``import Name from './_file.mdx'`` (or ``@site/...``);
- data files a template loops over: Jekyll ``site.data.name``, Hugo ``.Site.Data.name``
  (``_data/name.yml``, ``data/name.yaml``…), for the names a page starts to show.

Candidates are the changed files a reader does not see as pages of their own (``include``
files, ``insight.analysis.site.kinds``). The pages that name one are found with a single
``git grep`` at the head of the range for the markers every reference holds (``include_scan``),
which does not depend on the change set and so starts before it is read.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

from insight.analysis.document.detectors.entries import lead_name
from insight.analysis.document.titles import page_headings
from insight.analysis.document.words import name_key
from insight.analysis.site.kinds import folders_above
from insight.models import MARKDOWN_SUFFIXES, FileChange
from insight.source.tree import Search, Tree

MAX_CANDIDATES = 500
PAGE_SUFFIXES = (*MARKDOWN_SUFFIXES, ".html")
MARKERS = ("[!include", "--8<--", "{{<", "{{%", "import")
"""Text every reference of ``_REFERENCES`` holds (in any case): the lines the scan keeps."""
_REFERENCES = (
    re.compile(r"\[!INCLUDE\s*\[[^\]]*\]\(\s*<?([^)\s>]+)>?\s*\)\s*\]", re.IGNORECASE),
    re.compile(r"--8<--\s*['\"]([^'\"]+)['\"]"),
    re.compile(r"\{\{[<%]\s*(?:readfile|include|readFile)\s+(?:file\s*=\s*)?['\"]([^'\"]+)['\"]"),
    re.compile(r"^\s*import\s+[\w{}\s,*]+\s+from\s+['\"]([^'\"]+\.mdx?)['\"]", re.MULTILINE),
)
_CODE_SPAN = re.compile(r"`([^`\n]+)`")
_MARKER_BYTES = tuple(marker.encode() for marker in MARKERS)
DATA_REFERENCE = re.compile(r"\b(?:site|Site|hugo)\.[Dd]ata\.([\w-]+)")
"""A template's reference to a data file of the site: Jekyll ``site.data.name``, Hugo
``.Site.Data.name`` or ``hugo.Data.name``."""
DATA_FOLDERS = ("_data", "data")
DATA_SUFFIXES = (".yml", ".yaml", ".json", ".toml")
_SHOWN_MARKER_BYTES = (*_MARKER_BYTES, b"data.")
_DATA_NAME = re.compile(
    r"^[ \t-]*([\w.-]+)[ \t]*:[ \t]*(?:([\"']?)([^\s\"'#]+)\2)?[ \t]*$", re.MULTILINE
)
"""A YAML key, and the value it gives when that value is one word (``name: short_year``,
``template: /:year/:title``)."""


def include_scan(tree: Tree) -> Search:
    """The lines of the pages at ``tree`` that may reference a shared file (started now)."""
    return tree.search(MARKERS, PAGE_SUFFIXES, ignore_case=True)


def pages_including(
    tree: Tree, shared: Sequence[str], bases: Iterable[str] = ()
) -> dict[str, list[str]]:
    """For each shared file, the pages that include it, sorted; files nobody shows are left out."""
    wanted = set(shared[:MAX_CANDIDATES])
    if not wanted:
        return {}
    found: dict[str, set[str]] = {}
    for page, _, targets in _references(include_scan(tree).lines(), ["", *bases]):
        for target in (targets & wanted) - {page}:
            found.setdefault(target, set()).add(page)
    return {path: sorted(pages) for path, pages in found.items()}


def names_newly_shown(
    change: FileChange,
    paths: frozenset[str],
    roots: Sequence[str],
    read: Callable[[str], str | None],
) -> tuple[tuple[str, str], ...]:
    """The names a page starts to show through shared files: for each reference its patch
    adds to one of ``paths``, the headings, the entries (list items and definition terms led
    by a name) and the code spans of that file (``read`` gives its text), each as
    ``(name_key(name), file)``."""
    shown: dict[str, str] = {}
    for line in _with_marker(change.patch or ""):
        for pattern in _REFERENCES:
            for reference in pattern.findall(line):
                for target in sorted(_resolved(change.path, reference, roots) & paths):
                    for name in _names(read(target)):
                        shown.setdefault(name_key(name), target)
        for data in DATA_REFERENCE.findall(line):
            for target in sorted(_data_files(change.path, data, roots) & paths):
                for name in _data_names(read(target)):
                    shown.setdefault(name_key(name), target)
    return tuple(shown.items())


def _data_files(page: str, name: str, roots: Sequence[str]) -> set[str]:
    """Where the data file a template names may be: in the data folder of the site's root,
    of a root of its content, or of a folder above the page (the site's source)."""
    folders = [*roots, *folders_above(posixpath.dirname(page))]
    return {
        posixpath.normpath(posixpath.join(folder, data_folder, name + suffix))
        for folder in folders
        for data_folder in DATA_FOLDERS
        for suffix in DATA_SUFFIXES
    }


def _data_names(text: str | None) -> list[str]:
    """The keys of a data file, and the values of one word (``_DATA_NAME``)."""
    if not text:
        return []
    return [name for match in _DATA_NAME.finditer(text) for name in (match[1], match[3]) if name]


def pages_that_showed(
    tree: Tree, changes: Sequence[FileChange], removed: Sequence[str], bases: Iterable[str] = ()
) -> dict[str, set[str]]:
    """For each removed shared file looked at (the first ``MAX_CANDIDATES``), the pages that
    showed it at the start of the range: the pages that still name it, and the changed pages
    whose patch took a reference to it out; none, for a file no page showed. A reference the
    site resolves through an alias of its own (``@components/x.mdx``) is taken to name every
    removed file of its file name."""
    wanted = set(removed[:MAX_CANDIDATES])
    if not wanted:
        return {}
    by_name: dict[str, set[str]] = {}
    for path in wanted:
        by_name.setdefault(posixpath.basename(path), set()).add(path)
    lines = dict(include_scan(tree).lines())
    for change in changes:
        if change.patch:
            page = change.old_path or change.path
            lines[page] = [*lines.get(page, []), *_with_marker(change.patch, "-")]
    showed: dict[str, set[str]] = {path: set() for path in wanted}
    for page, reference, targets in _references(lines, ["", *bases]):
        named = targets & wanted | by_name.get(
            posixpath.basename(reference.split("?", 1)[0]), set()
        )
        for target in named - {page}:
            showed[target].add(page)
    return showed


def _references(
    lines: Mapping[str, Sequence[str]], roots: Sequence[str]
) -> Iterator[tuple[str, str, set[str]]]:
    """Each reference the lines of each page hold: (the page, the reference as written, the
    files it may point to)."""
    for page, texts in lines.items():
        for text in texts:
            for pattern in _REFERENCES:
                for reference in pattern.findall(text):
                    yield page, reference, _resolved(page, reference, roots)


def _with_marker(patch: str, sign: str = "+") -> list[str]:
    """The lines of a patch a side gained (``+``) or lost (``-``), without their sign, that
    hold a reference's marker.

    The markers are ASCII: the patch is searched as UTF-8 bytes lower-cased in ASCII only,
    which keeps every offset (``str.lower`` may not: "İ" becomes two characters)."""
    data = patch.encode("utf-8", "surrogatepass")
    mark = sign.encode()
    lowered = data.lower()
    lines: dict[int, str] = {}
    for marker in _SHOWN_MARKER_BYTES:
        found = lowered.find(marker)
        while found >= 0:
            start = data.rfind(b"\n", 0, found) + 1
            end = data.find(b"\n", found)
            end = end if end >= 0 else len(data)
            if data.startswith(mark, start):
                lines[start] = data[start + 1 : end].decode("utf-8", "surrogatepass")
            found = lowered.find(marker, end)
    return [lines[start] for start in sorted(lines)]


def _names(text: str | None) -> list[str]:
    """The headings of a shared file, the names its entries are led by and those its code
    spans name."""
    if not text:
        return []
    names = [heading.title for heading in page_headings(text)]
    names += [name for line in text.split("\n") if (name := lead_name(line))]
    return names + _CODE_SPAN.findall(text)


def _resolved(page: str, reference: str, roots: Sequence[str]) -> set[str]:
    """Where a reference may point: beside the page, or from one of the roots."""
    reference = reference.split("#", 1)[0].split("?", 1)[0]
    if reference.startswith("@site/"):
        return {posixpath.normpath(reference.removeprefix("@site/"))}
    if reference.startswith("/"):  # from a root, or from the content folder the page is in
        folders = [*roots, *folders_above(posixpath.dirname(page))]
        return {posixpath.normpath(posixpath.join(root, reference.lstrip("/"))) for root in folders}
    candidates = {posixpath.normpath(posixpath.join(posixpath.dirname(page), reference))}
    candidates.update(posixpath.normpath(posixpath.join(root, reference)) for root in roots)
    return candidates
