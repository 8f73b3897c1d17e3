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


def test_every_ocr_passage_maps_to_a_clean_one(parsed: dict) -> None:
    clean = make_passages(parsed["engagement-3-pouvoir-agir-professionnels"], "a")
    ocr = make_passages(parsed["engagement-3-pouvoir-agir-professionnels-ocr"], "b")
    covered = covered_passages(ocr, clean)
    assert set(covered) == {p.id for p in ocr}  # the clean livret says all the OCR copy says
    by_id = {p.id: p for p in clean}
    for alt in ocr:
        if "Diversifier les supports" in alt.text:
            assert "Diversifier les supports" in by_id[covered[alt.id]].text
        # OCR read across columns: a paragraph and a caption in one passage, each clean in its own.
        if "Rapport Bourguignon" in alt.text and "collectif de travail" in alt.text:
            assert "collectif de travail" in by_id[covered[alt.id]].text


def test_text_only_the_alternate_kept_stays_its_own(parsed: dict) -> None:
    clean = make_passages(parsed["engagement-3-pouvoir-agir-professionnels"], "a")
    ocr = make_passages(parsed["engagement-3-pouvoir-agir-professionnels-ocr"], "b")
    # A page the clean version lost: text of another document, as if only the OCR copy printed it.
    other = next(doc for key, doc in parsed.items() if not key.startswith("engagement-3"))
    lost = make_passages(other, "c")[5].model_copy(update={"id": "lost"})
    assert "lost" not in covered_passages([*ocr, lost], clean)
