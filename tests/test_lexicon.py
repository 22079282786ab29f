"""The word lists as data: the shipped files, their syntax, and ``[rules]`` in the config."""

from __future__ import annotations

import json
from pathlib import Path

import click.testing
import pytest
from click.testing import CliRunner
from docs_repo import DocsRepo
from structure_cases import change

from insight.cli import cli
from insight.config import Settings, load_settings
from insight.engines.heuristic import PARALLEL_MINIMUM, HeuristicEngine
from insight.errors import ConfigError
from insight.lexicon import FOLDER, LISTS, Lexicon, Rules, load, read_language
from insight.models import BREAKING, MINOR
from insight.report.pipeline import create_engine

README = Path(__file__).resolve().parent.parent / "README.md"
PAGE = (
    "# {title}\n\nThe service stores your files and keeps a history of every change.\n\n"
    "## Use it\n\nSign in, pick a folder, and upload the files you want to keep.\n"
    "Each upload keeps the last ten versions of a file.\n"
)
RULES = """\
[rules]
navigation_headings = ["Further reading"]
trivial_kinds = ["text_edited"]

[rules.phrases]
retirement = ["go dark"]
"""


def run(*args: str) -> click.testing.Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('retirment = ["retire"]\n', "unknown word list 'retirment' (known: retirement, "),
        ("retirement = [1]\n", "key 'retirement': entries must be strings, not 1"),
        ('retirement = "retire"\n', "key 'retirement' must be a list of strings"),
        ('negations = ["not", ""]\n', "key 'negations': an entry is empty"),
        ('retirement = ["a*b"]\n', "a '*' may only end a word"),
        ("retirement = [\n", "cannot read the word lists"),
    ],
)
def test_a_bad_language_file_is_one_line_naming_the_file_and_the_list(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "xx.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        read_language(path)
    assert str(raised.value).startswith(f"{path}: ")
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)


def test_the_shipped_languages_are_read_and_merged() -> None:
    files = sorted(path.name for path in FOLDER.glob("*.toml"))
    assert files == ["en.toml", "es.toml", "ja.toml", "zh.toml"]
    for path in FOLDER.glob("*.toml"):
        assert set(read_language(path)) <= set(LISTS)
    retirement = load().pattern("retirement")
    for text in (
        "Version 2 is deprecated.",
        "该功能已停用。",
        "この機能は廃止されました。",
        "La versión 2 está obsoleta.",
    ):
        assert retirement.search(text), text
    assert not retirement.search("Remove obsolete links.")  # Spanish words only


def test_the_readme_names_every_list() -> None:
    rules = README.read_text(encoding="utf-8").split("### `[rules]`", 1)[1].split("<!--", 1)[0]
    assert [name for name in LISTS if f"`{name}`" not in rules] == []


@pytest.mark.parametrize(
    ("entry", "matched", "unmatched"),
    [
        ("deprecat*", ["deprecated", "Deprecation notice", "DEPRECATES"], ["undeprecated"]),
        ("end-of-life", ["end of life", "end-of-life", "end of-life"], ["end_of_life"]),
        ("not", ["is not here", "Not yet"], ["a note", "cannot"]),
        ("停用", ["该功能已停用。", "停用"], []),
        (">=", ["version >=2", "a>=b"], ["a=>b"]),
        ("can't", ["you can't"], ["cant"]),
        ("new in v{n}", ["New in v2", "new in v3.12:"], ["new in version 2", "new in v"]),
    ],
)
def test_phrase_syntax(entry: str, matched: list[str], unmatched: list[str]) -> None:
    pattern = Lexicon({"retirement": (entry,)}).pattern("retirement")
    for text in matched:
        assert pattern.search(text), text
    for text in unmatched:
        assert not pattern.search(text), text


def test_announcement_wording_matches_case_as_written() -> None:
    strong = load().pattern("announcement_strong")
    assert strong.search("BREAKING: the config format changed")
    assert strong.search("Breaking Changes")
    assert not strong.search("breaking news about the release")


def test_entries_that_start_alike_match_the_longer_one() -> None:
    lexicon = Lexicon({"flag_words": ("breaking", "breaking-change", "breaking-changes")})
    found = lexicon.pattern("flag_words").search("Breaking changes ahead")
    assert found is not None and found.group(0) == "Breaking changes"
    assert lexicon.pattern("flag_words") is lexicon.pattern("flag_words")  # compiled once


def test_rules_in_the_config_turn_a_sentence_into_a_retirement_notice_add_a_navigation_heading_and_force_a_kind_trivial(  # noqa: E501
    docs_repo: DocsRepo, isolated: Path
) -> None:
    for name in ("api", "links", "wording"):
        docs_repo.write(f"docs/{name}.md", PAGE.format(title=name))
    docs_repo.commit("base")
    docs_repo.write(
        "docs/api.md",
        PAGE.format(title="api") + "\nThe version 1 endpoints go dark on March 31, 2026.\n",
    )
    links = "".join(
        f"- How {topic} work, step by step: [{topic}]({topic}.md)\n"
        for topic in ("limits", "sharing", "backups")
    )
    docs_repo.write(
        "docs/links.md", PAGE.format(title="links") + f"\n## Further reading\n\n{links}"
    )
    docs_repo.write(
        "docs/wording.md",
        PAGE.format(title="wording").replace(
            "Sign in, pick a folder, and upload the files you want to keep.",
            "Sign in with your work account, choose any folder you own, and upload the files.",
        ),
    )
    docs_repo.commit("edit")

    def items(out: str) -> dict[str, dict]:
        result = run("report", "--repo", str(docs_repo.path), "HEAD~1", "--out", out)
        assert result.exit_code == 0, result.output
        model = next(path for path in result.stdout.split() if path.endswith(".json"))
        found = json.loads((isolated / model).read_text(encoding="utf-8"))["items"]
        return {item["path"]: item for item in found}

    plain = items("plain")
    (isolated / "insight.toml").write_text(RULES, encoding="utf-8")
    ruled = items("ruled")

    assert plain["docs/api.md"]["type"] == MINOR
    assert ruled["docs/api.md"]["type"] == BREAKING
    notice = next(s for s in ruled["docs/api.md"]["signals"] if s["kind"] == "deprecation_added")
    assert notice["date"] == "March 31, 2026"
    assert plain["docs/links.md"]["type"] == "new feature"
    assert ruled["docs/links.md"]["type"] == MINOR
    assert [s["kind"] for s in ruled["docs/wording.md"]["signals"]] == ["text_edited"]
    assert not plain["docs/wording.md"]["trivial"]
    assert ruled["docs/wording.md"]["trivial"]


def test_an_unknown_trivial_kind_is_a_configuration_error(
    docs_repo: DocsRepo, isolated: Path
) -> None:
    docs_repo.write("docs/api.md", PAGE.format(title="api"))
    docs_repo.commit("base")
    docs_repo.write("docs/api.md", PAGE.format(title="API"))
    docs_repo.commit("edit")
    config = isolated / "insight.toml"
    config.write_text('[rules]\ntrivial_kinds = ["link_retarget"]\n', encoding="utf-8")
    result = run("report", "--repo", str(docs_repo.path), "HEAD~1")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"Error: {config}: key 'rules.trivial_kinds': unknown signal kind 'link_retarget' "
        "(did you mean 'link_retargeted'?)"
    )
    assert not (isolated / "reports").exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[rules]\nwords = []\n", "unknown key 'rules.words' (known: phrases, "),
        ("[rules.phrases]\nretire = ['x']\n", "unknown word list 'rules.phrases.retire'"),
        ("[rules.phrases]\nnegations = [3]\n", "key 'rules.phrases.negations': entries must be"),
        ("[rules]\nnavigation_headings = 'See also'\n", "'rules.navigation_headings' must be a"),
        ("[rules]\ntrivial_kinds = ['zzz']\n", "unknown signal kind 'zzz' (known: "),
    ],
)
def test_bad_rules_name_the_key_and_the_file(tmp_path: Path, text: str, message: str) -> None:
    config = tmp_path / "insight.toml"
    config.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_settings(directory=tmp_path, environ={})
    assert str(raised.value).startswith(f"{config}: ")
    assert message in str(raised.value)


def test_pyproject_rules_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.insight.rules]\nnavigation_headings = ["Further reading"]\n'
        '[tool.insight.rules.phrases]\nnegations = ["nicht"]\n',
        encoding="utf-8",
    )
    rules = load_settings(directory=tmp_path, environ={}).rules
    lexicon = load(rules)
    assert lexicon is load(rules)  # built once per distinct rules
    assert "further reading" in lexicon.navigation_headings
    assert lexicon.pattern("negations").search("Das geht nicht.")
    assert not load().pattern("negations").search("Das geht nicht.")


def test_the_engines_get_the_lexicon_of_the_settings() -> None:
    settings = Settings(rules=Rules((("retirement", ("go dark",)),)))
    offline = create_engine(Settings(engine="heuristic", rules=settings.rules))
    assert isinstance(offline, HeuristicEngine) and offline.lexicon is load(settings.rules)
    with create_engine(settings, environ={"OPENAI_API_KEY": "sk-test"}, no_cache=True) as online:
        assert online.offline.lexicon is load(settings.rules)


def test_forked_workers_read_with_the_engines_lexicon() -> None:
    old = PAGE.format(title="api")
    notice = change(old, old + "\nThe version 1 endpoints go dark on March 31, 2026.\n")
    lexicon = load(Rules((("retirement", ("go dark",)),)))
    engine = HeuristicEngine(workers=2, lexicon=lexicon)
    described = engine.describe([notice] * PARALLEL_MINIMUM, ["en_US"])
    assert {result.assessment.type for result in described} == {BREAKING}
