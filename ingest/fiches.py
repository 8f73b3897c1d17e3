"""Fiches action: from the scrambled reading order of a PDF to one record per fiche.

The PDF's text comes out of order, so the parser does not expect fields in a
fixed sequence. It cuts the fiche zone at each "CONTEXTE" (every fiche page
opens with it, so a CONTEXTE belongs to the fiche after it) and at each
"AXE N°", then reads each piece as a small state machine over its lines:
labels switch the current field, and the number ("Action 28.2", or a lone
"8.2" after the subtitle), the title in capitals (after "FICHE ACTION" or
wherever it landed), the programme ("// PROGRAMME …"), the subtitle and the
"(SUITE)" pages are recognised wherever they fall.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.grammar import (
    AXE_RE,
    FICHE_ACTION_RE,
    FICHE_FIELDS,
    FICHE_NUMBER_RE,
    FIELD_LABELS,
    GLOSSARY_RE,
    PROGRAMME_RE,
    SUITE_RE,
    is_bullet,
    is_caps,
)
from ingest.spans import Span, lines
from kb.lexicon import fold, french
from kb.models import Block, Fiche, PageSpan, page_at

_YEAR_RE = re.compile(r"\b(20\d\d)\b")
_BULLET_PREFIX_RE = re.compile(r"^\s*[›•▪●\-–—*]\s*")


@dataclass
class FicheZone:
    """What the parser found: fiches, the blocks of their fields, and the zone they cover."""

    fiches: list[Fiche] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    start: int = 0
    end: int = 0


def sentence_case(caps: str, acronyms: frozenset[str] = frozenset()) -> str:
    """"RÉDUIRE LA FRACTURE NUMÉRIQUE" -> "Réduire la fracture numérique", acronyms kept."""
    words = caps.split()
    out = []
    for i, word in enumerate(words):
        core = word.strip("(),;:«»")
        # "DE" is an acronym (Direction de l'Éducation) and the word "de": words win.
        if core in acronyms and french().zipf(core.lower()) < 3.0:
            out.append(word)
        else:
            low = word.lower()
            out.append(low[:1].upper() + low[1:] if i == 0 else low)
    return " ".join(out)


def parse_years(text: str) -> list[int]:
    """Years named in a calendrier, sorted: "› 2017 - 2018" -> [2017, 2018]."""
    return sorted({int(y) for y in _YEAR_RE.findall(text)})


def split_organisations(text: str) -> list[str]:
    """The organisations of a pilote or partenaires field, as printed.

    "› Métropole : MDM / UDCCAS / DRTU (DTP)" -> ["MDM", "UDCCAS", "DRTU", "DTP"];
    commas inside parentheses do not split ("ESS (Alterincub, Rhonalpia)").
    """
    items: list[str] = []
    entries: list[str] = []
    for raw_line in text.split("\n"):
        # A line without a bullet carries on the entry above it ("… DDSHE /" + "DHL)").
        if entries and not _BULLET_PREFIX_RE.match(raw_line):
            entries[-1] += " " + raw_line.strip()
        else:
            entries.append(raw_line)
    for raw_line in entries:
        line = _BULLET_PREFIX_RE.sub("", raw_line).strip()
        line = re.sub(r"^(Métropole|Partenaires)\s*:\s*", "", line)
        line = re.sub(r",?\s*Partenaires\s*:\s*", ", ", line)
        line = re.sub(r"^Métropole\s*\((.*)\)\s*$", r"\1", line)
        depth, current = 0, ""
        for pos, ch in enumerate(line + ","):
            if ch == "(":
                depth += 1
                inside = line[pos + 1:].split(")", 1)[0]
                if depth == 1 and _names_two(current, inside):
                    items.append(current)
                    current = ""
                    continue
            elif ch == ")":
                depth = max(depth - 1, 0)
            if ch in ",/" and depth == 0:
                items.append(current)
                current = ""
                continue
            current += ch
        items.append(current)
    cleaned = []
    for item in items:
        item = item.strip(" .…;:").strip()
        if item.count(")") > item.count("("):
            item = item.replace(")", "").strip()
        if item and item.lower() not in {"métropole", "partenaires"}:
            cleaned.append(item)
    return list(dict.fromkeys(cleaned))


def _names_two(before: str, inside: str) -> bool:
    # "DRTU (DTP)" names two organisations; "ESS (Alterincub, Rhonalpia)" one, with its members.
    acronym = r"\s*[A-ZÉ][A-Z0-9É]{1,9}\s*"
    return bool(re.fullmatch(acronym, before) and re.fullmatch(acronym, inside))


def _state_of(key: str) -> str | None:
    for name, pattern in FICHE_FIELDS.items():
        if pattern.match(key):
            return name
    return None


@dataclass
class _Unit:
    lines: list[Span]
    axe: str | None


@dataclass
class _Reading:
    runs: list[tuple[str, list[Span]]] = field(default_factory=list)
    title: list[str] = field(default_factory=list)
    number: str | None = None
    programme: str | None = None
    subtitle: str | None = None

    def add(self, state: str, line: Span) -> None:
        if self.runs and self.runs[-1][0] == state:
            self.runs[-1][1].append(line)
        else:
            self.runs.append((state, [line]))

    def has(self, state: str) -> bool:
        return any(s == state and len(ls) > 1 for s, ls in self.runs)


def _read_unit(unit: _Unit) -> _Reading:
    """Assign each line of a fiche page to a field, whatever the order."""
    r = _Reading()
    state = "contexte"
    prev_bullet = False
    for line in unit.lines:
        text = line.stripped
        key = fold(text)
        label = _state_of(key)
        fa = FICHE_ACTION_RE.match(key)
        prog = PROGRAMME_RE.match(key) or (PROGRAMME_RE.match(fa.group("rest").strip()) if fa else None)
        if prog:
            r.programme = r.programme or text.split("//", 1)[1].strip()
            state = "programme"
        elif fa:
            state = "titre"
        elif label:
            # A field printed twice (a fragment repeated on the next page) is kept apart.
            state = f"dup_{label}" if r.has(label) else label
        elif key == "action":
            state = "numero"
        elif FICHE_NUMBER_RE.match(text) and r.number is None:
            r.number = text
            r.add("numero", line)
            continue
        elif SUITE_RE.match(key):
            r.add("titre", line)
            continue
        elif is_caps(text) and not r.title and state in ("contexte", "titre", "numero"):
            r.title.append(text)
            r.add("titre", line)
            continue
        elif state == "titre" and is_caps(text) and r.title and r.title[-1] == text:
            r.add("titre", line)  # the title repeated on a "(SUITE)" page
            continue
        elif not is_bullet(text) and not is_caps(text) and (
            state == "programme" or (state == "indicateurs" and prev_bullet)
        ):
            r.subtitle = r.subtitle or text
            state = "sous_titre"
        r.add(state, line)
        prev_bullet = is_bullet(text)
    return r


def _content(run_lines: list[Span]) -> str:
    """A field's text without its label line."""
    body = [ln.stripped for ln in run_lines]
    if body and (_state_of(fold(body[0])) or fold(body[0]) in ("action", "fiche action")):
        body = body[1:]
    return "\n".join(body).strip()



def _units(text: str) -> tuple[list[_Unit], list[Block], int, int]:
    all_lines = lines(text)
    start_idx = next(
        (i for i, ln in enumerate(all_lines) if AXE_RE.match(fold(ln.stripped)) or (_state_of(fold(ln.stripped))
         == "contexte" and any(FICHE_ACTION_RE.match(fold(x.stripped)) for x in all_lines[i:i + 40]))),
        None,
    )
    if start_idx is None:
        return [], [], 0, 0
    end_idx = next((i for i in range(start_idx, len(all_lines)) if GLOSSARY_RE.match(fold(all_lines[i].stripped))),
                   len(all_lines))
    units: list[_Unit] = []
    axe_blocks: list[Block] = []
    axe: str | None = None
    i = start_idx
    while i < end_idx:
        line = all_lines[i]
        key = fold(line.stripped)
        axe_match = AXE_RE.match(key)
        if axe_match:
            j = i + 1
            title = line.stripped[axe_match.start("title"):] if axe_match.group("title") else ""
            if not title and j < end_idx and is_caps(all_lines[j].stripped):
                title, j = all_lines[j].stripped, j + 1
            axe = f"Axe {axe_match.group('n')} : {sentence_case(title)}".strip(" :")
            while j < end_idx and _state_of(fold(all_lines[j].stripped)) != "contexte":
                j += 1
            axe_blocks.append(Block(start=line.start, end=all_lines[j - 1].end, kind="axe", section=[axe]))
            i = j
            continue
        if _state_of(key) == "contexte" or not units:
            units.append(_Unit(lines=[], axe=axe))
        units[-1].lines.append(line)
        i += 1
    return units, axe_blocks, all_lines[start_idx].start, all_lines[end_idx - 1].end


def parse_fiches(text: str, pages: list[PageSpan], acronyms: frozenset[str] = frozenset(),
                 document_id: str = "") -> FicheZone:
    """Find every fiche action of a document, with its fields, pages and field blocks."""
    units, axe_blocks, zone_start, zone_end = _units(text)
    zone = FicheZone(blocks=list(axe_blocks), start=zone_start, end=zone_end)
    for unit in units:
        r = _read_unit(unit)
        if r.number is None or not r.title:
            # Not a fiche (a stray page in the zone): its lines stay ordinary paragraphs.
            zone.blocks.append(Block(start=unit.lines[0].start, end=unit.lines[-1].end,
                                     section=[unit.axe] if unit.axe else []))
            continue
        title = sentence_case(" ".join(r.title), acronyms)
        values: dict[str, str] = {}
        for state, run_lines in r.runs:
            if state in FICHE_FIELDS and state not in values:
                values[state] = _content(run_lines)
        fiche = Fiche(
            number=r.number,
            title=title,
            subtitle=r.subtitle,
            axe=unit.axe,
            programme=r.programme,
            contexte=values.get("contexte", ""),
            modalites=values.get("modalites", ""),
            objectifs=values.get("objectifs", ""),
            pilotes=split_organisations(values.get("pilotes", "")),
            partenaires=split_organisations(values.get("partenaires", "")),
            pilotes_text=values.get("pilotes", ""),
            partenaires_text=values.get("partenaires", ""),
            calendrier=values.get("calendrier", ""),
            years=parse_years(values.get("calendrier", "")),
            indicateurs=values.get("indicateurs", ""),
            pages=sorted({p for ln in unit.lines if (p := page_at(pages, ln.start)) is not None}),
            document_id=document_id,
        )
        fiche_section = f"Fiche action {fiche.number} : {title}"
        for state, run_lines in r.runs:
            name = state.removeprefix("dup_")
            fiche.field_pages.setdefault(name, page_at(pages, run_lines[0].start) or 0)
            zone.blocks.append(Block(
                start=run_lines[0].start, end=run_lines[-1].end,
                kind="duplicate" if state.startswith("dup_") else "fiche_field",
                section=[s for s in (unit.axe, fiche_section, FIELD_LABELS.get(name, "")) if s],
                fiche=fiche.number, field=name,
            ))
        zone.fiches.append(fiche)
    zone.blocks.sort(key=lambda b: b.start)
    return zone
