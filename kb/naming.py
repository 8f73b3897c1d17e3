"""Which printed lines of the fiches name a notion or a name: the proof behind a list answer.

A name of several words is read as a phrase where a fiche prints it, or by its
acronym; otherwise every word must stand in one line, so that the line cited
proves the whole name. One word may be an acronym a line spells out.
"""

from __future__ import annotations

from collections.abc import Collection

from kb.acronyms import initials, name_starts, prints_acronym, prints_expansion
from kb.entity import SERVICE_HEADS, names_common_noun

# A printed line of a fiche: (label, field, line, its analysed terms).
Line = tuple[str, str, str, tuple[str, ...]]
# The fields that print names: pilotes and partenaires.
NAMES_FIELDS = ("pilotes", "partenaires")


def has_phrase(line_terms: tuple[str, ...], words: list[str]) -> bool:
    """Whether `words` appear in `line_terms` one after the other."""
    n = len(words)
    return any(list(line_terms[i:i + n]) == words for i in range(len(line_terms) - n + 1))


def naming_lines(read: dict[str, list[Line]], words: list[str], within: tuple[str, ...] = (),
                 names: Collection[tuple[str, ...]] = ()) -> dict[str, list[Line]]:
    """Per fiche, its lines naming `words`: as a phrase (or its acronym) if any fiche prints one, else all in
    one line, or by one of the acronyms `within`, whose names hold it. One word may be an acronym a line
    spells out ("RSA": "Revenu de Solidarité Active"), unless the words spelled begin a longer name of
    `names` (the organisations', as analysed terms)."""
    if len(words) > 1:
        short = initials(words)
        # "la direction de la communication": also "Métropole : …, Communication, …" in a pilote or partenaires line.
        service = words[1:] if words[0] in SERVICE_HEADS else None
        phrases = {number: [line for line in lines if has_phrase(line[3], words)
                            or (short and prints_acronym(line[2], short))
                            or (service and line[1] in NAMES_FIELDS and has_phrase(line[3], service))]
                   for number, lines in read.items()}
        if any(phrases.values()):
            return phrases
    else:
        # Read once here, not for each of the hundreds of lines.
        starts = name_starts(names, len(words[0]))
        spelled = {number: [line for line in lines if prints_expansion(line[2], words[0], starts)]
                   for number, lines in read.items()}
        if any(spelled.values()):
            return {number: [line for line in lines if words[0] in line[3] or line in spelled[number]]
                    for number, lines in read.items()}
        return {number: [line for line in lines if words[0] in line[3] and not names_common_noun(line[2], words[0])]
                for number, lines in read.items()}
    # Printed nowhere as a phrase, a notion may still be named by an acronym standing for it: "santé mentale" by
    # the "CLSM" of a partenaires line. Not where a fiche prints the phrase: "développement social" is not every
    # fiche the DSDS (Direction Santé et Développement Social) pilots.
    wanted = set(words)
    return {number: [line for line in lines if wanted <= set(line[3])
                     or any(prints_acronym(line[2], acronym) for acronym in within)] for number, lines in read.items()}
