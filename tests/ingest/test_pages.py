"""Running headers and footers: removed from the text, turned into page numbers."""

from __future__ import annotations

from ingest.pages import find_running_headers, segment_pages, split_pages
from ingest.repair import repair_text
from tests.conftest import LIVRET3, PMS


def test_running_headers_of_the_fiches_document_are_removed_and_give_pages() -> None:
    repaired = repair_text([PMS.read_text(encoding="utf-8")], paged=False)
    assert "Développement social6" not in repaired.text
    assert "28 AXE N°2" not in repaired.text
    assert any(h.startswith("PROJET MÉTROPOLITAIN DES SOLIDARITÉS 2017-2022") for h in repaired.headers)
    numbers = [p.number for p in repaired.pages]
    assert numbers == sorted(numbers) and 28 in numbers and 45 in numbers
    glossary = repaired.text.index("GLOSSAIRE")
    assert next(p.number for p in repaired.pages if p.start <= glossary < p.end) == 45


def test_a_header_repeating_the_same_number_is_a_title_not_a_page() -> None:
    lines = LIVRET3.read_text(encoding="utf-8").split("\n")
    found = find_running_headers(lines)
    assert found and all(number is None for number in found.values())
    assert all("Renforcer le pouvoir" in lines[i] for i in found)


def test_form_feeds_are_page_breaks() -> None:
    pages, removed = split_pages(["un\n\fdeux\n\ftrois"], paged=False)
    assert [n for n, _ in pages] == [1, 2, 3] and removed == []


def test_text_without_headers_is_numbered_from_its_breaks() -> None:
    assert len(segment_pages(LIVRET3.read_text(encoding="utf-8"))) == 6
