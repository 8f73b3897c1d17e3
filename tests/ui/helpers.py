"""Helpers shared by the browser tests: searching like a person, axe-core, geometry."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

UDCCAS_QUESTION = "Quelles fiches impliquent l'UDCCAS ?"
UDCCAS_FICHES = ["1.2", "28.2", "41.2", "55.2", "56", "57"]
BLOCKING_IMPACTS = {"serious", "critical"}


def search(page: Any, text: str) -> None:
    """Type a question in the search box and press Enter, then wait for the answer."""
    box = page.locator("#q")
    box.fill(text)
    box.press("Enter")
    wait_for_answer(page)


def wait_for_answer(page: Any) -> None:
    """Wait until the results screen (or its empty state) is shown."""
    page.wait_for_selector("#view .results-page", state="visible")


def search_for_fiches(page: Any, text: str, count: int) -> None:
    """Search, then wait until the answer lists `count` fiche cards."""
    search(page, text)
    page.wait_for_function(f"() => document.querySelectorAll('.fiche-cards .fiche-number').length === {count}")


def remove_chip(page: Any, chip: Any, gone: str) -> str:
    """Press a chip's ×, wait until the address's question no longer holds `gone`; the question now in the box."""
    chip.get_by_role("button").click()
    page.wait_for_function("(gone) => !new URLSearchParams(location.search).get('q').includes(gone)", arg=gone)
    return str(page.locator("#q").input_value())


def citation_of(card: Any) -> str:
    """The citation line of a result card, without its screen-reader prefix."""
    return " ".join(str(card.locator(".citation").text_content()).split()).removeprefix("Référence : ")


def query_params(page: Any) -> dict[str, list[str]]:
    """The parameters of the page's address."""
    return parse_qs(urlparse(page.url).query)


def run_axe(page: Any, source: str) -> list[dict[str, Any]]:
    """Run axe-core on the page and return its serious and critical violations.

    page.evaluate goes through the DevTools protocol, so the page's CSP (no
    inline script) does not block the injection, as add_script_tag would.
    """
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(source)
    violations = page.evaluate("""async () => {
        const result = await axe.run(document, { resultTypes: ["violations"] });
        return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")) }));
    }""")
    return [v for v in violations if v["impact"] in BLOCKING_IMPACTS]


def in_viewport(page: Any, selector: str) -> bool:
    """True when the element's box intersects the visible part of the window."""
    return bool(page.evaluate("""(selector) => {
        const box = document.querySelector(selector)?.getBoundingClientRect();
        return !!box && box.bottom > 0 && box.top < window.innerHeight && box.right > 0
            && box.left < window.innerWidth && box.height > 0;
    }""", selector))


def no_horizontal_overflow(page: Any) -> tuple[int, int]:
    """(scrollWidth, innerWidth) of the page."""
    width = page.evaluate("document.documentElement.scrollWidth")
    inner = page.evaluate("window.innerWidth")
    return int(width), int(inner)


def shot(page: Any, folder: Path, name: str, *, full_page: bool = True) -> Path:
    """Save a screenshot of the page under tests/artifacts/screenshots."""
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
