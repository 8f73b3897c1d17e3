"""Where the question says what was understood: spans, and the question without each element."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kb.lexicon import fold
from kb.query import analyze
from kb.spans import Located, Span, merged


@pytest.fixture(scope="module")
def catalog(corpus_index):  # type: ignore[no-untyped-def]
    corpus_index.service.refresh()
    return corpus_index.service.catalog


def without(question: str, spans: list[Span], kind: str, key: str | None = None) -> str:
    """What the page does with a chip's ×: cut the element's spans, tidy the spaces."""
    text = question
    for span in sorted((s for s in spans if s.kind == kind and key in (None, s.key)), key=lambda s: -s.start):
        text = f"{text[:span.start]} {text[span.end:]}"
    return " ".join(text.split())


def test_offsets_are_in_the_question_as_typed() -> None:
    # Folding drops accents and turns "œ" into two letters; spaces collapse: offsets still fit the question.
    at = Located("  Le  calendrier   de l'Œuvre 13 ")
    assert at.low == "le calendrier de l'oeuvre 13"
    at.add("x", "oeuvre", at.low.index("oeuvre"), at.low.index("oeuvre") + 6)
    (span,) = at.spans
    assert "  Le  calendrier   de l'Œuvre 13 "[span.start:span.end] == "de l'Œuvre"  # with its articles
    assert at.typed(0, 2) == "Le"


def test_overlapping_spans_of_one_element_are_joined() -> None:
    spans = merged([Span("field", "pilotes", 0, 10), Span("fiche", "13", 11, 20), Span("field", "pilotes", 5, 12)])
    assert spans == [Span("field", "pilotes", 0, 12), Span("fiche", "13", 11, 20)]


@pytest.mark.parametrize(("question", "kind", "key", "left"), [
    ("Quelles fiches pilote la DSDS en 2018 ?", "year", "2018", "Quelles fiches pilote la DSDS ?"),
    ("Quelles fiches pilote la DSDS en 2018 ?", "organisation", "DSDS", "Quelles fiches pilote en 2018 ?"),
    ("Quelle est la durée de l'action 64 ?", "field", "calendrier", "de l'action 64 ?"),
    ("Quels sont les partenaires de l'action 13 ?", "fiche", "13", "Quels sont les partenaires ?"),
    ("Quels sont les pilotes des fiches 13 et 56 ?", "fiche", None, "Quels sont les pilotes ?"),
    ("Quelles fiches se terminent entre 2019 et 2021 ?", "year", None, "Quelles fiches se terminent ?"),
    ("Quelles fiches de l'axe 3 impliquent la DRTU ?", "axe", None, "Quelles fiches impliquent la DRTU ?"),
    ("Quelles fiches impliquent l'UDCCAS et l'ARS ?", "organisation", "ARS", "Quelles fiches impliquent l'UDCCAS ?"),
    ("Quelles fiches impliquent l'UDCCAS et l'ARS ?", "organisation", "UDCCAS", "Quelles fiches impliquent l'ARS ?"),
    # "où" is not "ou": it joins no two names.
    ("fiches où l'ARS est partenaire et la CAF pilote", "organisation", "ARS",
     "fiches où est partenaire et la CAF pilote"),
    ("Quelles fiches impliquent l'UDCCAS sans la DRTU ?", "excluded", "DRTU", "Quelles fiches impliquent l'UDCCAS ?"),
    ("Quelles fiches impliquent l’UDCCAS sans l’ARS ?", "excluded", "ARS", "Quelles fiches impliquent l’UDCCAS ?"),
    ("Quelles fiches sont pilotées par la DSDS ?", "role", "pilote", "Quelles fiches la DSDS ?"),
    ("les fiches du PMIE", "programme", None, "les fiches"),
    ("les fiches actives sur toute la durée du plan", "year", None, "les fiches actives"),
    ("indicateurs de la fiche 99", "unknown_fiche", "99", "indicateurs"),
    ("que signifie DDSHE ?", "doc_type", "glossary", "DDSHE ?"),
])
def test_an_element_taken_out_of_the_question(catalog, question: str, kind: str, key: str | None,  # type: ignore[no-untyped-def]
                                              left: str) -> None:
    spans = analyze(question, catalog).spans
    assert any(s.kind == kind and key in (None, s.key) for s in spans), spans
    assert without(question, spans, kind, key) == left


@pytest.mark.parametrize(("question", "kind"), [
    # Taking the role out of "n'est pas pilote" would leave the negation dangling.
    ("Dans quelles fiches la DRTU est-elle partenaire mais pas pilote ?", "role"),
    # Two years, one condition each: neither goes alone.
    ("fiches lancées en 2017 et terminées en 2018", "year"),
    # A name said absent after it: cutting it would leave "n'apparaît pas".
    ("Liste des actions où la DRTU n'apparaît pas", "excluded"),
    # "Comment … la fiche" asks for its modalités, but "comment" is the question itself.
    ("Comment la fiche 13 est-elle mise en place ?", "field"),
    # The role's words are the field's: the field's chip takes them out.
    ("Quels sont les partenaires de l'action 13 ?", "role"),
])
def test_no_span_where_cutting_would_break_the_question(catalog, question: str, kind: str) -> None:  # type: ignore[no-untyped-def]
    u = analyze(question, catalog)
    assert not [s for s in u.spans if s.kind == kind]


def test_spans_of_what_is_no_longer_understood_are_dropped(catalog) -> None:  # type: ignore[no-untyped-def]
    # The PMIE is in the acronym table, but here it names the programme, not an organisation.
    u = analyze("Quelles fiches relèvent du PMIE ?", catalog)
    assert u.organisations == [] and {s.kind for s in u.spans} == {"programme"}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from(list("aeéèoœ ﬁ¨İ\u0301\u00a0\t-'’,?2018DSfichepilotUDCAR")), max_size=60))
@example("Quelles fiches pilote la DSDS en 2018 ?")
@example("\u0301 fiche 13 et 56, l'UDCCAS ou la CAF ?")
def test_any_question_gets_spans_that_fit_it(catalog, question: str) -> None:  # type: ignore[no-untyped-def]
    # The analysis reads the question folded with its spaces collapsed; the spans are in the question.
    assert Located(question).low.split() == fold(" ".join(question.split())).split()
    spans = analyze(question, catalog).spans
    for span in spans:
        assert 0 <= span.start < span.end <= len(question) and question[span.start:span.end].strip()
    for element in {(s.kind, s.key) for s in spans}:
        own = sorted((s for s in spans if (s.kind, s.key) == element), key=lambda s: s.start)
        assert all(a.end < b.start for a, b in pairwise(own))  # each can be cut on its own


def test_what_a_list_is_about_is_spanned_as_typed(catalog) -> None:  # type: ignore[no-untyped-def]
    question = "quelles fiches ne parlent pas de Santé mentale ?"
    u = analyze(question, catalog)
    assert [question[s.start:s.end] for s in u.spans if s.kind == "entity"] == ["Santé", "mentale"]


def test_an_axe_ruled_out_is_cut_with_its_negation(catalog) -> None:  # type: ignore[no-untyped-def]
    question = "fiches du PMIE hors axe 2"
    assert without(question, analyze(question, catalog).spans, "axe") == "fiches du PMIE"
