"""Glossary: the table of acronyms printed at the end of a document.

"› UDCCAS : Union Départementale des Centres Communaux d'Action Sociale"
becomes a `GlossaryEntry`; the headings in capitals ("PARTENAIRES :",
"ORGANISATION MÉTROPOLITAINE :") give each entry its category.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.grammar import GLOSSARY_RE, is_caps
from ingest.spans import lines
from kb.lexicon import fold
from kb.models import Block, GlossaryEntry

_ENTRY_RE = re.compile(
    r"^\s*(?:[›•\-–*]\s*)?(?P<acr>(?:[A-Za-zÀ-ÿ]+\s)?[A-ZÀ-Þ][A-Za-zÀ-ÿ0-9&]*[A-ZÀ-Þ][A-Za-zÀ-ÿ0-9&]*)"
    r"\s*:\s*(?P<name>\S.{2,})$"
)
_CATEGORY_RE = re.compile(r"^(?P<cat>[^:]{3,60}):\s*$")
# An acronym table can stand without a "Glossaire" heading when it is long enough.
_MIN_UNHEADED = 6


@dataclass
class GlossaryParse:
    """Entries and the blocks (one per entry) they come from."""

    entries: list[GlossaryEntry] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    start: int | None = None


def _entry(line: str) -> GlossaryEntry | None:
    match = _ENTRY_RE.match(line)
    if not match:
        return None
    acronym = match.group("acr").strip()
    core = acronym.split()[-1]
    if sum(1 for c in core if c.isupper()) < 2:
        return None
    name = match.group("name").strip().rstrip(",;.").strip()
    if name.count(")") > name.count("("):
        name = name[::-1].replace(")", "", 1)[::-1].strip()
    return GlossaryEntry(acronym=acronym, name=name)


def parse_glossary(text: str) -> GlossaryParse:
    """Find the acronym table of a document: after a "Glossaire" heading, or a long unheaded run."""
    all_lines = lines(text)
    heading = next((i for i, ln in enumerate(all_lines) if GLOSSARY_RE.match(fold(ln.stripped))), None)
    found = GlossaryParse(start=all_lines[heading].start if heading is not None else None)
    category: str | None = None
    run: list[tuple[GlossaryEntry, int, int]] = []
    for i, line in enumerate(all_lines):
        text_line = line.stripped
        entry = _entry(text_line)
        if entry:
            entry.category = category
            run.append((entry, line.start, line.end))
            continue
        cat = _CATEGORY_RE.match(re.sub(r"^glossaire\s*", "", text_line, flags=re.IGNORECASE))
        if cat and is_caps(cat.group("cat")):
            category = cat.group("cat").strip().capitalize()
            continue
        if heading is None or i < heading:
            if len(run) < _MIN_UNHEADED:
                run = []
            category = None
    if heading is None and len(run) < _MIN_UNHEADED:
        return found
    for entry, start, end in run:
        if heading is not None and start < found.start:  # type: ignore[operator]
            continue
        found.entries.append(entry)
        found.blocks.append(Block(start=start, end=end, kind="glossary",
                                  section=["Glossaire", entry.category or ""] if entry.category else ["Glossaire"]))
    return found
