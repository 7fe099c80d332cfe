"""Clause knowledge: what each clause is, grants, is about and until when it holds.

The second stage after ingestion. ``annotate_document`` takes one parsed document (its clause
tree and metadata) and returns, computed once at build time: per clause its role, heading path,
citation, measure window, incentive facts and industry relevance; per document its validity
(effective, valid until, trial, draft, year) and issuers inferred from the text. Nothing here
reads or writes the database; ``ingest/build.py`` stores the result.
"""

from handbook.knowledge.annotate import ClauseKnowledge, DocumentKnowledge, annotate_document

__all__ = ["ClauseKnowledge", "DocumentKnowledge", "annotate_document"]
