"""Clause and document search: the package the service uses.

analysis (folding, CJK bigram units), query (what the officer typed), index (the index on
disk and its life cycle), retrieval (matching, ranking and the clauses shown), snippets, results.

The names below are loaded on first use (PEP 562), so importing one light module of the
package (``handbook.search.analysis`` for folding) does not load the whole search engine:
start-up only needs to know whether an index is there.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

_HOMES = {"IndexFolder": "index", "Progress": "index", "index_rows": "index", "Entry": "results", "Hit": "results",
          "SearchResult": "results", "Filters": "retrieval", "Searcher": "retrieval", "make_snippet": "snippets"}

__all__ = ["Entry", "Filters", "Hit", "IndexFolder", "Progress", "SearchResult", "Searcher", "index_rows", "make_snippet"]

if TYPE_CHECKING:
    from handbook.search.index import IndexFolder, Progress, index_rows
    from handbook.search.results import Entry, Hit, SearchResult
    from handbook.search.retrieval import Filters, Searcher
    from handbook.search.snippets import make_snippet


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
