"""Organisations: the acronym table and the matcher that finds them in text.

An organisation is found by its acronym (case-sensitive, whole token, so the
UDCCAS is never a CCAS) or by its full name compared on content words,
folded and without plurals, so "la Caisse d'Allocations Familiales" is the
glossary's "CAF : Caisse d'Allocation Familiale". The longest name wins where
two overlap: "Union Départementale des Centres Communaux d'Action Sociale" is
the UDCCAS, not a CCAS inside it.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable
from dataclasses import dataclass
from typing import TypeVar

from kb.analyzer import STOPWORDS, Token, tokens
from kb.lexicon import fold, french
from kb.models import GlossaryEntry, Organisation

T = TypeVar("T")
_ACRONYM_TOKEN_RE = re.compile(r"[A-Za-zÀ-ÿ0-9&]+")
# Names of at least this many content words are still recognised with one of them left out.
NEAR_NAME_WORDS = 5
# The region a name may end with, which a user leaves out: "la Direction régionale et départementale de la
# jeunesse, des sports et de la cohésion sociale" is the DRDJSCS's "… sociale Auvergne-Rhône-Alpes".
_REGION_WORDS = frozenset({"auvergne", "rhone", "alpe", "alpes"})
# "DP (Direction de la Propreté)": an acronym a fiche spells out where it names it.
_SPELLED_RE = re.compile(r"\b([A-Z][A-Z0-9&]{1,})\s*\(([^()]+)\)")
# A pilote or partenaires item that is an acronym alone ("DRH"): three capitals at least.
_BARE_ACRONYM_RE = re.compile(r"[A-Z][A-Z0-9&]{2,}")


@dataclass(frozen=True)
class OrgHit:
    """An organisation named in a text: which one, and where."""

    org: str
    start: int
    end: int


def org_id(acronym: str) -> str:
    """The identifier of an organisation: its acronym without a "Pôle" prefix ("Pôle PAPH" -> "PAPH")."""
    return acronym.split()[-1]


def _key(text: str) -> tuple[str, ...]:
    return tuple(t.term for t in tokens(text))


# The words that say what kind of body a name is, and where, not what it does.
_BODY_WORDS = frozenset(_key("direction délégation service maison union fédération pôle cellule programme "
                             "régionale départementale nationale métropolitaine métropolitain"))


def _only_one(variants: dict[T, set[str]], taken: Container[T]) -> dict[T, str]:
    """The variants that can stand for one organisation only and are not already another's name or acronym."""
    return {variant: ids.pop() for variant, ids in variants.items() if len(ids) == 1 and variant not in taken}


def printed_entries(items: Iterable[str], known: OrgTable) -> list[GlossaryEntry]:
    """The organisations a fiche's pilote or partenaires items name that `known` does not.

    The glossary does not define every acronym the fiches print: "DRH" is a
    partenaire of two fiches, "DP (Direction de la Propreté)" is spelled out
    where it is named. An item that is an acronym alone names an organisation
    of that name; an acronym followed by words in brackets is named by them
    when its letters are their initials ("EM (Social Impact weekend)" is not).
    """
    found: dict[str, GlossaryEntry] = {}
    for item in items:
        spelled = [(a, n.strip()) for a, n in _SPELLED_RE.findall(item) if _initials(n) == fold(a)]
        bare = item.strip(" .…,;") if _BARE_ACRONYM_RE.fullmatch(item.strip(" .…,;")) else None
        for acronym, name in [*spelled, *([(bare, bare)] if bare else [])]:
            if acronym not in found and not known.find(acronym):
                found[acronym] = GlossaryEntry(acronym=acronym, name=name)
    return list(found.values())


def _initials(name: str) -> str:
    """The first letters of a name's words, less its small words: "Direction de la Propreté" -> "dp"."""
    return "".join(word[0] for word in re.findall(r"[^\W\d_]+", fold(name)) if word not in STOPWORDS)


class OrgTable:
    """Known organisations and how to find them in a text or a query."""

    def __init__(self, entries: list[GlossaryEntry]) -> None:
        self.orgs: dict[str, Organisation] = {}
        for entry in entries:
            oid = org_id(entry.acronym)
            if oid in self.orgs:
                continue
            aliases = [a for a in {entry.acronym, oid} if a != oid]
            self.orgs[oid] = Organisation(id=oid, name=entry.name, acronym=entry.acronym,
                                          aliases=aliases, category=entry.category)
        self._by_acronym = {fold(a): oid for oid, o in self.orgs.items() for a in [oid, *o.aliases]}
        # A long acronym printed with a letter missing ("DDSH", "ESMS", "DRJSCS"), when it can be only one.
        short: dict[str, set[str]] = {}
        for oid in self.orgs:
            if len(oid) >= 5:
                for i in range(len(oid)):
                    short.setdefault(fold(oid[:i] + oid[i + 1:]), set()).add(oid)
        self._short = _only_one(short, self._by_acronym)
        self._names: dict[tuple[str, ...], str] = {}
        for oid, org in self.orgs.items():
            key = _key(org.name)
            if len(key) >= 2:
                self._names.setdefault(key, oid)
        self._max_len = max((len(k) for k in self._names), default=0)
        # A long name typed with an inner word left out ("Maison Départementale des Personnes
        # Handicapées" for the MDMPH's "… Départementale et Métropolitaine des …"). Its first
        # and last words stay: without them, "Pôle Personnes Âgées Personnes Handicapées"
        # would be any question on "personnes âgées, personnes handicapées". A shortened
        # form two names share names neither.
        near: dict[tuple[str, ...], set[str]] = {}
        for key, oid in self._names.items():
            if len(key) >= NEAR_NAME_WORDS:
                for i in range(1, len(key) - 1):
                    near.setdefault(key[:i] + key[i + 1:], set()).add(oid)
        self._near = _only_one(near, self._names)
        # A long name typed without what it ends with: its region (the DRDJSCS's "… sociale Auvergne-Rhône-Alpes";
        # three words at least, "Collège Coopérant" alone names too little) or the list in brackets ("la
        # Direction ressources" is the DR's "Direction ressources (RH, SI/communication, …)").
        for oid, org in self.orgs.items():
            key = regionless = _key(org.name)
            while regionless and regionless[-1] in _REGION_WORDS:
                regionless = regionless[:-1]
            unbracketed = _key(re.sub(r"\s*\([^()]*\)\s*$", "", org.name))
            for bare, least in ((regionless, 3), (unbracketed, 2)):
                if len(bare) >= least and bare != key and bare not in self._names:
                    self._near.setdefault(bare, oid)
        # A name of two parts joined by "et" typed with its first part only, when no other name begins alike
        # and that part says what the body does: "la Direction de l'Habitat" is the DHL's "Direction de
        # l'Habitat et du Logement", but "une direction régionale" or "la maison départementale" names no one.
        heads: dict[tuple[str, ...], set[str]] = {}
        for oid, org in self.orgs.items():
            head = _key(re.split(r"\s+et\s+", org.name, maxsplit=1)[0])
            if 2 <= len(head) < len(_key(org.name)) and not set(head) <= _BODY_WORDS:
                heads.setdefault(head, set()).add(oid)
        for head, oid in _only_one(heads, self._names).items():
            self._near.setdefault(head, oid)
        # A long name typed with its end as that end's own acronym: "l'Union Départementale des CCAS" is
        # the UDCCAS, whose name ends with the CCAS's "Centres Communaux d'Action Sociale".
        for key, oid in self._names.items():
            for tail, other in self._names.items():
                if other != oid and len(tail) < len(key) and key[-len(tail):] == tail:
                    self._near.setdefault(key[:-len(tail)] + _key(other), oid)

    def __len__(self) -> int:
        return len(self.orgs)

    def get(self, oid: str) -> Organisation | None:
        """The organisation with this id, if known."""
        return self.orgs.get(oid)

    def by_acronym(self, word: str) -> str | None:
        """The organisation an acronym names, whatever its case ("udccas" -> "UDCCAS")."""
        return self._by_acronym.get(fold(word))

    def resolve(self, name: str) -> str:
        """The id of the organisation a user typed (acronym or full name); unknown names stay as typed."""
        return self.by_acronym(name) or next((h.org for h in self.find(name, case_sensitive=False)), name)

    def find(self, text: str, *, case_sensitive: bool = True, near: bool = False) -> list[OrgHit]:
        """Every organisation named in `text`, longest names first, without overlaps.

        With `near` (a question, not the plan's text), a long name may miss one word.
        """
        hits: list[OrgHit] = []
        content: list[Token] = tokens(text)
        # Full names, on content words.
        i = 0
        while i < len(content):
            for size in range(min(self._max_len, len(content) - i), 1, -1):
                key = tuple(t.term for t in content[i:i + size])
                oid = self._names.get(key) or (self._near.get(key) if near else None)
                if oid:
                    hits.append(OrgHit(oid, content[i].start, content[i + size - 1].end))
                    i += size - 1
                    break
            i += 1
        # Acronyms, as whole tokens.
        for match in _ACRONYM_TOKEN_RE.finditer(text):
            word = match.group()
            oid = self._by_acronym.get(fold(word)) or (self._short.get(fold(word)) if word.isupper() else None)
            if not oid:
                continue
            uppers = sum(1 for c in word if c.isupper())
            # An acronym may be printed as a name: "Associations Résacoop" is the RESACOOP, "Bailleurs sociaux,
            # Anah" the ANAH; a shorter one only if it is no French word ("Pass" is not the PASS).
            as_name = word[0].isupper() and (len(word) >= 6 or (len(word) >= 4 and french().zipf(word) < 3.0))
            if case_sensitive and not (word.isupper() or uppers >= 2 or as_name):
                continue
            if len(word) <= 2 and not word.isupper():
                continue
            start = match.start()
            if pole := re.search(r"Pôle\s+$", text[max(0, start - 6):start]):
                start -= len(pole.group())
            hits.append(OrgHit(oid, start, match.end()))
        hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
        kept: list[OrgHit] = []
        for hit in hits:
            if kept and hit.start < kept[-1].end:
                continue
            kept.append(hit)
        return kept

