"""Synthetic ×N corpora: the seed corpus plus N-1 perturbed copies of each of its documents.

Each copy is its own file (`copy007-<name>`), so it gets its own document id.
The copies must not look like versions of one another: the ingestion's
duplicate detector (`ingest.dedup`) calls two documents versions when their
MinHash similarity over 9-character shingles reaches 0.3, and would then
fold the copies into alternates instead of indexing them as documents.

A 9-character shingle survives only if no character in its window changes,
and a substitute drawn from the document's own vocabulary brings back
shingles the document already has; so 80 % of the lowercase words of four
letters or more are replaced by words of a French frequency list (about
38 % of all words). Capitalised words, acronyms, numbers, short words,
HTML tags and line breaks are kept, so the parser still finds the same
headings, fiches, labels and organisations, and a copy chunks like its seed.
Measured on the seed corpus: similarity to the original ≤ 0.27 and between
copies ≤ 0.23 over 99 copies (the seed's own OCR/clean pair stays a pair).
"""

from __future__ import annotations

import random
import re
import shutil
from functools import lru_cache
from pathlib import Path

from bench.common import corpus_files

RATE = 0.8
# A lowercase word of four letters or more, not part of a hyphenated or digit-bearing token.
_WORD = re.compile(r"(?<![\w-])([a-zà-ÿœæ][a-zà-ÿœæ]{3,})(?![\w-])")
_TAG = re.compile(r"(<[^>]*>)")


@lru_cache(maxsize=1)
def french_words() -> tuple[str, ...]:
    """Common French words (wordfreq), without those more frequent in English ("kenny", "tory")."""
    from wordfreq import top_n_list, zipf_frequency

    return tuple(w for w in top_n_list("fr", 20000)
                 if re.fullmatch(r"[a-zà-ÿœæ]{4,}", w) and zipf_frequency(w, "en") < zipf_frequency(w, "fr") - 1)


def perturb(text: str, key: str, rate: float = RATE) -> str:
    """A deterministic variant of `text`: each eligible word replaced with probability `rate`."""
    rng = random.Random(key)
    words = french_words()

    def substitute(match: re.Match[str]) -> str:
        # Draw both numbers for every word, so the choice for one word never shifts the next ones.
        roll, pick = rng.random(), rng.randrange(len(words))
        return words[pick] if roll < rate else match.group(0)

    parts = _TAG.split(text)
    # Odd parts are HTML tags (the Markdown livret's tables): left alone.
    return "".join(part if i % 2 else _WORD.sub(substitute, part) for i, part in enumerate(parts))


def copy_name(index: int, name: str) -> str:
    """File name of the index-th copy of a seed file."""
    return f"copy{index:03d}-{name}"


def make_corpus(seed: Path, factor: int, dest: Path) -> list[Path]:
    """Write the ×`factor` corpus into `dest`: the seed files as they are, then `factor - 1` copies."""
    dest.mkdir(parents=True, exist_ok=True)
    files = []
    for path in corpus_files(seed):
        target = dest / path.name
        shutil.copyfile(path, target)
        files.append(target)
    for index in range(1, factor):
        for path in corpus_files(seed):
            target = dest / copy_name(index, path.name)
            if path.suffix.lower() == ".pdf":  # binary: a copy with a distinct name only
                shutil.copyfile(path, target)
            else:
                text = path.read_text(encoding="utf-8")
                target.write_text(perturb(text, f"{index}/{path.name}"), encoding="utf-8")
            files.append(target)
    return files


def max_similarity(seed: Path, folder: Path, sample: int = 10) -> float:
    """Largest MinHash similarity between a seed document and its copies, and between copies.

    All copies are compared with their seed file; copies among themselves only
    for the first `sample` copies (the pairs grow quadratically).
    """
    from ingest.dedup import minhash, similarity

    worst = 0.0
    for path in corpus_files(seed):
        if path.suffix.lower() == ".pdf":
            continue
        original = minhash(path.read_text(encoding="utf-8"))
        copies = sorted(folder.glob(f"copy[0-9][0-9][0-9]-{glob_escape(path.name)}"))
        signatures = [minhash(c.read_text(encoding="utf-8")) for c in copies]
        for i, sig in enumerate(signatures):
            worst = max(worst, similarity(original, sig))
            if i < sample:
                for other in signatures[i + 1:sample]:
                    worst = max(worst, similarity(sig, other))
    return round(worst, 3)


def glob_escape(name: str) -> str:
    """A file name usable inside a glob pattern."""
    return re.sub(r"([\[\]*?])", r"[\1]", name)
