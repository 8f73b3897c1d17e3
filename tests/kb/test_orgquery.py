"""Organisations in a question: which are named, the role asked of each, and how they combine."""

from __future__ import annotations

import pytest

from kb.orgquery import find_organisations
from kb.query import analyze


@pytest.fixture(scope="module")
def catalog(corpus_index):  # type: ignore[no-untyped-def]
    corpus_index.service.refresh()
    return corpus_index.service.catalog


@pytest.mark.parametrize(("question", "expected"), [
    ("Quelles fiches impliquent l'UDCCAS ?", ["UDCCAS"]),
    ("quelles fiches impliquent l'UDCAS", ["UDCCAS"]),  # one letter off
    ("dans quelles fiches la caisse d'allocations familiales est partenaire", ["CAF"]),
    # A long name typed with an inner word left out; its first and last words stay.
    ("Quelles fiches impliquent la Maison Départementale des Personnes Handicapées ?", ["MDMPH"]),
    ("fiches avec l'Union des Centres Communaux d'Action Sociale", ["UDCCAS"]),
    # A long name typed without the region it ends with.
    ("Quelles fiches impliquent la Direction régionale et départementale de la jeunesse, des sports et de la "
     "cohésion sociale ?", ["DRDJSCS"]),
    ("fiches avec le Pôle Ressources Formation en Action Sociale", ["PREFAS"]),
    # … or without the list in brackets it ends with.
    ("Quelles fiches action impliquent la Direction ressources ?", ["DR"]),
    # A long name whose end is typed as that end's acronym: the union of the CCAS, not a CCAS.
    ("quelles fiches impliquent l'union départementale des CCAS ?", ["UDCCAS"]),
    ("quelles fiches impliquent les CCAS ?", ["CCAS"]),
    ("Quelles fiches concernent les personnes âgées, personnes handicapées ?", []),
    # A name of two parts joined by "et", typed with the first only, if that part says what the body does.
    ("quelles fiches associent la Direction de l'Habitat ?", ["DHL"]),
    ("la chambre de commerce est-elle partenaire ?", ["CCI"]),
    ("fiches avec une direction régionale", []),
    ("fiches avec la maison départementale", []),
    # Right before a role, a lowercase acronym as common as "dr" is the name holding it; "de" never is.
    ("fiches dr partenaire", ["DR"]),
    ("le rôle de pilote de la DSDS", ["DSDS"]),
])
def test_names_found(catalog, question: str, expected: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert [o.id for o in find_organisations(question, catalog, listing=True)] == expected


@pytest.mark.parametrize(("question", "wanted", "combine", "excluded"), [
    ("Quelles fiches impliquent l'UDCCAS et l'ARS ?", ["UDCCAS", "ARS"], "all", []),
    ("Quelles fiches impliquent à la fois l'UDCCAS, l'ARS ?", ["UDCCAS", "ARS"], "all", []),
    ("Quelles fiches impliquent l'UDCCAS ou l'ARS ?", ["UDCCAS", "ARS"], "any", []),
    ("fiches avec la DSDS mais pas la DRTU", ["DSDS"], None, ["DRTU"]),
    ("Quelles fiches impliquent l'UDCCAS sans la DRTU ?", ["UDCCAS"], None, ["DRTU"]),
    ("Sans la DRTU, quelles fiches impliquent l'UDCCAS ?", ["UDCCAS"], None, ["DRTU"]),
    ("toutes les actions de l axe 2 sauf celles de la dsds", [], None, ["DSDS"]),
    # Every name ruled out: none is wanted, and the answer is the other fiches.
    ("les fiches sans la DRTU", [], None, ["DRTU"]),
    ("quelles fiches sans la DRTU ni la DSDS ?", [], None, ["DRTU", "DSDS"]),
    ("Quelles fiches ne sont pas pilotées par la DSDS ?", [], None, ["DSDS"]),
    ("fiches non pilotées par la DSDS", [], None, ["DSDS"]),
    # A name said absent after it; "n'est pas pilote" is a role asked in the negative instead.
    ("Liste des actions où la DRTU n'apparaît pas", [], None, ["DRTU"]),
    ("Quelles fiches où la CAF ne figure pas ?", [], None, ["CAF"]),
    ("fiches où l'UDCCAS n'est pas citée", [], None, ["UDCCAS"]),
    ("Quelles fiches où la DRTU n'est pas pilote ?", ["DRTU"], None, []),
    # A role held "with" another name: both hold it.
    ("Quelles fiches la DDSHE copilote-t-elle avec la DIE ?", ["DDSHE", "DIE"], "all", []),
    # Ruled out in other words.
    ("Quelles fiches ne font aucune mention des MDM ?", [], None, ["MDM"]),
    ("les fiches sur le logement sans que les CCAS soient cités", [], None, ["CCAS"]),
    ("fiches sur le numérique sans être pilotées par la DINSI", [], None, ["DINSI"]),
    # One acronym inside another is not it: "la DRH mais pas la DR".
    ("fiches avec la DRH mais pas la DR", ["DRH"], None, ["DR"]),
    ("fiches dr partenaire mais pas drh", ["DR"], None, ["DRH"]),
    # "et" inside a name in full joins nothing.
    ("Quelles actions sont pilotées par la Direction de l'Habitat et du Logement ?", ["DHL"], None, []),
])
def test_several_organisations(catalog, question: str, wanted: list[str], combine: str | None,  # type: ignore[no-untyped-def]
                               excluded: list[str]) -> None:
    u = analyze(question, catalog)
    assert ([o.id for o in u.organisations], u.combine, [o.id for o in u.excluded]) == (wanted, combine, excluded)


@pytest.mark.parametrize(("question", "roles"), [
    # Words other than "et" / "ou" between two names: a second condition, with its own role.
    ("Quelles fiches pilotées par la DSDS impliquent la CAF ?", {"DSDS": "pilote", "CAF": None}),
    ("Quelles fiches impliquant la CAF ont la DSDS pour pilote ?", {"CAF": None, "DSDS": "pilote"}),
    # A role right after a name is that name's.
    ("Quelles fiches ont l'UDCCAS comme partenaire et la DSDS comme pilote ?",
     {"UDCCAS": "partenaire", "DSDS": "pilote"}),
    ("Quelles fiches pilotées par la DSDS ont la CAF pour partenaire ?", {"DSDS": "pilote", "CAF": "partenaire"}),
    # "est partenaire" right after a name is that name's role, not the next one's.
    ("fiches où l'ARS est partenaire et la CAF pilote", {"ARS": "partenaire", "CAF": "pilote"}),
    ("Quelles fiches où la DSDS est pilote et l'UDCCAS partenaire ?", {"DSDS": "pilote", "UDCCAS": "partenaire"}),
    # Names joined by "et" share the role.
    ("Quelles fiches sont pilotées par l'UDCCAS et la DRTU ?", {}),
])
def test_each_organisation_its_role(catalog, question: str, roles: dict) -> None:  # type: ignore[no-untyped-def]
    u = analyze(question, catalog)
    assert u.org_roles == roles and u.combine == "all"


def test_the_udccas_is_not_a_ccas(catalog) -> None:  # type: ignore[no-untyped-def]
    question = "l'Union Départementale des Centres Communaux d'Action Sociale"
    ids = [o.id for o in analyze(question, catalog).organisations]
    assert ids == ["UDCCAS"]
