"""Structure-aware ranking on the real corpus: title pages, fiche metadata, and the fiche a field question is about."""

from __future__ import annotations

from kb.models import DocumentType, Passage
from kb.ranking import headings_only


def passage(text: str, section: list[str]) -> Passage:
    return Passage(id="p", doc_id="veille", doc_title="Veille stratégique", doc_type=DocumentType.VEILLE, rev="r",
                   ordinal=0, text=text, start=0, end=len(text), section=section)


def test_a_title_page_says_nothing_beyond_its_headings() -> None:
    title = "VEILLE STRATÉGIQUE - SYNTHÈSE POUR LES ÉLUS"
    assert headings_only(passage(f"{title}\n\nSeptembre 2018", [title]))
    assert headings_only(passage("12,33%\n\n16,75%", ["Les chiffres clés du service social métropolitain"]))
    # A heading with a line of its own says something: an orientation of the engagement 2 livret.
    assert not headings_only(passage("Orientations\n\nOuvrir des espaces de participation aux personnes concernées",
                                     ["Développer la participation des personnes concernées", "Orientations"]))
    assert not headings_only(passage("Les jeunes ne sont que 16 % à s’engager formellement.", [title]))


def test_the_title_page_does_not_answer_questions_on_the_veille(corpus_index) -> None:  # type: ignore[no-untyped-def]
    for question in ("que dit la veille sur le bénévolat", "la veille stratégique parle-t-elle du vieillissement ?"):
        results = corpus_index.service.search(question, 5)["results"]
        assert results and all(not r["text"].startswith("VEILLE STRATÉGIQUE - SYNTHÈSE") for r in results)


def test_a_name_asked_of_no_field_finds_the_action_before_the_pilotes_line(corpus_index) -> None:  # type: ignore[no-untyped-def]
    # Fiche 57's pilotes line ("Métropole : MDM / UDCCAS / DRTU (DTP)") is a few names: BM25 scores it high
    # for any question naming the MDM, which asks here how the quality of their accueil is assessed.
    results = corpus_index.service.search("comment savoir si l'accueil en MDM est de bonne qualité ?", 5)["results"]
    assert results[0]["field"] not in ("pilotes", "partenaires")
    assert "Évaluer l’accueil et l’accompagnement social" in results[0]["text"]



def test_the_action_a_field_question_names_by_its_subject(corpus_index) -> None:  # type: ignore[no-untyped-def]
    # "calendrier" and "action" found fiche 33's calendrier and the veille on bénévolat first: the fiche on
    # bénévolat is 71.
    for question in ("le calendrier de l'action sur le bénévolat", "calendrier de la fiche sur le bénévolat"):
        first = corpus_index.service.search(question, 5)["results"][0]
        assert (first["fiche"], first["field"]) == ("71", "calendrier")
