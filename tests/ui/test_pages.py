"""The other screens in a real browser: fiche page, document viewer, glossary, and a 360-px phone."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.ui.conftest import Server
from tests.ui.helpers import (
    UDCCAS_QUESTION,
    in_viewport,
    no_horizontal_overflow,
    query_params,
    search,
    shot,
    wait_for_answer,
)

pytestmark = pytest.mark.browser

PMS = "pms-2017-2022-developpement-social"


def test_fiche_page_shows_every_field(page: Any, screenshots: Path) -> None:
    page.goto("/")
    search(page, UDCCAS_QUESTION)
    page.locator(".fiche-card", has_text="Fiche 28.2").get_by_role("link", name="Voir la fiche 28.2").click()
    page.wait_for_selector("#fiche-title")
    assert query_params(page)["fiche"] == ["28.2"]
    assert "Simplifier les procédures et processus" in page.locator("h1").inner_text()
    titles = page.locator(".fiche-field .field-title").all_inner_texts()
    for field in ("Contexte", "Objectifs opérationnels", "Modalités de mise en œuvre", "Pilote(s)",
                  "Partenaires associés", "Calendrier", "Indicateurs d'évaluation"):
        assert any(t.startswith(field) for t in titles), (field, titles)
    assert page.locator(".fiche-field .rich li").count() >= 5
    row = page.locator(".fiche-orgs tbody tr").filter(has=page.locator("th", has_text=re.compile(r"^UDCCAS$")))
    assert "Union Départementale" in row.inner_text()
    assert row.locator(".badge.role").inner_text() == "partenaire"
    assert "2017-2022" in page.locator(".fiche-header").inner_text()
    shot(page, screenshots, "fiche-28.2")
    # The back link and the browser's back button return to the results.
    page.go_back()
    wait_for_answer(page)
    assert page.locator(".fiche-card").count() == 6
    page.goto("/?fiche=99.9")
    page.wait_for_selector(".notice-error")
    assert "Aucune fiche action ne porte le numéro 99.9" in page.locator(".notice-error").inner_text()


def test_viewer_shows_the_passage_highlighted_in_view(page: Any, screenshots: Path, server: Server) -> None:
    page.goto("/")
    search(page, UDCCAS_QUESTION)
    first = page.locator("article.result").first
    expected = " ".join(str(first.locator(".passage").text_content()).split())
    fiche = str(first.locator(".result-title").text_content()).split(" — ")[0].removeprefix("Fiche ")
    first.get_by_role("link", name="Ouvrir dans le document").click()
    page.wait_for_selector(".target-start")
    params = query_params(page)
    assert params["doc"] == [PMS] and params["start"] and params["end"]
    page.wait_for_function("() => { const b = document.querySelector('.target-start').getBoundingClientRect();"
                           " return b.top >= 0 && b.bottom <= window.innerHeight; }")
    assert in_viewport(page, ".target-start")
    marked = page.evaluate("[...document.querySelectorAll('.passage-mark')].map((m) => m.textContent).join(' ')")
    assert " ".join(marked.split()).removeprefix("Début du passage surligné : ") == expected
    # Text by page and section, with a table of contents pointing at the current section.
    assert page.locator(".doc-page .page-label").count() > 10
    current = page.locator(".toc-link[aria-current='location']")
    assert current.inner_text().startswith(f"Fiche action {fiche} :")
    document = server.get_json(f"/api/documents/{PMS}")
    assert page.locator(".toc-link").count() == sum(1 for t in document["toc"] if t["level"] <= 2)
    shot(page, screenshots, "viewer", full_page=False)
    # A link of the table of contents moves to its section.
    page.locator(".toc-link", has_text="Fiche action 13").click()
    assert in_viewport(page, f"#s-{_toc_index(document, 'Fiche action 13')}")
    # The fiche page's "see it in the document" highlights the whole fiche.
    page.goto("/?fiche=13")
    page.get_by_role("link", name="Voir la fiche dans le document").click()
    page.wait_for_selector(".in-target")
    assert in_viewport(page, ".target-start")


def _toc_index(document: dict[str, Any], prefix: str) -> int:
    return next(i for i, t in enumerate(document["toc"]) if t["title"].startswith(prefix))


def test_viewer_tells_about_alternate_versions(page: Any) -> None:
    """The small corpus has no OCR copy: the API's answers are extended as they would be with one."""
    def canonical(route: Any) -> None:
        body = route.fetch().json()
        body["alternates"] = ["copie-ocr"]
        route.fulfill(json=body)

    def ocr_copy(route: Any) -> None:
        route.fulfill(body=json.dumps({
            "id": "copie-ocr", "title": "Copie numérisée du plan", "type": "fiches", "date": None, "pages": 1,
            "passages": 1, "fiches": 0, "alternate_of": PMS, "alternates": [], "file": "copie-ocr.txt",
            "ocr_score": 0.05, "text": "Texte reconnu par OCR.", "page_spans": [{"number": 1, "start": 0, "end": 22}],
            "toc": [], "fiche_numbers": [], "paged": False}), content_type="application/json")

    page.route(f"**/api/documents/{PMS}", canonical)
    page.route("**/api/documents/copie-ocr", ocr_copy)
    page.goto(f"/?doc={PMS}")
    note = page.locator(".notice-info", has_text="Autre version disponible")
    assert "copie numérisée (OCR)" in note.inner_text()
    note.get_by_role("link").click()
    page.wait_for_selector(".notice-info >> text=Copie numérisée (OCR).")
    canonical_link = page.locator(".notice-info a")
    assert "Projet Métropolitain des Solidarités 2017-2022" in canonical_link.inner_text()
    assert canonical_link.get_attribute("href") == f"?doc={PMS}"


def test_glossary_lists_acronyms_names_and_fiches(page: Any, screenshots: Path) -> None:
    page.goto("/")
    page.get_by_role("navigation", name="Navigation principale").get_by_role("link", name="Glossaire").click()
    page.wait_for_selector(".glossary-table")
    assert query_params(page)["page"] == ["glossaire"]
    row = page.locator(".glossary-table tbody tr", has_text="UDCCAS")
    assert "Union Départementale des Centres Communaux" in row.inner_text()
    links = row.locator("a[href^='?fiche=']")
    assert sorted(link.get_attribute("href") for link in links.all()) == sorted(
        f"?fiche={n}" for n in ("1.2", "28.2", "41.2", "55.2", "56", "57"))
    # The DRH, which only fiches 62 and 64 print, is listed with them, and no name is made up for it.
    drh = page.locator(".glossary-table tbody tr", has_text="non développé dans le plan").filter(has_text="DRH")
    assert drh.locator("a[href^='?fiche=']").count() == 2
    shot(page, screenshots, "glossary")
    page.locator("#glossary-filter").fill("udccas")
    assert page.locator(".glossary-table tbody tr:visible").count() == 1
    row.get_by_role("link", name="Fiche 56").click()
    page.wait_for_selector("#fiche-title")
    assert query_params(page)["fiche"] == ["56"]


def test_phone_width_has_no_horizontal_overflow(browser: Any, server: Server, screenshots: Path) -> None:
    context = browser.new_context(base_url=server.url, viewport={"width": 360, "height": 740}, is_mobile=True,
                                  has_touch=True, device_scale_factor=2)
    try:
        page = context.new_page()
        page.goto(f"/?q={UDCCAS_QUESTION}")
        wait_for_answer(page)
        page.wait_for_selector(".fiche-card")
        width, inner = no_horizontal_overflow(page)
        assert width <= inner, f"results: {width}px wide in a {inner}px window"
        shot(page, screenshots, "results-360")
        for address, ready in (("/?fiche=28.2", "#fiche-title"), ("/?page=glossaire", ".glossary-table"),
                               (f"/?doc={PMS}&start=48922&end=49020", ".doc-text"), ("/", ".doc-list")):
            page.goto(address)
            page.wait_for_selector(ready)
            width, inner = no_horizontal_overflow(page)
            assert width <= inner, f"{address}: {width}px wide in a {inner}px window"
    finally:
        context.close()
