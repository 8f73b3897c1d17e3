"""Veille studies: numbered sections, "espace de choix" questions and testimonies.

In the veille layout the label comes after its box: the questions of an
"espace de choix" ("– Faut-il …?") precede the label, and a quote precedes its
"Parole de professionnel". Sections open on "1 - Le travail social …".
"""

from __future__ import annotations

import re

from ingest.fiches import sentence_case
from ingest.grammar import is_caps
from ingest.livret import find_quotes
from ingest.spans import paragraphs
from kb.lexicon import fold
from kb.models import PageSpan, VeilleSection, page_at

SECTION_RE = re.compile(r"^(?P<n>\d{1,2})\s*-\s+(?P<title>\S.*)$", re.DOTALL)
_QUESTION_RE = re.compile(r"^[–—-]\s+(?P<q>.+\?)\s*$", re.DOTALL)


def parse_veille(text: str, pages: list[PageSpan]) -> list[VeilleSection]:
    """Numbered sections of a veille study with their questions and paroles."""
    sections: list[VeilleSection] = []
    bounds: list[int] = []
    for para in paragraphs(text):
        match = SECTION_RE.match(para.stripped.split("\n")[0])
        if match and len(match.group(0)) < 200:
            title = " ".join(match.group("title").split("\n")[0].split())
            title = sentence_case(title) if is_caps(title) else title
            page = page_at(pages, para.start)
            sections.append(VeilleSection(number=match.group("n"), title=title, page=page))
            bounds.append(para.start)
        elif sections:
            for line in re.split(r"\n(?=[–—-]\s)", para.stripped):
                question = _QUESTION_RE.match(line.strip())
                if question:
                    sections[-1].questions.append(" ".join(question.group("q").split()))
    for quote in find_quotes(text, pages):
        if quote.author and fold(quote.author).startswith("parole"):
            idx = max((i for i, b in enumerate(bounds) if b <= quote.start), default=None)
            if idx is not None:
                sections[idx].paroles.append(quote)
    return sections
