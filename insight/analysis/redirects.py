"""Where an old address now leads: the redirects a docs repository declares.

- docfx / Microsoft Learn: ``.openpublishing.redirection*.json`` (and the files the publish
  configuration lists in ``redirection_files``), entries with ``source_path`` or
  ``source_path_from_root`` and ``redirect_url``;
- MkDocs: the ``redirect_maps`` of the mkdocs-redirects plugin (paths in ``docs_dir``);
- Docusaurus: client-redirects entries ``{from: ..., to: ...}`` in ``docusaurus.config``;
- Netlify (any static site): ``_redirects`` lines ``/old /new`` and ``netlify.toml``
  ``[[redirects]]`` tables;
- Hugo ``aliases`` and Jekyll ``redirect_from`` in a page's front matter: old addresses that
  now lead to that page.

Redirects are read from the repository at the head of the range and from the change set
itself (the lines a redirect file gained), so ``insight classify`` sees the redirects of a
diff that carries its redirect file.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from insight.analysis.addresses import SiteMap, load_yaml, mkdocs_configs, read_config
from insight.models import FileChange
from insight.source.tree import Tree

_DOCFX_FILE = re.compile(r"(^|/)\.openpublishing\.redirection[^/]*\.json$")
_DOCUSAURUS_FILE = re.compile(r"(^|/)docusaurus\.config\.[cm]?[jt]s$")
_MKDOCS_FILE = re.compile(r"(^|/)mkdocs(\.[\w-]+)?\.ya?ml$")
_NETLIFY_FILE = re.compile(r"(^|/)_redirects$")
_NETLIFY_LINE = re.compile(r"^\s*(/\S*)\s+(\S+)")
_NETLIFY_TOML = re.compile(r"\bfrom\s*=\s*['\"]([^'\"]+)['\"]\s*\n\s*to\s*=\s*['\"]([^'\"]+)['\"]")
MIN_SUFFIX_PARTS = 2
"""A redirect names a page without a known address when the end of the page's path (this many
folders and names at least) is the redirect's source address."""
_BRACE = re.compile(r"[{}]")
"""What separates the entries of a docfx redirection file (flat objects), read in one pass."""
_SOURCE_PATH = re.compile(r'"source_path(?:_from_root)?"\s*:\s*"([^"]+)"')
_REDIRECT_URL = re.compile(r'"redirect_url"\s*:\s*"([^"]*)"')
_CLIENT_REDIRECT = re.compile(
    r"\bfrom\s*:\s*(\[[^\]]*\]|['\"`][^'\"`]+['\"`])\s*,\s*to\s*:\s*['\"`]([^'\"`]+)['\"`]"
    r"|\bto\s*:\s*['\"`]([^'\"`]+)['\"`]\s*,\s*from\s*:\s*(\[[^\]]*\]|['\"`][^'\"`]+['\"`])"
)
_QUOTED = re.compile(r"['\"`]([^'\"`]+)['\"`]")
_MAP_LINE = re.compile(r"^\s*['\"]?([^'\"\s:#][^'\":#]*?\.md)['\"]?\s*:\s*['\"]?([^'\"\s#]+)")
_ALIAS_KEYS = ("aliases", "redirect_from")


@dataclass
class Redirects:
    """Old source paths and old addresses, each with where it now leads."""

    by_path: dict[str, str] = field(default_factory=dict)
    by_address: dict[str, str] = field(default_factory=dict)

    def target(self, old_path: str, old_address: str | None) -> str | None:
        """Where the page once at ``old_path`` (published at ``old_address``) now leads."""
        found = self.by_path.get(old_path)
        if found is None and old_address:
            found = self.by_address.get(address_key(old_address))
        if found is None and old_address is None:
            found = self._by_path_end(old_path)
        return found

    def _by_path_end(self, old_path: str) -> str | None:
        """For a site whose addresses insight cannot derive: a redirect from an address that
        the page's path (without its extension) ends with."""
        parts = address_key(old_path).split("/")
        for start in range(len(parts) - MIN_SUFFIX_PARTS + 1):
            found = self.by_address.get("/".join(parts[start:]))
            if found is not None:
                return found
        return None

    def add_address(self, address: str, target: str) -> None:
        self.by_address.setdefault(address_key(address), target)


def address_key(address: str) -> str:
    """An address compared by its path alone, without case, extension or final slash."""
    path = urlsplit(address).path if "://" in address else address
    path = path.split("?", 1)[0].split("#", 1)[0].strip("/").lower()
    for suffix in (".html", ".md"):
        path = path.removesuffix(suffix)
    return path.removesuffix("/index")


def read_redirects(tree: Tree | None, changes: Sequence[FileChange], site: SiteMap) -> Redirects:
    """Every redirect the repository declares at the head, and those the change set adds."""
    redirects = Redirects()
    if tree is not None:
        _from_tree(tree, redirects)
    for change in changes:
        if change.status == "removed" or not change.patch or not _declares(change.path):
            continue
        added = "\n".join(line[1:] for line in change.patch.split("\n") if line.startswith("+"))
        _from_text(change.path, added, redirects, whole=False)
    for change in changes:
        _from_front_matter(change, site, redirects)
    return redirects


def _declares(path: str) -> bool:
    """A file that can declare redirects for other pages."""
    return path.endswith("netlify.toml") or any(
        pattern.search(path)
        for pattern in (_DOCFX_FILE, _DOCUSAURUS_FILE, _MKDOCS_FILE, _NETLIFY_FILE)
    )


def _from_tree(tree: Tree, redirects: Redirects) -> None:
    listed = read_config(tree, ".openpublishing.publish.config.json")
    named = listed.get("redirection_files", []) if isinstance(listed, dict) else []
    paths = {path for path in tree.paths if _DOCFX_FILE.search(path) and path.count("/") <= 2}
    paths.update(str(path) for path in named if isinstance(path, str))
    paths.update(path for path in tree.paths if _DOCUSAURUS_FILE.fullmatch(path))
    paths.update(
        path
        for path in tree.paths
        if (_NETLIFY_FILE.search(path) and path.count("/") <= 2) or path == "netlify.toml"
    )
    for path in sorted(paths):
        _from_text(path, tree.read(path) or "", redirects, whole=True)
    for path, config in mkdocs_configs(tree).items():
        _from_mkdocs(path, config, redirects)


def _from_text(path: str, text: str, redirects: Redirects, whole: bool) -> None:
    if not text:
        return
    if _DOCFX_FILE.search(path):
        # Each stretch between braces is one entry (or none); read in linear time, so a
        # file of a million source paths and no target is read in a moment, not hours.
        for entry in _BRACE.split(text):
            found, targets = _SOURCE_PATH.findall(entry), _REDIRECT_URL.findall(entry)
            if len(found) == 1 and len(targets) == 1:
                _docfx_entry(found[0], targets[0], redirects)
    elif _DOCUSAURUS_FILE.search(path):
        for match in _CLIENT_REDIRECT.finditer(text):
            sources = match.group(1) or match.group(4)
            target = match.group(2) or match.group(3)
            for source in _QUOTED.findall(sources):
                redirects.add_address(source, target)
    elif _NETLIFY_FILE.search(path):
        for line in text.split("\n"):
            pair = _NETLIFY_LINE.match(line)
            if pair:
                redirects.add_address(pair.group(1), pair.group(2))
    elif path.endswith("netlify.toml"):
        for source, target in _NETLIFY_TOML.findall(text):
            redirects.add_address(source, target)
    elif _MKDOCS_FILE.search(path) and not whole:
        docs_dir = posixpath.join(posixpath.dirname(path), "docs")
        for line in text.split("\n"):
            pair = _MAP_LINE.match(line)
            if pair:
                _map_entry(docs_dir, pair.group(1), pair.group(2), redirects)


def _docfx_entry(source: str, target: str, redirects: Redirects) -> None:
    redirects.by_path.setdefault(source.lstrip("/"), target)


def _from_mkdocs(path: str, config: Mapping[str, Any], redirects: Redirects) -> None:
    docs_dir = posixpath.normpath(
        posixpath.join(posixpath.dirname(path), str(config.get("docs_dir", "docs")))
    )
    for plugin in config.get("plugins") or []:
        settings = plugin.get("redirects") if isinstance(plugin, dict) else None
        maps = settings.get("redirect_maps") if isinstance(settings, dict) else None
        if isinstance(maps, dict):
            for source, target in maps.items():
                _map_entry(docs_dir, str(source), str(target), redirects)


def _map_entry(docs_dir: str, source: str, target: str, redirects: Redirects) -> None:
    shown = target if "://" in target else posixpath.join(docs_dir, target)
    redirects.by_path.setdefault(posixpath.join(docs_dir, source), shown)


def _from_front_matter(change: FileChange, site: SiteMap, redirects: Redirects) -> None:
    """Hugo ``aliases`` and Jekyll ``redirect_from``: old addresses of this page."""
    text = change.new_text
    if change.status == "removed" or not text or not text.startswith("---"):
        return
    end = text.find("\n---", 3)
    if end < 0 or not any(f"{key}:" in text[3:end] for key in _ALIAS_KEYS):
        return
    front = load_yaml(text[3:end])
    if not isinstance(front, dict):
        return
    target = site.address_of(change.path) or change.path
    for key in _ALIAS_KEYS:
        values = front.get(key)
        for value in values if isinstance(values, list) else [values] if values else []:
            redirects.add_address(str(value), target)
