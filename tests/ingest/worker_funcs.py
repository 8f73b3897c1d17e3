"""Module-level functions that the parse-worker tests run in a spawned child.

They live in an importable module (not in the test file) because a spawned
child imports the function it runs by its module and name.
"""

from __future__ import annotations

import os
import time

from kb.errors import UnreadableFile


def add(a: int, b: int) -> int:
    """Return a + b, and prove it ran in another process."""
    return a + b


def child_pid() -> int:
    """The process id of the child that runs the function."""
    return os.getpid()


def raise_unreadable(reason: str) -> None:
    """Fail the way a parser fails on purpose."""
    raise UnreadableFile(reason)


def raise_value_error() -> None:
    """Fail the way a parser fails by a bug."""
    raise ValueError("bad value " + "x" * 500)


def nap(seconds: float) -> int:
    """Sleep (a long nap is a parser stuck in a loop), then return the child's pid."""
    time.sleep(seconds)
    return os.getpid()


def allocate(megabytes: int) -> int:
    """Allocate `megabytes` MB at once, like a decompression bomb."""
    return len(bytearray(megabytes * 1024 * 1024))


def exit_hard(code: int) -> None:
    """Die without cleanup, like a crash in C code."""
    os._exit(code)


def abort() -> None:
    """Die by SIGABRT, like a failed assertion in C code."""
    os.abort()


def recurse(depth: int = 0) -> int:
    """Recurse without end, like a parser following a loop of references."""
    return recurse(depth + 1) + 1


def unpicklable_result() -> object:
    """Return something that cannot be sent back to the parent."""
    return lambda: None
