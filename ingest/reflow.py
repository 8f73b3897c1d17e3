"""Reflow: put back together the sentences that the page layout broke.

PDF text comes in layout lines. Inside a paragraph, lines are joined; a word cut
by a hyphen at a line end is rejoined when the lexicon knows the whole word; and
a blank line that falls mid-sentence (the previous line has no final
punctuation and the next one goes on in lower case, or after an article) is
removed. Bullets, labels and headings keep their own line, because the
structure parser reads them.
"""

from __future__ import annotations

import re

from ingest.grammar import has_lower, is_bullet, is_caps, is_label
from kb.lexicon import Lexicon, french

_FINAL_PUNCT = tuple(".!?:;»)…\"”")
_CLOSERS = tuple(")»\"”")
_SENTENCE_END = tuple(".!?…")
# Words after which a sentence cannot end: a line ending with one continues.
_CONTINUATIONS = frozenset("""
la le les l' de des du d' à au aux et en par pour sur avec dans un une qui que qu' sa son ses leur
leurs ce cette ces entre vers sans sous chez dont ou mais ne n' se s' très plus
""".split())
_HYPHEN_END_RE = re.compile(r"([^\W\d_]+)-$", re.UNICODE)
_FIRST_WORD_RE = re.compile(r"^([^\W\d_]+)", re.UNICODE)


def _last_word(line: str) -> str:
    match = re.search(r"([^\W\d_]+['’]?)\W*$", line)
    return match.group(1).lower().replace("’", "'") if match else ""


def join_hyphenated(left: str, right: str, lexicon: Lexicon | None = None) -> str | None:
    """Join `left` ending in "wor-" with `right` starting "d…"; None when `left` has no such hyphen.

    "dif-" + "ficulté" -> "difficulté"; "Vaulx-" + "en-Velin" -> "Vaulx-en-Velin".
    """
    end = _HYPHEN_END_RE.search(left)
    start = _FIRST_WORD_RE.match(right)
    if not end or not start or not right[:1].islower():
        return None
    lexicon = lexicon or french()
    whole = end.group(1) + start.group(1)
    if lexicon.zipf(whole) > 0:
        return left[:-1] + right
    return left + right


def _continues(prev: str, nxt: str) -> bool:
    """Whether `nxt`, after a blank line, carries on the sentence that `prev` left open."""
    prev_s, nxt_s = prev.strip(), nxt.strip()
    if not prev_s or not nxt_s:
        return False
    if prev_s.endswith(_CLOSERS) and not prev_s[:-1].rstrip().endswith(_SENTENCE_END) and nxt_s[0].islower():
        # "Le Groupe … (GEPI)" / "est une scène de gouvernance…": a bracket or quote closed
        # without a full stop, then lower case, is the same sentence going on.
        return not (is_label(prev_s) or is_caps(prev_s) or is_bullet(nxt_s) or is_label(nxt_s))
    if prev_s.endswith(_FINAL_PUNCT):
        return False
    if is_label(prev_s) or is_label(nxt_s) or is_bullet(nxt_s):
        return False
    if is_caps(prev_s) or is_caps(nxt_s):
        # A heading in capitals may run over a blank line, but never into body text.
        return is_caps(prev_s) and is_caps(nxt_s) and prev_s[-1].isalpha()
    if nxt_s[0].islower() or _quantity_goes_on(prev_s, nxt_s):
        return True
    # A capital after a comma starts a new item; after an article it goes on ("par la / Métropole").
    return prev_s[-1].isalpha() and _last_word(prev_s) in _CONTINUATIONS


# A quantity and the word it counts: "25 406 ménages", "46,2 % des".
# A line this short is a narrow column's, whose sentences run over many lines.
_NARROW = 30
_QUANTITY_RE = re.compile(r"^\d{1,3}(?:[ \u00a0\u202f.]\d{3})*(?:[.,]\d+)?\s*%?\s+[a-zà-ÿ]")


def _quantity_goes_on(prev: str, line: str) -> bool:
    """Whether `line`, opening with a quantity, carries on the sentence that the line printed before it,
    `prev`, left open: after a word no sentence ends with ("inférieur à / 7 %", "le / 21 octobre"), or in a
    narrow column ("comptent / à elles seules / 25 406 ménages / reçus"). A numbered item opens with a
    capital ("2 Constituer…"), and a figure after a full line ("… de leur travail / 81 % des agents") stands alone.
    """
    if not prev or not prev[-1].islower() or is_caps(prev) or is_label(prev) or not _QUANTITY_RE.match(line):
        return False
    return _last_word(prev) in _CONTINUATIONS or len(prev) <= _NARROW


_NUMBERED_HEADING_RE = re.compile(r"^\d+(?:[-.]\d+)*(?:\s+-|[-.])?\s+\S.{0,80}$")


def _starts_own_line(prev: str, line: str, printed: str = "") -> bool:
    """Whether `line` must stay on its own line instead of being joined to `prev` (`printed`: the line
    printed just before it, when `prev` has joined several)."""
    if is_label(prev) and is_caps(prev) and is_caps(line) and is_label(f"{prev} {line}"):
        return False  # "INDICATEURS" + "D'ÉVALUATION" is one label
    if is_bullet(line) or is_label(line) or is_label(prev) or \
            (re.match(r"\d{1,2}(?:\s|$)", line) and not _quantity_goes_on(printed or prev, line)):
        return True  # "2" or "2 Constituer…" opens the next numbered item (a projet phare)
    if _NUMBERED_HEADING_RE.match(prev) and re.match(r"^\d+[-.]", prev) and not prev.endswith(_FINAL_PUNCT):
        return True  # "1-1 les principales missions" is a heading, whatever follows
    # A heading in capitals continues on the next capital line, and ends there. A short line
    # with no lower case ("A", "ET") goes with either side: judged alone it is not in
    # capitals, but once joined ("A AA") it may be, and reflowing the result must not join
    # it again.
    return (is_caps(prev) and has_lower(line)) or (has_lower(prev) and is_caps(line))


def _join(prev: str, line: str, lexicon: Lexicon) -> str:
    joined = join_hyphenated(prev, line, lexicon)
    return joined if joined is not None else f"{prev} {line}"


# Passes after which a text that still changes is left as it is (it never took more than two).
MAX_PASSES = 4


def reflow(text: str, lexicon: Lexicon | None = None) -> str:
    """Rejoin broken lines and sentences of one page; paragraphs end up separated by a blank line.

    Each decision reads one line as printed, but a joined line can read otherwise ("A" and
    "AA" are too short to be capitals, "A AA" is not): the lines are read again until
    nothing changes, so that reflowing reflowed text changes nothing.
    """
    lexicon = lexicon or french()
    for _ in range(MAX_PASSES):
        again = _reflow_once(text, lexicon)
        if again == text:
            break
        text = again
    return text


def _reflow_once(text: str, lexicon: Lexicon) -> str:
    paragraphs: list[list[str]] = []
    current: list[str] = []
    for raw in text.split("\n"):
        line = re.sub(r"[ ]{2,}", " ", raw.strip())
        if line:
            current.append(line)
        elif current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)

    merged: list[list[str]] = []
    for para in paragraphs:
        if merged and _continues(merged[-1][-1], para[0]):
            merged[-1].extend(para)
        else:
            merged.append(para)

    out: list[str] = []
    for para in merged:
        lines: list[str] = []
        for i, line in enumerate(para):
            if lines and not _starts_own_line(lines[-1], line, para[i - 1]):
                lines[-1] = _join(lines[-1], line, lexicon)
            else:
                lines.append(line)
        # A label is a paragraph of its own: what follows it is its content.
        block: list[str] = []
        for line in lines:
            if is_label(line):
                if block:
                    out.append("\n".join(block))
                out.append(line)
                block = []
            else:
                block.append(line)
        if block:
            out.append("\n".join(block))
    return "\n\n".join(out)
