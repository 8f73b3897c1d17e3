"""What a list question with no known name is about, read without a catalogue."""

from __future__ import annotations

from kb.analyzer import terms
from kb.entity import field_after_fiches, list_entity, without_words
from kb.lexicon import fold


def test_the_words_that_frame_a_list_are_not_what_it_is_about() -> None:
    assert list_entity("Quelles fiches concernent les personnes âgées ?") == (["personne", "agee"], [])
    # Notions joined by "et" are groups, each to be named.
    assert list_entity("les fiches sur le logement et la santé") == (["logement", "sante"], [["logement"], ["sante"]])
    # A generic noun counts only when nothing more specific is named.
    assert list_entity("fiches impliquant l'association Soliha")[0] == ["soliha"]
    assert list_entity("fiches impliquant des associations")[0] == ["association"]
    # Asked politely: the courtesy is not the topic.
    assert list_entity("je voudrais les fiches sur la prévention")[0] == ["prevention"]
    assert list_entity("quelles fiches parlent de recherche ?")[0] == ["recherche"]


def test_a_field_named_after_fiches() -> None:
    found = field_after_fiches(fold("quelles fiches ont des indicateurs d'évaluation sur les usagers ?"))
    assert found is not None and found[0] == "indicateurs" and found[1].group(0) == "indicateurs d'evaluation"
    objectifs = field_after_fiches(fold("fiches dont les objectifs opérationnels portent sur le numérique"))
    assert objectifs is not None and objectifs[0] == "objectifs"
    # Before "fiches", a field is what to show of them, not where to look.
    assert field_after_fiches(fold("les objectifs des fiches sur le logement")) is None
    assert field_after_fiches(fold("quelles fiches concernent le logement ?")) is None


def test_a_fields_own_words_leave_the_entity() -> None:
    entity, groups = list_entity("fiches avec des modalités de mise en œuvre sur le numérique et la santé")
    assert without_words(entity, groups, terms("modalités de mise en œuvre")) == (
        ["numerique", "sante"], [["numerique"], ["sante"]])
