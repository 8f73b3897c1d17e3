"""Questions that only name something (organisations, fiches, an axe), as a search box is typed, on the real corpus."""

from __future__ import annotations


def test_a_name_alone_lists_its_fiches_and_the_passages_naming_it(corpus_index) -> None:  # type: ignore[no-untyped-def]
    # Only fiche 1.2 names the SDMIS, in its partenaires line: a bare name is no question of metadata, so that
    # line comes before passages of other fiches, and the glossary line that spells the name out stays findable.
    for question in ("sdmis", "le Service Départemental et Métropolitain d'Incendie et de Secours"):
        answer = corpus_index.service.search(question, 5)
        assert answer["understood"]["bare"] == "names" and [f["number"] for f in answer["fiches"]] == ["1.2"]
        texts = [r["text"] for r in answer["results"][:2]]
        assert any(r["fiche"] == "1.2" and r["field"] == "partenaires" for r in answer["results"][:2]), texts
        assert any(r["fiche"] is None and "Incendie et de Secours" in r["text"] for r in answer["results"][:2]), texts
    # A name beside other words is still a passage question ("l'accueil en MDM", tests/kb/test_ranking.py).
    assert corpus_index.service.search("SDMIS et prévention", 5)["understood"]["bare"] is None


def test_a_fiche_number_alone_is_that_fiche_as_printed(corpus_index) -> None:  # type: ignore[no-untyped-def]
    answer = corpus_index.service.search("FA 41.2", 20)
    assert answer["understood"]["bare"] == "fiches"
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
    assert corpus_index.service.search("fiche 13 précarité", 5)["understood"]["bare"] is None
    assert corpus_index.service.search("calendrier de la fiche 13", 5)["understood"]["bare"] is None


def test_an_axe_alone_lists_its_fiches_beside_its_introduction(corpus_index) -> None:  # type: ignore[no-untyped-def]
    answer = corpus_index.service.search("axe 2", 5)
    assert answer["understood"]["bare"] == "axe"
    assert [f["number"] for f in answer["fiches"]] == ["27", "28.2", "31", "32", "33", "34", "41.2"]
    # The passages are not only the fiches': the axe's own introduction comes first.
    assert answer["results"][0]["fiche"] is None and answer["results"][0]["text"].startswith("AXE N°2")
