"""Units: the sentences and list items a passage is scored by, besides its own vector."""

from __future__ import annotations

from ingest.units import split_units


def test_sentences_and_items_with_short_pieces_joined() -> None:
    text = ("• Étudier l’opportunité de la mise en place d’un lieu d’accueil social commun :\n"
            "› Mener une étude sur les gains et la faisabilité d’un lieu d’accueil commun,\n"
            "› Élaborer une convention. Fin.")
    units = split_units(text)
    assert units[0].startswith("• Étudier l’opportunité") and units[0].endswith("commun :")
    assert units[-1].endswith("commun, › Élaborer une convention. Fin.")  # too short alone: joins the one before
    assert all(len(u.split()) >= 6 for u in units)


def test_a_short_passage_is_one_unit() -> None:
    assert split_units("CALENDRIER\n› 2017-2022") == ["CALENDRIER › 2017-2022"]
