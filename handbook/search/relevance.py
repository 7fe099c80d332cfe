"""Topic clauses above passing mentions, from the clause-knowledge industry relevance.

When a query word names an industry of ``resources/industries/industries.json`` (风电 for
wind) and the database carries the clause-knowledge table ``clause_industries`` (issue 10),
clauses marked ``primary`` for that industry rank higher and ``passing`` ones lower. On a
database without that table every clause keeps factor 1.0.
"""

from __future__ import annotations

from collections.abc import Callable

from handbook.search.analysis import fold

PRIMARY, PASSING = 1.3, 0.75


class IndustryRelevance:
    def __init__(self, store):
        self.store = store
        self._available = callable(getattr(store, "clause_industries", None))
        self._terms: dict[str, str] | None = None
        self._cache: dict[str, dict[str, str]] = {}

    def _industry_terms(self) -> dict[str, str]:
        if self._terms is None:
            from handbook.industries import default_catalogue

            self._terms = {fold(term): i.id for i in default_catalogue().industries for term in (i.name, *i.terms)}
        return self._terms

    def for_terms(self, words: list[str]) -> Callable[[str], float] | None:
        """A clause-key -> factor function for the industries named in ``words``, or None."""
        if not self._available:
            return None
        industries = {self._industry_terms().get(fold(w)) for w in words} - {None}
        if not industries:
            return None
        tables = []
        for industry in sorted(industries):
            if industry not in self._cache:
                try:
                    self._cache[industry] = self.store.clause_industries(industry)
                except Exception:  # an older database without the table: no relevance, no error
                    self._cache[industry] = {}
            tables.append(self._cache[industry])

        def factor(key: str) -> float:
            marks = {t.get(key) for t in tables}
            return PRIMARY if "primary" in marks else PASSING if "passing" in marks else 1.0

        return factor
