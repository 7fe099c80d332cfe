"""Abbreviations the texts define themselves, harvested when the index is built.

Policy texts introduce their own short names: ``自治区科学技术厅（以下简称“自治区科技厅”）``,
``《…若干政策措施》（以下简称《若干措施》）``, ``高新技术产业开发区（以下简称高新区）``. The
full name is the run of text before the bracket back to the previous punctuation mark (or
the 《title》 right before it), cut to where the short name's characters begin. The pairs join the curated synonym groups from
``resources/search/synonyms.json`` and, like them, rank below the word the officer typed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

_DEFINITION = re.compile(r"[（(]\s*以下(?:简称|称)为?\s*[“\"《「]?\s*([^”\"》」）)，,。；;]{2,12}?)\s*[”\"》」]?\s*[）)]")
_BOUNDARY = re.compile(r"[，,。；;：:、！？\s（）()“”\"]")
MAX_FULL = 24


def harvest_abbreviations(texts: Iterable[str]) -> list[list[str]]:
    """Sorted ``[short, full]`` pairs defined in ``texts`` with （以下简称…）."""
    pairs: set[tuple[str, str]] = set()
    for text in texts:
        if "以下" not in text:
            continue
        for m in _DEFINITION.finditer(text):
            short = m.group(1).strip()
            full = _tighten(short, _full_name(text[:m.start()]))
            if full and len(full) >= len(short) + 2:
                pairs.add((short, full))
    return sorted([s, f] for s, f in pairs)


def _tighten(short: str, full: str) -> str:
    """The shortest tail of ``full`` that holds the characters of ``short`` in order, else ''.

    A real abbreviation is made of characters of its full name (高新区 from 高新技术产业开发区);
    a label that is not (专项资金 for 财政支持工业经济发展资金, 企业) is not a synonym.
    """
    for start in range(len(full) - 1, -1, -1):
        if full[start] != short[0]:
            continue
        rest = iter(full[start:])
        if all(ch in rest for ch in short):
            return full[start:]
    return ""


def _full_name(before: str) -> str:
    before = before.rstrip()
    if before.endswith("》"):
        start = before.rfind("《")
        return before[start + 1:-1].strip() if start >= 0 and len(before) - start - 2 <= 60 else ""
    cut = max((m.end() for m in _BOUNDARY.finditer(before)), default=0)
    name = before[cut:]
    return name[-MAX_FULL:] if len(name) >= 2 else ""


def segment(word: str, frequency, longest: int = 6, skip: bool = False) -> list[str]:
    """Split a run-together phrase into the fewest pieces the texts contain (氢能补贴 -> 氢能, 补贴).

    ``frequency(piece)`` is how many clauses (or titles) hold the piece, 0 when none; pieces are
    2 to ``longest`` characters (single characters would match almost anything). Among splits
    into as many pieces, the one whose pieces are most common wins: real words recur, chance
    strings across a word boundary (用加计) do not. Returns [] when no split exists. With
    ``skip`` a character that joins no known piece (有 of 高校毕业生有补贴) may be left out, at the
    cost of one piece; then a single known word is an answer too (外国专家 of 招外国专家).
    """
    n = len(word)
    best: list[tuple[tuple[int, float], list[str]] | None] = [None] * (n + 1)
    best[0] = ((0, 0.0), [])
    for end in range(1, n + 1):
        if skip and best[end - 1] is not None:  # leave out word[end - 1]
            (count, weight), pieces = best[end - 1]
            if best[end] is None or (count + 1, weight) < best[end][0]:
                best[end] = ((count + 1, weight), pieces)
        for size in range(min(longest, end), 1, -1):
            prev = best[end - size]
            if prev is None:
                continue
            df = frequency(word[end - size:end])
            if not df:
                continue
            (count, weight), pieces = prev
            cost = (count + 1, weight - math.log1p(df))
            if best[end] is None or cost < best[end][0]:
                best[end] = (cost, pieces + [word[end - size:end]])
    found = best[n][1] if best[n] else []
    if skip and len(found) == 1 and found[0] != word:  # 招外国专家: one known word once 招 is left out
        return found
    return found if len(found) > 1 else []


def segment_words(word: str, frequency, total: int, longest: int = 6, skip: float | None = None) -> list[str]:
    """Split a typed phrase into the words the texts most likely mean (a unigram model).

    Each piece of 2 to ``longest`` characters costs ``log(total / frequency)``: a common word is
    cheap, a chance string across a word boundary (企业要, 专利有) is dear, so 企业获得 splits into
    企业 and 获得 while 营业执照 stays whole. With ``skip`` a character may be left out at that
    cost (到 of 到伊金霍洛旗). Returns [] when no split exists.
    """
    n = len(word)
    best: list[tuple[float, list[str]] | None] = [None] * (n + 1)
    best[0] = (0.0, [])
    for end in range(1, n + 1):
        if skip is not None and best[end - 1] is not None:
            cost, pieces = best[end - 1]
            if best[end] is None or cost + skip < best[end][0]:
                best[end] = (cost + skip, pieces)
        for size in range(min(longest, end), 1, -1):
            prev = best[end - size]
            if prev is None:
                continue
            df = frequency(word[end - size:end])
            if not df:
                continue
            cost = prev[0] + math.log((total + 1) / df)
            if best[end] is None or cost < best[end][0]:
                best[end] = (cost, prev[1] + [word[end - size:end]])
    return best[n][1] if best[n] else []
