"""Where a documentation file is published: the docs toolchain, read from the repository.

Each toolchain's own rules, as its documentation states them:

- docfx / Microsoft Learn (``.openpublishing.publish.config.json`` with ``docfx.json`` in each
  docset's ``build_source_folder``): a file matched by a ``build.content`` entry (``src``,
  ``dest``, ``files``, ``exclude``) is published at
  ``https://learn.microsoft.com/{locale}/{build_output_subfolder}/{dest}/{path}`` without its
  extension, lower case; ``index`` pages at their folder's address. Learn addresses ignore case.
- MkDocs (``mkdocs.yml`` or a variant such as ``mkdocs.public.yml``, also per language
  with ``INHERIT``): ``site_url`` + the page's path
  in ``docs_dir``; with ``use_directory_urls`` (the default) ``a/b.md`` is ``a/b/`` and
  ``index.md``/``README.md`` the folder; without it ``a/b.html``.
- Hugo (``hugo.toml``/``config.toml``/``.yaml``): ``baseURL`` + the path under ``contentDir``
  (``content/``), ``_index.md``/``index.md`` (a page bundle) the folder; front matter ``url``
  replaces the address, ``slug`` its last part; a ``headless`` bundle publishes no page.
- Docusaurus (``docusaurus.config.js``/``.ts``): ``url`` + ``baseUrl`` + ``routeBasePath``
  (``docs``) + the path under ``docs/`` without number prefixes (``01-intro.md``: ``intro``),
  ``index``/``README`` and a doc named as its folder (``guide/guide.md``) the folder; a file
  whose name starts with ``_`` is a partial, no page; front matter ``slug`` replaces the
  address (from ``/``) or its last part. Each docs instance (the preset's ``docs``, each
  ``plugin-content-docs``) publishes its ``path`` under its ``routeBasePath``. Versions: those
  ``versions.json`` lists, ``versioned_docs/version-X/`` at ``docs/X/`` (or the ``path`` its
  options give it); the last version (``lastVersion``, by default the first listed) at
  ``docs/``, and then ``docs/`` at ``docs/next/``. The blog (``blog/`` at ``blog/``): a post
  named by its date (``2024-10-07-kubecon.md``) at ``blog/2024/10/07/kubecon``, its ``slug``
  from the blog's address. Translations (``i18n/LANG/docusaurus-plugin-content-docs[-ID]/
  VERSION/``, ``…-blog/``) under ``LANG/`` and their instance's route.
- Starlight (``astro.config.*`` with the Starlight integration): ``site`` + the path under
  ``src/content/docs/``, ``index`` the folder; ``_`` files publish nothing.
- Jekyll (``_config.yml``): ``url`` + ``baseurl`` + the path as ``.html``; front matter
  ``permalink`` replaces the address; files and folders starting with ``_`` publish nothing.
- mdBook (``book.toml``): ``site-url`` + the path under ``src/`` as ``.html``, ``README.md``
  the folder.

Without a base address in the configuration, the same rules give each page a site-relative
route (``/guide/setup/``), which is enough to tell whether a move keeps the address. In a
repository with no toolchain found, every page file is routed by its path without the
extension, ``index``/``README`` the folder: ``page.md`` and ``page.mdx``, ``guide.md`` and
``guide/index.md`` publish at the same address on every common static-site generator.

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
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any, NamedTuple
from urllib.parse import urlsplit

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
PAGE_SUFFIXES = (*MARKDOWN_SUFFIXES, ".mdoc", ".yml", ".yaml", ".ipynb", ".html", ".rst")
_GLOB_FLAGS = glob.GLOBSTAR | glob.DOTGLOB | glob.BRACE
"""Globs as docfx, MkDocs and the others write them: `**` for any folders, `{md,yml}` for
either."""
MKDOCS_CONFIG = re.compile(r"mkdocs(?:\.[\w-]+)?\.ya?ml")
"""``mkdocs.yml``, and the variants projects keep beside it (``mkdocs.template.yml``)."""
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")
_JS_STRING_SETTING = r"\b{name}['\"]?\s*:\s*['\"`]([^'\"`]*)['\"`]"
"""``name: 'value'`` in a JavaScript configuration, the key quoted or not."""
INDEX_NAMES = frozenset(("index", "readme", "_index"))
"""Page names that publish at their folder's address."""
_NUMBER_PREFIX = re.compile(r"^\d+[-_.\s]+(?=[^\d])")
_VERSION_SEGMENT = re.compile(
    r"(?:v|version[-_]?|[a-z][a-z]*[-_])?\d+(?:\.\d+)*(?:\.x|[-.](?:preview|beta|alpha|rc)\w*)?",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?:19|20)\d\d")
_DATED = re.compile(r"(?<![^/])(\d{4})[-/](\d{2})[-/](\d{2})[-/]")
"""A blog post's date at the start of its name or folder (``2024-10-07-``, ``2024/10/07/``)."""


@dataclass(frozen=True)
class Rule:
    """One published folder: files under ``source`` go to ``address`` (ending in /): a URL, or
    a site-relative route (``/docs/``) when the configuration names no base address."""

    source: str
    """A folder of the repository, ending in ``/`` (or empty: the whole repository)."""
    address: str
    page_end: str = "/"
    """What ends a page's address: ``/`` (a folder), ``.html``, or nothing."""
    lower: bool = False
    files: tuple[str, ...] = ()
    """Globs (relative to ``source``) the file must match; none: every page."""
    exclude: tuple[str, ...] = ()
    number_prefixes: bool = False
    """Docusaurus: ``01-intro.md`` publishes as ``intro``."""
    partials: bool = False
    """Files whose name starts with ``_``, and every file in a folder whose name does, are
    partials that publish no page (``leaves_out``)."""
    folder_doc: bool = False
    """Docusaurus: a doc named as its folder (``guide/guide.md``) is the folder's page."""
    dated: bool = False
    """Docusaurus's blog: a post named by its date (``2024-10-07-kubecon.md``, or a folder so
    named) publishes under the date's folders (``2024/10/07/kubecon``); its front matter's
    ``slug`` is set from the blog's address."""

    @cached_property
    def _matcher(self) -> glob.WcMatcher:
        """``files`` less ``exclude``, compiled once (a range asks for thousands of paths)."""
        return glob.compile(self.files or "**", flags=_GLOB_FLAGS, exclude=self.exclude)

    def publishes(self, relative: str) -> bool:
        """Whether the file at ``relative`` (to ``source``) is one of this rule's pages."""
        return not (self.files or self.exclude) or self._matcher.match(relative)

    def leaves_out(self, relative: str) -> bool:
        """Whether the file at ``relative`` (to ``source``) is a partial (``partials``)."""
        return self.partials and any(part.startswith("_") for part in relative.split("/"))


@dataclass(frozen=True)
class SiteMap:
    """The toolchain found and its rules; ``route_of`` and ``address_of`` answer for any path."""

    toolchain: str | None
    rules: tuple[Rule, ...] = ()
    ignores_case: bool = False
    """Microsoft Learn addresses ignore case, so a case-only rename keeps its address."""
    root: str | None = None
    """What an address that starts with ``/`` is relative to (the site's origin)."""
    front_matter: tuple[str, ...] = ()
    """Front-matter keys that set a page's address here: ``permalink``, ``url`` (from the
    site's root), ``slug`` (the last part, or from the root when it starts with ``/``)."""
    _pages: dict[str, tuple[Rule, str] | None] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    """The rule each path asked about falls under, and the path relative to it (a range asks
    for the same paths many times)."""

    def address_of(self, path: str, text: str | None = None) -> str | None:
        """The address a reader opens; None when the file publishes no page or the
        configuration names no base address."""
        address = self._published(path, text)
        return address if address is not None and "://" in address else None

    def route_of(self, path: str, text: str | None = None) -> str | None:
        """The page's address as the site compares addresses: its path (without the origin,
        ``index.html`` or a final slash), without case where the site ignores case; None when
        the file publishes no page. ``text`` is the file, for an address set in its front matter."""
        address = self._published(path, text)
        return None if address is None else route_key(address, self.ignores_case)

    def is_partial(self, path: str) -> bool:
        """Whether ``path`` is a file, or lies in a folder, whose name starts with ``_`` under
        a content folder where such files and folders publish nothing."""
        return any(
            path.startswith(rule.source) and rule.leaves_out(path[len(rule.source) :])
            for rule in self.rules
        )

    def same_address(self, old_path: str, new_path: str) -> bool:
        """Whether a move keeps the page's published address."""
        if self.ignores_case and old_path.lower() == new_path.lower():
            return True  # a case-only rename on a site whose addresses ignore case
        old, new = self.route_of(old_path), self.route_of(new_path)
        return old is not None and old == new

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

    def _published(self, path: str, text: str | None) -> str | None:
        if path not in self._pages:
            self._pages[path] = self._rule_of(path)
        found = self._pages[path]
        if found is None:
            return None
        rule, relative = found
        address = _address(rule, relative)
        if text and self.front_matter:
            address = _front_matter_address(address, text, self, rule)
        return address

    def _rule_of(self, path: str) -> tuple[Rule, str] | None:
        """The first rule whose pages hold ``path``, and the path relative to it; None for a
        file that publishes no page."""
        name = posixpath.basename(path).lower()
        if not name.endswith(PAGE_SUFFIXES) or name.startswith("toc."):
            return None
        for rule in self.rules:
            if not path.startswith(rule.source):
                continue
            relative = path[len(rule.source) :]
            if not rule.publishes(relative):
                continue
            return None if rule.leaves_out(relative) else (rule, relative)
        return None


def route_key(address: str, ignores_case: bool = False) -> str:
    """An address compared as a site compares it: its path, without the origin, a final
    ``index.html`` or ``.html`` or slash; without case where the site ignores case."""
    path = urlsplit(address).path if "://" in address else address
    path = path.split("?", 1)[0].split("#", 1)[0]
    for end in ("index.html", ".html"):
        path = path.removesuffix(end)
    path = "/" + path.strip("/")
    return path.lower() if ignores_case else path


def version_twins(old_path: str, new_path: str) -> bool:
    """Two paths of the same page in two version folders (``azps-14.2.0/x.md`` and
    ``azps-14.3.0/x.md``, ``version-0.83/x.md`` and ``version-0.84/x.md``, ``7.4/x.md`` and
    ``7.5/x.md``): the same address under a version picker."""
    folders = twin_folders(old_path, new_path)
    return folders is not None and all(_is_version(folder) for folder in folders)


def twin_folders(path: str, other: str) -> tuple[str, str] | None:
    """The one folder in which two paths of the same file name differ (``7.4`` and ``7.5`` in
    ``7.4/x.md`` and ``7.5/x.md``, ``en`` and ``ja``), else None."""
    parts, other_parts = path.split("/"), other.split("/")
    if len(parts) != len(other_parts):
        return None
    differ = [i for i, (a, b) in enumerate(zip(parts, other_parts, strict=True)) if a != b]
    if len(differ) != 1 or differ[0] == len(parts) - 1:
        return None
    return parts[differ[0]], other_parts[differ[0]]


def version_added(old_route: str, new_route: str) -> bool:
    """A route that is another with a version folder added (``/docs/intro`` and
    ``/docs/3/intro``): the page carried into a version's part of the site, under its
    version picker."""
    return "/" + old_route.strip("/") in unversioned(new_route)


def unversioned(route: str) -> list[str]:
    """The route with one of its version folders taken out, for each it has (``/docs/3/intro``:
    ``/docs/intro``): where a page carried into that version's part of the site was served."""
    parts = route.strip("/").split("/")
    return [
        "/" + "/".join(parts[:index] + parts[index + 1 :])
        for index, part in enumerate(parts)
        if _is_version(part)
    ]


def _is_version(segment: str) -> bool:
    """A folder named as a version: ``7.4``, ``v2``, ``version-0.83``, ``azps-14.2.0``, ``2.x``;
    a year (a blog's ``2024/``) or a bare number without a dot or prefix is not one."""
    if not _VERSION_SEGMENT.fullmatch(segment) or _YEAR.fullmatch(segment):
        return False
    return not segment.isdigit() or len(segment) == 1


def _address(rule: Rule, relative: str) -> str:
    stem, _ = posixpath.splitext(relative)
    if rule.dated:
        stem = _DATED.sub(r"\1/\2/\3/", stem, count=1)
    parts = stem.split("/")
    if rule.number_prefixes:
        parts = [_NUMBER_PREFIX.sub("", part) for part in parts]
    folder, name = "/".join(parts[:-1]), parts[-1]
    if name.lower() in INDEX_NAMES or (rule.folder_doc and folder.rsplit("/", 1)[-1] == name):
        page = f"{folder}/" if folder else ""
    else:
        page = "/".join(parts) + rule.page_end
    address = rule.address + page
    return address.lower() if rule.lower else address


_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_FRONT_KEY = re.compile(r"^(permalink|url|slug)\s*:\s*['\"]?([^'\"#\n]*?)['\"]?\s*$", re.MULTILINE)


def _front_matter_address(address: str, text: str, site: SiteMap, rule: Rule) -> str:
    """The address a page's front matter sets, else ``address``: ``permalink`` and ``url``
    from the site's root; ``slug`` from the rule's base when it starts with ``/``, else in
    place of the address's last part."""
    front = _FRONT_MATTER.match(text[:8000])
    if front is None:
        return address
    keys = {key: value.strip() for key, value in _FRONT_KEY.findall(front.group(1)) if value}
    for key in site.front_matter:
        value = keys.get(key)
        if not value:
            continue
        if key != "slug":
            root = (site.root or _origin(rule.address)) if "://" in rule.address else "/"
            return root + value.lstrip("/")
        if value.startswith("/") or rule.dated:
            return rule.address + value.lstrip("/")
        parent = address.rstrip("/").rsplit("/", 1)[0]
        return f"{parent}/{value}{rule.page_end}"
    return address


def site_map(tree: Tree, docs_url: str | None = None) -> SiteMap:
    """The site map of the repository at ``tree``; ``docs_url`` (a setting) overrides. A
    repository whose toolchain is not found has every page file routed by its path.

    Worked out once per run while the configuration files stay the same (a backfill's days)."""
    return tree.remembered(f"site map {docs_url or ''}", lambda tree: _site_map(tree, docs_url))


def _site_map(tree: Tree, docs_url: str | None) -> SiteMap:
    if docs_url:
        return SiteMap("docs_url", (Rule("", _folder(docs_url)),), root=_origin(docs_url))
    for detect in _DETECTORS:
        found = detect(tree)
        if found is not None and found.rules:
            return found
    return FILES


FILES = SiteMap("files", (Rule("", "/"),))
"""No toolchain found: each page file at its path, ``index``/``README`` the folder."""


def _origin(url: str) -> str:
    """``https://host/`` of an address."""
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}/"


def _folder(url: str) -> str:
    return url if url.endswith("/") else url + "/"


def _join(*parts: str) -> str:
    """Path parts joined with single slashes, ending in one (an empty part adds nothing); a
    first part that starts with ``/`` (a site-relative route) keeps it."""
    cleaned = [part.strip("/") for part in parts if part.strip("/") not in ("", ".")]
    lead = "/" if parts and parts[0].startswith("/") else ""
    return lead + "/".join(cleaned) + "/" if cleaned else lead


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
    return _too_deep(name)


def _too_deep(name: str) -> None:
    LOG.warning("%s nests deeper than %d levels; it was not read", name, MAX_DEPTH)


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
        docfx = read_config(tree, f"{source}docfx.json")
        base = _learn_base(locale, output, _breadcrumb(docfx))
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


def _breadcrumb(docfx: Any) -> str:
    """The ``breadcrumb_path`` a docset's ``docfx.json`` gives its pages, or ``""``."""
    build = docfx.get("build") if isinstance(docfx, dict) else None
    metadata = build.get("globalMetadata") if isinstance(build, dict) else None
    crumb = metadata.get("breadcrumb_path") if isinstance(metadata, dict) else None
    return crumb if isinstance(crumb, str) else ""


def _learn_base(locale: str, output: str, breadcrumb: str) -> str:
    """Where a docset's pages are published. The docset's output folder names the last part
    of its address, and its breadcrumb file is published under that address
    (``/windows/wsl/breadcrumb/toc.json`` for the folder ``wsl``): the address runs up to
    that folder. A breadcrumb elsewhere (``/powershell/dsc/…`` for ``PowerShell-Docs-DSC``)
    says the folder is no part of the address, which the repository does not tell: the pages
    then get a route of their own to compare moves by, and no address a reader could open.
    A breadcrumb named from the docset's own root (``~/``) tells nothing of the address."""
    folders = [part for part in output.split("/") if part]
    crumbs = [part for part in breadcrumb.split("/") if part]
    if not crumbs or not folders or crumbs[0] == "~":
        return _join(LEARN, locale, output)  # "~/bread/toc.yml": a file of the docset itself
    wanted = [part.lower() for part in folders]
    for start in range(len(crumbs) - len(folders) + 1):
        if [part.lower() for part in crumbs[start : start + len(folders)]] == wanted:
            return _join(LEARN, locale, *crumbs[: start + len(folders)])
    return _join("/", output)


class _MkDocsLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """YAML that skips the Python tags MkDocs configurations carry (``!!python/name:``).

    libyaml's parser where PyYAML has it: front matter is read from every changed page, and
    the pure-Python parser took 1.5 s for 650 small ones."""


_MkDocsLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def load_yaml(text: str | None, name: str = "a YAML file") -> Any:
    if not text:
        return None
    try:
        return _shallow(lambda: yaml.load(text, Loader=_MkDocsLoader), name)
    except yaml.YAMLError as error:  # libyaml refuses nesting past 1,000 levels itself
        return _too_deep(name) if "nesting depth" in str(error) else None


def mkdocs_config_paths(tree: Tree) -> list[str]:
    """Every ``mkdocs.yml`` at most three folders deep, sorted."""
    return _config_paths(tree, lambda name: MKDOCS_CONFIG.fullmatch(name) is not None)


def _config_paths(tree: Tree, named: Callable[[str], bool]) -> list[str]:
    """Every file of ``tree`` at most three folders deep whose name is ``named``, sorted: a
    toolchain's configuration kept beside the docs it builds, in a code repository too."""
    return sorted(
        path for path in tree.paths if path.count("/") <= 3 and named(posixpath.basename(path))
    )


def mkdocs_configs(tree: Tree, paths: Sequence[str] | None = None) -> dict[str, dict[str, Any]]:
    """Every ``mkdocs.yml`` (at most three folders deep, or at ``paths``), read, by path."""
    found = {}
    for path in mkdocs_config_paths(tree) if paths is None else paths:
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
            site_url = configs.get(parent_path, {}).get("site_url")
            if posixpath.dirname(parent_path) != folder:
                # A language's configuration beside the default one publishes under its folder.
                site_url = _join(_base(site_url), posixpath.basename(folder))
        docs_dir = posixpath.normpath(posixpath.join(folder, str(config.get("docs_dir", "docs"))))
        rules.append(
            Rule(
                source=_join(docs_dir),
                address=_base(str(site_url) if site_url else None),
                page_end="/" if config.get("use_directory_urls", True) else ".html",
            )
        )
    rules += _translated(rules, detect_layouts(tree.paths))
    rules.sort(key=lambda rule: -len(rule.source))
    return SiteMap("mkdocs", tuple(rules), root=_root_of(rules)) if rules else None


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


HUGO_CONFIGS = tuple(
    f"{folder}{name}.{suffix}"
    for folder in ("", "config/_default/")
    for name in ("hugo", "config")
    for suffix in ("toml", "yaml", "yml")
)


def _hugo(tree: Tree) -> SiteMap | None:
    for site, name in _hugo_configs(tree):
        config = read_config(tree, name)
        if not isinstance(config, dict):
            continue
        address = _base(str(config["baseURL"]) if config.get("baseURL") else None)
        lower = not config.get("disablePathToLower", False)  # Hugo lower-cases its paths
        default = str(config.get("defaultContentLanguage") or "en")
        in_folder = bool(config.get("defaultContentLanguageInSubdir"))
        rules = _hugo_mounts(config, site, address, default, in_folder, lower) or [
            Rule(_join(site, str(config.get("contentDir") or "content")), address, lower=lower)
        ]
        languages = config.get("languages")
        for language, settings in (languages if isinstance(languages, dict) else {}).items():
            if isinstance(settings, dict) and settings.get("contentDir"):
                folder = _join(site, str(settings["contentDir"]))
                prefix = _language_folder(language, default, in_folder)
                rules.insert(0, Rule(folder, _join(address, prefix), lower=lower))
        if site and not any(path.startswith(rule.source) for rule in rules for path in tree.paths):
            continue  # a configuration of something else (``.cargo/config.toml``)
        return SiteMap("hugo", tuple(rules), root=_root_of(rules), front_matter=("url", "slug"))
    return None


def _hugo_configs(tree: Tree) -> Iterator[tuple[str, str]]:
    """(the site's folder, its configuration): at the top of the repository, else in a
    folder of its own (``site/config.toml`` in a code repository)."""
    yield from (("", name) for name in HUGO_CONFIGS if name in tree.paths)
    for folder in sorted({path.split("/", 1)[0] for path in tree.paths if "/" in path}):
        for name in HUGO_CONFIGS:
            if f"{folder}/{name}" in tree.paths:
                yield folder, f"{folder}/{name}"


def _hugo_mounts(
    config: dict[str, Any], site: str, address: str, default: str, in_folder: bool, lower: bool
) -> list[Rule]:
    """The folders ``module.mounts`` mounts as content (``source: content/en``, ``target:
    content``), each under its target's folder and its ``lang``'s; Hugo mounts no default
    content folder once one is mounted."""
    module = config.get("module")
    mounts = module.get("mounts") if isinstance(module, dict) else None
    rules = []
    for mount in mounts if isinstance(mounts, list) else ():
        if not isinstance(mount, dict) or not mount.get("source"):
            continue
        target = str(mount.get("target") or "").strip("/")
        if target != "content" and not target.startswith("content/"):
            continue
        prefix = _language_folder(str(mount.get("lang") or default), default, in_folder)
        route = _join(address, prefix, target.removeprefix("content").strip("/"))
        rules.append(Rule(_join(site, str(mount["source"])), route, lower=lower))
    return rules


def _language_folder(language: str, default: str, in_folder: bool) -> str:
    """The folder of a Hugo site's addresses a language's pages are under: its name, or none
    for the default language unless ``defaultContentLanguageInSubdir``."""
    return language if in_folder or language != default else ""


def _docusaurus(tree: Tree) -> SiteMap | None:
    for name in ("docusaurus.config.js", "docusaurus.config.ts", "docusaurus.config.mjs"):
        text = tree.read(name)
        if text is None:
            continue
        url, base = _js_setting("url", text), _js_setting("baseUrl", text)
        site = _join(_base(url), base or "")
        rules = []
        translations = _translations(tree)
        for instance in _instances(text):
            kept = {"docs": _DOC_RULE, "blog": _POST_RULE}[instance.plugin]
            rule = replace(kept, source=_join(instance.folder), address=_join(site, instance.route))
            served = {_CURRENT: ""}
            if instance.folder == "docs" and instance.plugin == "docs":
                served = _served_versions(tree, text, instance.keys, instance.options)
                rules += [
                    replace(
                        rule,
                        source=f"versioned_docs/version-{version}/",
                        address=_join(rule.address, segment),
                    )
                    for version, segment in served.items()
                    if version != _CURRENT
                ]
            if _CURRENT in served:
                rules.append(replace(rule, address=_join(rule.address, served[_CURRENT])))
            for language, folder in translations.get(instance.i18n_folder, ()):
                version = _CURRENT if folder in (_CURRENT, "") else folder[len("version-") :]
                if version in served:
                    source = f"i18n/{language}/{instance.i18n_folder}/{folder}"
                    address = _join(site, language, instance.route, served[version])
                    rules.append(replace(rule, source=_join(source), address=address))
        rules.sort(key=lambda rule: -len(rule.source))  # a folder inside another's: its own
        rules.append(Rule("src/pages/", site, partials=True))
        return SiteMap("docusaurus", tuple(rules), root=_root_of(rules), front_matter=("slug",))
    return None


_DOC_RULE = Rule("docs/", "/", number_prefixes=True, partials=True, folder_doc=True)
_POST_RULE = Rule("blog/", "/", files=("**/*.md", "**/*.mdx"), partials=True, dated=True)


class _Instance(NamedTuple):
    """A Docusaurus content plugin: its kind (``docs``, ``blog``), folder and route base, its
    options (their top-level keys and plain values, and the whole object) and its ``id``."""

    plugin: str
    folder: str
    route: str
    keys: str = ""
    options: str = ""
    plugin_id: str = "default"

    @property
    def i18n_folder(self) -> str:
        """The folder its translations are kept in under ``i18n/LANG/``."""
        named = "" if self.plugin_id == "default" else f"-{self.plugin_id}"
        return f"docusaurus-plugin-content-{self.plugin}{named}"


def _instances(text: str) -> list[_Instance]:
    """The docs and blog instances a Docusaurus configuration builds: the classic preset's
    ``docs`` and ``blog`` options (the preset builds both, from ``docs/`` and ``blog/``, unless
    set to ``false``) and each ``plugin-content-docs`` or ``plugin-content-blog`` entry
    (``path``, ``routeBasePath``, ``id``), the first for a folder. Without such options in
    place, the first ``routeBasePath`` is the docs'."""
    found: dict[str, _Instance] = {}
    for plugin in ("docs", "blog"):
        for options in _PLUGIN_OPTIONS[plugin].finditer(text):
            if options.group(1) == "false":
                found.setdefault(plugin, _Instance(plugin, "", ""))
                continue
            keys, end = _top_level(text, options.end() - 1)
            folder = posixpath.normpath((_js_setting("path", keys) or plugin).strip("/"))
            route = _js_setting("routeBasePath", keys)
            whole = text[options.end() - 1 : end]
            instance = _Instance(
                plugin,
                folder,
                route if route is not None else plugin,
                keys,
                whole,
                _js_setting("id", keys) or "default",
            )
            found.setdefault(folder, instance)
    if not any(instance.plugin == "docs" for instance in found.values()):
        route = _js_setting("routeBasePath", text)
        found["docs"] = _Instance("docs", "docs", route if route is not None else "docs")
    found.setdefault("blog", _Instance("blog", "blog", "blog"))
    return [instance for instance in found.values() if instance.folder]


def _translations(tree: Tree) -> dict[str, list[tuple[str, str]]]:
    """The translations a Docusaurus site keeps (``i18n/LANG/PLUGIN-FOLDER/VERSION/``): by
    the plugin's folder, each language with its version's folder (a blog has none)."""
    kept: dict[str, set[tuple[str, str]]] = {}
    for path in tree.paths:
        found = _I18N_CONTENT.match(path)
        if found is None:
            continue
        language, plugin, folder = found.groups()
        if plugin.startswith("docusaurus-plugin-content-blog"):
            kept.setdefault(plugin, set()).add((language, ""))
        elif folder is not None:
            kept.setdefault(plugin, set()).add((language, folder))
    return {plugin: sorted(pairs) for plugin, pairs in kept.items()}


def _js_setting(name: str, text: str) -> str | None:
    """The first plain string a JavaScript configuration gives ``name``; a template with a
    placeholder (`` `/${locale}/` `` in a helper function) is no setting of the site."""
    for found in re.finditer(_JS_STRING_SETTING.format(name=name), text):
        if "${" not in found.group(1):
            return found.group(1)
    return None


def _served_versions(tree: Tree, config: str, keys: str, options: str) -> dict[str, str]:
    """Each version of the docs that Docusaurus builds -> its segment below the docs' route.

    The versions are those ``versions.json`` lists (without it, the ``versioned_docs``
    folders); the last version (``lastVersion``, by default the first listed) is served at
    the route itself, the docs folder (``current``) at ``next`` unless it is the last one or
    ``includeCurrentVersion: false`` leaves it out. A last version whose folder the
    repository does not hold is made from the docs folder at build time: the docs folder
    stands for it. A version folder that ``versions.json`` does not list is not built."""
    folders = {match.group(1) for p in tree.paths if (match := _VERSIONED_DOCS.match(p))}
    listed = read_config(tree, "versions.json")
    if isinstance(listed, list) and all(isinstance(version, str) for version in listed):
        versions = [version for version in listed if version in folders]
        last = listed[0] if listed else _CURRENT
    else:
        versions, last = sorted(folders), _CURRENT
    last = _js_value("lastVersion", keys, config) or last
    if last not in folders:
        last = _CURRENT
    paths = _version_paths(options)
    served = {
        version: "" if version == last else paths.get(version, version) for version in versions
    }
    if last == _CURRENT:
        served[_CURRENT] = ""
    elif not re.search(r"\bincludeCurrentVersion['\"]?\s*:\s*false\b", keys):
        served[_CURRENT] = paths.get(_CURRENT, "next")
    return served


def _version_paths(options: str) -> dict[str, str]:
    """The segments that the docs options' ``versions`` give their versions in place of their
    names (``versions: {3: {label: '3.21', path: 'v3'}}``)."""
    opening = re.search(r"\bversions['\"]?\s*:\s*\{", options)
    if opening is None:
        return {}
    start = opening.end() - 1
    inside = options[start : _top_level(options, start)[1]]
    return {found.group(1): found.group(2) for found in _VERSION_OPTIONS.finditer(inside)}


def _js_value(name: str, options: str, config: str) -> str | None:
    """The string an options object gives ``name``, directly or through a constant of the
    configuration (``lastVersion: lastDocsVersion`` with ``const lastDocsVersion = '11.x'``)."""
    value = _js_setting(name, options)
    if value is not None:
        return value
    named = re.search(rf"\b{name}['\"]?\s*:\s*([A-Za-z_$][\w$]*)\b", options)
    if named is None:
        return None
    constant = re.search(
        rf"\b(?:const|let|var)\s+{re.escape(named.group(1))}\s*=\s*['\"`]([^'\"`$]*)['\"`]",
        config,
    )
    return constant.group(1) if constant else None


def _top_level(text: str, start: int) -> tuple[str, int]:
    """The object literal opening at ``text[start]`` (``{``) without what the brackets nested
    in it hold (its keys and their plain values), and where it ends; strings and comments are
    read over."""
    kept = []
    depth = 0
    position = start
    while position < len(text):
        char = text[position]
        if char in "'\"`":
            end = _string_end(text, position)
            if depth == 1:
                kept.append(text[position:end])
            position = end
            continue
        if text.startswith(("//", "/*"), position):
            close = "\n" if text[position + 1] == "/" else "*/"
            end = text.find(close, position + 2)
            position = len(text) if end < 0 else end + len(close)
            continue
        if char in "{[(":
            depth += 1
        elif char in "}])":
            depth -= 1
            if depth == 0:
                break
        elif depth == 1:
            kept.append(char)
        position += 1
    return "".join(kept), position + 1


def _string_end(text: str, start: int) -> int:
    """Where the string literal opening at ``text[start]`` ends (past its closing quote)."""
    position = start + 1
    while position < len(text) and text[position] != text[start]:
        position += 2 if text[position] == "\\" else 1
    return position + 1


_PLUGIN_OPTIONS = {
    plugin: re.compile(
        rf"(?:(?<![\w.]){plugin}['\"]?\s*:"
        rf"|['\"](?:@docusaurus/(?:plugin-)?|docusaurus-plugin-)?content-{plugin}['\"]\s*,)"
        r"\s*\(?\s*(\{|false\b)"
    )
    for plugin in ("docs", "blog")
}
"""Where the options of a docs or blog instance open: the preset's ``docs: {`` (or ``docs:
false``) or a plugin entry's ``["@docusaurus/plugin-content-docs", {`` (or its short names,
``"content-docs"``)."""
_VERSIONED_DOCS = re.compile(r"versioned_docs/version-([^/]+)/")
_VERSION_OPTIONS = re.compile(
    r"['\"]?([\w.-]+)['\"]?\s*:\s*\{[^{}]*?\bpath['\"]?\s*:\s*['\"`]([^'\"`]*)['\"`][^{}]*\}"
)
"""A version's options naming its ``path``: ``3: {label: '3.21.1', path: 'v3'}``."""
_CURRENT = "current"
"""Docusaurus's name for the version the docs folder holds."""
_I18N_CONTENT = re.compile(
    r"i18n/([^/]+)/(docusaurus-plugin-content-(?:docs|blog)(?:-[\w-]+)?)/(?:([^/]+)/)?"
)
"""A translation: its language, its plugin's folder, and for docs its version's folder."""
_ASTRO_CONFIG = re.compile(r"astro\.config\.[cm]?[jt]s")
_ASTRO_SITE = re.compile(r"\bsite\s*:\s*['\"`]([^'\"`]+)['\"`]")
_ASTRO_SITE_CONSTANT = re.compile(
    r"\b(?:const|let|var)\s+site\s*=\s*['\"`]([^'\"`]+)['\"`][\s\S]*?\bsite\s*(?:,|\}|:\s*site\b)"
)
"""``const site = 'https://…'`` passed on as ``site,`` (or ``site: site``)."""


def _starlight(tree: Tree) -> SiteMap | None:
    for name in sorted(path for path in tree.paths if _ASTRO_CONFIG.fullmatch(path)):
        text = tree.read(name) or ""
        if "starlight" not in text:
            continue
        site = _ASTRO_SITE.search(text) or _ASTRO_SITE_CONSTANT.search(text)
        rules = (Rule("src/content/docs/", _base(site.group(1) if site else None), partials=True),)
        return SiteMap("starlight", rules, root=_root_of(rules))
    return None


def _jekyll(tree: Tree) -> SiteMap | None:
    config = read_config(tree, "_config.yml")
    if not isinstance(config, dict):
        return None
    url = str(config["url"]) if config.get("url") else None
    address = _join(_base(url), str(config.get("baseurl") or ""))
    rules = (Rule("", address, page_end=".html", partials=True),)
    return SiteMap("jekyll", rules, root=_root_of(rules), front_matter=("permalink",))


def _mdbook(tree: Tree) -> SiteMap | None:
    """Each book of the repository (a ``book.toml`` at most three folders deep: a code
    repository keeps its book in ``doc/book/``, sometimes beside a contributors' one), its
    chapters published from its ``src`` folder at the book's address."""
    rules = []
    for path in _config_paths(tree, lambda name: name == "book.toml"):
        config = read_config(tree, path)
        if not isinstance(config, dict):
            continue
        html = config.get("output", {}).get("html", {})
        url = html.get("site-url") if isinstance(html, dict) else None
        source = posixpath.join(
            posixpath.dirname(path), str(config.get("book", {}).get("src", "src"))
        )
        rules.append(
            Rule(
                _join(posixpath.normpath(source)),
                _base(str(url) if url else None),
                page_end=".html",
            )
        )
    rules.sort(key=lambda rule: -len(rule.source))
    return SiteMap("mdbook", tuple(rules), root=_root_of(rules)) if rules else None


def _base(url: str | None) -> str:
    """A configured base address as a folder, or the site's root route when none is set."""
    return _folder(url) if url else "/"


def _root_of(rules: Sequence[Rule]) -> str | None:
    """The origin of the site's addresses, when the configuration names one."""
    absolute = next((rule.address for rule in rules if "://" in rule.address), None)
    return _origin(absolute) if absolute else None


_DETECTORS: tuple[Callable[[Tree], SiteMap | None], ...] = (
    _docfx,
    _mkdocs,
    _hugo,
    _docusaurus,
    _starlight,
    _jekyll,
    _mdbook,
)
