"""Partenaires outside the Métropole, read from the fiches' own partenaires fields and the plan's glossary."""

from __future__ import annotations

from kb.partners import outside_metropole


def test_only_the_metropoles_group_is_inside(plan) -> None:  # type: ignore[no-untyped-def]
    fiches, table = plan
    # "› Métropole : MDM, DR, DRH, Directions opérationnelles DDSHE" and nothing else.
    assert outside_metropole(fiches["62"].partenaires_text, table) == []
    # "Informatique et Communication", which the glossary does not know, is the fiche's Métropole service.
    assert outside_metropole(fiches["31"].partenaires_text, table) == []
    # "› Partenaires : UDCCAS, Communes / CCAS".
    assert outside_metropole(fiches["56"].partenaires_text, table) == ["UDCCAS", "Communes", "CCAS"]


def test_a_partner_the_glossary_files_as_one_is_outside_under_metropole(plan) -> None:  # type: ignore[no-untyped-def]
    fiches, table = plan
    # "› Métropole : DSDS, DE, DIE, DPDP, DR, DPU, Centres sociaux, médiathèques, MJC": the glossary's MJC.
    assert outside_metropole(fiches["32"].partenaires_text, table) == ["MJC"]


def test_a_group_without_label_and_an_inline_label_are_outside(plan) -> None:  # type: ignore[no-untyped-def]
    fiches, table = plan
    assert outside_metropole(fiches["1.2"].partenaires_text, table)[:2] == ["Communes", "UDCCAS"]
    # "… SEDD (Service Écologie et Développement Durable), Partenaires : Économie Sociale et Solidaire, …"
    assert outside_metropole(fiches["79"].partenaires_text, table) == [
        "Économie Sociale et Solidaire", "Banque alimentaire", "Associations"]
    # Commas inside brackets do not split a name.
    assert outside_metropole(fiches["80.2"].partenaires_text, table)[0] == \
        "Économie sociale et solidaire (Alterincub, Lecentsept et Rhonalpia)"
