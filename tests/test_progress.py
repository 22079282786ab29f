"""The progress display: one line updated in place on a terminal, plain lines elsewhere."""

from __future__ import annotations

import pytest

from insight.cli.common import Console
from insight.models import Step


def test_on_a_terminal_counted_work_updates_one_line_with_rate_and_time_left(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = iter(float(second) for second in range(100))
    monkeypatch.setattr("insight.cli.common.time.monotonic", lambda: next(clock))
    monkeypatch.setenv("COLUMNS", "200")
    console = Console()
    console.terminal = True
    console.progress("reading main~2...main")
    for done in (0, 10, 20):
        console.progress(Step("model files", done, 2044))
    console.progress("waiting 12 s for the rate limit")
    console.notice("done")
    err = capsys.readouterr().err
    assert "\n" not in err.rsplit("\x1b[K", 1)[0]  # every update rewrote the same line
    assert "\r\x1b[Kinsight: model files 20/2,044, " in err
    assert "/s, about " in err and " left" in err
    assert "model files 20/2,044, 2.0/s, about 17 min left, waiting 12 s for the rate limit" in err
    assert err.endswith("\r\x1b[Kinsight: done\n")


def test_elsewhere_long_work_is_a_plain_line_each_tenth_and_short_work_none(
    capsys: pytest.CaptureFixture[str],
) -> None:
    console = Console()
    console.terminal = False
    console.progress("reading main~2...main")
    for done in range(1, 2045):
        console.progress(Step("model files", done, 2044))
    for done in range(1, 9):
        console.progress(Step("model translations", done, 8))
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 10 and all(line.startswith("insight: model files ") for line in lines)
    assert lines[-1].startswith("insight: model files 2,044/2,044")


def test_quiet_shows_no_progress(capsys: pytest.CaptureFixture[str]) -> None:
    console = Console(quiet=True)
    console.terminal = True
    console.progress(Step("model files", 1, 2))
    assert capsys.readouterr().err == ""
