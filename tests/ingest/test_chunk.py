"""Passages follow the structure: one fiche, one section, fields apart, offsets exact, nothing lost."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest

from ingest.chunk import _REFERS_BACK_RE, make_passages


@pytest.fixture(scope="module")
def passages(parsed: dict) -> dict:
    return {key: make_passages(doc, "rev") for key, doc in parsed.items()}


def test_offsets_point_at_the_passage_text(parsed: dict, passages: dict) -> None:
    for key, doc in parsed.items():
        for p in passages[key]:
            assert doc.text[p.start:p.end] == p.text and p.text.strip() == p.text


def test_every_character_lies_in_some_passage(parsed: dict, passages: dict) -> None:
    for key, doc in parsed.items():
        covered = [False] * len(doc.text)
        for p in passages[key]:
            covered[p.start:p.end] = [True] * (p.end - p.start)
        lost = "".join(c for c, ok in zip(doc.text, covered, strict=True) if not ok)
        assert not lost.strip(), (key, lost.strip()[:80])


def test_passages_do_not_overlap(passages: dict) -> None:
    for items in passages.values():
        spans = sorted((p.start, p.end) for p in items)
        assert all(a[1] <= b[0] for a, b in pairwise(spans))


def test_a_passage_never_spans_two_fiches(parsed: dict, passages: dict) -> None:
    doc = parsed["pms-2017-2022-developpement-social"]
    field_of = {}
    for block in doc.blocks:
        if block.fiche:
            for pos in range(block.start, block.end):
                field_of[pos] = block.fiche
    for p in passages["pms-2017-2022-developpement-social"]:
        fiches = {field_of[i] for i in range(p.start, p.end) if i in field_of}
        assert len(fiches) <= 1, (p.fiche, fiches)


def test_fiche_fields_are_their_own_passages(passages: dict) -> None:
    pms = passages["pms-2017-2022-developpement-social"]
    by = {(p.fiche, p.field): p for p in pms}
    assert by[("13", "pilotes")].text.endswith("Métropole (DHL)")
    assert "2018" in by[("41.2", "calendrier")].text and by[("41.2", "calendrier")].page == 28
    assert "Quartiers « prioritaires » identifiés" in by[("32", "indicateurs")].text
    for (fiche, field), p in by.items():
        if field in ("pilotes", "partenaires", "calendrier"):
            assert not re.search(r"OBJECTIFS|INDICATEURS|MODALIT", p.text), (fiche, field)


def test_passages_carry_their_citation(passages: dict) -> None:
    for items in passages.values():
        for p in items:
            assert p.doc_title and p.doc_type and p.page is not None
            if p.fiche:
                assert p.fiche_title and p.section[-2].startswith(f"Fiche action {p.fiche}")


def test_a_citation_and_its_author_stay_together(passages: dict) -> None:
    texts = [p.text for p in passages["engagement-2-pouvoir-agir-personnes"]]
    assert any("Parlez-en moins, faites-en plus" in t and "Yann Le Bossé" in t for t in texts)


def test_a_list_stays_with_the_sentence_that_announces_it(passages: dict) -> None:
    # The introduction of the fiches document announces the plan's four axes, then lists them.
    texts = [p.text for p in passages["pms-2017-2022-developpement-social"]]
    axes = next(t for t in texts if "communs à l’ensemble des politiques de solidarité :" in t)
    for axe in ("Développer la prévention", "Offrir un parcours continu", "Renforcer les partenariats",
                "Favoriser l’inclusion sociale et urbaine"):
        assert axe in axes
    assert "3-2 Les objectifs stratégiques" not in axes
    # In a fiche, each item of a field stays an action of its own passage.
    assert not any(t.count("•") > 3 for p in passages["pms-2017-2022-developpement-social"] if p.fiche
                   for t in [p.text])


def test_a_sentence_ending_in_a_colon_keeps_what_it_announces(passages: dict) -> None:
    # "Article L. 121-1 … stipule que :" alone answers nothing: the article's text follows it.
    texts = [p.text for p in passages["pms-2017-2022-developpement-social"]]
    article = next(t for t in texts if "Article L. 121-1" in t)
    assert "« Le département définit et met en œuvre la politique d’action sociale" in article


def test_a_paragraph_that_refers_back_stays_with_what_it_names(passages: dict) -> None:
    # "Ce plan prévoit…" answers "what does the 2015 plan provide?", which the paragraph before names.
    texts = [p.text for p in passages["pms-2017-2022-developpement-social"]]
    plan = next(t for t in texts if "Ce plan prévoit de simplifier" in t)
    assert "plan d’action en faveur du travail social" in plan
    definition = next(t for t in texts if "Cette définition du développement social" in t)
    assert "Le développement social est une stratégie territoriale" in definition


@pytest.mark.parametrize(("opening", "refers_back"), [
    ("Cette définition du développement social", True), ("Ces sept livrets constituent", True),
    ("Cet outil permet", True), ("Ce qui frappe", False), ("Ce sont les communes", False),
    ("Certaines communes", False), ("C’est la Métropole", False)])
def test_what_refers_back(opening: str, refers_back: bool) -> None:
    assert bool(_REFERS_BACK_RE.match(opening)) is refers_back


def test_no_passage_is_a_heading_alone(passages: dict) -> None:
    for items in passages.values():
        for p in items:
            assert p.kind != "heading" or len(p.text.split()) >= 8, p.text
