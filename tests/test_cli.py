"""The command line, end to end on real repositories, with click's CliRunner."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from docs_repo import FIXTURES, DocsRepo

from insight import __version__
from insight.cli import cli
from insight.models import CHANGE_TYPES

GOLDEN = FIXTURES / "golden"


def run(*args: str, input: str | None = None) -> click.testing.Result:
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


@pytest.fixture
def small_docs(docs_repo: DocsRepo, isolated: Path) -> DocsRepo:
    docs_repo.write(
        "articles/openai/models.md",
        "---\ntitle: Models\nms.date: 05/01/2025\n---\n\n# Models\n\n## GPT-4\n\nText.\n",
    )
    docs_repo.write("articles/openai/old.md", "# Old page\n\nText.\n")
    docs_repo.write("articles/search/index.md", "# Search\n\nText.\n")
    docs_repo.write("README.md", "# Readme\n")
    docs_repo.commit("base", date="2025-05-27T08:00:00+00:00")
    docs_repo.write(
        "articles/openai/models.md",
        "---\ntitle: Models\nms.date: 05/28/2025\n---\n\n# Models\n\n## GPT-4\n\nText.\n"
        "\n## GPT-5\n\nNew model.\n",
    )
    docs_repo.remove("articles/openai/old.md")
    docs_repo.write("articles/search/index.md", "# Search\n\nText, reworded.\n")
    docs_repo.write("README.md", "# Readme\n\nMore.\n")
    docs_repo.commit("update", date="2025-05-28T18:00:00+00:00")
    return docs_repo


def write_config(directory: Path, text: str) -> Path:
    path = directory / "insight.toml"
    path.write_text(text)
    return path


CATEGORIES = """\
locales = ["en_US", "zh_CN"]
[categories.openai]
paths = ["articles/openai"]
[categories.search]
paths = ["articles/**/index.md"]
"""


def test_report_writes_markdown_and_json_per_category_and_locale(
    small_docs: DocsRepo, isolated: Path
) -> None:
    write_config(isolated, CATEGORIES)
    result = run("report", "--repo", str(small_docs.path), "HEAD~1")
    assert result.exit_code == 0, result.output
    written = result.stdout.split()
    assert written == [
        "reports/202505/en_US/report-20250528-openai.md",
        "reports/202505/en_US/report-20250528-openai.json",
        "reports/202505/zh_CN/report-20250528-openai.md",
        "reports/202505/zh_CN/report-20250528-openai.json",
        "reports/202505/en_US/report-20250528-search.md",
        "reports/202505/en_US/report-20250528-search.json",
        "reports/202505/zh_CN/report-20250528-search.md",
        "reports/202505/zh_CN/report-20250528-search.json",
        "reports/202505/en_US/report-20250528-other.md",
        "reports/202505/en_US/report-20250528-other.json",
        "reports/202505/zh_CN/report-20250528-other.md",
        "reports/202505/zh_CN/report-20250528-other.json",
    ]
    assert "1 changed file matched no category and went to 'other'" in result.stderr
    model = json.loads((isolated / written[1]).read_text())
    assert model["schema"] == "insight.report/v1"
    assert model["title"] == "Diff Insight Report - openai"
    assert model["date"] == "2025-05-28"
    assert [item["path"] for item in model["items"]] == [
        "articles/openai/models.md",
        "articles/openai/old.md",
    ]
    assert all(item["type"] in CHANGE_TYPES for item in model["items"])
    markdown = (isolated / written[0]).read_text()
    assert markdown.startswith("---\ndate: '2025-05-28'\n")
    assert "title: '[en_US] Diff Insight Report - openai'" in markdown


def test_rendering_the_written_model_gives_the_written_markdown(
    small_docs: DocsRepo, isolated: Path
) -> None:
    result = run("report", "--repo", str(small_docs.path), "HEAD~1", "-l", "ja_JP")
    markdown_path, model_path = (isolated / path for path in result.stdout.split())
    rendered = run("render", str(model_path))
    assert rendered.exit_code == 0
    assert rendered.stdout == markdown_path.read_text(encoding="utf-8")


def test_report_is_reproducible(small_docs: DocsRepo, isolated: Path) -> None:
    first = run("report", "--repo", str(small_docs.path), "HEAD~1", "--out", "one")
    second = run("report", "--repo", str(small_docs.path), "HEAD~1", "--out", "two")
    for one, two in zip(first.stdout.split(), second.stdout.split(), strict=True):
        assert (isolated / one).read_bytes() == (isolated / two).read_bytes()


def test_date_flag_overrides_the_commit_date(small_docs: DocsRepo, isolated: Path) -> None:
    result = run("report", "--repo", str(small_docs.path), "HEAD~1", "--date", "2025-06-01")
    assert result.stdout.split()[0].endswith("report-20250601-docs.md")
    assert "date: '2025-06-01'" in (isolated / result.stdout.split()[0]).read_text()


def test_quiet_silences_notices(small_docs: DocsRepo, isolated: Path) -> None:
    write_config(isolated, CATEGORIES)
    result = run("report", "--repo", str(small_docs.path), "HEAD~1", "-q")
    assert result.exit_code == 0 and result.stderr == ""
    result = run("-q", "report", "--repo", str(small_docs.path), "HEAD~1", "--out", "again")
    assert result.exit_code == 0 and result.stderr == ""


def test_empty_range_is_a_notice_and_writes_nothing(small_docs: DocsRepo, isolated: Path) -> None:
    result = run("report", "--repo", str(small_docs.path), "HEAD..HEAD")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "no changes" in result.stderr
    assert not (isolated / "reports").exists()


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["report", "HEAD~1"], 2, "not a git repository"),
        (["report", "--repo", "{repo}", "nope...HEAD"], 2, "unknown revision 'nope'"),
        (
            ["report", "--repo", "{repo}", "HEAD~1", "-l", "xx_YY"],
            2,
            "unknown locale 'xx_YY' (supported: en_US, ja_JP, zh_CN)",
        ),
        (
            ["report", "--repo", "{repo}", "HEAD~1", "--date", "28/05/2025"],
            2,
            "Invalid value for '--date'",
        ),
        (
            ["report", "--repo", "{repo}", "HEAD~1", "--engine", "magic"],
            2,
            "Invalid value for '--engine'",
        ),
    ],
)
def test_bad_input_is_one_line_and_the_right_exit_code(
    small_docs: DocsRepo, isolated: Path, args: list[str], code: int, message: str
) -> None:
    result = run(*(arg.replace("{repo}", str(small_docs.path)) for arg in args))
    assert result.exit_code == code
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert not (isolated / "reports").exists()


def test_malformed_config_names_the_key_and_the_file(small_docs: DocsRepo, isolated: Path) -> None:
    config = write_config(isolated, 'locales = ["en_US"]\nlanguage = "fr"\n')
    result = run("report", "--repo", str(small_docs.path), "HEAD~1")
    assert result.exit_code == 2
    assert f"{config}: unknown key 'language'" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_unwritable_output_directory_fails_without_partial_files(
    small_docs: DocsRepo, isolated: Path
) -> None:
    (isolated / "blocked").write_text("a file where a directory should be")
    result = run("report", "--repo", str(small_docs.path), "HEAD~1", "--out", "blocked")
    assert result.exit_code == 2 and "is a file" in result.stderr
    result = run("report", "--repo", str(small_docs.path), "HEAD~1", "--out", "blocked/inside")
    assert result.exit_code == 1
    assert "cannot write" in result.stderr and "Traceback" not in result.stderr
    assert sorted(path.name for path in isolated.rglob("*")) == ["blocked"]


def test_a_failure_midway_leaves_no_file_behind(small_docs: DocsRepo, isolated: Path) -> None:
    (isolated / "out" / "202505").mkdir(parents=True)
    (isolated / "out" / "202505" / "zh_CN").write_text("a file where a directory should be")
    result = run(
        "report",
        "--repo",
        str(small_docs.path),
        "HEAD~1",
        "-l",
        "en_US",
        "-l",
        "zh_CN",
        "--out",
        "out",
    )
    assert result.exit_code == 1
    leftovers = sorted(path.name for path in (isolated / "out").rglob("*") if path.is_file())
    assert leftovers == ["zh_CN"]


def test_render_golden_to_stdout_and_file(tmp_path: Path) -> None:
    model = GOLDEN / "seed-zh_CN-openai.json"
    expected = model.with_suffix(".md").read_text(encoding="utf-8")
    assert run("render", str(model)).stdout == expected
    target = tmp_path / "out" / "seed.md"
    result = run("render", str(model), "-o", str(target))
    assert result.exit_code == 0 and target.read_text(encoding="utf-8") == expected


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not JSON (line 1, column 2"),
        ('{"schema": "other/v2"}', "not an insight.report/v1 model (schema: 'other/v2')"),
        ("[1, 2]", "not an insight.report/v1 model"),
        ('{"schema": "insight.report/v1", "title": "t"}', "field locale: Field required"),
    ],
)
def test_render_rejects_what_is_not_a_model(tmp_path: Path, content: str, message: str) -> None:
    model = tmp_path / "bad.json"
    model.write_text(content)
    target = tmp_path / "bad.md"
    result = run("render", str(model), "-o", str(target))
    assert result.exit_code == 2
    assert str(model) in result.stderr and message in result.stderr
    assert not target.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("additions", -5, "field items.0.additions: -5 is below 0"),
        ("changes", 99, "field items.0.changes: 99 is not additions + deletions"),
        ("path", "", "field items.0.path: '' is no file path"),
        ("path", "  ", "field items.0.path: '  ' is no file path"),
    ],
)
def test_render_rejects_counts_that_are_no_counts_and_empty_paths(
    tmp_path: Path, field: str, value: object, message: str
) -> None:
    data = json.loads((GOLDEN / "202504_en_US_report-20250411-openai.json").read_text())
    data["items"][0][field] = value
    model = tmp_path / "bad.json"
    model.write_text(json.dumps(data))
    result = run("render", str(model), "-o", str(tmp_path / "bad.md"))
    assert result.exit_code == 2 and message in result.stderr, result.output
    assert not (tmp_path / "bad.md").exists()


def test_render_with_a_custom_template(tmp_path: Path) -> None:
    template = tmp_path / "short.md.j2"
    template.write_text("{{ report.title }}: {{ report['items'] | length }} files\n")
    result = run("render", str(GOLDEN / "seed-zh_CN-openai.json"), "--template", str(template))
    assert result.stdout == "Diff Insight Report - openai: 22 files\n"


def test_debug_shows_the_traceback(isolated: Path) -> None:
    result = CliRunner().invoke(cli, ["--debug", "report", "HEAD"])
    assert result.exit_code != 0
    assert result.exc_info is not None and "GitSourceError" in type(result.exception).__name__


def test_version() -> None:
    assert run("--version").stdout.strip() == f"insight, version {__version__}"


def subcommand(group: click.Group, name: str) -> click.Command:
    command = group.get_command(click.Context(group), name)
    assert command is not None, f"no command {name}"
    return command


def every_command(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    commands = [prefix]
    for name in group.list_commands(click.Context(group)):
        command = subcommand(group, name)
        if isinstance(command, click.Group):
            commands += every_command(command, (*prefix, name))
        else:
            commands.append((*prefix, name))
    return commands


@pytest.mark.parametrize(
    "command", every_command(cli), ids=lambda parts: " ".join(parts) or "insight"
)
def test_every_command_and_option_has_help_with_an_example(command: tuple[str, ...]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout
    target: click.Command = cli
    for name in command:
        assert isinstance(target, click.Group)
        target = subcommand(target, name)
    for parameter in target.params:
        if isinstance(parameter, click.Option):
            assert parameter.help, f"{' '.join(command)} {parameter.opts[0]} has no help text"


def test_python_dash_m_and_console_script(tmp_path: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "insight", "--version"], capture_output=True, text=True
    )
    assert completed.returncode == 0 and __version__ in completed.stdout
    script = shutil.which("insight", path=str(Path(sys.executable).parent))
    assert script is not None
