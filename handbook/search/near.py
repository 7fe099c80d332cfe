"""Near matches: documents for a long word the texts do not print as typed, below the exact matches.

A word found nowhere, or in fewer documents than fill a page, is split into the words the
texts contain: a word and an amount typed together (年薪60万元: 年薪, 60万元), else the fewest
known words covering it (低空经济: 低空, 经济), else the known words left when a few characters
are left out (回乡创业: 乡创业, printed in 返乡创业). Documents holding those words in one clause
or across clauses follow the exact matches. A word that cannot be split falls back to the
documents sharing most of its rarer bigrams.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from handbook.search.analysis import fold, form_units
from handbook.search.matching import Matcher
from handbook.search.query import Term
from handbook.search.ranking import Ranked, rank
from handbook.search.shown import details
from handbook.search.vocabulary import segment

_AMOUNT_START = re.compile(r"(?<=[^\d.])(?=\d)")  # where an amount starts after a word (年薪|60万元)
NEAR_DOCS = 20  # documents sharing most bigrams considered for near matches
COMMON = 0.1  # bigrams in more than this share of clauses say little in a run-together phrase


class NearMatches:
    """Near matches over one matcher; ``frequency(piece)`` counts the clauses and titles holding a piece."""

    def __init__(self, matcher: Matcher, frequency: Callable[[str], int]):
        self.matcher = matcher
        self._frequency = frequency

    def matches(self, terms: list[Term], allowed, allowed_docs, excluded, have: set[str]) -> list[Ranked]:
        """Documents holding the parts of a long word (低空经济: 低空 and 经济), below the exact matches.

        The word is split into the fewest shorter words the texts contain; documents holding all
        of them in one clause or across clauses follow. A word that cannot be split falls back to
        the documents sharing most of its rarer bigrams.
        """
        near: list[Ranked] = []
        for term in terms:
            pieces = self._pieces(fold(term.text))
            if not pieces:
                return self._bigrams(terms, allowed, allowed_docs, excluded, have)
            parts = [self.matcher.term(Term(p, variants=self.matcher.synonyms.of(p)), parts=False) for p in pieces]
            ranked, _ = rank(parts, self.matcher.corpus, allowed, excluded, None, allowed_docs)
            for r in ranked:
                if r.tier <= 1 and r.doc_id not in have:
                    have.add(r.doc_id)
                    details(r, parts, self.matcher.corpus, excluded)
                    r.match, r.tier, r.score = "near", 3, r.score / (1 + r.tier)
                    near.append(r)
        return sorted(near, key=lambda r: -r.score)

    def _pieces(self, word: str) -> list[str]:
        """The known words of a long word: a word and an amount typed together (年薪60万元: 年薪,
        60万元), else the fewest known words covering it, else the known words left when a few
        characters are left out (回乡创业: 乡创业, printed in 返乡创业) if they cover half of it."""
        amounts = [p for p in _AMOUNT_START.split(word) if p]
        if len(amounts) > 1 and all(self._frequency(p) for p in amounts):
            return amounts
        pieces = segment(word, self._frequency, longest=min(4, len(word) - 1))
        if pieces:
            return pieces
        pieces = segment(word, self._frequency, longest=min(4, len(word) - 1), skip=True)
        return pieces if 2 * sum(map(len, pieces)) >= len(word) else []

    def _bigrams(self, terms: list[Term], allowed, allowed_docs, excluded, have: set[str]) -> list[Ranked]:
        """Documents sharing most bigrams of a word that cannot be split into known words."""
        words = list(dict.fromkeys(u for t in terms for u in form_units(t.text)[0] if len(u) == 2))
        if len(words) < 2:
            return []
        n = len(self.matcher.corpus.keys)
        rare = [w for w in words if self.matcher.index.frequency(w) <= max(50, n * COMMON)]
        if len(rare) < 3:
            rare = sorted(words, key=self.matcher.index.frequency)[:3]
        parts = [self.matcher.term(Term(w), parts=False) for w in rare]
        ranked, _ = rank(parts, self.matcher.corpus, allowed, excluded, None, allowed_docs)
        out = []
        for r in ranked[:NEAR_DOCS]:
            if r.doc_id in have:
                continue
            details(r, parts, self.matcher.corpus, excluded)
            title = self.matcher.corpus.titles[r.doc_id]
            share = sum(1 for w in words if w in title) / len(words)
            covered = len({w for w in rare for _, row in r.rows[:1] if w in self.matcher.corpus.text[row]})
            r.score = share * 10 + covered + (3 - r.tier)
            r.match, r.tier = "near", 3
            if share >= 0.5 or covered >= min(3, len(rare)):
                out.append(r)
        out.sort(key=lambda r: -r.score)
        return out
