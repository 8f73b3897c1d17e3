"""Reflow on real seed text: hyphenated words, lines broken by the layout, blank lines mid-sentence."""

from __future__ import annotations

from ingest.reflow import join_hyphenated, reflow
from ingest.repair import repair_text
from tests.conftest import LIVRET2, LIVRET3, PMS, VEILLE


def test_hyphen_at_a_line_end_is_rejoined_when_the_word_exists() -> None:
    assert join_hyphenated("des dif-", "ficultés") == "des difficultés"
    assert join_hyphenated("Vaulx-", "en-Velin") == "Vaulx-en-Velin"
    assert join_hyphenated("co-", "formations") == "co-formations"
    assert join_hyphenated("Rapport - ", "x") is None


def test_a_blank_line_inside_a_sentence_is_removed() -> None:
    text = repair_text([PMS.read_text(encoding="utf-8")], paged=False).text
    assert "du rôle du Département dans la mise en œuvre des politiques" in text
    assert "pour l’accueil des femmes victimes de violence dans le cadre" in text


def test_layout_lines_of_a_livret_box_become_one_sentence() -> None:
    text = repair_text([LIVRET3.read_text(encoding="utf-8")], paged=False).text
    assert "30% des procédures de recrutement en lien avec le domaine des solidarités sont infructueuses." in text
    assert "d’un jardin partagé visant à créer du lien social" in text


def test_a_sentence_going_on_after_a_closing_bracket_is_one_paragraph() -> None:
    # Livret 2 names an example in a title-like line and describes it, in lower case, after a blank line.
    text = repair_text([LIVRET2.read_text(encoding="utf-8")], paged=False).text
    assert "pour l'Inclusion (GEPI) est une scène de gouvernance" in text
    # Not after a full stop, nor into a bullet point.
    assert reflow("Voir la fiche (p. 12).\n\nensuite") == "Voir la fiche (p. 12).\n\nensuite"
    assert "(MDM)\n" in reflow("Les Maisons de la Métropole (MDM)\n\n• accueil")


def test_labels_and_bullets_keep_their_own_lines() -> None:
    out = reflow("PILOTE(S)\n › Métropole (DSDS)\nPartenaires associés\n › Métropole : MDM, DHL,\nDR"
                 "\n\nINDICATEURS \nD’ÉVALUATION")
    assert out.split("\n\n") == ["PILOTE(S)", "› Métropole (DSDS)", "Partenaires associés",
                                 "› Métropole : MDM, DHL, DR", "INDICATEURS D’ÉVALUATION"]


def test_a_small_caps_title_is_not_glued_to_the_text_under_it() -> None:
    text = repair_text([VEILLE.read_text(encoding="utf-8")], paged=False).text
    assert "\n1 - LE TRAVAIL SOCIAL EST PRIS EN TENAILLE ENTRE LE « PRÉVENTIF » ET « LE CURATIF »\n" in text


def test_a_sentence_broken_before_a_quantity_is_one_sentence() -> None:
    text = repair_text([PMS.read_text(encoding="utf-8")], paged=False).text
    # A narrow column: "comptent / à elles seules / 25 406 ménages / reçus".
    assert "ces communes comptent à elles seules 25 406 ménages reçus, soit 46.2% de l’effectif total." in text
    assert "présenté en conseil des ministres le 21 octobre 2015." in text  # after a word no sentence ends with
    # A figure after a full line stands alone, and so does a numbered item, which opens with a capital.
    veille = repair_text([VEILLE.read_text(encoding="utf-8")], paged=False).text
    assert "la qualité de leur travail\n\n81 % des agents" in veille
    assert reflow("les projets phares\n2 Constituer un réseau") == "les projets phares\n2 Constituer un réseau"
