"""Work on every core: results in order, errors raised in the caller, nothing left behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from insight.parallel import map_forked


def square_of(numbers: list[int], index: int) -> tuple[int, int]:
    return index, numbers[index] ** 2


def refuse_three(numbers: list[int], index: int) -> int:
    if numbers[index] == 3:
        raise ValueError("three refused")
    return numbers[index]


def worker_pid(_shared: None, _job: int) -> int:
    return os.getpid()


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temporary folder map_forked uses, empty at the start."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_results_come_back_in_the_order_of_the_jobs(private_tmp: Path, workers: int) -> None:
    numbers = list(range(40))
    results = map_forked(square_of, numbers, list(range(40)), workers)
    assert results == [(index, index**2) for index in range(40)]
    assert list(private_tmp.iterdir()) == []


def test_the_caller_does_its_share_and_a_forked_process_the_rest() -> None:
    pids = map_forked(worker_pid, None, list(range(8)), 2)
    assert pids[1::2] == [os.getpid()] * 4
    assert os.getpid() not in pids[::2]


def test_a_worker_error_is_raised_here_and_leaves_nothing_behind(private_tmp: Path) -> None:
    with pytest.raises(ValueError, match="three refused"):
        map_forked(refuse_three, list(range(10)), list(range(10)), 2)
    assert list(private_tmp.iterdir()) == []
