"""HTTP load: `kb serve` in a subprocess, searched by 1, 4 and 16 concurrent keep-alive clients.

The server gets a fresh KB_DATA_DIR and the embedded store (a KB_QDRANT_URL
of the caller's environment is blanked: the benchmark must not write into a
real collection). Traffic goes to 127.0.0.1 only.

The server keeps the last 512 query vectors; cycling the 36 dev questions
would turn every request after the first round into a cache hit. So each
round after the first appends a distinct run of punctuation marks ("?", "!",
"…"): the words, hence BM25 and the question's understanding, stay the same,
but the e5 vector must be computed, as for a fresh question.
"""

from __future__ import annotations

import http.client
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.common import bench_env, latency_summary, log

HOST = "127.0.0.1"
_MARKS = ("?", "!", "…")


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def variant(question: str, round_: int) -> str:
    """The question, made distinct for each round by a suffix of punctuation marks (round 0: as is)."""
    marks = []
    while round_ > 0:
        round_, digit = divmod(round_ - 1, len(_MARKS))
        marks.append(_MARKS[digit])
    return f"{question} {' '.join(marks)}" if marks else question


def query_stream(questions: Sequence[str], index: int) -> str:
    """The index-th request's question: the dev questions cycled, each round made distinct."""
    round_, pos = divmod(index, len(questions))
    return variant(questions[pos], round_)


class Server:
    """`kb serve` on a free port; `with Server(...)` waits for /api/health and always stops it."""

    def __init__(self, corpus: Path, data_dir: Path, log_path: Path, ready_timeout_s: float = 600.0) -> None:
        self.corpus = corpus
        self.data_dir = data_dir
        self.log_path = log_path
        self.ready_timeout_s = ready_timeout_s
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None
        self.ready_s: float | None = None

    def __enter__(self) -> Server:
        env = bench_env({
            "KB_DATA_DIR": str(self.data_dir), "KB_CORPUS_DIR": str(self.corpus), "KB_INGEST_ON_START": "true",
            # Blank, not absent: an empty value also overrides a .env file (it means "unset").
            "KB_QDRANT_URL": "", "KB_QDRANT_API_KEY": "", "KB_SHARDS": "1", "KB_REPLICAS": "1",
        })
        self.data_dir.mkdir(parents=True, exist_ok=True)
        handle = self.log_path.open("wb")
        cmd = [sys.executable, "-m", "cli.main", "serve", "--host", HOST, "--port", str(self.port)]
        self.proc = subprocess.Popen(cmd, env=env, stdout=handle, stderr=subprocess.STDOUT)
        handle.close()  # the child holds its own descriptor
        try:
            self._wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _wait_ready(self) -> None:
        began = time.monotonic()
        last = ""
        while time.monotonic() - began < self.ready_timeout_s:
            assert self.proc is not None
            if self.proc.poll() is not None:
                raise RuntimeError(f"kb serve exited with status {self.proc.returncode} (log: {self.log_path})")
            try:
                status, body = get(self.port, "/api/health", timeout=5)
                if status == 200:
                    self.ready_s = round(time.monotonic() - began, 1)
                    log(f"http: server ready on port {self.port} after {self.ready_s} s ({body.strip()[:120]})")
                    return
                last = f"{status}"
            except OSError as err:
                last = str(err)
            time.sleep(1.0)
        raise TimeoutError(f"kb serve not healthy after {self.ready_timeout_s:.0f} s (last: {last}; "
                           f"log: {self.log_path})")

    def stop(self) -> None:
        """Terminate, then kill if it does not exit within 15 s."""
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=15)


def get(port: int, path: str, timeout: float = 30.0) -> tuple[int, str]:
    """One GET on a new connection."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        conn.close()


def run_level(port: int, questions: Sequence[str], clients: int, max_requests: int, max_seconds: float,
              start_index: int = 0) -> dict[str, Any]:
    """`clients` threads, each with a keep-alive connection, share `max_requests` searches or `max_seconds`."""
    lock = threading.Lock()
    next_index = [0]
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    deadline = time.monotonic() + max_seconds

    def take() -> int | None:
        with lock:
            if next_index[0] >= max_requests or time.monotonic() >= deadline:
                return None
            next_index[0] += 1
            return next_index[0] - 1

    def client() -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=120)
        while (i := take()) is not None:
            q = query_stream(questions, start_index + i)
            path = "/api/search?" + urllib.parse.urlencode({"q": q, "k": 10})
            began = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                elapsed = (time.perf_counter() - began) * 1000
                with lock:
                    if response.status == 200:
                        latencies.append(elapsed)
                    else:
                        errors[str(response.status)] += 1
            except (OSError, http.client.HTTPException) as err:
                with lock:
                    errors[type(err).__name__] += 1
                conn.close()  # reconnect on the next request
                conn = http.client.HTTPConnection(HOST, port, timeout=120)
        conn.close()

    began = time.monotonic()
    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.monotonic() - began
    done = len(latencies) + sum(errors.values())
    stats = latency_summary(latencies, "")
    return {
        "concurrency": clients, "requests": done, "errors": sum(errors.values()), "error_kinds": dict(errors),
        "seconds": round(seconds, 1), "rps": round(len(latencies) / seconds, 2) if seconds else None,
        "p50_ms": stats["p50_ms"], "p95_ms": stats["p95_ms"], "p99_ms": stats["p99_ms"],
        "stopped_by": "count" if done >= max_requests else "time",
    }


def run(corpus: Path, workdir: Path, questions: Sequence[str], levels: Sequence[tuple[int, int]],
        max_seconds: float = 60.0) -> dict[str, Any]:
    """Start the server, warm it, run each (clients, requests) level; the top level is the last one's."""
    log_path = workdir / "kb-serve.log"
    with Server(corpus, workdir / "data", log_path) as server:
        # Warm: every question once (models, catalogue, first-request costs), outside the timings.
        warm = run_level(server.port, questions, 1, len(questions), max_seconds)
        if warm["errors"]:
            log(f"http: warm-up had {warm['errors']} errors: {warm['error_kinds']}")
        results = []
        offset = len(questions)  # the warm-up used round 0: timed requests start with new variants
        for clients, requests in levels:
            level = run_level(server.port, questions, clients, requests, max_seconds, offset)
            offset += level["requests"]
            log(f"http: {clients} clients: {level['requests']} requests, {level['errors']} errors, "
                f"{level['rps']} req/s, p50 {level['p50_ms']} ms, p95 {level['p95_ms']} ms")
            results.append(level)
        ready_s = server.ready_s
    top = dict(results[-1])
    top.update(levels=results, server_ready_s=ready_s, distinct_queries=True)
    return top

