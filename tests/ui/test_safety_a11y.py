"""Safety and accessibility in a real browser: hostile document text stays text; axe-core finds nothing serious."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.ui.helpers import UDCCAS_QUESTION, run_axe, search, wait_for_answer

pytestmark = pytest.mark.browser

UI = Path(__file__).resolve().parents[2] / "ui"


def _assert_not_pwned(page: Any) -> None:
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("#view script, #view img, #view b, #view a[href^='javascript']").count() == 0


def test_hostile_document_is_shown_as_text(page: Any) -> None:
    page.goto("/")
    search(page, "zorglubine")
    passages = " ".join(page.locator("article.result .passage").all_inner_texts())
    assert "<script>window.__pwned=1</script>" in passages
    assert '<img src=x onerror="window.__pwned=1">' in passages
    titles = page.locator("article.result .result-title").all_inner_texts()
    assert any("Note <b>hostile</b>" in t for t in titles), titles
    page.wait_for_timeout(300)  # an onerror handler would have fired by now
    _assert_not_pwned(page)
    # The same text in the viewer, in the suggestions and in the selection panel.
    page.locator("article.result", has_text="<script>").get_by_role("link", name="Ouvrir dans le document").click()
    page.wait_for_selector(".target-start")
    assert "<script>window.__pwned=1</script>" in page.locator(".doc-text").inner_text()
    assert page.locator("#doc-title").inner_text() == "Note <b>hostile</b> sur la zorglubine"
    _assert_not_pwned(page)
    page.go_back()
    wait_for_answer(page)
    page.locator("article.result", has_text="<img").get_by_role("button", name="Ajouter à la sélection").click()
    page.locator("#selection-toggle").click()
    assert "<img src=x" in page.locator("#selection-list").inner_text()
    page.locator("#q").fill("")
    page.locator("#q").type("Note <b>", delay=20)
    page.wait_for_selector("#suggestions:not([hidden]) [role=option]")
    assert "Note <b>hostile</b>" in page.locator("#suggestions").inner_text()
    assert page.locator("#suggestions b").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"


def test_csp_header_forbids_inline_scripts(page: Any) -> None:
    response = page.goto("/")
    assert response is not None
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    page.wait_for_selector(".doc-list")  # the page works under that policy


@pytest.mark.parametrize("address", ["/", f"/?q={UDCCAS_QUESTION}", "/?fiche=28.2", "/?page=glossaire"],
                         ids=["home", "results", "fiche", "glossary"])
def test_axe_finds_no_serious_violation(page: Any, axe_source: str, address: str) -> None:
    page.goto(address)
    page.wait_for_selector(".doc-list, .fiche-card, #fiche-title, .glossary-table")
    page.wait_for_load_state("networkidle")
    violations = run_axe(page, axe_source)
    assert not violations, violations


def test_axe_on_open_selection_panel_and_suggestions(page: Any, axe_source: str) -> None:
    page.goto(f"/?q={UDCCAS_QUESTION}")
    wait_for_answer(page)
    page.locator("article.result").first.get_by_role("button", name="Ajouter à la sélection").click()
    page.locator("#selection-toggle").click()
    page.locator("#q").fill("")
    page.locator("#q").type("ud", delay=20)
    page.wait_for_selector("#suggestions:not([hidden]) [role=option]")
    violations = run_axe(page, axe_source)
    assert not violations, violations


def test_sources_never_insert_html() -> None:
    """No HTML parsing of data anywhere in the page's code, and nothing inline that the CSP would block."""
    for script in sorted((UI / "js").glob("*.js")):
        code = script.read_text(encoding="utf-8")
        for forbidden in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
            assert forbidden not in code, f"{script.name} uses {forbidden}"
    page = (UI / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"<script(?![^>]*\bsrc=)", page), "inline <script>"
    assert "<style" not in page and " style=" not in page
    assert not re.search(r"\son[a-z]+=", page), "event-handler attribute"
