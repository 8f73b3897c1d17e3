"""The scoring of a gold line, as ../shared/eval/score.py scores it, and a question no fiche answers."""

from __future__ import annotations

from kb.evaluation import fiche_scores

CITED = [{"text": "Partenaires associés : ARS, UDCCAS"}]


def test_a_fiche_answer_is_scored_as_the_scorer_does() -> None:
    item = {"fiches": ["41.2", "55.2"], "fiches_ok": ["79"]}
    got = [{"number": "41.2", "citations": CITED}, {"number": "79", "citations": []}, {"number": "13", "citations": []}]
    scores = fiche_scores(item, got)
    assert (scores["precision"], scores["recall"], scores["cited"]) == (0.5, 0.5, 0.5)
    assert scores["missing"] == ["55.2"] and scores["extra"] == ["13"]


def test_a_question_no_fiche_answers() -> None:
    # score.py divides by the expected fiches; kb eval scores an empty answer as right, a listed fiche as wrong.
    assert fiche_scores({"fiches": []}, [])["f1"] == 1.0
    wrong = fiche_scores({"fiches": []}, [{"number": "13", "citations": CITED}])
    assert wrong["f1"] == 0.0 and wrong["extra"] == ["13"]
