"""Fusion of the three retrievers' scores."""

from __future__ import annotations

from kb.analyzer import query_vector, term_index
from kb.fusion import DENSE_SLOT, FULL_COVERAGE, coverage, fuse


def test_the_passage_e5_puts_first_keeps_a_place_in_the_top_five() -> None:
    # Eight passages share the question's words; "para" says the same thing in other words:
    # the nearest by e5, and by far, but with no BM25 score at all.
    wordy = {f"w{i}": 0.80 + i / 1000 for i in range(8)}
    dense = {**wordy, "para": 0.90}
    sparse = {pid: 10.0 - i / 10 for i, pid in enumerate(wordy)}
    units = dict(dense)
    fused = fuse(dense, sparse, units, (0.75, 0.75))
    ranking = sorted(fused, key=lambda pid: -fused[pid])
    assert ranking.index("para") == DENSE_SLOT - 1
    # Only the nearest is lifted: the next one, with no BM25 score either, stays where it is.
    fused = fuse({**dense, "para2": 0.89}, sparse, {**units, "para2": 0.89}, (0.75, 0.75))
    ranking = sorted(fused, key=lambda pid: -fused[pid])
    assert ranking.index("para") == DENSE_SLOT - 1 and ranking.index("para2") > DENSE_SLOT


def test_nearest_means_by_passage_and_best_sentence_together() -> None:
    # "whole" is a shade nearer by its passage vector, "answer" by far by its best sentence:
    # e5's half of the score (passage and sentence) puts "answer" first, and it is the one lifted.
    wordy = {f"w{i}": 0.80 + i / 1000 for i in range(8)}
    dense = {**wordy, "whole": 0.90, "answer": 0.89}
    units = {**wordy, "whole": 0.82, "answer": 0.95}
    sparse = {pid: 10.0 - i / 10 for i, pid in enumerate(wordy)}
    fused = fuse(dense, sparse, units, (0.75, 0.75))
    ranking = sorted(fused, key=lambda pid: -fused[pid])
    assert ranking.index("answer") < DENSE_SLOT <= ranking.index("whole")


def test_coverage_is_the_share_of_the_question_a_passage_holds() -> None:
    indices, values = query_vector("intégrer les agents recrutés")
    held = {term_index("agent"), term_index("~agent")}
    assert coverage(indices, values, held) == 2 / len(indices)
    assert coverage(indices, values, set(indices)) == 1.0
    assert coverage([], [], set()) == 1.0  # no words: nothing to weigh down


def test_bm25_weighs_less_when_its_best_passage_holds_little_of_the_question() -> None:
    # "lexical" shares a common word with the question, "meaning" is e5's nearest by a little.
    dense = {"lexical": 0.82, "meaning": 0.86, "other": 0.80}
    sparse = {"lexical": 4.0}
    units = dict(dense)
    full = fuse(dense, sparse, units, (0.75, 0.75))
    assert max(full, key=full.__getitem__) == "lexical"
    weak = fuse(dense, sparse, units, (0.75, 0.75), covered=FULL_COVERAGE / 5)
    assert max(weak, key=weak.__getitem__) == "meaning"
    # At FULL_COVERAGE or above, BM25 keeps its whole weight.
    assert fuse(dense, sparse, units, (0.75, 0.75), covered=FULL_COVERAGE) == full
