"""The catalogue: fiches action and organisations of the live documents, linked together.

It is built from the manifest and the document records whenever the index
changes (a few milliseconds), so the organisation table of one document's
glossary applies to the fiches of every document. For each fiche it records
each organisation with its roles (pilote, partenaire, mentioned) and the line
that proves it, with its page: what answers "which fiches involve the UDCCAS?".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from math import inf

from kb.analyzer import terms
from kb.counting import Count
from kb.lexicon import fold
from kb.models import Fiche, GlossaryEntry, Manifest, OrgMention, ParsedDocument, Role
from kb.naming import Line, has_phrase, naming_lines
from kb.organisations import OrgTable, printed_entries
from kb.partners import outside_metropole
from kb.spelling import Speller, within_one_edit
from kb.titles import axe_by_words, named_among

# Fields searched for mentions, with the label shown in a citation.
_MENTION_FIELDS = (("titre", "Titre"), ("subtitle", "Sous-titre"), ("contexte", "Contexte"),
                   ("modalites", "Modalités de mise en œuvre"), ("objectifs", "Objectifs opérationnels"),
                   ("calendrier", "Calendrier"), ("indicateurs", "Indicateurs d'évaluation"))
# Every field of a fiche with its label: the names' fields first, then those searched for mentions.
_FIELD_LABELS = {"pilotes": "Pilote(s)", "partenaires": "Partenaires associés", **dict(_MENTION_FIELDS)}
_BULLET_RE = re.compile(r"^\s*[›•\-–]\s*")
# "Axe 2 : Offrir un parcours…", "l'axe n°2" (folded text).
AXE_RE = re.compile(r"\baxe\s*(?:n\s*°|no\.?|numero)?\s*(\d{1,2})\b")
# A document named by the number its title starts with: "l'engagement 3", "le livret n°2".
NUMBERED_DOCUMENT_RE = re.compile(r"\b(engagement|livret|chantier)s?\s*(?:n\s*°|no\.?|numero)?\s*(\d{1,2})\b")


def fiche_sort_key(number: str) -> tuple[int, int]:
    """Order fiches as printed: 1.2 < 8.2 < 12 < 28.2 < 66.5."""
    major, _, minor = number.partition(".")
    return (int(major) if major.isdigit() else 10**6, int(minor) if minor.isdigit() else 0)


def _text_of(fiche: Fiche, name: str) -> str:
    if name in ("pilotes", "partenaires"):
        return str(getattr(fiche, f"{name}_text"))  # as printed, not the names read from it
    if name == "titre":
        return fiche.title
    if name == "subtitle":
        return fiche.subtitle or ""
    return str(getattr(fiche, name))


def _field_cite(fiche: Fiche, field: str, citation: str, name: str = "", role: Role = Role.MENTION) -> OrgMention:
    """A citation of a fiche's field, at the page that field is printed on."""
    return OrgMention(org=name, name=name, role=role, field=field, citation=citation,
                      page=fiche.field_pages.get(field) or fiche.page)


def _whole_field(fiche: Fiche, field: str, name: str = "") -> OrgMention:
    """A citation of a fiche's whole field, with its label: "Calendrier : 2017-2022"."""
    return _field_cite(fiche, field, f"{_FIELD_LABELS[field]} : {_clean_line(_text_of(fiche, field))}", name)


def _measure(fiche: Fiche, field: str) -> int | None:
    """What a count reads of a fiche: the names or items a field lists, the calendar years its calendrier spans
    ("annees"), or its last year ("fin"); None for a calendrier without years."""
    if field in ("indicateurs", "objectifs"):
        # An item per bullet; an item may run over several lines, a field without bullets is one item.
        lines = [line for line in getattr(fiche, field).splitlines() if line.strip()]
        return sum(1 for line in lines if _BULLET_RE.match(line)) or min(len(lines), 1)
    if field not in ("annees", "fin"):
        return len(getattr(fiche, field))
    if not fiche.years:
        return None
    return max(fiche.years) - min(fiche.years) + 1 if field == "annees" else max(fiche.years)


def _clean_line(line: str) -> str:
    return " ".join(_BULLET_RE.sub("", line).split())


def link_organisations(fiche: Fiche, table: OrgTable) -> list[OrgMention]:
    """Every organisation a fiche names, with its role, citation line and page."""
    mentions: list[OrgMention] = []
    seen: set[tuple[str, Role]] = set()

    def add(org: str, name: str, role: Role, field_name: str, label: str, line: str) -> None:
        if (org, role) in seen:
            return
        seen.add((org, role))
        page = fiche.field_pages.get(field_name) or fiche.page
        mentions.append(OrgMention(org=org, name=name, role=role, field=field_name,
                                   citation=f"{label} : {line}", page=page))

    for role, field_name, label, text, items in (
        (Role.PILOTE, "pilotes", "Pilote(s)", fiche.pilotes_text, fiche.pilotes),
        (Role.PARTENAIRE, "partenaires", "Partenaires associés", fiche.partenaires_text, fiche.partenaires),
    ):
        lines = [_clean_line(x) for x in text.split("\n") if x.strip()] or [", ".join(items)]
        for item in items:
            line = next((x for x in lines if item in x), ", ".join(items))
            hits = table.find(item)
            if hits:
                for hit in hits:
                    org = table.get(hit.org)
                    add(hit.org, org.name if org else hit.org, role, field_name, label, line)
            else:
                add(item, item, role, field_name, label, line)
    for field_name, label in _MENTION_FIELDS:
        for raw_line in _text_of(fiche, field_name).split("\n"):
            line = _clean_line(raw_line)
            for hit in table.find(line):
                org = table.get(hit.org)
                add(hit.org, org.name if org else hit.org, Role.MENTION, field_name, label, line)
    return mentions


@dataclass
class FicheMatch:
    """A fiche that answers a list question, with the roles and the lines that prove it."""

    fiche: Fiche
    roles: list[str]
    citations: list[OrgMention] = field(default_factory=list)


class Catalog:
    """Fiches, organisations and document records of the live index."""

    def __init__(self, manifest: Manifest, documents: dict[str, ParsedDocument]) -> None:
        self.manifest = manifest
        self.documents = documents
        canonical = [d for d in documents.values()
                     if d.id in manifest.documents and not manifest.documents[d.id].alternate_of]
        entries: list[GlossaryEntry] = [e for d in canonical for e in d.glossary]
        # Acronyms only the fiches' pilote and partenaires lines print ("DRH") are organisations too.
        printed = [item for d in canonical for fiche in d.fiches for item in fiche.pilotes + fiche.partenaires]
        self.table = OrgTable(entries + printed_entries(printed, OrgTable(entries)))
        self.fiches: list[Fiche] = []
        for doc in canonical:
            for fiche in doc.fiches:
                linked = fiche.model_copy(update={"organisations": link_organisations(fiche, self.table),
                                                  "document_id": doc.id})
                self.fiches.append(linked)
        self.fiches.sort(key=lambda f: (fiche_sort_key(f.number), f.document_id))
        self._by_number = {f.number: f for f in self.fiches}
        self._line_cache: dict[str, list[Line]] = {}
        self.programmes = sorted({f.programme for f in self.fiches if f.programme})
        self.axes = sorted({f.axe for f in self.fiches if f.axe})
        self._axe_by_number = {m.group(1): axe for axe in self.axes if (m := AXE_RE.match(fold(axe)))}
        # "Axe 4 : Favoriser l'inclusion sociale et urbaine" is titled "Favoriser l'inclusion sociale et urbaine".
        self.axe_titles = {axe: axe.partition(":")[2] or axe for axe in self.axes}

    @cached_property
    def speller(self) -> Speller:
        """The vocabulary of the live documents (the OCR copies' garbled words left out)."""
        return Speller(d.text for d in self.documents.values()
                       if d.id in self.manifest.documents and not self.manifest.documents[d.id].alternate_of)

    def fiche(self, number: str) -> Fiche | None:
        """The fiche with this number, if any."""
        return self._by_number.get(number.strip().rstrip("."))

    def by_organisation(self, org: str, role: str | None = None) -> list[FicheMatch]:
        """Fiches naming an organisation (in any role, or in the given one)."""
        out = []
        for fiche in self.fiches:
            hits = [m for m in fiche.organisations if m.org == org and (role is None or m.role == role)]
            if hits:
                roles = list(dict.fromkeys(m.role.value for m in fiche.organisations if m.org == org))
                out.append(FicheMatch(fiche, roles, hits))
        return out

    def by_programme(self, programme: str) -> list[FicheMatch]:
        """Fiches attached to a programme."""
        out = []
        for fiche in self.fiches:
            if fiche.programme == programme:
                cite = _field_cite(fiche, "programme", f"Programme : {programme}", programme, Role.PROGRAMME)
                out.append(FicheMatch(fiche, [Role.PROGRAMME.value], [cite]))
        return out

    def _lines(self, fiche: Fiche) -> list[Line]:
        """Every printed line of a fiche; computed once per catalogue."""
        cached = self._line_cache.get(fiche.number)
        if cached is None:
            cached = []
            for name, label in _FIELD_LABELS.items():
                for raw in _text_of(fiche, name).split("\n"):
                    if raw.strip():
                        line = _clean_line(raw)
                        cached.append((label, name, line, tuple(terms(line))))
            self._line_cache[fiche.number] = cached
        return cached

    @cached_property
    def _vocabulary(self) -> frozenset[str]:
        """Every term some line of some fiche prints."""
        return frozenset(term for fiche in self.fiches for line in self._lines(fiche) for term in line[3])

    def _printed(self, word: str) -> str:
        """`word`, or the one printed word one letter off it when no fiche prints `word` itself."""
        if word in self._vocabulary or len(word) < 5:
            return word
        near = [term for term in self._vocabulary if within_one_edit(word, term, swaps=False)]
        return near[0] if len(near) == 1 else word

    def by_text(self, groups: list[list[str]], role: str | None = None, field: str | None = None
                ) -> list[FicheMatch]:
        """Fiches that name every group of `groups` (analysed terms), with the lines naming them.

        A group is one name or notion, and a cited line must prove it. Words that
        some line of some fiche prints together, in order ("Conseil de
        développement"), are a name: only the fiches printing that phrase count, not
        those where "conseil" and "développement" merely both occur. Otherwise a
        line must hold all the group's words ("isolement … personnes âgées"), so
        that "Pôle PAPH" on one line and "emploi" on another do not make "Pôle
        emploi". Groups the question joins with "et" ("logement et santé") may be
        named on different lines, unless a fiche prints them as one name. With a
        role, only the pilote or partenaires field is read; with a `field`, only that field. A word no fiche
        prints is read as the one word of five letters or more that a fiche prints one letter off
        ("Emmaüs Connect" is printed "EMAUS connect").
        """
        groups = [[self._printed(word) for word in words] for words in groups]
        fields = {"pilote": {"pilotes"}, "partenaire": {"partenaires"}}.get(role or "", {field} if field else None)
        read = {fiche.number: [line for line in self._lines(fiche) if fields is None or line[1] in fields]
                for fiche in self.fiches}
        whole = [word for words in groups for word in words]
        if len(groups) > 1 and any(has_phrase(line[3], whole) for lines in read.values() for line in lines):
            groups = [whole]  # "et" inside a printed name ("Économie Sociale et Solidaire") joins nothing
        naming_by_group = [naming_lines(read, words, self._acronyms_holding(words), self._org_names)
                           for words in groups if words]
        name = " ".join(" ".join(words) for words in groups)
        out = []
        for fiche in self.fiches:
            per_group = [naming[fiche.number] for naming in naming_by_group]
            if not per_group or not all(per_group):
                continue
            # The first line of each group comes first, so that every group is cited.
            lines = list(dict.fromkeys([found[0] for found in per_group] + [ln for found in per_group for ln in found]))
            cites = [_field_cite(fiche, field, f"{label} : {line}", name) for label, field, line, _ in lines][:3]
            found_role = Role.PILOTE if any(c.field == "pilotes" for c in cites) else \
                Role.PARTENAIRE if any(c.field == "partenaires" for c in cites) else Role.MENTION
            out.append(FicheMatch(fiche, [found_role.value], cites))
        return out

    @cached_property
    def _org_names(self) -> frozenset[tuple[str, ...]]:
        """The organisations' names, as analysed terms."""
        return frozenset(tuple(terms(org.name)) for org in self.table.orgs.values())

    def _acronyms_holding(self, words: list[str]) -> tuple[str, ...]:
        """The acronyms of the organisations whose name holds the phrase `words` ("santé mentale": "CLSM")."""
        if len(words) < 2:
            return ()
        return tuple(acronym for oid, org in self.table.orgs.items() if has_phrase(tuple(terms(org.name)), words)
                     for acronym in dict.fromkeys([oid, *org.aliases]))

    def roster(self, fiche: Fiche) -> FicheMatch:
        """A fiche cited by its pilote and partenaires lines: who it involves, for an answer by absence."""
        lines = [line for line in self._lines(fiche) if line[1] in ("pilotes", "partenaires")]
        cites = [_field_cite(fiche, field, f"{label} : {line}") for label, field, line, _ in lines]
        return FicheMatch(fiche, [], cites) if cites else self.titled(fiche)

    def titled(self, fiche: Fiche) -> FicheMatch:
        """A fiche cited by its number and title: that the plan has it."""
        return FicheMatch(fiche, [], [OrgMention(org="", name="", role=Role.MENTION, field="titre",
                                                 citation=f"Fiche {fiche.number} : {fiche.title}", page=fiche.page)])

    def by_years(self, year: int, mode: str, relation: str | None = None, upto: int | None = None) -> list[FicheMatch]:
        """Fiches whose calendrier ends, starts, or runs in `year`, or (`relation`) before, by or after it,
        or between `year` and `upto`.

        "Before 2020" is strictly before: a calendrier ending in 2020 does not end before 2020;
        "by 2020" ("d'ici 2020") includes it.
        "Between 2019 and 2021" includes both; "throughout" 2017 to 2022 runs over every year of them.
        """
        asked = {"before": (-inf, year - 1), "after": (year + 1, inf), "by": (-inf, year),
                 "between": (year, upto if upto is not None else year),
                 "throughout": (year, upto if upto is not None else year)}.get(relation or "", (year, year))
        out = []
        for fiche in self.fiches:
            if not fiche.years:
                continue
            first, last = min(fiche.years), max(fiche.years)
            # The years of the calendrier the mode reads (its end, its start, or all it runs)
            # must meet the years asked.
            low, high = {"end": (last, last), "start": (first, first)}.get(mode, (first, last))
            meets = low <= asked[0] and high >= asked[1] if relation == "throughout" else \
                low <= asked[1] and high >= asked[0]
            if meets:
                out.append(FicheMatch(fiche, [], [_whole_field(fiche, "calendrier", str(year))]))
        return out

    def plan_years(self) -> tuple[int, int] | None:
        """The years the plan's fiches run over, from the earliest calendrier to the latest."""
        years = [y for fiche in self.fiches for y in fiche.years]
        return (min(years), max(years)) if years else None

    def by_count(self, count: Count, among: set[str] | None = None) -> list[FicheMatch]:
        """Fiches, of those `among` if given, whose pilote or partenaire field lists as many names as `count`
        asks, or whose calendrier runs as long, or ends, as asked; each cited by the field counted (by its
        title when that field is empty)."""
        fiches = [f for f in self.fiches if among is None or f.number in among]
        measured = {f.number: n for f in fiches if (n := self._measured(f, count.field)) is not None}
        chosen = count.select(measured)
        # A fiche without partenaires outside the Métropole is proved by its partenaires, all of the Métropole.
        shown = {f.number for f in fiches if measured.get(f.number) or
                 (count.field == "exterieurs" and _text_of(f, count.shown).strip())}
        return [FicheMatch(f, [], [_whole_field(f, count.shown)]) if f.number in shown else self.titled(f)
                for f in fiches if f.number in chosen]

    def _measured(self, fiche: Fiche, field: str) -> int | None:
        """What a count reads of a fiche (`_measure`), and its partenaires outside the Métropole, which take
        the glossary's table to tell."""
        return len(outside_metropole(fiche.partenaires_text, self.table)) if field == "exterieurs" else \
            _measure(fiche, field)

    def by_axe(self, axe: str) -> list[FicheMatch]:
        """Fiches of an axe, each cited by the axe heading it is printed under."""
        return [FicheMatch(fiche, [], [OrgMention(org=axe, name=axe, role=Role.MENTION, field="axe", citation=axe,
                                                   page=fiche.page)])
                for fiche in self.fiches if fiche.axe == axe]

    def programme_named(self, text: str) -> str | None:
        """The programme a question names ("Programme Métropolitain d'Insertion pour l'Emploi")."""
        return named_among(text, self.programmes)

    def axe_named(self, text: str) -> str | None:
        """The axe a question names: by number ("l'axe 2", "axe n°3"), by most of its title, or by title
        words right after "axe" ("l'axe inclusion sociale")."""
        low = fold(text)
        number = AXE_RE.search(low)
        if number:
            return self._axe_by_number.get(number.group(1))
        titles = {title: axe for axe, title in self.axe_titles.items()}
        if found := named_among(text, list(titles)):
            return titles[found]
        by_words = axe_by_words(low, self.axe_titles)
        return by_words[0] if by_words else None

    def document_named(self, text: str) -> str | None:
        """The document a question names by its numbered title ("l'engagement 3" is "Engagement 3 – …");
        None unless exactly one live, canonical document has that title."""
        said = NUMBERED_DOCUMENT_RE.search(fold(text))
        if not said:
            return None
        asked = (said.group(1), int(said.group(2)))
        found = [d.id for d in self.documents.values() if d.id in self.manifest.documents
                 and not self.manifest.documents[d.id].alternate_of
                 and (title := NUMBERED_DOCUMENT_RE.match(fold(d.title)))
                 and (title.group(1), int(title.group(2))) == asked]
        return found[0] if len(found) == 1 else None

    def organisation_summary(self) -> list[dict[str, object]]:
        """The acronym table with, for each organisation, its fiches and roles."""
        rows = []
        for org in sorted(self.table.orgs.values(), key=lambda o: fold(o.id)):
            fiches: dict[str, list[str]] = {}
            for fiche in self.fiches:
                roles = [m.role.value for m in fiche.organisations if m.org == org.id]
                if roles:
                    fiches[fiche.number] = list(dict.fromkeys(roles))
            rows.append({**org.model_dump(), "fiche_count": len(fiches), "fiches": fiches})
        return rows


def load_catalog(store: object) -> Catalog:
    """The catalogue of the live index (the store is a `kb.store.Store`)."""
    manifest = store.manifest()  # type: ignore[attr-defined]
    documents = {}
    for entry in manifest.documents.values():
        doc = store.get_document(entry.id, entry.rev)  # type: ignore[attr-defined]
        if doc is not None:
            documents[entry.id] = doc
    return Catalog(manifest, documents)
