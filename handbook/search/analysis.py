"""Chinese text analysis for the search index: character folding, CJK bigrams, phrase units.

Text is folded one character for one character (full-width ASCII to ASCII, upper to lower
case, so offsets never move), then every run of CJK characters becomes overlapping bigrams
plus its single characters, and every run of Latin letters or digits becomes one word. A
query word's units narrow the candidates and the folded clause text confirms the word, which
finds a two-character word (储能, 稀土) and a long compound (专精特新贷 for 专精特新) exactly
where the text contains it and nowhere else. Highlight offsets are offsets in the original
clause text (folding never changes the length).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

ANALYZER_VERSION = "4"  # bump when the analyzer or the index schema changes

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN = re.compile(rf"([{_CJK}]+)|([0-9a-z]+(?:\.[0-9]+)?)")

# One-for-one folding: full-width ASCII (！ to ～) to ASCII, ideographic space to space, A-Z to a-z.
_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD[0x3000] = 0x20
_FOLD.update({cp: cp + 32 for cp in range(ord("A"), ord("Z") + 1)})
for _cp in range(0xFF21, 0xFF3B):  # full-width A-Z straight to a-z
    _FOLD[_cp] = _cp - 0xFEE0 + 32
# The same as a list indexed by code point (the BMP; a character beyond it raises IndexError, which
# ``str.translate`` reads as "unchanged"): a dict misses on nearly every character, and each miss
# raises a KeyError inside ``translate``, four times slower than a list lookup.
_FOLD_TABLE = [_FOLD.get(cp, cp) for cp in range(0x10000)]


def fold(text: str) -> str:
    """Fold ``text`` without changing its length (offsets stay valid)."""
    return text.translate(_FOLD_TABLE)


@dataclass(frozen=True)
class Unit:
    text: str
    start: int  # character offsets in the folded (= original) text
    end: int


def units(text: str) -> list[Unit]:
    """Index units of ``text`` in order: CJK bigrams + run-final unigram, Latin/digit words."""
    out: list[Unit] = []
    folded = fold(text)
    for m in _RUN.finditer(folded):
        if m.group(1):
            run, base = m.group(1), m.start()
            for i in range(len(run) - 1):
                out.append(Unit(run[i:i + 2], base + i, base + i + 2))
            out.append(Unit(run[-1], base + len(run) - 1, base + len(run)))
        else:
            out.append(Unit(m.group(2), m.start(), m.end()))
    return out


def runs(text: str) -> list[str]:
    """The CJK and Latin/digit runs of a folded query term, punctuation dropped."""
    return [m.group(0) for m in _RUN.finditer(fold(text))]


def phrase_units(term: str) -> tuple[list[str], str | None]:
    """Units a query term must match consecutively, and a prefix for a lone CJK character.

    The final unigram of the last CJK run is dropped (in the text the run may go on, so the
    index has a bigram there instead). A term that is one CJK character returns no units and
    that character as a prefix (it matches the bigram starting with it or a run-final unigram).
    """
    found = [u.text for u in units(term)]
    parts = runs(term)
    if not parts:
        return [], None
    last = parts[-1]
    if _is_cjk(last):
        if len(parts) == 1 and len(last) == 1:
            return [], last
        found = found[:-1]  # the last run's final unigram ("5G网" keeps only 5g: rare, tolerated)
    return found, None


def _is_cjk(run: str) -> bool:
    return bool(run) and bool(re.match(rf"[{_CJK}]", run))


@lru_cache(maxsize=4096)
def term_pattern(term: str) -> re.Pattern | None:
    """Regex over folded text that finds ``term`` where the index would match it.

    Cached: a pattern joining several runs carries a negated CJK character class, which costs
    Python's ``re`` about 8 ms per gap to compile, more than the rest of a query; ``re``'s own
    cache (512 patterns, shared with every other module) is too small to keep them while typing.
    """
    parts = runs(term)
    if not parts:
        return None
    pieces = []
    for i, part in enumerate(parts):
        piece = re.escape(part)
        if not _is_cjk(part):
            if i == 0:
                piece = r"(?<![0-9a-z])" + piece
            if i == len(parts) - 1:
                piece += r"(?![0-9a-z])"
        pieces.append(piece)
    gap = "[^0-9a-z" + _CJK + "]{0,3}"  # the index skips punctuation and spaces between runs
    return re.compile(gap.join(pieces))


def index_units(text: str, folded: bool = False) -> set[str]:
    """Every unit the index keeps for ``text``: CJK bigrams, every CJK character, Latin/digit words.

    Single characters are indexed too, so a one-character query reads one posting list
    instead of merging every bigram that starts with it.
    """
    out: set[str] = set()
    for m in _RUN.finditer(text if folded else fold(text)):
        run = m.group(1)
        if run:
            out.update(run)
            out.update(run[i:i + 2] for i in range(len(run) - 1))
        else:
            out.add(m.group(2))
    return out


def form_units(form: str) -> tuple[list[str], bool]:
    """Units whose posting lists all hold every clause containing ``form``, and whether they are exact.

    Exact means the lists alone decide (one CJK character, one CJK bigram, one Latin word);
    otherwise the clause text must confirm the candidates.
    """
    parts = runs(form)
    found: list[str] = []
    for part in parts:
        if _is_cjk(part):
            found += [part] if len(part) == 1 else [part[i:i + 2] for i in range(len(part) - 1)]
        else:
            found.append(part)
    found = list(dict.fromkeys(found))
    exact = len(parts) == 1 and (len(found) == 1) and (not _is_cjk(parts[0]) or len(parts[0]) <= 2)
    return found, exact
