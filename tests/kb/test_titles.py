"""Titles named in a question, on the plan's own axe and programme titles, without a store."""

from __future__ import annotations

import pytest

from kb.lexicon import fold
from kb.titles import axe_by_words, named_among, own_words

# The four axes as the plan prints them, each with its title.
AXES = {axe: axe.partition(":")[2] for axe in (
    "Axe 1 : Développer la prévention à destination de tous",
    "Axe 2 : Offrir un parcours adapté et continu à l’usager",
    "Axe 3 : Renforcer les partenariats pour gagner en cohérence",
    "Axe 4 : Favoriser l’inclusion sociale et urbaine")}
PROGRAMMES = ["PACTE DE COHÉRENCE MÉTROPOLITAIN", "Programme Métropolitain d'Insertion pour l'Emploi"]


def test_own_words_leave_out_what_names_share() -> None:
    own = own_words(PROGRAMMES)
    assert "coherence" in own[PROGRAMMES[0]] and not own[PROGRAMMES[0]] & own[PROGRAMMES[1]]


def test_named_among_by_most_words_or_own_words() -> None:
    assert named_among("les fiches du pacte de cohérence", PROGRAMMES) == PROGRAMMES[0]
    assert named_among("programme métropolitain d'insertion pour l'emploi", PROGRAMMES) == PROGRAMMES[1]
    assert named_among("les fiches métropolitaines", PROGRAMMES) is None


@pytest.mark.parametrize(("question", "axe", "words"), [
    ("fiches de l'axe inclusion sociale", "Axe 4", "axe inclusion sociale"),
    ("axe prévention", "Axe 1", "axe prévention"),
    ("l'axe de la prévention pilotée par la DSDS", "Axe 1", "axe de la prévention"),
    ("les fiches de l'axe partenariats", "Axe 3", "axe partenariats"),
    ("AXE PARCOURS USAGER", "Axe 2", "AXE PARCOURS USAGER"),
])
def test_axe_by_the_words_after_it(question: str, axe: str, words: str) -> None:
    found = axe_by_words(fold(question), AXES)
    assert found is not None
    assert found[0].startswith(axe) and question[found[1]:found[2]] == words


@pytest.mark.parametrize("question", [
    "quel axe parle des usagers ?",  # a question about axes, not one of them
    "axe inclusion et partenariats",  # two axes' words
    "les axes du plan",
    "fiches de prévention",  # no "axe"
])
def test_axe_by_words_names_none(question: str) -> None:
    assert axe_by_words(fold(question), AXES) is None
