"""Character- and word-level repair of French text extracted from PDFs.

Plain functions, each testable on real seed text:
- `normalize_unicode`: NFKC, control characters out, exotic spaces to plain ones;
- `repair_ligatures`: private-use glyphs standing for fi/ff/fl/ffi/ffl, decided by the lexicon;
- `fix_small_caps`: words like "trAvAil" or "esPAce" that small capitals left in mixed case;
- `rejoin_split_words`: words the PDF's letter spacing cut in two ("r èglement", "l e");
- `ocr_noise`: the share of words the lexicon does not know.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

from kb.lexicon import Lexicon, french, words

# Characters that carry nothing readable: soft hyphen, zero-width spaces and joiners, BOM.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_LIGATURES = ("fi", "ff", "fl", "ffi", "ffl", "ft", "st")
# What the glyphs of the PMS PDFs' fonts stood for; used when the lexicon cannot decide.
_KNOWN_PUA = {"\ue01f": "fi", "\ue01e": "ff", "\ue020": "fl", "\ue021": "ffi", "\ue022": "ffl"}
_PUA_RE = re.compile(r"[\ue000-\uf8ff]")
_PUA_WORD_RE = re.compile(r"[^\W\d_]*[\ue000-\uf8ff][\w\ue000-\uf8ff]*", re.UNICODE)


def normalize_unicode(text: str) -> str:
    """NFKC, no control characters but newlines and form feeds, tabs and odd spaces as spaces."""
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return "".join(
        ch for ch in text if ch in "\n\f" or not unicodedata.category(ch).startswith("C") or _PUA_RE.match(ch)
    )


def _is_pua(ch: str) -> bool:
    return "\ue000" <= ch <= "\uf8ff"


def _candidates(word: str) -> list[str]:
    slots = [i for i, ch in enumerate(word) if _is_pua(ch)]
    if len(slots) > 3:  # combinatorics would explode on garbage; fall back to the known map
        return [_apply_known(word)]
    out = []
    for choice in itertools.product(_LIGATURES, repeat=len(slots)):
        chars = list(word)
        for slot, lig in zip(slots, choice, strict=True):
            chars[slot] = lig
        out.append("".join(chars))
    return out


def _apply_known(word: str) -> str:
    return "".join(_KNOWN_PUA.get(ch, "") if _is_pua(ch) else ch for ch in word)


def repair_ligatures(text: str, lexicon: Lexicon | None = None) -> str:
    """Replace private-use ligature glyphs by the letters that make a French word.

    "dé\\ue01fcit" -> "déficit", "o\\ue01eres" -> "offres". Among the readings
    fi/ff/fl/ffi/ffl the most frequent word wins; when none is a word, the
    glyph's usual meaning applies, and an unknown glyph is dropped.
    """
    if not _PUA_RE.search(text):
        return text
    lexicon = lexicon or french()

    def fix(match: re.Match[str]) -> str:
        word = match.group()
        best = max(_candidates(word), key=lambda cand: (lexicon.zipf(cand), cand == _apply_known(word)))
        return best if lexicon.zipf(best) > 0 else _apply_known(word)

    return _PUA_RE.sub("", _PUA_WORD_RE.sub(fix, text))


# Two words side by side, the second in lower case, with only spaces or line breaks between
# them; a lookahead, so that "du r èglement" yields both "du r" and "r èglement".
_PAIR_RE = re.compile(r"(?=(?<![^\W\d_])([^\W\d_]{1,12})(\s+)([a-zà-ÿ][^\W\d_]*)(?![^\W\d_]))")
# One-letter French words, which never are half of a split word.
_ONE_LETTER_WORDS = frozenset("aàyô")
# How common the whole word must be; two single letters must make a very common one ("le", "du").
SPLIT_WORD_ZIPF = 3.0
LETTER_PAIR_ZIPF = 5.0


def _is_split(left: str, right: str, lexicon: Lexicon) -> bool:
    whole = lexicon.zipf((left + right).lower())
    if whole < SPLIT_WORD_ZIPF:
        return False
    if lexicon.zipf(left.lower()) == 0 or lexicon.zipf(right) == 0:
        return True  # "r" + "èglement": one half is no word, the whole is one
    return (len(left) == len(right) == 1 and whole >= LETTER_PAIR_ZIPF
            and left.lower() not in _ONE_LETTER_WORDS and right not in _ONE_LETTER_WORDS)


def rejoin_split_words(text: str, lexicon: Lexicon | None = None) -> str:
    """Take out the spaces that letter spacing put inside words.

    pypdf reads a word whose letters the PDF placed one by one as two when a gap
    is wide: "r èglement" -> "règlement", "l e projet" -> "le projet". A space
    (or a line break: the reflow would join the lines) goes only when the whole
    is a French word and a half is not, or both are single letters that make a
    common word.
    """
    lexicon = lexicon or french()
    cuts = [(m.end(1), m.end(1) + len(m.group(2))) for m in _PAIR_RE.finditer(text)
            if _is_split(m.group(1), m.group(3), lexicon)]
    for start, end in reversed(cuts):
        text = text[:start] + text[end:]
    return text


# "trAvAil", "esPAce", "PArole": a capital inside a word that has lowercase letters.
_CAMEL_RE = re.compile(r"\b\w*(?:[a-zà-ÿ][A-ZÀ-Þ]|[A-ZÀ-Þ]{2,}[a-zà-ÿ])\w*\b")


def small_caps_damaged(text: str) -> bool:
    """True when small capitals left several words like "trAvAil" in the text."""
    return len(_CAMEL_RE.findall(text)) >= 5


def _fix_word(word: str) -> str:
    letters = [c for c in word if c.isalpha()]
    uppers = sum(1 for c in letters if c.isupper())
    # Short words with several capitals are acronyms ("dPdP", "cAF", "PMs"); the rest
    # are ordinary words whose small capitals came out as capitals.
    if len(letters) <= 5 and uppers >= 2:
        return word.upper()
    return word.lower()


def has_small_caps(line: str) -> bool:
    """True for a line set in small capitals: a good share of its words are in mixed case.

    One "cAF" in a long line of body text does not make a title.
    """
    # Acronyms in mixed case ("cAF", "dPdP") say nothing about the line; damaged words do.
    damaged = sum(1 for w in _CAMEL_RE.findall(line) if _fix_word(w).islower())
    return damaged > 0 and damaged >= 0.12 * len(words(line))


def fix_small_caps(text: str) -> str:
    """Undo small-caps mixed case for display.

    A line set in small capitals ("1 - le trAvAil sociAl") was printed in
    capitals: it becomes "1 - LE TRAVAIL SOCIAL", which also tells the reflow
    it is a heading. Elsewhere only the damaged words change: lowercased
    ("esPAce" -> "espace"), or uppercased when they are short acronyms
    ("dPdP" -> "DPDP", "cAF" -> "CAF").
    """
    return "\n".join(
        line.upper() if has_small_caps(line) else _CAMEL_RE.sub(lambda m: _fix_word(m.group()), line)
        for line in text.split("\n")
    )


def capitalize_sentences(text: str) -> str:
    """Capitalise paragraph and sentence starts (for text whose capitals were lost)."""
    text = re.sub(r"(^|\n\n)([«\"(\s]*(?:\d{1,2}\s*-\s*)?)([a-zà-ÿ])",
                  lambda m: m.group(1) + m.group(2) + m.group(3).upper(), text)
    return re.sub(r"([.!?]\s+)([a-zà-ÿ])", lambda m: m.group(1) + m.group(2).upper(), text)


def ocr_noise(text: str, lexicon: Lexicon | None = None) -> float:
    """Share of the words (3 letters or more) that the French lexicon does not know."""
    lexicon = lexicon or french()
    candidates = [w for w in words(text) if len(w) >= 3]
    return round(1.0 - lexicon.known_share(candidates), 4)
