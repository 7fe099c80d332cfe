"""Clause and document search: the package the service uses.

analysis (folding, CJK bigram units), query (what the officer typed), index (the index on
disk and its life cycle), retrieval (matching and ranking), snippets, results.
"""

from handbook.search.index import IndexFolder, Progress, index_rows
from handbook.search.results import Entry, Hit, SearchResult
from handbook.search.retrieval import Filters, Searcher
from handbook.search.snippets import make_snippet

__all__ = ["Entry", "Filters", "Hit", "IndexFolder", "Progress", "SearchResult", "Searcher", "index_rows", "make_snippet"]
