"""Highlights on the plan's own text: the question's words, and organisations by acronym or whole name."""

from __future__ import annotations

from pathlib import Path

from kb.analyzer import terms
from kb.highlight import highlight_spans

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "pms-2017-2022-developpement-social.txt"


def glossary_lines() -> str:
    """Four lines of the plan's glossary, as ingested."""
    text = CORPUS.read_text(encoding="utf-8")
    start = text.index(" › DPE : Direction")
    return text[start:text.index("\n › DTP", start)]


def test_an_organisation_lights_up_by_acronym_and_whole_name_only() -> None:
    text = glossary_lines()
    name = "Direction Santé et Développement Social"
    marked = [text[a:b] for a, b in highlight_spans(text, set(), ["DSDS"], [tuple(terms(name))])]
    # Two marks, acronym and name; none of the other lines' "Direction".
    assert marked == ["DSDS", name]
    assert text.count("Direction") >= 4


def test_question_words_light_up_wherever_they_stand() -> None:
    text = glossary_lines()
    marked = [text[a:b] for a, b in highlight_spans(text, {"direction"}, [])]
    assert len(marked) == text.count("Direction") and set(marked) == {"Direction"}
