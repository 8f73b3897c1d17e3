"""Search: hybrid retrieval in Qdrant, fusion, structure-aware ranking, and structured answers.

Three retrievals run in Qdrant: dense (e5) over passages, BM25 (French
analyzer, IDF by Qdrant) over passages, and dense over units (the sentences
and list items of passages, a passage counting its best unit). Each list
gives scores only; the best of each list are the candidates, and a candidate
the dense list missed gets its e5 score from its vector. The three scores
are normalised and summed with weights (kb/fusion.py), which measured better
than RRF on the dev and crpa questions (`KB_FUSION=rrf` or `dbsf` use Qdrant's own
fusion instead); BM25 weighs less when its best passage holds little of the
question, and the passage e5 puts first keeps a place in the top five.
Then the structure speaks (kb/ranking.py): the fiche and field a question
names come first, an OCR copy gives way to the clean text, a fiche's
metadata to its description; near-duplicates collapse. A "which fiches…"
question also gets the complete list of fiches from the catalogue.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import astuple, dataclass
from typing import Any

import numpy as np
from qdrant_client import models

from kb.analyzer import query_vector, terms
from kb.cache import LRUCache
from kb.catalog import Catalog, load_catalog
from kb.encoder import Encoder
from kb.errors import EmptyIndex, InvalidQuery
from kb.fusion import coverage, fuse
from kb.highlight import highlight_spans, near_duplicate
from kb.lexicon import fold
from kb.listing import fiche_json, list_fiches, rank_organisations
from kb.models import DOCUMENT_TYPE_LABELS, DocumentType, Manifest, ParsedDocument, Passage
from kb.query import analyze
from kb.ranking import Hit, rank
from kb.settings import Settings
from kb.store import DENSE, SPARSE, Store
from kb.understood import Understood

CANDIDATES = 60
# How deep each retriever is read (scores only, cheap): the deepest score sets the scale
# of a signal, and a candidate missing from the dense list gets its score computed.
DEPTH = 500
SPARSE_DEPTH = 500
UNIT_DEPTH = 800
# "l'action sur le bénévolat", "la fiche pour les ménages…": a field question names the fiche by its subject.
_OF_ACTION_RE = re.compile(r"\b(?:la|l'|cette|une)\s*(?:fiche(?:[- ]action)?|action)\s+"
                           r"(?:sur|qui|pour|de|d'|du|des|contre|visant|concernant|autour)\b")
_FICHE_FIELDS = {"calendrier", "pilotes", "partenaires", "indicateurs", "objectifs", "modalites", "contexte"}


@dataclass
class Filters:
    """Filters a caller can set explicitly (the API's query parameters)."""

    type: str | None = None
    org: str | None = None
    role: str | None = None
    fiche: str | None = None
    year: int | None = None
    axe: str | None = None


class SearchService:
    """Answers questions over the live index; reloads its catalogue when the index changes."""

    def __init__(self, store: Store, settings: Settings, encoder: Encoder) -> None:
        self.store = store
        self.settings = settings
        self.encoder = encoder
        self._lock = threading.Lock()
        self._generation = -1
        # One object holds the manifest and the catalogue built from it, so that a search
        # running while they are replaced reads both from the same index generation.
        self.catalog = Catalog(Manifest(), {})
        # Whole answers of repeated questions (a shared link, paging, facets), for one index
        # generation: a reindex changes the key.
        self.answers: LRUCache[dict[str, Any]] = LRUCache(256)

    # -- state ----------------------------------------------------------------------------------
    def refresh(self, force: bool = False) -> None:
        """Reload the manifest and the catalogue if the index changed since the last query."""
        generation = self.store.generation()
        if generation == self._generation and not force:
            return
        with self._lock:
            catalog = load_catalog(self.store)
            _ = catalog.speller  # its vocabulary is built now, not during the first question
            self.catalog = catalog
            self._generation = catalog.manifest.generation

    @property
    def manifest(self) -> Manifest:
        """The manifest of the current catalogue."""
        return self.catalog.manifest

    def document(self, doc_id: str) -> ParsedDocument | None:
        """A live document's record."""
        self.refresh()
        return self.catalog.documents.get(doc_id)

    # -- search ---------------------------------------------------------------------------------
    def search(self, q: str, k: int = 10, filters: Filters | None = None, exact: bool = False) -> dict[str, Any]:
        """The search contract: query, understood, results, fiches, took_ms.

        Unknown words are corrected against the index ("lutet" -> "lutte") unless
        `exact` asks for the words as typed.
        """
        began = time.perf_counter()
        q = " ".join((q or "").split())
        if not q:
            raise InvalidQuery("the question is empty")
        filters = filters or Filters()
        with self.store.rw.shared():
            self.refresh()
            catalog = self.catalog
            manifest = catalog.manifest
            if manifest.generation == 0:
                raise EmptyIndex("nothing is indexed yet: run `kb ingest` (or add documents) first")
            key = (manifest.generation, q, k, astuple(filters), exact)
            cached = self.answers.get(key)
            if cached is not None:
                return {**cached, "took_ms": round((time.perf_counter() - began) * 1000, 1)}
            # Typing slips are corrected against the index's words before anything reads the question.
            searched = catalog.speller.truecase(q)
            searched, fixes = (searched, []) if exact else catalog.speller.correct(searched)
            understood = analyze(searched, catalog)
            understood.corrected = searched if fixes else None
            if not fixes and len(searched) != len(q):
                # Spans are offsets in `corrected`, else in `query`: a question in capitals rewritten
                # to another length ("OEUVRE" -> "œuvre") has none that would fit.
                understood.spans = []
            answer = list_fiches(understood, catalog) if understood.intent == "list" else []
            if understood.bare == "fiches":
                numbers = [understood.fiche or "", *understood.other_fiches]
                answer = [catalog.titled(fiche) for number in numbers if (fiche := catalog.fiche(number))]
            ranked = rank_organisations(understood, catalog) if understood.intent == "organisations" else []
            # A name or an axe alone is also answered by the glossary and the livrets, beside its fiches.
            only_fiches = None if understood.bare else [m.fiche.number for m in answer] or None
            # Points of a revision being written, or left by a crash, are not in the manifest.
            live = set(manifest.live_revs())
            flt = self._filter(filters, catalog)
            # "???" names nothing: no passage answers it, rather than the nearest vectors to punctuation.
            if understood.bare == "fiches" and not understood.other_fiches:
                hits = self._whole_fiche(understood.fiche or "", live, flt)
            else:
                hits = self._retrieve(searched, understood, flt, max(k, 10), only_fiches, live) \
                    if any(c.isalnum() for c in searched) else []
            targets = _target_fiches(hits, understood, searched)
            hits += self._field_passages(hits, understood, targets, live, flt)
            hits = rank(hits, understood, targets, manifest, catalog)
            hits = self._collapse(hits, k, manifest)
        # An organisation is marked by its acronym or its whole name, not by each word of the name.
        named = {t for o in understood.organisations for t in terms(o.matched)}
        words = set(terms(searched)) - named
        aliases = [o.id for o in understood.organisations]
        names = [tuple(terms(o.name)) for o in understood.organisations]
        answer = {
            "query": q,
            "understood": understood.to_json(),
            "results": [self._result(h, words, aliases, names, manifest) for h in hits],
            "fiches": [fiche_json(m) for m in answer],
            "organisations": ranked,
            "took_ms": round((time.perf_counter() - began) * 1000, 1),
        }
        self.answers.put(key, answer)
        return dict(answer)

    def _filter(self, filters: Filters, catalog: Catalog) -> models.Filter | None:
        must: list[models.Condition] = []
        should: list[models.Condition] = []
        if filters.type:
            must.append(models.FieldCondition(key="doc_type", match=models.MatchValue(value=filters.type)))
        fiches: list[str] | None = None
        if filters.fiche:
            fiches = [filters.fiche]
        if filters.org:
            numbers = [m.fiche.number for m in catalog.by_organisation(filters.org, filters.role)]
            fiches = [n for n in numbers if fiches is None or n in fiches]
        if fiches is not None:
            must.append(models.FieldCondition(key="fiche", match=models.MatchAny(any=fiches or ["-"])))
        if filters.year:
            must.append(models.FieldCondition(key="years", match=models.MatchAny(any=[filters.year])))
        if filters.axe:
            should = [models.FieldCondition(key="axe", match=models.MatchValue(value=filters.axe)),
                      models.FieldCondition(key="section[]", match=models.MatchValue(value=filters.axe))]
        if not must and not should:
            return None
        return models.Filter(must=must or None, should=should or None)

    def _retrieve(self, q: str, u: Understood, flt: models.Filter | None, k: int, only_fiches: list[str] | None,
                  live: set[str]) -> list[Hit]:
        expansions: dict[str, float] = {}
        # A name alone is searched as fully by its other form: each is the whole question.
        weight = 1.0 if u.bare == "names" else 0.5
        for org in u.organisations:
            for term in terms(org.name) + terms(org.id):
                expansions.setdefault(term, weight)
        indices, values = query_vector(q, expansions)
        # The fiches of a structured answer restrict the passages after retrieval (`flt` holds
        # only the caller's filters): a filter would make local mode scan every payload.
        sparse = models.SparseVector(indices=indices, values=values)
        dense = self.encoder.embed_query(q).tolist()
        if self.settings.fusion in ("rrf", "dbsf"):
            limit = max(CANDIDATES, 3 * k)
            fusion = models.Fusion.RRF if self.settings.fusion == "rrf" else models.Fusion.DBSF
            request = models.QueryRequest(
                prefetch=[models.Prefetch(query=dense, using=DENSE, limit=limit, filter=flt),
                          models.Prefetch(query=sparse, using=SPARSE, limit=limit, filter=flt)],
                query=models.FusionQuery(fusion=fusion), limit=limit, with_payload=True)
            (fused,) = self.store.query([request])
            return [Hit(Passage.model_validate(p.payload), p.score) for p in fused if p.payload["rev"] in live]
        # Scores only (no payload) from each retriever; then the dense score of every
        # candidate that the dense list missed is computed from its vector, so a passage
        # that BM25 ranks first and e5 beyond its depth gets its real e5 score, not a zero.
        dense_scores, sparse_scores, unit_scores = self.store.score_lists(
            dense, sparse if indices else None, flt, (DEPTH, SPARSE_DEPTH, UNIT_DEPTH))
        if flt is not None:
            unit_scores = {pid: x for pid, x in unit_scores.items() if pid in dense_scores or pid in sparse_scores}
        # The deepest scores read set the scale of each signal (close to the whole index's),
        # so that a signal on which every candidate scores alike does not weigh in.
        floors = (min(dense_scores.values(), default=0.0), min(unit_scores.values(), default=0.0))
        # Candidates: the best of each list; the deeper lists only lend their scores.
        candidates = {*_best(dense_scores), *_best(sparse_scores), *_best(unit_scores)}
        dense_scores = {pid: x for pid, x in dense_scores.items() if pid in candidates}
        sparse_scores = {pid: x for pid, x in sparse_scores.items() if pid in candidates}
        unit_scores = {pid: x for pid, x in unit_scores.items() if pid in candidates}
        query_vec = np.asarray(dense, dtype=np.float32)
        missing = [pid for pid in candidates if pid not in dense_scores]
        for pid, vector in self.store.vectors(missing).items():
            dense_scores[pid] = float(np.dot(query_vec, np.asarray(vector, dtype=np.float32)))
        # How much of the question BM25's best passage holds: a paraphrase's best is a word or two.
        top_sparse = max(sparse_scores, key=lambda pid: sparse_scores[pid], default=None)
        held = self.store.vectors([top_sparse], SPARSE).get(top_sparse) if top_sparse else None
        # Of the question's own words: an organisation's expanded name is another way to say it, not more of it.
        asked = query_vector(q) if expansions else (indices, values)
        covered = coverage(*asked, set(held.indices)) if held is not None else 1.0
        scores = fuse(dense_scores, sparse_scores, unit_scores, floors, covered)
        top = sorted(scores, key=lambda pid: -scores[pid])[:max(3 * k, 30) * (2 if only_fiches else 1)]
        # Only now are payloads read, and revisions not in the manifest dropped.
        payloads = self.store.payloads(top)
        keep = set(only_fiches) if only_fiches else None
        return [Hit(Passage.model_validate(p), scores[pid]) for pid in top
                if (p := payloads.get(pid)) and p["rev"] in live and (keep is None or p["fiche"] in keep)]

    def _field_passages(self, hits: list[Hit], u: Understood, targets: list[str], live: set[str],
                        flt: models.Filter | None) -> list[Hit]:
        """The field asked of a fiche, when retrieval did not bring it back (within the caller's filters).

        "Partenaires de la fiche non-recours" finds the fiche by its words (its
        contexte), not its partenaires line, which shares none of them.
        """
        best = max(hits, key=lambda h: h.score, default=None)
        if u.field not in _FICHE_FIELDS or best is None:
            return []
        found = {h.passage.fiche for h in hits if h.passage.field == u.field}
        missing = [t for t in targets if t not in found]
        if not missing:
            return []
        # It stands for its fiche: the score of the question's best passage, before the field's boost.
        return [Hit(p, best.score) for p in self._live_passages(
            [models.FieldCondition(key="fiche", match=models.MatchAny(any=missing)),
             models.FieldCondition(key="field", match=models.MatchValue(value=u.field))], flt, live)]

    def _whole_fiche(self, number: str, live: set[str], flt: models.Filter | None) -> list[Hit]:
        """A fiche's passages in reading order (within the caller's filters), scored so that order holds."""
        passages = self._live_passages([models.FieldCondition(key="fiche", match=models.MatchValue(value=number))],
                                       flt, live)
        passages.sort(key=lambda p: (p.doc_id, p.ordinal))
        return [Hit(p, 1.0 - i / 1000) for i, p in enumerate(passages)]

    def _live_passages(self, conditions: list[models.FieldCondition], flt: models.Filter | None,
                       live: set[str]) -> list[Passage]:
        """Every live passage meeting `conditions` and the caller's filters, read from the store."""
        where = models.Filter(must=[*conditions, *([flt] if flt else [])])
        return [Passage.model_validate(r.payload) for r in self.store.scroll_passages(where)
                if r.payload and r.payload["rev"] in live]

    def _collapse(self, hits: list[Hit], k: int, manifest: Manifest) -> list[Hit]:
        """One passage once: an OCR copy's passage gives way to the clean one; near-duplicates go."""
        covered = manifest.covered
        replace_ids = [covered[h.passage.id] for h in hits if h.passage.id in covered]
        present = {h.passage.id for h in hits}
        fetched = {pid: Passage.model_validate(payload) for pid, payload in
                   self.store.payloads([i for i in replace_ids if i not in present]).items()} if replace_ids else {}
        by_id = {h.passage.id: h.passage for h in hits} | fetched
        out: list[Hit] = []
        seen: set[str] = set()
        for hit in hits:
            passage = by_id.get(covered.get(hit.passage.id, hit.passage.id), hit.passage)
            twin = any(o.passage.fiche == passage.fiche and near_duplicate(passage.text, o.passage.text) for o in out)
            if passage.id in seen or twin:
                continue
            seen.add(passage.id)
            out.append(Hit(passage, hit.score))
            if len(out) == k:
                break
        return out

    # -- output ---------------------------------------------------------------------------------
    def _result(self, hit: Hit, words: set[str], aliases: list[str], names: list[tuple[str, ...]],
                manifest: Manifest) -> dict[str, Any]:
        p = hit.passage
        entry = manifest.documents.get(p.doc_id)
        return {
            "id": p.id,
            "text": p.text,
            "highlights": highlight_spans(p.text, words, aliases, names),
            "document": {"id": p.doc_id, "title": p.doc_title, "type": p.doc_type.value,
                         "alternate_of": entry.alternate_of if entry else None},
            "page": p.page,
            "section": " › ".join(p.section) if p.section else None,
            "section_path": p.section,
            "fiche": p.fiche,
            "fiche_title": p.fiche_title,
            "field": p.field,
            "start": p.start,
            "end": p.end,
            "score": round(hit.score, 4),
            "citation": citation(p),
        }


def _target_fiches(hits: list[Hit], u: Understood, q: str) -> list[str]:
    """The fiches a question is about: those it names, or, for a field question, the best passage's."""
    if u.fiche or u.unknown_fiche or u.field not in _FICHE_FIELDS or u.intent != "passage":
        return [u.fiche, *u.other_fiches] if u.fiche else []
    if _OF_ACTION_RE.search(fold(q)):
        return _fiche_about(hits, u, q)
    # Only when the best passage is a fiche's: the best *fiche* passage under a veille's answer would
    # put that fiche's field first ("combien de fonctionnaires jugent leurs indicateurs … inadaptés ?").
    best = max(hits, key=lambda h: h.score, default=None)
    return [best.passage.fiche] if best and best.passage.fiche else []


def _fiche_about(hits: list[Hit], u: Understood, q: str) -> list[str]:
    """The fiche "l'action sur …" or "la fiche sur …" is about: of the fiches among the hits, the one whose
    passages hold most of the question's other words, then the best scored.

    The field's words and "action" weigh in retrieval too: in "le calendrier de l'action sur le bénévolat",
    they put fiche 33's calendrier and a veille passage on bénévolat before fiche 71, on bénévolat.
    """
    # The question less the words that asked for the field and the role.
    said = sorted((s.start, s.end) for s in u.spans if s.kind in ("field", "role"))
    kept, at = [], 0
    for start, end in said:
        kept.append(q[at:start])
        at = max(at, end)
    topic = set(terms(" ".join([*kept, q[at:]]))) - {"fiche", "action"}
    words: dict[str, set[str]] = {}
    best: dict[str, float] = {}
    for hit in hits:
        if fiche := hit.passage.fiche:
            words.setdefault(fiche, set()).update(terms(hit.passage.text))
            best[fiche] = max(best.get(fiche, hit.score), hit.score)
    if not best:
        return []
    return [max(best, key=lambda fiche: (len(topic & words[fiche]), best[fiche]))]


def _best(scores: dict[str, float]) -> list[str]:
    """The CANDIDATES best-scored ids of one list."""
    return sorted(scores, key=lambda pid: -scores[pid])[:CANDIDATES]


def citation(p: Passage) -> str:
    """The reference line of a passage: "PMS 2017-2022 … · Fiche 28.2 · Partenaires associés · p. 24"."""
    parts = [p.doc_title]
    if p.fiche:
        parts.append(f"Fiche {p.fiche}")
        if p.section:
            parts.append(p.section[-1])
    elif p.section:
        parts.append(p.section[-1])
    if p.page:
        parts.append(f"p. {p.page}")
    return " · ".join(parts)


def type_label(value: str) -> str:
    """The French label of a document type."""
    try:
        return DOCUMENT_TYPE_LABELS[DocumentType(value)]
    except ValueError:
        return value
