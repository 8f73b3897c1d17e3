"""The parse worker runs functions in a real child process, within time and memory limits."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from ingest.worker import ParseCrashed, ParseOutOfMemory, ParseTimeout, ParseWorker
from kb.errors import KBError, UnreadableFile

from . import worker_funcs as funcs

ROOT = Path(__file__).resolve().parents[2]


def test_returns_the_result_and_reuses_one_child() -> None:
    with ParseWorker(funcs.add, timeout_s=20, memory_mb=512) as worker:
        assert worker.run(2, 3) == 5
        assert worker.run(40, 2) == 42
    with ParseWorker(funcs.child_pid, timeout_s=20, memory_mb=512) as worker:
        first = worker.run()
        assert first != os.getpid()
        assert worker.run() == first


def test_domain_errors_come_back_as_they_are() -> None:
    with ParseWorker(funcs.raise_unreadable, timeout_s=20, memory_mb=512) as worker:
        with pytest.raises(UnreadableFile) as caught:
            worker.run("encrypted PDF (password required)")
        assert type(caught.value) is UnreadableFile
        assert str(caught.value) == "encrypted PDF (password required)"


def test_other_errors_are_wrapped_in_one_short_line() -> None:
    worker = ParseWorker(funcs.raise_value_error, timeout_s=20, memory_mb=512)
    with worker, pytest.raises(UnreadableFile) as caught:
        worker.run()
    reason = str(caught.value)
    assert reason.startswith("parser error: ValueError: bad value")
    assert len(reason) <= 120 and "\n" not in reason


def test_recursion_is_reported() -> None:
    worker = ParseWorker(funcs.recurse, timeout_s=20, memory_mb=512)
    with worker, pytest.raises(UnreadableFile, match="nested too deeply"):
        worker.run()


def test_an_unpicklable_result_is_an_error_not_a_hang() -> None:
    worker = ParseWorker(funcs.unpicklable_result, timeout_s=20, memory_mb=512)
    with worker, pytest.raises(UnreadableFile, match="cannot be sent back"):
        worker.run()


def test_timeout_kills_the_child_and_the_next_run_gets_a_fresh_one() -> None:
    with ParseWorker(funcs.nap, timeout_s=1, memory_mb=512) as worker:
        first = worker.run(0)
        started = time.monotonic()
        with pytest.raises(ParseTimeout, match=r"^time limit exceeded \(1 s\)$"):
            worker.run(3600)
        assert time.monotonic() - started < 5
        assert not _alive(first)
        second = worker.run(0)
        assert second not in (first, os.getpid())
        assert worker.run(0) == second


def test_memory_bomb_is_stopped_by_the_limit() -> None:
    with ParseWorker(funcs.allocate, timeout_s=20, memory_mb=256) as worker:
        with pytest.raises(ParseOutOfMemory, match=r"memory limit exceeded \(256 MB\)"):
            worker.run(4096)
        assert worker.run(8) == 8 * 1024 * 1024  # the same child goes on


@pytest.mark.parametrize(
    ("func", "args", "reason"),
    [(funcs.exit_hard, (3,), r"^parser crashed \(exit code 3\)$"), (funcs.abort, (), "killed by SIGABRT")],
)
def test_a_crash_is_reported_and_the_next_run_gets_a_fresh_child(
    func: Callable[..., None], args: tuple[int, ...], reason: str
) -> None:
    with ParseWorker(func, timeout_s=20, memory_mb=512) as worker:
        with pytest.raises(ParseCrashed, match=reason):
            worker.run(*args)
        with pytest.raises(ParseCrashed, match=reason):  # a fresh child, which crashes again
            worker.run(*args)


def test_errors_are_domain_errors_with_one_argument() -> None:
    for error in (ParseTimeout("t"), ParseCrashed("c"), ParseOutOfMemory("m")):
        assert isinstance(error, UnreadableFile) and isinstance(error, KBError)
        assert error.args == (str(error),)


def test_close_stops_the_child() -> None:
    worker = ParseWorker(funcs.child_pid, timeout_s=20, memory_mb=512)
    pid = worker.run()
    worker.close()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and _alive(pid):
        time.sleep(0.05)
    assert not _alive(pid)
    worker.close()  # closing twice is harmless


def test_the_child_ignores_ctrl_c() -> None:
    with ParseWorker(funcs.child_pid, timeout_s=20, memory_mb=512) as worker:
        pid = worker.run()
        os.kill(pid, signal.SIGINT)
        assert worker.run() == pid


def test_the_child_exits_when_its_parent_dies() -> None:
    code = (
        "import os\n"
        "from ingest.worker import ParseWorker\n"
        "from tests.ingest import worker_funcs\n"
        "worker = ParseWorker(worker_funcs.child_pid, timeout_s=20, memory_mb=512)\n"
        "print(worker.run(), flush=True)\n"
        "os._exit(0)  # no cleanup: the child must notice on its own\n"
    )
    parent = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    pid = int(parent.stdout)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _alive(pid):
        time.sleep(0.05)
    assert not _alive(pid)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie still answers kill(0): it is dead for our purpose.
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split()[2] != "Z"
    except FileNotFoundError:
        return False
