"""Translation debt on real temporary repositories: FastAPI, Hugo and suffix layouts."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
import yaml
from click.testing import CliRunner
from docs_repo import DocsRepo
from markdown_it import MarkdownIt

from insight.cli import cli
from insight.config import load_settings
from insight.errors import ConfigError
from insight.report.translations import (
    check_translations,
    inline_code,
    render_translations,
    translation_reports,
)
from insight.source.languages import (
    SUFFIX_PATTERN,
    Layout,
    detect_layouts,
    is_language_code,
    layout_from_table,
)

FIELDS = [
    "source",
    "language",
    "translation",
    "state",
    "source_changed",
    "translation_changed",
    "commits_behind",
    "moved_to",
]


def run(*args: str) -> click.testing.Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def jsonl(result: click.testing.Result) -> list[dict[str, object]]:
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def states(rows: list[dict[str, object]]) -> set[tuple[object, object, object]]:
    return {(row["source"], row["language"], row["state"]) for row in rows}


EN, DE, JA = "docs/en/docs", "docs/de/docs", "docs/ja/docs"


@pytest.fixture
def fastapi(docs_repo: DocsRepo, isolated: Path) -> DocsRepo:
    """English pages under docs/en/docs, German and Japanese beside them; the range is
    ``base..main``, with one source change made between a translation and the base."""
    docs_repo.write("docs/en/mkdocs.yml", "site_name: FastAPI\n")
    for page in ("index.md", "tutorial/first-steps.md", "old.md", "moved.md"):
        docs_repo.write(f"{EN}/{page}", f"# {page}\n\nEnglish.\n")
        docs_repo.write(f"{DE}/{page}", f"# {page}\n\nDeutsch.\n")
    docs_repo.write(f"{JA}/index.md", "# index\n\n日本語。\n")
    docs_repo.write(f"{EN}/img/logo.png", b"\x89PNG\r\n")
    docs_repo.commit("Docs in three languages", date="2024-12-01T10:00:00+00:00")
    docs_repo.write(f"{EN}/tutorial/first-steps.md", "# First steps\n\nBefore the range.\n")
    docs_repo.commit("Edit first steps", date="2024-12-15T10:00:00+00:00")
    docs_repo.repo.create_tag("base")
    docs_repo.write(f"{EN}/index.md", "# index\n\nEnglish, edited.\n")
    docs_repo.write(f"{EN}/tutorial/first-steps.md", "# First steps\n\nEdited.\n")
    docs_repo.commit("Edit the index and first steps", date="2025-02-01T10:00:00+00:00")
    docs_repo.write(f"{DE}/index.md", "# index\n\nDeutsch, aktualisiert.\n")
    docs_repo.commit("Update the German index", date="2025-02-02T10:00:00+00:00")
    docs_repo.write(f"{EN}/new.md", "# New\n\nA new page.\n")
    docs_repo.remove(f"{EN}/old.md")
    docs_repo.move(f"{EN}/moved.md", f"{EN}/guide/moved.md")
    docs_repo.commit("Add, remove and move pages", date="2025-02-03T10:00:00+00:00")
    docs_repo.write(f"{EN}/tutorial/first-steps.md", "# First steps\n\nEdited twice.\n")
    docs_repo.commit("Edit first steps again", date="2025-02-04T10:00:00+00:00")
    return docs_repo


def test_fastapi_stale_missing_and_orphaned(fastapi: DocsRepo) -> None:
    rows = jsonl(run("translations", "--repo", str(fastapi.path), "base..main"))
    assert states(rows) == {
        (f"{EN}/tutorial/first-steps.md", "de", "stale"),
        (f"{EN}/new.md", "de", "missing"),
        (f"{EN}/old.md", "de", "orphaned"),
        (f"{EN}/moved.md", "de", "orphaned"),
        (f"{EN}/index.md", "ja", "stale"),
        (f"{EN}/new.md", "ja", "missing"),
    }
    by_key = {(row["source"], row["language"]): row for row in rows}
    assert by_key[(f"{EN}/tutorial/first-steps.md", "de")] == {
        "source": f"{EN}/tutorial/first-steps.md",
        "language": "de",
        "translation": f"{DE}/tutorial/first-steps.md",
        "state": "stale",
        "source_changed": "2025-02-04",
        "translation_changed": "2024-12-01",
        "commits_behind": 3,
        "moved_to": None,
    }
    assert by_key[(f"{EN}/index.md", "ja")]["commits_behind"] == 1
    missing = by_key[(f"{EN}/new.md", "de")]
    assert missing["translation"] == f"{DE}/new.md" and missing["translation_changed"] is None
    assert missing["source_changed"] == "2025-02-03" and missing["commits_behind"] == 1


def test_jsonl_fields_in_order(fastapi: DocsRepo) -> None:
    rows = jsonl(run("translations", "--repo", str(fastapi.path), "base..main", "-f", "jsonl"))
    assert all(list(row) == FIELDS for row in rows)


def test_moved_source_is_orphaned_not_missing(fastapi: DocsRepo) -> None:
    rows = jsonl(run("translations", "--repo", str(fastapi.path), "base..main", "-l", "de"))
    by_source = {row["source"]: row for row in rows}
    moved = by_source[f"{EN}/moved.md"]
    assert moved["translation"] == f"{DE}/moved.md"
    assert moved["moved_to"] == f"{EN}/guide/moved.md"
    assert moved["source_changed"] == "2025-02-03"
    assert by_source[f"{EN}/old.md"]["moved_to"] is None
    assert f"{EN}/guide/moved.md" not in by_source


def test_a_translation_moved_with_its_source_is_not_orphaned(fastapi: DocsRepo) -> None:
    fastapi.move(f"{DE}/moved.md", f"{DE}/guide/moved.md")
    fastapi.commit("Move the German page too", date="2025-02-05T10:00:00+00:00")
    rows = jsonl(run("translations", "--repo", str(fastapi.path), "base..main", "-l", "de"))
    assert (f"{EN}/moved.md", "de", "orphaned") not in states(rows)
    assert not any(row["source"] == f"{EN}/guide/moved.md" for row in rows)


def test_language_filter(fastapi: DocsRepo) -> None:
    rows = jsonl(run("translations", "--repo", str(fastapi.path), "base..main", "-l", "ja"))
    assert {row["language"] for row in rows} == {"ja"}
    assert len(rows) == 2


def test_unknown_language_is_a_usage_error(fastapi: DocsRepo) -> None:
    result = run("translations", "--repo", str(fastapi.path), "base..main", "-l", "xx")
    assert result.exit_code == 2
    assert result.stderr.strip() == "Error: unknown language 'xx' (translations found: de, ja)"


def test_unknown_range_is_one_line(fastapi: DocsRepo) -> None:
    result = run("translations", "--repo", str(fastapi.path), "nope...main")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "unknown revision 'nope'" in result.stderr


def test_whole_history_without_a_range(fastapi: DocsRepo) -> None:
    rows = jsonl(run("translations", "--repo", str(fastapi.path)))
    check = check_translations(load_settings(overrides={"repo": str(fastapi.path)}), None)
    assert check.label is None and check.permalink is None
    head = fastapi.repo.head.commit.hexsha[:7]
    assert f"Whole history up to `{head}` (2025-02-04): 6 source pages changed." in (
        render_translations(check, "de", "en_US")
    )
    assert (f"{EN}/index.md", "ja", "stale") in states(rows)
    assert (f"{EN}/tutorial/first-steps.md", "ja", "missing") in states(rows)
    assert (f"{EN}/guide/moved.md", "ja", "missing") in states(rows)
    assert (f"{EN}/moved.md", "de", "orphaned") in states(rows)
    assert (f"{EN}/old.md", "de", "orphaned") in states(rows)


def test_table_on_request(fastapi: DocsRepo) -> None:
    result = run("translations", "--repo", str(fastapi.path), "base..main", "-f", "table")
    header, *lines = result.stdout.splitlines()
    assert header.split() == [
        "LANGUAGE",
        "STATE",
        "BEHIND",
        "SOURCE_CHANGED",
        "TRANSLATED",
        "SOURCE",
    ]
    assert len(lines) == 6
    assert any("(moved to docs/en/docs/guide/moved.md)" in line for line in lines)


def test_markdown_reports_per_language_and_locale(fastapi: DocsRepo, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(
        "translations",
        "--repo",
        str(fastapi.path),
        "base..main",
        "--markdown",
        str(out),
        "--locale",
        "en_US",
        "--locale",
        "ja_JP",
    )
    assert result.exit_code == 0, result.output
    written = sorted(Path(line).relative_to(out).as_posix() for line in result.stdout.split())
    assert written == [
        "202502/en_US/translations-20250204-de.md",
        "202502/en_US/translations-20250204-ja.md",
        "202502/ja_JP/translations-20250204-de.md",
        "202502/ja_JP/translations-20250204-ja.md",
    ]
    english = (out / written[0]).read_text(encoding="utf-8")
    front = yaml.safe_load(english.split("---\n")[1])
    assert front == {
        "title": "[en_US] Translation Debt Report - de",
        "locale": "en_US",
        "date": "2025-02-04",
        "summary": "The de translation is behind on 4 pages: 1 stale, 1 missing and 2 orphaned.",
    }  # no forge remote, so no compare link
    for heading in ("# Stale translations", "# Missing translations", "# Orphaned translations"):
        assert heading in english
    assert (
        f"| `{EN}/tutorial/first-steps.md` | `{DE}/tutorial/first-steps.md` | 2025-02-04 "
        "| 2024-12-01 | 3 |"
    ) in english
    assert f"| `{DE}/moved.md` | `{EN}/moved.md` | `{EN}/guide/moved.md` |" in english
    assert f"| `{DE}/old.md` | `{EN}/old.md` | removed |" in english
    japanese = (out / written[2]).read_text(encoding="utf-8")
    assert "# 古くなった翻訳" in japanese
    assert "ソースページは範囲内で削除または移動されましたが" in japanese
    assert "まだ翻訳されていません。" in japanese


def test_markdown_escapes_file_names_in_table_cells(docs_repo: DocsRepo, isolated: Path) -> None:
    odd = "odd`name|pipe.md"
    docs_repo.write(f"content/en/{odd}", "# Odd\n")
    docs_repo.write("content/fr/_index.md", "# Accueil\n")
    docs_repo.write("content/en/_index.md", "# Home\n")
    docs_repo.commit("Hugo site", date="2025-03-01T10:00:00+00:00")
    check = check_translations(load_settings(overrides={"repo": str(docs_repo.path)}), None)
    markdown = render_translations(check, "fr", "en_US")
    row = next(line for line in markdown.splitlines() if "odd" in line)
    assert row.startswith("| ``content/en/odd`name\\|pipe.md`` |")
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    cells = [
        token.children[0].content if token.children else ""
        for token in tokens
        if token.type == "inline" and "odd" in token.content
    ]
    assert "content/en/odd`name|pipe.md" in cells
    assert "content/fr/odd`name|pipe.md" in cells


def test_hugo_content_folders(docs_repo: DocsRepo, isolated: Path) -> None:
    docs_repo.write("hugo.toml", 'defaultContentLanguage = "en"\n')
    docs_repo.write("content/en/docs/install.md", "# Install\n")
    docs_repo.write("content/fr/docs/install.md", "# Installer\n")
    docs_repo.write("content/zh-cn/docs/install.md", "# 安装\n")
    docs_repo.commit("Site", date="2025-04-01T10:00:00+00:00")
    docs_repo.write("content/zh-cn/docs/install.md", "# 安装（更新）\n")
    docs_repo.commit("Chinese update", date="2025-04-02T10:00:00+00:00")
    docs_repo.write("content/en/docs/install.md", "# Install\n\nNew step.\n")
    docs_repo.write("content/en/docs/upgrade.md", "# Upgrade\n")
    docs_repo.commit("English update", date="2025-04-03T10:00:00+00:00")
    rows = jsonl(run("translations", "--repo", str(docs_repo.path), "HEAD~2..HEAD"))
    assert states(rows) == {
        ("content/en/docs/install.md", "fr", "stale"),
        ("content/en/docs/install.md", "zh-cn", "stale"),
        ("content/en/docs/upgrade.md", "fr", "missing"),
        ("content/en/docs/upgrade.md", "zh-cn", "missing"),
    }
    chinese = next(row for row in rows if row["language"] == "zh-cn" and row["state"] == "stale")
    assert chinese["translation_changed"] == "2025-04-02"
    assert chinese["commits_behind"] == 1


def test_suffix_layout(docs_repo: DocsRepo, isolated: Path) -> None:
    docs_repo.write("mkdocs.yml", "plugins:\n  - i18n:\n      docs_structure: suffix\n")
    for page in ("index", "guide", "old"):
        docs_repo.write(f"docs/{page}.md", f"# {page}\n")
        docs_repo.write(f"docs/{page}.fr.md", f"# {page} (fr)\n")
    docs_repo.commit("Pages", date="2025-05-01T10:00:00+00:00")
    docs_repo.write("docs/guide.md", "# guide\n\nMore.\n")
    docs_repo.write("docs/new.md", "# new\n")
    docs_repo.remove("docs/old.md")
    docs_repo.write("docs/index.fr.md", "# index (fr), revu\n")
    docs_repo.commit("Changes", date="2025-05-02T10:00:00+00:00")
    rows = jsonl(run("translations", "--repo", str(docs_repo.path), "HEAD~1"))
    assert states(rows) == {
        ("docs/guide.md", "fr", "stale"),
        ("docs/new.md", "fr", "missing"),
        ("docs/old.md", "fr", "orphaned"),
    }
    assert {row["translation"] for row in rows} == {
        "docs/guide.fr.md",
        "docs/new.fr.md",
        "docs/old.fr.md",
    }


def test_config_table_overrides_detection(docs_repo: DocsRepo, isolated: Path) -> None:
    docs_repo.write("site/source/a.md", "# A\n")
    docs_repo.write("site/l10n/de/a.md", "# A (de)\n")
    docs_repo.write("site/l10n/fr/a.md", "# A (fr)\n")
    docs_repo.commit("Pages", date="2025-05-01T10:00:00+00:00")
    docs_repo.write("site/source/a.md", "# A\n\nMore.\n")
    docs_repo.commit("Edit", date="2025-05-02T10:00:00+00:00")
    result = run("translations", "--repo", str(docs_repo.path), "HEAD~1")
    assert result.exit_code == 2
    assert "no translations found" in result.stderr and "[translations]" in result.stderr
    (isolated / "insight.toml").write_text(
        'locales = ["en_US"]\n\n[translations]\nsource = "site/source"\n'
        'pattern = "site/l10n/{lang}"\nlanguages = ["de"]\n',
        encoding="utf-8",
    )
    assert load_settings().locales == ("en_US",)
    rows = jsonl(run("translations", "--repo", str(docs_repo.path), "HEAD~1"))
    assert states(rows) == {("site/source/a.md", "de", "stale")}
    (isolated / "insight.toml").write_text(
        '[translations]\nsource = "site/source"\npattern = "site/l10n/{lang}"\n', encoding="utf-8"
    )
    rows = jsonl(run("translations", "--repo", str(docs_repo.path), "HEAD~1"))
    assert {row["language"] for row in rows} == {"de", "fr"}


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"source": "docs", "pattern": "x/{lang}", "langs": []}, "unknown key 'langs'"),
        ({"pattern": "x/{lang}"}, "key 'source' must be a string (missing)"),
        ({"source": "docs", "pattern": "x/{language}"}, "must be a folder with one {lang}"),
        ({"source": "docs", "pattern": "x/{lang}", "languages": ["d e"]}, "not a language code"),
    ],
)
def test_config_table_errors_name_the_key(table: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=r"insight\.toml: \[translations\]") as error:
        layout_from_table(table, "insight.toml")
    assert message in str(error.value)


def test_detected_layouts() -> None:
    docusaurus = {
        "docs/intro.md",
        "blog/2025-01-01-hello.md",
        "i18n/fr/docusaurus-plugin-content-docs/current/intro.md",
        "i18n/ko/docusaurus-plugin-content-docs/current/intro.md",
        "i18n/fr/docusaurus-plugin-content-blog/2025-01-01-hello.md",
        "i18n/fr/code.json",
    }
    assert detect_layouts(docusaurus) == (
        Layout("docs", "i18n/{lang}/docusaurus-plugin-content-docs/current", ("fr", "ko")),
        Layout("blog", "i18n/{lang}/docusaurus-plugin-content-blog", ("fr",)),
    )
    fastapi = {"docs/en/docs/index.md", "docs/pt/docs/index.md", "docs/img/docs/a.png"}
    assert detect_layouts(fastapi) == (Layout("docs/en/docs", "docs/{lang}/docs", ("pt",)),)
    hugo = {"content/en/a.md", "content/fr/a.md", "content/api/a.md", "content/de/logo.png"}
    assert detect_layouts(hugo) == (Layout("content/en", "content/{lang}", ("fr",)),)
    suffixed = {"index.md", "index.de.md", "socket.io.md", "notes.v2.md", "notes.md"}
    assert detect_layouts(suffixed) == (Layout("", SUFFIX_PATTERN, ("de",)),)
    assert detect_layouts({"README.md", "docs/index.md"}) == ()


def test_layout_paths() -> None:
    folder = Layout("docs/en/docs", "docs/{lang}/docs", ("de",))
    assert folder.translation("docs/en/docs/a/b.md", "de") == "docs/de/docs/a/b.md"
    assert folder.is_source_page("docs/en/docs/a/b.md")
    assert not folder.is_source_page("docs/en/docs/img/logo.png")
    assert not folder.is_source_page("docs/de/docs/a/b.md")
    suffix = Layout("docs", SUFFIX_PATTERN, ("fr", "pt-BR"))
    assert suffix.translation("docs/a.md", "pt-BR") == "docs/a.pt-BR.md"
    assert suffix.is_source_page("docs/a.md")
    assert not suffix.is_source_page("docs/a.fr.md")
    assert not suffix.is_source_page("other/a.md")


def test_language_codes() -> None:
    assert all(map(is_language_code, ["de", "pt-BR", "zh-hant", "zh_CN"]))
    assert not any(map(is_language_code, ["img", "v2", "em", "docs", "x"]))


def test_translation_reports_for_the_publisher(fastapi: DocsRepo, tmp_path: Path) -> None:
    settings = load_settings(overrides={"repo": str(fastapi.path)})
    check = check_translations(settings, "base..main", languages=["ja"])
    files = translation_reports(check, ["zh_CN"], tmp_path)
    assert list(files) == [tmp_path / "202502/zh_CN/translations-20250204-ja.md"]
    text = files[tmp_path / "202502/zh_CN/translations-20250204-ja.md"]
    assert "ja 译文有 2 个页面落后" in text and "# 过时的译文" in text


def test_an_up_to_date_language_says_so(fastapi: DocsRepo) -> None:
    settings = load_settings(overrides={"repo": str(fastapi.path)})
    check = check_translations(settings, "main~1..main", languages=["ja"])
    assert check.items == ()
    text = render_translations(check, "ja", "en_US")
    assert "The ja translation is up to date with the 1 source page changed in the range." in text
    head = fastapi.repo.head.commit.hexsha[:7]
    assert f"Range `{fastapi.repo.commit('main~1').hexsha[:7]}..{head}`, up to 2025-02-04" in text
    assert "# Stale translations" not in text


def test_inline_code() -> None:
    assert inline_code("a.md") == "`a.md`"
    assert inline_code("a`b.md") == "``a`b.md``"
    assert inline_code("`a.md") == "`` `a.md ``"


def test_a_page_added_and_removed_in_the_range_leaves_its_translation_orphaned(
    fastapi: DocsRepo,
) -> None:
    fastapi.write(f"{EN}/preview.md", "# Preview\n")
    fastapi.write(f"{DE}/preview.md", "# Vorschau\n")
    fastapi.commit("Preview page", date="2025-02-05T10:00:00+00:00")
    fastapi.remove(f"{EN}/preview.md")
    fastapi.commit("Drop the preview page", date="2025-02-06T10:00:00+00:00")
    rows = jsonl(run("translations", "--repo", str(fastapi.path), "base..main", "-l", "de"))
    orphan = next(row for row in rows if row["source"] == f"{EN}/preview.md")
    assert orphan["state"] == "orphaned" and orphan["source_changed"] == "2025-02-06"
    assert orphan["translation_changed"] == "2025-02-05" and orphan["commits_behind"] == 1


def test_a_scheduled_run_writes_translation_debt_beside_the_reports_and_publishes_it(
    fastapi: DocsRepo, isolated: Path
) -> None:
    base = fastapi.repo.git.rev_parse("base")
    (isolated / "insight.toml").write_text(
        f'repo = "{fastapi.path}"\nbranch = "main"\nsince = "{base}"\nlocales = ["en_US"]\n'
    )
    done = run("run", "--engine", "heuristic")
    assert done.exit_code == 0, done.output
    written = [Path(line) for line in done.stdout.split()]
    debt = sorted(path.name for path in written if path.name.startswith("translations-"))
    assert debt == ["translations-20250204-de.md", "translations-20250204-ja.md"]
    german = next(path for path in written if path.name == "translations-20250204-de.md")
    assert "`docs/en/docs/tutorial/first-steps.md`" in german.read_text()
    published = run("publish", "--out", str(isolated / "site"))
    assert published.exit_code == 0, published.output
    pages = {path.name for path in (isolated / "site" / "en_US" / "reports").iterdir()}
    assert {"2025-02-04-de.html", "2025-02-04-ja.html"} <= pages


def same_time(docs: DocsRepo, message: str, date: str = "2026-01-01T10:00:00+00:00") -> None:
    docs.commit(message, date=date)


def test_staleness_follows_history_not_timestamps(docs_repo: DocsRepo, isolated: Path) -> None:
    """Same-second commits (a bot, an import) and a skewed clock hide no stale translation."""
    docs_repo.write(f"{EN}/a.md", "# a\n")
    docs_repo.write(f"{DE}/a.md", "# a de\n")
    same_time(docs_repo, "init")
    docs_repo.write(f"{EN}/a.md", "# a\n\n## New section\n")
    same_time(docs_repo, "source change in the same second")
    rows = jsonl(run("translations", "--repo", str(docs_repo.path), "HEAD~1..HEAD"))
    assert states(rows) == {(f"{EN}/a.md", "de", "stale")}
    assert rows[0]["commits_behind"] == 1
    docs_repo.write(f"{DE}/a.md", "# a de\n\nupd\n")
    same_time(docs_repo, "de update", "2026-02-01T10:00:00+00:00")
    docs_repo.write(f"{EN}/a.md", "# a\n\n## Newer\n")
    same_time(docs_repo, "source change, the clock set back", "2026-01-15T10:00:00+00:00")
    rows = jsonl(run("translations", "--repo", str(docs_repo.path), "HEAD~1..HEAD"))
    assert states(rows) == {(f"{EN}/a.md", "de", "stale")}
    assert rows[0]["commits_behind"] == 1 and rows[0]["translation_changed"] == "2026-02-01"
    rows = jsonl(run("translations", "--repo", str(docs_repo.path), "HEAD~3..HEAD~1"))
    assert rows == []  # the German update came after the source change, by history


def test_pages_no_language_translates_are_not_missing(docs_repo: DocsRepo, isolated: Path) -> None:
    for page in ("index.md", "tutorial/a.md", "reference/app.md", "reference/request.md"):
        docs_repo.write(f"{EN}/{page}", f"# {page}\n")
    for page in ("index.md", "tutorial/a.md"):
        docs_repo.write(f"{DE}/{page}", f"# {page} de\n")
    docs_repo.commit("base")
    for page in ("tutorial/b.md", "reference/response.md", "guide/new-section.md"):
        docs_repo.write(f"{EN}/{page}", f"# {page}\n")
    docs_repo.commit("pages")
    rows = jsonl(run("translations", "--repo", str(docs_repo.path), "HEAD~1..HEAD"))
    assert states(rows) == {
        (f"{EN}/tutorial/b.md", "de", "missing"),
        (f"{EN}/guide/new-section.md", "de", "missing"),  # a new folder is translated later
    }
    (isolated / "insight.toml").write_text(
        '[translations]\nsource = "docs/en/docs"\npattern = "docs/{lang}/docs"\n'
        'never_translated = ["guide/**"]\n'
    )
    rows = jsonl(run("translations", "--repo", str(docs_repo.path), "HEAD~1..HEAD"))
    assert states(rows) == {(f"{EN}/tutorial/b.md", "de", "missing")}


def test_fail_on_exits_1_for_ci(fastapi: DocsRepo) -> None:
    result = run("translations", "--repo", str(fastapi.path), "base..main", "--fail-on", "missing")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "insight: 2 missing (--fail-on missing)"
    assert len(result.stdout.splitlines()) == 6
    arguments = ["translations", "--repo", str(fastapi.path), "main~1..main", "-l", "ja"]
    quiet = run(*arguments, "--fail-on", "stale")
    assert quiet.exit_code == 0, quiet.output


def test_a_run_writes_no_report_for_a_language_that_is_not_behind(
    fastapi: DocsRepo, isolated: Path
) -> None:
    (isolated / "insight.toml").write_text(
        f'repo = "{fastapi.path}"\nbranch = "main"\nfirst_commits = 1\nlocales = ["en_US"]\n'
    )
    done = run("run", "--engine", "heuristic")
    assert done.exit_code == 0, done.output
    debt = sorted(Path(line).name for line in done.stdout.split() if "translations-" in line)
    assert debt == ["translations-20250204-de.md"]  # ja has no translation of first-steps.md


def test_the_summary_line_names_ten_languages_and_counts_the_rest(
    docs_repo: DocsRepo, isolated: Path
) -> None:
    languages = [f"de-x{number:03}" for number in range(30)]
    docs_repo.write(f"{EN}/a.md", "# a\n")
    for language in languages:
        docs_repo.write(f"docs/{language}/docs/a.md", "# a\n")
    docs_repo.commit("base")
    docs_repo.write(f"{EN}/a.md", "# a\n\nMore.\n")
    docs_repo.commit("edit")
    result = run("translations", "--repo", str(docs_repo.path), "HEAD~1..HEAD")
    [line] = result.stderr.splitlines()
    assert line == (
        "insight: 30 translations behind in 30 of 30 languages ("
        + ", ".join(languages[:10])
        + " and 20 more); 1 source pages changed"
    )


def test_the_translations_table_is_part_of_the_settings(tmp_path: Path) -> None:
    config = tmp_path / "insight.toml"
    config.write_text('[translations]\nsource = "docs/en/docs"\npattern = "docs/{lang}/docs"\n')
    assert load_settings(config).translations == (Layout("docs/en/docs", "docs/{lang}/docs", ()),)
    config.write_text('[translations]\nsource = "a"\npattern = "b/{lang}"\nnever = 1\n')
    with pytest.raises(ConfigError, match=r"\[translations\]: unknown key 'never'"):
        load_settings(config)
