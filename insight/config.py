"""Settings: one dataclass, loaded with one precedence rule.

command-line flags > environment (``INSIGHT_*``) > ``--config FILE``, ``insight.toml`` or
``[tool.insight]`` in ``pyproject.toml`` > defaults. Unknown keys and wrong types are
errors that name the key and the file.
"""

from __future__ import annotations

import math
import os
import re
import string
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date as Date
from difflib import get_close_matches
from pathlib import Path
from typing import Any

from insight import i18n
from insight.analysis.evidence import SIGNAL_KINDS
from insight.errors import ConfigError, UsageError
from insight.lexicon import LISTS, Rules, checked_list
from insight.models import Category
from insight.resources import DEFAULT_TEMPLATE
from insight.source.categories import pattern_problem
from insight.source.changes import DEFAULT_PATCH_LIMIT, DEFAULT_RENAME_LIMIT
from insight.source.languages import Layout, layout_from_table
from insight.source.remote import DEFAULT_GIT_TIMEOUT, is_url

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

DEFAULT_OUTPUT = "%Y%m/{locale}/report-%Y%m%d-{category}.md"
ENGINES = ("auto", "heuristic", "llm")
FALLBACKS = ("limited", "heuristic")
ENV_PREFIX = "INSIGHT_"
_FLAGS = {"locales": "--locale", "site_url": "--base-url"}
"""The command-line flags not named after their key, for messages."""


def default_cache_dir() -> Path:
    """The user cache directory (XDG on Linux, the platform's own elsewhere)."""
    if sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    elif os.name == "nt":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "insight"


@dataclass(frozen=True)
class Settings:
    repo: str = "."
    locales: tuple[str, ...] = ("en_US",)
    output: str = DEFAULT_OUTPUT
    out: str = "reports"
    categories: tuple[Category, ...] = ()
    translations: tuple[Layout, ...] | None = None
    """The translation layout of the ``[translations]`` table; None: found in the repository."""
    catch_all: str | None = "other"
    """The category of the files no other category takes; None (``catch_all = false``):
    such files are left out of the reports, knowingly."""
    rules: Rules = field(default_factory=Rules)
    """What ``[rules]`` adds to the shipped word lists, and the kinds it forces trivial."""
    engine: str = "auto"
    patch_limit: int = DEFAULT_PATCH_LIMIT
    rename_limit: int = DEFAULT_RENAME_LIMIT
    compare_url: str | None = None
    template: str = DEFAULT_TEMPLATE
    cache_dir: str = field(default_factory=lambda: str(default_cache_dir()))
    git_timeout: float = DEFAULT_GIT_TIMEOUT
    """Seconds a clone or fetch may take before the remote counts as not answering."""
    branch: str = "HEAD"
    """The upstream branch ``insight run`` follows (HEAD: the repository's default branch)."""
    since: str | None = None
    """Where a first run starts: a commit, or a day (YYYY-MM-DD)."""
    first_commits: int = 10
    """Without ``since``, a first run reports on this many commits back from the branch head."""
    state: str | None = None
    """The state file of ``insight run`` (default: ``.insight-state.json`` in ``out``)."""
    site: str = "site"
    """Where ``insight publish`` writes the site."""
    site_url: str | None = None
    docs_url: str | None = None
    """The documentation site's address; overrides what its toolchain's configuration says."""
    """The site's public address, which makes the links of its feeds absolute."""
    model: str = "gpt-4o-mini"
    """The model (on Azure: the deployment) of the per-file calls."""
    overview_model: str | None = None
    """The model of the overview and summary calls (default: ``model``)."""
    concurrency: int = 8
    timeout: float = 60.0
    max_retries: int = 4
    backoff: float = 1.0
    """Seconds before the first retry of a failed call; each next one waits twice as long."""
    temperature: float = 0.2
    patch_budget: int = 3000
    """Tokens of diff one per-file prompt may carry."""
    cache: str | None = None
    """The model reply cache (default: ``llm-cache.sqlite3`` in ``cache_dir``)."""
    batch_poll: float = 30.0
    """Seconds between looks at a running batch."""
    tokens_per_minute: int | None = None
    """The account's token limit, for ``--dry-run`` (default: what earlier replies stated)."""
    fallback: str = "limited"
    """When model calls fail: ``limited`` stops a run in which they failed for more than
    ``fallback_share`` of the files; ``heuristic`` decides such files offline, always."""
    fallback_share: float = 0.1
    source: str = "defaults"
    """Where the file settings came from, for messages."""
    origins: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)
    """Where each key that is not a default came from (a file, ``INSIGHT_KEY``, a flag)."""

    def origin(self, key: str) -> str:
        """The place to blame for the value of ``key`` in a message."""
        return self.origins.get(key, self.source)


@dataclass(frozen=True)
class _Kind:
    """What a scalar key holds: its Python type, its lowest value, and how to say it."""

    type: type
    minimum: float | None = None
    maximum: float | None = None

    def check(self, value: Any, key: str, source: str) -> Any:
        if self.type is str:
            if not isinstance(value, str):
                raise ConfigError(f"{source}: key '{key}' must be a string, not {value!r}")
            return value
        number_types = (int,) if self.type is int else (int, float)
        if (
            isinstance(value, bool)
            or not isinstance(value, number_types)
            or not math.isfinite(value)
        ):
            raise ConfigError(f"{source}: key '{key}' must be {self._phrase()}, not {value!r}")
        if (self.minimum is not None and value < self.minimum) or (
            self.maximum is not None and value > self.maximum
        ):
            raise ConfigError(f"{source}: key '{key}' must be {self._phrase()}, not {value!r}")
        return self.type(value)

    def parse(self, raw: str) -> Any:
        """A value from an environment variable's text."""
        try:
            return self.type(raw)
        except ValueError:
            return raw

    def _phrase(self) -> str:
        noun = "an integer" if self.type is int else "a number"
        if self.minimum is not None and self.maximum is not None:
            return f"{noun} from {self.minimum:g} to {self.maximum:g}"
        return f"{noun} of at least {self.minimum:g}" if self.minimum is not None else noun


_TEXT, _COUNT, _SECONDS = _Kind(str), _Kind(int, 1), _Kind(float, 0, 3600)
_SCALAR_TYPES: dict[str, _Kind] = {
    "repo": _TEXT,
    "output": _TEXT,
    "out": _TEXT,
    "engine": _TEXT,
    "patch_limit": _COUNT,
    "rename_limit": _COUNT,
    "compare_url": _TEXT,
    "template": _TEXT,
    "cache_dir": _TEXT,
    "git_timeout": _Kind(float, 1, 86400),
    "branch": _TEXT,
    "since": _TEXT,
    "first_commits": _COUNT,
    "state": _TEXT,
    "site": _TEXT,
    "site_url": _TEXT,
    "docs_url": _TEXT,
    "model": _TEXT,
    "overview_model": _TEXT,
    "concurrency": _Kind(int, 1, 64),
    "timeout": _Kind(float, 1, 3600),
    "max_retries": _Kind(int, 0, 100),
    "backoff": _SECONDS,
    "temperature": _Kind(float, 0, 2),
    "patch_budget": _Kind(int, 200),
    "cache": _TEXT,
    "batch_poll": _SECONDS,
    "tokens_per_minute": _COUNT,
    "fallback": _TEXT,
    "fallback_share": _Kind(float, 0, 1),
}
_KNOWN_KEYS = (*_SCALAR_TYPES, "locales", "categories", "catch_all", "translations", "rules")


def environment_keys() -> tuple[str, ...]:
    """The keys an ``INSIGHT_*`` environment variable sets (``INSIGHT_LOCALES``: a, b)."""
    return (*_SCALAR_TYPES, "locales")


def find_config_file(
    explicit: Path | None, directory: Path
) -> tuple[Path, Mapping[str, Any]] | None:
    """The config file in use and its insight table, or None when there is none.

    Without ``explicit``, the first ``insight.toml`` (or ``pyproject.toml`` with a
    ``[tool.insight]`` table) in ``directory`` or a folder above it, up to the root of the
    git repository it is in (only ``directory`` itself outside a repository).
    """
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(f"{explicit}: no such config file")
        data = _read_toml(explicit)
        if explicit.name == "pyproject.toml":
            return explicit, data.get("tool", {}).get("insight", {})
        return explicit, data
    for folder in search_folders(directory):
        own = folder / "insight.toml"
        if own.is_file():
            return own, _read_toml(own)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            table = _read_toml(pyproject).get("tool", {}).get("insight")
            if table is not None:
                return pyproject, table
    return None


def search_folders(directory: Path) -> list[Path]:
    """``directory`` and the folders above it up to the root of its git repository (the
    folder that holds ``.git``); only ``directory`` when it is in no repository."""
    chain = [directory.absolute(), *directory.absolute().parents]
    for index, folder in enumerate(chain):
        if (folder / ".git").exists():
            return chain[: index + 1]
    return chain[:1]


_PATH_KEYS = ("out", "state", "site", "cache", "cache_dir")


def _rebased(values: dict[str, Any], folder: Path) -> dict[str, Any]:
    """The relative paths of a config file found in a folder above the current one, taken
    from the config's folder (as they would be when running from there)."""
    rebased = dict(values)
    for key in (*_PATH_KEYS, "repo", "template"):
        value = rebased.get(key)
        if (
            not isinstance(value, str)
            or Path(value).is_absolute()
            or (key == "repo" and is_url(value))
            or (key == "template" and value.startswith("insight:"))
        ):
            continue
        rebased[key] = str(folder / value)
    return rebased


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror}") from None


def load_settings(
    config: Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
    directory: Path | None = None,
) -> Settings:
    """Settings from every layer; ``overrides`` are the command-line flags that were given."""
    settings = Settings()
    origins: dict[str, str] = {}
    here = (directory or Path.cwd()).absolute()
    found = find_config_file(config, here)
    if found is not None:
        path, table = found
        values = _from_table(table, str(path))
        if config is None and path.parent.absolute() != here:
            values = _rebased(values, path.parent.absolute())
        origins.update(dict.fromkeys(values, str(path)))
        settings = _apply(settings, values, str(path))
    values = _from_environment(environ if environ is not None else os.environ)
    origins.update({key: ENV_PREFIX + key.upper() for key in values})
    settings = _apply(settings, values, "environment")
    flags = {key: value for key, value in (overrides or {}).items() if value not in (None, ())}
    origins.update({key: _FLAGS.get(key, f"--{key.replace('_', '-')}") for key in flags})
    settings = replace(_apply(settings, flags, "command line"), origins=origins)
    root = search_folders(here)[-1]
    if "repo" not in origins and root != here:  # in a subfolder: the work tree it is in
        settings = replace(settings, repo=str(root))
    _validate(settings)
    return settings


def _from_table(table: Mapping[str, Any], source: str) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in _KNOWN_KEYS:
            raise ConfigError(
                f"{source}: unknown key '{key}' (known: {', '.join(sorted(_KNOWN_KEYS))})"
            )
        if key == "translations":
            if not isinstance(value, Mapping):
                raise ConfigError(
                    f"{source}: 'translations' must be a table with 'source' and 'pattern'"
                )
            values[key] = (layout_from_table(value, source),)
        elif key == "locales":
            values[key] = _string_list(value, key, source)
        elif key == "categories":
            values[key] = _categories(value, source)
        elif key == "catch_all":
            values[key] = _catch_all(value, source)
        elif key == "rules":
            values[key] = _rules(value, source)
        else:
            values[key] = _SCALAR_TYPES[key].check(value, key, source)
    return values


def _from_environment(environ: Mapping[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, kind in _SCALAR_TYPES.items():
        raw = environ.get(ENV_PREFIX + key.upper())
        if raw:
            values[key] = kind.check(kind.parse(raw), key, ENV_PREFIX + key.upper())
    locales = environ.get(ENV_PREFIX + "LOCALES")
    if locales:
        values["locales"] = tuple(part.strip() for part in locales.split(",") if part.strip())
        if not values["locales"]:
            raise ConfigError(
                f"{ENV_PREFIX}LOCALES: no locale in {locales!r} (example: en_US,ja_JP)"
            )
    return values


def _string_list(value: Any, key: str, source: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{source}: key '{key}' must be a non-empty list of strings")
    return tuple(value)


def _catch_all(value: Any, source: str) -> str | None:
    """The catch-all category's name, or None for ``false`` (files of no category left out)."""
    if value is False:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(
            f"{source}: key 'catch_all' must be a category name, or false to leave out the "
            f"files no category takes (not {value!r})"
        )
    return value


def _categories(value: Any, source: str) -> tuple[Category, ...]:
    if not isinstance(value, dict):
        raise ConfigError(f"{source}: 'categories' must be a table of [categories.NAME] tables")
    categories = []
    for name, table in value.items():
        where = f"{source}: [categories.{name}]"
        if not isinstance(table, dict):
            raise ConfigError(f"{where} must be a table with a 'paths' list")
        unknown = sorted(set(table) - {"paths", "exclude"})
        if unknown:
            raise ConfigError(f"{where}: unknown key '{unknown[0]}' (known: paths, exclude)")
        if "paths" not in table:
            raise ConfigError(f"{where}: missing key 'paths'")
        patterns = {
            key: _string_list(table[key], f"categories.{name}.{key}", source)
            for key in ("paths", "exclude")
            if key in table
        }
        for key, listed in patterns.items():
            for path in listed:
                problem = pattern_problem(path)
                if problem:
                    raise ConfigError(f"{where}: {key} entry '{path}': {problem}")
        paths, exclude = (
            tuple(path.strip("/") for path in patterns.get(key, ())) for key in ("paths", "exclude")
        )
        categories.append(Category(name=name, paths=paths, exclude=exclude))
    return tuple(categories)


_RULES_KEYS = ("phrases", "navigation_headings", "trivial_kinds")


def _rules(value: Any, source: str) -> Rules:
    """``[rules]``: entries added to the lexicon's lists (``phrases``, a table by list name;
    ``navigation_headings``) and signal kinds whose presence alone is noise."""
    if not isinstance(value, dict):
        raise ConfigError(f"{source}: key 'rules' must be a table ([rules])")
    unknown = sorted(set(value) - set(_RULES_KEYS))
    if unknown:
        raise ConfigError(
            f"{source}: unknown key 'rules.{unknown[0]}' (known: {', '.join(_RULES_KEYS)})"
        )
    phrases = value.get("phrases", {})
    if not isinstance(phrases, dict):
        raise ConfigError(
            f"{source}: key 'rules.phrases' must be a table of word lists "
            f"(known: {', '.join(LISTS)})"
        )
    added = {
        name: checked_list(name, entries, source, "rules.phrases.")
        for name, entries in phrases.items()
    }
    if "navigation_headings" in value:
        headings = checked_list(
            "navigation_headings", value["navigation_headings"], source, "rules."
        )
        added["navigation_headings"] = (*added.get("navigation_headings", ()), *headings)
    kinds = value.get("trivial_kinds", [])
    if not isinstance(kinds, list) or not all(isinstance(kind, str) for kind in kinds):
        raise ConfigError(f"{source}: key 'rules.trivial_kinds' must be a list of signal kinds")
    for kind in kinds:
        if kind not in SIGNAL_KINDS:
            close = get_close_matches(kind, SIGNAL_KINDS, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"known: {', '.join(SIGNAL_KINDS)}"
            raise ConfigError(
                f"{source}: key 'rules.trivial_kinds': unknown signal kind '{kind}' ({hint})"
            )
    return Rules(tuple(added.items()), tuple(kinds))


def _apply(settings: Settings, values: Mapping[str, Any], source: str) -> Settings:
    if not values:
        return settings
    names = {item.name for item in fields(Settings)}
    updates = {key: value for key, value in values.items() if key in names}
    if source not in ("environment", "command line"):
        updates["source"] = source
    return replace(settings, **updates)


def _validate(settings: Settings) -> None:
    where = settings.source
    if settings.engine not in ENGINES:
        raise ConfigError(
            f"{settings.origin('engine')}: engine '{settings.engine}' is not one of: "
            f"{', '.join(ENGINES)}"
        )
    if settings.fallback not in FALLBACKS:
        raise ConfigError(
            f"{settings.origin('fallback')}: fallback '{settings.fallback}' is not one of: "
            f"{', '.join(FALLBACKS)}"
        )
    for locale in settings.locales:
        try:
            i18n.check_locale(locale)
        except UsageError as error:
            raise ConfigError(f"{settings.origin('locales')}: {error}") from None
    for key in ("docs_url", "site_url"):
        value = getattr(settings, key)
        if value is not None and not re.match(r"^https?://[^\s/?#]+[^\s]*$", value):
            raise ConfigError(
                f"{settings.origin(key)}: key '{key}' must be an http(s) address, not {value!r}"
            )
    _check_output_pattern(settings, settings.origin("output"))
    _check_since(settings)
    _check_compare_url(settings)
    names = [category.name for category in settings.categories]
    if settings.catch_all is not None:
        names.append(settings.catch_all)
    for name in names:
        if not name or any(char in name for char in '/\\{}%:*?"<>|') or name.startswith("."):
            raise ConfigError(f"{where}: category name '{name}' cannot be used in a file name")


def _check_output_pattern(settings: Settings, where: str) -> None:
    pattern = settings.output
    try:
        used = {name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None}
    except ValueError as error:
        raise ConfigError(f"{where}: output pattern '{pattern}': {error}") from None
    unknown = sorted(used - {"locale", "category"})
    if unknown:
        raise ConfigError(
            f"{where}: output pattern '{pattern}' has unknown placeholder '{{{unknown[0]}}}' "
            "(known: {locale}, {category})"
        )
    if not pattern.endswith(".md"):
        raise ConfigError(f"{where}: output pattern '{pattern}' must end with .md")
    sample = Date(2025, 5, 28).strftime(pattern).format(locale="en_US", category="docs")
    problem = _path_problem(sample)
    if problem:
        raise ConfigError(f"{where}: output pattern {pattern!r} {problem}: {sample!r}")

    categories = len(settings.categories) + (settings.catch_all is not None)
    for placeholder, count in (
        ("locale", len(settings.locales)),
        ("category", categories if settings.categories else 1),
    ):
        if count > 1 and placeholder not in used:
            raise ConfigError(
                f"{where}: output pattern '{pattern}' needs {{{placeholder}}}: "
                f"{count} {placeholder} values would overwrite each other"
            )


def _path_problem(path: str) -> str | None:
    """Why a report path made by the output pattern cannot be used, before any work."""
    if path.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", path):
        return "gives an absolute path"
    if ".." in re.split(r"[/\\]", path):
        return "leads out of the output folder (..)"
    if any(ord(character) < 32 or ord(character) == 127 for character in path):
        return "puts a control character (a line break, a tab) into file names"
    return None


_DAY_SHAPE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def is_day(value: str) -> bool:
    """A ``since`` that names a day (``YYYY-MM-DD``) rather than a commit."""
    return bool(_DAY_SHAPE.match(value))


def _check_since(settings: Settings) -> None:
    if settings.since is None:
        return
    if not settings.since.strip():
        raise ConfigError(f"{settings.origin('since')}: key 'since' is empty")
    if is_day(settings.since):
        try:
            Date.fromisoformat(settings.since)
        except ValueError:
            raise ConfigError(
                f"{settings.origin('since')}: key 'since': '{settings.since}' is no day "
                "of the calendar (YYYY-MM-DD)"
            ) from None


COMPARE_FIELDS = ("base", "head", "dots", "base_sha", "head_sha")


def _check_compare_url(settings: Settings) -> None:
    """Only plain ``{name}`` fields: no format spec (``{base:>99999999}`` would run for
    minutes), no conversion, no attribute or index (``{base.__class__}``)."""
    if not settings.compare_url:
        return
    known = ", ".join(f"{{{name}}}" for name in COMPARE_FIELDS)
    where = f"{settings.origin('compare_url')}: key 'compare_url' '{settings.compare_url}'"
    try:
        fields = list(string.Formatter().parse(settings.compare_url))
    except ValueError as error:
        raise ConfigError(f"{where}: {error} (known: {known})") from None
    for _, name, spec, conversion in fields:
        if name is None:
            continue
        if name not in COMPARE_FIELDS or spec or conversion:
            shown = name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            raise ConfigError(
                f"{where}: '{{{shown}}}' is not one of the plain placeholders {known}"
            )
