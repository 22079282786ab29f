"""The sample docs repository, and the sample reports made from it.

``python tests/sample_docs.py DEST`` builds the repository at DEST (or reuses it, when DEST
holds exactly the sample repository already);
``python tests/sample_docs.py --update-reports`` rewrites ``reports/`` from it (a test
checks that ``reports/`` is current).

Each folder of ``tests/fixtures/sample-docs/`` is one commit: its ``files/`` are copied
over the work tree after the moves and removals its ``step.toml`` lists. Authors, dates and
contents are fixed, so the commits (and the reports made from them) are the same on every
machine.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import git

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
STEPS = ROOT / "tests" / "fixtures" / "sample-docs"
CONFIG = STEPS / "insight.toml"
SAMPLE_RANGE = "main~2...main"
REMOTE = "https://github.com/contoso/ai-docs.git"
IDENTITY = {"GIT_AUTHOR_NAME": "Contoso Docs", "GIT_AUTHOR_EMAIL": "docs@contoso.example"}


def build_or_reuse(destination: Path) -> git.Repo:
    """The sample repository at ``destination``: built there, or the one already there.

    Any other content at ``destination`` is left alone and is an error.
    """
    if not destination.exists() or not any(destination.iterdir()):
        return build(destination)
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        expected = build(Path(scratch) / "sample-docs").head.commit.hexsha
    try:
        found = git.Repo(destination)
        same = (
            found.working_tree_dir is not None
            and Path(found.working_tree_dir).resolve() == destination.resolve()
            and found.head.commit.hexsha == expected
            and not found.is_dirty(untracked_files=True)
        )
    except (git.InvalidGitRepositoryError, ValueError):
        same = False
    if not same:
        raise SystemExit(f"{destination}: exists and is not the sample repository")
    return found


def build(destination: Path) -> git.Repo:
    """A fresh repository at ``destination`` with one commit per step, on ``main``."""
    if destination.exists() and any(destination.iterdir()):
        raise SystemExit(f"{destination}: exists and is not empty")
    repo = git.Repo.init(destination, initial_branch="main")
    repo.create_remote("origin", REMOTE)
    for step in sorted(path for path in STEPS.iterdir() if path.is_dir()):
        with (step / "step.toml").open("rb") as handle:
            plan = tomllib.load(handle)
        for old, new in plan.get("move", []):
            (destination / new).parent.mkdir(parents=True, exist_ok=True)
            repo.git.mv(old, new)
        for path in plan.get("remove", []):
            repo.git.rm("-q", path)
        shutil.copytree(step / "files", destination, dirs_exist_ok=True)
        # Copies keep their mtimes; re-index from content so git cannot miss a same-size change.
        repo.git.rm("-r", "-q", "-f", "--cached", "--ignore-unmatch", ".")
        repo.git.add("-A")
        environment = {
            **IDENTITY,
            "GIT_COMMITTER_NAME": IDENTITY["GIT_AUTHOR_NAME"],
            "GIT_COMMITTER_EMAIL": IDENTITY["GIT_AUTHOR_EMAIL"],
            "GIT_AUTHOR_DATE": plan["date"],
            "GIT_COMMITTER_DATE": plan["date"],
        }
        repo.git.commit("-q", "--no-gpg-sign", "-m", plan["message"], env=environment)
    return repo


def sample_reports(repository: Path, out_dir: Path) -> dict[Path, str]:
    """The files ``insight report --config CONFIG --out out_dir`` writes for the sample range."""
    from insight.config import load_settings
    from insight.report.files import report_files
    from insight.report.pipeline import build_reports

    settings = load_settings(CONFIG, {"repo": str(repository), "engine": "heuristic"}, environ={})
    outcome = build_reports(settings, SAMPLE_RANGE)
    return report_files(outcome.reports, settings.output, out_dir, settings.template)


def update_reports() -> list[Path]:
    import tempfile

    from insight.report.files import write_files

    with tempfile.TemporaryDirectory() as scratch:
        files = sample_reports(
            build(Path(scratch) / "sample-docs").working_tree_dir, ROOT / "reports"
        )
        return write_files(files)


if __name__ == "__main__":
    if sys.argv[1:] == ["--update-reports"]:
        for path in update_reports():
            print(path.relative_to(ROOT))
    elif len(sys.argv) == 2 and not sys.argv[1].startswith("-"):
        build_or_reuse(Path(sys.argv[1]))
        print(sys.argv[1])
    else:
        raise SystemExit("usage: python tests/sample_docs.py DEST | --update-reports")
