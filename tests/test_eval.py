"""``insight eval``: a labelled fixture judged end to end, offline and through a model.

``fixtures/eval/labels.jsonl`` labels five files of two ranges of the ``handbook``
repository built here (tags v1, v2, v3) and three patch-only files. One label is wrong on
purpose (hb-5: one blank line added, labelled breaking change), and the second reader
differs from the first on one file (hb-2), so neither score is 1.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from docs_repo import FIXTURES, DocsRepo
from llm_server import FakeModelService

from insight.cli import cli
from insight.models import ReportItem
from insight.report.evaluate import match
from insight.report.labelled import LabelledFile
from insight.report.scores import count_only

LABELS = FIXTURES / "eval" / "labels.jsonl"
INSTALL = (
    "# Install\n\n## Requirements\n\nPython 3.10 or later.\n\n"
    "## Steps\n\nRun `pip install handbook`.\n"
)
USAGE = (
    "# Usage\n\nRun `handbook serve` to start the server.\n\n## Options\n\n"
    "- `--port`: the port to listen on.\n- `--host`: the address to bind.\n"
)
FAQ = "# FAQ\n\n## Where are the logs?\n\nThe logs are written to the `logs` folder of the {}.\n"


@pytest.fixture
def handbook(tmp_path: Path) -> Path:
    """Three releases of a small docs repository: a typo fixed, a page removed, a page added
    (v1...v2); a section added, a blank line added, the changelog updated (v2...v3)."""
    docs = DocsRepo(tmp_path / "handbook")
    docs.write("docs/install.md", INSTALL)
    docs.write("docs/usage.md", USAGE)
    docs.write("docs/faq.md", FAQ.format("projcet"))
    docs.write(
        "docs/legacy-api.md",
        "# Legacy API\n\n## Endpoints\n\nCall `GET /v1/items` to list the items.\n\n"
        "Call `POST /v1/items` to add one.\n",
    )
    docs.write("CHANGELOG.md", "# Changelog\n\n## 1.0\n\nFirst release.\n")
    docs.commit("Handbook 1.0", date="2025-03-03T09:00:00+00:00")
    docs.repo.git.tag("v1")
    docs.write("docs/faq.md", FAQ.format("project"))
    docs.remove("docs/legacy-api.md")
    docs.write(
        "docs/tutorial.md",
        "# Tutorial\n\nBuild your first site with handbook in five steps.\n\n"
        "## Create a project\n\nRun `handbook new mysite` to create the project.\n\n"
        "## Serve it\n\nRun `handbook serve` and open the address it prints.\n",
    )
    docs.commit("Tutorial; the legacy API goes", date="2025-03-10T09:00:00+00:00")
    docs.repo.git.tag("v2")
    docs.write(
        "docs/usage.md",
        USAGE + "\n## Plugins\n\nPlugins add commands of their own. Install one from the "
        "plugin index:\n\n```bash\nhandbook plugin add search\n```\n\n"
        "List the installed plugins with `handbook plugin list`.\n",
    )
    docs.write("docs/install.md", INSTALL + "\n")
    docs.write("CHANGELOG.md", "# Changelog\n\n## 1.1\n\nPlugins.\n\n## 1.0\n\nFirst release.\n")
    docs.commit("Plugins", date="2025-03-17T09:00:00+00:00")
    docs.repo.git.tag("v3")
    return docs.path


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["eval", *args])


def block(stdout: str, name: str) -> list[str]:
    """The lines of one ``== NAME`` block."""
    text = stdout.split(f"== {name}:", 1)[1].split("\n\n", 1)[0]
    return f"== {name}:{text}".splitlines()


def test_scores_the_labelled_fixture(handbook: Path, isolated: Path) -> None:
    result = run(str(LABELS), "--repo", f"handbook={handbook}", "--errors")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "labels.jsonl: 8 labelled files; engine heuristic, locale en_US\n"
    )
    assert block(result.stdout, "overall") == [
        "== overall: 8 labelled files, 8 matched",
        "all files (8 files): macro-F1 0.867, accuracy 0.875; two readers agree at macro-F1 0.886",
        "  breaking: precision 1.000  recall 0.667  F1 0.800  (support 3)",
        "       new: precision 1.000  recall 1.000  F1 1.000  (support 3)",
        "     minor: precision 0.667  recall 1.000  F1 0.800  (support 2)",
        "  gold \\ predicted   breaking       new     minor",
        "           breaking          2         0         1",
        "                new          0         3         0",
        "              minor          0         0         2",
        "modified files (6 files): macro-F1 0.822, accuracy 0.833;"
        " two readers agree at macro-F1 1.000",
        "  breaking: precision 1.000  recall 0.500  F1 0.667  (support 2)",
        "       new: precision 1.000  recall 1.000  F1 1.000  (support 2)",
        "     minor: precision 0.667  recall 1.000  F1 0.800  (support 2)",
        "  gold \\ predicted   breaking       new     minor",
        "           breaking          1         0         1",
        "                new          0         2         0",
        "              minor          0         0         2",
        "titles of modified files: count only 0/6 = 0.000, name something 5/6 = 0.833",
        "trivial mark: 3 files, precision 0.667 (2 labelled minor update)",
        "not matched: 0",
    ]
    handbook_block = block(result.stdout, "handbook")
    assert handbook_block[:2] == [
        "== handbook: 5 labelled files, 5 matched",
        "all files (5 files): macro-F1 0.778, accuracy 0.800; two readers agree at macro-F1 0.822",
    ]
    assert handbook_block[9].startswith("modified files (3 files): macro-F1 0.556, accuracy 0.667")
    assert block(result.stdout, "patches")[1] == (
        "all files (3 files): macro-F1 1.000, accuracy 1.000; two readers agree at macro-F1 1.000"
    )
    mislabelled = result.stdout.split("mislabelled: 1\n", 1)[1].splitlines()
    assert len(mislabelled) == 1
    assert mislabelled[0].startswith(
        "  hb-5 handbook docs/install.md (modified): labelled breaking, engine minor: "
    )
    assert "insight: 8 labelled files judged in" in result.stderr


def test_json_holds_every_number(handbook: Path, isolated: Path) -> None:
    result = run(str(LABELS), "--repo", f"handbook={handbook}", "--json", "scores.json")
    assert result.exit_code == 0, result.output
    numbers = json.loads((isolated / "scores.json").read_text())
    assert numbers["schema"] == "insight.eval/v1" and numbers["engine"] == "heuristic"
    assert sorted(numbers["repositories"]) == ["handbook"]
    overall = numbers["overall"]
    assert overall["files"] == overall["matched"] == 8
    assert overall["all"]["macro_f1"] == pytest.approx(13 / 15)
    assert overall["all"]["accuracy"] == pytest.approx(7 / 8)
    assert overall["modified"]["macro_f1"] == pytest.approx((2 / 3 + 1 + 0.8) / 3)
    assert overall["readers"]["macro_f1"] == pytest.approx((0.8 + 6 / 7 + 1) / 3)
    assert overall["all"]["per_class"]["breaking change"] == {
        "precision": 1.0,
        "recall": pytest.approx(2 / 3),
        "f1": pytest.approx(0.8),
        "support": 3,
    }
    assert overall["all"]["matrix"]["breaking change"] == {
        "breaking change": 2,
        "new feature": 0,
        "minor update": 1,
    }
    assert overall["count_only_share"] == 0 and overall["names_something"] == 5
    assert numbers["repositories"]["handbook"]["all"]["macro_f1"] == pytest.approx(7 / 9)
    assert numbers["patches"]["all"]["macro_f1"] == 1.0
    assert [error["id"] for error in numbers["errors"]] == ["hb-5"]
    assert 0.5 <= numbers["errors"][0]["confidence"] <= 1
    assert numbers["errors"][0] | {"title": "", "reason": "", "confidence": None} == {
        "id": "hb-5",
        "line": 5,
        "repo": "handbook",
        "range": "v2...v3",
        "path": "docs/install.md",
        "status": "modified",
        "gold": "breaking change",
        "predicted": "minor update",
        "title": "",
        "reason": "",
        "confidence": None,
    }
    assert [file["id"] for file in numbers["files"]] == [
        *(f"hb-{number}" for number in range(1, 6)),
        *(f"pt-{number}" for number in range(1, 4)),
    ]
    # Each range ran once; it described its labelled files, not CHANGELOG.md.
    assert [(run["range"], run["files"], run["items"]) for run in numbers["runs"]] == [
        ("v1...v2", 3, 3),
        ("v2...v3", 3, 2),
    ]


def test_repositories_are_found_in_a_folder_of_mirrors_or_cloned(
    handbook: Path, tmp_path: Path, isolated: Path
) -> None:
    mirror = tmp_path / "mirrors" / "acme+handbook" / "repo"
    subprocess.run(["git", "clone", "-q", "--bare", str(handbook), str(mirror)], check=True)
    result = run(str(LABELS), "--repos", str(tmp_path / "mirrors"))
    assert result.exit_code == 0, result.output
    assert "== overall: 8 labelled files, 8 matched" in result.stdout
    cloned = run(str(LABELS), "--repo", f"handbook={mirror.as_uri()}")
    assert cloned.exit_code == 0, cloned.output
    assert cloned.stdout == result.stdout


def test_a_repository_not_found_is_named_and_its_files_skipped(isolated: Path) -> None:
    result = run(str(LABELS))
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == (
        "insight: repository handbook of 5 labelled files not found "
        "(give --repo NAME=PATH or --repos DIR); skipped"
    )
    assert result.stdout.startswith("labels.jsonl: 8 labelled files (5 skipped: repository")
    assert "== overall: 3 labelled files, 3 matched" in result.stdout

    strict = run(str(LABELS), "--strict", "--repo", "handbook=no/such/folder")
    assert strict.exit_code == 2 and strict.stdout == ""
    assert strict.stderr == (
        "Error: repository handbook of 5 labelled files not found at no/such/folder\n"
    )


def test_nothing_to_judge_is_an_error(tmp_path: Path, isolated: Path) -> None:
    labels = tmp_path / "labels.jsonl"
    labels.write_text(LABELS.read_text().split("\n", 1)[0] + "\n")
    result = run(str(labels), "--repo", "handbook=no/such/folder")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        "Error: nothing to judge: no repository of the labelled files was found"
    )


def test_a_range_that_cannot_run_leaves_its_files_unmatched(
    handbook: Path, tmp_path: Path, isolated: Path
) -> None:
    labels = tmp_path / "labels.jsonl"
    row = {"repo": "handbook", "range": "v1...v9", "path": "docs/faq.md"}
    labels.write_text(json.dumps(row | {"status": "modified", "label": "minor update"}) + "\n")
    result = run(str(labels), "--repo", f"handbook={handbook}")
    assert result.exit_code == 0, result.output
    assert "not matched: 1\n  line-1 docs/faq.md: the range could not be run: " in result.stdout
    assert "insight: handbook v1...v9: " in result.stderr

    strict = run(str(labels), "--repo", f"handbook={handbook}", "--strict")
    assert strict.exit_code == 2
    assert strict.stderr.startswith("Error: repository handbook, range v1...v9: ")


GOOD = {
    "path": "a.md",
    "status": "modified",
    "label": "minor update",
    "patch": "@@ -1 +1 @@\n-a\n+b",
}


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"path": "a.md", "status": "modified",', "not JSON: Expecting property name"),
        ("[1, 2]", "a row must be a JSON object, not list"),
        (
            json.dumps(GOOD | {"label": "breaking"}),
            "unknown label 'breaking' in 'label' (known: breaking change, new feature, "
            "minor update)",
        ),
        (
            json.dumps(GOOD | {"second_label": "bug fix"}),
            "unknown label 'bug fix' in 'second_label'",
        ),
        (json.dumps(GOOD | {"status": "edited"}), "unknown status 'edited' in 'status'"),
        (json.dumps({k: v for k, v in GOOD.items() if k != "path"}), "missing field 'path'"),
        (json.dumps({k: v for k, v in GOOD.items() if k != "patch"}), "missing field 'patch'"),
        (json.dumps(GOOD | {"repo": "docs"}), "'repo' without 'range': a range row needs both"),
        (json.dumps(GOOD | {"additions": -1}), "field 'additions' must be a count"),
    ],
)
def test_a_bad_line_is_one_error_naming_file_and_line(
    line: str, message: str, tmp_path: Path, isolated: Path
) -> None:
    labels = tmp_path / "labels.jsonl"
    labels.write_text(json.dumps(GOOD) + "\n\n" + line + "\n")
    result = run(str(labels), "--json", "scores.json")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"Error: {labels}:3: {message}")
    assert result.stderr.count("\n") == 1
    assert not (isolated / "scores.json").exists()


def test_an_empty_file_is_an_error(tmp_path: Path, isolated: Path) -> None:
    labels = tmp_path / "labels.jsonl"
    labels.write_text("\n")
    result = run(str(labels))
    assert result.exit_code == 2
    assert result.stderr == f"Error: {labels}: no labelled files (one JSON object a line)\n"


def test_measures_a_model(handbook: Path, isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The model's answers are what is scored: it gets faq.md wrong and install.md right."""
    rows = [json.loads(line) for line in LABELS.read_text().splitlines()]
    with FakeModelService() as service:
        for row in rows:
            service.answer_for(row["path"], type=row["label"], title="Model's title")
        service.answer_for("docs/faq.md", type="new feature", title="Logs moved")
        service.answer_for("docs/install.md", type="minor update", title="Blank line")
        monkeypatch.setenv("OPENAI_BASE_URL", f"{service.url}/v1")
        monkeypatch.setenv("OPENAI_API_KEY", "sk-test-eval")
        result = run(str(LABELS), "--repo", f"handbook={handbook}", "--engine", "llm", "--errors")
        prompts = [
            next(message["content"] for message in request["body"]["messages"][1:])
            for request in service.chat_requests("file")
        ]
    asked = {re.search(r"^File: (.+)$", prompt, re.MULTILINE).group(1) for prompt in prompts}
    assert result.exit_code == 0, result.output
    assert asked == {row["path"] for row in rows}  # not CHANGELOG.md, which nobody labelled
    assert "engine llm, locale en_US" in result.stdout
    assert (
        "all files (8 files): macro-F1 0.719, accuracy 0.750; two readers agree at macro-F1 0.886"
        in result.stdout
    )
    errors = result.stdout.split("mislabelled: 2\n", 1)[1].splitlines()
    assert [line.split(":", 1)[0] for line in errors] == [
        "  hb-1 handbook docs/faq.md (modified)",
        "  hb-5 handbook docs/install.md (modified)",
    ]
    assert "labelled minor, engine new: Logs moved" in errors[0]


def test_match_by_path_then_old_path() -> None:
    def item(path: str, status: str, old_path: str | None = None) -> ReportItem:
        return ReportItem(path, status, 1, 1, 2, None, "minor update", path, "", old_path)

    removed_and_added = [item("a.md", "removed"), item("a.md", "renamed", "b.md")]
    row = LabelledFile("x", "a.md", "renamed", "minor update", 1, old_path="b.md")
    assert match(row, removed_and_added)[0] is removed_and_added[1]
    plain = LabelledFile("y", "a.md", "modified", "minor update", 2)
    assert match(plain, removed_and_added)[0] is removed_and_added[0]
    gone = LabelledFile("z", "b.md", "removed", "breaking change", 3)
    assert match(gone, removed_and_added) == (
        None,
        "the report has it only as the old path of a.md",
    )


def test_a_count_only_title_is_one_whose_main_phrase_counts_lines() -> None:
    assert count_only("Added 6 lines of text")
    assert count_only("“Setup”: reworded 2 lines (“Run the…”)")  # a count with asides
    assert count_only("“Prompting for credentials”: added 12 lines of text (`Set-Item`)")
    assert not count_only("“NOTES”: added “The Stop-Process cmdlet executes asynchronously.”")
    assert not count_only("Updated file: x.md")
    assert not count_only("Removed section “Setup” (7 lines)")
