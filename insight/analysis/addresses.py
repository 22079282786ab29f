"""Where a documentation file is published: the docs toolchain, read from the repository.

Each toolchain's own rules, as its documentation states them:

- docfx / Microsoft Learn (``.openpublishing.publish.config.json`` with ``docfx.json`` in each
  docset's ``build_source_folder``): a file matched by a ``build.content`` entry (``src``,
  ``dest``, ``files``, ``exclude``) is published at
  ``https://learn.microsoft.com/{locale}/{build_output_subfolder}/{dest}/{path}`` without its
  extension, lower case; ``index`` pages at their folder's address.
- MkDocs (``mkdocs.yml`` or a variant such as ``mkdocs.public.yml``, also per language
  with ``INHERIT``): ``site_url`` + the page's path
  in ``docs_dir``; with ``use_directory_urls`` (the default) ``a/b.md`` is ``a/b/`` and
  ``index.md``/``README.md`` the folder; without it ``a/b.html``.
- Hugo (``hugo.toml``/``config.toml``/``.yaml``): ``baseURL`` + the path under ``content/``,
  ``_index.md``/``index.md`` the folder.
- Docusaurus (``docusaurus.config.js``/``.ts``): ``url`` + ``baseUrl`` + ``docs/`` + the path
  under ``docs/``, ``index``/``README`` the folder.
- Jekyll (``_config.yml``): ``url`` + ``baseurl`` + the path as ``.html``.
- mdBook (``book.toml``): ``site-url`` + the path under ``src/`` as ``.html``.

A ``docs_url`` setting overrides all of these: the path with its extension removed, as a
folder, under that address. Files a toolchain does not publish (includes, files outside
``docs_dir``) have no address.
"""

from __future__ import annotations

import functools
import json
import logging
import posixpath
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml
from wcmatch import glob

from insight.models import MARKDOWN_SUFFIXES
from insight.source.languages import Layout, detect_layouts
from insight.source.tree import Tree

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

LOG = logging.getLogger(__name__)
LEARN = "https://learn.microsoft.com"
PAGE_SUFFIXES = (*MARKDOWN_SUFFIXES, ".yml", ".yaml", ".ipynb", ".html", ".rst")
_GLOB_FLAGS = glob.GLOBSTAR | glob.DOTGLOB
MKDOCS_CONFIG = re.compile(r"mkdocs(?:\.[\w-]+)?\.ya?ml")
"""``mkdocs.yml``, and the variants projects keep beside it (``mkdocs.template.yml``)."""
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")
_JS_STRING_SETTING = r"\b{name}\s*:\s*['\"`]([^'\"`]*)['\"`]"


@dataclass(frozen=True)
class Rule:
    """One published folder: files under ``source`` go to ``address`` (a URL, ending in /)."""

    source: str
    """A folder of the repository, ending in ``/`` (or empty: the whole repository)."""
    address: str
    page_end: str = "/"
    """What ends a page's address: ``/`` (a folder), ``.html``, or nothing."""
    lower: bool = False
    files: tuple[str, ...] = ()
    """Globs (relative to ``source``) the file must match; none: every page."""
    exclude: tuple[str, ...] = ()


@dataclass(frozen=True)
class SiteMap:
    """The toolchain found and its rules; ``address_of`` answers for any path."""

    toolchain: str | None
    rules: tuple[Rule, ...] = ()
    ignores_case: bool = False
    """Microsoft Learn addresses ignore case, so a case-only rename keeps its address."""
    root: str | None = None
    """What an address that starts with ``/`` is relative to (the site's origin)."""

    def address_of(self, path: str) -> str | None:
        name = posixpath.basename(path).lower()
        if not name.endswith(PAGE_SUFFIXES) or name.startswith("toc."):
            return None
        for rule in self.rules:
            if not path.startswith(rule.source):
                continue
            relative = path[len(rule.source) :]
            if rule.files and not glob.globmatch(relative, rule.files, flags=_GLOB_FLAGS):
                continue
            if rule.exclude and glob.globmatch(relative, rule.exclude, flags=_GLOB_FLAGS):
                continue
            return _address(rule, relative)
        return None

    def same_address(self, old_path: str, new_path: str) -> bool:
        """Whether a move keeps the page's published address."""
        if self.ignores_case and old_path.lower() == new_path.lower():
            return True  # a case-only rename on a site whose addresses ignore case
        old, new = self.address_of(old_path), self.address_of(new_path)
        if old is None or new is None:
            return False
        return old.lower() == new.lower() if self.ignores_case else old == new

    def absolute(self, target: str) -> str:
        """A redirect target as a reader can follow it: a page's address, or a full URL."""
        if "://" in target:
            return target
        address = self.address_of(target)
        if address:
            return address
        if target.startswith("/") and self.root:
            return self.root + target.lstrip("/")
        return target


def _address(rule: Rule, relative: str) -> str:
    stem, _ = posixpath.splitext(relative)
    folder, name = posixpath.split(stem)
    if name.lower() in ("index", "readme", "_index"):
        page = f"{folder}/" if folder else ""
    else:
        page = stem + rule.page_end
    address = rule.address + page
    return address.lower() if rule.lower else address


def site_map(tree: Tree, docs_url: str | None = None) -> SiteMap:
    """The site map of the repository at ``tree``; ``docs_url`` (a setting) overrides."""
    if docs_url:
        return SiteMap("docs_url", (Rule("", _folder(docs_url)),), root=_origin(docs_url))
    for detect in _DETECTORS:
        found = detect(tree)
        if found is not None and found.rules:
            return found
    return SiteMap(None)


def _origin(url: str) -> str:
    """``https://host/`` of an address."""
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}/"


def _folder(url: str) -> str:
    return url if url.endswith("/") else url + "/"


def _join(*parts: str) -> str:
    """Path parts joined with single slashes, ending in one (an empty part adds nothing)."""
    cleaned = [part.strip("/") for part in parts if part.strip("/") not in ("", ".")]
    return "/".join(cleaned) + "/" if cleaned else ""


MAX_DEPTH = 100
"""Nesting a configuration file may have; one nested deeper is not read (a parser would
recurse past Python's limit on it, and so would a walk over what it made)."""


def read_config(tree: Tree, path: str) -> Any:
    """The configuration file ``path`` of ``tree``, parsed by its suffix (JSON, TOML, YAML);
    None when it is missing, unreadable or nested too deeply. Each text is parsed once."""
    return _parsed(tree.read(path), path)


@functools.lru_cache(maxsize=16)
def _parsed(text: str | None, path: str) -> Any:
    if path.endswith(".toml"):
        return load_toml(text, path)
    if path.endswith((".yml", ".yaml")):
        return load_yaml(text, path)
    return load_json(text, path)


def _shallow(load: Callable[[], Any], name: str) -> Any:
    """What ``load`` makes, or None when it nests deeper than ``MAX_DEPTH``."""
    try:
        value = load()
    except RecursionError:
        value, level = None, None
    else:
        level = [value]
        for _ in range(MAX_DEPTH):  # level by level: no recursion
            level = [
                child
                for item in level
                if isinstance(item, (dict, list))
                for child in (item.values() if isinstance(item, dict) else item)
            ]
            if not level:
                return value
    LOG.warning("%s nests deeper than %d levels; it was not read", name, MAX_DEPTH)
    return None


def load_json(text: str | None, name: str = "a JSON file") -> Any:
    """JSON as docfx and the Learn publishing system accept it: trailing commas allowed."""
    if not text:
        return None
    try:
        return _shallow(lambda: json.loads(text), name)
    except json.JSONDecodeError:
        try:
            return _shallow(lambda: json.loads(_TRAILING_COMMA.sub(r"\1", text)), name)
        except json.JSONDecodeError:
            return None


def load_toml(text: str | None, name: str = "a TOML file") -> Any:
    if not text:
        return None
    try:
        return _shallow(lambda: tomllib.loads(text), name)
    except tomllib.TOMLDecodeError:
        return None


def _docfx(tree: Tree) -> SiteMap | None:
    publish = read_config(tree, ".openpublishing.publish.config.json")
    if not isinstance(publish, dict):
        return None
    rules: list[Rule] = []
    locale = "en-us"
    for docset in publish.get("docsets_to_publish") or []:
        if not isinstance(docset, dict):
            continue
        source = _join(str(docset.get("build_source_folder") or ""))
        output = str(docset.get("build_output_subfolder") or "")
        locale = str(docset.get("locale") or locale)
        base = _join(LEARN, locale, output)
        docfx = read_config(tree, f"{source}docfx.json")
        content = (docfx or {}).get("build", {}).get("content") if isinstance(docfx, dict) else None
        for entry in content or [{"files": ["**/*.md", "**/*.yml"]}]:
            if not isinstance(entry, dict):
                continue
            rules.append(
                Rule(
                    source=_join(source, str(entry.get("src") or "")),
                    address=_join(base, str(entry.get("dest") or "")),
                    page_end="",
                    lower=True,
                    files=tuple(str(item) for item in entry.get("files") or ()),
                    exclude=tuple(str(item) for item in entry.get("exclude") or ()),
                )
            )
    return SiteMap("docfx", tuple(rules), ignores_case=True, root=_join(LEARN, locale))


class _MkDocsLoader(yaml.SafeLoader):
    """YAML that skips the Python tags MkDocs configurations carry (``!!python/name:``)."""


_MkDocsLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def load_yaml(text: str | None, name: str = "a YAML file") -> Any:
    if not text:
        return None
    try:
        return _shallow(lambda: yaml.load(text, Loader=_MkDocsLoader), name)
    except yaml.YAMLError:
        return None


def mkdocs_configs(tree: Tree) -> dict[str, dict[str, Any]]:
    """Every ``mkdocs.yml`` (at most three folders deep), read, by path."""
    found = {}
    for path in sorted(tree.paths):
        if MKDOCS_CONFIG.fullmatch(posixpath.basename(path)) and path.count("/") <= 3:
            config = read_config(tree, path)
            if isinstance(config, dict):
                found[path] = config
    return found


def _mkdocs(tree: Tree) -> SiteMap | None:
    configs = mkdocs_configs(tree)
    rules = []
    for path, config in configs.items():
        folder = posixpath.dirname(path)
        site_url = config.get("site_url")
        inherited = config.get("INHERIT")
        if not site_url and isinstance(inherited, str):
            parent_path = posixpath.normpath(posixpath.join(folder, inherited))
            parent = configs.get(parent_path, {})
            if parent.get("site_url"):
                # A language's configuration beside the default one publishes under its folder.
                site_url = _join(str(parent["site_url"]), posixpath.basename(folder))
        if not site_url:
            continue
        docs_dir = posixpath.normpath(posixpath.join(folder, str(config.get("docs_dir", "docs"))))
        rules.append(
            Rule(
                source=_join(docs_dir),
                address=_folder(str(site_url)),
                page_end="/" if config.get("use_directory_urls", True) else ".html",
            )
        )
    rules += _translated(rules, detect_layouts(tree.paths))
    rules.sort(key=lambda rule: -len(rule.source))
    return SiteMap("mkdocs", tuple(rules), root=_origin(rules[0].address)) if rules else None


def _translated(rules: list[Rule], layouts: tuple[Layout, ...]) -> list[Rule]:
    """A translated tree without a configuration of its own publishes under its language's
    folder of the source site (FastAPI's ``docs/{lang}/docs``)."""
    covered = {rule.source for rule in rules}
    added = []
    for layout in layouts:
        source = next((rule for rule in rules if rule.source == _join(layout.source)), None)
        if source is None or layout.by_suffix:
            continue
        for language in layout.languages:
            folder = _join(layout.pattern.format(lang=language))
            if folder not in covered:
                address = _join(source.address, language)
                added.append(Rule(folder, address, page_end=source.page_end))
    return added


def _hugo(tree: Tree) -> SiteMap | None:
    for name in ("hugo.toml", "config.toml", "hugo.yaml", "config.yaml", "hugo.yml"):
        if name not in tree.paths:
            continue
        config = read_config(tree, name)
        if isinstance(config, dict) and config.get("baseURL"):
            address = _folder(str(config["baseURL"]))
            return SiteMap("hugo", (Rule("content/", address),), root=_origin(address))
    return None


def _docusaurus(tree: Tree) -> SiteMap | None:
    for name in ("docusaurus.config.js", "docusaurus.config.ts", "docusaurus.config.mjs"):
        text = tree.read(name)
        if text is None:
            continue
        url = re.search(_JS_STRING_SETTING.format(name="url"), text)
        base = re.search(_JS_STRING_SETTING.format(name="baseUrl"), text)
        route = re.search(_JS_STRING_SETTING.format(name="routeBasePath"), text)
        if url:
            route_base = route.group(1) if route else "docs"
            address = _join(url.group(1), base.group(1) if base else "", route_base)
            return SiteMap("docusaurus", (Rule("docs/", address),), root=_origin(address))
    return None


def _jekyll(tree: Tree) -> SiteMap | None:
    config = read_config(tree, "_config.yml")
    if not isinstance(config, dict) or not config.get("url"):
        return None
    address = _join(str(config["url"]), str(config.get("baseurl") or ""))
    return SiteMap("jekyll", (Rule("", address, page_end=".html"),), root=_origin(address))


def _mdbook(tree: Tree) -> SiteMap | None:
    config = read_config(tree, "book.toml")
    if not isinstance(config, dict):
        return None
    html = config.get("output", {}).get("html", {})
    url = html.get("site-url") if isinstance(html, dict) else None
    source = str(config.get("book", {}).get("src", "src"))
    if not url:
        return None
    address = _folder(str(url))
    return SiteMap("mdbook", (Rule(_join(source), address, page_end=".html"),), root=address)


_DETECTORS: tuple[Callable[[Tree], SiteMap | None], ...] = (
    _docfx,
    _mkdocs,
    _hugo,
    _docusaurus,
    _jekyll,
    _mdbook,
)
