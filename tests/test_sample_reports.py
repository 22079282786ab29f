"""``reports/`` holds the sample reports exactly as the tool makes them today."""

from __future__ import annotations

from pathlib import Path

from sample_docs import ROOT, SAMPLE_RANGE, build, sample_reports


def test_sample_reports_are_current(tmp_path: Path) -> None:
    repository = Path(build(tmp_path / "sample-docs").working_tree_dir)
    expected = sample_reports(repository, ROOT / "reports")
    shipped = {path for path in (ROOT / "reports").rglob("*") if path.is_file()}
    assert shipped == set(expected), "run: python tests/sample_docs.py --update-reports"
    stale = [
        str(path.relative_to(ROOT))
        for path, text in expected.items()
        if path.read_text(encoding="utf-8") != text
    ]
    assert not stale, (
        f"stale sample reports {stale}; run: python tests/sample_docs.py --update-reports"
    )


def test_sample_history_is_reproducible(tmp_path: Path) -> None:
    first = build(tmp_path / "one")
    second = build(tmp_path / "two")
    assert first.head.commit.hexsha == second.head.commit.hexsha
    assert len(list(first.iter_commits())) == 3
    assert second.git.diff(SAMPLE_RANGE, "--stat")  # the sample range has changes to report
