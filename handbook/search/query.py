"""Understanding what the officer typed: words, "quoted phrases", -exclusions, 文号, synonyms.

``parse_query`` never raises on odd input: an unbalanced quote is read as if it were
closed, punctuation-only input gives an empty query with a hint, an over-long query is cut
with a notice. A 文号 written in any common form (国发〔2023〕16号, 国发[2023]16号,
国发2023年16号, 国发〔2023〕16 号) is recognised before the words are split, so the space
inside it does not break it apart.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from handbook import docnumber
from handbook.errors import ContentError
from handbook.paths import resource_path
from handbook.search import amounts
from handbook.search.analysis import fold, runs

MAX_QUERY_CHARS = 120
MAX_TERMS = 12

_QUOTED = re.compile(r"\"([^\"]*)\"|“([^”]*)”|「([^」]*)」|『([^』]*)』|‘([^’]*)’")
_SEPARATORS = re.compile(r"[\s，,、；;。|+＋/／]+")
_STRAY_QUOTES = re.compile("[\"“”「」『』‘’']")
_PRICE_UNIT = re.compile(r"元\s*[/／每]\s*(?=[\u4e00-\u9fff])")  # 元/度, 万元/亩: one word, not two
_UNIT_SLASH = "\u2044"  # stands for the slash of a price unit while the query is split


@dataclass(frozen=True)
class Term:
    text: str
    quoted: bool = False
    negated: bool = False
    variants: tuple[str, ...] = ()  # synonyms, never for quoted terms

    @property
    def all_forms(self) -> tuple[str, ...]:
        return (self.text, *self.variants)


@dataclass
class ParsedQuery:
    raw: str
    terms: list[Term] = field(default_factory=list)
    doc_numbers: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    @property
    def positive(self) -> list[Term]:
        return [t for t in self.terms if not t.negated]

    @property
    def negative(self) -> list[Term]:
        return [t for t in self.terms if t.negated]

    @property
    def is_empty(self) -> bool:
        return not self.positive and not self.doc_numbers


class Synonyms:
    """Synonym groups from ``resources/search/synonyms.json``."""

    def __init__(self, groups: list[list[str]]):
        self._by_word: dict[str, tuple[str, ...]] = {}
        for group in groups:
            for word in group:
                others = tuple(w for w in group if w != word)
                self._by_word[fold(word)] = tuple(dict.fromkeys(self._by_word.get(fold(word), ()) + others))

    @classmethod
    def load(cls, path: Path | None = None) -> Synonyms:
        path = path or resource_path("search", "synonyms.json")
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            groups = [list(map(str, g)) for g in data["groups"]]
        except (OSError, ValueError, KeyError, TypeError) as err:
            raise ContentError(f"同义词文件 {path.name} 无法读取：{err}") from err
        return cls(groups)

    def with_pairs(self, pairs: list[list[str]]) -> Synonyms:
        """These groups plus ``pairs`` (abbreviations harvested from the texts)."""
        merged = Synonyms([])
        merged._by_word = dict(self._by_word)
        for group in pairs:
            for word in group:
                others = tuple(w for w in group if w != word)
                merged._by_word[fold(word)] = tuple(dict.fromkeys(merged._by_word.get(fold(word), ()) + others))
        return merged

    def of(self, word: str) -> tuple[str, ...]:
        return self._by_word.get(fold(word), ())


@lru_cache(maxsize=1)
def default_synonyms() -> Synonyms:
    return Synonyms.load()


def parse_query(raw: str, synonyms: Synonyms | None = None) -> ParsedQuery:
    synonyms = synonyms or default_synonyms()
    text = (raw or "").replace("\x00", " ").strip()
    parsed = ParsedQuery(raw=text)
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS]
        parsed.notices.append(f"查询过长，只使用了前 {MAX_QUERY_CHARS} 个字。")

    # 文号 first: they contain brackets and sometimes a space.
    for start, end, number in reversed(docnumber.find_all(text)):
        parsed.doc_numbers.insert(0, number)
        text = text[:start] + " " + text[end:]

    pieces: list[tuple[str, bool]] = []
    pos = 0
    for m in _QUOTED.finditer(text):
        pieces.append((text[pos:m.start()], False))
        pieces.append((next(g for g in m.groups() if g is not None), True))
        pos = m.end()
    pieces.append((text[pos:], False))

    seen: set[tuple[str, bool]] = set()
    for chunk, quoted in pieces:
        if quoted:
            words = [chunk.strip()]
        else:
            chunk = _PRICE_UNIT.sub("元" + _UNIT_SLASH, chunk)
            words = [w.replace(_UNIT_SLASH, "/") for w in _SEPARATORS.split(_STRAY_QUOTES.sub(" ", chunk))]
        for word in words:
            negated = False
            if not quoted and word[:1] in "-－" and len(word) > 1:
                negated, word = True, word[1:]
            if not runs(word):  # punctuation only
                continue
            key = (fold(word), negated)
            if key in seen:
                continue
            seen.add(key)
            variants = () if quoted or negated else synonyms.of(word)
            if not (quoted or negated):  # 每人1万元 is also printed 1万元/人
                variants = tuple(dict.fromkeys(variants + amounts.variants(fold(word), synonyms.of)))
            parsed.terms.append(Term(word, quoted, negated, variants))
    if len(parsed.terms) > MAX_TERMS:
        parsed.terms = parsed.terms[:MAX_TERMS]
        parsed.notices.append(f"查询词过多，只使用了前 {MAX_TERMS} 个。")
    if parsed.is_empty:
        if parsed.negative:
            parsed.notices.append("只有排除词（以 - 开头），请再输入要查找的词语。")
        elif text.strip():
            parsed.notices.append("请输入要查找的汉字、数字或文号。")
        else:
            parsed.notices.append("请输入要查找的词语、文号或条款内容。")
    return parsed
