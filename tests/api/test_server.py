"""The real server under load and abuse: 16 clients during a reindex, streamed upload limits, logs.

One `kb serve` subprocess on a small corpus serves every test of this module.
"""

from __future__ import annotations

import http.client
import json
import shutil
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import LIVRET2, VEILLE, Server

pytestmark = pytest.mark.slow
TOKEN = "server-test-token-6a1f"
OLD, NEW = "Le guichet Orphée ouvre le lundi", "Le guichet Orphée ouvre le jeudi"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Path]]:
    root = tmp_path_factory.mktemp("server")
    corpus = root / "corpus"
    corpus.mkdir()
    shutil.copy(LIVRET2, corpus / LIVRET2.name)
    (corpus / "guichet.txt").write_text(f"Note sur le guichet Orphée\n\n{OLD} pour les aidants familiaux.\n",
                                        encoding="utf-8")
    srv = Server(root / "data", corpus, KB_ADMIN_TOKEN=TOKEN, KB_MAX_UPLOAD_MB="2")
    try:
        srv.wait_ready()
        yield srv, corpus
    finally:
        srv.stop()


def _search(conn: http.client.HTTPConnection, q: str) -> tuple[int, dict]:
    conn.request("GET", "/api/search?" + urllib.parse.urlencode({"q": q, "k": 10}))
    resp = conn.getresponse()
    body = resp.read()
    return resp.status, (json.loads(body) if resp.status == 200 else {})


def _post(srv: Server, path: str) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=300)
    conn.request("POST", path, headers={"Authorization": f"Bearer {TOKEN}"})
    status = conn.getresponse().status
    conn.close()
    return status


def test_sixteen_clients_during_a_reindex_see_consistent_answers(server: tuple[Server, Path]) -> None:
    srv, corpus = server
    questions = ["guichet Orphée aidants", "pair-aidance", "conférence familiale", "citation de Yann Le Bossé",
                 "développement du pouvoir d'agir", "guichet ouvre le"]
    problems: list[str] = []
    statuses: Counter[int] = Counter()
    remaining = iter(range(1000))
    lock = threading.Lock()

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=60)
        while True:
            with lock:
                n = next(remaining, None)
            if n is None:
                break
            status, body = _search(conn, questions[n % len(questions)])
            with lock:
                statuses[status] += 1
            if status != 200:
                continue
            ids = [r["id"] for r in body["results"]]
            texts = " ".join(r["text"] for r in body["results"])
            if len(ids) != len(set(ids)):
                problems.append(f"duplicate passage in {body['query']}")
            if "lundi" in texts and "jeudi" in texts and "Orphée" in texts:
                problems.append("both versions of a document in one answer")
        conn.close()

    threads = [threading.Thread(target=client) for _ in range(16)]
    for t in threads:
        t.start()
    time.sleep(1.0)
    (corpus / "guichet.txt").write_text(f"Note sur le guichet Orphée\n\n{NEW} pour les aidants familiaux.\n",
                                        encoding="utf-8")
    shutil.copy(VEILLE, corpus / VEILLE.name)
    reindexes: list[int] = []
    racers = [threading.Thread(target=lambda: reindexes.append(_post(srv, "/api/reindex"))) for _ in range(2)]
    for t in racers:
        t.start()
    for t in racers + threads:
        t.join(600)
    assert statuses == Counter({200: 1000}), statuses
    assert not problems, problems[:5]
    assert sorted(reindexes) == [200, 409]  # two at once: one runs, the other is refused, never interleaved
    status, body = _search(http.client.HTTPConnection("127.0.0.1", srv.port, timeout=60), "guichet Orphée ouvre")
    assert status == 200 and "jeudi" in body["results"][0]["text"]


def test_an_upload_over_the_limit_is_refused_before_it_is_read(server: tuple[Server, Path]) -> None:
    srv, _ = server
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=30)
    conn.putrequest("POST", "/api/ingest")
    conn.putheader("Authorization", f"Bearer {TOKEN}")
    conn.putheader("Content-Type", "multipart/form-data; boundary=x")
    conn.putheader("Content-Length", str(200 * 1024 * 1024))
    conn.endheaders()
    sent = 0
    try:
        chunk = b"a" * 65536
        while sent < 200 * 1024 * 1024:
            conn.send(chunk)
            sent += len(chunk)
            if sent % (1024 * 1024) == 0 and conn.sock is not None:
                conn.sock.settimeout(0.001)
                try:
                    if conn.sock.recv(1, 2):  # MSG_PEEK: an early answer is waiting
                        break
                except (BlockingIOError, TimeoutError):
                    pass
                finally:
                    conn.sock.settimeout(30)
    except OSError:
        pass  # the server closed the connection: refused early
    assert sent < 10 * 1024 * 1024
    response = conn.getresponse()
    assert response.status == 413


def test_logs_carry_no_token_and_no_uploaded_content(server: tuple[Server, Path]) -> None:
    srv, _ = server
    secret_text = "Contenu confidentiel Zanzibar-7781 du partenaire"
    boundary = "kbtestboundary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.txt\"\r\n"
            f"Content-Type: text/plain\r\n\r\n{secret_text}\r\n--{boundary}--\r\n").encode()
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=120)
    conn.request("POST", "/api/ingest", body=body, headers={
        "Authorization": f"Bearer {TOKEN}", "Content-Type": f"multipart/form-data; boundary={boundary}"})
    assert conn.getresponse().status == 201
    _post(srv, "/api/reindex")
    log = srv.log.read_text(errors="replace")
    assert TOKEN not in log and "Zanzibar" not in log
    assert "POST /api/ingest" in log  # the request itself is logged
