"""Near-duplicate documents: the OCR copy of livret 3 is found, and only it."""

from __future__ import annotations

from ingest.chunk import make_passages
from ingest.dedup import canonical_of, covered_passages, minhash, similarity
from kb.models import DocumentEntry


def _entry(doc) -> DocumentEntry:  # type: ignore[no-untyped-def]
    return DocumentEntry(id=doc.id, rev="r", source=doc.source, sha256="x", title=doc.title, type=doc.type,
                         ocr_score=doc.ocr_score, minhash=minhash(doc.text))


def test_the_ocr_copy_is_the_alternate_of_the_clean_livret(parsed: dict) -> None:
    entries = {key: _entry(doc) for key, doc in parsed.items()}
    assert canonical_of(entries) == {
        "engagement-3-pouvoir-agir-professionnels-ocr": "engagement-3-pouvoir-agir-professionnels"}


def test_unrelated_documents_share_little(parsed: dict) -> None:
    sig = {key: minhash(doc.text) for key, doc in parsed.items()}
    pairs = [(a, b) for a in sig for b in sig if a < b]
    high = [(a, b) for a, b in pairs if similarity(sig[a], sig[b]) >= 0.3]
    assert high == [("engagement-3-pouvoir-agir-professionnels", "engagement-3-pouvoir-agir-professionnels-ocr")]


def test_most_ocr_passages_map_to_a_clean_one_and_the_rest_stay(parsed: dict) -> None:
    clean = make_passages(parsed["engagement-3-pouvoir-agir-professionnels"], "a")
    ocr = make_passages(parsed["engagement-3-pouvoir-agir-professionnels-ocr"], "b")
    covered = covered_passages(ocr, clean)
    assert len(covered) >= len(ocr) // 2
    assert len(covered) < len(ocr)  # some OCR text has no clean counterpart and stays findable
    by_id = {p.id: p for p in clean}
    for alt in ocr:
        if "Diversifier les supports" in alt.text:
            assert "Diversifier les supports" in by_id[covered[alt.id]].text
