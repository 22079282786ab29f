"""Where an old address now leads: the redirects a docs repository declares.

- docfx / Microsoft Learn: ``.openpublishing.redirection*.json`` (and the files the publish
  configuration lists in ``redirection_files``), entries with ``source_path`` (relative to the
  redirection file's folder: ``../reference/a.md`` from ``redir/``) or
  ``source_path_from_root`` (``/reference/a.md``) and ``redirect_url``; Learn compares paths
  and addresses without case, and its redirection files write them in lower case;
- MkDocs: the ``redirect_maps`` of the mkdocs-redirects plugin (paths in ``docs_dir``);
- Docusaurus: client-redirects entries ``{from: ..., to: ...}`` in ``docusaurus.config``;
- Astro / Starlight: the ``redirects`` of ``astro.config``, with those of a local module it
  imports for them (a generated ``redirects.js``);
- mdBook: the ``[output.html.redirect]`` table of ``book.toml`` (``"/old.html" = "new.html"``);
- Netlify (any static site): ``_redirects`` lines ``/old /new`` and ``netlify.toml``
  ``[[redirects]]`` tables (not a rule that some requests only follow: one asking for a
  query parameter or a condition, or a 404); Vercel: ``vercel.json`` ``redirects`` (``source`` and
  ``destination``), and a ``redirects.json`` of such pairs. Their placeholders (``:lang``,
  ``:path*``, a ``*`` splat) match any part, and what they matched fills the target's;
- Sphinx: the ``rediraffe_redirects`` of ``conf.py`` (sphinxext-rediraffe), a table of old
  and new source files or the redirects file it names;
- Hugo ``aliases`` and Jekyll ``redirect_from`` in a page's front matter: old addresses that
  now lead to that page.

Redirects are read from the repository at the head of the range and from the change set
itself (the lines a redirect file gained), so ``insight classify`` sees the redirects of a
diff that carries its redirect file. Every file is read in one pass over its text (no
pattern that backtracks across an entry).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from insight.analysis.site.addresses import (
    SiteMap,
    load_json,
    load_toml,
    load_yaml,
    mkdocs_config_paths,
    mkdocs_configs,
    read_config,
    route_key,
)
from insight.models import FileChange
from insight.source.tree import Tree

_DOCFX_FILE = re.compile(r"(^|/)\.openpublishing\.redirection[^/]*\.json$")
_DOCUSAURUS_FILE = re.compile(r"(^|/)docusaurus\.config\.[cm]?[jt]s$")
_ASTRO_FILE = re.compile(r"(^|/)astro\.config\.[cm]?[jt]s$")
_MKDOCS_FILE = re.compile(r"(^|/)mkdocs(\.[\w-]+)?\.ya?ml$")
_SPHINX_FILE = re.compile(r"(^|/)conf\.py$")
_SPHINX_PAIR = re.compile(
    r"[\"']([^\"'\s]+\.(?:rst|md|txt|ipynb))[\"']\s*:\s*[\"']([^\"'\s]+\.(?:rst|md|txt|ipynb))[\"']"
)
"""An entry of ``rediraffe_redirects`` (``"clang.rst": "development-tools/clang.rst"``)."""
_SPHINX_REDIRECTS_FILE = re.compile(r"^rediraffe_redirects\s*=\s*[\"']([^\"']+)[\"']", re.MULTILINE)
_NETLIFY_FILE = re.compile(r"(^|/)_redirects$")
_VERCEL_FILE = re.compile(r"(^|/)(?:vercel|redirects)\.json$")
"""Vercel's ``vercel.json``, and a ``redirects.json`` of the same ``source`` and
``destination`` pairs that a Next.js site reads in its configuration."""
_NETLIFY_TOML = re.compile(r"\bfrom\s*=\s*['\"]([^'\"]+)['\"]\s*\n\s*to\s*=\s*['\"]([^'\"]+)['\"]")
_TOML_KEY = re.compile(r"^\s*(from|to|status)\s*=\s*['\"]?([^'\"\s]+)", re.MULTILINE)
_TOML_CONDITION = re.compile(
    r"^\s*(?:query|conditions)\s*=|^\s*\[redirects\.(?:query|conditions)\]", re.MULTILINE
)
_VERCEL_PAIR = re.compile(
    r"\"source\"\s*:\s*\"([^\"]+)\"\s*,\s*\"destination\"\s*:\s*\"([^\"]+)\""
    r"|\"destination\"\s*:\s*\"([^\"]+)\"\s*,\s*\"source\"\s*:\s*\"([^\"]+)\""
)
_JSON_STRING_FIELD = re.compile(r'"(source_path(?:_from_root)?|redirect_url)"\s*:\s*"([^"]*)"')
MIN_SUFFIX_PARTS = 2
"""A redirect names a page without a known address when the end of the page's path (this many
folders and names at least) is the redirect's source address."""
_CLIENT_REDIRECT = re.compile(
    r"\bfrom\s*:\s*(\[[^\]]*\]|['\"`][^'\"`]+['\"`])\s*,\s*to\s*:\s*['\"`]([^'\"`]+)['\"`]"
    r"|\bto\s*:\s*['\"`]([^'\"`]+)['\"`]\s*,\s*from\s*:\s*(\[[^\]]*\]|['\"`][^'\"`]+['\"`])"
)
_ASTRO_REDIRECT = re.compile(r"['\"`](/[^'\"`\s]*)['\"`]\s*:\s*['\"`]([^'\"`\s]+)['\"`]")
_IMPORTED = re.compile(r"""^\s*import\s+(\w+)\s+from\s+['"](\.{1,2}/[^'"]+)['"]""", re.MULTILINE)
"""A default import of a local module: ``import redirects from "./redirects.js"``."""
_MODULE_SUFFIXES = (".js", ".mjs", ".ts", ".mts", ".json")
_QUOTED = re.compile(r"['\"`]([^'\"`]+)['\"`]")
_MAP_LINE = re.compile(r"^\s*['\"]?([^'\"\s:#][^'\":#]*?\.md)['\"]?\s*:\s*['\"]?([^'\"\s#]+)")
_PLACEHOLDER = re.compile(r":[A-Za-z_]\w*[*+?]?|\*")
VIRTUAL_FOLDER = "virtual-folder"
_ALIAS_KEYS = ("aliases", "redirect_from")
_ALIASED = frozenset(("hugo", "jekyll", "files", "docs_url"))
"""Toolchains whose pages' front matter may declare their old addresses (Hugo ``aliases``,
Jekyll ``redirect_from``), and the site maps that know of no toolchain."""


@dataclass
class Redirects:
    """Old source paths, old addresses and address patterns, each with where it now leads."""

    ignores_case: bool = False
    by_path: dict[str, str] = field(default_factory=dict)
    by_address: dict[str, str] = field(default_factory=dict)
    patterns: list[tuple[re.Pattern[str], str]] = field(default_factory=list)

    def target(self, old_path: str, old_address: str | None) -> str | None:
        """Where the page once at ``old_path`` (published at ``old_address``) now leads."""
        found = self.by_path.get(self._path_key(old_path)) or self._by_virtual_folder(old_path)
        if found is None and old_address:
            key = route_key(old_address, True)
            found = self.by_address.get(key) or self._by_pattern(key)
        if found is None and old_address is None:
            found = self._by_path_end(old_path)
        return found

    def add_path(self, path: str, target: str) -> None:
        self.by_path.setdefault(self._path_key(posixpath.normpath(path)), target)

    def add_address(self, address: str, target: str) -> None:
        """A redirect from an address, which may hold placeholders (``/:lang/old/*``)."""
        key = route_key(address, True)
        if _PLACEHOLDER.search(key):
            self.patterns.append((_pattern(key), target))
        else:
            self.by_address.setdefault(key, target)

    def _path_key(self, path: str) -> str:
        path = path.lstrip("/")
        return path.lower() if self.ignores_case else path

    def _by_virtual_folder(self, old_path: str) -> str | None:
        """Learn's PowerShell reference: its redirection entries name a cmdlet page through
        the docset's ``virtual-folder`` (``sharepoint/virtual-folder/sharepoint-online/X.md``
        for ``sharepoint/sharepoint-ps/sharepoint-online/X.md``), the folder its pages are
        converted into before they publish."""
        if not self.by_path:
            return None
        parts = self._path_key(old_path).split("/")
        for at in range(1, len(parts) - 1):
            key = "/".join([*parts[:at], VIRTUAL_FOLDER, *parts[at + 1 :]])
            if key in self.by_path:
                return self.by_path[key]
        return None

    def _by_pattern(self, key: str) -> str | None:
        for pattern, target in self.patterns:
            match = pattern.fullmatch(key)
            if match:
                return _filled(target, match)
        return None

    def _by_path_end(self, old_path: str) -> str | None:
        """For a site whose addresses insight cannot derive: a redirect from an address that
        the page's path (without its extension) ends with."""
        parts = route_key(posixpath.splitext(old_path)[0], True).strip("/").split("/")
        if parts and parts[-1] in ("index", "readme", "_index"):
            parts = parts[:-1]
        for start in range(len(parts) - MIN_SUFFIX_PARTS + 1):
            key = "/" + "/".join(parts[start:])
            found = self.by_address.get(key) or self._by_pattern(key)
            if found is not None:
                return found
        return None


def _pattern(key: str) -> re.Pattern[str]:
    """An address with placeholders as a pattern: ``:name`` matches one part, ``:name*`` and
    ``*`` any number of parts; each is captured under its name (``*`` as ``splat``)."""
    pieces = []
    position = 0
    named: set[str] = set()
    for found in _PLACEHOLDER.finditer(key):
        pieces.append(re.escape(key[position : found.start()]))
        token = found.group(0)
        name = _placeholder_name(token)
        part = ".*" if token == "*" or token[-1] in "*+" else "[^/]*"
        pieces.append(f"(?P<{name}>{part})" if name not in named else f"(?:{part})")
        named.add(name)
        position = found.end()
    pieces.append(re.escape(key[position:]))
    return re.compile("".join(pieces))


def _filled(target: str, match: re.Match[str]) -> str:
    """A redirect's target with the parts its source's placeholders matched put in
    (``/docs/:splat``, ``/:lang/new/:path*``); a placeholder the source lacks stays."""
    captured = match.groupdict()

    def part(found: re.Match[str]) -> str:
        value = captured.get(_placeholder_name(found.group(0)))
        return value if value is not None else found.group(0)

    return _PLACEHOLDER.sub(part, target) if captured else target


def _placeholder_name(token: str) -> str:
    """The name a placeholder captures under: ``:path*`` as ``path``, ``*`` as ``splat``."""
    return "splat" if token == "*" else token[1:].rstrip("*+?")


def read_redirects(tree: Tree | None, changes: Sequence[FileChange], site: SiteMap) -> Redirects:
    """Every redirect the repository declares at the head, and those the change set adds."""
    redirects = Redirects(ignores_case=site.ignores_case)
    published = _from_tree(tree, redirects, site) if tree is not None else []
    declared = set(redirects.by_path)
    for change in changes:
        if change.status == "removed" or not change.patch or not _declares(change.path):
            continue
        added = "\n".join(line[1:] for line in change.patch.split("\n") if line.startswith("+"))
        _from_text(change.path, added, redirects, whole=False)
    for change in changes:
        _from_front_matter(change, site, redirects)
    later = {path: target for path, target in redirects.by_path.items() if path not in declared}
    for address, target in [*published, *_published_at(site, later)]:
        redirects.by_address.setdefault(address, target)
    return redirects


def _published_at(site: SiteMap, by_path: Mapping[str, str]) -> list[tuple[str, str]]:
    """A redirect from a source path is one from the address that path publishes at: another
    file may have published it (a version folder folded into the main one). Each as
    (address, target), in order."""
    found = []
    for path, target in by_path.items():
        route = site.route_of(path)
        if route is not None:
            found.append((route_key(route, True), target))
    return found


def _declares(path: str) -> bool:
    """A file that can declare redirects for other pages."""
    return path.endswith(("netlify.toml", "book.toml")) or any(
        pattern.search(path)
        for pattern in (
            _DOCFX_FILE,
            _DOCUSAURUS_FILE,
            _ASTRO_FILE,
            _MKDOCS_FILE,
            _NETLIFY_FILE,
            _VERCEL_FILE,
            _SPHINX_FILE,
        )
    )


def _from_tree(tree: Tree, redirects: Redirects, site: SiteMap) -> list[tuple[str, str]]:
    """Add the redirects the repository declares at ``tree``; return the addresses their
    source paths publish at (``_published_at``)."""
    # Found once per run while the files and the docset configuration stay the same.
    files, configs = tree.remembered("redirect files", _redirect_files)
    # Read once per run while these files and the site's rules stay the same (a backfill's
    # days).
    declared, published = tree.remembered(
        f"redirects {site.ignores_case} {site.rules!r}\0" + "\0".join([*files, "", *configs]),
        lambda tree: _declared(tree, files, configs, site),
    )
    redirects.by_path.update(declared.by_path)
    redirects.by_address.update(declared.by_address)
    redirects.patterns.extend(declared.patterns)
    return published


def _redirect_files(tree: Tree) -> tuple[list[str], list[str]]:
    """The files of ``tree`` that may declare redirects, and its ``mkdocs.yml`` files."""
    listed = read_config(tree, ".openpublishing.publish.config.json")
    named = listed.get("redirection_files", []) if isinstance(listed, dict) else []
    shallow = [path for path in tree.paths if path.count("/") <= 2]  # none deeper declares
    paths = {path for path in shallow if _DOCFX_FILE.search(path)}
    paths.update(str(path) for path in named if isinstance(path, str))
    paths.update(
        path
        for path in shallow
        if (
            _DOCUSAURUS_FILE.fullmatch(path)
            or _ASTRO_FILE.fullmatch(path)
            or path in ("netlify.toml", "vercel.json")
            or posixpath.basename(path) in ("book.toml", "conf.py")  # a book's, Sphinx's
            or _NETLIFY_FILE.search(path)
            or _VERCEL_FILE.search(path)
        )
    )
    return sorted(paths), mkdocs_config_paths(tree)


def _declared(
    tree: Tree, files: list[str], configs: list[str], site: SiteMap
) -> tuple[Redirects, list[tuple[str, str]]]:
    """The redirects that ``files`` and the MkDocs configurations at ``configs`` declare, and
    the addresses their source paths publish at on ``site``."""
    redirects = Redirects(ignores_case=site.ignores_case)
    for path in files:
        text = tree.read(path) or ""
        _from_text(path, text, redirects, whole=True)
        if _ASTRO_FILE.search(path):
            for module in _astro_modules(tree, path, text):
                for source, target in _ASTRO_REDIRECT.findall(module):
                    redirects.add_address(source, target)
        if _SPHINX_FILE.search(path) and (named := _SPHINX_REDIRECTS_FILE.search(text)):
            _sphinx_redirects_file(tree, posixpath.dirname(path), named.group(1), redirects)
    for path, config in mkdocs_configs(tree, configs).items():
        _from_mkdocs(path, config, redirects)
    return redirects, _published_at(site, redirects.by_path)


def _from_text(path: str, text: str, redirects: Redirects, whole: bool) -> None:
    if not text:
        return
    if _DOCFX_FILE.search(path):
        for source, from_root, target in _docfx_entries(text, whole):
            folder = "" if from_root else posixpath.dirname(path)
            redirects.add_path(posixpath.join(folder, source.lstrip("/")), target)
    elif _DOCUSAURUS_FILE.search(path):
        for match in _CLIENT_REDIRECT.finditer(text):
            sources = match.group(1) or match.group(4)
            target = match.group(2) or match.group(3)
            for source in _QUOTED.findall(sources):
                redirects.add_address(source, target)
    elif _ASTRO_FILE.search(path):
        start = text.find("redirects")
        if start >= 0:
            for source, target in _ASTRO_REDIRECT.findall(text[start:]):
                redirects.add_address(source, target)
    elif _NETLIFY_FILE.search(path):
        for line in text.split("\n"):
            if rule := _netlify_rule(line):
                redirects.add_address(*rule)
    elif _VERCEL_FILE.search(path):
        for match in _VERCEL_PAIR.finditer(text):
            source = match.group(1) or match.group(4)
            redirects.add_address(source, match.group(2) or match.group(3))
    elif path.endswith("netlify.toml"):
        for source, target in _netlify_tables(text):
            redirects.add_address(source, target)
    elif path.endswith("book.toml"):
        for source, target in _mdbook_redirects(text, whole):
            redirects.add_address(source, target)
    elif _SPHINX_FILE.search(path):
        if whole and "rediraffe_redirects" not in text:
            return  # a code repository's conf.py: no redirects
        folder = posixpath.dirname(path)
        for source, target in _SPHINX_PAIR.findall(text):
            redirects.add_path(posixpath.join(folder, source), posixpath.join(folder, target))
    elif _MKDOCS_FILE.search(path) and not whole:
        docs_dir = posixpath.join(posixpath.dirname(path), "docs")
        for line in text.split("\n"):
            pair = _MAP_LINE.match(line)
            if pair:
                _map_entry(docs_dir, pair.group(1), pair.group(2), redirects)


def _netlify_rule(line: str) -> tuple[str, str] | None:
    """The old address and target of a ``_redirects`` line (``from [key=:value] to [status]
    [Condition=value]``) that every request for the old address follows: a rule that asks
    for a query parameter (``/docs/* go-get=:go-get /golang/docs.html 200``: only ``go get``
    asks so), for a country, a language, a role or a cookie, or that answers "not found"
    (``/* /404.html 404``) leaves the address unserved for a reader who follows a link."""
    fields = line.split()
    if len(fields) < 2 or not fields[0].startswith("/") or "=" in fields[1]:
        return None
    options = fields[2:]
    if any("=" in option for option in options) or (options and options[0].startswith("4")):
        return None
    return fields[0], fields[1]


def _netlify_tables(text: str) -> Iterator[tuple[str, str]]:
    """The ``[[redirects]]`` tables of ``netlify.toml`` that every request for one of the
    site's addresses follows (as ``_netlify_rule``: a ``from`` path, no ``query``, no
    ``conditions``, no 4xx ``status``; ``from = "https://docs.example.com/*"`` answers another
    domain, one that forwards to the site); from lines a patch added without their table's
    header, each ``from`` and the ``to`` after it."""
    tables = text.split("[[redirects]]")[1:]
    if not tables:
        yield from (pair for pair in _NETLIFY_TOML.findall(text) if pair[0].startswith("/"))
    for table in tables:
        table = table.split("[[", 1)[0]
        keys = dict(_TOML_KEY.findall(table))
        if (
            keys.get("from", "").startswith("/")
            and "to" in keys
            and not _TOML_CONDITION.search(table)
            and not keys.get("status", "").startswith("4")
        ):
            yield keys["from"], keys["to"]


def _astro_modules(tree: Tree, path: str, text: str) -> Iterator[str]:
    """The text of each local module an Astro configuration imports and gives its
    ``redirects`` (``import redirects from "./redirects.js"``, then ``redirects: {
    ...redirects }`` or ``redirects``): a generated table of redirects kept in a file."""
    start = text.find("redirects")
    if start < 0:
        return
    given = text[start:]
    for name, module in _IMPORTED.findall(text):
        if not re.search(rf"\.\.\.{name}\b|\bredirects\s*:\s*{name}\b", given) and not (
            name == "redirects" and re.search(r"\bredirects\s*[,}]", given)
        ):
            continue
        where = posixpath.normpath(posixpath.join(posixpath.dirname(path), module))
        suffixes = ("",) if posixpath.splitext(where)[1] else _MODULE_SUFFIXES
        for suffix in suffixes:
            if module_text := tree.read(where + suffix):
                yield module_text
                break


def _docfx_entries(text: str, whole: bool) -> Iterator[tuple[str, bool, str]]:
    """(source path, whether it is from the root, target) of each redirection entry: from the
    parsed file, else (the lines a patch added) field by field, an entry ending when both its
    fields were seen."""
    document = load_json(text) if whole else None
    entries = document.get("redirections") if isinstance(document, dict) else None
    if isinstance(entries, list):
        for entry in entries:
            if not isinstance(entry, dict) or not isinstance(entry.get("redirect_url"), str):
                continue
            for key in ("source_path_from_root", "source_path"):
                if isinstance(entry.get(key), str):
                    yield entry[key], key.endswith("_root"), entry["redirect_url"]
                    break
        return
    pending: dict[str, str] = {}
    for found in _JSON_STRING_FIELD.finditer(text):
        pending[found.group(1)] = found.group(2)
        sources = [key for key in pending if key != "redirect_url"]
        if sources and "redirect_url" in pending:
            yield pending[sources[0]], sources[0].endswith("_root"), pending["redirect_url"]
            pending = {}


def _mdbook_redirects(text: str, whole: bool) -> Iterator[tuple[str, str]]:
    """The ``[output.html.redirect]`` table of ``book.toml``: old address (relative to the
    book's root, ``site-url``), new address."""
    if whole:
        config = load_toml(text, "book.toml") or {}
        html = config.get("output", {}).get("html", {})
        root = str(html.get("site-url") or "/") if isinstance(html, dict) else "/"
        table = html.get("redirect", {}) if isinstance(html, dict) else {}
        if isinstance(table, dict):
            for source, target in table.items():
                yield posixpath.join(root, str(source).lstrip("/")), str(target)
        return
    for line in text.split("\n"):
        key, equals, value = line.partition("=")
        source, target = key.strip().strip("'\""), value.strip().strip("'\"")
        if equals and source.startswith("/") and target:
            yield source, target


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


def _sphinx_redirects_file(tree: Tree, folder: str, name: str, redirects: Redirects) -> None:
    """The redirects file that ``rediraffe_redirects`` names: a line per redirect, the old
    source and the new one (quoted or not), relative to the configuration's folder."""
    for line in (tree.read(posixpath.join(folder, name)) or "").split("\n"):
        fields = [field.strip("\"'") for field in line.split("#", 1)[0].split()]
        if len(fields) == 2:
            redirects.add_path(posixpath.join(folder, fields[0]), posixpath.join(folder, fields[1]))


def _map_entry(docs_dir: str, source: str, target: str, redirects: Redirects) -> None:
    shown = target if "://" in target else posixpath.join(docs_dir, target)
    redirects.add_path(posixpath.join(docs_dir, source), shown)


def _from_front_matter(change: FileChange, site: SiteMap, redirects: Redirects) -> None:
    """Hugo ``aliases`` and Jekyll ``redirect_from``: old addresses of this page. Other
    toolchains give these keys no such meaning (a Learn cmdlet page lists the command's
    ``aliases``, ``sp`` for ``Set-ItemProperty``)."""
    text = change.new_text
    if site.toolchain not in _ALIASED:
        return
    if change.status == "removed" or not text or not text.lstrip("\ufeff").startswith("---"):
        return
    text = text.lstrip("\ufeff")
    end = text.find("\n---", 3)
    if end < 0 or not any(f"{key}:" in text[3:end] for key in _ALIAS_KEYS):
        return
    front = load_yaml(text[3:end])
    if not isinstance(front, dict):
        return
    target = site.address_of(change.path, text) or change.path
    here = site.route_of(change.path, text) or "/"
    for key in _ALIAS_KEYS:
        values = front.get(key)
        for value in values if isinstance(values, list) else [values] if values else []:
            alias = str(value)
            if not alias.startswith("/") and "://" not in alias:
                # relative to the page's folder: "./validator", "../old/name"
                alias = posixpath.normpath(
                    posixpath.join(posixpath.dirname(here.rstrip("/")), alias)
                )
            redirects.add_address(alias, target)
