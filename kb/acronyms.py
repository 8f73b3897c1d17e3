"""A name and its initials, where the plan prints one and a question types the other.

The glossary expands the organisations' acronyms; other names are printed
either way without a glossary line: "Revenu de Solidarité Active" on one
fiche, "RSA" on others, "Fonds de Solidarité pour le Logement (FSL)". A name of
three words or more also stands for its initials where a line prints them in
capitals, and an acronym for a run of capitalised words with those initials.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from kb.analyzer import tokens

# Shorter names ("Conseil de développement") have initials that are too often something else.
MIN_WORDS = 3
MAX_LETTERS = 6


def initials(words: list[str]) -> str | None:
    """The acronym a name of analysed terms would have ("revenu solidarite active" -> "RSA"), if long enough."""
    return "".join(w[0] for w in words).upper() if MIN_WORDS <= len(words) <= MAX_LETTERS else None


def prints_acronym(text: str, acronym: str) -> bool:
    """Whether `text` prints `acronym` in capitals, as a word of its own."""
    return re.search(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", text) is not None


# After a run of capitalised words, more of them: the run begins a longer name ("Programme Métropolitain
# d'Insertion pour l'Emploi" is no "PMI").
_NAME_GOES_ON_RE = re.compile(r"\s*(?:(?:pour|et|de|du|des|d['’]|l['’]|la|le|les|à|au|aux)\s*)*[A-ZÀ-Ý]")


def name_starts(names: Collection[tuple[str, ...]], length: int) -> frozenset[tuple[str, ...]]:
    """The first `length` terms of the `names` (analysed terms) longer than that: words that begin a longer
    name, not a name of their own."""
    return frozenset(name[:length] for name in names if len(name) > length)


def prints_expansion(text: str, acronym: str, starts: Collection[tuple[str, ...]] = ()) -> bool:
    """Whether `text` prints capitalised words whose initials are `acronym` ("Revenu de Solidarité Active"),
    and not as the start of a longer name: one printed on (`_NAME_GOES_ON_RE`), or one whose first terms are
    in `starts` (see `name_starts`): "Programme Métropolitain d'Insertion 2016-2020" is the PMIE's name cut
    short, not the PMI."""
    letters = acronym.upper()
    if not MIN_WORDS <= len(letters) <= MAX_LETTERS or not letters.isalpha():
        return False
    found = tokens(text)
    runs = (found[i:i + len(letters)] for i in range(len(found) - len(letters) + 1))
    return any(all(t.term[:1].upper() == letter and text[t.start].isupper()
                   for t, letter in zip(run, letters, strict=True))
               and not _NAME_GOES_ON_RE.match(text, run[-1].end)
               and tuple(t.term for t in run) not in starts for run in runs)
