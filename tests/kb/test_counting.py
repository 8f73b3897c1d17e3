"""How many pilotes, partenaires, indicateurs or objectifs a question asks for, read without a catalogue."""

from __future__ import annotations

import pytest

from kb.counting import Count, read_count
from kb.lexicon import fold, straight_apostrophes


def read(question: str) -> Count | None:
    found = read_count(fold(straight_apostrophes(question)))
    return found[0] if found else None


@pytest.mark.parametrize(("question", "count"), [
    ("Quelles fiches ont plusieurs pilotes ?", Count("pilotes", "gt", 1)),
    ("fiches co-pilotées", Count("pilotes", "gt", 1)),
    ("les fiches copilotes", Count("pilotes", "gt", 1)),
    ("fiches à pilotage partagé", Count("pilotes", "gt", 1)),
    ("fiches pilotées par plus d'une direction", Count("pilotes", "gt", 1)),
    ("fiches pilotées par plusieurs directions", Count("pilotes", "gt", 1)),
    ("fiches avec un seul pilote", Count("pilotes", "eq", 1)),
    ("fiches à pilote unique", Count("pilotes", "eq", 1)),
    ("quelles fiches sont pilotées uniquement par la DSDS ?", Count("pilotes", "eq", 1)),
    ("fiches pilotées par la DSDS seule", Count("pilotes", "eq", 1)),
    ("quelles fiches ont plus de deux pilotes ?", Count("pilotes", "gt", 2)),
    ("Quelles fiches ont plus de 10 partenaires ?", Count("partenaires", "gt", 10)),
    ("au moins quatorze partenaires", Count("partenaires", "ge", 14)),
    ("au plus 5 partenaires", Count("partenaires", "le", 5)),
    ("pas plus de deux pilotes", Count("pilotes", "le", 2)),
    ("moins de six partenaires", Count("partenaires", "lt", 6)),
    ("fiches avec exactement 3 pilotes", Count("pilotes", "eq", 3)),
    ("fiches pilotées par deux directions", Count("pilotes", "eq", 2)),
    ("fiches sans partenaire", Count("partenaires", "eq", 0)),
    ("fiches sans partenaires associés ?", Count("partenaires", "eq", 0)),
    ("quelles fiches ont 2 pilotes ou plus ?", Count("pilotes", "ge", 2)),
    ("fiches pilotées par deux directions ou plus", Count("pilotes", "ge", 2)),
    ("fiches avec dix partenaires au maximum", Count("partenaires", "le", 10)),
    ("quelles fiches ont entre 5 et 8 partenaires ?", Count("partenaires", "between", 5, 8)),
    ("entre dix et cinq partenaires", Count("partenaires", "between", 5, 10)),
    ("fiches n’ayant aucun pilote", Count("pilotes", "eq", 0)),
    ("la fiche qui a le plus grand nombre de partenaires", Count("partenaires", "most")),
    ("la fiche avec le moins de pilotes", Count("pilotes", "least")),
    # Partenaires outside the Métropole, not all partenaires.
    ("Quelles fiches n'ont aucun partenaire extérieur à la Métropole ?", Count("exterieurs", "eq", 0)),
    ("fiches sans partenaire externe", Count("exterieurs", "eq", 0)),
    ("fiches qui n'ont que des partenaires internes", Count("exterieurs", "eq", 0)),
    ("fiches avec des partenaires extérieurs", Count("exterieurs", "gt", 0)),
    ("plus de 5 partenaires extérieurs", Count("exterieurs", "gt", 5)),
    ("fiches copilotées avec des partenaires extérieurs", Count("pilotes", "gt", 1)),
    # The items of the indicateurs and objectifs fields.
    ("fiches sans indicateurs", Count("indicateurs", "eq", 0)),
    ("Quelles fiches n'ont aucun indicateur ?", Count("indicateurs", "eq", 0)),
    ("fiches avec au moins 6 indicateurs d'évaluation", Count("indicateurs", "ge", 6)),
    ("quelle fiche a le plus d'objectifs opérationnels ?", Count("objectifs", "most")),
    ("fiches avec un seul objectif", Count("objectifs", "eq", 1)),
    # How long a fiche runs, and when it ends.
    ("quelles fiches durent plus de trois ans ?", Count("annees", "gt", 3)),
    ("fiches sur un an", Count("annees", "eq", 1)),
    ("les actions qui s'étalent sur au moins 5 ans", Count("annees", "ge", 5)),
    ("quelles sont les fiches les plus longues ?", Count("annees", "most")),
    ("la fiche la plus courte", Count("annees", "least")),
    ("quelles fiches se terminent le plus tôt ?", Count("fin", "least")),
])
def test_a_count_said_in_words_or_digits(question: str, count: Count) -> None:
    assert read(question) == count


@pytest.mark.parametrize("question", [
    "Quelles fiches sont pilotées par la DSDS ?",
    "fiches où la CAF est un partenaire",  # an article, not a number
    "qui pilote le plus de fiches ?",  # organisations ranked by their fiches: not a count of pilotes
    "la CAF n'est pas partenaire",  # a role asked in the negative
    "les fiches pilotées en 2018",
    "quelles fiches pour les personnes de plus de 60 ans ?",  # an age, not how long a fiche runs
    "les fiches de la DSDS sans partenaire associatif",  # some partenaires, none of them associatif
    "Quelles fiches ont des indicateurs sur le nombre de bénévoles ?",  # what they measure, not how many
    "fiches sans indicateur chiffré",
])
def test_no_count(question: str) -> None:
    assert read(question) is None


def test_select_compares_each_count() -> None:
    counts = {"1.2": 15, "8.2": 16, "13": 10, "62": 4}
    assert Count("partenaires", "most").select(counts) == {"8.2"}
    assert Count("partenaires", "least").select(counts) == {"62"}
    assert Count("partenaires", "gt", 10).select(counts) == {"1.2", "8.2"}
    assert Count("partenaires", "ge", 10).select(counts) == {"1.2", "8.2", "13"}
    assert Count("partenaires", "lt", 10).select(counts) == {"62"}
    assert Count("partenaires", "le", 10).select(counts) == {"13", "62"}
    assert Count("partenaires", "eq", 0).select(counts) == set()
    assert Count("partenaires", "between", 4, 10).select(counts) == {"13", "62"}
    assert Count("partenaires", "most").select({}) == set()
