"""Fiche numbers read where a question says them, resolved to the plan's fiches."""

from __future__ import annotations

import pytest

from kb.fichenumbers import fiche_numbers, known_fiche
from kb.lexicon import fold


@pytest.fixture(scope="module")
def catalog(corpus_index):  # type: ignore[no-untyped-def]
    corpus_index.service.refresh()
    return corpus_index.service.catalog


def test_numbers_after_fiche_and_their_places(catalog) -> None:  # type: ignore[no-untyped-def]
    low = fold("calendrier de la fiche 13, de la fiche 28 ou de l'action 41,2")
    assert [(number, low[start:end].strip(" ,")) for number, start, end in fiche_numbers(low, catalog)] == [
        ("13", "fiche 13"), ("28", "de la fiche 28"), ("41.2", "ou de l'action 41,2")]


def test_a_number_after_a_field_word_only_if_the_plan_has_it(catalog) -> None:  # type: ignore[no-untyped-def]
    assert [n for n, _, _ in fiche_numbers(fold("qui pilote 13"), catalog)] == ["13"]
    assert fiche_numbers(fold("calendrier 2018"), catalog) == []
    assert fiche_numbers(fold("plus de 10 partenaires"), catalog) == []
    assert fiche_numbers(fold("pilote 99"), catalog) == []


def test_known_fiche(catalog) -> None:  # type: ignore[no-untyped-def]
    assert known_fiche("28", catalog) == "28.2"  # the only action numbered 28
    assert known_fiche("41.2", catalog) == "41.2"
    assert known_fiche("99", catalog) is None
