"""The search screen in a real browser: structured answer, passages, filters, chips, history, copy, selection."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from tests.ui.conftest import Server
from tests.ui.helpers import (
    UDCCAS_FICHES,
    UDCCAS_QUESTION,
    citation_of,
    query_params,
    remove_chip,
    search,
    search_for_fiches,
    shot,
    wait_for_answer,
)

pytestmark = pytest.mark.browser


def test_home_focuses_the_search_box(page: Any, screenshots: Path) -> None:
    page.goto("/")
    page.wait_for_selector(".doc-list")
    assert page.evaluate("document.activeElement.id") == "q"
    assert page.locator("html").get_attribute("lang") == "fr"
    for landmark in ("header", "nav", "main", "footer"):
        assert page.locator(landmark).count() >= 1, landmark
    assert page.locator("aside#selection").count() == 1
    shot(page, screenshots, "home")


def test_a_corrected_slip_is_shown_with_the_words_as_typed_one_click_away(page: Any) -> None:
    page.goto("/")
    search(page, "qui piilote la fiche 13")
    notice = page.locator(".corrected")
    assert "« qui pilote la fiche 13 »" in notice.inner_text()
    assert "Fiche 13" in citation_of(page.locator("article.result").first)
    notice.locator("a.exact-link").click()
    page.wait_for_function("() => new URLSearchParams(location.search).get('exact') === '1'")
    page.wait_for_selector(".corrected", state="detached")
    wait_for_answer(page)
    assert query_params(page)["q"] == ["qui piilote la fiche 13"]


def test_udccas_question_lists_the_six_fiches_first(page: Any, screenshots: Path) -> None:
    page.goto("/")
    search(page, UDCCAS_QUESTION)
    assert query_params(page)["q"] == [UDCCAS_QUESTION]
    cards = page.locator(".fiche-card")
    assert [n.removeprefix("Fiche ") for n in cards.locator(".fiche-number").all_inner_texts()] == UDCCAS_FICHES
    # The structured answer comes before the passages.
    assert page.evaluate("""() => {
        const answer = document.querySelector('.answer'), passages = document.querySelector('.passages');
        return !!(answer.compareDocumentPosition(passages) & Node.DOCUMENT_POSITION_FOLLOWING);
    }""")
    for card in cards.all():
        assert card.locator(".badge.role").count() >= 1
        assert card.locator(".fiche-citations mark").first.inner_text() == "UDCCAS"
        assert card.locator(".page-ref").first.inner_text().startswith("p. ")
        assert card.locator("a[href^='?fiche=']").count() >= 1
    fiche56 = cards.nth(4)
    assert sorted(fiche56.locator(".badge.role").all_inner_texts()) == ["partenaire", "pilote"]
    assert "2017" in fiche56.locator(".facts").inner_text()
    # What was understood, with the full name of the organisation.
    chip = page.locator(".understood .chip").first
    assert "Organisation : UDCCAS (Union Départementale des Centres Communaux" in chip.inner_text()
    # Passages: highlighted words, type badge, citation line, actions.
    first = page.locator("article.result").first
    assert first.locator(".passage mark").count() >= 1
    assert first.locator(".badge.type").inner_text() == "Fiches action"
    assert "Projet Métropolitain des Solidarités 2017-2022" in first.locator(".citation").inner_text()
    assert first.get_by_role("button", name="Copier la citation").is_visible()
    assert first.get_by_role("link", name="Ouvrir dans le document").is_visible()
    shot(page, screenshots, "results-udccas")


def test_filter_by_document_type(page: Any, server: Server) -> None:
    question = "participation des personnes concernées"
    types = server.get_json(f"/api/search?q={quote(question)}")["facets"]["type"]
    assert len(types) >= 2, types
    chosen = min(types, key=types.get)
    label = {"livret": "Livret", "fiches": "Fiches action"}[chosen]
    page.goto("/")
    search(page, question)
    page.locator(".facet-type .facet-link", has_text=label).click()
    page.wait_for_function("(t) => new URLSearchParams(location.search).get('type') === t", arg=chosen)
    wait_for_answer(page)
    page.wait_for_selector(f".active-filters >> text={label}")
    badges = page.locator("article.result .badge.type").all_inner_texts()
    assert badges and set(badges) == {label}
    assert query_params(page)["q"] == [question]
    # Removing the filter from its chip searches all types again.
    page.locator(".active-filters .chip-remove").click()
    page.wait_for_function("() => !new URLSearchParams(location.search).has('type')")
    page.wait_for_selector(".facet-type .facet-link >> nth=1")
    assert len(set(page.locator("article.result .badge.type").all_inner_texts())) >= 2


def test_removing_an_understood_chip_searches_without_it(page: Any) -> None:
    page.goto("/")
    search(page, "Quelles fiches pilote la DSDS en 2018 ?")
    chips = page.locator(".understood .chip")
    labels = chips.all_inner_texts()
    assert any("Année : 2018" in c for c in labels), labels
    assert any("Rôle : pilote" in c for c in labels), labels
    question = remove_chip(page, chips.filter(has_text="Année : 2018"), "2018")
    wait_for_answer(page)
    page.wait_for_function("() => ![...document.querySelectorAll('.understood .chip')]"
                           ".some((c) => c.textContent.includes('Année'))")
    assert question == "Quelles fiches pilote la DSDS ?"
    assert any("DSDS" in c for c in page.locator(".understood .chip").all_inner_texts())


def test_a_field_named_in_other_words_has_a_removable_chip(page: Any) -> None:
    # The × cuts the words the API read as the field (understood.spans): "durée" asks for the calendrier.
    page.goto("/")
    search(page, "Quelle est la durée de l'action 64 ?")
    chip = page.locator(".understood .chip-field")
    chip.wait_for()
    assert chip.inner_text().startswith("Champ : calendrier")
    assert remove_chip(page, chip, "durée") == "de l'action 64 ?"
    search(page, "Quelles fiches se terminent avant 2020 ?")
    page.wait_for_selector(".understood .chip-year")
    assert page.locator(".understood .chip-year").inner_text().startswith("Année : avant 2020 (fin du calendrier)")
    search_for_fiches(page, "Quelles fiches se terminent entre 2019 et 2021 ?", 4)
    year = page.locator(".understood .chip-year")
    assert year.inner_text().startswith("Année : de 2019 à 2021 (fin du calendrier)")
    assert remove_chip(page, year, "2019") == "Quelles fiches se terminent ?"
    search(page, "Quels sont les pilotes des fiches 13 et 56 ?")
    page.wait_for_selector(".understood .chip-fiche")
    assert page.locator(".understood .chip-fiche").inner_text().startswith("Fiches : 13, 56")
    search_for_fiches(page, "fiches lancées en 2017 et terminées en 2018", 4)
    assert page.locator(".understood .chip-year").inner_text().startswith("Année : 2017 (début du calendrier), fin en 2018")
    # The words the API read as the fiche go with it, "de l'" included (understood.spans).
    search(page, "Quels sont les partenaires de l'action 13 ?")
    assert remove_chip(page, page.locator(".understood .chip-fiche"), "13") == "Quels sont les partenaires ?"


def test_an_axe_is_understood_and_lists_its_fiches(page: Any) -> None:
    page.goto("/")
    search(page, "Quelles fiches de l'axe 3 impliquent la DRTU ?")
    page.wait_for_selector(".understood .chip-axe")
    assert page.locator(".understood .chip-axe").inner_text().startswith("Axe 3 : Renforcer les partenariats")
    numbers = page.locator(".fiche-cards .fiche-number")
    numbers.first.wait_for()
    assert numbers.all_inner_texts() == ["Fiche 55.2", "Fiche 56", "Fiche 57"]
    assert remove_chip(page, page.locator(".understood .chip-axe"), "axe") == "Quelles fiches impliquent la DRTU ?"
    search(page, "Quelles fiches de l'axe 1 impliquent la DINSI ?")  # the DINSI's fiches are in axes 2 and 4
    page.wait_for_selector(".no-fiche")
    assert page.locator(".fiche-cards").count() == 0
    search(page, "indicateurs de la fiche 99")
    assert page.locator(".understood .chip-unknown").inner_text().startswith("Le plan n'a pas de fiche 99")


def test_organisations_wanted_together_or_ruled_out(page: Any) -> None:
    page.goto("/")
    search(page, "Quelles fiches impliquent l'UDCCAS sans la DRTU ?")
    page.wait_for_selector(".understood .chip-excluded")
    numbers = page.locator(".fiche-cards .fiche-number")
    numbers.first.wait_for()
    assert numbers.all_inner_texts() == ["Fiche 1.2", "Fiche 28.2", "Fiche 41.2"]
    search(page, "Quelles fiches impliquent l'UDCCAS et l'ARS ?")
    page.wait_for_selector(".understood .chip-combine")
    page.wait_for_function("() => document.querySelectorAll('.fiche-cards .fiche-number').length === 2")
    ars = page.locator(".understood .chip-organisation").filter(has_text="ARS")
    assert remove_chip(page, ars, "ARS") == "Quelles fiches impliquent l'UDCCAS ?"
    # Every name ruled out: the eighteen other fiches; a role in the negative is said so.
    search_for_fiches(page, "les fiches sans la DRTU", 18)
    search_for_fiches(page, "Dans quelles fiches la DRTU est-elle partenaire mais pas pilote ?", 4)
    role = page.locator(".understood .chip-role")
    assert role.inner_text().startswith("Rôle : pas pilote") and role.get_by_role("button").count() == 0
    search_for_fiches(page, "Quelles fiches ont plusieurs pilotes ?", 15)
    assert page.locator(".understood .chip-count").inner_text().startswith("Plusieurs pilotes")
    assert page.locator(".understood .chip-role").count() == 0
    search_for_fiches(page, "quelles fiches ont plus de deux pilotes ?", 7)
    assert page.locator(".understood .chip-count").inner_text().startswith("Plus de 2 pilotes")
    search_for_fiches(page, "fiches sans partenaire extérieur", 2)
    assert page.locator(".understood .chip-count").inner_text().startswith("Sans partenaire extérieur")
    search_for_fiches(page, "fiches avec un seul objectif", 1)
    assert page.locator(".understood .chip-count").inner_text().startswith("Un seul objectif")
    # The fiche listing the most partenaires says how many.
    search_for_fiches(page, "Quelle fiche a le plus de partenaires ?", 1)
    assert "16 partenaires associés" in page.locator(".fiche-cards .facts").inner_text()
    search_for_fiches(page, "quelles fiches se terminent le plus tôt ?", 5)
    assert page.locator(".understood .chip-count").inner_text().startswith("Se terminent le plus tôt")
    # A field named after "fiches" is where the words were looked for; its chip has no ×.
    search_for_fiches(page, "quelles fiches ont des indicateurs sur le nombre de bénévoles ?", 1)
    field = page.locator(".understood .chip-field")
    assert field.inner_text().startswith("Cherché dans le champ : indicateurs")
    assert field.get_by_role("button").count() == 0
    # What a list is about, as typed; said to be missing, the other fiches.
    assert page.locator(".understood .chip-entity").inner_text() == "Sujet : bénévoles"
    search_for_fiches(page, "quelles fiches ne parlent pas de logement ?", 16)
    assert page.locator(".understood .chip-entity").inner_text() == "Sans : logement"


def test_who_pilots_the_most_fiches(page: Any) -> None:
    page.goto("/")
    search(page, "qui pilote le plus de fiches ?")
    ranked = page.locator(".ranked-organisation")
    ranked.first.wait_for()
    assert ranked.count() == 10 and "12 fiches" in ranked.first.inner_text()
    # An organisation leads to the list of its fiches, which has as many cards as it counts.
    ranked.filter(has_text="DSDS").locator(".ranked-name").click()
    page.wait_for_function("() => document.querySelectorAll('.fiche-cards .fiche-number').length === 12")
    assert page.locator("#q").input_value() == "Quelles fiches sont pilotées par DSDS ?"


def test_address_and_back_button_follow_the_searches(page: Any) -> None:
    page.goto("/")
    search(page, "UDCCAS")
    search(page, "précarité énergétique")
    assert query_params(page)["q"] == ["précarité énergétique"]
    page.go_back()
    page.wait_for_function("() => new URLSearchParams(location.search).get('q') === 'UDCCAS'")
    page.wait_for_selector(".results-h1 >> text=« UDCCAS »")
    assert page.locator("#q").input_value() == "UDCCAS"
    page.go_forward()
    page.wait_for_selector(".results-h1 >> text=« précarité énergétique »")
    # A shared link opens the same screen.
    page.goto("/?q=UDCCAS&type=fiches")
    wait_for_answer(page)
    assert page.locator(".facet-link.active").inner_text().startswith("Fiches action")


def test_copy_citation_puts_passage_and_reference_in_the_clipboard(page: Any) -> None:
    page.goto("/")
    search(page, UDCCAS_QUESTION)
    first = page.locator("article.result").first
    citation = citation_of(first)
    first.get_by_role("button", name="Copier la citation").click()
    page.wait_for_selector("article.result >> nth=0 >> text=Citation copiée")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("« ")
    assert "UDCCAS" in copied
    assert copied.rstrip().endswith(citation)
    assert "<" not in copied and "\n\n" not in copied


def test_selection_collects_passages_and_exports_markdown(page: Any, tmp_path: Path) -> None:
    page.goto("/")
    search(page, UDCCAS_QUESTION)
    results = page.locator("article.result")
    citations = [citation_of(results.nth(i)) for i in (0, 2)]
    for i in (0, 2):
        results.nth(i).get_by_role("button", name="Ajouter à la sélection").click()
    assert page.locator("#selection-count").inner_text() == "2"
    # Collected across searches: it survives another search and a reload (localStorage).
    search(page, "précarité énergétique")
    page.reload()
    wait_for_answer(page)
    assert page.locator("#selection-count").inner_text() == "2"
    page.locator("#selection-toggle").click()
    panel = page.locator("aside#selection")
    assert panel.is_visible()
    assert panel.locator(".selection-item").count() == 2
    with page.expect_download() as info:
        panel.get_by_role("button", name="Exporter en Markdown").click()
    download = info.value
    assert download.suggested_filename.endswith(".md")
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    markdown = target.read_text(encoding="utf-8")
    assert markdown.startswith("# Sélection")
    for citation in citations:
        assert citation in markdown
    # Remove one; Escape closes the panel and gives the focus back to its button.
    panel.get_by_role("button", name="Retirer le passage 1").click()
    assert page.locator("#selection-count").inner_text() == "1"
    page.keyboard.press("Escape")
    assert not panel.is_visible()
    assert page.evaluate("document.activeElement.id") == "selection-toggle"


def test_keyboard_only_search_suggestion_and_result(page: Any) -> None:
    page.goto("/")
    page.wait_for_selector(".doc-list")
    assert page.evaluate("document.activeElement.id") == "q"
    page.keyboard.type("UDCC", delay=40)
    page.wait_for_selector("#suggestions:not([hidden]) [role=option]")
    assert page.locator("#q").get_attribute("aria-expanded") == "true"
    page.keyboard.press("ArrowDown")
    active = page.locator("#q").get_attribute("aria-activedescendant")
    assert active and page.locator(f"#{active}").get_attribute("aria-selected") == "true"
    assert "Union Départementale" in page.locator(f"#{active}").inner_text()
    page.keyboard.press("Enter")
    page.wait_for_function("() => new URLSearchParams(location.search).get('q') === 'UDCCAS'")
    wait_for_answer(page)
    # Tab to the first "Ouvrir" of a passage, checking that every stop shows its focus.
    for _ in range(120):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => { const e = document.activeElement, s = getComputedStyle(e);
            return { text: e.textContent.trim(), tag: e.tagName, outline: s.outlineStyle,
                     width: parseFloat(s.outlineWidth), visible: e.getBoundingClientRect().width > 0 }; }""")
        assert focused["outline"] != "none" and focused["width"] >= 2, focused
        if focused["tag"] == "A" and focused["text"].startswith("Ouvrir"):
            break
    else:
        pytest.fail("no 'Ouvrir' link reached with Tab")
    page.keyboard.press("Enter")
    page.wait_for_function("() => new URLSearchParams(location.search).has('doc')")
    page.wait_for_selector(".target-start")


def test_waiting_error_and_indexing_states(page: Any) -> None:
    # A slow answer: the loading indicator appears (after 300 ms), then the results.
    pending: list[Any] = []
    page.route("**/api/search?*", lambda route: pending.append(route))
    page.goto("/?q=UDCCAS")
    page.wait_for_selector(".loading", state="visible")
    assert "Recherche en cours" in page.locator(".loading").inner_text()
    pending[0].continue_()
    page.unroute("**/api/search?*")
    wait_for_answer(page)
    assert page.locator(".loading").count() == 0

    # A server error: a clear message and a retry button, never a blank page.
    page.route("**/api/search?*", lambda route: route.fulfill(status=500, json={"detail": "boom"}))
    page.goto("/?q=UDCCAS")
    page.wait_for_selector(".notice-error")
    assert "erreur (500)" in page.locator(".notice-error").inner_text()
    page.unroute("**/api/search?*")
    page.get_by_role("button", name="Réessayer").click()
    wait_for_answer(page)

    # The server is indexing (503): say so, poll /api/health, and answer when it is ready.
    state = {"ready": False}

    def health(route: Any) -> None:
        if state["ready"]:
            route.continue_()
        else:
            route.fulfill(status=503, json={"status": "indexing", "detail": None, "version": "test"})

    def searching(route: Any) -> None:
        if state["ready"]:
            route.continue_()
        else:
            route.fulfill(status=503, json={"detail": "indexation en cours : la recherche sera disponible"})

    page.route("**/api/health", health)
    page.route("**/api/search?*", searching)
    page.goto("/?q=UDCCAS")
    page.wait_for_selector(".notice-info >> text=Indexation en cours")
    assert page.locator(".banner").is_visible()
    state["ready"] = True
    page.wait_for_selector("#view .results-page", timeout=10_000)
    page.wait_for_selector(".banner", state="detached")

    # No result: say so, with advice and other things to try.
    page.route("**/api/search?*", lambda route: route.fulfill(json={
        "query": "zzqx", "understood": {}, "results": [], "fiches": [], "took_ms": 1.0, "facets": {}}))
    page.goto("/?q=zzqx%20accompagnement")
    page.wait_for_selector(".empty")
    assert "Aucun résultat" in page.locator(".empty h2").inner_text()
    assert "moins de mots" in page.locator(".empty").inner_text()
