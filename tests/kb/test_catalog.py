"""The catalogue: organisations of each fiche with their roles, checked against the text."""

from __future__ import annotations

import pytest

from kb.catalog import fiche_sort_key
from kb.counting import Count
from kb.lexicon import fold


@pytest.fixture(scope="module")
def catalog(corpus_index):  # type: ignore[no-untyped-def]
    corpus_index.service.refresh()
    return corpus_index.service.catalog


def _numbers(matches) -> list[str]:  # type: ignore[no-untyped-def]
    return [m.fiche.number for m in matches]


def test_udccas_is_in_exactly_six_fiches_and_pilots_two(catalog) -> None:  # type: ignore[no-untyped-def]
    assert _numbers(catalog.by_organisation("UDCCAS")) == ["1.2", "28.2", "41.2", "55.2", "56", "57"]
    assert _numbers(catalog.by_organisation("UDCCAS", "pilote")) == ["56", "57"]
    roles = {m.fiche.number: m.roles for m in catalog.by_organisation("UDCCAS")}
    assert roles["55.2"] == ["partenaire", "mention"] and roles["56"] == ["pilote", "partenaire"]


def test_every_citation_names_the_organisation_with_its_page(catalog) -> None:  # type: ignore[no-untyped-def]
    for match in catalog.by_organisation("UDCCAS"):
        for cite in match.citations:
            assert "UDCCAS" in cite.citation and cite.page == match.fiche.field_pages.get(cite.field, cite.page)


@pytest.mark.parametrize(("org", "role", "expected"), [
    ("DINSI", "pilote", ["31", "32", "71"]),
    ("ARS", None, ["8.2", "41.2", "55.2", "79"]),
    ("DHL", "pilote", ["13", "67"]),
    ("CAF", None, ["13", "66.5", "79"]),
])
def test_roles_against_the_text(catalog, org: str, role: str | None, expected: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert _numbers(catalog.by_organisation(org, role)) == expected


def test_a_ccas_is_not_the_udccas(catalog) -> None:  # type: ignore[no-untyped-def]
    ccas = set(_numbers(catalog.by_organisation("CCAS")))
    assert "8.2" in ccas and "41.2" not in ccas and "28.2" not in ccas


def test_programmes_years_and_free_names(catalog) -> None:  # type: ignore[no-untyped-def]
    pmie = catalog.programme_named("Programme Métropolitain d'Insertion pour l'Emploi")
    assert _numbers(catalog.by_programme(pmie)) == ["1.2", "28.2", "31", "32", "33", "41.2", "64", "70", "71", "78"]
    assert _numbers(catalog.by_years(2018, "end")) == ["13", "41.2", "55.2", "56", "57"]
    assert _numbers(catalog.by_text([["soliha"]])) == ["13"]


def test_a_programme_named_by_its_own_words(catalog) -> None:  # type: ignore[no-untyped-def]
    # "métropolitain" is in both programmes' names: "pacte de cohérence" is enough to name the first.
    assert catalog.programme_named("les fiches du pacte de cohérence") == "PACTE DE COHÉRENCE MÉTROPOLITAIN"
    assert catalog.programme_named("les fiches sur l'insertion") is None


def test_axes(catalog) -> None:  # type: ignore[no-untyped-def]
    assert [a.partition(" :")[0] for a in catalog.axes] == ["Axe 1", "Axe 2", "Axe 3", "Axe 4"]
    axe = catalog.axe_named("l'axe n° 1")
    assert axe == catalog.axe_named("axe développer la prévention à destination de tous")
    fiches = catalog.by_axe(axe)
    assert _numbers(fiches) == ["1.2", "8.2", "12", "13"]
    assert all(m.citations[0].citation == axe and m.citations[0].page == m.fiche.page for m in fiches)
    assert catalog.axe_named("l'axe 9") is None and catalog.axe_named("les axes du plan") is None


def test_a_document_named_by_its_numbered_title(catalog) -> None:  # type: ignore[no-untyped-def]
    assert catalog.document_named("les projets phares de l'engagement 3") == "engagement-3-pouvoir-agir-professionnels"
    assert catalog.document_named("Engagement n° 2 : les ambitions") == "engagement-2-pouvoir-agir-personnes"
    # The OCR copy of engagement 3 is an alternate: the clean version is the one named.
    assert catalog.document_named("l'engagement 7") is None and catalog.document_named("les engagements") is None


def test_a_name_of_several_words_is_read_as_a_phrase(catalog) -> None:  # type: ignore[no-untyped-def]
    # Fiche 1.2 has "conseil" and "développement" on different lines: it does not name the Conseil de développement.
    assert _numbers(catalog.by_text([["conseil", "developpement"]])) == ["28.2", "70", "71"]
    # Words no line prints together: a fiche counts when one of its lines holds them all.
    assert "1.2" in _numbers(catalog.by_text([["isolement", "agee"]]))


def test_a_phrase_printed_nowhere_is_named_by_the_acronym_standing_for_it(catalog) -> None:  # type: ignore[no-untyped-def]
    # No fiche prints "santé mentale"; fiche 8.2's partenaires name the CLSM (Conseils Locaux de Santé Mentale).
    found = catalog.by_text([["sante", "mentale"]])
    assert _numbers(found) == ["8.2"] and "CLSM" in found[0].citations[0].citation
    # A phrase fiches print is read as printed: the DSDS (Direction Santé et Développement Social) pilots many
    # fiches, which are not all about "développement social".
    assert _numbers(catalog.by_text([["developpement", "social"]])) == ["67", "79"]


def test_a_cited_line_proves_the_whole_name(catalog) -> None:  # type: ignore[no-untyped-def]
    # Fiche 78 prints "Pôle PAPH" on one line and "emploi" on others: it does not name Pôle emploi.
    assert catalog.by_text([["pole", "emploi"]]) == []
    # Notions the question joins with "et" may be named on different lines, and each is cited.
    both = catalog.by_text([["logement"], ["sante"]])
    assert set(_numbers(catalog.by_text([["logement", "sante"]]))) < set(_numbers(both))
    # Unless a fiche prints them as one name: "Économie Sociale et Solidaire" is one.
    ess = catalog.by_text([["economie", "sociale"], ["solidaire"]])
    assert _numbers(ess) == ["79", "80.2"]
    assert all(all("economie sociale et solidaire" in fold(c.citation) for c in m.citations) for m in ess)
    for match in both:
        cited = fold(" ".join(c.citation for c in match.citations))
        assert "logement" in cited and "sante" in cited  # fiche 1.2 prints "Bus Info Sante"


def test_a_name_in_a_role_is_read_in_that_field_only(catalog) -> None:  # type: ignore[no-untyped-def]
    # Fiches 8.2 and 78 name the bailleurs sociaux in their text, not among their partenaires.
    assert _numbers(catalog.by_text([["bailleur", "social"]])) == ["1.2", "8.2", "13", "78"]
    partner = catalog.by_text([["bailleur", "social"]], "partenaire")
    assert _numbers(partner) == ["1.2", "13"]
    assert all(c.field == "partenaires" for m in partner for c in m.citations)
    # Fiche 66.5 says "éducation" and, elsewhere, "nationale": it does not name the Éducation nationale.
    assert _numbers(catalog.by_text([["education", "nationale"]])) == ["41.2", "55.2"]


def test_the_state_is_not_a_state_of_affairs(catalog) -> None:  # type: ignore[no-untyped-def]
    # Fiches 1.2, 8.2, 27 and 41.2 plan an "état des lieux"; only fiche 12 names the State ("pilotées par l'état").
    assert _numbers(catalog.by_text([["etat"]])) == ["12"]
    assert _numbers(catalog.by_text([["etat", "lieu"]])) == ["1.2", "8.2", "27", "41.2"]


def test_a_service_is_listed_by_its_own_word_among_the_names(catalog) -> None:  # type: ignore[no-untyped-def]
    # Fiches 27 and 71 print "Direction de la communication"; 31 lists "Informatique et Communication" and 34
    # "Communication" among the Métropole's partenaires. 28.2 and 70 only speak of communication.
    found = catalog.by_text([["direction", "communication"]])
    assert _numbers(found) == ["27", "31", "34", "71"]
    assert all(m.citations[0].field == "partenaires" for m in found)


def test_an_acronym_printed_as_a_name(catalog) -> None:  # type: ignore[no-untyped-def]
    # Fiche 13 lists "Bailleurs sociaux, Anah," among its partenaires: the ANAH of the glossary.
    fiche = catalog.fiche("13")
    assert fiche and "ANAH" in {m.org for m in fiche.organisations}
    # Short and a French word, it stays a word: "Pass" is not the PASS.
    assert [h.org for h in catalog.table.find("Pass culture et PASS")] == ["PASS"]


def test_a_name_the_plan_prints_one_letter_off(catalog) -> None:  # type: ignore[no-untyped-def]
    # Fiche 32 prints "EMAUS connect"; a word of four letters is not stretched ("cpam" is named nowhere).
    assert _numbers(catalog.by_text([["emmaus", "connect"]])) == ["32"]
    assert catalog.by_text([["cpam"]]) == []


def test_fiches_are_ordered_as_printed() -> None:
    assert sorted(["12", "1.2", "80.2", "8.2", "66.5"], key=fiche_sort_key) == ["1.2", "8.2", "12", "66.5", "80.2"]


def test_an_acronym_printed_with_a_letter_missing(catalog) -> None:  # type: ignore[no-untyped-def]
    # Fiche 78 prints "ESMS" for the ESSMS, fiche 57 "DDSH" for the DDSHE, fiche 63.2 "DRJSCS" for the DRDJSCS.
    for number, oid in (("78", "ESSMS"), ("57", "DDSHE"), ("63.2", "DRDJSCS")):
        fiche = catalog.fiche(number)
        assert fiche and oid in {m.org for m in fiche.organisations}, (number, oid)
    # Only in capitals, and only where one acronym is that near: "esms" in running text is nothing.
    assert [h.org for h in catalog.table.find("les ESMS et les esms")] == ["ESSMS"]


def test_fiches_without_a_partner_outside_the_metropole(catalog) -> None:  # type: ignore[no-untyped-def]
    found = catalog.by_count(Count("exterieurs", "eq", 0))
    assert [m.fiche.number for m in found] == ["31", "62"]
    # Each is proved by its partenaires, all of the Métropole.
    assert all(m.citations[0].citation.startswith("Partenaires associés : Métropole :") for m in found)
    assert len(catalog.by_count(Count("exterieurs", "gt", 0))) == len(catalog.fiches) - 2


def test_indicateurs_and_objectifs_are_counted_by_their_items(catalog) -> None:  # type: ignore[no-untyped-def]
    # Every fiche lists indicateurs; 8.2 lists six, one per "›" line, cited as one line.
    assert catalog.by_count(Count("indicateurs", "eq", 0)) == []
    most = catalog.by_count(Count("indicateurs", "most"))
    assert [m.fiche.number for m in most] == ["8.2"]
    assert len(most[0].citations[0].citation.split(" › ")) == 6
    # 63.2 alone has a single objectif.
    assert [m.fiche.number for m in catalog.by_count(Count("objectifs", "eq", 1))] == ["63.2"]
