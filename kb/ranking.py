"""Structure-aware ranking: after fusion, what the question names and what a passage is move it up or down.

The fiche and field a question names come first, a document it names is
preferred, an OCR copy gives way to the clean text, a fiche's metadata to its
description, a glossary line and a bare title page to passages that say something.
"""

from __future__ import annotations

from dataclasses import dataclass

from kb.analyzer import terms
from kb.catalog import Catalog
from kb.models import DocumentType, Manifest, Passage
from kb.understood import Understood

FIELD_BOOST = 1.0
FICHE_BOOST = 0.3
# "le rôle de l'UDCCAS dans la fiche 56": of the fiche asked, the passages naming the organisation.
NAMED_BOOST = 0.5
TYPE_BOOST = 0.1
# A document the question names ("l'engagement 3"): as much as a fiche it names.
DOCUMENT_BOOST = FICHE_BOOST
# The OCR copy's own text is kept findable, but the clean version is preferred.
ALTERNATE_PENALTY = 0.15
# Indicators, dates and names answer "how measured / when / who": a question that
# does not ask for them wants the fiche's description first. A pilotes line is a few names, so
# a question naming one of them ("l'accueil en MDM") scored it high on BM25: 0.15 left it first.
# 0.3, 0.4 and 0.5 gave the same three answers up and none down; 1.0 lost one ("social impact
# weekend", told only by a calendrier line).
META_PENALTY = 0.4
_META_FIELDS = {"indicateurs", "calendrier", "pilotes", "partenaires"}
# A glossary line names an acronym in full: the query analysis already reads it, and it
# answers only a question about what an acronym stands for.
GLOSSARY_PENALTY = 0.15
# A passage that only repeats its headings (the veille's title page: "VEILLE STRATÉGIQUE - SYNTHÈSE POUR
# LES ÉLUS / Septembre 2018") answers nothing, yet its few words made it first on questions about the veille.
HEADINGS_ONLY_PENALTY = 0.5


@dataclass
class Hit:
    """A passage and its score, while an answer is being ranked."""

    passage: Passage
    score: float


def rank(hits: list[Hit], u: Understood, targets: list[str], manifest: Manifest, catalog: Catalog) -> list[Hit]:
    """The hits, best first, once the question's fiches (`targets`), field and document have spoken."""
    named = {o.id for o in u.organisations}
    # "plus de deux pilotes": the pilote passages prove the count, not a "deux" elsewhere.
    field = u.field or (u.count.shown if u.count else None)
    alternates = {d.id for d in manifest.documents.values() if d.alternate_of}

    def names(p: Passage) -> bool:
        return bool(named & {found.org for found in catalog.table.find(p.text)})

    for hit in hits:
        p = hit.passage
        if p.doc_id in alternates:
            hit.score -= ALTERNATE_PENALTY
        # Of a name alone, the passages naming it come first, its pilotes or partenaires lines included.
        if u.bare == "names" and names(p):
            hit.score += NAMED_BOOST
        elif p.field in _META_FIELDS and u.field is None:
            hit.score -= META_PENALTY
        if p.kind != "fiche_field" and headings_only(p):
            hit.score -= HEADINGS_ONLY_PENALTY
        if p.kind == "glossary" and u.doc_type != DocumentType.GLOSSARY:
            hit.score -= GLOSSARY_PENALTY
        if p.fiche in targets:
            hit.score += FICHE_BOOST
            if field and p.field == field:
                hit.score += FIELD_BOOST
            if named and names(p):
                hit.score += NAMED_BOOST
        elif u.intent == "list" and field and p.field == field:
            hit.score += FIELD_BOOST  # "les objectifs des fiches pilotées par la DSDS"
        # The glossary is a part of the plan's document, not a document of its own type.
        if u.doc_type and (p.doc_type == u.doc_type or (u.doc_type == DocumentType.GLOSSARY and p.kind == "glossary")):
            hit.score += TYPE_BOOST
            # "que signifie DDSHE ?": the glossary line spelling the name out is its definition, before a
            # fiche's sentence that spells it out too.
            if p.kind == "glossary" and named and names(p):
                hit.score += NAMED_BOOST
        if u.document and p.doc_id == u.document:
            hit.score += DOCUMENT_BOOST
    ranked = sorted(hits, key=lambda h: -h.score)
    if u.fiche and u.other_fiches and u.field:
        # "le calendrier des fiches 13, 28.2 et 41.2": the fields asked, in the order asked.
        order = [u.fiche, *u.other_fiches]
        asked = sorted((h for h in ranked if h.passage.fiche in order and h.passage.field == u.field),
                       key=lambda h: order.index(h.passage.fiche or ""))
        chosen = {id(h) for h in asked}
        ranked = asked + [h for h in ranked if id(h) not in chosen]
    return ranked


def headings_only(p: Passage) -> bool:
    """True when the passage's words, less its headings' and numbers, are one at most (a date's month)."""
    if len(p.text) > 160:  # most passages: not worth analysing
        return False
    headings = set(terms(" ".join(p.section)))
    return sum(1 for w in terms(p.text) if w not in headings and any(c.isalpha() for c in w)) <= 1
