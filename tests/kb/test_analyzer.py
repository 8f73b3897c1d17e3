"""The French analyzer: folding, elisions, plurals, acronyms whole, stable sparse vectors."""

from __future__ import annotations

from kb.analyzer import ROOT_WEIGHT, document_vector, glued_parts, query_vector, root, term_index, terms, tokens
from kb.lexicon import unglue


def test_accents_case_elisions_and_plurals_do_not_matter() -> None:
    assert terms("Précarité énergétique des ménages") == terms("precarite energetique menage")
    assert terms("l'usure d'agir qu'elle") == ["usure", "agir"]
    assert terms("Centres Communaux") == ["centre", "communal"]
    # A plural typed without its accents is reduced as with them.
    assert terms("Personnes Agees Personnes Handicapees") == terms("personnes âgées, personnes handicapées")
    assert terms("fiches pilotees") == terms("fiches pilotées")


def test_acronyms_stay_whole() -> None:
    assert "udccas" in terms("l'UDCCAS") and "udccas" in terms("udccas")
    assert set(terms("UDCCAS")).isdisjoint(terms("CCAS"))
    # "préfa" is too rare a word to take the PREFAS, in capitals or not, for its plural.
    assert terms("PREFAS") == terms("prefas") == ["prefas"]


def test_offsets_point_at_the_words() -> None:
    text = "Le guichet d’accueil"
    assert [text[t.start:t.end] for t in tokens(text)] == ["guichet", "accueil"]


def test_titles_count_less_than_the_body() -> None:
    idx_body, w_body = document_vector("précarité énergétique")
    idx_head, w_head = document_vector("logement", head="précarité énergétique")
    body = dict(zip(idx_body, w_body, strict=True))
    head = dict(zip(idx_head, w_head, strict=True))
    common = set(body) & set(head)
    assert common and all(head[i] < body[i] for i in common)


def test_query_vector_is_deterministic_and_weighted() -> None:
    assert query_vector("fiche pilote") == query_vector("fiche pilote")
    idx, weights = query_vector("caf", {"caisse": 0.5})
    # The word, its root (an acronym is its own) and the expansion.
    assert sorted(weights) == sorted([0.5, 1.0, ROOT_WEIGHT]) and len(idx) == 3


def test_derived_forms_share_a_root() -> None:
    # crpa's "Les administrations sont-elles tenues de communiquer …" / "… sont communicables à tous".
    assert root("communiquer") == root("communicables") == "communic"
    assert root("publique") == root("public")
    assert root("administration") == root("administratif")
    # Acronyms and names are their own root: the CCAS is not the UDCCAS's.
    assert root("udccas") == "udccas" and root("ccas") == "ccas"


def test_a_derived_form_matches_less_than_the_word() -> None:
    q = dict(zip(*query_vector("communiquer"), strict=True))

    def score(text: str) -> float:
        return sum(q.get(i, 0.0) * w for i, w in zip(*document_vector(text), strict=True))

    same, derived, other = (score("Les documents sont à communiquer à tous"),
                            score("Les documents sont communicables à tous"), score("Les documents sont publiés"))
    assert same > derived > other == 0.0
    assert term_index("communiquer") not in dict(zip(*document_vector("communicables"), strict=True))


def test_words_glued_by_stripped_markup_come_apart() -> None:
    # Lines of the CNIL's questions-réponses page (tests/fixtures/eval/cnil), whose links and bold lost their spaces.
    assert unglue("vigilantlorsque") == ("vigilant", "lorsque")
    assert unglue("oppositionVous") == ("opposition", "Vous")
    assert unglue("laprocédure") == ("la", "procédure")
    text = "Soyez vigilantlorsque vous saisissez des données ; Facebook proposeplusieurs procédures"
    assert glued_parts(text) == ["vigilant", "lorsque", "propose", "plusieur"]
    # The glued word is still indexed as written, its parts beside it.
    assert {"vigilantlorsque", "vigilant", "lorsque"} <= {term for term in terms(text) + glued_parts(text)}


def test_words_and_names_are_not_cut() -> None:
    for word in ("usagers", "accompagnement", "CCAURA", "UDCCAS", "Métropole", "inclusion", "pmi"):
        assert unglue(word) is None, word
    assert glued_parts("La Métropole de Lyon et la CAF accompagnent les ménages") == []
