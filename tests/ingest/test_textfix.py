"""Character and word repair on real seed text: ligatures, small capitals, split words, OCR noise."""

from __future__ import annotations

from ingest.load import load_file
from ingest.textfix import (
    capitalize_sentences,
    fix_small_caps,
    normalize_unicode,
    ocr_noise,
    rejoin_split_words,
    repair_ligatures,
    small_caps_damaged,
)
from tests.conftest import CORPUS, LIVRET3, LIVRET3_OCR, ROOT, VEILLE


def test_ligature_glyphs_become_the_letters_of_a_french_word() -> None:
    raw = LIVRET3.read_text(encoding="utf-8")
    assert "\ue01f" in raw and "\ue01e" in raw
    fixed = repair_ligatures(raw)
    assert "\ue01f" not in fixed and "\ue01e" not in fixed
    for word in ("déficit", "offres", "Diversifier", "simplifier", "fidéliser", "souffrent", "films"):
        assert word in fixed, word


def test_an_unknown_glyph_reading_falls_back_to_the_usual_ligature() -> None:
    assert repair_ligatures("o\ue01eres et dé\ue01fcit") == "offres et déficit"
    assert repair_ligatures("xq\ue01fzz") == "xqfizz"


def test_normalize_removes_controls_and_keeps_newlines() -> None:
    assert normalize_unicode("a\x00b\u00a0c\r\nd\u00ade\tf") == "ab c\nde f"
    assert normalize_unicode("ﬁn") == "fin"


def test_small_caps_of_the_veille_are_fixed_for_display() -> None:
    raw = VEILLE.read_text(encoding="utf-8")
    assert small_caps_damaged(raw)
    assert not small_caps_damaged(LIVRET3.read_text(encoding="utf-8"))
    fixed = fix_small_caps("1 - le trAvAil sociAl est Pris en tenAille\nPArole de ProFessionnel\n"
                           "les associations de la dPdP et de la cAF travaillent avec les usagers")
    assert fixed.splitlines() == ["1 - LE TRAVAIL SOCIAL EST PRIS EN TENAILLE", "PAROLE DE PROFESSIONNEL",
                                  "les associations de la DPDP et de la CAF travaillent avec les usagers"]
    assert capitalize_sentences("parole de professionnel\n\n1 - le travail. la suite") == \
        "Parole de professionnel\n\n1 - Le travail. La suite"


def test_ocr_noise_tells_the_scanned_copy_from_the_clean_text() -> None:
    clean = ocr_noise(repair_ligatures(LIVRET3.read_text(encoding="utf-8")))
    scanned = ocr_noise(LIVRET3_OCR.read_text(encoding="utf-8"))
    assert clean < 0.02 < scanned


def test_words_cut_by_letter_spacing_are_rejoined() -> None:
    # pypdf's reading of the minutes of a Quebec demolition committee (tests/fixtures/pdfs).
    pages = load_file(ROOT / "tests" / "fixtures" / "pdfs" / "pdfplumber-2023-06-20-PV.pdf").pages
    text = normalize_unicode("\n".join(pages))
    assert "du r èglement 1274" in text and "QUE l e projet" in text
    fixed = rejoin_split_words(text)
    assert "du règlement 1274" in fixed and "QUE le projet" in fixed
    assert rejoin_split_words("du r\nèglement") == "du règlement"  # the reflow would join the lines
    # Real words stay apart, and so do one-letter words and numbers.
    for text in ("il y a à faire", "les points a b c", "la demande 2023 -0379", "Charles de Gaulle", "de\nla"):
        assert rejoin_split_words(text) == text


def test_the_clean_seeds_have_no_split_word_to_rejoin() -> None:
    for path in CORPUS.glob("*.*"):
        text = normalize_unicode(path.read_text(encoding="utf-8"))
        if "-ocr" not in path.name:
            assert rejoin_split_words(text) == text, path.name
