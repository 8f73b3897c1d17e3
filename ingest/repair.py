"""Repair: from extracted pages to clean, paged French text.

`repair_text` chains the plain functions of `textfix`, `pages` and `reflow`.
It runs inside the parsing worker (see `ingest/parse.py`), which is why it is
a plain function rather than a Haystack component: the worker must stay
small and killable, and Haystack imports torch.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.pages import split_pages
from ingest.reflow import reflow
from ingest.textfix import (
    capitalize_sentences,
    fix_small_caps,
    normalize_unicode,
    ocr_noise,
    rejoin_split_words,
    repair_ligatures,
    small_caps_damaged,
)
from kb.lexicon import Lexicon, french
from kb.models import PageSpan


@dataclass
class RepairedText:
    """Clean text, its pages, the running headers taken out, and the OCR noise."""

    text: str
    pages: list[PageSpan]
    headers: list[str] = field(default_factory=list)
    ocr_noise: float = 0.0
    small_caps: bool = False


def repair_text(pages: list[str], paged: bool, lexicon: Lexicon | None = None) -> RepairedText:
    """Normalise, repair and reflow `pages`; number pages from running headers when not `paged`."""
    lexicon = lexicon or french()
    pages = [rejoin_split_words(repair_ligatures(normalize_unicode(p), lexicon), lexicon) for p in pages]
    small_caps = small_caps_damaged("\n".join(pages))
    numbered, headers = split_pages(pages, paged)

    parts: list[str] = []
    spans: list[PageSpan] = []
    offset = 0
    for number, raw in numbered:
        body = reflow(fix_small_caps(raw) if small_caps else raw, lexicon)
        if small_caps:
            # Restored capitals change what the reflow reads ("a CONTEXTE" becomes a heading in
            # capitals, "A CONTEXTE"), so it reads the lines once more: repairing the repaired
            # text must change nothing.
            body = reflow(capitalize_sentences(body), lexicon)
        if not body:
            continue
        if parts:
            parts.append("\n\n")
            offset += 2
        if spans and spans[-1].number == number:
            # Two pieces of one page (a false break): one span covers both.
            spans[-1] = PageSpan(number=number, start=spans[-1].start, end=offset + len(body))
        else:
            spans.append(PageSpan(number=number, start=offset, end=offset + len(body)))
        parts.append(body)
        offset += len(body)
    text = "".join(parts)
    return RepairedText(
        text=text, pages=spans, headers=headers, ocr_noise=ocr_noise(text, lexicon), small_caps=small_caps
    )
