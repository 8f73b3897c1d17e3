"""Spelling correction of questions against the words of the index: "lutet" -> "lutte".

A word of the question that neither the index nor the French lexicon knows is
replaced by the index's word one edit away (a letter dropped, added, changed,
or two letters swapped), the most frequent one if several are; failing that,
by the most frequent French word one edit away ("commnt" -> "comment"), which
only the dense retriever can use, since BM25 has no such word. Both
retrievers and the query analysis then read the corrected question, and the
answer says what was corrected, so the page can show it. Only unknown words
are touched: a rare but real word, an acronym, or a word typed without its
accents ("precarite") is left as typed. Shorthand typed in a hurry ("la com",
"le conseil de dev", "tjrs") is read in full, and said so the same way.

A question typed in capitals ("PRECARITE ENERGETIQUE") is first given the case
and accents the index writes its words with ("précarité énergétique", but
"CAF" stays "CAF"): the dense encoder reads "PRÉCARITÉ" as another word.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache

import wordfreq

from kb.lexicon import fold, french

# Shorter words have too many neighbours one edit away to guess which was meant.
MIN_LENGTH = 5
# Shorthand typed in a hurry, read in full ("com" is in the index only from web addresses): "la direction de la com",
# "le conseil de dev", "actions tjrs en cours".
SHORTHAND = {"com": "communication", "dev": "développement", "dvpt": "développement", "asso": "association",
             "assos": "associations", "tjrs": "toujours", "qq": "quelque", "pb": "problème", "pbs": "problèmes"}
# A word the French lexicon knows at least this well is a real word, even if the index lacks it.
KNOWN_ZIPF = 2.0
# A word keeps a capital only when the index writes it so most of the time (CAF, Lyon),
# not when it merely opens sentences and bullet points.
CASED_SHARE = 2 / 3
# The French words a slip is corrected to when the index has no word close enough.
LEXICON_SIZE = 20_000
_WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)
# What may stand before a word that opens a sentence, a bullet point or a quotation.
_SENTENCE_STARTS = frozenset(".!?:;•›»«–—-*")


def within_one_edit(a: str, b: str, swaps: bool = True) -> bool:
    """True when `b` is `a` with one letter dropped, added, changed, or (with `swaps`) two adjacent letters swapped."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diff) == 1:
            return True
        return (swaps and len(diff) == 2 and diff[1] == diff[0] + 1
                and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = next((k for k in range(len(short)) if short[k] != long[k]), len(short))
    return short[i:] == long[i + 1:]


def _opens_sentence(line: str, start: int) -> bool:
    """Whether the word at `start` opens its line, a sentence, a bullet point or a quotation."""
    before = line[:start].rstrip()
    return not before or before[-1] in _SENTENCE_STARTS


def _keys(word: str) -> set[str]:
    """The word and the words it makes with one letter deleted (symmetric-delete keys)."""
    return {word} | {word[:i] + word[i + 1:] for i in range(len(word))}


@lru_cache(maxsize=1)
def lexicon_neighbours() -> dict[str, tuple[str, ...]]:
    """Symmetric-delete keys of the most frequent French words (built once, about 0.6 s)."""
    keys: dict[str, list[str]] = defaultdict(list)
    for word in wordfreq.top_n_list("fr", LEXICON_SIZE):
        if word.isalpha() and len(word) >= MIN_LENGTH:
            for variant in _keys(fold(word)):
                keys[variant].append(word)
    return {key: tuple(words) for key, words in keys.items()}


class Speller:
    """The index's vocabulary, and the correction of a question against it."""

    def __init__(self, texts: Iterable[str]) -> None:
        surfaces: dict[str, Counter[str]] = defaultdict(Counter)
        # How each word is written in running text; a heading in capitals says nothing of case.
        written: dict[str, Counter[str]] = defaultdict(Counter)
        for text in texts:
            for line in text.splitlines():
                running = not line.isupper()
                for match in _WORD_RE.finditer(line):
                    word = match.group().lower()
                    key = fold(word)
                    surfaces[key][word] += 1
                    if running and not _opens_sentence(line, match.start()):
                        written[key][match.group() if not match.group().islower() else ""] += 1
        self.counts = {key: sum(forms.values()) for key, forms in surfaces.items()}
        # The index's own spelling of each word, accents included, to put back in the question.
        self.surface = {key: forms.most_common(1)[0][0] for key, forms in surfaces.items()}
        # The words the index mostly writes with capitals, as it writes them.
        self.capitalised = {key: form for key, forms in written.items()
                            for form, n in [forms.most_common(1)[0]] if form and n >= CASED_SHARE * forms.total()}
        # Symmetric deletes: two words one edit apart share a key once each loses at most a letter.
        self._neighbours: dict[str, set[str]] = defaultdict(set)
        for key in self.counts:
            if len(key) >= MIN_LENGTH - 1:
                for variant in _keys(key):
                    self._neighbours[variant].add(key)

    def __len__(self) -> int:
        return len(self.counts)

    def suggest(self, word: str) -> str | None:
        """The index's spelling of an unknown `word`, or None when it is known or nothing is close."""
        key = fold(word)
        if key in SHORTHAND and not word.isupper():
            return SHORTHAND[key]
        if len(key) < MIN_LENGTH or key in self.counts or word.isupper() or french().zipf(word.lower()) >= KNOWN_ZIPF:
            return None
        variants = _keys(key)
        found = {c for variant in variants for c in self._neighbours.get(variant, ())}
        close = sorted((c for c in found if within_one_edit(key, c)), key=lambda c: (-self.counts[c], c))
        if close:
            return self.surface[close[0]]
        lexicon = lexicon_neighbours()
        words = {w for variant in variants for w in lexicon.get(variant, ()) if within_one_edit(key, fold(w))}
        return max(words, key=lambda w: (french().zipf(w), w)) if words else None

    def truecase(self, question: str) -> str:
        """A question typed all in capitals, written as a sentence with the index's spelling of its words.

        Any other question is left as typed.
        """
        if not question.isupper() or sum(c.isalpha() for c in question) < 2:
            return question

        def written(match: re.Match[str]) -> str:
            key = fold(match.group())
            if key in self.surface:
                return self.capitalised.get(key) or self.surface[key]
            # Unknown to the index: a French word is written small; an acronym, or a slip, stays as typed.
            word = match.group().lower()
            return word if french().zipf(word) >= KNOWN_ZIPF else match.group()

        sentence = _WORD_RE.sub(written, question)
        first = next((i for i, c in enumerate(sentence) if c.isalpha()), 0)
        return sentence[:first] + sentence[first:first + 1].upper() + sentence[first + 1:]

    def correct(self, question: str) -> tuple[str, list[tuple[str, str]]]:
        """The question with its unknown words corrected, and the (typed, corrected) pairs."""
        fixes: list[tuple[str, str]] = []
        parts: list[str] = []
        last = 0
        for match in _WORD_RE.finditer(question):
            suggestion = self.suggest(match.group())
            if suggestion is None:
                continue
            if match.group()[0].isupper():
                suggestion = suggestion[0].upper() + suggestion[1:]
            parts.extend((question[last:match.start()], suggestion))
            last = match.end()
            fixes.append((match.group(), suggestion))
        if not fixes:
            return question, []
        parts.append(question[last:])
        return "".join(parts), fixes
