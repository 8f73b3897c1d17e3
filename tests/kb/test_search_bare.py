"""Questions that are only a name or only a fiche's number, as typed in the search box, on the real corpus."""

from __future__ import annotations


def test_a_name_alone_lists_its_fiches_and_the_passages_naming_it(corpus_index) -> None:  # type: ignore[no-untyped-def]
    # Only fiche 1.2 names the SDMIS, in its partenaires line: a bare name is no question of metadata, so that
    # line comes before passages of other fiches, and the glossary line that spells the name out stays findable.
    for question in ("sdmis", "le Service Départemental et Métropolitain d'Incendie et de Secours"):
        answer = corpus_index.service.search(question, 5)
        assert answer["understood"]["names_only"] and [f["number"] for f in answer["fiches"]] == ["1.2"]
        texts = [r["text"] for r in answer["results"][:2]]
        assert any(r["fiche"] == "1.2" and r["field"] == "partenaires" for r in answer["results"][:2]), texts
        assert any(r["fiche"] is None and "Incendie et de Secours" in r["text"] for r in answer["results"][:2]), texts
    # A name beside other words is still a passage question ("l'accueil en MDM", tests/kb/test_ranking.py).
    assert not corpus_index.service.search("SDMIS et prévention", 5)["understood"]["names_only"]


def test_a_fiche_number_alone_is_that_fiche_as_printed(corpus_index) -> None:  # type: ignore[no-untyped-def]
    answer = corpus_index.service.search("FA 41.2", 20)
    assert answer["understood"]["fiche_only"]
    assert [f["number"] for f in answer["fiches"]] == ["41.2"]
    assert answer["fiches"][0]["citations"][0]["text"].startswith("Fiche 41.2 :")
    results = answer["results"]
    assert {r["fiche"] for r in results} == {"41.2"}
    # Every field of the fiche, its description before its metadata, each part in the order printed.
    fields = [r["field"] for r in results]
    assert {"contexte", "modalites", "objectifs", "pilotes", "partenaires", "calendrier", "indicateurs"} <= set(fields)
    assert fields.index("contexte") < fields.index("modalites") < fields.index("pilotes") < fields.index("indicateurs")
    both = corpus_index.service.search("fiches 13 et 56", 10)
    assert [f["number"] for f in both["fiches"]] == ["13", "56"]
    assert {r["fiche"] for r in both["results"][:4]} == {"13", "56"}
    # Words beside the number are searched for, within and beyond the fiche.
    assert not corpus_index.service.search("fiche 13 précarité", 5)["understood"]["fiche_only"]
    assert not corpus_index.service.search("calendrier de la fiche 13", 5)["understood"]["fiche_only"]
