"""What a list question with no known name is about, read without a catalogue."""

from __future__ import annotations

from kb.analyzer import terms
from kb.entity import (
    field_after_fiches,
    list_entity,
    names_common_noun,
    notion_before,
    notion_beside,
    without_words,
)
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
    # The plan itself is no notion: every fiche is its; a plan of something else is one.
    assert list_entity("combien de fiches action compte le plan ?") == ([], [])
    assert list_entity("liste des fiches du Projet Métropolitain des Solidarités") == ([], [])
    assert list_entity("quelles fiches parlent du plan national ?")[0] == ["plan", "national"]
    # What the fiches do is no part of what they are about.
    assert list_entity("Quelles fiches cherchent des financements européens ?")[0] == ["financement", "europeen"]
    assert list_entity("Dans quelles fiches est-il prévu de recourir à des services civiques ?")[0] == ["civique"]


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


def test_a_service_keeps_its_head_before_its_name() -> None:
    # "la direction du sport" names a service: the fiches must print both words (or list the service).
    assert list_entity("quelles fiches associent la direction du sport ?")[0] == ["direction", "sport"]
    assert list_entity("fiches avec la Direction de la communication")[0] == ["direction", "communication"]
    # Without "de", the head is a plain noun: "le service social" is what the fiches say about social work.
    assert list_entity("fiches qui mentionnent le service social")[0] == ["social"]


def test_a_name_that_is_also_a_common_noun() -> None:
    assert names_common_noun("› Réaliser un état des lieux des outils de repérage", "etat")
    assert names_common_noun("Cet état de fait peut rendre la prise en charge", "etat")
    assert not names_common_noun("instances de réflexion pilotées par l’état via la direction régionale", "etat")
    # Once the State, always the State, even beside a "état des lieux".
    assert not names_common_noun("l'État et un état des lieux", "etat")
    assert not names_common_noun("un état des lieux du logement", "logement")


def test_a_notion_beside_other_conditions_is_what_a_topic_word_introduces() -> None:
    assert notion_beside("fiches de l'axe 2 qui parlent du numérique", None) == (["numerique"], [])
    assert notion_beside("fiches en cours en 2019 sur l'isolement", None) == (["isolement"], [])
    assert notion_beside("combien de fiches axe 4 avec le conseil de dev", None) == (["conseil", "dev"], [])
    # The conditions' own words are no notion, nor are the axe's title words.
    assert notion_beside("fiches avec exactement 3 pilotes", None) == ([], [])
    assert notion_beside("les fiches actives sur toute la durée du plan", None) == ([], [])
    axe = "Axe 4 : Favoriser l'inclusion sociale"
    assert notion_beside("les fiches de l'axe sur l'inclusion sociale", axe) == ([], [])
    # Without a topic word, the other words belong to the conditions: "fiches qui se terminent en 2018".
    assert notion_beside("quelles fiches se terminent le plus tôt ?", None) == ([], [])
    # Typed as keywords, with no name asked: the words right after "fiches", up to the next clause.
    assert notion_beside("fiches numerique qui demarrent en 2018", None, typed=True) == (["numerique"], [])
    assert notion_beside("fiches communes axe 3", None, typed=True) == (["commune"], [])
    assert notion_beside("Quelles fiches de l'axe 2 ont plusieurs pilotes ?", None, typed=True) == ([], [])
    assert notion_beside("fiches numerique qui demarrent en 2018", None) == ([], [])  # beside a name: its role


def test_a_notion_before_the_first_name() -> None:
    assert notion_before("fiches pilotées par le développement durable ou la ") == (["developpement", "durable"], True)
    assert notion_before("quelles fiches sur le logement et la ") == (["logement"], False)
    # "où" is no "ou"; a frame or a generic noun alone is no notion.
    assert notion_before("quels sont les projets où la ")[0] == []
    assert notion_before("fiches ou la ")[0] == []
    assert notion_before("quelles fiches impliquent la ") == ([], False)
