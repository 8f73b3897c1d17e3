"""Spelling correction against the words of the real corpus: slips are fixed, real words are left alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.spelling import Speller, within_one_edit

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture(scope="module")
def speller() -> Speller:
    # The canonical texts only, as the catalogue does: the OCR copy's garbled words are no spelling.
    return Speller(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.*"))
                   if p.suffix in (".txt", ".md") and p.name != "README.md" and "-ocr" not in p.name)


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("lutte", "lutet", True),        # two letters swapped
    ("pilote", "piilote", True),     # a letter doubled
    ("secret", "scret", True),       # a letter dropped
    ("publique", "pubmique", True),  # a letter changed
    ("lutte", "ltuet", False),
    ("pilote", "pilotage", False),
])
def test_one_edit(a: str, b: str, expected: bool) -> None:
    assert within_one_edit(a, b) is expected
    assert within_one_edit(b, a) is expected


def test_organisation_matching_counts_no_swaps() -> None:
    # The organisation matcher's tolerance, kept as it was: a letter dropped, added or changed.
    assert within_one_edit("udcas", "udccas", swaps=False)
    assert not within_one_edit("lutte", "lutet", swaps=False)


@pytest.mark.parametrize(("typed", "corrected"), [
    ("Comment la Métropole lutet-t-elle contre la précarité énergétique ?",
     "Comment la Métropole lutte-t-elle contre la précarité énergétique ?"),
    ("qui piilote la fiche 13", "qui pilote la fiche 13"),
    ("défiinition du développement du pouvoir d'agir", "définition du développement du pouvoir d'agir"),
    ("Benevolat infromel", "Benevolat informel"),
    ("Commnt mobiliser les bénévoles ?", "Comment mobiliser les bénévoles ?"),  # from the French lexicon
])
def test_slips_are_corrected(speller: Speller, typed: str, corrected: str) -> None:
    assert speller.correct(typed)[0] == corrected


@pytest.mark.parametrize(("typed", "read"), [
    ("fiches avec la direction de la com", "fiches avec la direction de la communication"),
    ("actions tjrs en cours", "actions toujours en cours"),
    ("le conseil de dev", "le conseil de développement"),
    ("la DEV", "la DEV"),  # in capitals, an acronym
])
def test_shorthand_is_read_in_full(speller: Speller, typed: str, read: str) -> None:
    assert speller.correct(typed)[0] == read


@pytest.mark.parametrize("question", [
    "precarite energetique menages",                   # typed without accents: BM25 folds them anyway
    "éviter que les travailleurs sociaux s'épuisent",  # a real word the plan never uses
    "quelles fiches impliquent l'UDCAS",               # acronyms go to the organisation matcher
    "pair-aidance",
    "citation de Yann Le Bossé",
])
def test_real_words_are_left_alone(speller: Speller, question: str) -> None:
    assert speller.correct(question) == (question, [])


def test_the_vocabulary_is_the_corpus(speller: Speller) -> None:
    assert len(speller) > 2000
    assert speller.surface["precarite"] == "précarité"


@pytest.mark.parametrize(("shouted", "written"), [
    ("QUELLES FICHES IMPLIQUENT L'UDCCAS ?", "Quelles fiches impliquent l'UDCCAS ?"),
    ("PRECARITE ENERGETIQUE MENAGES", "Précarité énergétique ménages"),   # accents back, as the plan writes them
    ("CITATION DE YANN LE BOSSÉ", "Citation de Yann le Bossé"),          # names keep their capital
    ("LA DREETS ET L'ÉPUISEMENT", "La DREETS et l'épuisement"),           # unknown: an acronym stays, a word is small
])
def test_a_question_in_capitals_is_written_as_the_index_writes_it(speller: Speller, shouted: str, written: str) -> None:
    assert speller.truecase(shouted) == written


@pytest.mark.parametrize("question", ["qui pilote la CAF", "Comment agir ?", "RSA", "precarite energetique"])
def test_other_questions_keep_their_case(speller: Speller, question: str) -> None:
    assert speller.truecase(question) == question


def test_capitals_opening_sentences_or_headings_are_not_the_words_case(speller: Speller) -> None:
    # "Favoriser" opens bullet points and "OBJECTIFS" is a heading: neither is how the plan writes the word.
    assert "favoriser" not in speller.capitalised and "objectifs" not in speller.capitalised
    assert speller.capitalised["udccas"] == "UDCCAS" and speller.capitalised["lyon"] == "Lyon"
