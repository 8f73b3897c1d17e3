"""Livrets: chantiers, projets phares, citations and key figures.

A livret page is laid out in boxes, so the text comes in short paragraphs in a
loose order. The parser looks for anchors that survive: the "Enjeux" label
(the chantier title stands just before it, or before "Projets phares"), the
numbered projets phares with their "•" actions, the « quoted » citations
followed by their author, and paragraphs that open on a figure.
"""

from __future__ import annotations

import re

from ingest.grammar import is_bullet, is_label
from ingest.spans import Span, paragraphs
from kb.lexicon import fold
from kb.models import Chantier, KeyFigure, Livret, PageSpan, ProjetPhare, Quote, page_at

_FIGURE_RE = re.compile(
    r"^(?P<value>\d{1,3}(?:[ \u202f]\d{3})+|\d+(?:[.,]\d+)?\s?%|\d+/\d+|\d+(?:[.,]\d+)?\s?"
    r"(?:millions?|milliards?|mds?|m€|M€|k€)\s?[€$]?|\d{2,}(?:[.,]\d+)?)(?=\s|$)(?P<label>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_SOURCE_RE = re.compile(r"^\((?P<src>[^()]{2,60}\d{4})\)$")
_QUOTE_OPEN = ("«", "“", '"')
_PROJET_RE = re.compile(r"^(?P<n>[1-9])\s+(?P<title>[A-ZÀ-Þ][^\n]{5,})")
_ENGAGEMENT_RE = re.compile(r"^engagement\s+(?P<n>\d+)\b")


def is_author(text: str) -> bool:
    """A short line naming who said a quote ("Denis Piveteau, conseiller d'état")."""
    words = text.split()
    return 1 <= len(words) <= 10 and not text.endswith((".", ":", ";")) and text[:1].isupper() \
        and not is_bullet(text) and not text.startswith(_QUOTE_OPEN)


def find_quotes(text: str, pages: list[PageSpan]) -> list[Quote]:
    """« Quoted » paragraphs and the author (or "Parole de …" label) that follows each."""
    paras = paragraphs(text)
    quotes: list[Quote] = []
    for i, para in enumerate(paras):
        body = para.stripped
        if not body.startswith(_QUOTE_OPEN) or len(body) < 20:
            continue
        close = max(body.rfind("»"), body.rfind("”"))
        if close < len(body) // 2:
            continue
        inline = body[close + 1:].strip(" .,–-")
        author, end = (inline, para.end) if inline and is_author(inline) else (None, para.end)
        if author is None and i + 1 < len(paras) and (is_author(paras[i + 1].stripped)
                                                      or is_label(paras[i + 1].stripped)):
            author, end = paras[i + 1].stripped, paras[i + 1].end
        quotes.append(Quote(text=body[: close + 1], author=author, page=page_at(pages, para.start),
                            start=para.start, end=end))
    return quotes


def find_figures(text: str, pages: list[PageSpan]) -> list[KeyFigure]:
    """Paragraphs that open on a key figure ("30% des procédures…", "1 470 professionnels…")."""
    paras = paragraphs(text)
    figures: list[KeyFigure] = []
    for i, para in enumerate(paras):
        body = re.sub(r"^[›•]\s*", "", para.stripped)
        match = _FIGURE_RE.match(body)
        if not match or len(body.split()) > 45 or re.fullmatch(r"(19|20)\d\d", match.group("value").strip()):
            continue
        label, end = match.group("label").strip(), para.end
        if not label and i + 1 < len(paras):
            label, end = paras[i + 1].stripped, paras[i + 1].end
        if not label or not label[0].isalpha():
            continue
        source = None
        lines = label.split("\n")
        if len(lines) > 1 and _SOURCE_RE.match(lines[-1].strip()):
            source, label = lines[-1].strip("() "), " ".join(lines[:-1])
        elif i + 1 < len(paras) and _SOURCE_RE.match(paras[i + 1].stripped):
            source, end = paras[i + 1].stripped.strip("() "), paras[i + 1].end
        figures.append(KeyFigure(value=match.group("value").strip(), label=" ".join(label.split()),
                                 source=source, page=page_at(pages, para.start), start=para.start, end=end))
    return figures


def _chantier_title(paras: list[Span], idx: int) -> str | None:
    if idx > 0:
        prev = paras[idx - 1].stripped
        if not is_label(prev) and not is_bullet(prev) and 2 <= len(prev.split()) <= 16 \
                and not prev.endswith(".") and not prev.startswith("("):
            return " ".join(prev.split())
    return None


def parse_livret(text: str, pages: list[PageSpan]) -> Livret:
    """Engagement, chantiers (enjeux, orientations, projets phares) of a livret."""
    paras = paragraphs(text)
    livret = Livret()
    for para in paras[:6]:
        match = _ENGAGEMENT_RE.match(fold(para.stripped))
        if match:
            livret.engagement = match.group("n")
            rest = [ln for ln in para.stripped.split("\n")[1:] if ln.strip()]
            livret.title = " ".join(rest)
            break
    current: Chantier | None = None
    mode = ""
    for i, para in enumerate(paras):
        key = fold(para.stripped.split("\n")[0]).rstrip(" :")
        if key == "enjeux":
            title = _chantier_title(paras, i)
            current = Chantier(title=title or "", page=page_at(pages, para.start))
            livret.chantiers.append(current)
            current.enjeux = " ".join(para.stripped.split("\n")[1:]).strip()
            mode = "enjeux"
            continue
        if current is None:
            continue
        if key == "orientations":
            mode = "orientations"
            continue
        if key == "projets phares":
            if not current.title:
                current.title = _chantier_title(paras, i) or ""
            mode = "projets"
            continue
        body = para.stripped
        if mode == "enjeux" and not current.enjeux:
            current.enjeux = body
        elif mode == "orientations" and not is_bullet(body) and len(body.split()) <= 20:
            current.orientations.append(" ".join(body.split()))
            if _PROJET_RE.match(body):
                current.orientations.pop()
                mode = "projets"
        if mode in ("orientations", "projets"):
            for line in body.split("\n"):
                projet = _PROJET_RE.match(line)
                if projet:
                    mode = "projets"
                    current.projets.append(ProjetPhare(number=projet.group("n"),
                                                       title=" ".join(projet.group("title").split())))
                elif current.projets and is_bullet(line) and line.strip()[:1] in "•›-":
                    current.projets[-1].actions.append(re.sub(r"^\s*[•›-]\s*", "", line).strip())
    return livret
