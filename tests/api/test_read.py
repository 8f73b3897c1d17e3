"""Read endpoints through FastAPI's TestClient on the real corpus index: happy paths, 404s and 422s."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


def test_search_contract(client: TestClient) -> None:
    r = client.get("/api/search", params={"q": "Quelles fiches impliquent l'UDCCAS ?", "k": 5})
    assert r.status_code == 200
    body = r.json()
    assert [f["number"] for f in body["fiches"]] == ["1.2", "28.2", "41.2", "55.2", "56", "57"]
    assert body["understood"]["intent"] == "list" and body["understood"]["organisations"][0]["id"] == "UDCCAS"
    assert len(body["results"]) <= 5 and body["took_ms"] > 0 and "type" in body["facets"]


@pytest.mark.parametrize("params", [{"q": ""}, {"q": "x" * 501}, {"q": "a", "k": 0}, {"q": "a", "k": 51},
                                    {"q": "a", "fiche": "x"}, {"q": "a", "type": "pdf"}, {}])
def test_search_refuses_out_of_range_input_with_a_reason(client: TestClient, params: dict) -> None:
    r = client.get("/api/search", params=params)
    assert r.status_code == 422 and r.json()["detail"]


def test_exact_searches_the_words_as_typed(client: TestClient) -> None:
    typed = "benevolat infromel"
    corrected = client.get("/api/search", params={"q": typed}).json()["understood"]["corrected"]
    assert corrected == "benevolat informel"
    exact = client.get("/api/search", params={"q": typed, "exact": "true"}).json()
    assert exact["query"] == typed and exact["understood"]["corrected"] is None
    export = client.get("/api/export", params={"q": typed, "exact": "true", "format": "md"})
    assert export.status_code == 200 and typed in export.text


def test_spans_are_offsets_in_the_question_analysed(client: TestClient) -> None:
    # Corrected: in `corrected`; as typed (spaces collapsed): in `query`.
    for typed, analysed, said in (("qui piilote la fiche 13", "qui pilote la fiche 13", {"fiche": "la fiche 13"}),
                                  ("fiches  de l'axe 2  en 2018", "fiches de l'axe 2 en 2018",
                                   {"axe": "de l'axe 2", "year": "en 2018"})):
        body = client.get("/api/search", params={"q": typed}).json()
        assert (body["understood"]["corrected"] or body["query"]) == analysed
        spans = {s["kind"]: analysed[s["start"]:s["end"]] for s in body["understood"]["spans"]}
        assert spans.items() >= said.items()


def test_filters(client: TestClient) -> None:
    r = client.get("/api/search", params={"q": "bénévolat", "type": "veille"}).json()
    assert r["results"] and {x["document"]["type"] for x in r["results"]} == {"veille"}
    r = client.get("/api/search", params={"q": "accueil", "org": "UDCCAS", "role": "pilote"}).json()
    assert {x["fiche"] for x in r["results"]} <= {"56", "57"}


def test_fiches(client: TestClient) -> None:
    assert len(client.get("/api/fiches").json()["fiches"]) == 24
    piloted = client.get("/api/fiches", params={"pilote": "UDCCAS"}).json()["fiches"]
    assert [f["number"] for f in piloted] == ["56", "57"]
    assert [f["number"] for f in client.get("/api/fiches", params={"org": "udccas", "role": "pilote"}).json()[
        "fiches"]] == ["56", "57"]
    fiche = client.get("/api/fiches/41.2").json()
    assert fiche["calendrier"].endswith("2018") and fiche["pages"] == [28] and fiche["document"]["title"]
    assert client.get("/api/fiches/99").status_code == 404


def test_documents_and_the_viewer(client: TestClient) -> None:
    docs = {d["id"]: d for d in client.get("/api/documents").json()}
    assert docs["engagement-3-pouvoir-agir-professionnels"]["alternates"] == [
        "engagement-3-pouvoir-agir-professionnels-ocr"]
    doc = client.get("/api/documents/pms-2017-2022-developpement-social").json()
    assert doc["text"] and doc["page_spans"] and any(t["title"].startswith("Axe 1") for t in doc["toc"])
    assert client.get("/api/documents/nope").status_code == 404
    assert client.get("/api/documents/..%2F..%2Fetc").status_code in (404, 422)


def test_organisations_and_suggestions(client: TestClient) -> None:
    orgs = {o["id"]: o for o in client.get("/api/organisations").json()["organisations"]}
    assert orgs["UDCCAS"]["fiche_count"] == 6 and orgs["UDCCAS"]["fiches"]["56"] == ["pilote", "partenaire"]
    kinds = {s["kind"] for s in client.get("/api/suggest", params={"q": "ud"}).json()["suggestions"]}
    assert "organisation" in kinds
    assert client.get("/api/suggest", params={"q": "13"}).json()["suggestions"][0]["value"] == "fiche 13"


def test_export(client: TestClient) -> None:
    md = client.get("/api/export", params={"q": "qui pilote la fiche 13", "format": "md"})
    assert md.status_code == 200 and md.headers["content-type"].startswith("text/markdown")
    assert "attachment" in md.headers["content-disposition"] and "Fiche 13" in md.text
    by_year = client.get("/api/export", params={"q": "Quelles fiches se terminent en 2018 ?", "format": "md"}).text
    assert "- **Fiche 41.2 — Développer les prises en charge partagées des situations difficiles · p. 28**" in by_year
    assert "()" not in by_year
    ranked = client.get("/api/export", params={"q": "qui pilote le plus de fiches ?", "format": "md"}).text
    assert "- **DSDS (Direction Santé et Développement Social) : 12 fiche(s) — 1.2, 8.2, 12," in ranked
    csv = client.get("/api/export", params={"q": "pair-aidance", "format": "csv"})
    assert csv.text.splitlines()[0].startswith("rang,document")


def test_health_and_headers(client: TestClient) -> None:
    r = client.get("/api/health")
    assert r.status_code == 200 and r.json()["status"] == "ok" and r.json()["fiches"] == 24
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff" and r.headers["referrer-policy"]


def test_openapi_has_french_descriptions(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            assert op.get("description") and op.get("summary"), (method, path)
    assert client.get("/docs").status_code == 200
