"""Search on the real corpus: the contract, structured answers, collapsing, field questions."""

from __future__ import annotations

import pytest

from kb.errors import InvalidQuery
from kb.ranking import FICHE_BOOST, FIELD_BOOST
from tests.conftest import Index


def numbers(index: Index, question: str) -> list[str]:
    """The numbers of the fiches the search lists for `question`."""
    return [f["number"] for f in index.service.search(question, 10)["fiches"]]


def test_the_answer_follows_the_contract(corpus_index) -> None:  # type: ignore[no-untyped-def]
    answer = corpus_index.service.search("precarite energetique menages", 5)
    assert set(answer) >= {"query", "understood", "results", "fiches", "took_ms"}
    assert answer["fiches"] == [] and 0 < len(answer["results"]) <= 5
    for res in answer["results"]:
        assert set(res) >= {"text", "highlights", "document", "page", "section", "fiche", "score"}
        assert set(res["document"]) >= {"id", "title", "type"}
        for start, end in res["highlights"]:
            assert 0 <= start < end <= len(res["text"])
    marked = answer["results"][0]
    assert any("énerg" in marked["text"][a:b].lower() for a, b in marked["highlights"])


def test_which_fiches_involve_the_udccas(corpus_index) -> None:  # type: ignore[no-untyped-def]
    answer = corpus_index.service.search("Quelles fiches impliquent l'UDCCAS ?", 10)
    assert [f["number"] for f in answer["fiches"]] == ["1.2", "28.2", "41.2", "55.2", "56", "57"]
    assert all(f["citations"] and "UDCCAS" in f["citations"][0]["text"] for f in answer["fiches"])
    assert {r["fiche"] for r in answer["results"]} <= {"1.2", "28.2", "41.2", "55.2", "56", "57"}


@pytest.mark.parametrize("question", [
    "liste des fiches où apparaît l'UDCCAS", "Quels projets impliquent l'UDCCAS ?", "fiches avec l'UDCCAS",
    "fiches UDCCAS", "Quelles fiches mobilisent l'UDCCAS ?",
    "Dans quelles actions intervient l'Union Départementale des Centres Communaux d'Action Sociale ?"])
def test_a_list_asked_otherwise_is_the_same_list(corpus_index, question: str) -> None:  # type: ignore[no-untyped-def]
    answer = corpus_index.service.search(question, 10)
    assert [f["number"] for f in answer["fiches"]] == ["1.2", "28.2", "41.2", "55.2", "56", "57"]


def test_an_axe_lists_its_fiches_or_narrows_a_list(corpus_index) -> None:  # type: ignore[no-untyped-def]
    answer = corpus_index.service.search("Quelles fiches relèvent de l'axe 2 ?", 10)
    assert [f["number"] for f in answer["fiches"]] == ["27", "28.2", "31", "32", "33", "34", "41.2"]
    assert all(f["citations"][0]["text"].startswith("Axe 2 : ") and f["roles"] == [] for f in answer["fiches"])
    assert {r["fiche"] for r in answer["results"]} <= {f["number"] for f in answer["fiches"]}
    narrowed = corpus_index.service.search("Quelles fiches de l'axe 3 impliquent la DRTU ?", 10)
    assert [f["number"] for f in narrowed["fiches"]] == ["55.2", "56", "57"]  # not 27, 31, 34 (other axes)
    assert corpus_index.service.search("Quelles fiches de l'axe 1 impliquent la DINSI ?", 10)["fiches"] == []


@pytest.mark.parametrize("question", ["liste des fiches", "Combien y a-t-il de fiches action au total ?",
                                      "combien de fiches compte le PMS ?"])
def test_a_list_without_condition_is_every_fiche(corpus_index, question: str) -> None:  # type: ignore[no-untyped-def]
    answer = corpus_index.service.search(question, 10)
    catalog = corpus_index.service.catalog
    assert [f["number"] for f in answer["fiches"]] == [f.number for f in catalog.fiches] and len(catalog.fiches) == 24
    assert all(f["citations"][0]["text"] == f"Fiche {f['number']} : {f['title']}" for f in answer["fiches"])


def test_who_pilots_the_most_fiches(corpus_index) -> None:  # type: ignore[no-untyped-def]
    answer = corpus_index.service.search("Quelles organisations pilotent le plus de fiches ?", 10)
    ranked = answer["organisations"]
    assert answer["fiches"] == [] and ranked[0]["fiche_count"] == 12
    assert {r["id"] for r in ranked[:2]} == {"DDSHE", "DSDS"}
    counts = [r["fiche_count"] for r in ranked]
    assert counts == sorted(counts, reverse=True) and min(counts) >= 1
    # Each count is the organisation's list of fiches as a pilote: the same list a "which fiches" question gives.
    dsds = next(r for r in ranked if r["id"] == "DSDS")
    listed = corpus_index.service.search("Quelles fiches sont pilotées par la DSDS ?", 10)["fiches"]
    assert dsds["fiches"] == [f["number"] for f in listed]
    assert corpus_index.service.search("qui pilote la fiche 13 ?", 5)["organisations"] == []


def test_fiches_with_more_than_one_pilote(corpus_index) -> None:  # type: ignore[no-untyped-def]
    answer = corpus_index.service.search("Quelles fiches ont plusieurs pilotes ?", 10)
    catalog = corpus_index.service.catalog
    assert [f["number"] for f in answer["fiches"]] == [f.number for f in catalog.fiches if len(f.pilotes) > 1]
    assert "13" not in {f["number"] for f in answer["fiches"]}  # "Métropole (DHL)" alone
    assert all(f["citations"][0]["text"].startswith("Pilote(s) : ") for f in answer["fiches"])
    single = corpus_index.service.search("Dans quelles fiches la Métropole est-elle seule pilote ?", 10)["fiches"]
    assert [f["number"] for f in single] == [f.number for f in catalog.fiches if len(f.pilotes) == 1]
    dsds = corpus_index.service.search("Quelles fiches co-pilotées par la DSDS ?", 10)
    assert [f["number"] for f in dsds["fiches"]] == ["12", "27", "55.2", "63.2", "71"]
    # The DSDS's other seven, which it pilots alone.
    assert numbers(corpus_index, "quelles fiches sont pilotées uniquement par la DSDS ?") == \
        ["1.2", "8.2", "33", "41.2", "62", "64", "66.5"]


def test_fiches_by_how_long_they_run(corpus_index) -> None:  # type: ignore[no-untyped-def]
    corpus_index.service.refresh()
    fiches = [f for f in corpus_index.service.catalog.fiches if f.years]
    # Calendar years of the calendrier: "2017-2018" runs two, "2018" one.
    assert numbers(corpus_index, "quelles fiches durent plus de trois ans ?") == \
        [f.number for f in fiches if max(f.years) - min(f.years) + 1 > 3]
    assert numbers(corpus_index, "quelle est la fiche la plus courte ?") == ["41.2"]
    earliest = min(max(f.years) for f in fiches)
    ending_first = [f.number for f in fiches if max(f.years) == earliest]
    assert numbers(corpus_index, "quelles fiches se terminent le plus tôt ?") == ending_first
    answer = corpus_index.service.search("quelles fiches se terminent le plus tôt ?", 5)
    assert answer["results"][0]["field"] == "calendrier"
    assert all(f["citations"][0]["text"].startswith("Calendrier : ") for f in answer["fiches"])


def test_a_list_looked_for_in_one_field(corpus_index) -> None:  # type: ignore[no-untyped-def]
    answer = corpus_index.service.search("quelles fiches ont des indicateurs sur le nombre de bénévoles ?", 10)
    # Fiche 71 counts its bénévoles; other fiches print "bénévoles" elsewhere, not in their indicateurs.
    assert [f["number"] for f in answer["fiches"]] == ["71"]
    assert answer["fiches"][0]["citations"][0]["text"] == "Indicateurs d'évaluation : Nombre de bénévoles impliqués"
    first = answer["results"][0]
    assert first["fiche"] == "71" and first["section"].endswith("Indicateurs d'évaluation")
    # Fiches naming usagers in their indicateurs, among the many that name them somewhere.
    fiches = corpus_index.service.catalog.fiches
    scoped = corpus_index.service.search("quelles fiches ont des indicateurs sur les usagers ?", 10)["fiches"]
    anywhere = corpus_index.service.search("quelles fiches parlent des usagers ?", 10)["fiches"]
    assert [f["number"] for f in scoped] == [f.number for f in fiches if "usager" in f.indicateurs.lower()]
    assert 0 < len(scoped) < len(anywhere)
    assert all(c["field"] == "indicateurs" for f in scoped for c in f["citations"])


def test_fiches_by_how_many_pilotes_or_partenaires(corpus_index) -> None:  # type: ignore[no-untyped-def]
    corpus_index.service.refresh()
    fiches = corpus_index.service.catalog.fiches
    assert numbers(corpus_index, "quelles fiches ont plus de deux pilotes ?") == \
        [f.number for f in fiches if len(f.pilotes) > 2]
    assert "12" in numbers(corpus_index, "quelles fiches ont plus de deux pilotes ?")  # "Métropole (DSDS/ DPE / DPMI)"
    # The passages that prove the count come first, not fiche 71's "Deux évènements grand public".
    passages = corpus_index.service.search("quelles fiches ont plus de deux pilotes ?", 5)["results"]
    assert all(r["field"] == "pilotes" for r in passages[:3])
    most = max(len(f.partenaires) for f in fiches)
    answer = corpus_index.service.search("Quelle fiche a le plus de partenaires ?", 10)["fiches"]
    assert [f["number"] for f in answer] == [f.number for f in fiches if len(f.partenaires) == most] == ["8.2"]
    assert answer[0]["citations"][0]["text"].startswith("Partenaires associés : Métropole : MDM")
    # Every fiche lists partenaires: none answers, where a role asked in the negative listed all 24.
    assert numbers(corpus_index, "quelles fiches n’ont pas de partenaires ?") == []
    assert numbers(corpus_index, "fiches pilotées par la DSDS avec plus de 10 partenaires") == ["1.2", "8.2"]
    # The most of the fiches the other conditions keep: of axe 4's, not of the whole plan's.
    axe4 = [f for f in fiches if f.axe and f.axe.startswith("Axe 4")]
    most = max(len(f.partenaires) for f in axe4)
    assert numbers(corpus_index, "quelle fiche de l'axe 4 a le plus de partenaires ?") == \
        [f.number for f in axe4 if len(f.partenaires) == most] == ["70"]


def test_every_condition_of_a_list_holds_and_is_cited(corpus_index) -> None:  # type: ignore[no-untyped-def]
    def fiches(question: str) -> list[dict]:
        return corpus_index.service.search(question, 10)["fiches"]

    started = fiches("fiches pilotées par la DSDS qui démarrent en 2018")
    assert [f["number"] for f in started] == ["41.2", "71"]  # the DSDS pilots 12 fiches; these two start in 2018
    for fiche in started:
        assert {c["field"] for c in fiche["citations"]} == {"pilotes", "calendrier"} and fiche["roles"] == ["pilote"]
    assert [f["number"] for f in fiches("Quelles actions du PMIE se terminent en 2020 ?")] == ["78"]
    assert fiches("Quelles fiches impliquant la CAF se terminent en 2020 ?") == []
    # Before a year is strictly before it; a role right after a name is that name's.
    ended = fiches("Quelles fiches se terminent avant 2020 ?")
    assert [f["number"] for f in ended] == ["13", "41.2", "55.2", "56", "57"]
    spanned = fiches("Quelles fiches se terminent entre 2019 et 2021 ?")
    assert [f["number"] for f in spanned] == ["62", "63.2", "71", "78"]
    # "d'ici" includes the year; a start and an end year both hold.
    assert [f["number"] for f in fiches("Quelles fiches seront achevées d'ici 2020 ?")] == \
        ["13", "41.2", "55.2", "56", "57", "78"]
    assert [f["number"] for f in fiches("fiches lancées en 2017 et terminées en 2018")] == ["13", "55.2", "56", "57"]
    whole = [f.number for f in corpus_index.service.catalog.fiches
             if f.years and (min(f.years), max(f.years)) == (2017, 2022)]
    assert len(whole) == 14
    assert [f["number"] for f in fiches("Quelles fiches couvrent toute la durée du plan ?")] == whole
    assert [f["number"] for f in fiches("Quelles fiches ont l'UDCCAS comme partenaire et la DSDS comme pilote ?")] == \
        ["1.2", "41.2", "55.2"]


def test_organisations_together_either_or_ruled_out(corpus_index) -> None:  # type: ignore[no-untyped-def]
    both = corpus_index.service.search("Quelles fiches impliquent l'UDCCAS et l'ARS ?", 10)["fiches"]
    assert [f["number"] for f in both] == ["41.2", "55.2"]
    # Each fiche proves both names; a line that prints both is cited once.
    for fiche in both:
        lines = [c["text"] for c in fiche["citations"]]
        assert all(any(name in line for line in lines) for name in ("UDCCAS", "ARS")) and len(set(lines)) == len(lines)
    assert len(both[0]["citations"]) == 1  # 41.2: "Partenaires : ARS, …, UDCCAS, …"
    assert numbers(corpus_index, "Quelles fiches impliquent l'UDCCAS ou l'ARS ?") == \
        ["1.2", "8.2", "28.2", "41.2", "55.2", "56", "57", "79"]
    assert numbers(corpus_index, "Quelles fiches impliquent l'UDCCAS sans la DRTU ?") == ["1.2", "28.2", "41.2"]
    assert numbers(corpus_index, "Quelles fiches sont pilotées par l'UDCCAS et la DRTU ?") == ["56", "57"]
    # The DRTU is named in six fiches and pilots two of them (56, 57).
    assert numbers(corpus_index, "Dans quelles fiches la DRTU est-elle partenaire mais pas pilote ?") == \
        ["27", "31", "34", "55.2"]
    assert numbers(corpus_index, "fiches où la CAF n'est pas pilote") == ["13", "66.5", "79"]
    # The DRH, which only the partenaires lines print (62 and 64), beside the DR (62 among its ten).
    assert numbers(corpus_index, "fiches avec la DRH mais pas la DR") == ["64"]
    assert numbers(corpus_index, "fiches avec la DRH et la DR") == ["62"]
    # Every name ruled out: the other fiches, each cited by who it involves (not the DRTU).
    without = corpus_index.service.search("les fiches sans la DRTU", 10)["fiches"]
    assert len(without) == len(corpus_index.service.catalog.fiches) - 6
    assert not {"27", "31", "34", "55.2", "56", "57"} & {f["number"] for f in without}
    for fiche in without:
        assert fiche["citations"] and all("DRTU" not in c["text"] for c in fiche["citations"])
        assert {c["field"] for c in fiche["citations"]} <= {"pilotes", "partenaires", "titre"}
    assert "66.5" not in numbers(corpus_index, "Quelles fiches ne sont pas pilotées par la DSDS ?")
    # Neither role: the fiches that only name the CAF (13 and 79) stay, those where it is partenaire go.
    neither = numbers(corpus_index, "fiches où la CAF n'est ni pilote ni partenaire")
    assert {"13", "79"} <= set(neither) and "66.5" not in neither and len(neither) == 23
    # The DSDS pilots twelve fiches; of those, only 66.5 names the CAF.
    assert numbers(corpus_index, "Quelles fiches pilotées par la DSDS impliquent la CAF ?") == ["66.5"]


def test_a_slip_is_corrected_unless_the_words_are_wanted_as_typed(corpus_index) -> None:  # type: ignore[no-untyped-def]
    answer = corpus_index.service.search("qui piilote la fiche 13", 5)
    assert answer["query"] == "qui piilote la fiche 13"
    assert answer["understood"]["corrected"] == "qui pilote la fiche 13"
    first = answer["results"][0]
    assert (first["fiche"], first["field"]) == ("13", "pilotes")
    exact = corpus_index.service.search("qui piilote la fiche 13", 5, exact=True)
    assert exact["understood"]["corrected"] is None and exact["understood"]["field"] is None
    assert corpus_index.service.search("qui pilote la fiche 13", 5)["understood"]["corrected"] is None


def test_a_question_in_capitals_finds_what_it_finds_written_small(corpus_index) -> None:  # type: ignore[no-untyped-def]
    shouted = corpus_index.service.search("QUELLES FICHES IMPLIQUENT L'UDCCAS ?", 10)
    written = corpus_index.service.search("Quelles fiches impliquent l'UDCCAS ?", 10)
    assert [f["number"] for f in shouted["fiches"]] == [f["number"] for f in written["fiches"]]
    assert [r["id"] for r in shouted["results"]] == [r["id"] for r in written["results"]]
    assert shouted["query"] == "QUELLES FICHES IMPLIQUENT L'UDCCAS ?" and shouted["understood"]["corrected"] is None


def test_a_fiche_the_plan_does_not_have_is_not_answered_by_another(corpus_index) -> None:  # type: ignore[no-untyped-def]
    answer = corpus_index.service.search("calendrier de la fiche 99", 5)
    assert answer["understood"]["unknown_fiche"] == "99" and answer["understood"]["fiche"] is None
    # No fiche's calendrier is boosted as if it were fiche 99's (a boosted passage scores at least both boosts).
    assert answer["results"][0]["score"] < FIELD_BOOST + FICHE_BOOST
    first = corpus_index.service.search("calendrier de la fiche 28", 5)["results"][0]
    assert (first["fiche"], first["field"]) == ("28.2", "calendrier")


def test_the_field_asked_for_comes_first(corpus_index) -> None:  # type: ignore[no-untyped-def]
    first = corpus_index.service.search("calendrier de la fiche 41.2", 5)["results"][0]
    assert (first["fiche"], first["field"]) == ("41.2", "calendrier") and "2018" in first["text"]
    first = corpus_index.service.search("qui pilote la fiche 13", 5)["results"][0]
    assert (first["fiche"], first["field"]) == ("13", "pilotes") and "DHL" in first["text"]
    # The field of each fiche asked, in the order asked.
    results = corpus_index.service.search("calendrier des fiches 13, 28.2 et 41.2", 5)["results"]
    assert [(r["fiche"], r["field"]) for r in results[:3]] == \
        [("13", "calendrier"), ("28.2", "calendrier"), ("41.2", "calendrier")]
    # An organisation asked of a fiche: the fiche's lines naming it.
    results = corpus_index.service.search("quel est le rôle de l'UDCCAS dans la fiche 56 ?", 5)["results"]
    assert {r["field"] for r in results[:2]} == {"pilotes", "partenaires"}
    assert all("UDCCAS" in r["text"] for r in results[:2])
    # A field asked of a list of fiches: that field of the listed fiches.
    answer = corpus_index.service.search("Quels sont les objectifs des fiches pilotées par la DSDS ?", 5)
    listed = {f["number"] for f in answer["fiches"]}
    assert all(r["field"] == "objectifs" and r["fiche"] in listed for r in answer["results"][:3])
    # A fiche named by its subject: its partenaires line shares no word with the question.
    first = corpus_index.service.search("Partenaires de la fiche sur le non-recours", 5)["results"][0]
    assert (first["fiche"], first["field"]) == ("28.2", "partenaires")
    # A field's word in a question the veille answers: no fiche's field is put before that answer.
    first = corpus_index.service.search("combien de fonctionnaires jugent leurs indicateurs de performance "
                                        "inadaptés ?", 5)["results"][0]
    assert first["fiche"] is None and first["document"]["type"] == "veille"


def test_the_ocr_copy_never_doubles_a_passage(corpus_index) -> None:  # type: ignore[no-untyped-def]
    answer = corpus_index.service.search("diversifier les supports de publication des offres d'emploi", 10)
    ids = [r["id"] for r in answer["results"]]
    assert len(ids) == len(set(ids))
    hits = [r for r in answer["results"] if "supports de publication" in r["text"]]
    assert len(hits) == 1 and hits[0]["document"]["id"] == "engagement-3-pouvoir-agir-professionnels"


def test_the_glossary_answers_only_what_an_acronym_means(corpus_index) -> None:  # type: ignore[no-untyped-def]
    # The glossary names MONALISA in full, so it matches the words of any question about
    # it; the fiche that acts on it is the answer, unless the acronym itself is asked about.
    first = corpus_index.service.search("MONALISA isolement des personnes âgées", 5)["results"][0]
    assert first["fiche"] == "1.2" and "MONALISA" in first["text"]
    for question, name in (("que signifie MONALISA", "MONALISA"), ("que signifie DDSHE", "DDSHE")):
        # Fiche 80.2 spells out "Délégation Développement Solidaire, Habitat et Éducation (DDSHE)" too.
        first = corpus_index.service.search(question, 5)["results"][0]
        assert first["section_path"][0] == "Glossaire" and f"{name} :" in first["text"]
    # "glossaire" asks for it: its lines are a part of the plan's document, not a document of that type.
    assert corpus_index.service.search("glossaire", 5)["results"][0]["section_path"][0] == "Glossaire"


def test_filters(corpus_index) -> None:  # type: ignore[no-untyped-def]
    from kb.search import Filters

    veille = corpus_index.service.search("bénévolat", 10, Filters(type="veille"))["results"]
    assert veille and {r["document"]["type"] for r in veille} == {"veille"}
    udccas = corpus_index.service.search("accueil", 10, Filters(org="UDCCAS", role="pilote"))["results"]
    assert udccas and {r["fiche"] for r in udccas} <= {"56", "57"}
    # A field passage fetched for a fiche the question names stays within the filters too.
    asked = corpus_index.service.search("les pilotes des fiches 13 et 56", 10, Filters(fiche="13"))["results"]
    assert asked and {r["fiche"] for r in asked} == {"13"}
    veille = corpus_index.service.search("Partenaires de la fiche non-recours", 5, Filters(type="veille"))["results"]
    assert {r["document"]["type"] for r in veille} == {"veille"}


def test_an_empty_question_is_refused(corpus_index) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidQuery):
        corpus_index.service.search("   ", 5)


def test_a_document_named_comes_first(corpus_index) -> None:  # type: ignore[no-untyped-def]
    # Engagement 2 has "projets phares" too; the question names engagement 3.
    results = corpus_index.service.search("quels sont les projets phares de l'engagement 3 ?", 5)["results"]
    assert {r["document"]["id"] for r in results} == {"engagement-3-pouvoir-agir-professionnels"}


def test_a_question_of_punctuation_finds_no_passage(corpus_index) -> None:  # type: ignore[no-untyped-def]
    answer = corpus_index.service.search("???", 5)
    assert answer["results"] == [] and answer["fiches"] == []
    assert corpus_index.service.search("13 ?", 5)["results"]  # a number is a word


def test_fiches_not_naming_a_notion(corpus_index) -> None:  # type: ignore[no-untyped-def]
    corpus_index.service.refresh()
    every = [f.number for f in corpus_index.service.catalog.fiches]
    logement = numbers(corpus_index, "quelles fiches parlent de logement ?")
    assert logement and numbers(corpus_index, "quelles fiches ne parlent pas de logement ?") == \
        [n for n in every if n not in logement]
    # The role is part of what is missing: each fiche is cited by who it involves.
    associatif = numbers(corpus_index, "quelles fiches ont des partenaires associatifs ?")
    without = corpus_index.service.search("fiches sans partenaire associatif", 10)["fiches"]
    assert associatif and [f["number"] for f in without] == [n for n in every if n not in associatif]
    for fiche in without:
        assert {c["field"] for c in fiche["citations"]} <= {"pilotes", "partenaires", "titre"}
        assert all("associatif" not in c["text"] for c in fiche["citations"])
    # "sans" belonging to the notion is no negation.
    assert numbers(corpus_index, "fiches pour les sans domicile") == ["8.2", "78"]


def test_a_name_and_a_notion_joined_by_et(corpus_index) -> None:  # type: ignore[no-untyped-def]
    ccas = numbers(corpus_index, "quelles fiches impliquent les CCAS ?")
    both = corpus_index.service.search("quelles fiches impliquent les CCAS et les communes ?", 10)["fiches"]
    assert both and len(both) < len(ccas) and {f["number"] for f in both} <= set(ccas)
    for fiche in both:  # each cited for each
        lines = " ".join(c["text"] for c in fiche["citations"])
        assert "CCAS" in lines and "ommune" in lines


def test_an_axe_ruled_out_and_a_notion_as_an_alternative(corpus_index) -> None:  # type: ignore[no-untyped-def]
    pmie = numbers(corpus_index, "Quelles fiches relèvent du PMIE ?")
    axe2 = numbers(corpus_index, "les fiches de l'axe 2")
    assert numbers(corpus_index, "fiches du pmie hors axe 2") == [n for n in pmie if n not in axe2]
    dari = numbers(corpus_index, "liste des fiches avec la DARI")
    either = numbers(corpus_index, "liste des fiches avec la DARI ou la DRH")
    assert set(dari) < set(either)


def test_a_name_and_its_initials_list_the_same_fiches(corpus_index) -> None:  # type: ignore[no-untyped-def]
    # The plan prints "Revenu de Solidarité Active" on some fiches and "RSA" on others.
    rsa = numbers(corpus_index, "quelles fiches parlent du RSA ?")
    assert rsa == numbers(corpus_index, "Quelles fiches action parlent du Revenu de Solidarité Active ?")
    assert {"31", "70", "78"} <= set(rsa)
    # A long acronym printed as a name: "Associations Résacoop".
    assert numbers(corpus_index, "Dans quelles fiches le Réseau Rhône-Alpes d'appui à la coopération "
                                 "internationale est-il partenaire ?") == ["67"]


def test_notions_offered_as_alternatives(corpus_index) -> None:  # type: ignore[no-untyped-def]
    logement = set(numbers(corpus_index, "quelles fiches parlent de logement ?"))
    sante = set(numbers(corpus_index, "quelles fiches parlent de santé ?"))
    assert set(numbers(corpus_index, "quelles fiches parlent de logement ou de santé ?")) == logement | sante
    assert set(numbers(corpus_index, "quelles fiches parlent de logement et de santé ?")) == logement & sante


def test_a_notion_beside_a_year_an_axe_or_a_count(corpus_index) -> None:  # type: ignore[no-untyped-def]
    # Each condition narrows the other: axe 4 has five fiches, the Conseil de développement is a partenaire of
    # 28.2, 70 and 71; fiche 78 is the only one ending in 2020 that speaks of logement.
    assert numbers(corpus_index, "les fiches de l'axe 4 avec le conseil de développement") == ["70", "71"]
    assert numbers(corpus_index, "quelles fiches sur le logement se terminent en 2020 ?") == ["78"]
    assert numbers(corpus_index, "quelles fiches sur les bénévoles ont plusieurs pilotes ?") == ["71"]
    # With a role asked, what holds it is the notion: the centres sociaux are partenaires of 27 and 32 in axe 2.
    assert numbers(corpus_index, "Dans quelles fiches de l'axe 2 les centres sociaux sont-ils partenaires associés ?") \
        == ["27", "32"]
    assert numbers(corpus_index, "Parmi les actions que pilote la DIE, lesquelles débutent en 2018 ?") == ["70", "71"]
    # A programme beside a role: the role is the MDM's, the pacte de cohérence (55.2, 56, 57) a condition,
    # also typed in a hurry and in English.
    assert numbers(corpus_index, "quelles fiches du pacte de cohérence sont pilotées par les MDM ?") == \
        numbers(corpus_index, "pacte coherence fiches w/ mdm as pilot") == ["55.2", "56", "57"]
    assert numbers(corpus_index, "fiches pilotées par le PMIE") == []  # a programme holds no role
    # A notion offered before the name, with "ou": the fiches the Développement durable or the DHL pilots.
    assert numbers(corpus_index, "fiches pilotées par le développement durable ou la DHL") == ["13", "67", "79"]
    # A programme's acronym beside another name's role is a condition: the DSDS's pilot fiches of the PMIE.
    assert numbers(corpus_index, "pmie : actions pilotées par la dsds") == ["1.2", "33", "41.2", "64", "71"]
    # A notion beside names is read anywhere in the fiche, the role asked being the names'.
    assert numbers(corpus_index, "Sur les violences intrafamiliales, dans quelles fiches les CCAS sont-ils "
                                 "partenaires associés ?") == ["12"]
    assert numbers(corpus_index, "Quelles fiches évoquent le numérique sans être pilotées par la DINSI ?") == \
        ["27", "33", "64", "66.5", "70"]
    assert numbers(corpus_index, "Dans quelles fiches les bailleurs apparaissent-ils sans que les CCAS soient "
                                 "cités ?") == ["78"]
    assert numbers(corpus_index, "Quelles fiches ne font aucune mention des Maisons de la Métropole ?") == \
        ["41.2", "63.2", "64", "66.5", "67", "71", "80.2"]
    assert numbers(corpus_index, "fiches qui mentionnent l'Agence d'urbanisme et vont jusqu'en 2022") == ["34", "66.5"]
    # A year or a count alone has no notion, whatever its words.
    assert len(numbers(corpus_index, "les fiches actives sur toute la durée du plan")) == 14
    assert numbers(corpus_index, "fiches avec exactement 3 pilotes") == ["12", "32", "67", "78"]
