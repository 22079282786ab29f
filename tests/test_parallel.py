"""Work on every core: results in order, errors raised in the caller, nothing left behind;
work begun ahead on another core while the caller does something else."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import pytest

from insight.parallel import Ahead, forked, map_forked, usable_cores

two_cores = pytest.mark.skipif(usable_cores() < 2, reason="needs two cores")


def square_of(numbers: list[int], index: int) -> tuple[int, int]:
    return index, numbers[index] ** 2


def refuse_three(numbers: list[int], index: int) -> int:
    if numbers[index] == 3:
        raise ValueError("three refused")
    return numbers[index]


def slow_pid(_shared: None, job: int) -> tuple[int, int]:
    time.sleep(0.01)
    return job, os.getpid()


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


def test_the_caller_and_each_forked_process_take_jobs_as_they_come_free() -> None:
    results = map_forked(slow_pid, None, list(range(30)), 3)
    assert [job for job, _ in results] == list(range(30))
    pids = [pid for _, pid in results]
    assert os.getpid() in pids
    assert len(set(pids)) == 3


def test_a_worker_error_is_raised_here_and_leaves_nothing_behind(private_tmp: Path) -> None:
    with pytest.raises(ValueError, match="three refused"):
        map_forked(refuse_three, list(range(10)), list(range(10)), 2)
    assert list(private_tmp.iterdir()) == []


def refuse_first(_shared: None, job: int) -> int:
    if job == 0:
        raise ValueError("the first job refused")
    return job


@two_cores
def test_work_begun_ahead_runs_while_the_caller_is_busy_and_comes_back_in_order(
    private_tmp: Path,
) -> None:
    ahead = Ahead(slow_pid, None, list(range(30)))
    time.sleep(0.15)  # the caller's own work
    results = ahead.results()
    assert [job for job, _ in results] == list(range(30))
    pids = [pid for _, pid in results]
    assert pids[0] != os.getpid()  # begun before the caller asked
    assert list(private_tmp.iterdir()) == []


@two_cores
def test_the_caller_takes_the_jobs_not_yet_begun() -> None:
    ahead = Ahead(slow_pid, None, list(range(40)))
    pids = [pid for _, pid in ahead.results()]
    assert os.getpid() in pids
    assert set(pids) - {os.getpid()}


@two_cores
def test_an_error_of_work_begun_ahead_is_raised_here_and_leaves_nothing_behind(
    private_tmp: Path,
) -> None:
    ahead = Ahead(refuse_first, None, list(range(10)))
    time.sleep(0.1)
    with pytest.raises(ValueError, match="the first job refused"):
        ahead.results()
    assert list(private_tmp.iterdir()) == []


def test_work_begun_ahead_and_given_up_ends_its_process(private_tmp: Path) -> None:
    ahead = Ahead(slow_pid, None, list(range(1000)))
    ahead.close()
    assert list(private_tmp.iterdir()) == []


def nested(numbers: list[int], _job: int) -> tuple[bool, int, list[tuple[int, int]]]:
    """Work that spreads its own work: in a forked worker it runs there alone."""
    time.sleep(0.05)  # long enough for a forked worker to take some of the jobs
    return forked(), os.getpid(), map_forked(square_of, numbers, range(len(numbers)), 2)


@two_cores
def test_a_forked_worker_runs_the_work_it_spreads_in_itself() -> None:
    numbers = [1, 2, 3]
    found = map_forked(nested, numbers, range(4), 2)
    assert all(squares == [(0, 1), (1, 4), (2, 9)] for _, _, squares in found)
    assert {in_worker for in_worker, _, _ in found} == {True, False}
    assert all(pid != os.getpid() for in_worker, pid, _ in found if in_worker)
    ahead = Ahead(nested, numbers, range(4)).results()
    assert all(squares == [(0, 1), (1, 4), (2, 9)] for _, _, squares in ahead)
