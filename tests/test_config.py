"""Settings: precedence, discovery and errors that name the key and the file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from insight.config import DEFAULT_OUTPUT, load_settings
from insight.errors import ConfigError, UsageError
from insight.models import Category, FileChange
from insight.source.categories import assign, matches

EXAMPLE = """\
locales = ["zh_CN", "en_US"]
output = "%Y%m/{locale}/report-%Y%m%d-{category}.md"
[categories.openai]
paths = ["articles/ai-services/openai"]
[categories.search]
paths = ["articles/search", "articles/**/search-*.md"]
"""


def test_defaults(tmp_path: Path) -> None:
    settings = load_settings(directory=tmp_path, environ={})
    assert settings.locales == ("en_US",)
    assert settings.output == DEFAULT_OUTPUT
    assert settings.categories == ()
    assert settings.source == "defaults"


def test_insight_toml_is_found_and_read(tmp_path: Path) -> None:
    (tmp_path / "insight.toml").write_text(EXAMPLE)
    settings = load_settings(directory=tmp_path, environ={})
    assert settings.locales == ("zh_CN", "en_US")
    assert [category.name for category in settings.categories] == ["openai", "search"]
    assert settings.categories[1].paths == ("articles/search", "articles/**/search-*.md")
    assert settings.source == str(tmp_path / "insight.toml")


def test_pyproject_tool_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n[tool.insight]\nlocales = ["ja_JP"]\n'
    )
    assert load_settings(directory=tmp_path, environ={}).locales == ("ja_JP",)


def test_pyproject_without_a_tool_table_is_ignored(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert load_settings(directory=tmp_path, environ={}).source == "defaults"


def test_flags_beat_environment_beat_file(tmp_path: Path) -> None:
    (tmp_path / "insight.toml").write_text(
        'locales = ["zh_CN"]\nout = "from-file"\nrepo = "file-repo"\n'
    )
    environ = {"INSIGHT_OUT": "from-env", "INSIGHT_LOCALES": "ja_JP, en_US"}
    settings = load_settings(
        directory=tmp_path, environ=environ, overrides={"out": "from-flag", "locales": ()}
    )
    assert settings.out == "from-flag"
    assert settings.locales == ("ja_JP", "en_US")
    assert settings.repo == "file-repo"


def test_explicit_config_file(tmp_path: Path) -> None:
    config = tmp_path / "elsewhere.toml"
    config.write_text('locales = ["ja_JP"]\n')
    assert load_settings(config, directory=tmp_path, environ={}).locales == ("ja_JP",)
    with pytest.raises(ConfigError, match="no such config file"):
        load_settings(tmp_path / "missing.toml", directory=tmp_path, environ={})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('locale = ["en_US"]\n', "unknown key 'locale'"),
        ("patch_limit = -5\n", "key 'patch_limit' must be an integer of at least 1"),
        ("temperature = 3\n", "key 'temperature' must be a number from 0 to 2"),
        ('timeout = "soon"\n', "key 'timeout' must be a number from 1 to 3600"),
        ("locales = []\n", "key 'locales' must be a non-empty list of strings"),
        ("[categories.docs]\nprefix = ['a']\n", r"\[categories.docs\]: unknown key 'prefix'"),
        ("[categories.docs]\n", r"\[categories.docs\]: missing key 'paths'"),
        ('locales = ["xx_XX"]\n', "unknown locale 'xx_XX'"),
        ('output = "{date}.md"\n', "unknown placeholder '{date}'"),
        ('output = "{locale}-{category}.html"\n', "must end with .md"),
        ('locales = ["en_US", "ja_JP"]\noutput = "{category}.md"\n', "needs {locale}"),
        ('engine = "magic"\n', "engine 'magic' is not one of"),
        ("locales = [\n", "invalid TOML"),
        ('[categories."a/b"]\npaths = ["x"]\n', "cannot be used in a file name"),
    ],
)
def test_bad_config_names_key_and_file(tmp_path: Path, text: str, message: str) -> None:
    config = tmp_path / "insight.toml"
    config.write_text(text)
    with pytest.raises(UsageError, match=message) as raised:
        load_settings(directory=tmp_path, environ={})
    if "locale 'xx_XX'" not in message:
        assert str(config) in str(raised.value)


def test_unknown_locale_lists_the_supported_ones(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"supported: en_US, ja_JP, zh_CN"):
        load_settings(directory=tmp_path, environ={}, overrides={"locales": ("fr_XX",)})


@pytest.mark.parametrize(
    ("path", "pattern", "expected"),
    [
        ("articles/search/index.md", "articles/search", True),
        ("articles/search", "articles/search", True),
        ("articles/searchable/index.md", "articles/search", False),
        ("articles/ai/search-howto.md", "articles/**/search-*.md", True),
        ("articles/search-howto.md", "articles/**/search-*.md", True),
        ("articles/ai/research-howto.md", "articles/**/search-*.md", False),
        ("articles/a/b.md", "articles/*.md", False),
    ],
)
def test_category_patterns(path: str, pattern: str, expected: bool) -> None:
    assert matches(path, pattern) is expected


def test_first_matching_category_wins_and_unmatched_are_counted() -> None:
    categories = (
        Category("openai", ("articles/ai-services/openai",)),
        Category("search", ("articles/search", "articles/**/search-*.md")),
        Category("empty", ("nothing/here",)),
    )
    changes = [
        FileChange("articles/ai-services/openai/search-tips.md", "modified"),
        FileChange("articles/search/index.md", "added"),
        FileChange("articles/speech/overview.md", "modified"),
    ]
    groups, unmatched = assign(changes, categories, "docs")
    assert {name: [c.path for c in members] for name, members in groups.items()} == {
        "openai": ["articles/ai-services/openai/search-tips.md"],
        "search": ["articles/search/index.md"],
    }
    assert unmatched == 1


def test_without_categories_one_group_named_after_the_repository() -> None:
    changes = [FileChange("a.md", "added"), FileChange("b/c.md", "removed")]
    groups, unmatched = assign(changes, (), "azure-ai-docs")
    assert (
        list(groups) == ["azure-ai-docs"] and len(groups["azure-ai-docs"]) == 2 and unmatched == 0
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[categories.docs]\npaths = ["x/[unclosed"]\n',
            r"paths entry 'x/\[unclosed'.*never closed",
        ),
        ('since = "2025-13-45"\n', "key 'since': '2025-13-45' is no day"),
        ('compare_url = "https://x/{nope}"\n', "key 'compare_url'.*'{nope}' is not one of"),
        ('compare_url = "https://x/{base"\n', "key 'compare_url'"),
        ('compare_url = "https://x/{base!r:>99999999}"\n', "'{base!r:>99999999}' is not one"),
        ('compare_url = "https://x/{base:>2000000}"\n', "'{base:>2000000}' is not one of"),
        ('compare_url = "https://x/{base.__class__}"\n', "'{base.__class__}' is not one of"),
        ('compare_url = "https://x/{head[0]}"\n', "'{head\\[0\\]}' is not one of"),
        ("git_timeout = 0\n", "key 'git_timeout' must be a number from 1 to 86400"),
        ('output = "../../../x/{category}.md"\n', "leads out of the output folder"),
        ('output = "/srv/x/{category}.md"\n', "gives an absolute path: '/srv/x/docs.md'"),
        ('output = "%Y/{category}/%s%%%n.md"\n', "puts a control character .* into file names"),
    ],
)
def test_bad_ranges_and_links_are_config_errors(tmp_path: Path, text: str, message: str) -> None:
    config = tmp_path / "insight.toml"
    config.write_text(text)
    with pytest.raises(ConfigError, match=message) as raised:
        load_settings(directory=tmp_path, environ={})
    assert str(raised.value).startswith(str(config))


def test_closed_brackets_are_fine(tmp_path: Path) -> None:
    (tmp_path / "insight.toml").write_text('[categories.d]\npaths = ["x/[]a]*.md", "y/[!a-c]"]\n')
    assert load_settings(directory=tmp_path, environ={}).categories[0].paths[0] == "x/[]a]*.md"


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"INSIGHT_LOCALES": ", ,"}, "INSIGHT_LOCALES: no locale"),
        ({"INSIGHT_ENGINE": "foo"}, "INSIGHT_ENGINE: engine 'foo' is not one of"),
        ({"INSIGHT_TEMPERATURE": "nan"}, "INSIGHT_TEMPERATURE: key 'temperature' must be"),
        ({"INSIGHT_TIMEOUT": "inf"}, "INSIGHT_TIMEOUT: key 'timeout' must be"),
        ({"INSIGHT_LOCALES": "xx_XX"}, "INSIGHT_LOCALES: unknown locale 'xx_XX'"),
        ({"INSIGHT_SINCE": "2025-02-30"}, "INSIGHT_SINCE: key 'since'"),
    ],
)
def test_environment_errors_name_the_variable(
    tmp_path: Path, environ: dict[str, str], message: str
) -> None:
    (tmp_path / "insight.toml").write_text('engine = "auto"\n')
    with pytest.raises(ConfigError, match=message):
        load_settings(directory=tmp_path, environ=environ)


def test_exclude_globs_take_files_out_of_a_category_into_the_catch_all(tmp_path: Path) -> None:
    config = tmp_path / "insight.toml"
    config.write_text(
        '[categories.search]\npaths = ["articles/search"]\nexclude = ["**/includes/**"]\n'
    )
    settings = load_settings(config)
    assert settings.categories[0].exclude == ("**/includes/**",) and settings.catch_all == "other"
    changes = [
        FileChange("articles/search/index.md", "modified"),
        FileChange("articles/search/includes/note.md", "modified"),
    ]
    groups, unmatched = assign(changes, settings.categories, "docs", settings.catch_all)
    assert {name: [c.path for c in members] for name, members in groups.items()} == {
        "search": ["articles/search/index.md"],
        "other": ["articles/search/includes/note.md"],
    }
    assert unmatched == 0


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("catch_all = true", "key 'catch_all' must be a category name, or false"),
        ('catch_all = ""', "key 'catch_all' must be a category name, or false"),
        ('catch_all = "a/b"', "category name 'a/b' cannot be used in a file name"),
        ('[categories.x]\npaths = ["a"]\nexclude = ["b/[x"]', "exclude entry 'b/[x'"),
    ],
)
def test_bad_catch_all_and_exclude_are_config_errors(
    tmp_path: Path, line: str, message: str
) -> None:
    config = tmp_path / "insight.toml"
    config.write_text(line + "\n")
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_settings(config)


def test_catch_all_false_leaves_unmatched_files_out(tmp_path: Path) -> None:
    config = tmp_path / "insight.toml"
    config.write_text('catch_all = false\n[categories.search]\npaths = ["articles/search"]\n')
    settings = load_settings(config)
    groups, unmatched = assign(
        [FileChange("README.md", "modified")], settings.categories, "docs", settings.catch_all
    )
    assert groups == {} and unmatched == 1
