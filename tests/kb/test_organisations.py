"""The organisation table: acronyms only the fiches print become organisations too."""

from __future__ import annotations

from kb.organisations import printed_entries


def test_an_acronym_printed_alone_is_an_organisation(plan) -> None:  # type: ignore[no-untyped-def]
    fiches, table = plan
    # "› Métropole : MDM, DR, DRH, Directions opérationnelles DDSHE": the glossary knows all but the DRH.
    assert [(e.acronym, e.name) for e in printed_entries(fiches["62"].partenaires, table)] == [("DRH", "DRH")]


def test_an_acronym_spelled_out_in_brackets_is_named_by_them(plan) -> None:  # type: ignore[no-untyped-def]
    fiches, table = plan
    # "DP (Direction de la Propreté) et SEDD (Service Écologie et Développement Durable)".
    assert [(e.acronym, e.name) for e in printed_entries(fiches["79"].partenaires, table)] == [
        ("DP", "Direction de la Propreté"), ("SEDD", "Service Écologie et Développement Durable")]


def test_what_is_no_acronym_of_its_own_is_left(plan) -> None:  # type: ignore[no-untyped-def]
    _, table = plan
    # Brackets that are not the acronym's words; a name printed a letter short (the DDSHE's); a name that
    # only begins with capitals; an acronym the glossary has.
    items = ["EM (Social Impact weekend)", "DDSH", "SOS Médecins", "UDCCAS", "Communes"]
    assert printed_entries(items, table) == []


def test_the_catalogue_finds_them_in_the_fiches(corpus_index) -> None:  # type: ignore[no-untyped-def]
    corpus_index.service.refresh()
    catalog = corpus_index.service.catalog
    assert [m.fiche.number for m in catalog.by_organisation("DRH", "partenaire")] == ["62", "64"]
    assert catalog.table.resolve("Direction de la Propreté") == "DP"
