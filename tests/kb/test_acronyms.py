"""A name and its initials, on lines of the développement social livret."""

from __future__ import annotations

from kb.acronyms import initials, name_starts, prints_acronym, prints_expansion
from kb.analyzer import terms


def test_a_long_name_has_initials() -> None:
    assert initials(["revenu", "solidarite", "active"]) == "RSA"
    assert initials(["conseil", "developpement"]) is None  # two words: too often something else


def test_an_acronym_printed_in_capitals_as_a_word() -> None:
    line = "Coordonner les aides allouées dans le cadre du Fonds de Solidarité pour le Logement (FSL), via une refonte"
    assert prints_acronym(line, "FSL") and not prints_acronym("les FSLA", "FSL")


def test_an_acronym_spelled_out_in_capitalised_words() -> None:
    assert prints_expansion("bénéficiaires du Revenu de Solidarité Active :", "RSA")
    assert not prints_expansion("renforcer la solidarité active des réseaux", "RSA")  # not capitalised
    assert not prints_expansion("Revenu de Solidarité Active", "R")
    # The start of a longer name is not the name: the PMIE's "Programme Métropolitain d'Insertion pour
    # l'Emploi" is no PMI (Protection Maternelle et Infantile, as fiches 12 and 70 print it).
    assert not prints_expansion("En lien avec le Programme Métropolitain d’Insertion pour l’Emploi, renforcer", "PMI")
    assert prints_expansion("Fonds de Solidarité pour le Logement (FSL)", "FSL")


def test_a_longer_name_cut_short_is_not_the_acronym() -> None:
    # Fiche 78 prints the PMIE's name without its end; the glossary's names say whose it is.
    line = "La Métropole a adopté le 10 décembre 2015 son Programme Métropolitain d’Insertion 2016-2020."
    pmie = tuple(terms("Programme Métropolitain d’Insertion et d’Emploi"))
    assert prints_expansion(line, "PMI")
    assert not prints_expansion(line, "PMI", name_starts({pmie}, 3))
    # A name of exactly the acronym's length is the acronym's own: it still counts.
    assert prints_expansion("bénéficiaires du Revenu de Solidarité Active", "RSA",
                            name_starts({tuple(terms("Revenu de Solidarité Active"))}, 3))
