"""Amounts typed one way and printed another.

An officer types an amount per unit in either order (每人1万元 or 1万元/人, 每千瓦200元 or
200元/千瓦), and a price in either unit word of a synonym group (0.3元/千瓦时 where the text
says 元/度); the texts also print many prices as a range (0.29—0.33元/度). ``variants`` gives
the other spellings of an amount word (they rank like synonyms, below the typed spelling);
``in_range`` finds, among the clauses printing the unit, those whose printed range holds the
typed value. Both are rules over the shape of an amount, never lists of amounts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

_NUMBER = r"\d+(?:\.\d+)?"
_SCALE = r"(?:万|亿|千)?"
_UNIT = r"[\u4e00-\u9fff]{1,3}"
_PER_FIRST = re.compile(rf"^每([\u4e00-\u9fff]{{1,4}}?)({_NUMBER}{_SCALE}元)$")  # 每人1万元
_PER_LAST = re.compile(rf"^({_NUMBER}{_SCALE}元)/([\u4e00-\u9fff]{{1,4}})$")  # 1万元/人
_LEADING_NUMBER = re.compile(rf"^({_NUMBER}{_SCALE})(\D.*)$")  # 0.3 | 元/千瓦时
_PRICE = re.compile(rf"^({_NUMBER})({_SCALE}元/{_UNIT})$")  # a value per unit: 0.3 元/千瓦时
_RANGE_DASH = r"\s*(?:—|–|-|~|至|到)\s*"
MAX_SHOWN = 6  # printed ranges kept for highlighting


def variants(word: str, synonyms_of: Callable[[str], Iterable[str]]) -> tuple[str, ...]:
    """Other spellings of an amount word: the unit before or after the amount, the unit's synonyms."""
    out: list[str] = []
    m = _PER_FIRST.match(word)
    if m:
        out.append(f"{m.group(2)}/{m.group(1)}")
    m = _PER_LAST.match(word)
    if m:
        out.append(f"每{m.group(2)}{m.group(1)}")
    for spelling in [word, *out]:
        m = _LEADING_NUMBER.match(spelling)
        if m:  # 元/千瓦时 -> 元/度, never 度电 (an amount of power, not a price)
            rest = m.group(2)
            keep = rest.split("/")[0] + "/" if "/" in rest else ""
            out += [m.group(1) + other for other in synonyms_of(rest) if other.startswith(keep)]
    return tuple(v for v in dict.fromkeys(out) if v != word)


def price(word: str) -> tuple[float, str] | None:
    """(value, unit) of a price per unit typed as one word (0.3元/千瓦时 -> 0.3, 元/千瓦时), else None."""
    m = _PRICE.match(word)
    return (float(m.group(1)), m.group(2)) if m else None


def in_range(value: float, units: Iterable[str], rows: Iterable[int], texts: list[str]) -> tuple[frozenset[int], tuple[str, ...]]:
    """The clauses among ``rows`` printing a range of one of ``units`` that holds ``value``
    (0.29—0.33元/度 holds 0.3), and the ranges as printed (for highlighting)."""
    pattern = re.compile(rf"({_NUMBER}){_RANGE_DASH}({_NUMBER})\s*(?:{'|'.join(re.escape(u) for u in units)})")
    found: set[int] = set()
    shown: list[str] = []
    for r in rows:
        for m in pattern.finditer(texts[r]):
            low, high = float(m.group(1)), float(m.group(2))
            if low < high and low <= value <= high:
                found.add(r)
                if len(shown) < MAX_SHOWN and m.group(0) not in shown:
                    shown.append(m.group(0))
    return frozenset(found), tuple(shown)
