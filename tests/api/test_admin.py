"""Admin endpoints: token, upload limits and types, reindex, delete — on a small writable index."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.state import AppState
from tests.api.conftest import TOKEN, app_with
from tests.conftest import ROOT

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def test_admin_is_disabled_without_a_configured_token(client: TestClient) -> None:
    assert client.post("/api/reindex").status_code == 403
    assert client.post("/api/ingest", files={"file": ("a.txt", b"x")}).status_code == 403


def test_a_missing_or_wrong_token_is_401(admin_client: TestClient) -> None:
    assert admin_client.post("/api/reindex").status_code == 401
    r = admin_client.post("/api/reindex", headers={"Authorization": "Bearer nope"})
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"


def test_upload_search_delete(admin_client: TestClient, admin_state: AppState) -> None:
    text = "Compte rendu\n\nLa permanence juridique gratuite se tient au centre social Zéphyrine.\n"
    r = admin_client.post("/api/ingest", headers=AUTH, files={"file": ("../../etc/Compte rendu.txt", text.encode())})
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["file"] == "Compte_rendu.txt" and (admin_state.settings.upload_dir / body["file"]).exists()
    hits = admin_client.get("/api/search", params={"q": "permanence juridique Zéphyrine"}).json()["results"]
    assert hits and hits[0]["document"]["id"] == body["document"]
    assert admin_client.delete(f"/api/documents/{body['document']}", headers=AUTH).status_code == 200
    assert admin_client.get(f"/api/documents/{body['document']}").status_code == 404
    assert admin_client.delete("/api/documents/note", headers=AUTH).status_code == 409  # a corpus file


def test_upload_refusals(admin_client: TestClient) -> None:
    big = b"a" * (2 * 1024 * 1024)
    assert admin_client.post("/api/ingest", headers=AUTH, files={"file": ("big.txt", big)}).status_code == 413
    docx = {"file": ("x.docx", b"PK\x03\x04 zip")}
    assert admin_client.post("/api/ingest", headers=AUTH, files=docx).status_code == 415
    assert admin_client.post("/api/ingest", headers=AUTH, files={"file": ("empty.txt", b"")}).status_code == 422
    broken = (ROOT / "tests" / "fixtures" / "pdfs" / "qpdf-encrypted-40-bit-R3.pdf").read_bytes()
    r = admin_client.post("/api/ingest", headers=AUTH, files={"file": ("locked.pdf", broken)})
    assert r.status_code == 422 and "encrypted" in r.json()["detail"]


def test_reindex_and_a_second_one_at_the_same_time(admin_client: TestClient, admin_state: AppState) -> None:
    r = admin_client.post("/api/reindex", headers=AUTH)
    assert r.status_code == 200 and r.json()["summary"]["documents"] == 1
    with admin_state.indexer._run_lock:  # a reindex is running
        assert admin_client.post("/api/reindex", headers=AUTH).status_code == 409


def test_searches_wait_for_the_first_ingestion(admin_state: AppState) -> None:
    admin_state.indexer._was_ready = False
    client = TestClient(app_with(admin_state))
    assert client.get("/api/health").json()["status"] == "indexing"
    assert client.get("/api/health").status_code == 503
    assert client.get("/api/search", params={"q": "guichet"}).status_code == 503


def test_file_names_cannot_escape_the_upload_folder() -> None:
    from api.indexer import safe_filename

    assert safe_filename("../../x.pdf") == "x.pdf"
    assert safe_filename("..\\..\\windows\\evil.pdf") == "evil.pdf"
    assert "\x00" not in safe_filename("a\x00b.txt") and safe_filename("a\x00b.txt").endswith(".txt")
    long = safe_filename("é" * 300 + ".pdf")
    assert len(long) <= 111 and long.endswith(".pdf")
    assert safe_filename("...") == "document" and safe_filename("") == "document"


def test_uploads_in_latin1_with_a_bom_or_with_html(admin_client: TestClient) -> None:
    latin = "Compte rendu\n\nLes élèves de l'école Hélène ont visité la médiathèque.\n".encode("latin-1")
    assert admin_client.post("/api/ingest", headers=AUTH, files={"file": ("latin.txt", latin)}).status_code == 201
    bom = "\ufeffRapport\n\nLa maraude sociale passe le soir.\n".encode()
    assert admin_client.post("/api/ingest", headers=AUTH, files={"file": ("bom.txt", bom)}).status_code == 201
    html = b"# Titre\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)> Texte sur la maraude."
    assert admin_client.post("/api/ingest", headers=AUTH, files={"file": ("page.md", html)}).status_code == 201
    hits = admin_client.get("/api/search", params={"q": "médiathèque école Hélène"}).json()["results"]
    assert hits and "élèves" in hits[0]["text"]
    texts = " ".join(r["text"] for r in admin_client.get("/api/search", params={"q": "maraude"}).json()["results"])
    assert "maraude" in texts and "<script>" not in texts and "onerror" not in texts
