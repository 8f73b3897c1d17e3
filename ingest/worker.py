"""Run a parsing function in a child process with a time and a memory limit.

A malicious or broken PDF can make a parser loop for ever, eat all the memory
or crash the interpreter. Parsing each file in a child process that the parent
can kill keeps the server and the indexer alive: the file gets a clear error
(`ParseTimeout`, `ParseOutOfMemory`, `ParseCrashed`) and the next file is parsed
by a fresh child.

The child is started with "spawn", not "fork": the parent may hold OpenMP or
torch threads, and forking a threaded process can deadlock the child.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, Generic, TypeVar

from kb.errors import KBError, UnreadableFile

T = TypeVar("T")

MB = 1024 * 1024
_PARENT_CHECK_S = 1.0  # how often an idle child checks that its parent is still alive


class ParseTimeout(UnreadableFile):
    """Parsing the file took longer than the time limit."""


class ParseCrashed(UnreadableFile):
    """The parsing process died (segfault, abort, exit) before answering."""


class ParseOutOfMemory(UnreadableFile):
    """Parsing the file needed more memory than the limit."""


class ParseWorker(Generic[T]):
    """A reusable child process that runs `func(*args)` with a time and memory limit.

    `func` must be a module-level function (the child imports it by name). The
    child is started on the first `run` and reused until it has to be killed;
    use the worker as a context manager so that the child always stops. One
    `run` at a time: the worker is not thread-safe.

    The memory limit caps the child's address space (RLIMIT_AS), which counts
    reserved, not only used, memory: libraries that reserve large arenas
    (OpenBLAS, torch) need a higher limit. The module of `func` is imported
    before the limit is set, so import such libraries at its top.
    """

    def __init__(self, func: Callable[..., T], *, timeout_s: float, memory_mb: int) -> None:
        self.func = func
        self.timeout_s = timeout_s
        self.memory_mb = memory_mb
        self._context = multiprocessing.get_context("spawn")
        self._process: BaseProcess | None = None
        self._conn: Connection | None = None

    def __enter__(self) -> ParseWorker[T]:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def run(self, *args: Any) -> T:
        """Run `func(*args)` in the child and return its result, or raise an UnreadableFile."""
        conn = self._start()
        try:
            conn.send(args)
        except (OSError, EOFError):  # the child died while idle
            raise self._crashed() from None
        if not conn.poll(self.timeout_s):
            self._stop(kill=True)
            raise ParseTimeout(f"time limit exceeded ({self.timeout_s:g} s)")
        try:
            status, payload = conn.recv()
        except (OSError, EOFError):
            raise self._crashed() from None
        except Exception as exc:  # the answer arrived but cannot be unpickled here
            raise UnreadableFile(_short(f"parser error: unreadable result: {exc}")) from None
        if status == "ok":
            return payload
        raise payload

    def close(self) -> None:
        """Stop the child, if it runs."""
        self._stop(kill=False)

    def _start(self) -> Connection:
        if self._conn is not None and self._process is not None and self._process.is_alive():
            return self._conn
        self._stop(kill=True)
        parent_end, child_end = self._context.Pipe()
        process = self._context.Process(
            target=_child_main,
            args=(child_end, self.func, self.memory_mb, os.getpid()),
            name=f"parse-worker-{getattr(self.func, '__name__', 'func')}",
            daemon=True,
        )
        process.start()
        child_end.close()  # so that a dead child shows as EOF on our end
        self._process, self._conn = process, parent_end
        return parent_end

    def _crashed(self) -> ParseCrashed:
        process = self._process
        code = None
        if process is not None:
            process.join(1.0)
            code = process.exitcode
        self._stop(kill=True)
        if code is not None and code < 0:
            try:
                return ParseCrashed(f"parser crashed (killed by {signal.Signals(-code).name})")
            except ValueError:
                pass
        return ParseCrashed("parser crashed" if code is None else f"parser crashed (exit code {code})")

    def _stop(self, kill: bool) -> None:
        process, conn = self._process, self._conn
        self._process = self._conn = None
        if process is not None and process.is_alive() and not kill and conn is not None:
            try:
                conn.send(None)  # ask politely: the child leaves its loop
                process.join(1.0)
            except (OSError, EOFError):
                pass
        if process is not None:
            if process.is_alive():
                process.terminate()
                process.join(1.0)
            if process.is_alive():
                process.kill()
                process.join()
            process.close()
        if conn is not None:
            conn.close()


def _child_main(conn: Connection, func: Callable[..., Any], memory_mb: int, parent_pid: int) -> None:
    """Loop of the child: receive arguments, run `func`, send back ("ok", result) or ("error", exc)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _limit_memory(memory_mb)
    while True:
        try:
            if not conn.poll(_PARENT_CHECK_S):
                if os.getppid() != parent_pid:
                    return  # orphaned: nobody will read our answers
                continue
            args = conn.recv()
        except (OSError, EOFError):
            return
        if args is None:
            return
        answer = _call(func, args, memory_mb)
        try:
            conn.send(answer)
        except (OSError, EOFError):
            return
        except Exception as exc:  # the result or the exception does not pickle
            message = f"parser error: result cannot be sent back: {type(exc).__name__}: {exc}"
            conn.send(("error", UnreadableFile(_short(message))))


def _call(func: Callable[..., Any], args: tuple[Any, ...], memory_mb: int) -> tuple[str, Any]:
    try:
        return "ok", func(*args)
    except KBError as exc:
        return "error", exc
    except MemoryError:
        return "error", ParseOutOfMemory(f"memory limit exceeded ({memory_mb} MB)")
    except RecursionError:
        return "error", UnreadableFile("parser error: structure nested too deeply")
    except Exception as exc:
        return "error", UnreadableFile(_short(f"parser error: {type(exc).__name__}: {exc}"))


def _limit_memory(memory_mb: int) -> None:
    try:
        import resource
    except ImportError:  # not on Linux/macOS: the time limit still applies
        return
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = memory_mb * MB
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _short(message: str, limit: int = 120) -> str:
    message = " ".join(message.split())
    return message if len(message) <= limit else message[: limit - 1] + "…"
